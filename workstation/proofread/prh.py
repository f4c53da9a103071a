"""textlint-prh YAML dictionaries: ``rules`` of ``expected`` + ``pattern``/``patterns`` + ``specs``, ``imports``."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from workstation.errors import WorkstationError
from workstation.i18n import Text

JS_REGEX_RE = re.compile(r"^/(.*)/([gimsuy]*)$", re.DOTALL)
MAX_IMPORT_DEPTH = 8


class DictionaryError(WorkstationError):
    """A prh dictionary cannot be read, is malformed, or fails its own specs."""


@dataclass(frozen=True)
class PrhRule:
    """One dictionary entry: the compiled patterns and the expected spelling (``$1`` references allowed)."""

    expected: str
    patterns: tuple[re.Pattern[str], ...]
    prh: str = ""

    def replace(self, match: re.Match[str]) -> str:
        return match.expand(_js_replacement(self.expected))

    def apply(self, text: str) -> str:
        """``text`` with every match replaced (used to run specs)."""
        for pattern in self.patterns:
            text = pattern.sub(self.replace, text)
        return text


@dataclass(frozen=True)
class PrhDictionary:
    path: Path
    rules: tuple[PrhRule, ...]


def _js_replacement(expected: str) -> str:
    """prh's ``$1``/``$&`` replacement syntax as a Python ``Match.expand`` template."""
    escaped = expected.replace("\\", "\\\\")
    escaped = re.sub(r"\$&", r"\\g<0>", escaped)
    return re.sub(r"\$(\d+)", r"\\g<\1>", escaped)


def _compile(source: str, where: str) -> re.Pattern[str]:
    match = JS_REGEX_RE.match(source)
    try:
        if match:
            body, flags = match.groups()
            body = re.sub(r"\(\?<([A-Za-z_][A-Za-z0-9_]*)>", r"(?P<\1>", body)
            value = 0
            if "i" in flags:
                value |= re.IGNORECASE
            if "m" in flags:
                value |= re.MULTILINE
            if "s" in flags:
                value |= re.DOTALL
            return re.compile(body, value)
        return re.compile(re.escape(source))
    except re.error as exc:
        raise DictionaryError(
            Text(
                f"{where}: 正規表現 {source!r} が不正です（{exc}）。",
                f"{where}: invalid regular expression {source!r} ({exc}).",
            ),
        ) from exc


def _default_pattern(expected: str) -> re.Pattern[str]:
    """prh's pattern when none is given: the expected word, ignoring ASCII case and full/half width."""
    parts = []
    for char in expected:
        if char.isascii() and char.isalnum():
            wide = chr(ord(char) + 0xFEE0)
            variants = {
                char,
                wide,
                char.lower(),
                char.upper(),
                chr(ord(char.lower()) + 0xFEE0),
                chr(ord(char.upper()) + 0xFEE0),
            }
            parts.append("[" + "".join(sorted(re.escape(v) for v in variants)) + "]")
        else:
            parts.append(re.escape(char))
    return re.compile("".join(parts))


def load_prh_dictionary(path: str | os.PathLike[str]) -> PrhDictionary:
    """Load a prh YAML file (following ``imports``) and run its ``specs``; raise :class:`DictionaryError`."""
    resolved = Path(path).expanduser().resolve()
    try:
        stamp = resolved.stat().st_mtime_ns
    except OSError as exc:
        raise DictionaryError(
            Text(f"辞書ファイルを読み込めません: {path}", f"Cannot read the dictionary file: {path}"),
            detail=str(exc),
        ) from exc
    return _load_cached(resolved, stamp)


@cache
def _load_cached(path: Path, stamp: int) -> PrhDictionary:
    return PrhDictionary(path, tuple(_load(path, 0, frozenset())))


def _load(path: Path, depth: int, seen: frozenset[Path]) -> list[PrhRule]:
    import yaml

    if depth > MAX_IMPORT_DEPTH or path in seen:
        raise DictionaryError(
            Text(
                f"{path.name}: imports が循環しているか深すぎます。",
                f"{path.name}: imports are circular or too deep.",
            )
        )
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise DictionaryError(
            Text(f"辞書ファイルを読み込めません: {path}", f"Cannot read the dictionary file: {path}"),
            detail=str(exc),
        ) from exc
    except yaml.YAMLError as exc:
        raise DictionaryError(
            Text(f"{path.name}: YAML として読めません。", f"{path.name}: not valid YAML."), detail=str(exc)
        ) from exc
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise DictionaryError(
            Text(
                f"{path.name}: 最上位は rules を持つ表にしてください。",
                f"{path.name}: the top level must be a mapping with rules.",
            )
        )
    rules: list[PrhRule] = []
    for imported in _as_list(data.get("imports")):
        target = imported.get("path") if isinstance(imported, dict) else imported
        if not isinstance(target, str):
            raise DictionaryError(
                Text(f"{path.name}: imports の指定が不正です。", f"{path.name}: invalid imports entry.")
            )
        rules.extend(_load((path.parent / target).resolve(), depth + 1, seen | {path}))
    for number, entry in enumerate(_as_list(data.get("rules")), start=1):
        rules.append(_rule(entry, f"{path.name} rules[{number}]"))
    return rules


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _rule(entry: Any, where: str) -> PrhRule:
    if isinstance(entry, str):
        entry = {"expected": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("expected"), str):
        raise DictionaryError(
            Text(f"{where}: expected（正しい表記）がありません。", f"{where}: expected is missing.")
        )
    expected = entry["expected"]
    sources = _as_list(entry.get("patterns")) + _as_list(entry.get("pattern"))
    if any(not isinstance(source, str) for source in sources):
        raise DictionaryError(
            Text(f"{where}: pattern は文字列で指定してください。", f"{where}: patterns must be strings.")
        )
    patterns = tuple(_compile(source, where) for source in sources) or (_default_pattern(expected),)
    rule = PrhRule(expected, patterns, str(entry.get("prh", "")))
    for spec in _as_list(entry.get("specs")):
        if not isinstance(spec, dict) or "from" not in spec or "to" not in spec:
            raise DictionaryError(
                Text(f"{where}: specs には from と to が必要です。", f"{where}: specs need from and to.")
            )
        got = rule.apply(str(spec["from"]))
        if got != str(spec["to"]):
            raise DictionaryError(
                Text(
                    f"{where}: specs が一致しません。「{spec['from']}」は「{spec['to']}」になるはずが「{got}」になりました。",
                    f"{where}: spec failed: 「{spec['from']}」 should become 「{spec['to']}」 but became 「{got}」.",
                )
            )
    return rule

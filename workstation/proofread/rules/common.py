"""Small helpers shared by rules: character classes, kana conversion, morpheme lookups."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from workstation.i18n import Text
from workstation.paths import resources_dir
from workstation.proofread.analyzer import Analysis

KANJI_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ]")


def has_kanji(text: str) -> bool:
    return bool(KANJI_RE.search(text))


def to_hiragana(text: str) -> str:
    """Katakana to hiragana (ヴ and the long-vowel mark are kept)."""
    return "".join(chr(ord(char) - 0x60) if "ァ" <= char <= "ヶ" and char != "ヴ" else char for char in text)


@cache
def load_data(name: str) -> dict[str, Any]:
    """A TOML rule-data file from ``resources/proofread/data``."""
    path = resources_dir() / "proofread" / "data" / name
    with path.open("rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class PatternEntry:
    """A data-file pattern: the regex, its replacement template and the reason (ja, en)."""

    regex: re.Pattern[str]
    fix: str
    why: Text


@cache
def load_patterns(name: str) -> tuple[PatternEntry, ...]:
    """``[[entry]]`` tables (pattern, fix, why = [ja, en]) of a data file, compiled."""
    entries = []
    for entry in load_data(name)["entry"]:
        why = entry.get("why", ["", ""])
        entries.append(PatternEntry(re.compile(entry["pattern"]), entry.get("fix", ""), Text(why[0], why[1])))
    return tuple(entries)


def pattern_matches(
    analysis: Analysis, entries: tuple[PatternEntry, ...]
) -> Iterator[tuple[int, int, str, str, PatternEntry]]:
    """``(start, end, found, replacement, entry)`` for matches that start on a morpheme boundary."""
    starts = {morpheme.start for morpheme in analysis.morphemes}
    for entry in entries:
        for match in entry.regex.finditer(analysis.text):
            group = "w" if "w" in entry.regex.groupindex else 0
            start, end = match.span(group)
            if match.start() not in starts:
                continue
            replacement = entry.fix if group == "w" else match.expand(entry.fix)
            yield start, end, match.group(group), replacement, entry


CONTEXT_MARGIN = 40
_CLAUSE_END_RE = re.compile(r"[。．！？!?]")


def local_context(text: str, start: int, end: int, margin: int = CONTEXT_MARGIN) -> tuple[int, str]:
    """``(offset, snippet)``: the sentence around ``text[start:end]``, at most ``margin`` characters each side.

    Repair candidates are re-analysed in this window only, so a long paragraph costs no more than a short one.
    """
    left = max(0, start - margin)
    right = min(len(text), end + margin)
    for match in _CLAUSE_END_RE.finditer(text, left, start):
        left = match.end()
    found = _CLAUSE_END_RE.search(text, end, right)
    if found:
        right = found.end()
    return left, text[left:right]

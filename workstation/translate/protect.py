"""Protected spans: text that must come out of translation unchanged, or as the glossary says.

Numbers, dates and times, URLs, e-mail addresses, file names and the user's "do not translate" terms are
replaced by numbered placeholders (``[1]``, ``[2]`` ...) before translation — neural models copy such
markers reliably, while they garble long URLs and rewrite terms — and put back afterwards. Glossary terms are
masked the same way and come back as their required translation (``replacements``). Whatever the model dropped
is reported so that the user can fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from workstation.core.spans import Span

__all__ = [
    "DEFAULT_KINDS",
    "MaskedText",
    "ProtectedKind",
    "ProtectedSpan",
    "Restored",
    "find_protected",
    "mask",
    "missing_spans",
    "unmask",
]


class ProtectedKind(StrEnum):
    URL = "url"
    EMAIL = "email"
    FILE = "file"
    DATE = "date"
    NUMBER = "number"
    TERM = "term"
    PLACEHOLDER = "placeholder"
    """Text that already looks like one of our placeholders; masked so that it cannot be confused."""


DEFAULT_KINDS: frozenset[ProtectedKind] = frozenset(ProtectedKind)

_FILE_EXTENSIONS = (
    "docx?|xlsx?|pptx?|pdf|txt|csv|tsv|json|xml|html?|zip|7z|tar|gz|png|jpe?g|gif|tiff?|msg|eml|md|rtf|odt|"
    "ods|odp|py|exe|dll|log|ini|cfg|yaml|yml|wsmodel|argosmodel|jtd|ichitaro"
)
_PATTERNS: tuple[tuple[ProtectedKind, re.Pattern[str]], ...] = (
    (ProtectedKind.URL, re.compile(r"(?:(?:https?|ftp)://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%()\[\]]+")),
    (ProtectedKind.EMAIL, re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")),
    (
        ProtectedKind.FILE,
        re.compile(
            r"(?:[A-Za-z]:\\|\\\\|\.{0,2}/)?(?:[\w.-]+[/\\])*[\w-]+(?:[.-][\w-]+)*\.(?:" + _FILE_EXTENSIONS + r")(?![\w])",
            re.IGNORECASE | re.ASCII,
        ),
    ),
    (
        ProtectedKind.DATE,
        re.compile(
            r"(?<![\d.])(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?Z?)?"
            r"|\d{1,2}/\d{1,2}/\d{2,4}|\d{1,2}:\d{2}(?::\d{2})?)(?![\d])",
            re.ASCII,
        ),
    ),
    (ProtectedKind.NUMBER, re.compile(r"(?<![\w.])[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d])", re.ASCII)),
)
PLACEHOLDER_FORMAT = "[{number}]"
_PLACEHOLDER = re.compile(r"[\[［]\s*([0-9０-９]{1,3})\s*[\]］]")
_TRAILING_PUNCTUATION = ".,;:!?)]}'\"。、"


@dataclass(frozen=True)
class ProtectedSpan:
    """A protected part of the source: what it is, where, its text and the placeholder standing for it."""

    kind: ProtectedKind
    span: Span
    text: str
    placeholder: str = ""
    replacement: str = ""
    """For a glossary term: its required translation, put in place of the placeholder."""

    @property
    def output(self) -> str:
        """What the translation must contain for this span: the replacement, else the text itself."""
        return self.replacement or self.text


@dataclass(frozen=True)
class MaskedText:
    """A sentence with its protected spans replaced by placeholders."""

    original: str
    masked: str
    spans: tuple[ProtectedSpan, ...]


@dataclass(frozen=True)
class Restored:
    """A translation with the placeholders put back, and the protected spans the model lost."""

    text: str
    missing: tuple[ProtectedSpan, ...]


def _term_pattern(term: str) -> re.Pattern[str]:
    escaped = re.escape(term)
    if term[:1].isascii() and term[:1].isalnum():
        escaped = r"(?<![\w])" + escaped
    if term[-1:].isascii() and term[-1:].isalnum():
        escaped += r"(?![\w])"
    return re.compile(escaped)


def find_protected(
    text: str, *, terms: Iterable[str] = (), kinds: Iterable[ProtectedKind] = DEFAULT_KINDS
) -> list[ProtectedSpan]:
    """Protected spans of ``text``, in order and without overlaps (earlier, then longer, wins)."""
    wanted = set(kinds)
    candidates: list[tuple[int, int, ProtectedKind]] = []
    if ProtectedKind.TERM in wanted:
        for term in sorted({term for term in terms if term.strip()}, key=len, reverse=True):
            candidates += [(m.start(), m.end(), ProtectedKind.TERM) for m in _term_pattern(term).finditer(text)]
    candidates += [(m.start(), m.end(), ProtectedKind.PLACEHOLDER) for m in _PLACEHOLDER.finditer(text)]
    for kind, pattern in _PATTERNS:
        if kind not in wanted:
            continue
        for match in pattern.finditer(text):
            end = match.end()
            if kind in (ProtectedKind.URL, ProtectedKind.FILE):
                while end > match.start() and text[end - 1] in _TRAILING_PUNCTUATION:
                    end -= 1
            candidates.append((match.start(), end, kind))
    priority = {ProtectedKind.TERM: 0, ProtectedKind.PLACEHOLDER: 1}
    candidates.sort(key=lambda item: (item[0], -(item[1] - item[0]), priority.get(item[2], 2)))
    spans: list[ProtectedSpan] = []
    covered_until = 0
    for start, end, kind in candidates:
        if start >= covered_until and end > start:
            spans.append(ProtectedSpan(kind, Span(start, end), text[start:end]))
            covered_until = end
    return spans


def mask(
    text: str,
    *,
    terms: Iterable[str] = (),
    kinds: Iterable[ProtectedKind] = DEFAULT_KINDS,
    replacements: Mapping[str, str] | None = None,
) -> MaskedText:
    """Replace the protected spans of ``text`` by ``[1]``, ``[2]`` ... (identical texts share a number).

    ``replacements`` maps glossary terms (masked as terms too) to the translation :func:`unmask` puts back."""
    replacements = replacements or {}
    chosen = frozenset(kinds)
    kept = list(terms) if ProtectedKind.TERM in chosen else []
    wanted = chosen | {ProtectedKind.TERM} if replacements else chosen
    parts: list[str] = []
    spans: list[ProtectedSpan] = []
    numbers: dict[str, str] = {}
    position = 0
    for found in find_protected(text, terms=[*kept, *replacements], kinds=wanted):
        placeholder = numbers.setdefault(found.text, PLACEHOLDER_FORMAT.format(number=len(numbers) + 1))
        parts += [text[position : found.span.start], placeholder]
        replacement = replacements.get(found.text, "") if found.kind is ProtectedKind.TERM else ""
        spans.append(ProtectedSpan(found.kind, found.span, found.text, placeholder, replacement))
        position = found.span.end
    parts.append(text[position:])
    return MaskedText(text, "".join(parts), tuple(spans))


def unmask(translation: str, masked: MaskedText) -> Restored:
    """Put the protected texts (or their replacements) back into ``translation``; report the ones whose
    placeholder is gone."""
    by_number = {_number(span.placeholder): span.output for span in masked.spans}
    seen: set[int] = set()

    def restore(match: re.Match[str]) -> str:
        number = _number(match.group(0))
        if number in by_number:
            seen.add(number)
            return by_number[number]
        return match.group(0)

    text = _PLACEHOLDER.sub(restore, translation) if masked.spans else translation
    missing = tuple(span for span in masked.spans if _number(span.placeholder) not in seen)
    return Restored(text, _unique(missing))


def missing_spans(spans: Sequence[ProtectedSpan], target: str) -> list[ProtectedSpan]:
    """The protected spans whose output does not occur in ``target`` (each distinct text checked once)."""
    return [span for span in _unique(spans) if span.output not in target]


def _number(placeholder: str) -> int:
    digits = re.sub(r"\D", "", placeholder.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    return int(digits) if digits else -1


def _unique(spans: Iterable[ProtectedSpan]) -> tuple[ProtectedSpan, ...]:
    seen: set[str] = set()
    unique = []
    for span in spans:
        if span.text not in seen:
            seen.add(span.text)
            unique.append(span)
    return tuple(unique)

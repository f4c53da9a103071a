"""Glossaries: term pairs, finding terms in text (longest match, Japanese-aware) and the terminology QA check."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from workstation.i18n import Text
from workstation.store.matching import primary_language

__all__ = ["Glossary", "GlossaryEntry", "GlossaryIssue", "TermMatch", "check_glossary"]

_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
_WORD = re.compile(r"[0-9A-Za-z]")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f々〆ヵヶ]")


@dataclass(frozen=True)
class GlossaryEntry:
    """A term and its required translation; ``do_not_translate`` terms must stay as they are."""

    source: str
    target: str
    note: str = ""
    do_not_translate: bool = False
    alternatives: tuple[str, ...] = ()
    """Other accepted translations."""
    forbidden: tuple[str, ...] = ()
    """Translations not to use (deprecated or superseded terms)."""

    @property
    def accepted_targets(self) -> tuple[str, ...]:
        return (self.source,) if self.do_not_translate else (self.target, *self.alternatives)


@dataclass(frozen=True)
class TermMatch:
    """A glossary term found in a text: code-point span, the entry, and the form that matched."""

    start: int
    end: int
    entry: GlossaryEntry
    term: str


@dataclass(frozen=True)
class GlossaryIssue:
    """A terminology problem: ``missing`` (span in the source) or ``forbidden`` (span in the target)."""

    kind: Literal["missing", "forbidden"]
    start: int
    end: int
    entry: GlossaryEntry
    message: Text


@dataclass
class _TermIndex:
    """Terms by folded form, and the term lengths to try at each first character (longest first)."""

    folded: dict[str, list[tuple[GlossaryEntry, str]]] = field(default_factory=dict)
    exact: dict[str, list[tuple[GlossaryEntry, str]]] = field(default_factory=dict)
    lengths: dict[str, list[int]] = field(default_factory=dict)

    def add(self, term: str, entry: GlossaryEntry) -> None:
        term = term.strip()
        if not term:
            return
        case_sensitive = _is_acronym(term)
        key = _width_fold(term) if case_sensitive else _fold(term)
        (self.exact if case_sensitive else self.folded).setdefault(key, []).append((entry, term))
        lengths = self.lengths.setdefault(key[0].lower(), [])
        if len(key) not in lengths:
            lengths.append(len(key))
            lengths.sort(reverse=True)


class Glossary:
    """Term pairs in one language direction (``source_lang`` → ``target_lang``); usable both ways."""

    def __init__(
        self,
        entries: Iterable[GlossaryEntry] = (),
        *,
        source_lang: str = "ja",
        target_lang: str = "en",
        name: str = "",
        skipped: int = 0,
    ) -> None:
        self.entries: tuple[GlossaryEntry, ...] = tuple(entries)
        self.source_lang = primary_language(source_lang)
        self.target_lang = primary_language(target_lang)
        self.name = name
        self.skipped = skipped
        """Rows or entries of the imported file that had no usable term pair."""
        self._indexes: dict[str, _TermIndex] = {}

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"Glossary({self.name!r}, {self.source_lang}->{self.target_lang}, {len(self)} entries)"

    def find_terms(self, text: str, lang: str) -> list[TermMatch]:
        """Non-overlapping glossary terms of language ``lang`` in ``text``, longest match first, left to right.

        English terms match case-insensitively (acronyms such as "NATO" exactly) at word boundaries, with
        simple plurals; Japanese terms match at morpheme boundaries.
        """
        return _find(text, self._index(primary_language(lang)))

    def required_translation(self, entry: GlossaryEntry, source_lang: str) -> str:
        """What a term of ``entry`` found in a ``source_lang`` text must become in the translation."""
        forward = primary_language(source_lang) == self.source_lang
        return entry.target if forward and not entry.do_not_translate else entry.source

    def translations_in(self, text: str, source_lang: str) -> tuple[tuple[str, str], ...]:
        """(term as written in ``text``, required translation) for each glossary term ``text`` contains, for the
        engine to put into the translation; "do not translate" terms are the engine's kept terms instead."""
        pairs = {}
        for match in self.find_terms(text, source_lang):
            written = text[match.start : match.end]
            required = self.required_translation(match.entry, source_lang)
            if not match.entry.do_not_translate and required.strip() and required != written:
                pairs[written] = required
        return tuple(pairs.items())

    def protected_terms(self) -> list[str]:
        """The "do not translate" terms, for the engine to keep as they are."""
        return sorted({entry.source for entry in self.entries if entry.do_not_translate}, key=lambda t: (-len(t), t))

    def _index(self, lang: str) -> _TermIndex:
        index = self._indexes.get(lang)
        if index is None:
            index = _TermIndex()
            for entry in self.entries:
                for term in self._terms(entry, lang):
                    index.add(term, entry)
            self._indexes[lang] = index
        return index

    def _terms(self, entry: GlossaryEntry, lang: str) -> list[str]:
        if lang == self.source_lang:
            terms = [entry.source]
            if entry.do_not_translate and self.target_lang == lang:
                terms.append(entry.target)
        elif lang == self.target_lang:
            terms = list(entry.accepted_targets)
        else:
            return []
        if lang == "en":
            terms += [form for term in terms for form in _english_plurals(term)]
        return terms

    def _forbidden_index(self, lang: str) -> _TermIndex:
        key = f"forbidden:{lang}"
        index = self._indexes.get(key)
        if index is None:
            index = _TermIndex()
            for entry in self.entries:
                sides = entry.forbidden if lang == self.target_lang else ()
                for term in sides:
                    index.add(term, entry)
            self._indexes[key] = index
        return index


def check_glossary(
    source: str, target: str, glossary: Glossary, src_lang: str, tgt_lang: str
) -> list[GlossaryIssue]:
    """Flag source terms whose glossary translation is absent from ``target``, and forbidden terms used in it."""
    src, tgt = primary_language(src_lang), primary_language(tgt_lang)
    if {src, tgt} != {glossary.source_lang, glossary.target_lang}:
        return []
    # Works both ways: with the glossary reversed, a source term is one of its targets and its source is expected.
    reverse = src == glossary.target_lang
    present = {id(entry) for _, _, entries in _find_all(target, glossary._index(tgt)) for entry in entries}
    issues = []
    for start, end, entries in _find_all(source, glossary._index(src)):
        if any(id(entry) in present for entry in entries):
            continue
        expected = _expected(entries, reverse)
        term = source[start:end]
        issues.append(
            GlossaryIssue(
                "missing",
                start,
                end,
                entries[0],
                Text(
                    f"用語集：「{term}」は「{expected}」と訳してください。",
                    f"Glossary: translate “{term}” as “{expected}”.",
                ),
            )
        )
    if tgt == glossary.target_lang:
        for match in _find(target, glossary._forbidden_index(tgt)):
            issues.append(
                GlossaryIssue(
                    "forbidden",
                    match.start,
                    match.end,
                    match.entry,
                    Text(
                        f"用語集：「{match.term}」は使わず「{match.entry.target}」としてください。",
                        f"Glossary: do not use “{match.term}”; use “{match.entry.target}”.",
                    ),
                )
            )
    return issues


def _find(text: str, index: _TermIndex) -> list[TermMatch]:
    return [TermMatch(start, end, entries[0], text[start:end]) for start, end, entries in _find_all(text, index)]


def _find_all(text: str, index: _TermIndex) -> list[tuple[int, int, list[GlossaryEntry]]]:
    """Longest non-overlapping term occurrences, each with every entry that has that term."""
    if not text or not index.lengths:
        return []
    folded = _fold(text)
    width_folded = _width_fold(text)
    boundaries: set[int] | None = None
    matches: list[tuple[int, int, list[GlossaryEntry]]] = []
    position = 0
    length = len(text)
    while position < length:
        found = None
        for size in index.lengths.get(folded[position]) or ():
            end = position + size
            if end > length:
                continue
            hits = (index.exact.get(width_folded[position:end]) or []) + (index.folded.get(folded[position:end]) or [])
            if not hits or not _latin_boundaries(width_folded, position, end):
                continue
            if _JAPANESE.search(text[position:end]) or _japanese_edge(text, position, end):
                if boundaries is None:
                    boundaries = _morpheme_boundaries(text)
                if position not in boundaries or end not in boundaries:
                    continue
            found = (position, end, _unique_entries(hits))
            break
        if found is None:
            position += 1
        else:
            matches.append(found)
            position = found[1]
    return matches


def _unique_entries(hits: list[tuple[GlossaryEntry, str]]) -> list[GlossaryEntry]:
    entries: list[GlossaryEntry] = []
    for entry, _ in hits:
        if not any(entry is seen for seen in entries):
            entries.append(entry)
    return entries


def _expected(entries: list[GlossaryEntry], reverse: bool) -> str:
    forms: list[str] = []
    for entry in entries:
        for form in (entry.source,) if reverse else entry.accepted_targets:
            if form not in forms:
                forms.append(form)
    return " / ".join(forms)


def _fold(text: str) -> str:
    """Width- and case-folded, keeping one character per character so that offsets stay valid."""
    narrowed = text.translate(_WIDTH)
    lowered = narrowed.lower()
    if len(lowered) == len(narrowed):
        return lowered
    return "".join(char.lower() if len(char.lower()) == 1 else char for char in narrowed)


def _width_fold(text: str) -> str:
    return text.translate(_WIDTH)


def _is_acronym(term: str) -> bool:
    letters = [char for char in term if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters) and all(char.isascii() for char in letters)


def _latin_boundaries(narrowed: str, start: int, end: int) -> bool:
    """A term starting or ending with a Latin letter or digit may not continue into a neighbouring word."""
    if _WORD.match(narrowed[start]) and start > 0 and _WORD.match(narrowed[start - 1]):
        return False
    return not (_WORD.match(narrowed[end - 1]) and end < len(narrowed) and _WORD.match(narrowed[end]))


def _japanese_edge(text: str, start: int, end: int) -> bool:
    return bool(
        (start > 0 and _JAPANESE.match(text[start - 1])) or (end < len(text) and _JAPANESE.match(text[end]))
    )


def _morpheme_boundaries(text: str) -> set[int]:
    from workstation.core.words import word_spans

    boundaries = {0, len(text)}
    for start, end in word_spans(text, "ja"):
        boundaries.add(start)
        boundaries.add(end)
    return boundaries


def _english_plurals(term: str) -> list[str]:
    if not term or not term[-1].isalpha() or not term.isascii() or _is_acronym(term):
        return []
    lower = term.lower()
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return [term + "es"]
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return [term[:-1] + "ies"]
    return [term + "s"]

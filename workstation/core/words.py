"""Word boundaries: morphemes (fugashi + UniDic) for Japanese, regex words for Latin-script text.

The spans tile the text: they are contiguous, never empty, and run from 0 to ``len(text)`` in
code points, so whitespace runs and punctuation marks are spans of their own. Diffs snap their
edits to these boundaries; other features (search, caret movement) may reuse them.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    import fugashi

__all__ = ["WORD_LANGS", "detect_word_lang", "word_spans", "words"]

WordLang = Literal["ja", "en"]
WORD_LANGS: tuple[WordLang, ...] = ("ja", "en")

MAX_CHUNK_CHARS = 4096
"""Longest piece handed to MeCab at once; longer lines are cut at punctuation or whitespace."""

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f々〆ヵヶ]")
_LATIN_TOKEN = re.compile(r"\w+(?:['’.\-]\w+)*|\n|[^\S\n]+|[^\w\s]")
_CHUNK_BREAK = re.compile(r"[。．.！？!?、，,\s]")
_UNTAGGABLE = re.compile("[\x00\ud800-\udfff]")

_tagger_lock = threading.Lock()


def detect_word_lang(text: str) -> WordLang:
    """``"ja"`` when the text contains any kana or kanji, else ``"en"``."""
    return "ja" if _JAPANESE.search(text) else "en"


def word_spans(text: str, lang: str | None = None) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` in code points that tile ``text`` at word/morpheme boundaries.

    ``lang`` is ``"ja"`` (fugashi morphemes; Latin runs inside are MeCab's word units),
    ``"en"`` (regex words, whitespace runs, single punctuation marks) or ``None`` to detect.
    """
    if not text:
        return []
    chosen = detect_word_lang(text) if lang is None else lang
    if chosen == "ja":
        return _japanese_spans(text)
    if chosen == "en":
        return _latin_spans(text)
    raise ValueError(f"unknown word language {lang!r}; expected one of {WORD_LANGS} or None")


def words(text: str, lang: str | None = None) -> list[str]:
    """The pieces of ``text`` cut at :func:`word_spans` (they join back to ``text``)."""
    return [text[start:end] for start, end in word_spans(text, lang)]


def _latin_spans(text: str) -> list[tuple[int, int]]:
    return [match.span() for match in _LATIN_TOKEN.finditer(text)]


@lru_cache(maxsize=1)
def _tagger() -> fugashi.Tagger:
    import fugashi

    return fugashi.Tagger()


def _japanese_spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for chunk_start, chunk_end in _chunks(text):
        spans.extend(_morpheme_spans(text, chunk_start, chunk_end))
    return spans


def _chunks(text: str) -> list[tuple[int, int]]:
    """Cut ``text`` into lines (newline kept with its line), long lines at a late break character."""
    pieces: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    while start < length:
        newline = text.find("\n", start)
        line_end = length if newline < 0 else newline + 1
        while line_end - start > MAX_CHUNK_CHARS:
            window = text[start : start + MAX_CHUNK_CHARS]
            cut = max((m.end() for m in _CHUNK_BREAK.finditer(window, MAX_CHUNK_CHARS // 2)), default=0)
            cut = cut or MAX_CHUNK_CHARS
            pieces.append((start, start + cut))
            start += cut
        pieces.append((start, line_end))
        start = line_end
    return pieces


def _morpheme_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Morpheme spans of ``text[start:end]`` in whole-text offsets; whitespace becomes its own span.

    MeCab drops the whitespace before a morpheme (``word.white_space`` holds it), so every
    surface is verified against the text; anything MeCab altered or skipped falls back to
    one span per character rather than producing wrong offsets. NUL and lone surrogates,
    which MeCab cannot take, are replaced one for one by U+FFFD first so offsets still hold.
    """
    chunk = _UNTAGGABLE.sub("\ufffd", text[start:end])
    with _tagger_lock:
        nodes = [(word.white_space, word.surface) for word in _tagger()(chunk)]
    spans: list[tuple[int, int]] = []
    position = 0
    for white_space, surface in nodes:
        if white_space and chunk.startswith(white_space, position):
            spans.append((start + position, start + position + len(white_space)))
            position += len(white_space)
        if not surface:
            continue
        found = position if chunk.startswith(surface, position) else chunk.find(surface, position)
        if found < 0:
            break
        if found > position:
            spans.extend(_gap_spans(text, start + position, start + found))
        spans.append((start + found, start + found + len(surface)))
        position = found + len(surface)
    if start + position < end:
        spans.extend(_gap_spans(text, start + position, end))
    return spans


def _gap_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Text MeCab did not report: whitespace runs, single newlines or single characters."""
    spans: list[tuple[int, int]] = []
    position = start
    while position < end:
        if text[position].isspace() and text[position] != "\n":
            stop = position + 1
            while stop < end and text[stop].isspace() and text[stop] != "\n":
                stop += 1
        else:
            stop = position + 1
        spans.append((position, stop))
        position = stop
    return spans

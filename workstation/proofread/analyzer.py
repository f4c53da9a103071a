"""Morphological analysis (fugashi + unidic-lite) with code-point offsets into the original text."""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from typing import Any

DEFAULT_CACHE_SIZE = 8192
"""Paragraph analyses kept in memory (text-keyed LRU)."""

SENTENCE_ENDERS = frozenset("。．！？!?")
OPENING_BRACKETS = "「『（(【〔［[〈《｛{"
CLOSING_BRACKETS = "」』）)】〕］]〉》｝}"
BRACKET_PAIRS = dict(zip(OPENING_BRACKETS, CLOSING_BRACKETS, strict=True))
LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True, slots=True)
class Morpheme:
    """One morpheme with UniDic tags; ``start``/``end`` are code-point offsets into its paragraph."""

    surface: str
    start: int
    end: int
    pos1: str
    pos2: str
    pos3: str
    pos4: str
    ctype: str
    cform: str
    lemma: str
    orth_base: str
    kana: str
    kana_base: str
    pron: str
    goshu: str
    unknown: bool

    @property
    def is_symbol(self) -> bool:
        """Punctuation, brackets, other symbols and spaces."""
        return self.pos1 in ("補助記号", "記号", "空白")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence inside a paragraph: offsets into the paragraph and the indices of its morphemes."""

    start: int
    end: int
    first: int
    last: int  # exclusive morpheme index


@dataclass(frozen=True)
class Analysis:
    """A paragraph's text, morphemes and sentences (all offsets relative to the paragraph)."""

    text: str
    morphemes: tuple[Morpheme, ...]

    @cached_property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(_split_sentences(self.text, self.morphemes))

    def sentence_morphemes(self, sentence: Sentence) -> tuple[Morpheme, ...]:
        return self.morphemes[sentence.first : sentence.last]

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A line of the document: its index, absolute offsets and analysis."""

    index: int
    start: int
    end: int
    analysis: Analysis

    @property
    def text(self) -> str:
        return self.analysis.text


def split_lines(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every line, without its line break (``\\r\\n``, ``\\r`` and ``\\n`` all count)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in LINE_BREAK_RE.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _safe_for_mecab(text: str) -> str:
    """Same length as ``text`` but without characters MeCab cannot take (NUL, lone surrogates, controls)."""
    if text.isprintable():
        return text
    chars = []
    for char in text:
        code = ord(char)
        if 0xD800 <= code <= 0xDFFF or char == "\x00":
            chars.append("\ufffd")
        elif unicodedata.category(char) == "Cc":
            chars.append(" ")
        else:
            chars.append(char)
    return "".join(chars)


class Analyzer:
    """fugashi tagger with a text-keyed LRU cache of paragraph analyses; thread-safe."""

    def __init__(self, cache_size: int = DEFAULT_CACHE_SIZE) -> None:
        self._cache: OrderedDict[str, Analysis] = OrderedDict()
        self._cache_size = cache_size
        self._lock = threading.Lock()
        self._tagger: Any = None
        self._cost_tagger: Any = None
        self.misses = 0

    def _get_tagger(self) -> Any:
        if self._tagger is None:
            import fugashi

            self._tagger = fugashi.Tagger()
        return self._tagger

    def path_cost(self, text: str) -> int:
        """MeCab's cost of the best analysis of ``text``: word plus connection costs, lower is more natural.

        Rules rank repair candidates of the same sentence by it (していま。 → しています。 beats してまい。).
        """
        with self._lock:
            if self._cost_tagger is None:
                self._cost_tagger = _cost_tagger()
            return int(self._cost_tagger.parse(_safe_for_mecab(text)).strip() or 0)

    def analyze(self, paragraph: str, *, cache: bool = True) -> Analysis:
        """Analyse one paragraph (a line without its line break); ``cache=False`` for throw-away variants."""
        if not cache:
            with self._lock:
                return Analysis(paragraph, tuple(self._tokenize(paragraph)))
        with self._lock:
            cached = self._cache.get(paragraph)
            if cached is not None:
                self._cache.move_to_end(paragraph)
                return cached
            self.misses += 1
            analysis = Analysis(paragraph, tuple(self._tokenize(paragraph)))
            self._cache[paragraph] = analysis
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
            return analysis

    def paragraphs(self, text: str) -> list[Paragraph]:
        """Analyse every line of ``text``."""
        return [
            Paragraph(index, start, end, self.analyze(text[start:end]))
            for index, (start, end) in enumerate(split_lines(text))
        ]

    def _tokenize(self, text: str) -> Iterator[Morpheme]:
        if not text:
            return
        tagger = self._get_tagger()
        safe = _safe_for_mecab(text)
        cursor = 0
        for word in tagger(safe):
            surface = word.surface
            if not surface:
                continue
            cursor += len(word.white_space)
            start = _locate(safe, surface, cursor)
            if start < 0:
                continue
            end = start + len(surface)
            cursor = end
            yield _morpheme(word, text[start:end], start, end)


def _cost_tagger() -> Any:
    """A tagger on the analyzer's dictionary that prints only the total path cost (``%pc`` at EOS).

    ``-O ""`` clears the dictionary's own output format, which would otherwise override the node formats.
    """
    import fugashi

    dicdir = fugashi.fugashi.try_import_unidic()
    return fugashi.GenericTagger(
        f'-r "{dicdir}/mecabrc" -d "{dicdir}" -O "" --node-format= --unk-format= --bos-format= --eos-format=%pc'
    )


def _locate(text: str, surface: str, cursor: int) -> int:
    """Where ``surface`` starts at or after ``cursor``; verified against the text, never assumed."""
    if text.startswith(surface, cursor):
        return cursor
    return text.find(surface, cursor)


def _morpheme(word: Any, surface: str, start: int, end: int) -> Morpheme:
    feature = word.feature

    def get(name: str) -> str:
        value = getattr(feature, name, None)
        return "" if value in (None, "*") else str(value)

    return Morpheme(
        surface=surface,
        start=start,
        end=end,
        pos1=get("pos1"),
        pos2=get("pos2"),
        pos3=get("pos3"),
        pos4=get("pos4"),
        ctype=get("cType"),
        cform=get("cForm"),
        lemma=get("lemma"),
        orth_base=get("orthBase"),
        kana=get("kana"),
        kana_base=get("kanaBase"),
        pron=get("pron"),
        goshu=get("goshu"),
        unknown=bool(word.is_unk),
    )


def _split_sentences(text: str, morphemes: tuple[Morpheme, ...]) -> Iterator[Sentence]:
    """Split at 。．！？ outside brackets; closing brackets and repeated enders stay with the sentence."""
    depth = 0
    first = 0
    count = len(morphemes)
    index = 0
    while index < count:
        morpheme = morphemes[index]
        for char in morpheme.surface:
            if char in BRACKET_PAIRS:
                depth += 1
            elif char in CLOSING_BRACKETS and depth:
                depth -= 1
        ends = depth == 0 and morpheme.surface[-1] in SENTENCE_ENDERS
        if ends:
            while index + 1 < count and morphemes[index + 1].surface[0] in SENTENCE_ENDERS:
                index += 1
            yield Sentence(morphemes[first].start, morphemes[index].end, first, index + 1)
            first = index + 1
        index += 1
    if first < count:
        yield Sentence(morphemes[first].start, morphemes[-1].end, first, count)


_default: Analyzer | None = None


def default_analyzer() -> Analyzer:
    """The process-wide analyzer (one tagger, one paragraph cache)."""
    global _default
    if _default is None:
        _default = Analyzer()
    return _default

"""Text keys and similarity for translation-memory matching: normalised forms, word tokens, scores."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

__all__ = [
    "MatchKind",
    "SegmentKey",
    "fuzzy_score",
    "index_tokens",
    "join_tokens",
    "normalise",
    "primary_language",
    "segment_key",
    "skeleton",
    "split_tokens",
]

MatchKind = Literal["exact", "normalised", "placeables", "fuzzy"]
"""Identical source; identical after width/case/space folding; only numbers or punctuation differ; similar."""

SCORE_EXACT = 100
SCORE_NORMALISED = 99
SCORE_NUMBERS = 98
SCORE_PUNCTUATION = 97
MAX_FUZZY_SCORE = 95
"""A fuzzy match never outranks one that differs only in numbers or punctuation."""
TOKEN_WEIGHT = 0.7
"""Share of the fuzzy score from word-level edit distance; the rest is character-level similarity."""

_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_ENGLISH_STOPWORDS = frozenset(
    ["a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "with", "as", "from"]
)


def primary_language(tag: str) -> str:
    """``"ja"`` for ``ja-JP``, ``JA`` or ``ja_JP``."""
    return tag.replace("_", "-").split("-")[0].strip().lower()


def normalise(text: str) -> str:
    """NFKC (full-width ASCII, half-width kana), case-folded, whitespace collapsed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip().casefold()


def skeleton(text: str) -> str:
    """The normalised text without punctuation, symbols and spaces, with every number as ``0``."""
    folded = _DIGITS.sub("0", normalise(text))
    return "".join(char for char in folded if unicodedata.category(char)[0] not in "PSZ")


def _numberless(text: str) -> str:
    return _DIGITS.sub("0", normalise(text))


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).digest()


def words(text: str, lang: str) -> list[str]:
    """Normalised word tokens (morphemes for Japanese) without spaces and punctuation."""
    from workstation.core.words import word_spans

    folded = normalise(text)
    if not folded:
        return []
    language = "ja" if primary_language(lang) == "ja" else "en"
    tokens = []
    for start, end in word_spans(folded, language):
        token = folded[start:end]
        if any(unicodedata.category(char)[0] in "LN" for char in token):
            tokens.append(token)
    return tokens


_TOKEN_SEPARATOR = "\x1f"


def join_tokens(tokens: tuple[str, ...]) -> str:
    """Tokens as one stored string (unit separator between them; tokens never contain it)."""
    return _TOKEN_SEPARATOR.join(tokens)


def split_tokens(stored: str) -> tuple[str, ...]:
    return tuple(stored.split(_TOKEN_SEPARATOR)) if stored else ()


def index_tokens(tokens: list[str]) -> set[str]:
    """Tokens worth an inverted-index entry: not a single kana, not an English function word."""
    return {
        token
        for token in tokens
        if token not in _ENGLISH_STOPWORDS and not (len(token) == 1 and "\u3040" <= token <= "\u30ff")
    }


@dataclass(frozen=True)
class SegmentKey:
    """What a segment is matched by."""

    text: str
    normalised: str
    tokens: tuple[str, ...]
    norm_hash: bytes
    numbers_hash: bytes
    skeleton_hash: bytes


def segment_key(text: str, lang: str) -> SegmentKey:
    normalised = normalise(text)
    return SegmentKey(
        text,
        normalised,
        tuple(words(text, lang)),
        _digest(normalised),
        _digest(_numberless(text)),
        _digest(skeleton(text)),
    )


def classify(query: SegmentKey, candidate: SegmentKey) -> tuple[int, MatchKind]:
    """Score 0–100 and kind: exact > normalised > numbers differ > punctuation differs > fuzzy (≤ 95)."""
    if query.text == candidate.text:
        return SCORE_EXACT, "exact"
    if query.norm_hash == candidate.norm_hash:
        return SCORE_NORMALISED, "normalised"
    if query.numbers_hash == candidate.numbers_hash:
        return SCORE_NUMBERS, "placeables"
    if query.skeleton_hash == candidate.skeleton_hash and query.skeleton_hash != _EMPTY:
        return SCORE_PUNCTUATION, "placeables"
    return fuzzy_score(query, candidate), "fuzzy"


def fuzzy_score(query: SegmentKey, candidate: SegmentKey) -> int:
    """Blend of word-level and character-level similarity, 0–:data:`MAX_FUZZY_SCORE`."""
    from rapidfuzz.distance import Indel, Levenshtein

    token_similarity = Levenshtein.normalized_similarity(query.tokens, candidate.tokens)
    char_similarity = Indel.normalized_similarity(query.normalised, candidate.normalised)
    score = 100 * (TOKEN_WEIGHT * token_similarity + (1 - TOKEN_WEIGHT) * char_similarity)
    return min(MAX_FUZZY_SCORE, int(score))


_EMPTY = _digest("")

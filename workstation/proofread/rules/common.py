"""Small helpers shared by rules: character classes, kana conversion, morpheme lookups."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Any

from workstation.paths import resources_dir
from workstation.proofread.analyzer import Morpheme, default_analyzer

KANJI_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ]")


def has_kanji(text: str) -> bool:
    return bool(KANJI_RE.search(text))


def to_hiragana(text: str) -> str:
    """Katakana to hiragana (ヴ and the long-vowel mark are kept)."""
    return "".join(chr(ord(char) - 0x60) if "ァ" <= char <= "ヶ" and char != "ヴ" else char for char in text)


def matches_at(regex: re.Pattern[str], text: str) -> tuple[tuple[int, str], ...]:
    """``(start, matched text)`` of every match of ``regex`` in ``text``."""
    return tuple((match.start(), match.group()) for match in regex.finditer(text))


@cache
def load_data(name: str) -> dict[str, Any]:
    """A TOML rule-data file from ``resources/proofread/data``."""
    path = resources_dir() / "proofread" / "data" / name
    with path.open("rb") as handle:
        return tomllib.load(handle)


ICHIDAN_PREFIXES = ("上一段", "下一段", "カ行変格")


@cache
def is_ichidan(form: str, lemma: str) -> bool:
    """Whether ``form`` is the ichidan/kuru verb ``lemma`` (見る, 混ぜる; 乗る is godan, so 乗れる is fine)."""
    morphemes = default_analyzer().analyze(form).morphemes
    return len(morphemes) == 1 and morphemes[0].lemma == lemma and morphemes[0].ctype.startswith(ICHIDAN_PREFIXES)


def ra_restored(morpheme: Morpheme, surface: str | None = None) -> str | None:
    """``surface`` (default: the morpheme's) with the dropped ら put back when the morpheme is a ら抜き potential
    form of an ichidan or kuru verb (見れ → 見られ, 食べれる → 食べられる); None for any other morpheme."""
    surface = morpheme.surface if surface is None else surface
    lemma, base = morpheme.lemma, morpheme.orth_base
    if morpheme.pos1 != "動詞" or not (lemma and base.endswith("れる") and lemma.endswith("る") and base != lemma):
        return None
    stem = base[:-2]
    if not surface.startswith(stem + "れ") or not is_ichidan(stem + "る", lemma):
        return None
    return stem + "ら" + surface[len(stem) :]


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

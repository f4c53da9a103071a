"""表記ゆれ: one word written two ways in one document (サーバー/サーバ, 子供/子ども, 行う/行なう, ３/3)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cache
from itertools import chain
from typing import Any, NamedTuple

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.common import KANJI_RE, load_data, matches_at

CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "副詞", "形状詞", "接続詞", "代名詞", "連体詞"})
WIDTH_CLASSES = (
    ("digits", re.compile(r"[0-9]+"), re.compile(r"[０-９]+")),
    ("letters", re.compile(r"[A-Za-z]+"), re.compile(r"[Ａ-Ｚａ-ｚ]+")),
)

FIELD_SEPARATOR = "\x01"
SPELLING_SEPARATOR = "\x00"
"""A word's key is lemma, part of speech and reading joined by FIELD_SEPARATOR (UniDic fields contain neither);
a spelling is the key, SPELLING_SEPARATOR and the written form, so ``partition`` splits it back."""


def _key(morpheme: Morpheme) -> str | None:
    if morpheme.pos1 not in CONTENT_POS or morpheme.unknown or not morpheme.lemma or morpheme.pos2 == "数詞":
        return None
    if morpheme.pos2 == "固有名詞" or morpheme.surface.isascii():
        return None
    reading = (morpheme.kana_base or morpheme.kana).replace("ー", "")
    return FIELD_SEPARATOR.join((morpheme.lemma, morpheme.pos1, reading))


def _kanji_of(written: str) -> str:
    return "".join(char for char in written if KANJI_RE.match(char))


def _different_kanji(spellings: Iterable[str]) -> bool:
    """異字同訓 (聞く/聴く, 早い/速い, 越える/超える): different kanji mean different things, so this is no 表記ゆれ."""
    kanji = [set(_kanji_of(written)) for written in spellings]
    kanji = [chars for chars in kanji if chars]
    return any(not (a <= b or b <= a) for a in kanji for b in kanji)


def _single_kana(written: str) -> bool:
    """A one-kana spelling (で for 出る) is more often a mis-analysis than a variant."""
    return len(written) <= 2 and not _kanji_of(written) and len(written.rstrip("るうくすつぬむぶぐ")) <= 1


def _written(morpheme: Morpheme) -> str:
    return (
        morpheme.orth_base if morpheme.pos1 in ("動詞", "形容詞") and morpheme.orth_base else morpheme.surface
    )


def _respell(surface: str, source_base: str, target_base: str) -> str:
    """``surface`` (written ``source_base`` in its base form) with that base replaced by ``target_base``."""
    if source_base == surface:
        return target_base
    common = 0
    while common < min(len(surface), len(source_base)) and surface[common] == source_base[common]:
        common += 1
    cut = len(source_base) - common
    if cut > len(target_base):
        return target_base
    return target_base[: len(target_base) - cut] + surface[common:]


Occurrence = tuple[int, int, str]
"""Start and end offsets and the surface of one use of a spelling."""


class VariantFacts(NamedTuple):
    """A paragraph's spelling of each word in order, its uses of each spelling, and its half- and full-width runs
    for each of ``WIDTH_CLASSES``."""

    spellings: tuple[str, ...]
    words: dict[str, tuple[Occurrence, ...]]
    widths: tuple[tuple[tuple[tuple[int, str], ...], tuple[tuple[int, str], ...]], ...]


class NotationVariants(Rule):
    id = "notation-variants"
    category = "notation"
    severity = Severity.WARNING
    name = Text("表記ゆれ", "Inconsistent spelling")
    description = Text(
        "同じ文書の中で、同じ語が二通りに書かれている箇所（サーバー／サーバ、子供／子ども、行う／行なう、取り扱い／取扱い）や、"
        "全角と半角の数字・英字の混在を見つけます。語は見出し語と読みでまとめ、少ない方の書き方を多い方にそろえる案を示します。"
        "「事／こと」「言う／いう」のように意味で書き分ける語は対象外です。",
        "Finds one word spelled two ways in a document (サーバー/サーバ, 子供/子ども, 行う/行なう, 取り扱い/取扱い) and"
        " full-width digits or letters mixed with half-width ones. Words are grouped by lemma and reading; the"
        " less frequent spelling is reported with the majority spelling as the fix. Pairs such as 事/こと or"
        " 言う/いう, written differently on purpose, are ignored.",
    )
    document_level = True
    valid = (
        "音を聞く。音楽を聴く。",
        "朝早く起きる。足が速い。",
        "サーバーを再起動した。サーバーは正常だ。",
        "この事は重要だ。するべきことがある。",
        "3月と4月",
    )
    invalid = (
        Example(
            "サーバーを再起動した。サーバーは正常だ。サーバの設定を見る。",
            span="サーバ",
            suggestion="サーバー",
        ),
        Example("子供の数。子供の声。子どもの笑顔。", span="子ども", suggestion="子供"),
        Example("調査を行う。分析を行う。結果の報告を行なった。", span="行なっ", suggestion="行っ"),
        Example("3月と4月と５月", span="５", suggestion="5"),
    )

    def collect(self, analysis: Analysis, options: Mapping[str, Any]) -> VariantFacts:
        ignored = _ignored_lemmas()
        spellings: list[str] = []
        words: dict[str, list[Occurrence]] = defaultdict(list)
        for morpheme in analysis.morphemes:
            key = _key(morpheme)
            if key is None or morpheme.lemma in ignored:
                continue
            written = _written(morpheme)
            if not _single_kana(written):
                spelling = key + SPELLING_SEPARATOR + written
                spellings.append(spelling)
                words[spelling].append((morpheme.start, morpheme.end, morpheme.surface))
        text = analysis.text
        widths = tuple((matches_at(narrow, text), matches_at(wide, text)) for _kind, narrow, wide in WIDTH_CLASSES)
        return VariantFacts(tuple(spellings), {spelling: tuple(found) for spelling, found in words.items()}, widths)

    def report(
        self, starts: Sequence[int], facts: Sequence[VariantFacts], options: Mapping[str, Any]
    ) -> Iterator[Finding]:
        yield from self._spellings(starts, facts)
        yield from self._widths(starts, facts)

    @staticmethod
    def _spellings(starts: Sequence[int], facts: Sequence[VariantFacts]) -> Iterator[Finding]:
        counts = Counter(chain.from_iterable(found.spellings for found in facts))
        spellings_of: dict[str, list[str]] = defaultdict(list)
        for spelling in counts:
            spellings_of[spelling.partition(SPELLING_SEPARATOR)[0]].append(spelling)
        varying = [
            spellings
            for spellings in spellings_of.values()
            if len(spellings) >= 2 and not _different_kanji(_written_of(spelling) for spelling in spellings)
        ]
        if not varying:
            return
        # Only spellings that can lose need their uses: all but a word's sole most frequent spelling.
        wanted: set[str] = set()
        for spellings in varying:
            top = max(counts[spelling] for spelling in spellings)
            leaders = [spelling for spelling in spellings if counts[spelling] == top]
            wanted.update(spelling for spelling in spellings if len(leaders) > 1 or spelling != leaders[0])
        uses: dict[str, list[Occurrence]] = defaultdict(list)
        for offset, found in zip(starts, facts, strict=True):
            words = found.words
            for spelling in words.keys() & wanted:
                uses[spelling].extend((offset + start, offset + end, surface) for start, end, surface in words[spelling])
        for spellings in varying:
            ranked = sorted(
                spellings,
                key=lambda spelling: (-counts[spelling], uses[spelling][0][0] if spelling in uses else -1),
            )
            majority = _written_of(ranked[0])
            shown = "／".join(_written_of(spelling) for spelling in ranked)
            message = Text(
                f"表記ゆれ: 「{shown}」が混在しています。多い方の「{majority}」にそろえてください。",
                f"Inconsistent spelling: 「{shown}」 are both used; use the more frequent 「{majority}」.",
            )
            for spelling in ranked[1:]:
                written = _written_of(spelling)
                for start, end, surface in uses[spelling]:
                    fixed = _respell(surface, written, majority)
                    yield Finding(start, end, message, (fixed,) if fixed != surface else ())

    @staticmethod
    def _widths(starts: Sequence[int], facts: Sequence[VariantFacts]) -> Iterator[Finding]:
        for index, (kind, _narrow, _wide) in enumerate(WIDTH_CLASSES):
            half, full = (
                [
                    (offset + start, run)
                    for offset, found in zip(starts, facts, strict=True)
                    for start, run in found.widths[index][side]
                ]
                for side in (0, 1)
            )
            if not half or not full:
                continue
            minority, to_half = (full, True) if len(full) <= len(half) else (half, False)
            label = Text("数字", "digits") if kind == "digits" else Text("英字", "letters")
            for start, run in minority:
                fixed = unicodedata.normalize("NFKC", run) if to_half else run.translate(_TO_FULL)
                yield Finding(
                    start,
                    start + len(run),
                    Text(
                        f"全角と半角の{label.ja}が混在しています。{'半角' if to_half else '全角'}の「{fixed}」にそろえてください。",
                        f"Full-width and half-width {label.en} are mixed; use {'half' if to_half else 'full'}-width 「{fixed}」.",
                    ),
                    (fixed,),
                )


def _written_of(spelling: str) -> str:
    return spelling.partition(SPELLING_SEPARATOR)[2]


@cache
def _ignored_lemmas() -> frozenset[str]:
    return frozenset(load_data("notation_variants.toml")["ignore_lemmas"])


_TO_FULL = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}

RULE = NotationVariants()

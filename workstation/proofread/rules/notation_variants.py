"""表記ゆれ: one word written two ways in one document (サーバー/サーバ, 子供/子ども, 行う/行なう, ３/3)."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Morpheme, Paragraph
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.common import KANJI_RE, load_data

CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "副詞", "形状詞", "接続詞", "代名詞", "連体詞"})
WIDTH_CLASSES = (
    ("digits", re.compile(r"[0-9]+"), re.compile(r"[０-９]+")),
    ("letters", re.compile(r"[A-Za-z]+"), re.compile(r"[Ａ-Ｚａ-ｚ]+")),
)


def _key(morpheme: Morpheme) -> tuple[str, str, str] | None:
    if morpheme.pos1 not in CONTENT_POS or morpheme.unknown or not morpheme.lemma or morpheme.pos2 == "数詞":
        return None
    if morpheme.pos2 == "固有名詞" or morpheme.surface.isascii():
        return None
    reading = (morpheme.kana_base or morpheme.kana).replace("ー", "")
    return (morpheme.lemma, morpheme.pos1, reading)


def _kanji_of(written: str) -> str:
    return "".join(char for char in written if KANJI_RE.match(char))


def _different_kanji(spellings: Mapping[str, object]) -> bool:
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


def _respell(morpheme: Morpheme, target_base: str) -> str:
    """``morpheme``'s surface with its base spelling replaced by ``target_base`` (inflection kept)."""
    source_base = _written(morpheme)
    surface = morpheme.surface
    if source_base == surface:
        return target_base
    common = 0
    while common < min(len(surface), len(source_base)) and surface[common] == source_base[common]:
        common += 1
    cut = len(source_base) - common
    if cut > len(target_base):
        return target_base
    return target_base[: len(target_base) - cut] + surface[common:]


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

    def check_document(
        self, paragraphs: Sequence[Paragraph], options: Mapping[str, Any]
    ) -> Iterator[Finding]:
        ignored = frozenset(load_data("notation_variants.toml")["ignore_lemmas"])
        groups: dict[tuple[str, str, str], dict[str, list[tuple[int, Morpheme]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        for paragraph in paragraphs:
            for morpheme in paragraph.analysis.morphemes:
                key = _key(morpheme)
                if key is None or key[0] in ignored:
                    continue
                groups[key][_written(morpheme)].append((paragraph.start, morpheme))
        for spellings in groups.values():
            spellings = {written: found for written, found in spellings.items() if not _single_kana(written)}
            if len(spellings) < 2 or _different_kanji(spellings):
                continue
            ranked = sorted(
                spellings.items(), key=lambda item: (-len(item[1]), item[1][0][0] + item[1][0][1].start)
            )
            majority = ranked[0][0]
            shown = "／".join(spelling for spelling, _ in ranked)
            for _spelling, occurrences in ranked[1:]:
                for offset, morpheme in occurrences:
                    fixed = _respell(morpheme, majority)
                    yield Finding(
                        offset + morpheme.start,
                        offset + morpheme.end,
                        Text(
                            f"表記ゆれ: 「{shown}」が混在しています。多い方の「{majority}」にそろえてください。",
                            f"Inconsistent spelling: 「{shown}」 are both used; use the more frequent 「{majority}」.",
                        ),
                        (fixed,) if fixed != morpheme.surface else (),
                    )
        yield from self._widths(paragraphs)

    @staticmethod
    def _widths(paragraphs: Sequence[Paragraph]) -> Iterator[Finding]:
        for kind, narrow, wide in WIDTH_CLASSES:
            half = [(p.start + m.start(), m.group()) for p in paragraphs for m in narrow.finditer(p.text)]
            full = [(p.start + m.start(), m.group()) for p in paragraphs for m in wide.finditer(p.text)]
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


_TO_FULL = {code: code + 0xFEE0 for code in range(0x21, 0x7F)}

RULE = NotationVariants()

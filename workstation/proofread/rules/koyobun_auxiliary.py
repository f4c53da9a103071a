"""公用文: auxiliary verbs in kana (〜て下さい → ください, 〜て頂く → いただく, 〜て行く → いく)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.common import has_kanji, to_hiragana

AFTER_TE = frozenset(
    {
        "下さる",
        "頂く",
        "行く",
        "来る",
        "置く",
        "見る",
        "居る",
        "上げる",
        "貰う",
        "差し上げる",
        "欲しい",
        "仕舞う",
        "呉れる",
    }
)
"""Verbs and adjectives written in kana when they follow て/で as auxiliaries."""
MOTION_VERBS = frozenset(
    {
        "遣る",
        "歩く",
        "出る",
        "入る",
        "帰る",
        "走る",
        "飛ぶ",
        "泳ぐ",
        "乗る",
        "降りる",
        "戻る",
        "付く",
        "連れる",
        "迎える",
        "急ぐ",
        "通う",
        "渡る",
        "登る",
        "上る",
        "下る",
        "逃げる",
        "追う",
        "送る",
        "出掛ける",
    }
)
"""After these verbs 行く/来る keep their own meaning of moving (歩いて行く, 出て行く) and stay in kanji."""
AFTER_HONORIFIC = frozenset({"下さる", "頂く", "致す"})
"""Written in kana after お〜 / ご〜 (ご確認下さい, お願い致します)."""


def _after_honorific(morphemes: tuple[Morpheme, ...], index: int) -> bool:
    if index < 2:
        return False
    noun, prefix = morphemes[index - 1], morphemes[index - 2]
    return prefix.pos1 == "接頭辞" and prefix.surface in ("お", "ご", "御") and noun.pos1 in ("名詞", "動詞")


def _seeing_without_looking(morphemes: tuple[Morpheme, ...], index: int) -> bool:
    """見て見ぬふり / 見て見ないふり: the idiom, where the second 見る keeps its own meaning."""
    following = morphemes[index + 1] if index + 1 < len(morphemes) else None
    return (
        index >= 2
        and morphemes[index - 2].lemma == "見る"
        and following is not None
        and following.lemma in ("ず", "ない", "ぬ")
    )


class KoyobunAuxiliary(Rule):
    id = "koyobun-auxiliary"
    category = "koyobun"
    severity = Severity.WARNING
    name = Text("補助動詞の表記（公用文）", "Auxiliary verbs in kana (official style)")
    description = Text(
        "「公用文作成の考え方」に従い、補助動詞・補助形容詞は仮名で書きます"
        "（〜て下さい→ください、〜て頂く→いただく、〜て行く→いく、〜て来る→くる、〜て置く→おく、〜て欲しい→ほしい、"
        "ご確認下さい→ください、お願い致します→いたします）。本来の意味の動詞（資料を頂く）は対象外です。",
        "Following 公用文作成の考え方, auxiliary verbs and adjectives are written in kana (〜て下さい→ください,"
        " 〜て頂く→いただく, 〜て行く→いく, 〜て置く→おく, ご確認下さい→ください, お願い致します→いたします)."
        " Verbs used in their own meaning (資料を頂く) are left alone.",
    )
    valid = (
        "人がやって来る。",
        "人力で見ていく。",
        "別の見方で見てみる。",
        "資料を頂く。",
        "見てください。",
        "東京へ行く。",
        "ご確認ください。",
        "説明していただく。",
        "見て見ぬふりをする。見て見ないふりはできない。",
    )
    invalid = (
        Example("資料を見て下さい。", span="下さい", suggestion="ください"),
        Example("説明して頂く。", span="頂く", suggestion="いただく"),
        Example("ご確認下さい。", span="下さい", suggestion="ください"),
        Example("よろしくお願い致します。", span="致し", suggestion="いたし"),
        Example("資料を持って来る。", span="来る", suggestion="くる"),
        Example("準備して置く。", span="置く", suggestion="おく"),
        Example("誤差を見て見る。", span="見る", suggestion="みる"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for index, morpheme in enumerate(morphemes):
            if not index or not has_kanji(morpheme.surface) or morpheme.pos1 not in ("動詞", "形容詞"):
                continue
            previous = morphemes[index - 1]
            after_te = (
                previous.surface in ("て", "で")
                and previous.pos2 == "接続助詞"
                and morpheme.lemma in AFTER_TE
            )
            if (
                after_te
                and morpheme.lemma in ("行く", "来る")
                and index >= 2
                and morphemes[index - 2].lemma in MOTION_VERBS
            ):
                continue
            if after_te and morpheme.lemma == "見る" and _seeing_without_looking(morphemes, index):
                continue
            if not (after_te or (morpheme.lemma in AFTER_HONORIFIC and _after_honorific(morphemes, index))):
                continue
            fixed = to_hiragana(morpheme.kana)
            if not fixed or fixed == morpheme.surface:
                continue
            yield Finding(
                morpheme.start,
                morpheme.end,
                Text(
                    f"公用文では補助的に使う「{morpheme.surface}」は仮名で「{fixed}」と書きます。",
                    f"Official style writes the auxiliary 「{morpheme.surface}」 in kana: 「{fixed}」.",
                ),
                (fixed,),
            )


RULE = KoyobunAuxiliary()

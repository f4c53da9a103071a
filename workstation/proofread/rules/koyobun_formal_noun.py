"""公用文: formal nouns in kana (〜する事 → こと, その為 → ため, この様に → ように)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis, Morpheme
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

AFTER_MODIFIER = {
    "事": "こと",
    "訳": "わけ",
    "筈": "はず",
    "為": "ため",
    "様": "よう",
    "程": "ほど",
    "内": "うち",
    "通り": "とおり",
}
"""Formal nouns written in kana when they follow a modifier (a verb, adjective, この/その, の)."""
MODIFIER_POS = frozenset({"動詞", "形容詞", "助動詞", "連体詞"})


def _modified(morphemes: tuple[Morpheme, ...], index: int) -> bool:
    if not index:
        return False
    previous = morphemes[index - 1]
    if previous.end != morphemes[index].start:
        return False
    if previous.pos1 in MODIFIER_POS:
        return previous.pos1 == "連体詞" or previous.cform.startswith(("連体形", "終止形"))
    return previous.surface == "の" and previous.pos1 == "助詞"


class KoyobunFormalNoun(Rule):
    id = "koyobun-formal-noun"
    category = "koyobun"
    severity = Severity.WARNING
    name = Text("形式名詞の表記（公用文）", "Formal nouns in kana (official style)")
    description = Text(
        "「公用文作成の考え方」に従い、実質的な意味の薄い形式名詞は仮名で書きます"
        "（〜する事→こと、その為→ため、この様に→ように、〜した訳→わけ、〜する筈→はず、〜した所、→ところ、〜するものとする）。"
        "「事の重大さ」「所在地」のような実質名詞は対象外です。",
        "Following 公用文作成の考え方, formal nouns are written in kana (〜する事→こと, その為→ため, この様に→ように,"
        " 〜した所、→ところ, 〜する物とする→もの). Nouns with their full meaning (事の重大さ, 住む所) are left alone.",
    )
    valid = (
        "事の重大さを認識する。",
        "検討することが必要だ。",
        "そのために行う。",
        "このように進める。",
        "住む所がない。",
    )
    invalid = (
        Example("検討する事が必要だ。", span="事", suggestion="こと"),
        Example("その為に行う。", span="為", suggestion="ため"),
        Example("この様に進める。", span="様", suggestion="よう"),
        Example("調べた所、分かった。", span="所", suggestion="ところ"),
        Example("提出する物とする。", span="物", suggestion="もの"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for index, morpheme in enumerate(morphemes):
            fixed = self._kana(morphemes, index)
            if fixed is None:
                continue
            yield Finding(
                morpheme.start,
                morpheme.end,
                Text(
                    f"公用文では形式名詞は仮名で書きます。「{morpheme.surface}」は「{fixed}」としてください。",
                    f"Official style writes formal nouns in kana; write 「{fixed}」 for 「{morpheme.surface}」.",
                ),
                (fixed,),
            )

    @staticmethod
    def _kana(morphemes: tuple[Morpheme, ...], index: int) -> str | None:
        morpheme = morphemes[index]
        if morpheme.pos1 not in ("名詞", "形状詞") or not _modified(morphemes, index):
            return None
        following = morphemes[index + 1] if index + 1 < len(morphemes) else None
        surface = morpheme.surface
        if surface in AFTER_MODIFIER and (surface != "様" or morpheme.kana == "ヨウ"):
            if surface == "内" and morpheme.kana != "ウチ":
                return None
            return AFTER_MODIFIER[surface]
        if surface == "所" and following is not None and following.surface in ("、", "，"):
            return "ところ" if morphemes[index - 1].pos1 in ("助動詞", "動詞") else None
        if surface == "物" and following is not None and following.surface in ("と", "で", "だ", "です"):
            return "もの" if morphemes[index - 1].pos1 in ("助動詞", "動詞") else None
        return None


RULE = KoyobunFormalNoun()

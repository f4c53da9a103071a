"""い抜き言葉 (書いてる → 書いている)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule


class INuki(Rule):
    id = "i-nuki"
    category = "grammar"
    severity = Severity.WARNING
    name = Text("い抜き言葉", "い-dropping (い抜き言葉)")
    description = Text(
        "「ている」「でいる」の「い」が抜けた話し言葉の形（書いてる、読んでた）を見つけ、「い」を補った形を提案します。",
        "Finds the colloquial forms that drop the い of ている/でいる (書いてる, 読んでた) and suggests the full form.",
    )
    valid = (
        "資料を書いている。",
        "本を読んでいた。",
        "手を振ってください。",
        "時間をかけて検討する。",
        "お持ちでない場合",
    )
    invalid = (
        Example("今、資料を書いてる。", span="てる", suggestion="ている"),
        Example("昨日は本を読んでた。", span="で", suggestion="でい"),
        Example("まだ決まってない。", span="て", suggestion="てい"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for index, morpheme in enumerate(morphemes):
            if (
                morpheme.pos1 != "助動詞"
                or morpheme.lemma != "てる"
                or morpheme.surface[:1] not in ("て", "で")
            ):
                continue
            if (
                not index
                or morphemes[index - 1].pos1 not in ("動詞", "助動詞")
                or morphemes[index - 1].end != morpheme.start
            ):
                continue
            if index >= 2 and morphemes[index - 2].pos1 == "接頭辞":
                continue
            fixed = morpheme.surface[0] + "い" + morpheme.surface[1:]
            yield Finding(
                morpheme.start,
                morpheme.end,
                Text(
                    f"「{morpheme.surface}」は「い」が抜けた話し言葉です。書き言葉では「{fixed}」とします。",
                    f"「{morpheme.surface}」 drops the い of ている (い抜き言葉); write 「{fixed}」 in formal text.",
                ),
                (fixed,),
            )


RULE = INuki()

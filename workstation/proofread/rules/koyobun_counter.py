"""公用文: か月・か所 (3ヶ月 → 3か月, 5ヵ所 → 5か所)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

COUNTER_RE = re.compile(r"(?<=[0-9０-９〇一二三四五六七八九十百千何数])[ヶヵケカ箇个](?=月|所|国|年|条)")


class KoyobunCounter(Rule):
    id = "koyobun-counter"
    category = "koyobun"
    severity = Severity.WARNING
    name = Text("「か月」「か所」の表記（公用文）", "か月 and か所 (official style)")
    description = Text(
        "「公用文作成の考え方」に従い、数を数える「ヶ・ヵ・カ・ケ・箇」は平仮名の「か」で書きます（3ヶ月→3か月、5ヵ所→5か所、"
        "10カ国→10か国）。数字の付かない「箇所」「箇条書き」は対象外です。",
        "Following 公用文作成の考え方, the counter written ヶ/ヵ/カ/ケ/箇 after a number is written か"
        " (3ヶ月→3か月, 5ヵ所→5か所, 10カ国→10か国). 箇所 and 箇条書き without a number are left alone.",
    )
    valid = ("3か月", "問題の箇所", "箇条書きにする。", "5か所")
    invalid = (
        Example("3ヶ月後に", span="ヶ", suggestion="か"),
        Example("5ヵ所で実施", span="ヵ", suggestion="か"),
        Example("10カ国が参加", span="カ", suggestion="か"),
        Example("二箇所", span="箇", suggestion="か"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        for match in COUNTER_RE.finditer(analysis.text):
            yield Finding(
                match.start(),
                match.end(),
                Text(
                    f"公用文では「{match.group()}{analysis.text[match.end()]}」は「か{analysis.text[match.end()]}」と書きます。",
                    f"Official style writes 「{match.group()}{analysis.text[match.end()]}」 as 「か{analysis.text[match.end()]}」.",
                ),
                ("か",),
            )


RULE = KoyobunCounter()

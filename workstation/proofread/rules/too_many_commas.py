"""Too many 読点 in one sentence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Option, Rule

COMMAS = frozenset("、，")


class TooManyCommas(Rule):
    id = "too-many-commas"
    category = "style"
    severity = Severity.INFO
    name = Text("読点の多い文", "Too many commas")
    description = Text(
        "一文の読点（、，）が上限（既定 4 個）を超える文を見つけ、上限を超えた読点を示します。文を分けるか、箇条書きにしてください。",
        "Finds sentences with more 読点 (、，) than the limit (4 by default) and marks the first one over it;"
        " split the sentence or use a list.",
    )
    options = (Option("max", 4, Text("一文の読点の上限", "maximum commas per sentence"), minimum=1),)
    valid = ("まず、資料を読み、要点をまとめ、報告する。",)
    invalid = (Example("まず、資料を読み、要点をまとめ、関係者に連絡し、会議を開き、報告する。", span="、"),)

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        limit = options["max"]
        for sentence in analysis.sentences:
            positions = [
                sentence.start + index
                for index, char in enumerate(analysis.sentence_text(sentence))
                if char in COMMAS
            ]
            if len(positions) > limit:
                position = positions[limit]
                yield Finding(
                    position,
                    position + 1,
                    Text(
                        f"一文に読点が {len(positions)} 個あります（上限 {limit} 個）。文を分けるか箇条書きにしてください。",
                        f"This sentence has {len(positions)} commas (limit {limit}); split it or use a list.",
                    ),
                )


RULE = TooManyCommas()

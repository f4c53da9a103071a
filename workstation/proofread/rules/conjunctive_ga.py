"""The conjunctive particle が used twice in one sentence."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule


class ConjunctiveGa(Rule):
    id = "conjunctive-ga"
    category = "grammar"
    severity = Severity.WARNING
    name = Text("逆接の「が」の重複", "Conjunctive が used twice")
    description = Text(
        "一つの文に接続助詞の「が」が二回以上使われている箇所を見つけます。文のつながりが曖昧になるので、文を分けてください。",
        'Finds sentences that use the conjunctive particle が ("but") more than once; the logic gets vague — split the sentence.',
    )
    valid = ("今日は晴れたが、明日は雨だろう。", "私が行きますが、彼は来ません。")
    invalid = (Example("検討したが、結論は出なかったが、会議は終わった。", span="が"),)

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        for sentence in analysis.sentences:
            seen = 0
            for morpheme in analysis.sentence_morphemes(sentence):
                if morpheme.surface == "が" and morpheme.pos2 == "接続助詞":
                    seen += 1
                    if seen >= 2:
                        yield Finding(
                            morpheme.start,
                            morpheme.end,
                            Text(
                                "一つの文に接続助詞「が」が二回使われています。論理が曖昧になるので、文を分けてください。",
                                "This sentence uses the conjunctive が twice; split it so the logic stays clear.",
                            ),
                        )


RULE = ConjunctiveGa()

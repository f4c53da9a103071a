"""Wordy forms with a shorter equivalent (することができる → できる)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.common import load_patterns, pattern_matches

DATA_FILE = "wordy.toml"


class WordyExpression(Rule):
    id = "wordy-expression"
    category = "redundancy"
    severity = Severity.INFO
    name = Text("冗長な言い回し", "Wordy expression")
    description = Text(
        "「することができる」「という風に」など、短く言い換えられる回りくどい表現を見つけ、簡潔な形を提案します。"
        "一覧は resources/proofread/data/wordy.toml にあります。",
        "Finds wordy phrases with a shorter equivalent (することができる → できる, という風に → ように)."
        " The list is resources/proofread/data/wordy.toml.",
    )
    valid = ("参加できる。", "このように進める。", "することがある。")
    invalid = (
        Example("会議に参加することができる。", span="することができ", suggestion="でき"),
        Example("会議に参加することができます。", span="することができ", suggestion="でき"),
        Example("調査を行うことができる。", span="行うことができ", suggestion="行え"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        for start, end, found, fix, entry in pattern_matches(analysis, load_patterns(DATA_FILE)):
            yield Finding(
                start,
                end,
                Text(
                    f"「{found}」は冗長です。{entry.why.ja}",
                    f"「{found}」 is wordy. {entry.why.en}",
                ),
                (fix,) if fix else (),
            )


RULE = WordyExpression()

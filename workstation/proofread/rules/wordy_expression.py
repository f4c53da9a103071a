"""Wordy forms with a shorter equivalent (することができる → できる)."""

from __future__ import annotations

from workstation.i18n import Text
from workstation.proofread.model import Severity
from workstation.proofread.rules.base import Example
from workstation.proofread.rules.patterns import PatternRule


class WordyExpression(PatternRule):
    id = "wordy-expression"
    category = "redundancy"
    severity = Severity.INFO
    name = Text("冗長な言い回し", "Wordy expression")
    data_file = "wordy.toml"
    message = Text(
        "「{found}」は冗長です。{why}",
        "「{found}」 is wordy. {why}",
    )
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


RULE = WordyExpression()

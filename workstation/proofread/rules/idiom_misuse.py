"""Misused set phrases (的を得る → 的を射る, 汚名挽回 → 汚名返上)."""

from __future__ import annotations

from workstation.i18n import Text
from workstation.proofread.model import Severity
from workstation.proofread.rules.base import Example
from workstation.proofread.rules.patterns import PatternRule


class IdiomMisuse(PatternRule):
    id = "idiom-misuse"
    category = "usage"
    severity = Severity.WARNING
    name = Text("慣用句の誤用", "Misused idiom")
    data_file = "idioms.toml"
    message = Text(
        "「{found}」は誤用です。{why}",
        "「{found}」 is a misused idiom. {why}",
    )
    description = Text(
        "「的を得る」「汚名挽回」「取り付く暇もない」など、混同されやすい慣用句の誤用を見つけ、本来の形を提案します。"
        "一覧は resources/proofread/data/idioms.toml にあります。",
        "Finds commonly garbled set phrases (的を得る, 汚名挽回, 取り付く暇もない) and suggests the correct form."
        " The list is resources/proofread/data/idioms.toml.",
    )
    valid = ("的を射た意見", "汚名返上に努める。", "取り付く島もない。", "絶体絶命", "一同に感謝する。")
    invalid = (
        Example("的を得た意見", span="的を得た", suggestion="的を射た"),
        Example("汚名挽回に努める。", span="汚名挽回", suggestion="汚名返上"),
        Example("絶対絶命の危機", span="絶対絶命", suggestion="絶体絶命"),
        Example("関係者が一同に会した。", span="一同に会", suggestion="一堂に会"),
    )


RULE = IdiomMisuse()

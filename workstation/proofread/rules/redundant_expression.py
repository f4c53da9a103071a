"""重ね言葉: the same meaning said twice (頭痛が痛い, 馬から落馬, 必ず必要)."""

from __future__ import annotations

from workstation.i18n import Text
from workstation.proofread.model import Severity
from workstation.proofread.rules.base import Example
from workstation.proofread.rules.patterns import PatternRule


class RedundantExpression(PatternRule):
    id = "redundant-expression"
    category = "redundancy"
    severity = Severity.WARNING
    name = Text("重ね言葉", "Redundant doubling")
    data_file = "redundant.toml"
    message = Text(
        "「{found}」は重ね言葉です。{why}「{fix}」で足ります。",
        "「{found}」 says the same thing twice. {why} 「{fix}」 is enough.",
    )
    description = Text(
        "同じ意味の語を重ねた表現（頭痛が痛い、馬から落馬、必ず必要、後で後悔、まず最初に、一番最初）を見つけ、"
        "簡潔な形を提案します。一覧は resources/proofread/data/redundant.toml にあります。",
        "Finds expressions that say the same thing twice (頭痛が痛い, 馬から落馬, 必ず必要, 後で後悔, まず最初に,"
        " 一番最初) and suggests the short form. The list is resources/proofread/data/redundant.toml.",
    )
    valid = ("頭が痛い。", "落馬した。", "必要な書類", "後悔した。", "最初に説明する。", "約10人が参加した。")
    invalid = (
        Example("頭痛が痛い。", span="頭痛が痛い", suggestion="頭が痛い"),
        Example("馬から落馬した。", span="馬から落馬", suggestion="落馬"),
        Example("必ず必要な書類", span="必ず必要", suggestion="必要"),
        Example("後で後悔する。", span="後で後悔", suggestion="後悔"),
        Example("まず最初に説明する。", span="まず最初に", suggestion="最初に"),
        Example("一番最初の会議", span="一番最初", suggestion="最初"),
        Example("約10人ほどが参加した。", span="約10人ほど", suggestion="約10人"),
    )


RULE = RedundantExpression()

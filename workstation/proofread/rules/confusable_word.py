"""同音異義語: a homophone where the context points to the other word (社会保証 → 社会保障)."""

from __future__ import annotations

from workstation.i18n import Text
from workstation.proofread.model import Severity
from workstation.proofread.rules.base import Example
from workstation.proofread.rules.patterns import PatternRule


class ConfusableWord(PatternRule):
    id = "confusable-word"
    category = "usage"
    severity = Severity.WARNING
    name = Text("同音異義語の誤り", "Confusable homophone")
    data_file = "confusables.toml"
    message = Text(
        "「{found}」は「{fix}」の誤りではありませんか。{why}",
        "「{found}」 should probably be 「{fix}」. {why}",
    )
    description = Text(
        "保証／保障／補償、以外／意外、対象／対照、追求／追及／追究、適用／適応、意思／意志、異動／移動などの同音異義語について、"
        "前後の語から別の語が正しいと判断できる場合だけ報告します（社会保証 → 社会保障）。"
        "一覧と文脈の手掛かりは resources/proofread/data/confusables.toml にあります。",
        "Reports homophones (保証/保障/補償, 以外/意外, 対象/対照, 追求/追及/追究, 適用/適応, 意思/意志, 異動/移動, ...)"
        " only where the neighbouring words show that the other word is meant (社会保証 → 社会保障). The list and"
        " its context cues are in resources/proofread/data/confusables.toml.",
    )
    valid = (
        "社会保障制度を改革する。",
        "品質保証部",
        "それ以外の方法",
        "対照的な二人",
        "調査対象",
        "責任を追及する。",
        "利益を追求する。",
        "法律を適用する。",
        "環境に適応する。",
        "意思表示をする。",
        "人事異動の発表",
        "車で移動する。",
        "以外なら問題ない。",
        "クラスKをそれ以外と区別する。",
        "探す以外なにもしない。",
        "成功する確率が高い。",
        "部長の決裁を得る。",
        "カード決済に対応する。",
        "機械学習の手法",
        "良い機会になった。",
    )
    invalid = (
        Example("社会保証制度を改革する。", span="保証", suggestion="保障"),
        Example("損害保証を請求する。", span="保証", suggestion="補償"),
        Example("以外と多い。", span="以外", suggestion="意外"),
        Example("値段は以外と高い。", span="以外", suggestion="意外"),
        Example("対象的な二人", span="対象", suggestion="対照"),
        Example("責任を追求する。", span="追求", suggestion="追及"),
        Example("法律を適応する。", span="適応", suggestion="適用"),
        Example("意志表示をする。", span="意志", suggestion="意思"),
        Example("人事移動の発表", span="移動", suggestion="異動"),
        Example("車で異動する。", span="異動", suggestion="移動"),
        Example("新しい制度を確率する。", span="確率", suggestion="確立"),
        Example("部長の決済を得る。", span="決済", suggestion="決裁"),
        Example("機会学習の手法", span="機会", suggestion="機械"),
        Example("左右対象の図形", span="対象", suggestion="対称"),
    )


RULE = ConfusableWord()

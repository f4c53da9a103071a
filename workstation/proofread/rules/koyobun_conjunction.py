"""公用文: conjunctions in kana, except 及び・並びに・又は・若しくは (且つ → かつ, 但し → ただし)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule
from workstation.proofread.rules.common import has_kanji, to_hiragana

KANJI_ALLOWED = frozenset({"及び", "並びに", "又は", "若しくは"})
"""The four conjunctions that 公用文 keeps in kanji."""
SENTENCE_OPENERS = frozenset("。、「（\u3000 ")


class KoyobunConjunction(Rule):
    id = "koyobun-conjunction"
    category = "koyobun"
    severity = Severity.WARNING
    name = Text("接続詞の表記（公用文）", "Conjunctions in kana (official style)")
    description = Text(
        "「公用文作成の考え方」（2022）に従い、接続詞は「及び・並びに・又は・若しくは」を除いて仮名で書きます"
        "（且つ→かつ、但し→ただし、尚→なお、従って→したがって、即ち→すなわち、或いは→あるいは）。"
        "「指示に従って」のような動詞は対象外です。",
        "Following 公用文作成の考え方 (2022), conjunctions are written in kana except 及び, 並びに, 又は and 若しくは"
        " (且つ→かつ, 但し→ただし, 尚→なお, 従って→したがって). The verb in 指示に従って is left alone.",
    )
    valid = ("及び", "A又はB", "指示に従って行動する。", "ただし、例外がある。", "若しくは", "並びに")
    invalid = (
        Example("但し、例外がある。", span="但し", suggestion="ただし"),
        Example("迅速且つ正確に", span="且つ", suggestion="かつ"),
        Example("尚、詳細は別紙のとおり。", span="尚", suggestion="なお"),
        Example("従って、本件は延期する。", span="従って", suggestion="したがって"),
        Example("或いは中止する。", span="或いは", suggestion="あるいは"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        text = analysis.text
        for index, morpheme in enumerate(morphemes):
            following = text[morpheme.end : morpheme.end + 1]
            if morpheme.surface == "又" and following == "は":
                continue
            if (
                morpheme.pos1 == "接続詞"
                and has_kanji(morpheme.surface)
                and morpheme.surface not in KANJI_ALLOWED
            ):
                yield self._finding(
                    morpheme.start, morpheme.end, morpheme.surface, to_hiragana(morpheme.kana)
                )
            elif (
                morpheme.surface == "従っ"
                and index + 2 < len(morphemes)
                and morphemes[index + 1].surface == "て"
                and morphemes[index + 2].surface in ("、", "，")
                and (morpheme.start == 0 or text[morpheme.start - 1] in SENTENCE_OPENERS)
            ):
                yield self._finding(morpheme.start, morphemes[index + 1].end, "従って", "したがって")

    @staticmethod
    def _finding(start: int, end: int, found: str, fixed: str) -> Finding:
        return Finding(
            start,
            end,
            Text(
                f"公用文では接続詞は仮名で書きます（及び・並びに・又は・若しくは を除く）。「{fixed}」としてください。",
                f"Official style writes conjunctions in kana (except 及び, 並びに, 又は, 若しくは); write 「{fixed}」.",
            ),
            (fixed,),
        )


RULE = KoyobunConjunction()

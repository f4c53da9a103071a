"""公用文: consistent 「、」「。」 — no 「，」「．」 or half-width , . as Japanese punctuation (document-level)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, NamedTuple

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Option, Rule
from workstation.proofread.rules.common import matches_at

JAPANESE_BEFORE = r"(?<=[\u3041-\u30ff\u3400-\u9fff々」）])"
COMMA_RE = re.compile(JAPANESE_BEFORE + r"(?:，|,(?![0-9]))")
PERIOD_RE = re.compile(JAPANESE_BEFORE + r"[．.](?![0-9A-Za-z])")
TEN_RE = re.compile("、")


class PunctuationFacts(NamedTuple):
    """A paragraph's punctuation: offsets of 「、」, how many 「，」, and the commas and periods after Japanese."""

    tens: tuple[int, ...]
    full_width_commas: int
    commas: tuple[tuple[int, str], ...]
    periods: tuple[tuple[int, str], ...]


class KoyobunPunctuation(Rule):
    id = "koyobun-punctuation"
    category = "koyobun"
    severity = Severity.WARNING
    name = Text("句読点の統一", "Consistent punctuation")
    description = Text(
        "句読点を「、」「。」にそろえます。「公用文作成の考え方」（2022）は「、」「。」を原則とします。"
        "style が auto の場合は、文書で多く使われている方（「、」か「，」）にそろえます。"
        "日本語の後に打たれた半角の「,」「.」も報告します。",
        "Makes punctuation consistent. 公用文作成の考え方 (2022) uses 「、」「。」; with style = auto the more"
        " frequent comma of the document (「、」 or 「，」) wins. Half-width , and . after Japanese text are reported too.",
    )
    document_level = True
    options = (
        Option(
            "style",
            "、。",
            Text("句読点（「、。」「，。」または auto）", "punctuation: 、。, ，。 or auto"),
            choices=("、。", "，。", "auto"),
        ),
    )
    valid = (
        "会議を開き、資料を配る。",
        Example("会議を開き，資料を配る。", options={"style": "，。"}),
        "Ver.2.0を使う。",
        "1,000円",
    )
    invalid = (
        Example("会議を開き，資料を配る。", span="，", suggestion="、"),
        Example("資料を配る．次に進む。", span="．", suggestion="。"),
        Example("会議を開き,資料を配る。", span=",", suggestion="、"),
        Example("実際，4つの方法がある。", span="，", suggestion="、"),
        Example("東京、大阪、名古屋，福岡", span="，", suggestion="、", options={"style": "auto"}),
    )

    def collect(self, analysis: Analysis, options: Mapping[str, Any]) -> PunctuationFacts:
        text = analysis.text
        return PunctuationFacts(
            tuple(match.start() for match in TEN_RE.finditer(text)),
            text.count("，"),
            matches_at(COMMA_RE, text),
            matches_at(PERIOD_RE, text),
        )

    def report(
        self, starts: Sequence[int], facts: Sequence[PunctuationFacts], options: Mapping[str, Any]
    ) -> Iterator[Finding]:
        style = options["style"]
        if style == "auto":
            tens = sum(len(found.tens) for found in facts)
            commas = sum(found.full_width_commas for found in facts)
            style = "，。" if commas > tens else "、。"
        comma, period = style[0], style[1]
        wrong_comma = "、" if comma == "，" else None
        for start, found in zip(starts, facts, strict=True):
            for offset, mark in found.commas:
                if mark != comma:
                    yield self._finding(start + offset, mark, comma)
            for offset, mark in found.periods:
                if mark != period:
                    yield self._finding(start + offset, mark, period)
            if wrong_comma:
                for offset in found.tens:
                    yield self._finding(start + offset, wrong_comma, comma)

    @staticmethod
    def _finding(start: int, found: str, fixed: str) -> Finding:
        return Finding(
            start,
            start + 1,
            Text(
                f"句読点が統一されていません。「{found}」を「{fixed}」にしてください。",
                f"Inconsistent punctuation: use 「{fixed}」 instead of 「{found}」.",
            ),
            (fixed,),
        )


RULE = KoyobunPunctuation()

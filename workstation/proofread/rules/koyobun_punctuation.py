"""公用文: consistent 「、」「。」 — no 「，」「．」 or half-width , . as Japanese punctuation (document-level)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Paragraph
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Option, Rule

JAPANESE_BEFORE = r"(?<=[\u3041-\u30ff\u3400-\u9fff々」）])"
COMMA_RE = re.compile(JAPANESE_BEFORE + r"(?:，|,(?![0-9]))")
PERIOD_RE = re.compile(JAPANESE_BEFORE + r"[．.](?![0-9A-Za-z])")
TEN_RE = re.compile("、")
MARU_RE = re.compile("。")


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

    def check_document(
        self, paragraphs: Sequence[Paragraph], options: Mapping[str, Any]
    ) -> Iterator[Finding]:
        style = options["style"]
        if style == "auto":
            tens = sum(len(TEN_RE.findall(p.text)) for p in paragraphs)
            commas = sum(len(re.findall("，", p.text)) for p in paragraphs)
            style = "，。" if commas > tens else "、。"
        comma, period = style[0], style[1]
        wrong_comma = "、" if comma == "，" else None
        for paragraph in paragraphs:
            text = paragraph.text
            for match in COMMA_RE.finditer(text):
                if match.group() == comma:
                    continue
                yield self._finding(paragraph.start + match.start(), match.group(), comma)
            for match in PERIOD_RE.finditer(text):
                if match.group() == period:
                    continue
                yield self._finding(paragraph.start + match.start(), match.group(), period)
            if wrong_comma:
                for match in TEN_RE.finditer(text):
                    yield self._finding(paragraph.start + match.start(), match.group(), comma)

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

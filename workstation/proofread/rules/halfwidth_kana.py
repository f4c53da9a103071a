"""Half-width katakana (ｶﾀｶﾅ)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

HALFWIDTH_RE = re.compile(r"[\uff61-\uff9f]+")


class HalfwidthKana(Rule):
    id = "halfwidth-kana"
    category = "notation"
    severity = Severity.WARNING
    name = Text("半角カタカナ", "Half-width katakana")
    description = Text(
        "半角カタカナ（ｶﾀｶﾅ）と半角の句読点・かぎ括弧を見つけ、全角を提案します。公用文や電子メールでは全角で書きます。",
        "Finds half-width katakana and half-width Japanese punctuation (ｶﾀｶﾅ, ｡｢｣) and suggests full-width forms.",
    )
    valid = ("カタカナで書く。", "ABC123")
    invalid = (
        Example("ﾃｽﾄを実施する。", span="ﾃｽﾄ", suggestion="テスト"),
        Example("ｶﾞｲﾄﾞライン", span="ｶﾞｲﾄﾞ", suggestion="ガイド"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        for match in HALFWIDTH_RE.finditer(analysis.text):
            fixed = unicodedata.normalize("NFKC", match.group())
            yield Finding(
                match.start(),
                match.end(),
                Text(
                    f"半角カタカナ「{match.group()}」が使われています。全角の「{fixed}」にしてください。",
                    f"Half-width katakana 「{match.group()}」; use full-width 「{fixed}」.",
                ),
                (fixed,),
            )


RULE = HalfwidthKana()

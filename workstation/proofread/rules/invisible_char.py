"""Invisible and control characters (zero-width space, BOM inside the text, stray control codes)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

INVISIBLE_RE = re.compile(
    r"[\u200b\u200c\u2060\ufeff\u00ad\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e]"
)


class InvisibleChar(Rule):
    id = "invisible-char"
    category = "typo"
    severity = Severity.WARNING
    name = Text("見えない文字", "Invisible characters")
    description = Text(
        "ゼロ幅スペース、文中の BOM、ソフトハイフン、制御文字など、画面に見えない文字を見つけ、削除を提案します。"
        "検索や字数計算を狂わせ、他のシステムで文字化けの原因になります（絵文字の結合子は対象外）。",
        "Finds invisible characters — zero-width spaces, a BOM inside the text, soft hyphens, control codes — and"
        " suggests removing them; they break search and character counts. Emoji joiners are allowed.",
    )
    valid = ("普通の文です。", "👨\u200d👩\u200d👧の絵文字")
    invalid = (
        Example("外務\u200b省", span="\u200b", suggestion=""),
        Example("本文\ufeffです", span="\ufeff", suggestion=""),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        for match in INVISIBLE_RE.finditer(analysis.text):
            code = f"U+{ord(match.group()):04X}"
            yield Finding(
                match.start(),
                match.end(),
                Text(
                    f"見えない文字（{code}）が含まれています。検索や字数計算が狂うため削除してください。",
                    f"An invisible character ({code}) is in the text; it breaks search and counts — remove it.",
                ),
                ("",),
            )


RULE = InvisibleChar()

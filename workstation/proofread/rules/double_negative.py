"""Double negatives (ないことはない, なくはない, ないわけではない)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

PATTERN = re.compile(
    r"な(?:い|く)(?:こと|事)(?:は|も)(?:ない|なかっ|ありません|ありませ|なく)"
    r"|なく(?:は|も)(?:ない|なかっ|ありません)"
    r"|ないでも(?:ない|ありません)"
    r"|ないとは(?:言え|いえ|限ら|かぎら)(?:ない|ません)"
    r"|ないわけ(?:では|でも|じゃ)(?:ない|ありません)"
    r"|ないはずが(?:ない|ありません)"
    r"|ないとも限ら(?:ない|ず)"
)
NEGATIVE_LEMMAS = frozenset({"ない", "無い", "ず", "ぬ"})


class DoubleNegative(Rule):
    id = "double-negative"
    category = "grammar"
    severity = Severity.INFO
    name = Text("二重否定", "Double negative")
    description = Text(
        "「ないことはない」「なくはない」「ないわけではない」のような二重否定を見つけます。"
        "意味が取りにくくなるため、できるだけ肯定の形で書くことを勧めます。",
        "Finds double negatives such as ないことはない, なくはない and ないわけではない, which are hard to read;"
        " prefer the positive form.",
    )
    valid = ("問題はない。", "少なくはない。", "行かざるを得ない。", "知らないことが多い。")
    invalid = (
        Example("対応できないことはない。", span="ないことはない"),
        Example("その案に賛成できなくはない。", span="なくはない"),
        Example("事情を知らないわけではない。", span="ないわけではない"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        starts = {morpheme.start: morpheme for morpheme in analysis.morphemes}
        for match in PATTERN.finditer(analysis.text):
            head = starts.get(match.start())
            if head is None or head.lemma not in NEGATIVE_LEMMAS:
                continue
            yield Finding(
                match.start(),
                match.end(),
                Text(
                    f"「{match.group()}」は二重否定です。意味が伝わりにくいので、肯定の表現に書き換えられないか検討してください。",
                    f"「{match.group()}」 is a double negative and hard to read; consider a positive wording.",
                ),
            )


RULE = DoubleNegative()

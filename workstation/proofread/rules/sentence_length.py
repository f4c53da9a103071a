"""Sentences longer than a profile-set limit."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Option, Rule

DEFAULT_MAX = 100


class SentenceLength(Rule):
    id = "sentence-length"
    category = "style"
    severity = Severity.INFO
    name = Text("長すぎる文", "Sentence too long")
    description = Text(
        "一文の文字数が上限（既定 100 字）を超える文を見つけます。長い文は読み違いの原因になるので、二つ以上の文に分けてください。",
        "Finds sentences longer than the limit (100 characters by default); long sentences are easy to misread — split them.",
    )
    options = (
        Option("max", DEFAULT_MAX, Text("一文の最大文字数", "maximum characters per sentence"), minimum=10),
    )
    valid = ("短い文です。", Example("これは二十字に満たない文です。", options={"max": 20}))
    invalid = (Example("これは二十字をはるかに超えてしまう、とても長い文の例です。", options={"max": 20}),)

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        limit = options["max"]
        for sentence in analysis.sentences:
            text = analysis.sentence_text(sentence)
            length = len(text.strip())
            if length > limit:
                yield Finding(
                    sentence.start,
                    sentence.end,
                    Text(
                        f"一文が {length} 字あります（上限 {limit} 字）。読みやすくするため、文を分けてください。",
                        f"This sentence has {length} characters (limit {limit}); split it to keep it readable.",
                    ),
                )


RULE = SentenceLength()

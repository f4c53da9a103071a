"""The same conjunction opening consecutive sentences."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule


class RepeatedConjunction(Rule):
    id = "repeated-conjunction"
    category = "style"
    severity = Severity.WARNING
    name = Text("同じ接続詞の連続", "Same conjunction twice")
    description = Text(
        "続く二つの文が同じ接続詞（しかし、また、さらに…）で始まる箇所を見つけます。単調で論理が追いにくくなるので、"
        "言い換えるか文をまとめてください。段落をまたいでは数えません。",
        "Finds consecutive sentences that start with the same conjunction (しかし, また, ...); vary or merge them."
        " Sentences in different paragraphs are not compared.",
    )
    valid = ("しかし、雨が降った。それでも、会議は開かれた。", "また、資料を配る。\nまた、説明する。")
    invalid = (Example("しかし、雨が降った。しかし、会議は開かれた。", span="しかし"),)

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        previous = None
        for sentence in analysis.sentences:
            words = [m for m in analysis.sentence_morphemes(sentence) if not m.is_symbol]
            first = words[0] if words else None
            current = first.surface if first is not None and first.pos1 == "接続詞" else None
            if current is not None and current == previous and first is not None:
                yield Finding(
                    first.start,
                    first.end,
                    Text(
                        f"前の文と同じ接続詞「{current}」で始まっています。言い換えるか、文をまとめてください。",
                        f"This sentence starts with the same conjunction 「{current}」 as the previous one; vary or merge them.",
                    ),
                )
            previous = current


RULE = RepeatedConjunction()

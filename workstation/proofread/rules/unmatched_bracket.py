"""Unmatched or mismatched brackets and quotes within a paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

PAIRS = {
    "「": "」",
    "『": "』",
    "（": "）",
    "(": ")",
    "【": "】",
    "〔": "〕",
    "［": "］",
    "[": "]",
    "〈": "〉",
    "《": "》",
    "｛": "｝",
    "“": "”",
    "‘": "’",
}
CLOSERS = {closer: opener for opener, closer in PAIRS.items()}
LIST_MARKER_RE = re.compile(
    r"^\s*(?:[0-9０-９]{1,3}|[a-zA-Zａ-ｚＡ-Ｚ]|[ア-ンｱ-ﾝ]|[一二三四五六七八九十]{1,3}|[ⅰ-ⅻⅠ-Ⅻ]{1,4})[)）]"
)
EMOTICON_RE = re.compile(r"[(（][^()（）]{0,6}[;＾^][^()（）]{0,6}[)）]")


class UnmatchedBracket(Rule):
    id = "unmatched-bracket"
    category = "typo"
    severity = Severity.ERROR
    name = Text("括弧の対応", "Unmatched brackets")
    description = Text(
        "段落の中で、閉じられていない括弧・かぎ括弧や、種類の違う括弧で閉じている箇所を見つけます（「」『』（）【】など）。"
        "行頭の「1)」「a)」のような項目番号は対象外です。",
        "Finds brackets and quotes that are not closed, or closed with a different kind, within a paragraph"
        " (「」『』（）【】...). List markers such as 「1)」 at the start of a line are allowed.",
    )
    valid = (
        "「こんにちは」と言った。",
        "『源氏物語』（紫式部）を読む。",
        "1) 概要を述べる。",
        "（1）概要",
        "「彼は『はい』と答えた」",
        "”あ、上にある””下にある”という話",
        "Tom’s book",
    )
    invalid = (
        Example("「こんにちは、と言った。", span="「"),
        Example("外務省（本省）の発表）によれば", span="）"),
        Example("「会議の結果』を報告する。", span="』"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        text = analysis.text
        skip_to = 0
        marker = LIST_MARKER_RE.match(text)
        if marker:
            skip_to = marker.end()
        ignored: set[int] = set()
        for emoticon in EMOTICON_RE.finditer(text):
            ignored.update(range(emoticon.start(), emoticon.end()))
        if "“" not in text:
            ignored.update(index for index, char in enumerate(text) if char == "”")
        if "‘" not in text:
            ignored.update(index for index, char in enumerate(text) if char == "’")
        stack: list[tuple[int, str]] = []
        for index, char in enumerate(text):
            if index < skip_to or index in ignored:
                continue
            if char in PAIRS:
                stack.append((index, char))
            elif char in CLOSERS:
                if stack and stack[-1][1] == CLOSERS[char]:
                    stack.pop()
                elif stack and any(opener == CLOSERS[char] for _, opener in stack):
                    while stack and stack[-1][1] != CLOSERS[char]:
                        yield self._unclosed(*stack.pop())
                    stack.pop()
                elif stack:
                    position, opener = stack.pop()
                    yield Finding(
                        index,
                        index + 1,
                        Text(
                            f"「{opener}」を「{char}」で閉じています。括弧の種類をそろえてください（「{PAIRS[opener]}」）。",
                            f"「{opener}」 is closed with 「{char}」; use the matching bracket 「{PAIRS[opener]}」.",
                        ),
                        (PAIRS[opener],),
                    )
                else:
                    yield Finding(
                        index,
                        index + 1,
                        Text(
                            f"閉じ括弧「{char}」に対応する開き括弧「{CLOSERS[char]}」がありません。脱字か余分な括弧です。",
                            f"The closing 「{char}」 has no opening 「{CLOSERS[char]}」: a bracket is missing or extra.",
                        ),
                    )
        for position, opener in stack:
            yield self._unclosed(position, opener)

    @staticmethod
    def _unclosed(position: int, opener: str) -> Finding:
        return Finding(
            position,
            position + 1,
            Text(
                f"開き括弧「{opener}」が段落内で閉じられていません。「{PAIRS[opener]}」が抜けていないか確認してください。",
                f"The opening 「{opener}」 is not closed in this paragraph; check for a missing 「{PAIRS[opener]}」.",
            ),
        )


RULE = UnmatchedBracket()

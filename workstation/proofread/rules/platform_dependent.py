"""機種依存文字 (①, ㈱, ㌔, Ⅲ)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Option, Rule

CHARS_RE = re.compile(r"[\u2460-\u24ff\u2776-\u2793\u2160-\u217f\u3200-\u33ff\u2116\u2121\u213b]")
SPECIAL = {
    "㈱": "（株）",
    "㈲": "（有）",
    "㈹": "（代）",
    "㍿": "株式会社",
    "№": "No.",
    "℡": "TEL",
    "㍻": "平成",
    "㍼": "昭和",
    "㍽": "大正",
    "㍾": "明治",
    "㋿": "令和",
}


def replacement(char: str) -> str:
    if char in SPECIAL:
        return SPECIAL[char]
    name = unicodedata.name(char, "")
    folded = unicodedata.normalize("NFKC", char)
    if "CIRCLED" in name or "PARENTHESIZED" in name or "DINGBAT" in name:
        inner = folded.strip("()（）")
        return f"（{inner}）" if inner else folded
    return folded


class PlatformDependent(Rule):
    id = "platform-dependent"
    category = "notation"
    severity = Severity.WARNING
    name = Text("機種依存文字", "Platform-dependent characters")
    description = Text(
        "丸数字（①）、ローマ数字（Ⅲ）、組文字（㈱、㌔、㍻）などの機種依存文字を見つけ、置き換えを提案します。"
        "公用文や他の機関とやり取りする文書では、環境によって表示が崩れるため使いません。",
        "Finds platform-dependent characters — circled numbers (①), Roman numeral characters (Ⅲ), squared"
        " words (㈱, ㌔, ㍻) — and suggests replacements; they display differently across systems.",
    )
    options = (Option("allow", (), Text("許容する文字", "characters to allow")),)
    valid = ("（1）概要", "株式会社", "10キロ", "第3章")
    invalid = (
        Example("①概要を述べる。", span="①", suggestion="（1）"),
        Example("㈱日本商事", span="㈱", suggestion="（株）"),
        Example("10㌔の道のり", span="㌔", suggestion="キロ"),
        Example("第Ⅲ章", span="Ⅲ", suggestion="III"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        allowed = set("".join(options["allow"]))
        for match in CHARS_RE.finditer(analysis.text):
            char = match.group()
            if char in allowed:
                continue
            fixed = replacement(char)
            if fixed == char:
                continue
            yield Finding(
                match.start(),
                match.end(),
                Text(
                    f"「{char}」は機種依存文字です。環境によって表示が崩れるため「{fixed}」としてください。",
                    f"「{char}」 is platform-dependent and may not display elsewhere; write 「{fixed}」.",
                ),
                (fixed,),
            )


RULE = PlatformDependent()

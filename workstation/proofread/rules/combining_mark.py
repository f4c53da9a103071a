"""Decomposed characters (NFD) and stray combining marks (か + ゛ as two code points)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

CLUSTER_RE = re.compile(r".[\u0300-\u036f\u3099\u309a\u20d0-\u20ff]+", re.DOTALL)


class CombiningMark(Rule):
    id = "combining-mark"
    category = "typo"
    severity = Severity.ERROR
    name = Text("結合文字（濁点の分離など）", "Combining marks (decomposed characters)")
    description = Text(
        "濁点・半濁点やアクセント記号が別の文字として付いている箇所（NFD、macOS のファイル名の貼り付けなど）を見つけ、"
        "合成済みの一文字（NFC）を提案します。検索や置換で一致しない原因になります。",
        "Finds voicing marks and accents stored as separate combining characters (NFD, e.g. pasted from macOS"
        " file names) and suggests the precomposed character (NFC); otherwise search and replace miss them.",
    )
    valid = ("がぎぐげご", "パピプペポ", "café", "👍🏽です")
    invalid = (
        Example("か\u3099いこう", span="か\u3099", suggestion="が"),
        Example("ハ\u309aソコン", span="ハ\u309a", suggestion="パ"),
        Example("cafe\u0301に行く", span="e\u0301", suggestion="é"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        for match in CLUSTER_RE.finditer(analysis.text):
            cluster = match.group()
            composed = unicodedata.normalize("NFC", cluster)
            suggestions = (composed,) if composed != cluster else ()
            yield Finding(
                match.start(),
                match.end(),
                Text(
                    "濁点などが結合文字として分かれています（NFD）。検索や置換で一致しなくなるため、"
                    + (
                        f"一文字の「{composed}」にしてください。" if suggestions else "入力し直してください。"
                    ),
                    "A mark is stored as a separate combining character (NFD), which breaks search and replace; "
                    + (f"use the single character 「{composed}」." if suggestions else "retype it."),
                ),
                suggestions,
            )


RULE = CombiningMark()

"""The same particle typed twice in a row (はは, をを)."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Rule

ALLOWED = frozenset({"と", "か", "や", "も", "ね", "よ", "な", "など", "なんか"})
"""Particles that can legitimately follow themselves in speech-like text (かか is never allowed: see below)."""


DE_READINGS = frozenset({"助詞", "助動詞", "接続詞"})
"""What the analyser makes of a doubled で (ビデオでで → 格助詞 + 接続詞, そうででは → だ + だ)."""


class DoubledParticle(Rule):
    id = "doubled-particle"
    category = "typo"
    severity = Severity.ERROR
    name = Text("助詞の重複", "Doubled particle")
    description = Text(
        "同じ助詞が続けて入力されている箇所（「はは」「をを」など）を見つけます。ほぼ確実に入力ミスです。",
        "Finds a particle typed twice in a row (はは, をを); this is almost always a typing slip.",
    )
    valid = ("今日は晴れです。", "母は元気です。", "ははは、と笑った。", "すももももももものうち。")
    invalid = (
        Example("今日はは晴れです。", span="はは", suggestion="は"),
        Example("資料をを送付します。", span="をを", suggestion="を"),
        Example("会議にに出席する。", span="にに", suggestion="に"),
        Example("２日でで３つの州を回った。", span="でで", suggestion="で"),
        Example("そうででは無く、", span="でで", suggestion="で"),
    )

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        morphemes = analysis.morphemes
        for first, second in itertools.pairwise(morphemes):
            if first.surface != second.surface or not (
                first.pos1 == second.pos1 == "助詞" or (first.surface == "で" and {first.pos1, second.pos1} <= DE_READINGS)
            ):
                continue
            if first.surface in ALLOWED or first.end != second.start:
                continue
            if (
                first.surface == "で"
                and analysis.text.startswith("も", second.end)
                and not analysis.text.startswith("もっ", second.end)
            ):
                continue
            yield Finding(
                first.start,
                second.end,
                Text(
                    f"助詞「{first.surface}」が二つ続いています。入力ミスと思われます。一つにしてください。",
                    f"The particle 「{first.surface}」 appears twice in a row, probably a typing slip; keep one.",
                ),
                (first.surface,),
            )


RULE = DoubledParticle()

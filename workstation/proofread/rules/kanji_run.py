"""Long runs of kanji."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding, Severity
from workstation.proofread.rules.base import Example, Option, Rule

KANJI_RUN_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff々〆ヵヶ]+")
NUMERAL_RE = re.compile(r"[〇一二三四五六七八九十百千万億兆]")


class KanjiRun(Rule):
    id = "kanji-run"
    category = "style"
    severity = Severity.INFO
    name = Text("漢字の連続", "Long kanji run")
    description = Text(
        "漢字が上限（既定 8 字）を超えて続く箇所を見つけます。読みにくくなるので、「の」を補う、仮名にするなどで区切ってください。"
        "正式名称など、よく使う長い語は allow に登録できます。",
        "Finds runs of kanji longer than the limit (8 by default), which are hard to read; break them up with の"
        " or kana. Official names that must stay long can be listed in allow.",
    )
    options = (
        Option("max", 8, Text("連続してよい漢字の数", "maximum kanji in a row"), minimum=2),
        Option("allow", (), Text("許容する語", "words to allow")),
    )
    valid = (
        "国際連合の安全保障理事会",
        Example("国際連合安全保障理事会", options={"allow": ["国際連合安全保障理事会"]}),
    )
    invalid = (Example("新型感染症対策本部会議決定事項", span="新型感染症対策本部会議決定事項"),)

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        limit = options["max"]
        allowed = tuple(options["allow"])
        for match in KANJI_RUN_RE.finditer(analysis.text):
            run = match.group()
            if len(run) <= limit:
                continue
            remaining = run
            for word in allowed:
                remaining = remaining.replace(word, "・")
            if all(len(part) <= limit for part in remaining.split("・")):
                continue
            if len(NUMERAL_RE.findall(run)) * 2 >= len(run):
                continue
            yield Finding(
                match.start(),
                match.end(),
                Text(
                    f"漢字が {len(run)} 字続いています（上限 {limit} 字）。「の」を補うなどして区切ると読みやすくなります。",
                    f"{len(run)} kanji in a row (limit {limit}); break the run up (e.g. with の) to make it readable.",
                ),
            )


RULE = KanjiRun()

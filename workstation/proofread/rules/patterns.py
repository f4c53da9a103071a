"""Rules driven by a data file of regex patterns, each with its fix and the reason (ja, en)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any, ClassVar

from workstation.i18n import Text
from workstation.proofread.analyzer import Analysis
from workstation.proofread.model import Finding
from workstation.proofread.rules.base import Rule
from workstation.proofread.rules.common import load_data


@dataclass(frozen=True)
class PatternEntry:
    """A data-file pattern: the regex, its replacement template and the reason (ja, en)."""

    regex: re.Pattern[str]
    fix: str
    why: Text


@cache
def load_patterns(name: str) -> tuple[PatternEntry, ...]:
    """``[[entry]]`` tables (pattern, fix, why = [ja, en]) of a data file, compiled."""
    entries = []
    for entry in load_data(name)["entry"]:
        why = entry.get("why", ["", ""])
        entries.append(PatternEntry(re.compile(entry["pattern"]), entry.get("fix", ""), Text(why[0], why[1])))
    return tuple(entries)


def pattern_matches(
    analysis: Analysis, entries: tuple[PatternEntry, ...]
) -> Iterator[tuple[int, int, str, str, PatternEntry]]:
    """``(start, end, found, replacement, entry)`` for matches that start on a morpheme boundary."""
    starts = {morpheme.start for morpheme in analysis.morphemes}
    for entry in entries:
        for match in entry.regex.finditer(analysis.text):
            group = "w" if "w" in entry.regex.groupindex else 0
            start, end = match.span(group)
            if match.start() not in starts:
                continue
            replacement = entry.fix if group == "w" else match.expand(entry.fix)
            yield start, end, match.group(group), replacement, entry


class PatternRule(Rule):
    """A rule that reports the matches of a data file's patterns; subclasses name the file and the message."""

    data_file: ClassVar[str]
    """A file in ``resources/proofread/data`` with ``[[entry]]`` tables (pattern, fix, why)."""
    message: ClassVar[Text]
    """The message; ``{found}``, ``{fix}`` and ``{why}`` (the entry's reason) are filled in for each match."""

    def check(self, analysis: Analysis, options: Mapping[str, Any]) -> Iterator[Finding]:
        for start, end, found, fix, entry in pattern_matches(analysis, load_patterns(self.data_file)):
            yield Finding(
                start,
                end,
                Text(
                    self.message.ja.format(found=found, fix=fix, why=entry.why.ja),
                    self.message.en.format(found=found, fix=fix, why=entry.why.en),
                ),
                (fix,) if fix else (),
            )

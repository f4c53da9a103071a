"""Run a profile's rules over a document, paragraph by paragraph, with incremental re-checking."""

from __future__ import annotations

import bisect
import logging
import os
from collections import OrderedDict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.proofread.analyzer import Analyzer, Paragraph, default_analyzer, split_lines
from workstation.proofread.model import Finding, Issue
from workstation.proofread.profiles import DEFAULT_PROFILE, Profile, RuleConfig, load_profile
from workstation.proofread.rules import all_rules
from workstation.proofread.rules.base import Rule

log = logging.getLogger(__name__)

FINDINGS_CACHE_SIZE = 8192


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    config: RuleConfig


class Checker:
    """Proofread Japanese text with a profile, extra prh dictionaries and per-rule overrides."""

    def __init__(
        self,
        profile: str | Path | Profile = DEFAULT_PROFILE,
        dictionaries: Sequence[str | os.PathLike[str]] = (),
        overrides: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        analyzer: Analyzer | None = None,
    ) -> None:
        base = profile if isinstance(profile, Profile) else load_profile(profile)
        extra: dict[str, dict[str, Any]] = {key: dict(value) for key, value in (overrides or {}).items()}
        if dictionaries:
            current = base.rules.get("dictionary")
            listed = tuple(current.options["dictionaries"]) if current else ()
            table = extra.setdefault("dictionary", {})
            table["dictionaries"] = tuple(table.get("dictionaries", listed)) + tuple(
                str(Path(path)) for path in dictionaries
            )
        self.profile = base.with_overrides(extra)
        self.analyzer = analyzer or default_analyzer()
        registry = all_rules()
        if "dictionary" in self.profile.rules:
            from workstation.proofread.rules.dictionary import DictionaryRule

            DictionaryRule.preload(self.profile.rules["dictionary"].options)
        self.active = tuple(
            ActiveRule(registry[rule_id], config) for rule_id, config in self.profile.rules.items()
        )
        self._paragraph_rules = tuple(active for active in self.active if not active.rule.document_level)
        self._document_rules = tuple(active for active in self.active if active.rule.document_level)
        self._findings: OrderedDict[str, tuple[tuple[int, Finding], ...]] = OrderedDict()
        self.paragraphs_checked = 0
        """How many paragraphs were actually run through the paragraph rules (the rest came from the cache)."""

    def check(self, text: str) -> list[Issue]:
        """Every issue in ``text``, sorted by position."""
        paragraphs = self.analyzer.paragraphs(text)
        return self.check_paragraphs(text, paragraphs)

    def check_paragraphs(self, text: str, paragraphs: Sequence[Paragraph]) -> list[Issue]:
        """Issues for already analysed paragraphs of ``text``; unchanged paragraphs come from the cache."""
        locator = LineLocator(text)
        issues: list[Issue] = []
        for paragraph in paragraphs:
            for index, finding in self._paragraph_findings(paragraph):
                active = self._paragraph_rules[index]
                issues.append(
                    self._issue(
                        active,
                        finding.start + paragraph.start,
                        finding.end + paragraph.start,
                        finding,
                        locator,
                    )
                )
        for active in self._document_rules:
            for finding in active.rule.check_document(paragraphs, active.config.options):
                issues.append(self._issue(active, finding.start, finding.end, finding, locator))
        issues.sort(key=lambda issue: (issue.start, issue.end, issue.severity.rank, issue.rule_id))
        return issues

    def session(self) -> CheckSession:
        return CheckSession(self)

    def _paragraph_findings(self, paragraph: Paragraph) -> tuple[tuple[int, Finding], ...]:
        text = paragraph.text
        cached = self._findings.get(text)
        if cached is not None:
            self._findings.move_to_end(text)
            return cached
        self.paragraphs_checked += 1
        found: list[tuple[int, Finding]] = []
        if text.strip():
            for index, active in enumerate(self._paragraph_rules):
                found.extend(
                    (index, finding)
                    for finding in active.rule.check(paragraph.analysis, active.config.options)
                )
        result = tuple(found)
        self._findings[text] = result
        if len(self._findings) > FINDINGS_CACHE_SIZE:
            self._findings.popitem(last=False)
        return result

    @staticmethod
    def _issue(active: ActiveRule, start: int, end: int, finding: Finding, locator: LineLocator) -> Issue:
        line, column = locator.locate(start)
        return Issue(
            rule_id=active.rule.id,
            severity=active.config.severity,
            message=finding.message,
            start=start,
            end=end,
            suggestions=finding.suggestions,
            line=line,
            column=column,
        )


class CheckSession:
    """Incremental checking for an editor: each :meth:`update` re-runs paragraph rules only on changed lines."""

    def __init__(self, checker: Checker) -> None:
        self.checker = checker
        self.issues: list[Issue] = []
        self.text = ""
        self.last_rechecked = 0
        """Paragraphs re-checked by the latest :meth:`update`."""

    def update(self, text: str) -> list[Issue]:
        before = self.checker.paragraphs_checked
        self.text = text
        self.issues = self.checker.check(text)
        self.last_rechecked = self.checker.paragraphs_checked - before
        return self.issues


class LineLocator:
    """Maps code-point offsets to 1-based line and column (``\\r\\n``, ``\\r`` and ``\\n`` end lines)."""

    def __init__(self, text: str) -> None:
        self._starts = [start for start, _ in split_lines(text)]

    def locate(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1


def apply_fixes(text: str, issues: Iterable[Issue]) -> str:
    """Apply the first suggestion of every issue that has one, skipping issues that overlap an earlier fix."""
    chosen: list[Issue] = []
    last_end = -1
    ordered = sorted(
        (issue for issue in issues if issue.suggestions),
        key=lambda issue: (issue.start, issue.end, issue.severity.rank, issue.rule_id, issue.suggestions[0]),
    )
    for issue in ordered:
        if issue.start < last_end or (
            issue.start == last_end and chosen and chosen[-1].start == chosen[-1].end == issue.start
        ):
            continue
        if not 0 <= issue.start <= issue.end <= len(text):
            continue
        if text[issue.start : issue.end] == issue.suggestions[0]:
            continue
        chosen.append(issue)
        last_end = issue.end
    pieces: list[str] = []
    cursor = 0
    for issue in chosen:
        pieces.append(text[cursor : issue.start])
        pieces.append(issue.suggestions[0])
        cursor = issue.end
    pieces.append(text[cursor:])
    return "".join(pieces)


__all__ = ["CheckSession", "Checker", "LineLocator", "apply_fixes"]

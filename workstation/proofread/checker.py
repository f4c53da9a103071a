"""Run a profile's rules over a document, paragraph by paragraph, with incremental re-checking."""

from __future__ import annotations

import bisect
import logging
import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from workstation.proofread.analyzer import Analysis, Analyzer, Paragraph, default_analyzer, split_lines
from workstation.proofread.model import Finding, Issue
from workstation.proofread.profiles import DEFAULT_PROFILE, Profile, RuleConfig, load_profile
from workstation.proofread.rules import all_rules
from workstation.proofread.rules.base import Rule

log = logging.getLogger(__name__)

RESULTS_CACHE_SIZE = 8192
"""Paragraphs whose rule results are kept at least (text-keyed LRU); it grows to twice the longest document's lines,
so that a long document is still re-checked incrementally."""

STEP_CHARS = 100_000
""":meth:`CheckSession.steps` checks a longer text in growing prefixes of whole lines, at least this much longer each
time, so a caller can show the issues found so far and stop between steps."""
STEP_MAX_CHARS = 500_000
"""Largest growth from one step to the next (bounds how long stopping a check on a very long text takes)."""


@dataclass(frozen=True)
class ActiveRule:
    rule: Rule
    config: RuleConfig


class ParagraphResults(NamedTuple):
    """What the rules found in one paragraph: paragraph rules' findings (by rule index), document rules' facts."""

    findings: tuple[tuple[int, Finding], ...]
    facts: tuple[Any, ...]


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
        self._ranks = {active.rule.id: active.config.severity.rank for active in self.active}
        self._results: OrderedDict[str, ParagraphResults] = OrderedDict()
        self._results_size = RESULTS_CACHE_SIZE
        self.paragraphs_checked = 0
        """How many paragraphs were actually run through the rules (the rest came from the cache)."""

    def check(self, text: str) -> list[Issue]:
        """Every issue in ``text``, sorted by position.

        Paragraph rules and the per-paragraph half of document rules (:meth:`Rule.collect`) run only on lines not
        seen before; the rest come from a cache keyed by the line's text, so re-checking an edited document costs
        the edited lines plus the document rules' cross-paragraph :meth:`Rule.report`.
        """
        spans = split_lines(text)
        self._results_size = max(self._results_size, 2 * len(spans))
        starts: list[int] = []
        results: list[ParagraphResults] = []
        for start, end in spans:
            starts.append(start)
            results.append(self._paragraph_results(text[start:end]))
        return self._issues(text, starts, range(1, len(starts) + 1), results)

    def check_paragraphs(self, text: str, paragraphs: Sequence[Paragraph]) -> list[Issue]:
        """Issues for already analysed paragraphs (lines) of ``text``, with the same cache as :meth:`check`."""
        return self._issues(
            text,
            [paragraph.start for paragraph in paragraphs],
            [paragraph.index + 1 for paragraph in paragraphs],
            [self._paragraph_results(paragraph.text, paragraph.analysis) for paragraph in paragraphs],
        )

    def session(self) -> CheckSession:
        return CheckSession(self)

    def _issues(
        self, text: str, starts: Sequence[int], lines: Sequence[int], results: Sequence[ParagraphResults]
    ) -> list[Issue]:
        issues: list[Issue] = []
        for start, line, result in zip(starts, lines, results, strict=True):
            for index, finding in result.findings:
                issues.append(_issue(self._paragraph_rules[index], finding, start, line, finding.start + 1))
        if self._document_rules:
            locator = LineLocator(text)
            columns = list(zip(*(result.facts for result in results), strict=True)) or [()] * len(self._document_rules)
            for active, facts in zip(self._document_rules, columns, strict=True):
                for finding in active.rule.report(starts, facts, active.config.options):
                    issues.append(_issue(active, finding, 0, *locator.locate(finding.start)))
        ranks = self._ranks
        issues.sort(key=lambda issue: (issue.start, issue.end, ranks[issue.rule_id], issue.rule_id))
        return issues

    def _paragraph_results(self, text: str, analysis: Analysis | None = None) -> ParagraphResults:
        """The paragraph rules' findings and the document rules' facts for one paragraph, cached by its text."""
        cached = self._results.get(text)
        if cached is not None:
            self._results.move_to_end(text)
            return cached
        self.paragraphs_checked += 1
        if analysis is None:
            analysis = self.analyzer.analyze(text)
        found: list[tuple[int, Finding]] = []
        if text.strip():
            for index, active in enumerate(self._paragraph_rules):
                found.extend(
                    (index, finding) for finding in active.rule.check(analysis, active.config.options)
                )
        facts = tuple(active.rule.collect(analysis, active.config.options) for active in self._document_rules)
        result = ParagraphResults(tuple(found), facts)
        self._results[text] = result
        if len(self._results) > self._results_size:
            self._results.popitem(last=False)
        return result


def _issue(active: ActiveRule, finding: Finding, offset: int, line: int, column: int) -> Issue:
    """``finding`` as an issue of ``active``'s rule, moved by ``offset`` (its paragraph's start)."""
    return Issue(
        active.rule.id,
        active.config.severity,
        finding.message,
        finding.start + offset,
        finding.end + offset,
        finding.suggestions,
        line,
        column,
    )


class CheckStep(NamedTuple):
    """One step of :meth:`CheckSession.steps`: the issues of ``text[:checked]`` (a prefix ending after a line)."""

    checked: int
    total: int
    issues: list[Issue]

    @property
    def finished(self) -> bool:
        return self.checked >= self.total


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

    def steps(self, text: str) -> Iterator[CheckStep]:
        """Check a long ``text`` in growing prefixes (see :func:`step_ends`), yielding the issues after each.

        Stopping the iteration stops the check between steps; the lines checked so far stay cached, so the next
        check starts where this one stopped. :attr:`last_rechecked` counts the lines checked by all steps so far.
        """
        before = self.checker.paragraphs_checked
        for end in step_ends(text):
            issues = self.checker.check(text[:end])
            self.last_rechecked = self.checker.paragraphs_checked - before
            if end == len(text):
                self.text, self.issues = text, issues
            yield CheckStep(end, len(text), issues)


def step_ends(text: str) -> list[int]:
    """Where the growing checks of ``text`` end: after a line break, the last one at the end of the text."""
    ends: list[int] = []
    end = 0
    while True:
        step = min(max(STEP_CHARS, end // 2), STEP_MAX_CHARS)
        cut = text.find("\n", end + step) if end + step < len(text) else -1
        if cut < 0 or cut + 1 >= len(text):
            return [*ends, len(text)]
        end = cut + 1
        ends.append(end)


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

"""Every registered rule's own valid/invalid examples, run through the real analyzer."""

from __future__ import annotations

import pytest

from tests.proofread.helpers import issues_for
from workstation.proofread.rules import all_rules
from workstation.proofread.rules.base import iter_examples

RULES = all_rules()
VALID = [(rule_id, example) for rule_id, rule in RULES.items() for example in iter_examples(rule.valid)]
INVALID = [(rule_id, example) for rule_id, rule in RULES.items() for example in rule.invalid]


@pytest.mark.parametrize(("rule_id", "example"), VALID, ids=[f"{r}:{e.text[:20]}" for r, e in VALID])
def test_valid_example_passes(rule_id, example):
    issues = issues_for(rule_id, example.text, example.options)
    assert issues == [], [(example.text[i.start : i.end], str(i.message)) for i in issues]


@pytest.mark.parametrize(("rule_id", "example"), INVALID, ids=[f"{r}:{e.text[:20]}" for r, e in INVALID])
def test_invalid_example_is_reported(rule_id, example):
    issues = issues_for(rule_id, example.text, example.options)
    assert issues, f"{rule_id} found nothing in {example.text!r}"
    assert all(issue.rule_id == rule_id for issue in issues)
    if example.span is not None:
        spans = [example.text[issue.start : issue.end] for issue in issues]
        assert example.span in spans, spans
        issue = next(issue for issue in issues if example.text[issue.start : issue.end] == example.span)
        if example.suggestion is not None:
            assert issue.suggestions[:1] == (example.suggestion,), issue.suggestions


def test_every_rule_is_documented_and_has_examples():
    assert len(RULES) >= 25
    for rule in RULES.values():
        assert rule.description.ja and rule.description.en, rule.id
        assert rule.name.ja and rule.name.en, rule.id
        assert rule.invalid, f"{rule.id} has no invalid examples"
        assert rule.valid, f"{rule.id} has no valid examples"
        assert rule.category and rule.severity
        rule.resolve_options({})

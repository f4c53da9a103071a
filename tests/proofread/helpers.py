"""Shared helpers for the proofreading tests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from workstation.i18n import Text
from workstation.proofread.checker import Checker
from workstation.proofread.model import Issue
from workstation.proofread.profiles import Profile, RuleConfig
from workstation.proofread.rules import get_rule


def single_rule_checker(rule_id: str, options: Mapping[str, Any] | None = None) -> Checker:
    rule = get_rule(rule_id)
    config = RuleConfig(rule_id, True, rule.severity, rule.resolve_options(options))
    return Checker(Profile("test", Text("試験", "test"), Text("", ""), {rule_id: config}))


def issues_for(rule_id: str, text: str, options: Mapping[str, Any] | None = None) -> list[Issue]:
    return single_rule_checker(rule_id, options).check(text)

"""One module per rule; each module defines ``RULE``, an instance of :class:`~.base.Rule`."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from workstation.proofread.rules.base import Example, Option, OptionError, Rule

__all__ = ["Example", "Option", "OptionError", "Rule", "all_rules", "get_rule"]

_NOT_RULES = {"base", "common", "patterns"}


@cache
def all_rules() -> dict[str, Rule]:
    """Every registered rule by id, in module order."""
    rules: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda item: item.name):
        if info.name in _NOT_RULES:
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        rule = getattr(module, "RULE", None)
        if isinstance(rule, Rule):
            if rule.id in rules:
                raise RuntimeError(f"duplicate rule id {rule.id}")
            rules[rule.id] = rule
    return rules


def get_rule(rule_id: str) -> Rule:
    return all_rules()[rule_id]

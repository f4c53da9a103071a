"""Japanese proofreading: fugashi analyzer, rules, profiles, dictionaries (no Qt).

Typical use::

    from workstation.proofread import Checker, apply_fixes
    checker = Checker("koyobun")
    issues = checker.check(text)
    fixed = apply_fixes(text, issues)
"""

from workstation.proofread.analyzer import Analysis, Analyzer, Morpheme, Paragraph, default_analyzer
from workstation.proofread.checker import Checker, CheckSession, apply_fixes
from workstation.proofread.model import Issue, Severity
from workstation.proofread.prh import DictionaryError, PrhDictionary, load_prh_dictionary
from workstation.proofread.profiles import (
    DEFAULT_PROFILE,
    Profile,
    ProfileError,
    RuleConfig,
    available_profiles,
    load_profile,
)
from workstation.proofread.rules import all_rules, get_rule
from workstation.proofread.rules.base import Option, OptionError, Rule

__all__ = [
    "DEFAULT_PROFILE",
    "Analysis",
    "Analyzer",
    "CheckSession",
    "Checker",
    "DictionaryError",
    "Issue",
    "Morpheme",
    "Option",
    "OptionError",
    "Paragraph",
    "PrhDictionary",
    "Profile",
    "ProfileError",
    "Rule",
    "RuleConfig",
    "Severity",
    "all_rules",
    "apply_fixes",
    "available_profiles",
    "default_analyzer",
    "get_rule",
    "load_prh_dictionary",
    "load_profile",
]

"""Diffing a document against its proofreading auto-fix: one hunk per applied fix, inside that fix's span."""

from __future__ import annotations

from workstation.diff.engine import diff_texts
from workstation.i18n import Text
from workstation.proofread.checker import Checker, apply_fixes
from workstation.proofread.profiles import Profile

RULES = ("ra-nuki", "i-nuki", "halfwidth-kana", "sa-ire")
ORIGINAL = (
    "本日は富士山が見れる。会議を行ってる。ｶﾀｶﾅを使う。\n"
    "外務省は方針を決定した。\n"
    "明日も来れる予定です。資料を読まさせていただく。\n"
)


def _issues_with_fixes(text: str) -> list:
    profile = Profile("diff-test", Text("差分試験", "diff test"), Text("", "")).with_overrides({rule: {} for rule in RULES})
    return [issue for issue in Checker(profile).check(text) if issue.suggestions]


def test_hunks_are_exactly_the_fixes() -> None:
    issues = sorted(_issues_with_fixes(ORIGINAL), key=lambda issue: issue.start)
    assert {issue.rule_id for issue in issues} == set(RULES)
    fixed = apply_fixes(ORIGINAL, issues)
    diff = diff_texts(ORIGINAL, fixed)

    assert len(diff.hunks) == len(issues)
    for hunk, issue in zip(diff.hunks, issues, strict=True):
        assert issue.start <= hunk.old_start <= hunk.old_end <= issue.end
        assert diff.merge({hunk.id}) == apply_fixes(ORIGINAL, [issue])
    assert diff.merge({hunk.id for hunk in diff.hunks}) == fixed


def test_rejecting_one_fix_keeps_the_others() -> None:
    issues = sorted(_issues_with_fixes(ORIGINAL), key=lambda issue: issue.start)
    diff = diff_texts(ORIGINAL, apply_fixes(ORIGINAL, issues))
    kept = {hunk.id for hunk in diff.hunks[1:]}
    assert diff.merge(kept) == apply_fixes(ORIGINAL, issues[1:])

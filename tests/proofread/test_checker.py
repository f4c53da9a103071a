"""Checker, incremental sessions, auto-fix, profiles and overrides."""

from __future__ import annotations

import itertools

import pytest

from workstation.i18n import Text
from workstation.proofread import (
    Checker,
    Issue,
    ProfileError,
    Severity,
    apply_fixes,
    available_profiles,
    load_profile,
)
from workstation.proofread import checker as checker_module
from workstation.proofread.rules import all_rules


def _issue(start: int, end: int, fix: str, rule: str = "r", severity: Severity = Severity.WARNING) -> Issue:
    return Issue(rule, severity, Text("", ""), start, end, (fix,), 1, start + 1)


def test_issues_carry_absolute_offsets_and_one_based_lines_with_crlf():
    text = "一行目です。\r\n但し、二行目。\r\n三行目は頭痛が痛い。"
    issues = Checker().check(text)
    by_rule = {issue.rule_id: issue for issue in issues}
    conjunction = by_rule["koyobun-conjunction"]
    assert text[conjunction.start : conjunction.end] == "但し"
    assert (conjunction.line, conjunction.column) == (2, 1)
    redundant = by_rule["redundant-expression"]
    assert text[redundant.start : redundant.end] == "頭痛が痛い"
    assert (redundant.line, redundant.column) == (3, 5)


def test_apply_fixes_changes_only_reported_spans_and_skips_overlaps():
    text = "0123456789"
    issues = [_issue(2, 4, "AB"), _issue(3, 5, "XX"), _issue(7, 7, "+"), _issue(8, 9, "")]
    assert apply_fixes(text, issues) == "01AB456+79"
    assert apply_fixes(text, list(reversed(issues))) == "01AB456+79"
    assert apply_fixes(text, []) == text


def test_apply_fixes_on_real_issues_keeps_crlf_and_untouched_text():
    text = "但し、会議に参加する。\r\n資料をご確認くだいさ。\r\n変更なし。"
    fixed = apply_fixes(text, Checker().check(text))
    assert fixed == "ただし、会議に参加する。\r\n資料をご確認ください。\r\n変更なし。"


def test_session_rechecks_only_changed_paragraphs_and_reruns_document_rules():
    checker = Checker()
    session = checker.session()
    lines = [f"第{i}段落の文です。" for i in range(1, 30)]
    session.update("\n".join(lines))
    assert session.last_rechecked == len(lines)
    lines[5] = "この段落を変更しました、が、頭痛が痛い。"
    issues = session.update("\n".join(lines))
    assert session.last_rechecked == 1
    assert any(issue.rule_id == "redundant-expression" and issue.line == 6 for issue in issues)
    lines.append("この文はである調である。")
    issues = session.update("\n".join(lines))
    assert session.last_rechecked == 1
    assert any(issue.rule_id == "style-mix" and issue.line == len(lines) for issue in issues)


def test_profiles_load_and_differ():
    assert set(available_profiles()) >= {"koyobun", "general", "technical"}
    koyobun, general = load_profile("koyobun"), load_profile("general")
    assert "koyobun-conjunction" in koyobun.rules
    assert "koyobun-conjunction" not in general.rules
    assert set(koyobun.rules) == set(all_rules())
    assert not [i for i in Checker("general").check("但し、例外がある。") if i.rule_id.startswith("koyobun")]
    assert [i for i in Checker("koyobun").check("但し、例外がある。") if i.rule_id == "koyobun-conjunction"]


def test_overrides_change_options_severity_and_enablement():
    text = "これは二十字をはるかに超えてしまう、とても長い文の例です。"
    assert not [i for i in Checker().check(text) if i.rule_id == "sentence-length"]
    issues = Checker(overrides={"sentence-length": {"max": 20, "severity": "error"}}).check(text)
    long = [i for i in issues if i.rule_id == "sentence-length"]
    assert long and long[0].severity is Severity.ERROR
    assert not Checker(overrides={"koyobun-conjunction": {"enabled": False}}).check("但し、例外。")


@pytest.mark.parametrize(
    ("overrides", "needle"),
    [
        ({"sentence-length": {"maximum": 80}}, "maximum"),
        ({"sentence-length": {"max": "80"}}, "max"),
        ({"sentence-length": {"max": 1}}, "max"),
        ({"no-such-rule": {}}, "no-such-rule"),
        ({"sentence-length": {"severity": "fatal"}}, "severity"),
        ({"koyobun-punctuation": {"style": "."}}, "style"),
    ],
)
def test_invalid_overrides_give_a_clear_error(overrides, needle):
    with pytest.raises(ProfileError) as caught:
        Checker(overrides=overrides)
    assert needle in caught.value.message.en and needle in caught.value.message.ja


def test_unknown_profile_and_bad_profile_file(tmp_path):
    with pytest.raises(ProfileError, match="general"):
        load_profile("nope")
    bad = tmp_path / "bad.toml"
    bad.write_text("[rules.sentence-length]\nlength = 3\n", encoding="utf-8")
    with pytest.raises(ProfileError, match="length"):
        load_profile(bad)
    broken = tmp_path / "broken.toml"
    broken.write_text("[rules\n", encoding="utf-8")
    with pytest.raises(ProfileError):
        load_profile(broken)


def test_registry_metadata():
    rules = all_rules()
    assert len(rules) >= 30
    for rule in rules.values():
        assert rule.id and rule.category and isinstance(rule.severity, Severity)
        for option in rule.options:
            assert option.description.ja and option.description.en


def test_messages_are_bilingual():
    issues = Checker().check("頭痛が痛い。くだいさ。但し、例外。")
    assert issues
    for issue in issues:
        assert issue.message.ja and issue.message.en and issue.message.ja != issue.message.en


def test_long_texts_are_stepped_in_growing_prefixes_of_whole_lines():
    line = "在外公館の警備体制について関係国と協議を行った。" * 20 + "\n"
    text = line * 3000
    assert checker_module.step_ends("短い文書です。\n") == [len("短い文書です。\n")]
    ends = checker_module.step_ends(text)
    assert ends[-1] == len(text) and ends == sorted(set(ends))
    assert all(text[end - 1] == "\n" for end in ends)
    assert ends[0] >= checker_module.STEP_CHARS and len(ends) < len(text) // checker_module.STEP_CHARS
    gaps = [later - earlier for earlier, later in itertools.pairwise(ends)]
    assert gaps == sorted(gaps), "steps grow"
    assert max(gaps) <= checker_module.STEP_MAX_CHARS + len(line)


def test_session_steps_show_each_prefix_and_a_stopped_check_resumes_from_the_cache(monkeypatch):
    monkeypatch.setattr(checker_module, "STEP_CHARS", 40)
    lines = [f"第{i}段落の文です、が、頭痛が痛い。" for i in range(1, 13)]
    text = "\n".join(lines)
    session = Checker().session()
    steps = list(session.steps(text))
    assert len(steps) > 2 and [step.finished for step in steps] == [False] * (len(steps) - 1) + [True]
    fresh = Checker()
    for step in steps:
        assert step.total == len(text)
        assert step.issues == fresh.check(text[: step.checked])
    assert session.issues == steps[-1].issues == fresh.check(text)
    assert session.last_rechecked == len(lines) + 1, "each line once, and the empty line after a prefix's last break"

    stopped = Checker().session()
    first = next(stopped.steps(text))
    assert not first.finished and 0 < stopped.last_rechecked < len(lines)
    done_before = stopped.last_rechecked
    assert stopped.update(text) == steps[-1].issues
    assert stopped.last_rechecked + done_before == len(lines) + 1, "lines checked before the stop came from the cache"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("この映画は見れれる。", "この映画は見られる。"),
        ("全部食べれれます。", "全部食べられます。"),
        ("ピアスをしていまs。", "ピアスをしています。"),
        ("資料を確認しまs。", "資料を確認します。"),
    ],
)
def test_applying_every_fix_to_two_slips_in_one_word_gives_the_right_word(text, fixed):
    checker = Checker()
    assert apply_fixes(text, checker.check(text)) == fixed
    assert not checker.check(fixed)

"""Incremental re-checking: after any series of edits, a session reports exactly what a full check reports.

Document-level rules keep each paragraph's facts in the checker's cache and only aggregate them again, so the
edits below are chosen to change a document-level outcome (the minority style, a second spelling of a word,
the majority comma, a 記 line splitting the letter) and to take the change back again.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from workstation.proofread import Checker, Issue
from workstation.proofread import checker as checker_module
from workstation.proofread.rules import all_rules

CORPUS = Path(__file__).parent / "data" / "coursera_dev_ja.txt"

POLITE_LETTER = [
    "標記について、下記のとおり報告します。",
    "サーバーの更新を行います。サーバーは来週停止します。",
    "担当者が確認します。",
    "子供向けの資料を配ります。",
    "会議は3月に開きます。",
]
OVERRIDES: tuple[Mapping[str, Mapping[str, Any]], ...] = (
    {},
    {"koyobun-punctuation": {"style": "auto"}, "style-mix": {"prefer": "plain"}},
)


def _full_check(text: str, overrides: Mapping[str, Mapping[str, Any]]) -> list[Issue]:
    return Checker(overrides=overrides).check(text)


def _rules(issues: list[Issue], rule_id: str, text: str) -> list[str]:
    return [text[issue.start : issue.end] for issue in issues if issue.rule_id == rule_id]


class Editor:
    """A session driven like the editor drives it, checked against a fresh full check after every edit."""

    def __init__(self, lines: list[str], overrides: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.overrides = overrides or {}
        self.session = Checker(overrides=self.overrides).session()
        self.lines = list(lines)
        self.issues = self.update()

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def update(self) -> list[Issue]:
        text = self.text
        self.issues = self.session.update(text)
        assert self.issues == _full_check(text, self.overrides)
        return self.issues

    def found(self, rule_id: str) -> list[str]:
        return _rules(self.issues, rule_id, self.text)


def test_introducing_and_deleting_the_minority_style():
    editor = Editor(POLITE_LETTER)
    assert editor.found("style-mix") == []
    editor.lines.insert(3, "この方針は変更しない。")
    editor.update()
    assert editor.found("style-mix") == ["ない"]
    assert editor.session.last_rechecked == 1
    editor.lines[2] = "担当者が確認する。"
    editor.update()
    assert editor.found("style-mix") == ["する", "ない"]
    assert editor.session.last_rechecked == 1
    editor.lines.append("結論は延期する。それで問題はない。理由は後で述べる。資料は別に送る。")
    editor.update()
    assert editor.found("style-mix") == ["ます", "ます", "ます", "ます", "ます"], "the majority flipped"
    del editor.lines[-1]
    editor.update()
    assert editor.found("style-mix") == ["する", "ない"]
    assert editor.session.last_rechecked == 0, "a paragraph seen before comes from the cache"
    editor.lines[2] = "担当者が確認します。"
    del editor.lines[3]
    editor.update()
    assert editor.found("style-mix") == []


def test_a_ki_line_splits_the_letter_into_separately_counted_sections():
    editor = Editor([*POLITE_LETTER, "本件は延期する。方針は未定である。"])
    assert editor.found("style-mix") == ["する", "ある"]
    editor.lines.insert(len(POLITE_LETTER), "記")
    editor.update()
    assert editor.found("style-mix") == []
    assert editor.session.last_rechecked == 1
    editor.lines[len(POLITE_LETTER)] = "以上"
    editor.update()
    assert editor.found("style-mix") == []
    editor.lines[len(POLITE_LETTER)] = "記載事項"
    editor.update()
    assert editor.found("style-mix") == ["する", "ある"]


def test_a_new_spelling_of_a_word_is_reported_everywhere_and_withdrawn_with_it():
    editor = Editor(POLITE_LETTER)
    assert editor.found("notation-variants") == []
    editor.lines.append("サーバの設定を確認します。")
    editor.update()
    assert editor.found("notation-variants") == ["サーバ"]
    editor.lines.append("サーバを再起動します。サーバの負荷を測ります。サーバが応答します。")
    editor.update()
    assert editor.found("notation-variants") == ["サーバー", "サーバー"], "サーバ is now the majority"
    assert editor.session.last_rechecked == 1
    editor.lines[1] = "サーバの更新を行います。サーバは来週停止します。"
    editor.update()
    assert editor.found("notation-variants") == []
    editor.lines.append("子どもの声を聞きます。")
    editor.update()
    assert editor.found("notation-variants") == ["子ども"], "a tie goes to the spelling seen first"
    editor.lines.insert(0, "子どもの笑顔を見ます。")
    editor.update()
    assert editor.found("notation-variants") == ["子供"]
    del editor.lines[0]
    del editor.lines[-1]
    editor.update()
    assert editor.found("notation-variants") == []


def test_mixed_digit_widths_follow_the_majority():
    editor = Editor(POLITE_LETTER)
    editor.lines.append("会議は４月にも開きます。")
    editor.update()
    assert editor.found("notation-variants") == ["４"]
    editor.lines.append("予備日は５月と６月です。")
    editor.update()
    assert editor.found("notation-variants") == ["3"]
    del editor.lines[-2:]
    editor.update()
    assert editor.found("notation-variants") == []


@pytest.mark.parametrize("overrides", OVERRIDES, ids=["default", "auto-punctuation-plain-style"])
def test_punctuation_majority_moves_with_the_edits(overrides):
    editor = Editor(["東京、大阪、名古屋を回ります。"], overrides)
    editor.lines.append("福岡，札幌，仙台，那覇も回ります。")
    editor.update()
    flagged = editor.found("koyobun-punctuation")
    if overrides:
        assert flagged == ["、", "、"], "「，」 is now the majority"
    else:
        assert flagged == ["，", "，", "，"]
    del editor.lines[-1]
    editor.update()
    assert editor.found("koyobun-punctuation") == []


@pytest.mark.parametrize("overrides", OVERRIDES, ids=["default", "auto-punctuation-plain-style"])
def test_random_edits_on_real_text_match_a_full_check(overrides):
    corpus = CORPUS.read_text(encoding="utf-8").splitlines()
    pieces = [*corpus[:200], *POLITE_LETTER, "記", "", "結論は延期である。", "福岡，札幌．", "サーバの設定。", "１２３"]
    generator = random.Random(5)
    editor = Editor(corpus[:30], overrides)
    for _step in range(40):
        action = generator.choice(("replace", "insert", "delete", "append-text", "join", "split", "crlf"))
        index = generator.randrange(len(editor.lines))
        if action == "replace":
            editor.lines[index] = generator.choice(pieces)
        elif action == "insert":
            editor.lines.insert(index, generator.choice(pieces))
        elif action == "delete" and len(editor.lines) > 1:
            del editor.lines[index]
        elif action == "append-text":
            editor.lines[index] += generator.choice(("追記。", "である。", "，", "サーバ", "５"))
        elif action == "join" and index + 1 < len(editor.lines):
            editor.lines[index : index + 2] = [editor.lines[index] + editor.lines[index + 1]]
        elif action == "split" and len(editor.lines[index]) > 2:
            cut = generator.randrange(1, len(editor.lines[index]))
            editor.lines[index : index + 1] = [editor.lines[index][:cut], editor.lines[index][cut:]]
        elif action == "crlf":
            editor.lines[index] += "\r"
        editor.update()


def test_a_document_longer_than_the_cache_is_still_rechecked_incrementally(monkeypatch):
    monkeypatch.setattr(checker_module, "RESULTS_CACHE_SIZE", 4)
    lines = [f"第{number}段落の文です。" for number in range(1, 21)]
    session = Checker().session()
    session.update("\n".join(lines))
    assert session.last_rechecked == len(lines)
    lines[7] = "第8段落は変更しました。"
    session.update("\n".join(lines))
    assert session.last_rechecked == 1


@pytest.mark.parametrize("rule_id", [rule_id for rule_id, rule in all_rules().items() if rule.document_level])
def test_document_rules_report_the_same_without_the_cache(rule_id):
    """``check_document`` (collect every paragraph, then report) is what the cached path computes."""
    rule = all_rules()[rule_id]
    checker = Checker()
    text = "\n".join([*POLITE_LETTER, "サーバの設定。結論は延期である。", "福岡，札幌．４月"])
    paragraphs = checker.analyzer.paragraphs(text)
    options = checker.profile.rules[rule_id].options
    direct = sorted((f.start, f.end, f.message, f.suggestions) for f in rule.check_document(paragraphs, options))
    cached = sorted((i.start, i.end, i.message, i.suggestions) for i in checker.check(text) if i.rule_id == rule_id)
    assert direct == cached
    assert direct, f"{rule_id} reports nothing on the sample; the comparison would prove nothing"

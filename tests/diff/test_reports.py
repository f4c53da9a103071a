"""Text, JSON and HTML reports of a diff."""

from __future__ import annotations

import json
import re

from tests.diff.samples import EN_NEW, EN_OLD, JA_NEW, JA_OLD
from workstation.diff.engine import diff_texts
from workstation.diff.html_report import render_html
from workstation.diff.json_report import diff_to_json
from workstation.diff.text_report import render_text
from workstation.i18n import set_language


def test_text_report_marks_changes_without_colour() -> None:
    text = render_text(diff_texts(JA_OLD, JA_NEW), old_label="old.txt", new_label="new.txt")
    assert text.startswith("--- old.txt\n+++ new.txt\n@@ -1,")
    assert "外務省[-は-]{+が+}本日" in text
    assert "目的と[-する-]{+している+}。" in text
    assert "から{+順次+}実施" in text
    assert "\x1b[" not in text
    assert "移動" in text
    assert "変更" in text.splitlines()[-1]


def test_text_report_colour_keeps_the_markers() -> None:
    text = render_text(diff_texts("外務省の方針", "外務省が方針"), color=True)
    assert "\x1b[31m[-の-]\x1b[0m" in text and "\x1b[32m{+が+}\x1b[0m" in text


def test_text_report_context_lines() -> None:
    old = "".join(f"line {i}\n" for i in range(30))
    new = old.replace("line 15\n", "line fifteen\n")
    text = render_text(diff_texts(old, new), context=1)
    assert "@@ -15,3 +15,3 @@" in text
    assert "  line 14\n~ line [-15-]{+fifteen+}\n  line 16\n" in text
    assert "line 13" not in text


def test_text_report_in_english() -> None:
    set_language("en")
    try:
        text = render_text(diff_texts(EN_OLD, EN_NEW))
    finally:
        set_language("ja")
    assert "The Ministry [-decided on-]{+adopted+} a new policy" in text
    assert "moved to new line" in text
    assert re.search(r"\d+ changes: \d+ replaced, \d+ inserted, \d+ deleted, 1 moved passage", text)


def test_json_report_has_hunks_with_spans_lines_and_moves() -> None:
    diff = diff_texts(JA_OLD, JA_NEW)
    data = json.loads(json.dumps(diff_to_json(diff), ensure_ascii=False))
    assert data["format"] == 1 and data["identical"] is False
    assert data["stats"]["hunks"] == len(diff.hunks) == len(data["hunks"])
    particle = next(h for h in data["hunks"] if h["old"]["text"] == "は")
    assert particle["kind"] == "replace" and particle["new"]["text"] == "が"
    assert particle["old"]["line"] == 3 and particle["old"]["column"] == 3
    assert JA_OLD[particle["old"]["start"] : particle["old"]["end"]] == "は"
    assert particle["id"] in data["blocks"][particle["block"]]["hunks"]
    moved = [h for h in data["hunks"] if h["move"]]
    assert {h["move"]["role"] for h in moved} == {"from", "to"}
    assert data["options"]["granularity"] == "word"


def test_html_report_is_self_contained_and_readable_without_colour() -> None:
    html = render_html(diff_texts(JA_OLD, JA_NEW), old_label="改訂前.txt", new_label="改訂後.txt")
    assert html.startswith("<!DOCTYPE html>") and html.rstrip().endswith("</html>")
    for forbidden in ("<script", "http://", "https://", "src=", "url(", "@import", "<link"):
        assert forbidden not in html
    assert "Noto Sans CJK JP" in html and "Meiryo" in html
    assert "改訂前.txt" in html and "改訂後.txt" in html
    assert "<del" in html and "<ins" in html
    assert 'content: "[-"' in html and 'content: "{+"' in html
    assert "@media print" in html
    assert ">−<" in html and ">+<" in html and "⇄" in html
    assert "変更一覧" in html
    assert "変更 " in html and "件" in html


def test_html_report_escapes_document_text() -> None:
    html = render_html(diff_texts("<b>old</b> & co\n", "<b>new</b> & co\n"))
    assert "<b>" not in html and "&lt;b&gt;" in html and "&amp; co" in html


def test_html_report_for_identical_texts() -> None:
    html = render_html(diff_texts("同じ\n", "同じ\n"))
    assert "本文は同じです" in html and '<table class="diff">' not in html

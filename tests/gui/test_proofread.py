"""Proofread workspace flows with the real checker: underlines, issues table, fixes, re-check as you type."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCharFormat

from tests.helpers.documents import docx_with_header
from workstation.gui.issues_model import ISSUE_ROLE

TEXT = "今日は朝から雨が降っています。彼はその映画を見れる。\n会議はは三時からです。外務省省の方針です。\n"


def _open(qtbot, window, tmp_path: Path, text: str = TEXT):
    view = window.proofread_view
    path = tmp_path / "answer.txt"
    path.write_text(text, encoding="cp932")
    with qtbot.waitSignal(view.document_loaded, timeout=30_000):
        window.open_path(str(path), view)
    _wait_checked(qtbot, view)
    return view, path


def _wait_checked(qtbot, view) -> None:
    """Until the issues shown are those of the text in the editor."""
    qtbot.waitUntil(lambda: view._checked_text == view.editor.toPlainText() and not view._task.running, timeout=30_000)


def _rules(view) -> list[str]:
    return [view.proxy.data(view.proxy.index(row, 0), ISSUE_ROLE).rule_id for row in range(view.proxy.rowCount())]


def test_issues_are_underlined_listed_sorted_and_filtered(qtbot, window, test_profile, tmp_path) -> None:
    view, _ = _open(qtbot, window, tmp_path)
    assert view.editor.toPlainText() == TEXT
    assert sorted(_rules(view)) == ["doubled-particle", "ra-nuki", "repeated-word"]
    underlines = view.editor.layer("issues")
    assert len(underlines) == 3
    assert all(extra.format.underlineStyle() == QTextCharFormat.UnderlineStyle.WaveUnderline for extra in underlines)
    assert {extra.cursor.selectedText() for extra in underlines} == {"見れる", "はは", "省省"}
    assert "3" in view.state_label.text()
    view.severity_combo.setCurrentIndex(view.severity_combo.findData("error"))
    assert sorted(_rules(view)) == ["doubled-particle", "repeated-word"]
    view.severity_combo.setCurrentIndex(0)
    view.filter_edit.setText("ら抜き")
    assert _rules(view) == ["ra-nuki"]
    view.filter_edit.clear()
    view.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    assert _rules(view)[-1] == "ra-nuki", "errors sort before warnings"


def test_click_jumps_and_apply_fix_changes_the_text_undoably(qtbot, window, test_profile, tmp_path) -> None:
    view, path = _open(qtbot, window, tmp_path)
    view.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    index = view.proxy.index(0, 2)
    view.table.selectRow(0)
    view.table.clicked.emit(index)
    assert view.editor.textCursor().selectedText() == "見れる"
    with qtbot.waitSignal(view.checked, timeout=30_000):
        assert view.apply_fix()
    assert "見られる" in view.editor.toPlainText()
    assert sorted(_rules(view)) == ["doubled-particle", "repeated-word"]
    window.save()
    assert "見られる" in path.read_text(encoding="cp932"), "saved in the file's own encoding"
    view.editor.setFocus()
    window.undo()
    assert "見れる" in view.editor.toPlainText()


def test_ignore_once_and_turn_a_rule_off(qtbot, window, test_profile, tmp_path) -> None:
    view, _ = _open(qtbot, window, tmp_path)
    issue = next(i for i in view.model.issues if i.rule_id == "repeated-word")
    view.select_issue(issue)
    view.ignore_once()
    assert "repeated-word" not in _rules(view)
    with qtbot.waitSignal(view.checked, timeout=30_000):
        view.check_now()
    assert "repeated-word" not in _rules(view), "an ignored issue stays ignored after a re-check"
    issue = next(i for i in view.model.issues if i.rule_id == "ra-nuki")
    with qtbot.waitSignal(view.checked, timeout=30_000):
        view.disable_rule(issue)
    assert window.settings.get("proofread/disabled_rules") == ["ra-nuki"]
    assert _rules(view) == ["doubled-particle"]


def test_recheck_as_you_type_only_changed_paragraphs(qtbot, window, test_profile, tmp_path) -> None:
    text = "".join(f"第{n}段落は問題のない文です。\n" for n in range(20))
    view, _ = _open(qtbot, window, tmp_path, text)
    assert _rules(view) == []
    cursor = view.editor.textCursor()
    cursor.setPosition(0)
    view.editor.setTextCursor(cursor)
    with qtbot.waitSignal(view.checked, timeout=30_000):
        cursor.insertText("会議はは")
    assert _rules(view) == ["doubled-particle"]
    assert view.last_rechecked <= 2, "only the edited paragraph went through the rules again"


def test_apply_all_fixes_then_accept_some_hunks_in_compare(qtbot, window, test_profile, tmp_path) -> None:
    view, _ = _open(qtbot, window, tmp_path)
    compare = window.compare_view
    with qtbot.waitSignal(compare.diffed, timeout=30_000):
        view.apply_all_button.click()
    assert window.workspaces.currentWidget() is compare
    assert compare.from_proofread and compare.to_proofread_button.isVisible()
    assert len(compare.diff.hunks) == 3
    compare.go_to(0)
    compare.accept_button.click()  # 見れる → 見られる
    compare.reject_button.click()  # はは stays
    compare.accept_button.click()  # 省省 → 省
    assert list(compare.decisions.values()) == ["accepted", "rejected", "accepted"]
    compare.to_proofread_button.click()
    assert window.workspaces.currentWidget() is view
    assert view.editor.toPlainText() == TEXT.replace("見れる", "見られる").replace("外務省省", "外務省")


def test_a_broken_dictionary_is_reported_once_and_checking_resumes_after_a_fix(qtbot, window, test_profile, tmp_path) -> None:
    from workstation.gui import errors

    view, _ = _open(qtbot, window, tmp_path)
    broken = tmp_path / "broken.yml"
    broken.write_text("rules: [ {expected: 外務省, patterns: [ unclosed\n", encoding="utf-8")
    errors.last_message_box = None
    window.settings.set("proofread/dictionaries", [str(broken)])
    qtbot.waitUntil(lambda: errors.last_message_box is not None, timeout=30_000)
    first_box = errors.last_message_box
    assert "Traceback" not in first_box.text()
    view.editor.textCursor().insertText("追記。")
    view.check_now()
    assert errors.last_message_box is first_box, "no second message for the same bad settings"
    assert "設定" in view.state_label.text()
    first_box.close()
    window.settings.set("proofread/dictionaries", [])
    _wait_checked(qtbot, view)
    assert "doubled-particle" in _rules(view)


def test_hovering_an_underline_tells_the_issue(qtbot, window, test_profile, tmp_path) -> None:
    view, _ = _open(qtbot, window, tmp_path)
    offset = TEXT.index("見れる") + 1
    tip = view.describe_at(offset)
    assert "ら抜き" in tip and "見られる" in tip
    assert view.describe_at(0) == ""


def test_issues_in_a_docx_footnote_or_header_say_where_they_are(qtbot, window, test_profile, tmp_path) -> None:
    from workstation.i18n import set_language

    set_language("ja")
    path = docx_with_header(tmp_path / "cable.docx", ("会議はは三時からです。",), "外務省省の方針")
    view = window.proofread_view
    with qtbot.waitSignal(view.document_loaded, timeout=30_000):
        window.open_path(str(path), view)
    _wait_checked(qtbot, view)
    lines = {view.proxy.data(view.proxy.index(row, 1), ISSUE_ROLE).rule_id: view.proxy.index(row, 0).data() for row in range(2)}
    assert lines == {"doubled-particle": "1:3", "repeated-word": "2:3 ヘッダー"}
    view.editor.setPlainText("新しい行\n" + view.editor.toPlainText())
    _wait_checked(qtbot, view)
    assert all("ヘッダー" not in view.proxy.index(row, 0).data() for row in range(view.proxy.rowCount())), (
        "with a line added nobody can tell which line is the header's"
    )

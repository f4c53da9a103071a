"""Compare workspace: two files side by side, hunks accepted or rejected (undoable), report, synchronised scrolling."""

from __future__ import annotations

from pathlib import Path

OLD = "".join(f"第{n}項　外務省の方針について説明する。\n" for n in range(60))
NEW = OLD.replace("第3項　外務省の方針", "第3項　外務省が方針").replace("第40項", "第四十項") + "追記です。\n"


def _open_pair(qtbot, window, tmp_path: Path):
    old = tmp_path / "v1.txt"
    new = tmp_path / "v2.txt"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="euc_jp")
    view = window.compare_view
    window.workspaces.setCurrentWidget(view)
    with qtbot.waitSignal(view.diffed, timeout=30_000):
        view.open_files(str(old), str(new))
    return view


def test_open_two_files_and_review_each_change(qtbot, window, tmp_path) -> None:
    view = _open_pair(qtbot, window, tmp_path)
    assert view.old_editor.toPlainText() == OLD and view.new_editor.toPlainText() == NEW
    assert len(view.diff.hunks) == 3
    assert view.hunk_list.topLevelItemCount() == 3
    assert view.diff.hunks[0].old_text == "の" and view.diff.hunks[0].new_text == "が", "a small change, not scattered characters"
    assert view.old_editor.layer("hunks") and view.new_editor.layer("hunks"), "coloured inline highlights"
    assert view.old_editor.layer("blocks") and view.new_editor.layer("blocks"), "changed lines are tinted"
    assert "v1.txt" in view.old_label.text() and "v2.txt" in view.new_label.text()
    view.next_change()
    assert view.current == 1
    view.previous_change()
    assert view.current == 0
    view.accept_button.click()
    assert view.current == 1, "deciding moves on to the next undecided change"
    view.reject_button.click()
    view.accept_button.click()
    assert view.decisions == {
        view.diff.hunks[0].id: "accepted",
        view.diff.hunks[1].id: "rejected",
        view.diff.hunks[2].id: "accepted",
    }
    assert view.merged_text() == OLD.replace("第3項　外務省の方針", "第3項　外務省が方針") + "追記です。\n"
    window.undo()
    assert view.decisions[view.diff.hunks[2].id] == "pending"
    window.redo()
    assert view.decisions[view.diff.hunks[2].id] == "accepted"
    view.reject_all_button.click()
    assert view.merged_text() == OLD
    window.undo()
    assert view.decisions[view.diff.hunks[0].id] == "accepted"
    assert "3" in view.summary_label.text()


def test_export_the_html_report(qtbot, window, tmp_path) -> None:
    view = _open_pair(qtbot, window, tmp_path)
    report = tmp_path / "report.html"
    view.export_report(str(report))
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "v1.txt" in html and "v2.txt" in html
    assert "追記です" in html


def test_scrolling_one_side_scrolls_the_other(qtbot, window, tmp_path) -> None:
    view = _open_pair(qtbot, window, tmp_path)
    window.resize(900, 500)
    qtbot.waitUntil(lambda: view.old_editor.verticalScrollBar().maximum() > 0, timeout=5_000)
    view.old_editor.verticalScrollBar().setValue(30)
    first_old = view.old_editor.firstVisibleBlock().blockNumber()
    first_new = view.new_editor.firstVisibleBlock().blockNumber()
    assert first_old == 30
    assert first_new == 30, "unchanged lines stay level"


def test_drop_a_file_on_each_side(qtbot, window, tmp_path) -> None:
    from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    old = tmp_path / "a.txt"
    new = tmp_path / "b.txt"
    old.write_text("一行目\n二行目\n", encoding="utf-8")
    new.write_text("一行目\n三行目\n", encoding="utf-8")
    view = window.compare_view

    def drop(editor, path: Path) -> None:
        data = QMimeData()
        data.setUrls([QUrl.fromLocalFile(str(path))])
        event = QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
        editor.dropEvent(event)

    with qtbot.waitSignal(view.document_loaded, timeout=30_000):
        drop(view.old_editor, old)
    assert view.diff is None and view.old_editor.toPlainText() == "一行目\n二行目\n"
    assert "もう一方" in view.summary_label.text()
    with qtbot.waitSignal(view.diffed, timeout=30_000):
        drop(view.new_editor, new)
    assert view.old_editor.toPlainText() == "一行目\n二行目\n"
    assert view.new_editor.toPlainText() == "一行目\n三行目\n"
    assert len(view.diff.hunks) == 1


def test_highlights_follow_a_switch_to_a_dark_palette(qtbot, window, tmp_path) -> None:
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication

    view = _open_pair(qtbot, window, tmp_path)
    light = view.old_editor.layer("blocks")[0].format.background().color().lightness()
    dark = QPalette(QApplication.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#e6e6e6"))
    original = QApplication.palette()
    QApplication.setPalette(dark)
    try:
        qtbot.waitUntil(lambda: view.old_editor.layer("blocks")[0].format.background().color().lightness() < 128)
        assert light > 128
    finally:
        QApplication.setPalette(original)


def test_the_merged_result_is_saved_in_the_earlier_files_encoding(qtbot, window, tmp_path) -> None:
    old = tmp_path / "v1.txt"
    new = tmp_path / "v2.txt"
    old.write_bytes("外務省の方針。\r\n第二段落。\r\n".encode("cp932"))
    new.write_text("外務省が方針。\n第二段落。\n", encoding="utf-8")
    view = window.compare_view
    with qtbot.waitSignal(view.diffed, timeout=30_000):
        view.open_files(str(old), str(new))
    view.accept_all_button.click()
    merged = tmp_path / "merged.txt"
    view.save_result(merged)
    assert merged.read_bytes() == "外務省が方針。\r\n第二段落。\r\n".encode("cp932")
    assert not view.is_modified()


def test_a_block_too_large_for_word_changes_is_counted_in_the_summary(qtbot, window, tmp_path) -> None:
    from workstation.i18n import set_language

    set_language("ja")
    old, new = tmp_path / "old.txt", tmp_path / "new.txt"
    old.write_text("前文。\n" + "あ" * 25_000 + "。\n", encoding="utf-8")
    new.write_text("前文。\n" + "い" * 25_000 + "。\n", encoding="utf-8")
    view = window.compare_view
    window.workspaces.setCurrentWidget(view)
    with qtbot.waitSignal(view.diffed, timeout=30_000):
        view.open_files(str(old), str(new))
    assert view.diff.stats().coarse_blocks == 1
    assert "大きな変更 1 箇所は文・行単位で表示" in view.summary_label.text()

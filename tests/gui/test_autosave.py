"""Autosave through the session store within seconds of a change, and recovery after a crash."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from workstation.gui.main_window import MainWindow
from workstation.store.sessions import SessionStore


def _crash(window: MainWindow) -> None:
    """What a power cut leaves: the store's last autosave, no clean-exit mark, the window gone."""
    window.autosave._store.close()
    window.autosave._store = None
    window.autosave.enabled = False
    window.close()


def test_changes_are_autosaved_and_recovered_after_a_crash(qtbot, settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.autosave.timer.setInterval(50)
    first.translate_view.source_editor.setPlainText("停電の直前まで入力していた公電。")
    first.proofread_view.editor.setPlainText("校正中の答弁案です。")
    with qtbot.waitSignal(first.autosave.saved, timeout=5_000):
        pass
    assert "自動保存" in first.autosave_label.text()
    _crash(first)

    second = MainWindow(settings)
    qtbot.addWidget(second)
    box = second.autosave.offer_recovery()
    assert box is not None and box.isVisible()
    assert "2" in box.text()
    restore = next(button for button in box.buttons() if box.buttonRole(button) == QMessageBox.ButtonRole.AcceptRole)
    with qtbot.waitSignal(second.autosave.recovered, timeout=5_000):
        restore.click()
    assert second.translate_view.source_editor.toPlainText() == "停電の直前まで入力していた公電。"
    assert second.proofread_view.editor.toPlainText() == "校正中の答弁案です。"
    second.close()


def test_translation_and_segment_states_survive_a_crash(qtbot, settings, tmp_path) -> None:
    from tests.gui.test_translate import JAPANESE

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.autosave.timer.setInterval(50)
    view = first.translate_view
    view.source_editor.setPlainText(JAPANESE)
    with qtbot.waitSignal(view.translated, timeout=60_000):
        view.translate_document()
    last = view.tracker.segments[-1]
    cursor = view.target_editor.textCursor()
    cursor.setPosition(last.target_end)
    cursor.insertText("!")
    with qtbot.waitSignal(first.autosave.saved, timeout=5_000):
        pass
    target = view.target_editor.toPlainText()
    _crash(first)

    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.autosave.recover(second.autosave.pending())
    restored = second.translate_view
    assert restored.target_editor.toPlainText() == target
    assert [s.state for s in restored.tracker.segments] == ["machine", "machine", "machine", "edited"]
    second.close()


def test_a_clean_quit_with_everything_saved_leaves_nothing_to_recover(qtbot, settings, tmp_path) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.autosave.timer.setInterval(50)
    path = tmp_path / "saved.txt"
    path.write_text("保存済み\n", encoding="utf-8")
    with qtbot.waitSignal(first.proofread_view.document_loaded, timeout=30_000):
        first.open_path(str(path), first.proofread_view)
    first.proofread_view.editor.setPlainText("保存した内容\n")
    first.workspaces.setCurrentWidget(first.proofread_view)
    first.save()
    assert path.read_text(encoding="utf-8") == "保存した内容\n"
    first.close()
    with SessionStore() as store:
        assert store.pending_recovery() == []


def test_quitting_with_unsaved_work_keeps_it_for_the_next_start(qtbot, settings) -> None:
    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.proofread_view.editor.setPlainText("まだ保存していない文章")
    first.close()
    second = MainWindow(settings)
    qtbot.addWidget(second)
    documents = second.autosave.pending()
    assert [document.text for document in documents] == ["まだ保存していない文章"]
    second.close()


def test_wipe_deletes_stored_sessions(qtbot, settings) -> None:
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.proofread_view.editor.setPlainText("消される文章")
    window.autosave.flush()
    store_path = window.autosave._store.path
    assert store_path.exists()
    window.autosave.wipe()
    assert not store_path.exists()
    window.close()


def test_review_decisions_in_compare_survive_a_crash(qtbot, settings, tmp_path) -> None:
    from tests.gui.test_compare import NEW, OLD

    first = MainWindow(settings)
    qtbot.addWidget(first)
    first.autosave.timer.setInterval(50)
    compare = first.compare_view
    with qtbot.waitSignal(compare.diffed, timeout=30_000):
        compare.compare_texts(OLD, NEW)
    compare.accept_button.click()
    compare.reject_button.click()
    decisions = dict(compare.decisions)
    assert compare.is_modified()
    with qtbot.waitSignal(first.autosave.saved, timeout=5_000):
        pass
    _crash(first)

    second = MainWindow(settings)
    qtbot.addWidget(second)
    with qtbot.waitSignal(second.compare_view.diffed, timeout=30_000):
        second.autosave.recover(second.autosave.pending())
    assert second.compare_view.decisions == decisions
    second.close()


def test_continuous_typing_is_still_autosaved(qtbot, settings) -> None:
    from PySide6.QtCore import QTimer

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.autosave.timer.setInterval(300)
    window.autosave.deadline.setInterval(600)
    editor = window.proofread_view.editor
    typing = QTimer()
    typing.setInterval(50)
    typing.timeout.connect(lambda: editor.textCursor().insertText("あ"))
    typing.start()
    try:
        with qtbot.waitSignal(window.autosave.saved, timeout=5_000):
            pass
        assert typing.isActive(), "saved while the typing never paused"
    finally:
        typing.stop()
    window.close()

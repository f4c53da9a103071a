"""The main window: menus, shortcuts, status bar, language switching, recent files, drag and drop, settings."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QLabel, QTabWidget, QWidget

from tests.helpers.documents import docx_with_header
from workstation.gui import engines
from workstation.gui.main_window import MainWindow
from workstation.i18n import set_language

JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def test_main_window_has_japanese_menus_workspaces_and_offline_status(qtbot) -> None:
    set_language("ja")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "編集(&E)", "表示(&V)", "ツール(&T)", "ヘルプ(&H)"]
    tabs = [window.workspaces.tabText(i) for i in range(window.workspaces.count())]
    assert tabs == ["翻訳", "校正", "比較"]
    assert "オフライン" in window.offline_label.text()
    assert window.windowTitle()


def test_standard_shortcuts(window) -> None:
    shortcuts = {key: [s.toString() for s in action.shortcuts()] for key, action in window.actions_by_key.items()}
    assert QKeySequence(QKeySequence.StandardKey.Open).toString() in shortcuts["open"]
    assert QKeySequence(QKeySequence.StandardKey.Save).toString() in shortcuts["save"]
    assert "Ctrl+Z" in shortcuts["undo"] and "Ctrl+Y" in shortcuts["redo"]
    assert "Ctrl+F" in shortcuts["find"]
    assert "Ctrl+Return" in shortcuts["translate"] and "Ctrl+Enter" in shortcuts["translate"]
    assert "F7" in shortcuts["check"]


def test_status_bar_shows_model_marked_builtin_or_not_profile_and_count(qtbot, window, test_profile) -> None:
    window.workspaces.setCurrentWidget(window.translate_view)
    window.translate_view.source_editor.setPlainText("外務省")
    assert window.count_label.text() == "3 文字"
    assert "テスト用 Marian" in window.model_label.text()
    assert "内蔵" not in window.model_label.text(), "a user-installed model is not marked built-in"
    assert "テスト用" in window.profile_label.text()


def _visible_texts(window: MainWindow) -> list[str]:
    texts = [window.windowTitle()]
    texts += [action.text() for action in window.menuBar().actions()]
    for menu in window.findChildren(type(window.file_menu)):
        texts += [action.text() for action in menu.actions() if action.text()]
    for widget in window.findChildren(QWidget):
        if (isinstance(widget, QAbstractButton) and widget.isVisibleTo(window) and widget.text()) or (isinstance(widget, QLabel) and widget.isVisibleTo(window)):
            texts.append(widget.text())
        elif isinstance(widget, QTabWidget):
            texts += [widget.tabText(i) for i in range(widget.count())]
    return texts


def test_switching_the_ui_language_retranslates_the_live_window(qtbot, window, test_profile) -> None:
    window.set_ui_language("en")
    assert [action.text() for action in window.menuBar().actions()] == ["&File", "&Edit", "&View", "&Tools", "&Help"]
    assert [window.workspaces.tabText(i) for i in range(3)] == ["Translate", "Proofread", "Compare"]
    for index in range(3):
        window.workspaces.setCurrentIndex(index)
        leftovers = [text for text in _visible_texts(window) if JAPANESE.search(text)]
        # the only Japanese left is content: model names given by the model's own manifest are shown in English
        assert leftovers == [], leftovers
    assert window.proofread_view.model.headerData(0, Qt.Orientation.Horizontal) == "Line:Col"
    assert window.settings.get("ui/language") == "en"
    window.set_ui_language("ja")
    assert window.workspaces.tabText(0) == "翻訳"
    assert window.translate_view.translate_button.text().startswith("翻訳")


def test_drop_a_file_on_the_translate_editor_and_remember_it(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_bytes("大使館から連絡がありました。\r\n".encode("cp932"))
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(QPoint(5, 5), Qt.DropAction.CopyAction, data, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.translate_view.document_loaded, timeout=30_000):
        window.translate_view.target_editor.dropEvent(event)
    assert window.translate_view.source_editor.toPlainText() == "大使館から連絡がありました。\n"
    assert window.settings.get("recent/files")[0] == str(path.resolve())
    window.recent_menu.aboutToShow.emit()
    assert next(action.text() for action in window.recent_menu.actions()) == "memo.txt"


def test_a_bad_file_gives_a_clear_message_and_keeps_the_text(qtbot, window, tmp_path: Path) -> None:
    from workstation.gui import errors

    window.translate_view.source_editor.setPlainText("作業中の文章")
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    errors.last_message_box = None
    window.open_path(str(broken), window.translate_view)
    qtbot.waitUntil(lambda: errors.last_message_box is not None, timeout=30_000)
    box = errors.last_message_box
    assert box.isVisible()
    assert "Traceback" not in box.text() and box.text()
    assert window.translate_view.source_editor.toPlainText() == "作業中の文章"
    box.close()


def test_opening_a_docx_with_a_header_shows_it_after_the_body_and_says_so(qtbot, window, tmp_path: Path) -> None:
    set_language("ja")
    path = docx_with_header(tmp_path / "cable.docx", ("会議が開催された。",), "秘")
    window.open_path(str(path), window.proofread_view)
    qtbot.waitUntil(lambda: window.proofread_view.editor.toPlainText() == "会議が開催された。\n秘", timeout=30_000)
    message = window.statusBar().currentMessage()
    assert message.startswith("cable.docx: 本文の後にヘッダー 1 段落を表示")


def test_settings_dialog_stores_declared_settings(qtbot, window) -> None:
    window.show_settings()
    dialog = window.settings_dialog
    assert dialog is not None and dialog.isVisible()
    assert set(dialog.fields) >= {
        "models/directory", "translate/threads", "translate/beam_size", "translate/direction",
        "translate/back_translation", "proofread/profile", "proofread/dictionaries", "ui/language", "ui/font_size",
    }  # fmt: skip
    assert engines.translate_options(window.settings).back_translation_weight is None, "the model's recommendation"
    dialog.fields["translate/beam_size"].setValue(2)
    dialog.fields["translate/back_translation"].setChecked(False)
    dialog.fields["ui/font_size"].setValue(16)
    dialog.accept()
    assert window.settings.get("translate/beam_size") == 2
    assert window.settings.get("translate/back_translation") is False
    assert engines.translate_options(window.settings).back_translation_weight == 0.0
    assert window.translate_view.source_editor.font().pointSize() == 16


def test_find_bar_finds_text_in_the_focused_editor(qtbot, window) -> None:
    editor = window.translate_view.source_editor
    editor.setPlainText("一行目\n外務省の方針\n")
    editor.setFocus()
    window.actions_by_key["find"].trigger()
    assert window.find_bar.isVisible()
    window.find_bar.field.setText("方針")
    assert editor.textCursor().selectedText() == "方針"


def test_escape_closes_the_find_bar(qtbot, window) -> None:
    window.translate_view.source_editor.setFocus()
    window.actions_by_key["find"].trigger()
    qtbot.keyClick(window.find_bar.field, Qt.Key.Key_Escape)
    assert not window.find_bar.isVisible()


def test_the_title_names_the_document_and_marks_unsaved_changes(qtbot, window, tmp_path: Path) -> None:
    path = tmp_path / "答弁案.txt"
    path.write_text("本文\n", encoding="utf-8")
    view = window.proofread_view
    with qtbot.waitSignal(view.document_loaded, timeout=30_000):
        window.open_path(str(path), view)
    assert window.windowTitle().startswith("答弁案.txt — ")
    view.editor.textCursor().insertText("追記")
    assert window.windowTitle().startswith("答弁案.txt * — ")
    window.save()
    assert window.windowTitle().startswith("答弁案.txt — ")
    assert path.read_text(encoding="utf-8") == "追記本文\n"


def test_the_lang_option_chooses_the_language_until_the_user_picks_one(qtbot) -> None:
    set_language("en")  # what `workstation --lang en` or WORKSTATION_LANG=en does before the window opens
    window = MainWindow()
    qtbot.addWidget(window)
    assert window.workspaces.tabText(0) == "Translate"
    window.set_ui_language("ja")
    set_language("en")
    again = MainWindow()
    qtbot.addWidget(again)
    assert again.workspaces.tabText(0) == "翻訳", "the user's choice in the settings wins"


def test_choosing_english_in_the_settings_dialog_switches_the_window(qtbot, window) -> None:
    window.show_settings()
    dialog = window.settings_dialog
    combo = dialog.fields["ui/language"]
    combo.setCurrentIndex(combo.findData("en"))
    dialog.accept()
    assert window.workspaces.tabText(1) == "Proofread"
    assert window.proofread_view.check_button.text() == "Check (F7)"
    window.show_settings()
    assert window.settings_dialog.windowTitle() == "Settings"
    window.settings_dialog.reject()


def test_new_document_clears_the_workspace_undoably(qtbot, window) -> None:
    editor = window.proofread_view.editor
    window.workspaces.setCurrentWidget(window.proofread_view)
    editor.setPlainText("古い文章")
    window.actions_by_key["new"].trigger()
    assert editor.toPlainText() == ""
    editor.setFocus()
    window.undo()
    assert editor.toPlainText() == "古い文章"

"""The shared editor: engine offsets (code points) map to Qt positions (UTF-16) also past 𠮷 and emoji."""

from __future__ import annotations

from workstation.gui.editor import PositionMap, TextEditor, span_cursor

TEXT = "𠮷野家で😀会議は三時から。\n外務省"


def test_position_map_round_trips_around_astral_characters() -> None:
    positions = PositionMap(TEXT)
    for offset in range(len(TEXT) + 1):
        assert positions.from_qt(positions.to_qt(offset)) == offset
    assert positions.to_qt(1) == 2 and positions.to_qt(5) == 7


def test_spans_and_caret_use_code_point_offsets(qtbot) -> None:
    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(TEXT)
    start = TEXT.index("会議")
    assert span_cursor(editor, start, start + 2).selectedText() == "会議"
    editor.select_span(start, start + 2)
    assert editor.selected_span() == (start, start + 2)
    editor.replace_span(start, start + 2, "打合せ")
    assert editor.toPlainText() == TEXT.replace("会議", "打合せ")
    end = editor.toPlainText().index("外務省")
    editor.select_span(end, end)
    assert editor.caret_offset() == end
    editor.undo()
    assert editor.toPlainText() == TEXT


def test_layers_are_drawn_together(qtbot) -> None:
    from PySide6.QtGui import QTextCharFormat

    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(TEXT)
    fmt = QTextCharFormat()
    editor.set_layer("a", [(0, 1, fmt)])
    editor.set_layer("b", [(2, 3, fmt)])
    assert len(editor.extraSelections()) == 2
    editor.set_layer("a", [])
    assert len(editor.extraSelections()) == 1


def test_only_marks_near_the_visible_text_go_to_qt_and_marks_follow_edits(qtbot) -> None:
    from PySide6.QtGui import QTextCharFormat

    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.resize(600, 300)
    editor.show()
    line = "外務省の方針について説明する。\n"
    editor.setPlainText(line * 5000)
    fmt = QTextCharFormat()
    editor.set_layer("issues", [(n * len(line), n * len(line) + 3, fmt) for n in range(5000)])
    shown = len(editor.layer("issues"))
    assert 0 < shown < 1000, "tens of thousands of marks, only those near the view handed to Qt"
    editor.verticalScrollBar().setValue(editor.verticalScrollBar().maximum())
    qtbot.waitUntil(lambda: any(extra.cursor.position() > len(line) * 4900 for extra in editor.layer("issues")))
    cursor = editor.textCursor()
    cursor.setPosition(0)
    cursor.insertText("前置き")
    assert editor.marks("issues")[0][:2] == (3, 6) or editor.marks("issues")[0][:2] == (0, 6)
    assert editor.marks("issues")[1][:2] == (len(line) + 3, len(line) + 6)


def test_tooltips_come_from_the_owner(qtbot) -> None:
    from PySide6.QtGui import QHelpEvent
    from PySide6.QtWidgets import QApplication, QToolTip

    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.setPlainText("外務省の方針")
    asked: list[int] = []
    editor.tooltip_at = lambda offset: asked.append(offset) or "説明"
    point = editor.cursorRect(span_cursor(editor, 1, 1)).center()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, point, editor.viewport().mapToGlobal(point))
    QApplication.sendEvent(editor.viewport(), event)
    assert asked and asked[0] in (0, 1, 2)
    assert QToolTip.isVisible() and QToolTip.text() == "説明"
    QToolTip.hideText()

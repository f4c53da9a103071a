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

    from workstation.gui.editor import selection

    editor = TextEditor()
    qtbot.addWidget(editor)
    editor.setPlainText(TEXT)
    fmt = QTextCharFormat()
    editor.set_layer("a", [selection(span_cursor(editor, 0, 1), fmt)])
    editor.set_layer("b", [selection(span_cursor(editor, 2, 3), fmt)])
    assert len(editor.extraSelections()) == 2
    editor.set_layer("a", [])
    assert len(editor.extraSelections()) == 1

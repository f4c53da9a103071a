"""The plain-text editor used by every workspace: file drops, layered highlights, and a find bar."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QDragEnterEvent,
    QDropEvent,
    QFont,
    QKeySequence,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextEdit,
    QToolButton,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from workstation.gui.strings import tr

EDITOR_FONT_FAMILIES = ["Noto Sans CJK JP", "Yu Gothic UI", "Meiryo", "Hiragino Sans", "Noto Sans", "sans-serif"]


def editor_font(point_size: int) -> QFont:
    font = QFont()
    font.setFamilies(EDITOR_FONT_FAMILIES)
    font.setPointSize(point_size)
    return font


def is_dark(widget: QWidget) -> bool:
    return widget.palette().color(QPalette.ColorRole.Base).lightness() < 128


def tint(widget: QWidget, light: str, dark: str) -> QColor:
    """A highlight colour readable on the widget's palette (light or dark, following the system)."""
    return QColor(dark if is_dark(widget) else light)


def labelled_panes(*panes: tuple[QWidget, QWidget]) -> QSplitter:
    """Side-by-side panes, each a label above its editor, in a horizontal splitter."""
    splitter = QSplitter(Qt.Orientation.Horizontal)
    for label, editor in panes:
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.addWidget(label)
        box_layout.addWidget(editor, 1)
        splitter.addWidget(box)
    return splitter


def selection(cursor: QTextCursor, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
    extra = QTextEdit.ExtraSelection()
    extra.cursor = cursor
    extra.format = fmt
    return extra


def span_cursor(editor: QPlainTextEdit, start: int, end: int) -> QTextCursor:
    """A cursor selecting code-point offsets ``start``–``end`` of the editor's text."""
    document = editor.document()
    positions = editor.positions() if isinstance(editor, TextEditor) else PositionMap(editor.toPlainText())
    cursor = QTextCursor(document)
    limit = document.characterCount() - 1
    cursor.setPosition(max(0, min(positions.to_qt(start), limit)))
    cursor.setPosition(max(0, min(positions.to_qt(end), limit)), QTextCursor.MoveMode.KeepAnchor)
    return cursor


Mark = tuple[int, int, QTextCharFormat]
"""A highlight: code-point ``start``, ``end`` and the format (``FullWidthSelection`` marks whole lines)."""

VISIBLE_MARGIN_CHARS = 4000
"""Marks this far beyond the visible text are handed to Qt too, so scrolling a little shows them at once."""


def shift_span(start: int, end: int, position: int, removed: int, added: int) -> tuple[int, int, bool]:
    """New ``(start, end)`` of a span after replacing ``removed`` characters at ``position`` by ``added``;
    the flag says whether the edit touched the span itself (inside it, or typing at its end)."""
    delta = added - removed
    change_end = position + removed
    if change_end < start or (change_end == start and removed == 0 and position < start):
        return start + delta, end + delta, False
    if position > end:
        return start, end, False
    if position == end and removed == 0 and added and position > start:
        return start, end + delta, True
    if position == end:
        return start, end, False
    new_start = min(start, position)
    new_end = max(position + added, end + delta)
    return new_start, new_end, True


_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")


class PositionMap:
    """Converts between engine offsets (code points) and Qt positions (UTF-16 units) of one text.

    Only characters outside the Basic Multilingual Plane (some rare kanji, emoji) take two UTF-16 units; their
    offsets are found once with a regular expression, so each conversion is a binary search.
    """

    def __init__(self, text: str) -> None:
        self.astral = [match.start() for match in _ASTRAL.finditer(text)]
        self._astral_qt = [offset + index for index, offset in enumerate(self.astral)]
        self.length = len(text)

    def to_qt(self, offset: int) -> int:
        return offset + bisect.bisect_left(self.astral, offset)

    def from_qt(self, position: int) -> int:
        return min(self.length, position - bisect.bisect_left(self._astral_qt, position))


class _Layer:
    """Marks sorted by start, with starts and ends in arrays so an edit moves thousands of them at once."""

    def __init__(self, marks: list[Mark]) -> None:
        ordered = sorted(marks, key=lambda mark: (mark[0], mark[1]))
        self.formats = [mark[2] for mark in ordered]
        if not ordered:
            return
        import numpy as np  # on first use: it adds a third of a second to start-up

        self.starts = np.array([mark[0] for mark in ordered], dtype=np.int64)
        self.ends = np.array([mark[1] for mark in ordered], dtype=np.int64)

    def __len__(self) -> int:
        return len(self.formats)

    def marks(self) -> list[Mark]:
        if not self.formats:
            return []
        return [(int(s), int(e), f) for s, e, f in zip(self.starts, self.ends, self.formats, strict=True)]

    def between(self, low: int, high: int) -> list[Mark]:
        """Marks that may touch ``low``–``high`` (their start within a margin before ``low`` or inside)."""
        if not self.formats:
            return []
        import numpy as np

        first = int(np.searchsorted(self.starts, low - VISIBLE_MARGIN_CHARS, "left"))
        last = int(np.searchsorted(self.starts, high, "right"))
        return [
            (int(self.starts[i]), int(self.ends[i]), self.formats[i])
            for i in range(first, last)
            if self.ends[i] >= low
        ]

    def shift(self, position: int, removed: int, added: int) -> None:
        """Move marks after an edit by its change in length; work out the few that touch it one by one."""
        if not self.formats:
            return
        import numpy as np

        first = int(np.searchsorted(self.starts, position, "left"))
        while first > 0 and self.ends[first - 1] >= position:
            first -= 1
        last = int(np.searchsorted(self.starts, position + removed, "right"))
        for i in range(first, last):
            start, end, _hit = shift_span(int(self.starts[i]), int(self.ends[i]), position, removed, added)
            self.starts[i], self.ends[i] = start, end
        self.starts[last:] += added - removed
        self.ends[last:] += added - removed


class TextEditor(QPlainTextEdit):
    """A plain-text editor that accepts dropped files and shows named layers of highlights."""

    file_dropped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setTabChangesFocus(False)
        self._layers: dict[str, _Layer] = {}
        self._shown: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._positions: PositionMap | None = None
        self.tooltip_at: Callable[[int], str] | None = None
        """Gives the tool tip for a code-point offset under the mouse (empty: none)."""
        self._materialize_timer = QTimer(self)
        self._materialize_timer.setSingleShot(True)
        self._materialize_timer.setInterval(0)
        self._materialize_timer.timeout.connect(self._materialize)
        self.document().contentsChange.connect(self._forget_positions)
        self.document().contentsChange.connect(self._shift_marks)
        self.verticalScrollBar().valueChanged.connect(self._schedule_materialize)

    def set_layer(self, name: str, spans: list[Mark]) -> None:
        """Replace the highlights of layer ``name``: ``(start, end, format)`` in code points (layers are drawn in
        insertion order). Only the marks near the visible part are handed to Qt, so a document with tens of
        thousands of marks scrolls and types as fast as one with none."""
        self._layers[name] = _Layer(spans)
        self._materialize()

    def layer(self, name: str) -> list[QTextEdit.ExtraSelection]:
        """The highlights of layer ``name`` currently handed to Qt (those near the visible part)."""
        return list(self._shown.get(name, []))

    def marks(self, name: str) -> list[Mark]:
        layer = self._layers.get(name)
        return layer.marks() if layer is not None else []

    def _schedule_materialize(self, *_args: object) -> None:
        self._materialize_timer.start()

    def _visible_range(self) -> tuple[int, int]:
        positions = self.positions()
        first = self.firstVisibleBlock().position()
        last = self.cursorForPosition(self.viewport().rect().bottomRight()).position()
        return (
            max(0, positions.from_qt(first) - VISIBLE_MARGIN_CHARS),
            positions.from_qt(last) + VISIBLE_MARGIN_CHARS,
        )

    def _materialize(self) -> None:
        self._materialize_timer.stop()
        low, high = self._visible_range()
        self._shown = {
            name: [selection(span_cursor(self, start, end), fmt) for start, end, fmt in layer.between(low, high)]
            for name, layer in self._layers.items()
        }
        self.setExtraSelections([extra for shown in self._shown.values() for extra in shown])

    def _shift_marks(self, position: int, removed: int, added: int) -> None:
        """Keep every layer's marks on their text through an edit (until their owner replaces them)."""
        if not any(len(layer) for layer in self._layers.values()):
            return
        start = self.positions().from_qt(position)
        for layer in self._layers.values():
            layer.shift(start, removed, added)
        self._schedule_materialize()

    def positions(self) -> PositionMap:
        """The offset converter for the current text (rebuilt after each change, when first needed)."""
        if self._positions is None:
            self._positions = PositionMap(self.toPlainText())
        return self._positions

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self._schedule_materialize()

    def viewportEvent(self, event: QEvent) -> bool:
        """Tool tips for what is under the mouse come from :attr:`tooltip_at` (issue messages, glossary terms)."""
        if event.type() == QEvent.Type.ToolTip and self.tooltip_at is not None:
            cursor = self.cursorForPosition(event.pos())
            text = self.tooltip_at(self.positions().from_qt(cursor.position()))
            if text:
                QToolTip.showText(event.globalPos(), text, self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)

    def _forget_positions(self, *_change: int) -> None:
        """Connected first to ``contentsChange``, so other handlers of the change already see the new text."""
        self._positions = None

    def caret_offset(self) -> int:
        return self.positions().from_qt(self.textCursor().position())

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        positions = self.positions()
        return positions.from_qt(cursor.selectionStart()), positions.from_qt(cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        cursor = span_cursor(self, start, end)
        self.setTextCursor(cursor)
        self.centerCursor()
        self.setFocus()

    def replace_span(self, start: int, end: int, replacement: str) -> None:
        """Replace a code-point span as one undoable edit."""
        cursor = span_cursor(self, start, end)
        cursor.beginEditBlock()
        cursor.insertText(replacement)
        cursor.endEditBlock()

    def set_text_undoable(self, text: str) -> None:
        """Replace the whole text as one step the user can undo."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        cursor.select(QTextCursor.SelectionType.Document)
        cursor.insertText(text)
        cursor.endEditBlock()

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(url.isLocalFile() for url in event.mimeData().urls()):
            event.acceptProposedAction()
            return
        super().dragEnterEvent(event)

    def dragMoveEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.mimeData().hasUrls():
            event.acceptProposedAction()
            return
        super().dragMoveEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        files = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.file_dropped.emit(str(Path(files[0])))
            return
        super().dropEvent(event)


class FindBar(QWidget):
    """Ctrl+F: find text in the editor that last had focus."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target: QPlainTextEdit | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        self.label = QLabel()
        self.field = QLineEdit()
        self.field.setClearButtonEnabled(True)
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.status = QLabel()
        self.close_button = QToolButton()
        self.close_button.setText("×")
        self.close_button.setAutoRaise(True)
        for widget in (self.label, self.field, self.previous_button, self.next_button, self.status):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.close_button)
        self.field.returnPressed.connect(self.find_next)
        self.field.textChanged.connect(lambda _text: self.find_next(from_start=True))
        self.next_button.clicked.connect(lambda: self.find_next())
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.hide)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.label.setText(tr("find.label"))
        self.field.setPlaceholderText(tr("find.placeholder"))
        self.previous_button.setText(tr("find.previous"))
        self.next_button.setText(tr("find.next"))
        self.close_button.setToolTip(tr("find.close"))

    def open_for(self, editor: QPlainTextEdit | None) -> None:
        self.target = editor
        if editor is not None and editor.textCursor().hasSelection():
            self.field.setText(editor.textCursor().selectedText())
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def event(self, event) -> bool:  # type: ignore[no-untyped-def]
        """Esc closes the find bar (before any window shortcut bound to Esc sees it)."""
        if event.type() == QEvent.Type.ShortcutOverride and event.key() == Qt.Key.Key_Escape:
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        if event.matches(QKeySequence.StandardKey.Cancel) or event.key() == Qt.Key.Key_Escape:
            self.hide()
            if self.target is not None:
                self.target.setFocus()
            return
        super().keyPressEvent(event)

    def find_next(self, from_start: bool = False) -> bool:
        return self._find(backward=False, from_start=from_start)

    def find_previous(self) -> bool:
        return self._find(backward=True, from_start=False)

    def _find(self, *, backward: bool, from_start: bool) -> bool:
        editor = self.target
        needle = self.field.text()
        if editor is None or not needle:
            self.status.clear()
            return False
        document = editor.document()
        cursor = editor.textCursor()
        if from_start:
            cursor.setPosition(cursor.selectionStart())
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        found = document.find(needle, cursor, flags)
        if found.isNull():
            wrap = QTextCursor(document)
            if backward:
                wrap.movePosition(QTextCursor.MoveOperation.End)
            found = document.find(needle, wrap, flags)
        if found.isNull():
            self.status.setText(tr("find.not_found"))
            return False
        self.status.clear()
        editor.setTextCursor(found)
        editor.centerCursor()
        return True


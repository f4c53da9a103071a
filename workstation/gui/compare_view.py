"""The 比較 (Compare) workspace: side-by-side diff, coloured hunks, accept/reject each, HTML report."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QTextCharFormat, QTextFormat, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.gui import engines
from workstation.gui.editor import TextEditor, labelled_panes, span_cursor, tint
from workstation.gui.errors import show_error
from workstation.gui.settings import Settings
from workstation.gui.strings import tr
from workstation.gui.tasks import BackgroundOp, TaskContext, TaskHandle
from workstation.gui.workspace import Workspace

log = logging.getLogger(__name__)

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
STATE_SYMBOLS = {PENDING: "・", ACCEPTED: "✓", REJECTED: "✗"}
SNIPPET_CHARS = 40


class _Decide(QUndoCommand):
    """One accept/reject decision (or all of them at once) on the review, undoable."""

    def __init__(self, view: CompareView, action: Callable[[Any], None], text: str) -> None:
        super().__init__(text)
        self.view = view
        self.action = action
        self.before = dict(view.decisions)
        self.after: dict[str, str] | None = None

    def redo(self) -> None:
        if self.after is None:
            self.action(self.view.review)
            self.after = dict(self.view.decisions)
        self.view._set_decisions(self.after)

    def undo(self) -> None:
        self.view._set_decisions(self.before)


class CompareView(Workspace):
    result_to_proofread = Signal(str)
    """The merged text, sent back to Proofread after reviewing its fixes."""
    diffed = Signal()
    """Emitted on the GUI thread once a diff is shown."""
    decisions_changed = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.diff: Any = None
        self.review: Any = None
        self._restored_decisions: dict[str, str] = {}
        self._result_used = False
        self.current = -1
        self.from_proofread = False
        self.old_path = ""
        self.new_path = ""
        self.old_document: Any = None
        self.new_document: Any = None
        self._task: TaskHandle | None = None
        self._syncing = False
        self.undo_stack = QUndoStack(self)
        self._build()
        self.retranslate_ui()

    # ----- layout -----------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.open_button = QPushButton()
        self.previous_button = QPushButton()
        self.next_button = QPushButton()
        self.accept_button = QPushButton()
        self.reject_button = QPushButton()
        self.accept_all_button = QPushButton()
        self.reject_all_button = QPushButton()
        self.report_button = QPushButton()
        self.save_button = QPushButton()
        self.to_proofread_button = QPushButton()
        self.summary_label = QLabel()
        top = QHBoxLayout()
        top.addWidget(self.open_button)
        top.addSpacing(12)
        for widget in (self.previous_button, self.next_button, self.accept_button, self.reject_button):
            top.addWidget(widget)
        top.addSpacing(12)
        for widget in (self.accept_all_button, self.reject_all_button):
            top.addWidget(widget)
        top.addStretch(1)
        for widget in (self.report_button, self.save_button, self.to_proofread_button):
            top.addWidget(widget)

        self.old_label = QLabel()
        self.new_label = QLabel()
        self.old_editor = TextEditor()
        self.new_editor = TextEditor()
        for editor in (self.old_editor, self.new_editor):
            editor.setReadOnly(True)
            editor.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
        panes = labelled_panes((self.old_label, self.old_editor), (self.new_label, self.new_editor))

        self.hunk_list = QTreeWidget()
        self.hunk_list.setRootIsDecorated(False)
        self.hunk_list.setColumnCount(5)
        self.hunk_list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.hunk_list.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.hunk_list.header().setStretchLastSection(True)
        for column, width in enumerate((48, 120, 56, 420)):
            self.hunk_list.setColumnWidth(column, width)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(panes)
        splitter.addWidget(self.hunk_list)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.summary_label)

        self.open_button.clicked.connect(self.open_two_files_dialog)
        self.previous_button.clicked.connect(self.previous_change)
        self.next_button.clicked.connect(self.next_change)
        self.accept_button.clicked.connect(lambda: self.decide_current(ACCEPTED))
        self.reject_button.clicked.connect(lambda: self.decide_current(REJECTED))
        self.accept_all_button.clicked.connect(lambda: self.decide_all(ACCEPTED))
        self.reject_all_button.clicked.connect(lambda: self.decide_all(REJECTED))
        self.report_button.clicked.connect(self.export_report_dialog)
        self.save_button.clicked.connect(lambda: self.save(ask=True))
        self.to_proofread_button.clicked.connect(self.send_result_to_proofread)
        self.hunk_list.currentItemChanged.connect(self._on_list_current)
        self.old_editor.verticalScrollBar().valueChanged.connect(lambda _v: self._sync_scroll(from_old=True))
        self.new_editor.verticalScrollBar().valueChanged.connect(lambda _v: self._sync_scroll(from_old=False))
        self.old_editor.file_dropped.connect(lambda path: self.open_side(path, old=True))
        self.new_editor.file_dropped.connect(lambda path: self.open_side(path, old=False))
        self.decisions_changed.connect(self.content_changed)

    def retranslate_ui(self) -> None:
        self.open_button.setText(tr("compare.open"))
        self.previous_button.setText(tr("compare.previous"))
        self.next_button.setText(tr("compare.next"))
        self.accept_button.setText(tr("compare.accept"))
        self.reject_button.setText(tr("compare.reject"))
        self.accept_all_button.setText(tr("compare.accept_all"))
        self.reject_all_button.setText(tr("compare.reject_all"))
        self.report_button.setText(tr("compare.report"))
        self.save_button.setText(tr("compare.save"))
        self.to_proofread_button.setText(tr("compare.to_proofread"))
        self.hunk_list.setHeaderLabels([tr(f"compare.column.{name}") for name in ("number", "state", "line", "old", "new")])
        self.old_editor.setPlaceholderText(tr("compare.placeholder.old"))
        self.new_editor.setPlaceholderText(tr("compare.placeholder.new"))
        self._update_labels()
        self._fill_list()

    def editors(self) -> list[TextEditor]:
        return [self.old_editor, self.new_editor]

    @property
    def decisions(self) -> dict[str, str]:
        return self.review.decisions if self.review is not None else {}

    def character_count(self) -> int:
        return len(self.new_editor.toPlainText())

    def is_modified(self) -> bool:
        """Decisions taken but not yet saved or sent back are work in progress."""
        return any(state != PENDING for state in self.decisions.values()) and not self._result_used

    def _update_labels(self) -> None:
        old = Path(self.old_path).name if self.old_path else ""
        new = Path(self.new_path).name if self.new_path else ""
        if self.from_proofread:
            self.old_label.setText(tr("compare.label.original"))
            self.new_label.setText(tr("compare.label.corrected"))
        else:
            self.old_label.setText(tr("compare.label.old", name=old) if old else tr("compare.label.old_plain"))
            self.new_label.setText(tr("compare.label.new", name=new) if new else tr("compare.label.new_plain"))
        self.to_proofread_button.setVisible(self.from_proofread)
        has_diff = self.diff is not None and bool(self.diff.hunks)
        for button in (
            self.previous_button, self.next_button, self.accept_button, self.reject_button,
            self.accept_all_button, self.reject_all_button, self.report_button, self.save_button,
            self.to_proofread_button,
        ):  # fmt: skip
            button.setEnabled(has_diff)
        if self.diff is None:
            self.summary_label.setText(tr("compare.summary.empty"))
        elif not self.diff.hunks:
            self.summary_label.setText(tr("compare.summary.identical"))
        else:
            counts = {state: sum(1 for value in self.decisions.values() if value == state) for state in STATE_SYMBOLS}
            coarse = self.diff.stats().coarse_blocks
            self.summary_label.setText(
                tr(
                    "compare.summary",
                    total=len(self.diff.hunks),
                    accepted=counts[ACCEPTED],
                    rejected=counts[REJECTED],
                    pending=counts[PENDING],
                )
                + (tr("compare.summary.coarse", count=coarse) if coarse else "")
            )

    # ----- opening ----------------------------------------------------------------------------------------
    def open_two_files_dialog(self) -> None:
        old, _ = QFileDialog.getOpenFileName(self, tr("compare.choose_old"), "", tr("dialog.open_filter"))
        if not old:
            return
        new, _ = QFileDialog.getOpenFileName(self, tr("compare.choose_new"), str(Path(old).parent), tr("dialog.open_filter"))
        if new:
            self.open_files(old, new)

    def new_document(self) -> None:
        self.diff = self.review = None
        self.old_path = self.new_path = ""
        self.old_document = self.new_document = None
        self.from_proofread = False
        self.undo_stack.clear()
        self.old_editor.clear()
        self.new_editor.clear()
        self._fill_list()
        self._paint()
        self._update_labels()

    def open_path(self, path: str) -> None:
        """Opening one file fills the empty side, the earlier (left) side first; with both full it starts anew."""
        if self.old_path and not self.new_path:
            self.open_side(path, old=False)
            return
        if self.new_path:
            self.new_path, self.new_document = "", None
        self.open_side(path, old=True)

    def open_side(self, path: str, *, old: bool) -> None:
        """Put a file on one side; compare as soon as both sides hold a file."""
        self.read_documents([path], lambda document: self._show_side(document, old=old))

    def _show_side(self, document: Any, *, old: bool) -> None:
        self.from_proofread = False
        if old:
            self.old_path, self.old_document = str(document.path), document
        else:
            self.new_path, self.new_document = str(document.path), document
        if self.old_document is not None and self.new_document is not None:
            self.compare_texts(self.old_document.text, self.new_document.text, keep_paths=True)
            return
        self.diff = self.review = None
        self.undo_stack.clear()
        (self.old_editor if old else self.new_editor).setPlainText(document.text)
        (self.new_editor if old else self.old_editor).clear()
        self._fill_list()
        self._paint()
        self._update_labels()
        self.summary_label.setText(tr("compare.summary.need_other"))

    def open_files(self, old: str, new: str) -> None:
        self.read_documents([old, new], self._show_files)

    def _show_files(self, old_document: Any, new_document: Any) -> None:
        self.old_path, self.new_path = str(old_document.path), str(new_document.path)
        self.old_document, self.new_document = old_document, new_document
        self.from_proofread = False
        self.compare_texts(old_document.text, new_document.text, keep_paths=True)

    def compare_texts(self, old: str, new: str, *, from_proofread: bool = False, keep_paths: bool = False) -> None:
        """Diff ``old`` against ``new`` off the GUI thread and show the result."""
        if not keep_paths:
            self.old_path = self.new_path = ""
            self.old_document = self.new_document = None
        self.from_proofread = from_proofread
        if self._task is not None and self._task.running:
            self._task.cancel()
        self.summary_label.setText(tr("compare.diffing"))

        def op(context: TaskContext) -> Any:
            return engines.diff_texts(old, new)

        self._task = (
            BackgroundOp(parent=self, op=op, success=self.show_diff, name="diff")
            .run_in_background()
        )

    def show_diff(self, diff: Any) -> None:
        self.diff = diff
        self.review = engines.review(diff, self._restored_decisions)
        self._restored_decisions = {}
        self.undo_stack.clear()
        self.old_editor.setPlainText(diff.old_text)
        self.new_editor.setPlainText(diff.new_text)
        self.current = 0 if diff.hunks else -1
        self._fill_list()
        self._paint()
        self._update_labels()
        if diff.hunks:
            self.go_to(0)
        self.content_changed.emit()
        self.status_changed.emit()
        self.diffed.emit()

    # ----- painting ---------------------------------------------------------------------------------------
    def _fill_list(self) -> None:
        if not hasattr(self, "hunk_list"):
            return
        self.hunk_list.blockSignals(True)
        self.hunk_list.clear()
        if self.diff is not None:
            for hunk in self.diff.hunks:
                state = self.decisions.get(hunk.id, PENDING)
                moved = f" ⇄{tr('compare.moved')}" if hunk.move is not None else ""
                item = QTreeWidgetItem(
                    [
                        str(hunk.index + 1),
                        f"{STATE_SYMBOLS[state]} {tr('compare.state.' + state)}{moved}",
                        str(hunk.old_line),
                        _snippet(hunk.old_text) if hunk.old_text else tr("compare.inserted"),
                        _snippet(hunk.new_text) if hunk.new_text else tr("compare.deleted"),
                    ]
                )
                item.setData(0, Qt.ItemDataRole.UserRole, hunk.id)
                self.hunk_list.addTopLevelItem(item)
            if 0 <= self.current < self.hunk_list.topLevelItemCount():
                self.hunk_list.setCurrentItem(self.hunk_list.topLevelItem(self.current))
        self.hunk_list.blockSignals(False)

    def _paint(self) -> None:
        diff = self.diff
        if diff is None:
            for editor in self.editors():
                editor.set_layer("blocks", [])
                editor.set_layer("hunks", [])
            return
        old_line = _block_format(tint(self, "#fdecea", "#4a2526"))
        new_line = _block_format(tint(self, "#e8f5e9", "#1f3d24"))
        old_blocks, new_blocks = [], []
        old_starts, new_starts = _line_starts(diff.old_text), _line_starts(diff.new_text)
        for block in diff.blocks:
            old_blocks += [(old_starts[n], old_starts[n], old_line) for n in range(*block.old_lines) if n < len(old_starts)]
            new_blocks += [(new_starts[n], new_starts[n], new_line) for n in range(*block.new_lines) if n < len(new_starts)]
        self.old_editor.set_layer("blocks", old_blocks)
        self.new_editor.set_layer("blocks", new_blocks)
        self._paint_hunks()

    def _paint_hunks(self) -> None:
        diff = self.diff
        if diff is None:
            return
        old_marks, new_marks = [], []
        caret_line = _block_format(tint(self, "#e3f2fd", "#1c3550"))
        for position, hunk in enumerate(diff.hunks):
            state = self.decisions.get(hunk.id, PENDING)
            current = position == self.current
            deleted = QTextCharFormat()
            inserted = QTextCharFormat()
            if state == REJECTED:
                deleted.setBackground(tint(self, "#eeeeee", "#3a3a3a"))
                inserted.setBackground(tint(self, "#eeeeee", "#3a3a3a"))
                inserted.setFontStrikeOut(True)
            elif state == ACCEPTED:
                deleted.setBackground(tint(self, "#f3c1bd", "#7a3431"))
                deleted.setFontStrikeOut(True)
                inserted.setBackground(tint(self, "#9be0a4", "#2e6b37"))
            else:
                deleted.setBackground(tint(self, "#f8b4ae", "#8c3a36"))
                inserted.setBackground(tint(self, "#a8e6b0", "#2f7a3a"))
            if current:
                for fmt in (deleted, inserted):
                    fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
                    fmt.setUnderlineColor(tint(self, "#1565c0", "#90caf9"))
                    fmt.setFontWeight(700)
            if hunk.old_end > hunk.old_start:
                old_marks.append((hunk.old_start, hunk.old_end, deleted))
            elif current:
                old_marks.append((hunk.old_start, hunk.old_start, caret_line))
            if hunk.new_end > hunk.new_start:
                new_marks.append((hunk.new_start, hunk.new_end, inserted))
            elif current:
                new_marks.append((hunk.new_start, hunk.new_start, caret_line))
        self.old_editor.set_layer("hunks", old_marks)
        self.new_editor.set_layer("hunks", new_marks)

    # ----- navigation and decisions -----------------------------------------------------------------------
    def go_to(self, position: int) -> None:
        if self.diff is None or not self.diff.hunks:
            return
        self.current = max(0, min(position, len(self.diff.hunks) - 1))
        hunk = self.diff.hunks[self.current]
        self._syncing = True
        try:
            for editor, offset in ((self.old_editor, hunk.old_start), (self.new_editor, hunk.new_start)):
                cursor = span_cursor(editor, offset, offset)
                editor.setTextCursor(cursor)
                editor.centerCursor()
        finally:
            self._syncing = False
        self.hunk_list.blockSignals(True)
        self.hunk_list.setCurrentItem(self.hunk_list.topLevelItem(self.current))
        self.hunk_list.blockSignals(False)
        self._paint_hunks()

    def next_change(self) -> None:
        self.go_to(self.current + 1)

    def previous_change(self) -> None:
        self.go_to(self.current - 1)

    def _on_list_current(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if item is not None:
            self.go_to(self.hunk_list.indexOfTopLevelItem(item))

    def decide(self, hunk_id: str, state: str) -> None:
        """Accept, reject or reset one change (a moved text's other half follows it), undoably."""
        method = {ACCEPTED: "accept", REJECTED: "reject", PENDING: "reset"}[state]
        self.undo_stack.push(_Decide(self, lambda review: getattr(review, method)(hunk_id), tr(f"compare.undo.{state}")))

    def decide_current(self, state: str) -> None:
        """Accept or reject the current change, then move to the next undecided one."""
        if self.diff is None or not 0 <= self.current < len(self.diff.hunks):
            return
        self.decide(self.diff.hunks[self.current].id, state)
        following = [
            index for index, hunk in enumerate(self.diff.hunks)
            if index > self.current and self.decisions[hunk.id] == PENDING
        ]  # fmt: skip
        if following:
            self.go_to(following[0])

    def decide_all(self, state: str) -> None:
        if self.diff is None:
            return
        if all(value == state for value in self.decisions.values()):
            return
        method = "accept_all" if state == ACCEPTED else "reject_all"
        self.undo_stack.push(_Decide(self, lambda review: getattr(review, method)(), tr(f"compare.undo.{state}_all")))

    def _set_decisions(self, decisions: dict[str, str]) -> None:
        self._result_used = False
        self.review = engines.review(self.diff, decisions)
        self._fill_list()
        self._paint_hunks()
        self._update_labels()
        self.decisions_changed.emit()

    def send_result_to_proofread(self) -> None:
        self._result_used = True
        self.result_to_proofread.emit(self.merged_text())

    def merged_text(self) -> str:
        """The old text with the accepted changes applied (undecided and rejected ones keep the old text)."""
        if self.review is None:
            return self.old_editor.toPlainText()
        return self.review.merged_text(pending_as="rejected", newline="\n")

    # ----- synchronised scrolling -------------------------------------------------------------------------
    def _sync_scroll(self, *, from_old: bool) -> None:
        if self._syncing or self.diff is None:
            return
        source, target = (self.old_editor, self.new_editor) if from_old else (self.new_editor, self.old_editor)
        block = source.firstVisibleBlock()
        offset = source.positions().from_qt(block.position())
        mapped = self.diff.old_to_new(offset) if from_old else self.diff.new_to_old(offset)
        target_block = target.document().findBlock(span_cursor(target, mapped, mapped).position())
        self._syncing = True
        try:
            target.verticalScrollBar().setValue(_scroll_value_of_block(target, target_block.blockNumber()))
        finally:
            self._syncing = False

    # ----- saving, report ---------------------------------------------------------------------------------
    def save(self, *, ask: bool = False) -> None:
        if self.diff is None:
            return
        suggested = self.old_path or "merged.txt"
        path, _ = QFileDialog.getSaveFileName(self, tr("compare.save_title"), suggested, tr("dialog.save_filter"))
        if path:
            self.save_result(path)

    def save_result(self, path: str | Path) -> None:
        """Write the merged text, in the earlier document's format, encoding and line endings."""
        try:
            engines.save_document(self.old_document, self.merged_text(), path)
        except Exception as exc:
            show_error(self, exc)
            return
        self._result_used = True
        self.document_saved.emit()

    def export_report_dialog(self) -> None:
        if self.diff is None:
            return
        path, _ = QFileDialog.getSaveFileName(self, tr("compare.report_title"), "diff-report.html", tr("dialog.html_filter"))
        if path:
            self.export_report(path)

    def export_report(self, path: str) -> None:
        try:
            engines.write_diff_report(
                self.diff,
                path,
                old_label=Path(self.old_path).name if self.old_path else self.old_label.text(),
                new_label=Path(self.new_path).name if self.new_path else self.new_label.text(),
                old_document=self.old_document,
                new_document=self.new_document,
            )
        except Exception as exc:
            show_error(self, exc)

    # ----- autosave ---------------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        """Both texts, and the decisions so far (kept in the options of one store segment record)."""
        review = {"decisions": self.decisions, "from_proofread": self.from_proofread}
        return {
            "text": self.old_editor.toPlainText(),
            "target_text": self.new_editor.toPlainText(),
            "segments": engines.review_state(review),
            "title": tr("compare.autosave_title"),
        }

    def restore(self, state: dict[str, Any]) -> None:
        review = engines.review_from_state(state.get("segments") or [])
        self._restored_decisions = review.get("decisions", {})
        self.compare_texts(
            state.get("text", ""), state.get("target_text") or "", from_proofread=bool(review.get("from_proofread"))
        )

    def repaint_marks(self) -> None:
        self._paint()

    def shutdown(self) -> None:
        if self._task is not None:
            self._task.cancel()


def _snippet(text: str) -> str:
    flat = text.replace("\n", "↵")
    return flat if len(flat) <= SNIPPET_CHARS else flat[: SNIPPET_CHARS - 1] + "…"


def _block_format(color: Any) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(color)
    fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
    return fmt


def _line_starts(text: str) -> list[int]:
    """Code-point offset of the start of each line."""
    starts = [0]
    position = text.find("\n")
    while position >= 0:
        starts.append(position + 1)
        position = text.find("\n", position + 1)
    return starts


def _scroll_value_of_block(editor: QPlainTextEdit, number: int) -> int:
    """QPlainTextEdit scrolls by layout lines: the first line number of block ``number``."""
    block = editor.document().findBlockByNumber(number)
    return block.firstLineNumber() if block.isValid() else 0

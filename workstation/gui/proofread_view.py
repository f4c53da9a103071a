"""The 校正 (Proofread) workspace: editor with wavy underlines, an issues table, fixes, re-check as you type."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from workstation.gui import engines
from workstation.gui.editor import TextEditor
from workstation.gui.errors import show_error
from workstation.gui.issues_model import ISSUE_ROLE, SEVERITY_COLORS, IssuesFilter, IssuesModel, severity_name
from workstation.gui.settings import Settings
from workstation.gui.strings import tr
from workstation.gui.tasks import BackgroundOp, TaskContext, TaskHandle
from workstation.gui.workspace import Workspace

log = logging.getLogger(__name__)

RECHECK_DELAY_MS = 600
"""Pause in typing after which the text is re-checked."""


class ProofreadView(Workspace):
    review_requested = Signal(str, str)
    """``(original, corrected)`` after "apply all fixes": the main window opens Compare with them."""
    checked = Signal()
    """Emitted on the GUI thread after a check result was shown."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.document: Any = None
        self._checked_text = ""
        self._failed_config: engines.CheckerConfig | None = None
        self.title = ""
        self.all_issues: list[Any] = []
        self.ignored: set[tuple[str, str, int, str]] = set()
        self._checker: Any = None
        self._checker_config: engines.CheckerConfig | None = None
        self._task: TaskHandle | None = None
        self._dirty = False
        self.last_rechecked = 0
        self._build()
        self.retranslate_ui()
        self._reload_profiles()

    # ----- layout -----------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.check_button = QPushButton()
        self.profile_combo = QComboBox()
        self.profile_label = QLabel()
        self.apply_button = QPushButton()
        self.ignore_button = QPushButton()
        self.disable_rule_button = QPushButton()
        self.apply_all_button = QPushButton()
        self.state_label = QLabel()
        top = QHBoxLayout()
        for widget in (self.check_button, self.profile_label, self.profile_combo):
            top.addWidget(widget)
        top.addSpacing(12)
        for widget in (self.apply_button, self.ignore_button, self.disable_rule_button, self.apply_all_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.state_label)

        self.editor = TextEditor()
        self.editor.setObjectName("proofread-editor")
        self.model = IssuesModel()
        self.proxy = IssuesFilter()
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((100, 80, 190, 440)):
            self.table.setColumnWidth(column, width)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)

        self.severity_combo = QComboBox()
        self.filter_edit = QLineEdit()
        self.filter_edit.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        self.filter_label = QLabel()
        filters.addWidget(self.filter_label)
        filters.addWidget(self.severity_combo)
        filters.addWidget(self.filter_edit, 1)
        issues_box = QWidget()
        issues_layout = QVBoxLayout(issues_box)
        issues_layout.setContentsMargins(0, 0, 0, 0)
        issues_layout.addLayout(filters)
        issues_layout.addWidget(self.table, 1)

        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.editor)
        splitter.addWidget(issues_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)

        self.recheck_timer = QTimer(self)
        self.recheck_timer.setSingleShot(True)
        self.recheck_timer.setInterval(RECHECK_DELAY_MS)
        self.recheck_timer.timeout.connect(self.check_now)

        self.check_button.clicked.connect(self.check_now)
        self.apply_button.clicked.connect(lambda: self.apply_fix())
        self.ignore_button.clicked.connect(self.ignore_once)
        self.disable_rule_button.clicked.connect(self.disable_rule)
        self.apply_all_button.clicked.connect(self.apply_all_fixes)
        self.profile_combo.activated.connect(
            lambda _index: self.settings.set("proofread/profile", self.profile_combo.currentData())
        )
        self.severity_combo.currentIndexChanged.connect(
            lambda _index: self.proxy.set_severity(self.severity_combo.currentData() or "")
        )
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.table.clicked.connect(self._jump_to)
        self.table.activated.connect(self._jump_to)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())
        self.editor.tooltip_at = self.describe_at
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.cursorPositionChanged.connect(self._follow_caret)

    def retranslate_ui(self) -> None:
        self.check_button.setText(tr("proofread.check"))
        self.check_button.setToolTip(tr("proofread.check.tip"))
        self.profile_label.setText(tr("proofread.profile"))
        self.apply_button.setText(tr("proofread.apply"))
        self.ignore_button.setText(tr("proofread.ignore"))
        self.disable_rule_button.setText(tr("proofread.disable_rule"))
        self.apply_all_button.setText(tr("proofread.apply_all"))
        self.apply_all_button.setToolTip(tr("proofread.apply_all.tip"))
        self.filter_label.setText(tr("proofread.filter"))
        self.filter_edit.setPlaceholderText(tr("proofread.filter.placeholder"))
        current = self.severity_combo.currentData()
        self.severity_combo.blockSignals(True)
        self.severity_combo.clear()
        self.severity_combo.addItem(tr("severity.all"), "")
        for severity in ("error", "warning", "info"):
            self.severity_combo.addItem(tr(f"severity.{severity}"), severity)
        self.severity_combo.setCurrentIndex(max(0, self.severity_combo.findData(current or "")))
        self.severity_combo.blockSignals(False)
        self.editor.setPlaceholderText(tr("proofread.placeholder"))
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.model.columnCount() - 1)
        self.model.layoutChanged.emit()
        self._reload_profiles()
        self._update_state_label()

    def _reload_profiles(self) -> None:
        if not hasattr(self, "profile_combo"):
            return
        self.profile_combo.blockSignals(True)
        self.profile_combo.clear()
        try:
            profiles = engines.proofreading_profiles()
        except Exception:
            log.exception("cannot list the proofreading profiles")
            profiles = []
        for name, title in profiles:
            self.profile_combo.addItem(title, name)
        chosen = self.settings.get("proofread/profile")
        if self.profile_combo.findData(chosen) < 0:
            self.profile_combo.addItem(engines.profile_title(chosen), chosen)
        self.profile_combo.setCurrentIndex(self.profile_combo.findData(chosen))
        self.profile_combo.blockSignals(False)

    def editors(self) -> list[TextEditor]:
        return [self.editor]

    def is_modified(self) -> bool:
        return super().is_modified() or (self.document is None and bool(self.editor.toPlainText().strip()))

    def status_profile(self) -> str:
        return self.profile_combo.currentText() or engines.profile_title(self.settings.get("proofread/profile"))

    def on_setting_changed(self, key: str) -> None:
        if key in {"proofread/profile", "proofread/dictionaries", "proofread/disabled_rules"}:
            self._reload_profiles()
            self.schedule_check(immediately=True)

    # ----- documents --------------------------------------------------------------------------------------
    def open_path(self, path: str) -> None:
        self.read_documents([path], self._show_document)

    def _show_document(self, document: Any) -> None:
        self.document = document
        self.title = Path(document.path).name
        self.ignored.clear()
        self.editor.setPlainText(document.text)
        self.editor.document().setModified(False)
        self.check_now()

    def new_document(self) -> None:
        self.document = None
        self.title = ""
        self.ignored.clear()
        self.editor.set_text_undoable("")
        self.editor.document().setModified(False)

    def load_text(self, text: str, *, title: str = "") -> None:
        """Show ``text`` (for example a translation) as a new, unsaved document."""
        self.document = None
        self.title = title
        self.ignored.clear()
        self.editor.setPlainText(text)
        self.editor.document().setModified(True)

    def replace_text(self, text: str) -> None:
        """Replace the text as one undoable edit (after reviewing fixes in Compare)."""
        self.editor.set_text_undoable(text)

    def save(self, *, ask: bool = False) -> None:
        path = self.document.path if self.document is not None and not ask else None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(self, tr("dialog.save_title"), self.title, tr("dialog.save_filter"))
            if not chosen:
                return
            path = Path(chosen)
        self.save_to(path)

    def save_to(self, path: str | Path) -> None:
        """Write the text to ``path`` (atomically, keeping the document's format and encoding)."""
        self.document = engines.save_document(self.document, self.editor.toPlainText(), path)
        self.title = Path(path).name
        self.editor.document().setModified(False)
        self.file_opened.emit(str(path))
        self.document_saved.emit()

    # ----- checking ---------------------------------------------------------------------------------------
    def _on_text_changed(self) -> None:
        self.status_changed.emit()
        self.content_changed.emit()
        self.schedule_check()

    def schedule_check(self, *, immediately: bool = False) -> None:
        if immediately:
            self.recheck_timer.start(0)
        else:
            self.recheck_timer.start()

    def _config(self) -> engines.CheckerConfig:
        return engines.CheckerConfig(
            self.settings.get("proofread/profile"),
            tuple(self.settings.get("proofread/dictionaries")),
            tuple(self.settings.get("proofread/disabled_rules")),
        )

    def check_now(self) -> None:
        """Check the current text off the GUI thread; only changed paragraphs are analysed again."""
        self.recheck_timer.stop()
        if self._task is not None and self._task.running:
            self._dirty = True
            self._task.cancel()  # a long check stops at its next step; the check after it starts from the cache
            return
        text = self.editor.toPlainText()
        config = self._config()
        if config == self._failed_config:
            return
        self._update_state_label(checking=True)
        found: list[list[Any]] = []  # the issues of the latest step, from the worker to _show_partial

        def op(context: TaskContext) -> tuple[str, list[Any], int]:
            if self._checker is None or self._checker_config != config:
                self._checker = engines.make_checker(config).session()
                self._checker_config = config
            issues: list[Any] = []
            for step in self._checker.steps(text):
                issues = step.issues
                if not step.finished:
                    found[:] = [issues]
                    context.progress(step.checked, step.total)
                    context.check_cancelled()
            return text, issues, self._checker.last_rechecked

        self._task = (
            BackgroundOp(parent=self, op=op, success=self._show_result, name="proofread")
            .failure(self._check_failed)
            .with_progress(lambda done, total, _message: self._show_partial(text, found, done, total))
            .run_in_background()
        )
        self._task.done.connect(self._after_check)

    def _after_check(self) -> None:
        if self._dirty:
            self._dirty = False
            self.check_now()

    def _check_failed(self, error: BaseException) -> None:
        """Say once what is wrong (a bad profile or dictionary); checking resumes when the settings change."""
        self._checker = None
        self._failed_config = self._config()
        self.state_label.setText(tr("proofread.failed"))
        show_error(self, error)

    def _show_partial(self, text: str, found: list[list[Any]], done: int, total: int) -> None:
        """Show the issues of the steps checked so far of a long text while the rest is checked."""
        if found and text == self.editor.toPlainText():
            self._checked_text = text
            self.all_issues = found[-1]
            self._refresh_issues()
        self._update_state_label(checking=True, percent=100 * done // max(total, 1))

    def _show_result(self, result: tuple[str, list[Any], int]) -> None:
        text, issues, rechecked = result
        if text != self.editor.toPlainText():
            self._dirty = True
            return
        self.last_rechecked = rechecked
        self._checked_text = text
        self.all_issues = issues
        self._refresh_issues()
        self.checked.emit()

    def _ignore_key(self, issue: Any, text: str) -> tuple[str, str, int, str]:
        line_start = text.rfind("\n", 0, issue.start) + 1
        line_end = text.find("\n", issue.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        return issue.rule_id, text[issue.start : issue.end], issue.start - line_start, line

    def visible_issues(self) -> list[Any]:
        text = self.editor.toPlainText()
        return [issue for issue in self.all_issues if self._ignore_key(issue, text) not in self.ignored]

    def _refresh_issues(self) -> None:
        issues = self.visible_issues()
        text = self.editor.toPlainText()
        self.model.set_issues(issues, engines.line_places(self.document, text))
        length = len(text)
        selections = []
        for issue in issues:
            fmt = QTextCharFormat()
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor(SEVERITY_COLORS.get(severity_name(issue), "#d32f2f")))
            start, end = issue.start, issue.end
            if start == end:
                end = min(end + 1, length)
                start = max(0, end - 1)
            selections.append((start, end, fmt))
        self.editor.set_layer("issues", selections)
        self._update_state_label()
        self._update_buttons()

    def _update_state_label(self, *, checking: bool = False, percent: int | None = None) -> None:
        if checking:
            self.state_label.setText(tr("proofread.checking") if percent is None else tr("proofread.checking_part", percent=percent))
            return
        issues = self.model.issues
        counts = {name: sum(1 for issue in issues if severity_name(issue) == name) for name in ("error", "warning", "info")}
        self.state_label.setText(tr("proofread.summary", total=len(issues), **counts))

    # ----- acting on issues -------------------------------------------------------------------------------
    def selected_issue(self) -> Any | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.proxy.data(rows[0], ISSUE_ROLE)

    def select_issue(self, issue: Any) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if self.proxy.data(index, ISSUE_ROLE) is issue:
                self.table.selectionModel().select(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                self.table.scrollTo(index)
                return

    def _jump_to(self, index: QModelIndex) -> None:
        issue = self.proxy.data(index, ISSUE_ROLE)
        if issue is not None:
            self.editor.select_span(issue.start, issue.end)

    def describe_at(self, offset: int) -> str:
        """The messages (and suggestions) of the issues at ``offset``, for the editor's tool tip."""
        lines = []
        for issue in self.model.issues:
            if issue.start <= offset < max(issue.end, issue.start + 1):
                line = f"{engines.rule_name(issue.rule_id)}: {issue.message}"
                if issue.suggestions:
                    line += "\n→ " + " / ".join(issue.suggestions)
                lines.append(line)
        return "\n\n".join(lines)

    def _follow_caret(self) -> None:
        offset = self.editor.caret_offset()
        for issue in self.model.issues:
            if issue.start <= offset <= issue.end:
                if self.selected_issue() is not issue:
                    self.table.blockSignals(True)
                    self.select_issue(issue)
                    self.table.blockSignals(False)
                self._update_buttons()
                return

    def _update_buttons(self) -> None:
        issue = self.selected_issue()
        self.apply_button.setEnabled(bool(issue is not None and issue.suggestions))
        self.ignore_button.setEnabled(issue is not None)
        self.disable_rule_button.setEnabled(issue is not None)
        self.apply_all_button.setEnabled(any(issue.suggestions for issue in self.model.issues))

    def apply_fix(self, issue: Any | None = None, suggestion: str | None = None) -> bool:
        """Replace the issue's span with its (first) suggestion, as one undoable edit."""
        issue = issue or self.selected_issue()
        if issue is None or not issue.suggestions:
            return False
        if self.editor.toPlainText() != self._checked_text:
            return False
        self.editor.replace_span(issue.start, issue.end, suggestion if suggestion is not None else issue.suggestions[0])
        self.all_issues = [other for other in self.all_issues if other is not issue]
        self.check_now()
        return True

    def ignore_once(self, issue: Any | None = None) -> None:
        issue = issue or self.selected_issue()
        if issue is None:
            return
        self.ignored.add(self._ignore_key(issue, self.editor.toPlainText()))
        self._refresh_issues()

    def disable_rule(self, issue: Any | None = None) -> None:
        """Switch the issue's rule off (remembered in the settings; undo it in the settings file or dialog)."""
        issue = issue or self.selected_issue()
        if issue is None:
            return
        disabled = list(self.settings.get("proofread/disabled_rules"))
        if issue.rule_id not in disabled:
            disabled.append(issue.rule_id)
        self.all_issues = [other for other in self.all_issues if other.rule_id != issue.rule_id]
        self._refresh_issues()
        self.settings.set("proofread/disabled_rules", disabled)

    def enable_all_rules(self) -> None:
        self.settings.set("proofread/disabled_rules", [])

    def apply_all_fixes(self) -> None:
        """Apply every suggestion to a copy and open Compare so each change can be accepted or rejected."""
        original = self.editor.toPlainText()
        corrected = engines.apply_fixes(original, self.visible_issues())
        if corrected == original:
            return
        self.review_requested.emit(original, corrected)

    def _table_menu(self, position: Any) -> None:
        issue = self.selected_issue()
        if issue is None:
            return
        menu = QMenu(self)
        for suggestion in issue.suggestions:
            action = menu.addAction(tr("proofread.replace_with", suggestion=suggestion))
            action.triggered.connect(lambda _checked=False, s=suggestion: self.apply_fix(issue, s))
        if issue.suggestions:
            menu.addSeparator()
        menu.addAction(tr("proofread.ignore"), lambda: self.ignore_once(issue))
        menu.addAction(tr("proofread.disable_rule"), lambda: self.disable_rule(issue))
        if self.settings.get("proofread/disabled_rules"):
            menu.addAction(tr("proofread.enable_all_rules"), self.enable_all_rules)
        menu.popup(self.table.viewport().mapToGlobal(position))

    # ----- autosave ---------------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        return {"text": self.editor.toPlainText(), "title": self.title, **engines.document_info(self.document)}

    def restore(self, state: dict[str, Any]) -> None:
        self.document = engines.reopen_recovered(state.get("path"))
        self.title = state.get("title", "")
        self.editor.setPlainText(state.get("text", ""))
        self.editor.document().setModified(True)

    def shutdown(self) -> None:
        self.recheck_timer.stop()
        if self._task is not None:
            self._task.cancel()


"""The proofreading issues as a sortable, filterable Qt table (line, severity, rule, message, suggestion)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QColor

from workstation.gui import engines
from workstation.gui.strings import tr

COLUMNS = ("line", "severity", "rule", "message", "suggestion")
SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}
SEVERITY_COLORS = {"error": "#d32f2f", "warning": "#e69500", "info": "#1e6fd9"}
SEVERITY_SYMBOLS = {"error": "●", "warning": "▲", "info": "○"}
ISSUE_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


def severity_name(issue: Any) -> str:
    return getattr(issue.severity, "value", str(issue.severity))


SORT_KEYS: dict[str, Any] = {
    "line": lambda issue: (issue.line, issue.column),
    "severity": lambda issue: (SEVERITY_RANK.get(severity_name(issue), 3), issue.line, issue.column),
    "rule": lambda issue: (engines.rule_name(issue.rule_id), issue.line, issue.column),
    "message": lambda issue: (str(issue.message), issue.line),
    "suggestion": lambda issue: (" / ".join(issue.suggestions), issue.line),
}


class IssuesModel(QAbstractTableModel):
    """Rows are the engine's ``Issue`` objects, shown in the UI language."""

    def __init__(self) -> None:
        super().__init__()
        self.issues: list[Any] = []
        self.places: Sequence[str] | None = None
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder

    def set_issues(self, issues: list[Any], places: Sequence[str] | None = None) -> None:
        """Show ``issues``; ``places`` names where each line is in a .docx (a header line shows 「ヘッダー」)."""
        self.beginResetModel()
        self.issues = list(issues)
        self.places = places
        self._order_issues()
        self.endResetModel()

    def place(self, issue: Any) -> str:
        """``body``, or the part of the .docx (header, footer, footnote, endnote) the issue's line is in."""
        if self.places is None or not 0 < issue.line <= len(self.places):
            return "body"
        return self.places[issue.line - 1]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the issues themselves (one Python sort, fast for tens of thousands of rows)."""
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        self._order_issues()
        self.layoutChanged.emit()

    def _order_issues(self) -> None:
        if self.sort_column >= 0:
            key = SORT_KEYS[COLUMNS[self.sort_column]]
            self.issues.sort(key=key, reverse=self.sort_order == Qt.SortOrder.DescendingOrder)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's own signature
        return 0 if parent.isValid() else len(self.issues)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(f"issues.column.{COLUMNS[section]}")
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        issue = self.issues[index.row()]
        column = COLUMNS[index.column()]
        severity = severity_name(issue)
        if role == ISSUE_ROLE:
            return issue
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "line":
                place = self.place(issue)
                return f"{issue.line}:{issue.column}" + ("" if place == "body" else f" {tr(f'place.{place}')}")
            if column == "severity":
                return f"{SEVERITY_SYMBOLS.get(severity, '')} {tr(f'severity.{severity}')}"
            if column == "rule":
                return engines.rule_name(issue.rule_id)
            if column == "message":
                return str(issue.message)
            return " / ".join(issue.suggestions) if issue.suggestions else tr("issues.no_suggestion")
        if role == Qt.ItemDataRole.ForegroundRole and column == "severity":
            return QColor(SEVERITY_COLORS.get(severity, "#000000"))
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == "rule":
                return f"{issue.rule_id}\n{engines.rule_description(issue.rule_id)}"
            return str(issue.message)
        return None


class IssuesFilter(QSortFilterProxyModel):
    """Filters by severity and by words in any column; sorting is passed on to :class:`IssuesModel`."""

    def __init__(self) -> None:
        super().__init__()
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.severity = ""

    def set_severity(self, severity: str) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt 6.9 and later
            self.beginFilterChange()
            self.severity = severity
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self.severity = severity
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        issue = model.data(model.index(source_row, 0, source_parent), ISSUE_ROLE)
        if self.severity and severity_name(issue) != self.severity:
            return False
        return super().filterAcceptsRow(source_row, source_parent)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

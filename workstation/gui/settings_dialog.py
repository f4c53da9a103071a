"""The settings dialog, built from the declared settings (one widget per declared kind)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from workstation.gui.settings import DECLARED, Setting, Settings
from workstation.gui.strings import tr

FIELD_MIN_WIDTH = 260
"""Choices and paths stay readable next to the word-wrapped descriptions (narrower, "参照…" was cut off)."""
LABEL_WIDTH = 340
"""Descriptions wrap within this width, leaving the rest of the row to the fields."""


class _PathField(QWidget):
    def __init__(self, value: str) -> None:
        super().__init__()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(value)
        self.button = QPushButton(tr("settings.browse"))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.button)
        self.button.clicked.connect(self._browse)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("settings.choose_folder"), self.edit.text())
        if folder:
            self.edit.setText(folder)

    def value(self) -> str:
        return self.edit.text().strip()


class _PathsField(QWidget):
    def __init__(self, values: list[str]) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.addItems(values)
        self.list.setMaximumHeight(90)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("settings.add"))
        self.remove_button = QPushButton(tr("settings.remove"))
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self._add)
        self.remove_button.clicked.connect(lambda: self.list.takeItem(self.list.currentRow()))

    def _add(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, tr("settings.choose_dictionary"), "", tr("settings.yaml_filter"))
        self.list.addItems(files)

    def value(self) -> list[str]:
        return [self.list.item(row).text() for row in range(self.list.count())]


def _choice_label(setting: Setting, choice: str) -> str:
    return tr(f"settings.choice.{setting.key}.{choice}")


class SettingsDialog(QDialog):
    """Edit every declared setting marked ``in_dialog``; OK stores them, Cancel leaves them."""

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(tr("settings.title"))
        self.setMinimumWidth(680)
        form = QFormLayout()
        self.fields: dict[str, QWidget] = {}
        for setting in DECLARED:
            if not setting.in_dialog:
                continue
            field = self._field_for(setting, settings.get(setting.key))
            if isinstance(field, QComboBox | QLineEdit | _PathField | _PathsField):
                field.setMinimumWidth(FIELD_MIN_WIDTH)
            field.setToolTip(str(setting.description))
            self.fields[setting.key] = field
            label = QLabel(str(setting.description))
            label.setWordWrap(True)
            label.setFixedWidth(LABEL_WIDTH)
            form.addRow(label, field)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("button.ok"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("button.cancel"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def _field_for(self, setting: Setting, value: Any) -> QWidget:
        if setting.kind == "bool":
            box = QCheckBox()
            box.setChecked(bool(value))
            return box
        if setting.kind == "int":
            spin = QSpinBox()
            spin.setRange(setting.minimum or 0, setting.maximum or 1_000_000)
            spin.setValue(int(value))
            if setting.key == "translate/threads":
                spin.setSpecialValueText(tr("settings.automatic"))
            return spin
        if setting.kind == "choice":
            combo = QComboBox()
            for choice in setting.choices:
                combo.addItem(_choice_label(setting, choice), choice)
            combo.setCurrentIndex(max(0, combo.findData(value)))
            return combo
        if setting.key == "proofread/profile":
            combo = QComboBox()
            combo.setEditable(False)
            for profile_id, label in available_profiles():
                combo.addItem(label, profile_id)
            if combo.findData(value) < 0:
                combo.addItem(str(value), value)
            combo.setCurrentIndex(combo.findData(value))
            return combo
        if setting.kind == "path":
            return _PathField(str(value))
        if setting.kind == "paths":
            return _PathsField(list(value))
        return QLineEdit(str(value))

    def values(self) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, field in self.fields.items():
            if isinstance(field, QCheckBox):
                result[key] = field.isChecked()
            elif isinstance(field, QSpinBox):
                result[key] = field.value()
            elif isinstance(field, QComboBox):
                result[key] = field.currentData()
            elif isinstance(field, _PathField | _PathsField):
                result[key] = field.value()
            elif isinstance(field, QLineEdit):
                result[key] = field.text()
        return result

    def accept(self) -> None:
        for key, value in self.values().items():
            self.settings.set(key, value)
        super().accept()


def available_profiles() -> list[tuple[str, str]]:
    """``(id, label)`` of the proofreading profiles the engine offers."""
    from workstation.gui import engines

    return engines.proofreading_profiles()

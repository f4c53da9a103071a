"""The 翻訳 (Translate) workspace: source and target side by side, sentence pairs, alternatives, TM, glossary."""

from __future__ import annotations

import logging
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workstation.gui import engines
from workstation.gui.editor import TextEditor, labelled_panes, span_cursor, tint
from workstation.gui.errors import show_error
from workstation.gui.segments import CONFIRMED, EDITED, SegmentTracker, TrackedSegment
from workstation.gui.settings import Settings
from workstation.gui.strings import tr
from workstation.gui.tasks import BackgroundOp, TaskContext, TaskHandle
from workstation.gui.workspace import Workspace

log = logging.getLogger(__name__)

DIRECTIONS = ("ja-en", "en-ja")
ALTERNATIVES = 5
CARET_DELAY_MS = 250
GLOSSARY_CHECK_DELAY_MS = 800
"""Pause after an edit before the translation is checked against the glossary again."""
"""Pause after the caret settles on a sentence before alternatives and memory matches are looked up."""


class TranslateView(Workspace):
    proofread_requested = Signal(str)
    """The Japanese translation, to check in Proofread (en→ja)."""
    translated = Signal()
    """Emitted on the GUI thread after a translation was shown."""
    translation_cancelled = Signal()
    alternatives_shown = Signal()
    lookups_shown = Signal()
    glossary_checked = Signal()

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(settings, parent)
        self.document: Any = None
        self.title = ""
        self.target_path = ""
        self.tracker = SegmentTracker()
        self.model: Any = None
        self.models: list[Any] = []
        self._engines: dict[str, Any] = {}
        self._engines_lock = threading.Lock()
        self._task: TaskHandle | None = None
        self._lookup_task: TaskHandle | None = None
        self._remember_task: TaskHandle | None = None
        self._glossary_task: TaskHandle | None = None
        self._check_entries: list[tuple[int, str]] = []
        """What the 要確認 list shows: (segment index, label)."""
        self.glossary_problems: list[Any] = []
        self._current_segment: int | None = None
        self._syncing = False
        self._applying = False
        self.glossary: Any = None
        self.last_outcome: Any = None
        self._build()
        direction = settings.get("translate/direction")
        self.direction_combo.setCurrentIndex(DIRECTIONS.index(direction))
        self.retranslate_ui()
        self.reload_models()

    # ----- layout -----------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.direction_combo = QComboBox()
        self.swap_button = QToolButton()
        self.swap_button.setText("⇄")
        self.model_label = QLabel()
        self.model_combo = QComboBox()
        self.model_combo.setMinimumWidth(220)
        self.translate_button = QPushButton()
        self.selection_button = QPushButton()
        self.cancel_button = QPushButton()
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setTextVisible(True)
        self.progress.hide()
        self.proofread_button = QPushButton()
        self.proofread_button.hide()
        self.confirm_button = QPushButton()
        top = QHBoxLayout()
        for widget in (self.direction_combo, self.swap_button, self.model_label, self.model_combo):
            top.addWidget(widget)
        top.addSpacing(12)
        for widget in (self.translate_button, self.selection_button, self.progress, self.cancel_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.confirm_button)
        top.addWidget(self.proofread_button)

        self.source_label = QLabel()
        self.target_label = QLabel()
        self.source_editor = TextEditor()
        self.source_editor.setObjectName("source-editor")
        self.target_editor = TextEditor()
        self.target_editor.setObjectName("target-editor")
        panes = labelled_panes((self.source_label, self.source_editor), (self.target_label, self.target_editor))

        self.side = QTabWidget()
        self.alternatives_list = QListWidget()
        self.alternatives_list.setWordWrap(True)
        self.use_alternative_button = QPushButton()
        alternatives_box = QWidget()
        alternatives_layout = QVBoxLayout(alternatives_box)
        alternatives_layout.setContentsMargins(4, 4, 4, 4)
        self.alternatives_hint = QLabel()
        self.alternatives_hint.setWordWrap(True)
        alternatives_layout.addWidget(self.alternatives_hint)
        alternatives_layout.addWidget(self.alternatives_list, 1)
        alternatives_layout.addWidget(self.use_alternative_button)
        self.memory_list = QTreeWidget()
        self.memory_list.setColumnCount(3)
        self.memory_list.setRootIsDecorated(False)
        self.memory_list.setWordWrap(True)
        self.memory_list.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.memory_list.setColumnWidth(0, 56)
        self.memory_list.setColumnWidth(1, 150)
        self.use_memory_button = QPushButton()
        self.memory_detail = QLabel()
        self.memory_detail.setWordWrap(True)
        self.memory_detail.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.memory_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        memory_box = QWidget()
        memory_layout = QVBoxLayout(memory_box)
        memory_layout.setContentsMargins(4, 4, 4, 4)
        memory_layout.addWidget(self.memory_list, 2)
        memory_layout.addWidget(self.memory_detail, 1)
        memory_layout.addWidget(self.use_memory_button)
        self.terms_list = QTreeWidget()
        self.terms_list.setColumnCount(2)
        self.terms_list.setRootIsDecorated(False)
        self.terms_list.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.glossary_issues_label = QLabel()
        self.glossary_issues = QListWidget()
        self.glossary_issues.setWordWrap(True)
        terms_box = QWidget()
        terms_layout = QVBoxLayout(terms_box)
        terms_layout.setContentsMargins(4, 4, 4, 4)
        terms_layout.addWidget(self.terms_list, 2)
        terms_layout.addWidget(self.glossary_issues_label)
        terms_layout.addWidget(self.glossary_issues, 1)
        self.check_hint = QLabel()
        self.check_hint.setWordWrap(True)
        self.check_list = QListWidget()
        self.check_list.setWordWrap(True)
        check_box = QWidget()
        check_layout = QVBoxLayout(check_box)
        check_layout.setContentsMargins(4, 4, 4, 4)
        check_layout.addWidget(self.check_hint)
        check_layout.addWidget(self.check_list, 1)
        self.side.addTab(alternatives_box, "")
        self.side.addTab(memory_box, "")
        self.side.addTab(terms_box, "")
        self.side.addTab(check_box, "")
        self.side.setMinimumWidth(280)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(panes)
        splitter.addWidget(self.side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([980, 380])
        self.info_label = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.info_label)

        for editor in (self.source_editor, self.target_editor):
            for name in ("states", "pair", "glossary", "missing", "glossary_qa"):
                editor.set_layer(name, [])  # fixes the drawing order: the caret pair above the sentence states

        self.lookup_timer = QTimer(self)
        self.lookup_timer.setSingleShot(True)
        self.lookup_timer.setInterval(CARET_DELAY_MS)
        self.lookup_timer.timeout.connect(self._look_up_current)
        self.glossary_timer = QTimer(self)
        self.glossary_timer.setSingleShot(True)
        self.glossary_timer.setInterval(GLOSSARY_CHECK_DELAY_MS)
        self.glossary_timer.timeout.connect(self.check_glossary)

        self.direction_combo.activated.connect(lambda _index: self._direction_changed())
        self.swap_button.clicked.connect(self.swap_direction)
        self.model_combo.activated.connect(lambda _index: self._model_chosen())
        self.translate_button.clicked.connect(self.translate_document)
        self.selection_button.clicked.connect(self.translate_selection)
        self.cancel_button.clicked.connect(self.cancel_translation)
        self.proofread_button.clicked.connect(lambda: self.proofread_requested.emit(self.target_editor.toPlainText()))
        self.confirm_button.clicked.connect(self.confirm_translation)
        self.use_alternative_button.clicked.connect(lambda: self.use_alternative())
        self.alternatives_list.itemActivated.connect(lambda item: self.use_alternative(self.alternatives_list.row(item)))
        self.use_memory_button.clicked.connect(lambda: self.use_memory_match())
        self.memory_list.currentItemChanged.connect(lambda item, _previous: self._show_memory_detail(item))
        self.memory_list.itemActivated.connect(
            lambda item, _column: self.use_memory_match(self.memory_list.indexOfTopLevelItem(item))
        )
        self.glossary_issues.itemClicked.connect(self._jump_to_glossary_problem)
        self.check_list.itemClicked.connect(self._jump_to_check_item)
        self.source_editor.tooltip_at = self._describe_source_at
        self.source_editor.document().contentsChange.connect(self._source_changed)
        self.target_editor.document().contentsChange.connect(self._target_changed)
        self.source_editor.textChanged.connect(self._text_changed)
        self.target_editor.textChanged.connect(self._text_changed)
        self.source_editor.cursorPositionChanged.connect(lambda: self._caret_moved(in_source=True))
        self.target_editor.cursorPositionChanged.connect(lambda: self._caret_moved(in_source=False))
        self.source_editor.verticalScrollBar().valueChanged.connect(lambda _v: self._sync_scroll(from_source=True))
        self.target_editor.verticalScrollBar().valueChanged.connect(lambda _v: self._sync_scroll(from_source=False))

    def retranslate_ui(self) -> None:
        current = self.direction_combo.currentIndex()
        self.direction_combo.blockSignals(True)
        self.direction_combo.clear()
        self.direction_combo.addItems([tr("translate.direction.ja-en"), tr("translate.direction.en-ja")])
        self.direction_combo.setCurrentIndex(max(0, current))
        self.direction_combo.blockSignals(False)
        self.swap_button.setToolTip(tr("translate.swap"))
        self.model_label.setText(tr("translate.model"))
        self.translate_button.setText(tr("translate.translate"))
        self.translate_button.setToolTip(tr("action.translate.tip"))
        self.selection_button.setText(tr("translate.selection"))
        self.cancel_button.setText(tr("translate.cancel"))
        self.proofread_button.setText(tr("translate.proofread"))
        self.confirm_button.setText(tr("translate.confirm"))
        self.confirm_button.setToolTip(tr("translate.confirm.tip"))
        self.proofread_button.setToolTip(tr("translate.proofread.tip"))
        self.source_label.setText(tr("translate.source", lang=tr(f"lang.{self.source_lang}")))
        self.target_label.setText(tr("translate.target", lang=tr(f"lang.{self.target_lang}")))
        self.source_editor.setPlaceholderText(tr("translate.placeholder.source"))
        self.target_editor.setPlaceholderText(tr("translate.placeholder.target"))
        self.side.setTabText(0, tr("translate.tab.alternatives"))
        self.side.setTabText(1, tr("translate.tab.memory"))
        self.side.setTabText(2, tr("translate.tab.terms"))
        self.side.setTabText(3, tr("translate.tab.check"))
        self.alternatives_hint.setText(tr("translate.alternatives.hint"))
        self.use_alternative_button.setText(tr("translate.use_alternative"))
        self.use_memory_button.setText(tr("translate.use_memory"))
        self.memory_list.setHeaderLabels([tr("translate.memory.score"), tr("translate.memory.source"), tr("translate.memory.target")])
        self.terms_list.setHeaderLabels([tr("translate.terms.term"), tr("translate.terms.translation")])
        self.glossary_issues_label.setText(tr("translate.glossary_issues"))
        self._fill_model_combo()
        self._update_info()

    def editors(self) -> list[TextEditor]:
        return [self.source_editor, self.target_editor]

    @property
    def direction(self) -> str:
        return DIRECTIONS[max(0, self.direction_combo.currentIndex())]

    @property
    def source_lang(self) -> str:
        return self.direction.split("-")[0]

    @property
    def target_lang(self) -> str:
        return self.direction.split("-")[1]

    def is_modified(self) -> bool:
        untitled = self.document is None and bool(self.source_editor.toPlainText().strip())
        return super().is_modified() or untitled

    def status_model(self) -> str:
        return engines.model_label(self.model) if self.model is not None else ""

    # ----- models and direction ---------------------------------------------------------------------------
    def reload_models(self) -> None:
        """List the installed models for the direction and pick the user's choice or the best one."""
        try:
            self.models = engines.list_models(self.source_lang, self.target_lang, self.settings.get("models/directory"))
        except Exception as exc:
            log.exception("cannot list models")
            self.models = []
            show_error(self, exc)
        preferred = self.settings.get(f"translate/model/{self.direction}")
        ids = [model.id for model in self.models]
        if preferred in ids:
            self.model = self.models[ids.index(preferred)]
        else:
            self.model = engines.default_model(self.models, self.source_lang, self.target_lang)
        self._fill_model_combo()
        self.status_changed.emit()

    def _fill_model_combo(self) -> None:
        self.model_combo.blockSignals(True)
        self.model_combo.clear()
        for model in self.models:
            self.model_combo.addItem(engines.model_label(model), model.id)
        if not self.models:
            self.model_combo.addItem(tr("translate.no_model"), "")
        if self.model is not None:
            self.model_combo.setCurrentIndex(max(0, self.model_combo.findData(self.model.id)))
        self.model_combo.setEnabled(bool(self.models))
        self.model_combo.blockSignals(False)
        has_model = self.model is not None
        self.translate_button.setEnabled(has_model)
        self.selection_button.setEnabled(has_model)

    def _model_chosen(self) -> None:
        model_id = self.model_combo.currentData()
        chosen = next((model for model in self.models if model.id == model_id), None)
        if chosen is None or chosen is self.model:
            return
        self.model = chosen
        self.settings.set(f"translate/model/{self.direction}", chosen.id)
        self._clear_lookups()
        self.status_changed.emit()

    def _direction_changed(self) -> None:
        self.retranslate_ui()
        self.reload_models()
        self.proofread_button.setVisible(self.target_lang == "ja" and bool(self.target_editor.toPlainText()))
        self._clear_lookups()

    def set_direction(self, direction: str) -> None:
        self.direction_combo.setCurrentIndex(DIRECTIONS.index(direction))
        self._direction_changed()

    def swap_direction(self) -> None:
        """Switch ja⇄en; the current translation becomes the new source."""
        target = self.target_editor.toPlainText()
        self.set_direction("en-ja" if self.direction == "ja-en" else "ja-en")
        if target:
            self._applying = True
            try:
                self.source_editor.set_text_undoable(target)
                self.target_editor.clear()
                self.tracker = SegmentTracker()
            finally:
                self._applying = False
            self._paint_pair()

    def on_setting_changed(self, key: str) -> None:
        if key == "models/directory":
            self._unload_engines()
            self.reload_models()
        elif key == "translate/threads":
            self._unload_engines()

    # ----- documents --------------------------------------------------------------------------------------
    def new_document(self) -> None:
        self.document = None
        self.title = ""
        self.target_path = ""
        self.source_editor.set_text_undoable("")
        self.target_editor.set_text_undoable("")
        self.tracker = SegmentTracker()
        self.last_outcome = None
        self._current_segment = None
        for editor in (self.source_editor, self.target_editor):
            editor.document().setModified(False)
        self._paint_pair()
        self._refresh_glossary()
        self._update_info()

    def open_path(self, path: str) -> None:
        self.read_documents([path], self._show_document)

    def _show_document(self, document: Any) -> None:
        self.document = document
        self.title = Path(document.path).name
        self.target_path = ""
        self._applying = True
        try:
            self.source_editor.setPlainText(document.text)
            self.target_editor.clear()
            self.tracker = SegmentTracker()
        finally:
            self._applying = False
        self.source_editor.document().setModified(False)
        self.target_editor.document().setModified(False)
        detected = engines.guess_language(document.text)
        if detected != self.source_lang:
            self.set_direction("ja-en" if detected == "ja" else "en-ja")
        self.content_changed.emit()
        self._paint_pair()
        self._refresh_glossary()
        self.status_changed.emit()

    def save(self, *, ask: bool = False) -> None:
        """Save the translation (target); the first time (or with ``ask``) choose where, ``name.<lang>.txt`` offered."""
        path = self.target_path if self.target_path and not ask else ""
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("translate.save_title"), self._suggested_target_name(), tr("dialog.save_filter")
            )
        if path:
            self.save_target(path)

    def save_target(self, path: str | Path) -> None:
        """Write the translation: a .docx keeps the source's layout and formatting, a text file its encoding."""
        engines.export_target(self.document, self.source_editor.toPlainText(), self.target_editor.toPlainText(), path)
        self.target_path = str(path)
        self.target_editor.document().setModified(False)
        self.source_editor.document().setModified(False)
        self.file_opened.emit(str(path))
        self.document_saved.emit()

    def export_bilingual_dialog(self) -> None:
        if not self.tracker.segments:
            return
        stem = Path(self.title).stem if self.title else "translation"
        path, _ = QFileDialog.getSaveFileName(
            self, tr("translate.bilingual_title"), f"{stem}.bilingual.docx", tr("translate.bilingual_filter")
        )
        if path:
            self.export_bilingual(path)

    def export_bilingual(self, path: str | Path) -> None:
        """Write each sentence pair side by side (.docx table, .txt, .tsv or .csv)."""
        target = self.target_editor.toPlainText()
        pairs = [
            (segment.source_text.strip(), target[segment.target_start : segment.target_end].strip())
            for segment in self.tracker.segments
        ]
        try:
            engines.export_bilingual(pairs, path, self.source_lang, self.target_lang)
        except Exception as exc:
            show_error(self, exc)

    def _suggested_target_name(self) -> str:
        if self.document is not None and self.document.path is not None:
            path = Path(self.document.path)
            suffix = path.suffix if path.suffix.lower() in {".txt", ".docx"} else ".txt"
            return str(path.with_name(f"{path.stem}.{self.target_lang}{suffix}"))
        return f"translation.{self.target_lang}.txt"

    # ----- translating ------------------------------------------------------------------------------------
    def translate_document(self) -> None:
        """Translate the whole source; the officer's edited sentences are kept as they are."""
        self._start_translation(selection_only=False)

    def translate_selection(self) -> None:
        """Translate only the sentences the source selection touches; the rest of the target stays."""
        self._start_translation(selection_only=True)

    def _start_translation(self, *, selection_only: bool) -> None:
        if self._task is not None and self._task.running:
            return
        if self.model is None:
            show_error(self, engines.no_model_error(self.source_lang, self.target_lang))
            return
        source = self.source_editor.toPlainText()
        if not source.strip():
            return
        span = self.source_editor.selected_span() if selection_only else None
        if selection_only and span is None:
            span = self._caret_sentence_span()
        target = self.target_editor.toPlainText()
        request = engines.TranslationRequest(
            source_text=source,
            source_lang=self.source_lang,
            target_lang=self.target_lang,
            kept=self.tracker.kept_targets(target),
            previous=self._previous_targets(target) if selection_only else {},
            only_span=span,
            options=engines.translate_options(self.settings),
            use_memory=True,
            glossary=self.glossary,
        )
        model = self.model
        threads = self.settings.get("translate/threads") or None

        def op(context: TaskContext) -> Any:
            engine = self._engine_for(model, threads)
            return engines.translate(engine, request, context.progress, context.flag)

        self._set_busy(True)
        self._task = (
            BackgroundOp(parent=self, op=op, success=self._show_translation, name="translate")
            .failure(self._translation_failed)
            .on_cancelled(self._translation_cancelled)
            .with_progress(self._show_progress)
            .run_in_background()
        )

    def _engine_for(self, model: Any, threads: int | None) -> Any:
        """The engine for ``model``, loaded on first use (on a worker thread; one load even when two ask)."""
        with self._engines_lock:
            engine = self._engines.get(model.id)
            if engine is None:
                engine = engines.load_engine(model, threads, self.settings.get("models/directory"))
                self._engines[model.id] = engine
            return engine

    def _unload_engines(self) -> None:
        engines_now, self._engines = self._engines, {}
        for engine in engines_now.values():
            try:
                engine.unload()
                engine.cache.close()
            except Exception:
                log.exception("unloading a translation engine failed")

    def release_cached_data(self) -> None:
        """Close the engines (and their translation caches) before stored data is wiped."""
        self.cancel_translation()
        self._unload_engines()

    def _previous_targets(self, target: str) -> dict[str, str]:
        return {
            segment.source_text.strip(): target[segment.target_start : segment.target_end]
            for segment in self.tracker.segments
        }

    def _caret_sentence_span(self) -> tuple[int, int] | None:
        index = self._segment_at(self.source_editor.caret_offset(), in_source=True)
        if index is None:
            return None
        return self.tracker.segments[index].source_span

    def cancel_translation(self) -> None:
        if self._task is not None and self._task.running:
            self._task.cancel()
            self.info_label.setText(tr("translate.cancelling"))

    def is_translating(self) -> bool:
        return self._task is not None and self._task.running

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.progress.setRange(0, 0)
        self.cancel_button.setEnabled(busy)
        self.translate_button.setEnabled(not busy and self.model is not None)
        self.selection_button.setEnabled(not busy and self.model is not None)
        self.model_combo.setEnabled(not busy and bool(self.models))
        self.direction_combo.setEnabled(not busy)
        self.swap_button.setEnabled(not busy)
        self.source_editor.setReadOnly(busy)
        self.target_editor.setReadOnly(busy)
        if busy:
            self.info_label.setText(tr("translate.loading") if self.model.id not in self._engines else tr("translate.running"))
        self.busy_changed.emit(busy)

    def _show_progress(self, done: int, total: int, message: str) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress.setFormat(tr("translate.progress", done=done, total=total))
            self.info_label.setText(tr("translate.running"))

    def _translation_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self._update_info()
        show_error(self, error)

    def _translation_cancelled(self) -> None:
        self._set_busy(False)
        self.info_label.setText(tr("translate.cancelled"))
        self.translation_cancelled.emit()

    def _show_translation(self, outcome: Any) -> None:
        self._set_busy(False)
        if outcome.source_text != self.source_editor.toPlainText():
            self.info_label.setText(tr("translate.stale"))
            return
        self.last_outcome = outcome
        self._applying = True
        try:
            self.target_editor.set_text_undoable(outcome.target_text)
            self.tracker = SegmentTracker([replace(segment) for segment in outcome.segments])
        finally:
            self._applying = False
        self._paint_pair(force=True)
        self._mark_missing()
        self.proofread_button.setVisible(self.target_lang == "ja" and bool(outcome.target_text))
        self._update_info()
        self.content_changed.emit()
        self.status_changed.emit()
        self._current_segment = None
        self._caret_moved(in_source=True)
        self.check_glossary()
        self.translated.emit()

    def _paint_states(self) -> None:
        """Tint each translated sentence by where it came from: edited by the officer, memory, or untranslated."""
        edited = QTextCharFormat()
        edited.setBackground(tint(self, "#f1f8e9", "#26331f"))
        memory = QTextCharFormat()
        memory.setBackground(tint(self, "#e8f1fb", "#1f2b38"))
        untranslated = QTextCharFormat()
        untranslated.setForeground(tint(self, "#8a8a8a", "#9a9a9a"))
        untranslated.setFontItalic(True)
        stale = QTextCharFormat()
        stale.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        stale.setUnderlineColor(tint(self, "#e65100", "#ffb74d"))
        marks = []
        for segment in self.tracker.segments:
            fmt = (
                edited if segment.state == EDITED
                else memory if segment.origin == "tm"
                else untranslated if segment.origin == engines.UNTRANSLATED
                else None
            )  # fmt: skip
            if fmt is not None:
                marks.append((segment.target_start, segment.target_end, fmt))
            if segment.stale:
                marks.append((segment.target_start, segment.target_end, stale))
        self.target_editor.set_layer("states", marks)

    def _mark_missing(self) -> None:
        """Underline protected source text (numbers, dates, kept and glossary terms) that the translation left out."""
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(tint(self, "#e65100", "#ffb74d"))
        source = self.source_editor.toPlainText()
        marks = []
        for segment in self.tracker.segments:
            for text in segment.missing:
                found = source.find(text, segment.source_start, segment.source_end)
                if found >= 0:
                    marks.append((found, found + len(text), fmt))
        self.source_editor.set_layer("missing", marks)

    def _update_info(self) -> None:
        if not hasattr(self, "info_label"):
            return
        if self.is_translating():
            return
        self._paint_states()
        self._fill_check_list()
        segments = self.tracker.segments
        if not segments:
            self.info_label.setText(tr("translate.info.empty") if self.models else tr("translate.info.no_model"))
            return
        edited = sum(1 for segment in segments if segment.state == EDITED)
        memory = sum(1 for segment in segments if segment.origin == "tm")
        text = tr("translate.info", total=len(segments), edited=edited, memory=memory)
        stale = sum(1 for segment in segments if segment.stale)
        if stale:
            text += " " + tr("translate.info.stale", count=stale)
        missing = sum(len(segment.missing) for segment in segments if segment.state != EDITED)
        if missing:
            text += " " + tr("translate.info.missing", count=missing)
        self.info_label.setText(text)

    def confirm_translation(self) -> None:
        """Mark every sentence pair as confirmed and store them in the translation memory (off the GUI thread)."""
        segments = self.tracker.segments
        if not segments:
            return
        target = self.target_editor.toPlainText()
        pairs = [
            (
                segment.source_text.strip(),
                target[segment.target_start : segment.target_end].strip(),
                segment.origin if segment.origin in {"human", "tm"} else "machine",
                segment.origin if segment.origin not in {"human", "tm"} else None,
            )
            for segment in segments
        ]
        for segment in segments:
            segment.state = CONFIRMED
        source_lang, target_lang = self.source_lang, self.target_lang
        document = self.title or None
        self._remember_task = BackgroundOp(
            parent=self,
            op=lambda _context: engines.remember_pairs(pairs, source_lang, target_lang, document),
            success=lambda count: self.info_label.setText(tr("translate.confirmed", count=count)),
            name="remember",
        ).run_in_background()
        self.content_changed.emit()

    # ----- edits and segment states -----------------------------------------------------------------------
    def _text_changed(self) -> None:
        self.status_changed.emit()
        if not self._applying:
            self.content_changed.emit()

    def _target_replaced(self, text: str) -> None:
        """The whole target was replaced (undo/redo of a translation, select-all and type): re-pair if it is a
        translation we produced, else the old pairs no longer apply."""
        outcome = self.last_outcome
        if outcome is not None and text == outcome.target_text and outcome.source_text == self.source_editor.toPlainText():
            self.tracker = SegmentTracker([replace(segment) for segment in outcome.segments])
        else:
            self.tracker = SegmentTracker()
        self._current_segment = None
        self._paint_pair()
        self._update_info()

    def _source_changed(self, position: int, removed: int, added: int) -> None:
        if self._applying or not self.tracker.segments:
            return
        text = self.source_editor.toPlainText()
        self.tracker.source_edited(self.source_editor.positions().from_qt(position), removed, added, text)
        self._update_info()
        self._refresh_glossary()

    def _target_changed(self, position: int, removed: int, added: int) -> None:
        if self._applying:
            return
        text = self.target_editor.toPlainText()
        if position == 0 and added >= len(text) and (text or removed):
            self._target_replaced(text)
            return
        if not self.tracker.segments:
            return
        touched = self.tracker.target_edited(self.target_editor.positions().from_qt(position), removed, added)
        if touched:
            self._update_info()
        if self.glossary is not None:
            self.glossary_timer.start()

    # ----- caret pairs, highlighting, scrolling -----------------------------------------------------------
    def _segment_at(self, offset: int, *, in_source: bool) -> int | None:
        if not self.tracker.segments:
            return None
        alignment = self.tracker.alignment()
        pair = alignment.pair_at_source(offset) if in_source else alignment.pair_at_target(offset)
        return None if pair is None else pair.index

    def current_segment(self) -> TrackedSegment | None:
        if self._current_segment is None or self._current_segment >= len(self.tracker.segments):
            return None
        return self.tracker.segments[self._current_segment]

    def _caret_moved(self, *, in_source: bool) -> None:
        if self._syncing:
            return
        editor = self.source_editor if in_source else self.target_editor
        index = self._segment_at(editor.caret_offset(), in_source=in_source)
        if index is None and in_source and not self.tracker.segments:
            self._paint_pair()
            self.lookup_timer.start()
            return
        if index == self._current_segment:
            return
        self._current_segment = index
        self._paint_pair()
        if index is not None:
            self._reveal_counterpart(index, in_source=in_source)
        self.lookup_timer.start()

    def _paint_pair(self, *, force: bool = False) -> None:
        segment = self.current_segment()
        if segment is None:
            self.source_editor.set_layer("pair", [])
            self.target_editor.set_layer("pair", [])
            return
        fmt = QTextCharFormat()
        fmt.setBackground(tint(self, "#fff3c4", "#4d4526"))
        edited = QTextCharFormat(fmt)
        edited.setBackground(tint(self, "#dcedc8", "#33472a"))
        self.source_editor.set_layer("pair", [(*segment.source_span, fmt)])
        self.target_editor.set_layer("pair", [(*segment.target_span, edited if segment.state == EDITED else fmt)])

    def _reveal_counterpart(self, index: int, *, in_source: bool) -> None:
        segment = self.tracker.segments[index]
        other = self.target_editor if in_source else self.source_editor
        start = segment.target_start if in_source else segment.source_start
        self._syncing = True
        try:
            rect = other.cursorRect(span_cursor(other, start, start))
            if not other.viewport().rect().contains(rect.center()):
                block = other.document().findBlock(span_cursor(other, start, start).position())
                other.verticalScrollBar().setValue(max(0, block.firstLineNumber() - 2))
        finally:
            self._syncing = False

    def _sync_scroll(self, *, from_source: bool) -> None:
        """Keep the panes level: the first visible sentence of one pane lines up with its counterpart."""
        if self._syncing or not self.tracker.segments:
            return
        source, target = (self.source_editor, self.target_editor) if from_source else (self.target_editor, self.source_editor)
        top = source.cursorForPosition(source.viewport().rect().topLeft())
        offset = source.positions().from_qt(top.position())
        alignment = self.tracker.alignment()
        pair = alignment.pair_at_source(offset, nearest=True) if from_source else alignment.pair_at_target(offset, nearest=True)
        if pair is None:
            return
        other_start = pair.target[0] if from_source else pair.source[0]
        block = target.document().findBlock(span_cursor(target, other_start, other_start).position())
        self._syncing = True
        try:
            target.verticalScrollBar().setValue(block.firstLineNumber())
        finally:
            self._syncing = False

    # ----- alternatives and memory ------------------------------------------------------------------------
    def _clear_lookups(self) -> None:
        self.alternatives_list.clear()
        self.memory_list.clear()
        self.memory_detail.clear()

    def _look_up_current(self) -> None:
        """Fetch n-best alternatives and translation-memory matches for the sentence under the caret."""
        segment = self.current_segment()
        sentence = segment.source_text.strip() if segment is not None else self._caret_source_sentence()
        if not sentence or self.model is None:
            return
        if self._lookup_task is not None and self._lookup_task.running:
            self._lookup_task.cancel()
        model = self.model
        threads = self.settings.get("translate/threads") or None
        options = engines.translate_options(self.settings)
        glossary = self.glossary
        source_lang, target_lang = self.source_lang, self.target_lang
        want_alternatives = segment is not None and not self.is_translating()

        def op(context: TaskContext) -> tuple[str, list[Any], list[Any]]:
            matches = engines.memory_matches(sentence, source_lang, target_lang)
            context.check_cancelled()
            alternatives: list[Any] = []
            if want_alternatives:
                engine = self._engine_for(model, threads)
                alternatives = engines.alternatives(engine, sentence, ALTERNATIVES, options, glossary, source_lang)
            return sentence, alternatives, matches

        self._lookup_task = BackgroundOp(parent=self, op=op, success=self._show_lookups, name="lookups").failure(
            lambda error: log.warning("alternatives/TM lookup failed: %r", error)
        ).run_in_background()

    def _caret_source_sentence(self) -> str:
        text = self.source_editor.toPlainText()
        span = engines.sentence_at(text, self.source_editor.caret_offset(), self.source_lang)
        return text[span[0] : span[1]].strip() if span else ""

    def _show_lookups(self, result: tuple[str, list[Any], list[Any]]) -> None:
        sentence, alternatives, matches = result
        segment = self.current_segment()
        if segment is not None and segment.source_text.strip() != sentence:
            return
        self.alternatives_list.clear()
        for alternative in alternatives:
            item = QListWidgetItem(alternative.text)
            item.setToolTip(tr("translate.alternative.score", score=f"{alternative.score:.2f}"))
            self.alternatives_list.addItem(item)
        if alternatives:
            self.alternatives_list.setCurrentRow(0)
        self.memory_list.clear()
        for match in matches:
            item = QTreeWidgetItem([f"{match.score:.0f}%", match.source, match.target])
            item.setToolTip(2, match.target)
            item.setToolTip(1, match.source)
            self.memory_list.addTopLevelItem(item)
        if matches:
            self.memory_list.setCurrentItem(self.memory_list.topLevelItem(0))
        self.side.setTabText(1, tr("translate.tab.memory_count", count=len(matches)) if matches else tr("translate.tab.memory"))
        self.alternatives_shown.emit()
        self.lookups_shown.emit()

    def _show_memory_detail(self, item: QTreeWidgetItem | None) -> None:
        if item is None:
            self.memory_detail.clear()
            return
        self.memory_detail.setText(
            tr("translate.memory.detail", score=item.text(0), source=item.text(1), target=item.text(2))
        )

    def use_alternative(self, row: int | None = None) -> bool:
        """Put alternative ``row`` (default: the selected one) in place of the current sentence's translation."""
        row = self.alternatives_list.currentRow() if row is None else row
        item = self.alternatives_list.item(row) if row is not None and row >= 0 else None
        return item is not None and self._replace_current_target(item.text(), origin="human")

    def use_memory_match(self, row: int | None = None) -> bool:
        item = self.memory_list.currentItem() if row is None else self.memory_list.topLevelItem(row)
        return item is not None and self._replace_current_target(item.text(2), origin="tm")

    def _replace_current_target(self, text: str, *, origin: str) -> bool:
        index = self._current_segment
        segment = self.current_segment()
        if segment is None or index is None:
            return False
        self.target_editor.replace_span(segment.target_start, segment.target_end, text)
        segment = self.tracker.segments[index]
        segment.state = EDITED
        segment.origin = origin
        self._paint_pair()
        self._update_info()
        return True

    # ----- glossary ---------------------------------------------------------------------------------------
    def load_glossary_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("translate.glossary_title"), "", tr("translate.glossary_filter"))
        if path:
            self.load_glossary(path)

    def load_glossary(self, path: str) -> None:
        try:
            self.glossary = engines.load_glossary(path, self.source_lang, self.target_lang)
        except Exception as exc:
            show_error(self, exc)
            return
        self._refresh_glossary()
        self.check_glossary()

    def _refresh_glossary(self) -> None:
        """Underline glossary terms in the source and list them with their required translations."""
        self.terms_list.clear()
        if self.glossary is None:
            self.source_editor.set_layer("glossary", [])
            return
        text = self.source_editor.toPlainText()
        hits = engines.glossary_hits(self.glossary, text, self.source_lang, self.target_lang)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(tint(self, "#6a1b9a", "#ce93d8"))
        fmt.setForeground(tint(self, "#4a148c", "#e1bee7"))
        self.source_editor.set_layer("glossary", [(hit.start, hit.end, fmt) for hit in hits])
        seen: set[tuple[str, str]] = set()
        for hit in hits:
            key = (hit.term, hit.translation)
            if key in seen:
                continue
            seen.add(key)
            self.terms_list.addTopLevelItem(QTreeWidgetItem([hit.term, hit.translation]))
        self.side.setTabText(2, tr("translate.tab.terms_count", count=len(seen)) if seen else tr("translate.tab.terms"))

    def check_glossary(self) -> None:
        """Flag source terms not translated as the glossary requires, and forbidden terms in the translation."""
        if self.glossary is None or not self.tracker.segments:
            self.glossary_issues.clear()
            self.source_editor.set_layer("glossary_qa", [])
            self.target_editor.set_layer("glossary_qa", [])
            return
        target = self.target_editor.toPlainText()
        pairs = [
            (s.source_start, s.source_text, s.target_start, target[s.target_start : s.target_end])
            for s in self.tracker.segments
        ]
        glossary, source_lang, target_lang = self.glossary, self.source_lang, self.target_lang
        self._glossary_task = BackgroundOp(
            parent=self,
            op=lambda _context: (target, engines.glossary_problems(glossary, pairs, source_lang, target_lang)),
            success=self._show_glossary_problems,
            name="glossary-check",
        ).run_in_background()

    def _show_glossary_problems(self, result: tuple[str, list[Any]]) -> None:
        target, problems = result
        if target != self.target_editor.toPlainText():
            self.glossary_timer.start()
            return
        self.glossary_problems = problems
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(tint(self, "#c62828", "#ef9a9a"))
        for side, editor in (("source", self.source_editor), ("target", self.target_editor)):
            editor.set_layer(
                "glossary_qa",
                [(p.start, p.end, fmt) for p in problems if p.side == side],
            )
        self.glossary_issues.clear()
        for problem in problems:
            item = QListWidgetItem(f"⚠ {problem.message}")
            self.glossary_issues.addItem(item)
        self.glossary_issues_label.setText(
            tr("translate.glossary_issues.count", count=len(problems)) if problems else tr("translate.glossary_issues.none")
        )
        self.glossary_checked.emit()

    def _describe_source_at(self, offset: int) -> str:
        """Glossary terms and their required translation, and glossary problems, under the mouse in the source."""
        lines = []
        if self.glossary is not None:
            text = self.source_editor.toPlainText()
            for hit in engines.glossary_hits(self.glossary, text, self.source_lang, self.target_lang):
                if hit.start <= offset < hit.end:
                    lines.append(tr("translate.terms.tip", term=hit.term, translation=hit.translation))
        lines += [p.message for p in self.glossary_problems if p.side == "source" and p.start <= offset < p.end]
        return "\n".join(lines)

    def _fill_check_list(self) -> None:
        """List the machine translations by back-translation score, the one to check first on top (rebuilt only
        when the list changes: this runs on every edit)."""
        segments = self.tracker.segments
        entries = [
            (index, f"{engines.back_translation_percent(segments[index].back_score)}%  {segments[index].source_text}")
            for index in engines.check_first(segments)
        ]
        self.check_hint.setText(tr("translate.check.hint") if entries else tr("translate.check.none"))
        if entries == self._check_entries:
            return
        self._check_entries = entries
        self.check_list.clear()
        for index, label in entries:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, index)
            self.check_list.addItem(item)

    def _jump_to_check_item(self, item: QListWidgetItem) -> None:
        index = item.data(Qt.ItemDataRole.UserRole)
        if 0 <= index < len(self.tracker.segments):
            self.source_editor.select_span(*self.tracker.segments[index].source_span)

    def _jump_to_glossary_problem(self, item: QListWidgetItem) -> None:
        problem = self.glossary_problems[self.glossary_issues.row(item)]
        editor = self.source_editor if problem.side == "source" else self.target_editor
        editor.select_span(problem.start, problem.end)

    # ----- autosave ---------------------------------------------------------------------------------------
    def snapshot(self) -> dict[str, Any]:
        return {
            "text": self.source_editor.toPlainText(),
            "target_text": self.target_editor.toPlainText(),
            "segments": engines.segment_states(self.tracker.segments),
            "title": self.title,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            **engines.document_info(self.document),
        }

    def restore(self, state: dict[str, Any]) -> None:
        direction = f"{state.get('source_lang') or 'ja'}-{state.get('target_lang') or 'en'}"
        if direction in DIRECTIONS:
            self.set_direction(direction)
        self.document = engines.reopen_recovered(state.get("path"))
        self.title = state.get("title", "")
        self._applying = True
        try:
            self.source_editor.setPlainText(state.get("text", ""))
            self.target_editor.setPlainText(state.get("target_text") or "")
            self.tracker = SegmentTracker(
                engines.tracked_from_states(state.get("segments") or [], state.get("text", ""), state.get("target_text") or "", self.target_lang)
            )
        finally:
            self._applying = False
        self.source_editor.document().setModified(True)
        self._paint_pair()
        self._update_info()

    def repaint_marks(self) -> None:
        self._paint_pair()
        self._refresh_glossary()
        self._mark_missing()
        if self.glossary_problems:
            self._show_glossary_problems((self.target_editor.toPlainText(), self.glossary_problems))

    def shutdown(self) -> None:
        self.lookup_timer.stop()
        self.glossary_timer.stop()
        for task in (self._task, self._lookup_task):
            if task is not None:
                task.cancel()

"""Large inputs: a 10 MB Japanese document opens, is proofread in chunks and translated with progress (and can be
cancelled) while the window stays responsive; a file over the stated limit gets a clear message and changes nothing.

Responsiveness is watched with a QTimer on the GUI thread: it must keep firing while the document is read, checked
and translated. The freeze limit is generous (a busy two-core machine); work done on the GUI thread instead of a
worker takes minutes on a document this size, far beyond it.
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from tests.gui.drivers.corpus import japanese_document
from workstation.gui import errors
from workstation.io.text import MAX_TEXT_BYTES
from workstation.proofread.checker import STEP_CHARS

LARGE_BYTES = 10 * 1024 * 1024
WAIT_MS = 90_000
EDIT = "【修正】"
FREEZE_LIMIT_S = 8.0
"""Longest the GUI thread may be busy at one stretch: setting a 10 MB text into an editor and autosaving it are
single steps that take a second or two on a busy machine; a synchronous check or translation takes minutes."""


class Ticker:
    """A GUI-thread timer that records when it fired: the event loop was free at those moments."""

    def __init__(self, interval_ms: int = 20) -> None:
        self.times: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(lambda: self.times.append(time.monotonic()))

    def __enter__(self) -> Ticker:
        self.started = time.monotonic()
        self.timer.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.timer.stop()
        self.stopped = time.monotonic()

    def ticks_between(self, start: float, end: float) -> int:
        return sum(1 for moment in self.times if start <= moment <= end)

    def longest_stall(self) -> float:
        moments = [self.started, *self.times, self.stopped]
        return max(later - earlier for earlier, later in itertools.pairwise(moments))


@pytest.fixture(scope="module")
def large_text() -> str:
    return japanese_document(LARGE_BYTES)


@pytest.fixture
def large_file(tmp_path: Path, large_text: str) -> Path:
    path = tmp_path / "large-cable.txt"
    path.write_text(large_text, encoding="utf-8")
    assert LARGE_BYTES <= path.stat().st_size < MAX_TEXT_BYTES
    return path


def test_a_10_mb_document_opens_and_is_proofread_in_chunks_without_freezing(qtbot, window, large_file, large_text) -> None:
    view = window.proofread_view
    with Ticker() as ticker:
        opened = time.monotonic()
        with qtbot.waitSignal(view.document_loaded, timeout=WAIT_MS):
            window.open_path(str(large_file), view)
        loaded = time.monotonic()
        assert view.editor.toPlainText() == large_text
        qtbot.waitUntil(lambda: bool(view.all_issues) and "%" in view.state_label.text(), timeout=WAIT_MS)
        first_chunk = time.monotonic()
        partial = list(view.all_issues)
        qtbot.wait(200)
    assert ticker.ticks_between(opened, loaded) > 0, "the file was read on the GUI thread"
    assert ticker.ticks_between(loaded, first_chunk) > 0, "the check ran on the GUI thread"
    assert ticker.longest_stall() < FREEZE_LIMIT_S, f"the window froze for {ticker.longest_stall():.1f} s"
    length = len(large_text)
    assert all(0 <= issue.start <= issue.end <= length for issue in partial)
    assert max(issue.end for issue in partial) < length // 2, "issues of the first chunks, shown before the end"
    assert view.model.rowCount() == len(partial)
    assert "校正中" in view.state_label.text()

    later = next(issue for issue in partial if issue.start > STEP_CHARS // 2)
    moved = (later.rule_id, later.start + len(EDIT), later.end + len(EDIT))

    # An edit stops the long check at its next chunk; the new check reuses the checked paragraphs.
    cursor = view.editor.textCursor()
    cursor.setPosition(0)
    cursor.insertText(EDIT)
    qtbot.waitUntil(lambda: moved in {(issue.rule_id, issue.start, issue.end) for issue in view.all_issues}, timeout=WAIT_MS)
    edited = view.editor.toPlainText()
    assert edited == EDIT + large_text
    assert all(0 <= issue.start <= issue.end <= len(edited) for issue in view.all_issues)


def test_translating_a_10_mb_document_shows_progress_and_can_be_cancelled(qtbot, window, large_file, large_text) -> None:
    view = window.translate_view
    with qtbot.waitSignal(view.document_loaded, timeout=WAIT_MS):
        window.open_path(str(large_file), view)
    assert view.direction == "ja-en" and view.model is not None
    values: list[int] = []
    view.progress.valueChanged.connect(values.append)
    with Ticker() as ticker:
        view.translate_document()
        assert view.cancel_button.isEnabled() and view.source_editor.isReadOnly()
        qtbot.waitUntil(lambda: len([value for value in values if value > 0]) >= 2, timeout=WAIT_MS)
        assert view.progress.isVisible()
        total = view.progress.maximum()
        assert total > 10_000, "every sentence of the document counts"
        assert 0 < view.progress.value() < total
        assert f"/{total}" in view.progress.text()
        with qtbot.waitSignal(view.translation_cancelled, timeout=WAIT_MS):
            view.cancel_button.click()
    assert ticker.longest_stall() < FREEZE_LIMIT_S, f"the window froze for {ticker.longest_stall():.1f} s"
    assert values == sorted(values)
    assert not view.progress.isVisible()
    assert not view.source_editor.isReadOnly() and view.translate_button.isEnabled()
    assert view.source_editor.toPlainText() == large_text
    assert view.target_editor.toPlainText() == ""
    assert "中止" in view.info_label.text()


@pytest.mark.parametrize("workspace", ["translate", "proofread"])
def test_a_file_over_the_limit_gets_a_clear_message_and_the_session_is_untouched(
    qtbot, window, tmp_path, large_text, workspace
) -> None:
    view = window.translate_view if workspace == "translate" else window.proofread_view
    editor = view.editors()[0]
    editor.setPlainText("作業中の文書です。保存していません。")
    window.autosave.flush()
    before = (editor.toPlainText(), view.document, view.title, view.is_modified(), window.autosave.keys.copy())
    huge = tmp_path / "huge.txt"
    with huge.open("w", encoding="utf-8") as handle:
        while handle.tell() <= MAX_TEXT_BYTES:
            handle.write(large_text)
    errors.last_message_box = None
    window.open_path(str(huge), view)
    qtbot.waitUntil(lambda: errors.last_message_box is not None and errors.last_message_box.isVisible(), timeout=WAIT_MS)
    box = errors.last_message_box
    assert box is not None
    limit_mb = MAX_TEXT_BYTES // 1048576
    assert "大きすぎ" in box.text() and f"{limit_mb} MB" in box.text()
    assert "Traceback" not in box.text() + box.informativeText()
    box.close()
    assert (editor.toPlainText(), view.document, view.title, view.is_modified(), window.autosave.keys) == before
    assert window.autosave.pending() == []
    assert str(huge.resolve()) not in window.settings.get("recent/files")


def test_the_sentence_under_the_caret_is_found_around_it_as_in_the_whole_document(large_text) -> None:
    from workstation.core.document import segment_document
    from workstation.gui import engines

    text = large_text[: large_text.index("\n", 4 * engines.SENTENCE_WINDOW_CHARS) + 1]
    whole = [(segment.start, segment.end) for segment in segment_document(text, "ja").segments]
    for offset in range(0, len(text), 211):
        expected = next(((start, end) for start, end in whole if start <= offset <= end), None)
        assert engines.sentence_at(text, offset, "ja") == expected, offset

"""Translate workspace flows on real (tiny) CTranslate2 models: open, translate, alternatives, kept edits, cancel."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer

from workstation.gui.segments import EDITED, MACHINE

JAPANESE = (
    "外務省は本日、声明を発表した。会議は午後三時に始まります。\n"
    "\n"
    "大使館から連絡がありました。資料を添付します。\n"
)


def _open_source(qtbot, window, tmp_path: Path, text: str = JAPANESE) -> Path:
    path = tmp_path / "cable.txt"
    path.write_text(text, encoding="utf-8")
    with qtbot.waitSignal(window.translate_view.document_loaded, timeout=30_000):
        window.open_path(str(path), window.translate_view)
    return path


def _translate(qtbot, view, timeout: int = 60_000) -> None:
    with qtbot.waitSignal(view.translated, timeout=timeout):
        view.translate_document()


def test_open_and_translate_a_file_keeps_layout_and_pairs_sentences(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    assert view.source_editor.toPlainText() == JAPANESE
    assert view.model is not None and view.model.id == "tiny-marian-ja-en"
    assert "tiny" not in window.model_label.text() or "モデル" in window.model_label.text()
    _translate(qtbot, view)
    target = view.target_editor.toPlainText()
    assert target.count("\n\n") == 1, "the blank line between paragraphs is kept"
    assert len(view.tracker.segments) == 4
    assert all(segment.state == MACHINE and segment.origin == "tiny-marian-ja-en" for segment in view.tracker.segments)
    for segment in view.tracker.segments:
        assert target[segment.target_start : segment.target_end].strip()
    # the caret in the second source sentence highlights it and its counterpart
    second = view.tracker.segments[1]
    view.source_editor.select_span(second.source_start + 2, second.source_start + 2)
    assert view.current_segment() is second
    assert view.target_editor.layer("pair"), "the counterpart is highlighted in the target pane"
    highlighted = view.target_editor.layer("pair")[0].cursor
    assert highlighted.selectedText() == target[second.target_start : second.target_end]


def test_pick_an_alternative_and_keep_it_through_a_retranslation(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    _translate(qtbot, view)
    first = view.tracker.segments[0]
    view.source_editor.select_span(first.source_start + 1, first.source_start + 1)
    assert view.current_segment() is first
    qtbot.waitUntil(lambda: view.alternatives_list.count() >= 1, timeout=30_000)
    chosen = view.alternatives_list.item(view.alternatives_list.count() - 1).text()
    assert view.use_alternative(view.alternatives_list.count() - 1)
    target = view.target_editor.toPlainText()
    assert target[first.target_start : first.target_end] == chosen
    assert view.tracker.segments[0].state == EDITED

    # the officer also types into the last sentence by hand
    last = view.tracker.segments[-1]
    cursor = view.target_editor.textCursor()
    cursor.setPosition(last.target_end)
    view.target_editor.setTextCursor(cursor)
    qtbot.keyClicks(view.target_editor, " [checked]")
    assert view.tracker.segments[-1].state == EDITED
    edited_last = view.target_editor.toPlainText()[last.target_start : view.tracker.segments[-1].target_end]

    _translate(qtbot, view)
    retranslated = view.target_editor.toPlainText()
    segments = view.tracker.segments
    assert retranslated[segments[0].target_start : segments[0].target_end] == chosen
    assert retranslated[segments[-1].target_start : segments[-1].target_end] == edited_last
    assert [segment.state for segment in segments] == [EDITED, MACHINE, MACHINE, EDITED]
    tinted = [(start, end) for start, end, _fmt in view.target_editor.marks("states")]
    assert tinted == [segments[0].target_span, segments[-1].target_span], "edited sentences are tinted"


def _long_source(sentences: int = 400) -> str:
    lines = []
    for index in range(sentences):
        lines.append(f"第{index}項について、大使館は関係各省と緊密に連絡を取りながら対応を進めている。")
    return "\n".join(lines)


def test_cancel_a_long_translation(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    _open_source(qtbot, window, tmp_path, _long_source())
    view.translate_document()
    assert view.is_translating()
    qtbot.waitUntil(lambda: view.progress.maximum() > 0 and view.progress.value() > 0, timeout=60_000)
    with qtbot.waitSignal(view.translation_cancelled, timeout=30_000):
        view.cancel_button.click()
    assert not view.is_translating()
    assert view.target_editor.toPlainText() == ""
    assert view.translate_button.isEnabled() and not view.source_editor.isReadOnly()


def test_the_window_stays_responsive_while_a_long_translation_runs(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    _open_source(qtbot, window, tmp_path, _long_source())
    ticks: list[int] = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(view.progress.value()))
    timer.start()
    view.translate_document()
    qtbot.waitUntil(lambda: view.progress.maximum() > 0 and view.progress.value() > 0, timeout=60_000)
    assert view.is_translating()
    # while it runs: timers keep firing and an editor accepts typed input
    ticks.clear()
    qtbot.waitUntil(lambda: len(ticks) >= 10, timeout=5_000)
    assert view.target_editor.isReadOnly(), "the target cannot change under the running translation"
    notes = window.proofread_view.editor
    notes.setFocus()
    qtbot.keyClicks(notes, "typing works")
    assert notes.toPlainText() == "typing works"
    assert view.is_translating(), "the translation was still running while we typed"
    with qtbot.waitSignal(view.translation_cancelled, timeout=30_000):
        qtbot.keyClick(view.cancel_button, Qt.Key.Key_Space)
    timer.stop()


def test_closing_the_window_during_a_translation_is_safe(qtbot, settings, tmp_path) -> None:
    from workstation.gui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    _open_source(qtbot, window, tmp_path, _long_source())
    window.translate_view.translate_document()
    handle = window.translate_view._task
    qtbot.waitUntil(lambda: window.translate_view.progress.value() > 0, timeout=60_000)
    window.close()
    from workstation.gui.tasks import task_runner

    assert task_runner().pool.activeThreadCount() == 0, "the worker stopped before the window went away"
    qtbot.waitUntil(lambda: not handle.running, timeout=5_000)
    assert handle.outcome == "cancelled"


def test_memory_matches_show_with_scores_and_exact_ones_come_before_mt(qtbot, window, tmp_path) -> None:
    from workstation.store.memory import TranslationMemory

    with TranslationMemory() as memory:
        memory.add("資料を添付します。", "Please find the documents attached.", "ja", "en")
        memory.add("資料を明日添付します。", "I will attach the documents tomorrow.", "ja", "en")
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    _translate(qtbot, view)
    last = view.tracker.segments[-1]
    assert last.origin == "tm", "the exact memory match was used instead of machine translation"
    target = view.target_editor.toPlainText()
    assert target[last.target_start : last.target_end] == "Please find the documents attached."
    view.source_editor.select_span(last.source_start + 1, last.source_start + 1)
    qtbot.waitUntil(lambda: view.memory_list.topLevelItemCount() == 2, timeout=30_000)
    scores = [view.memory_list.topLevelItem(i).text(0) for i in range(view.memory_list.topLevelItemCount())]
    assert scores[0] == "100%" and len(scores) == 2 and int(scores[1].rstrip("%")) < 100
    assert "100%" in view.memory_detail.text()


def test_confirmed_pairs_go_to_the_memory(qtbot, window, tmp_path) -> None:
    from workstation.store.memory import TranslationMemory

    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    _translate(qtbot, view)
    view.confirm_translation()
    qtbot.waitUntil(lambda: not view._remember_task.running, timeout=10_000)
    with TranslationMemory() as memory:
        assert len(memory) == 4
        assert memory.lookup("大使館から連絡がありました。", "ja", "en")[0].score == 100


def test_glossary_terms_are_highlighted_in_the_source(qtbot, window, tmp_path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("外務省,Ministry of Foreign Affairs\n大使館,Embassy\n", encoding="utf-8")
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    view.load_glossary(str(glossary))
    marked = sorted(extra.cursor.selectedText() for extra in view.source_editor.layer("glossary"))
    assert marked == ["外務省", "大使館"]
    terms = {view.terms_list.topLevelItem(i).text(0): view.terms_list.topLevelItem(i).text(1) for i in range(2)}
    assert terms == {"外務省": "Ministry of Foreign Affairs", "大使館": "Embassy"}


def test_english_to_japanese_offers_a_one_click_proofread(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    view.set_direction("en-ja")
    assert view.model is not None and view.model.id == "tiny-marian-en-ja"
    view.source_editor.setPlainText("The embassy contacted us. I am attaching the documents.")
    _translate(qtbot, view)
    assert view.proofread_button.isVisible()
    with qtbot.waitSignal(window.proofread_view.checked, timeout=30_000):
        view.proofread_button.click()
    assert window.workspaces.currentWidget() is window.proofread_view
    assert window.proofread_view.editor.toPlainText() == view.target_editor.toPlainText()


def test_a_translation_not_using_the_glossary_term_is_flagged(qtbot, window, tmp_path) -> None:
    glossary = tmp_path / "terms.csv"
    glossary.write_text("大使館,Embassy\n", encoding="utf-8")
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    view.load_glossary(str(glossary))
    with qtbot.waitSignal(view.glossary_checked, timeout=30_000):
        _translate(qtbot, view)
    assert view.glossary_issues.count() == 1, "the tiny model's output does not say Embassy"
    assert [extra.cursor.selectedText() for extra in view.source_editor.layer("glossary_qa")] == ["大使館"]
    segment = next(s for s in view.tracker.segments if "大使館" in s.source_text)
    cursor = view.target_editor.textCursor()
    cursor.setPosition(segment.target_start)
    cursor.setPosition(segment.target_end, cursor.MoveMode.KeepAnchor)
    view.target_editor.setTextCursor(cursor)
    with qtbot.waitSignal(view.glossary_checked, timeout=30_000):
        view.target_editor.insertPlainText("The Embassy contacted us.")
    assert view.glossary_issues.count() == 0


def test_undo_and_redo_of_a_translation_keep_the_sentence_pairs(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    _translate(qtbot, view)
    translated = view.target_editor.toPlainText()
    view.target_editor.undo()
    assert view.target_editor.toPlainText() == "" and len(view.tracker) == 0
    view.target_editor.redo()
    assert view.target_editor.toPlainText() == translated
    assert len(view.tracker) == 4 and all(segment.state == MACHINE for segment in view.tracker.segments)


def test_the_panes_scroll_together_sentence_by_sentence(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    text = "\n".join(f"{n}行目の文章です。" for n in range(80))
    _open_source(qtbot, window, tmp_path, text)
    window.resize(1000, 500)
    _translate(qtbot, view)
    qtbot.waitUntil(lambda: view.target_editor.verticalScrollBar().maximum() > 0, timeout=5_000)
    segment = view.tracker.segments[50]
    block = view.source_editor.document().findBlock(segment.source_start)
    view.source_editor.verticalScrollBar().setValue(block.firstLineNumber())
    top = view.target_editor.cursorForPosition(view.target_editor.viewport().rect().topLeft()).position()
    assert view.target_editor.document().findBlock(top).blockNumber() == 50


def test_translate_only_the_selected_sentence(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    start = JAPANESE.index("会議は")
    view.source_editor.select_span(start, start + 5)
    with qtbot.waitSignal(view.translated, timeout=60_000):
        view.translate_selection()
    target = view.target_editor.toPlainText()
    origins = [segment.origin for segment in view.tracker.segments]
    assert origins == ["untranslated", "tiny-marian-ja-en", "untranslated", "untranslated"]
    assert "外務省は本日、声明を発表した。" in target and "大使館から連絡がありました。" in target
    assert "会議は午後三時に始まります。" not in target


def test_save_the_translation_and_export_bilingual_and_tmx(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    source = tmp_path / "cable.txt"
    source.write_bytes(JAPANESE.replace("\n", "\r\n").encode("cp932"))
    with qtbot.waitSignal(view.document_loaded, timeout=30_000):
        window.open_path(str(source), view)
    _translate(qtbot, view)
    target = tmp_path / "cable.en.txt"
    view.save_target(target)
    assert target.read_bytes().count(b"\r\n") == JAPANESE.count("\n"), "line endings follow the source"
    bilingual = tmp_path / "pairs.tsv"
    view.export_bilingual(bilingual)
    rows = bilingual.read_text(encoding="utf-8").splitlines()
    assert len(rows) == 5 and rows[1].startswith("外務省は本日、声明を発表した。\t")
    view.confirm_translation()
    qtbot.waitUntil(lambda: not view._remember_task.running, timeout=10_000)
    tmx = tmp_path / "memory.tmx"
    handle = window.export_tmx(str(tmx))
    qtbot.waitUntil(lambda: not handle.running, timeout=10_000)
    assert len(re.findall(r"<tu[\s>]", tmx.read_text(encoding="utf-8"))) == 4


def test_ctrl_enter_in_the_source_editor_translates(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    view.source_editor.setFocus()
    qtbot.waitUntil(view.source_editor.hasFocus, timeout=5_000)
    before = view.source_editor.toPlainText()
    with qtbot.waitSignal(view.translated, timeout=60_000):
        qtbot.keyClick(view.source_editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.source_editor.toPlainText() == before, "the shortcut did not type a line break"
    assert view.target_editor.toPlainText()


def test_numbers_the_model_dropped_are_marked_in_the_source(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    _open_source(qtbot, window, tmp_path, "会議は2026年11月24日の15時30分に始まります。\n")
    _translate(qtbot, view)
    segment = view.tracker.segments[0]
    target = view.target_editor.toPlainText()
    expected = [text for text in ("2026", "11", "24", "15", "30") if text not in target]
    marked = [view.source_editor.toPlainText()[start:end] for start, end, _fmt in view.source_editor.marks("missing")]
    assert segment.missing, "the random tiny model drops the protected date and time"
    assert set(segment.missing) == set(marked)
    assert all(any(number in text for text in marked) for number in expected)


BUILTIN_JA_EN = Path(__file__).resolve().parents[2] / "models" / "builtin-ja-en"


@pytest.mark.skipif(not BUILTIN_JA_EN.is_dir(), reason="the built-in ja→en model is not in models/ (still training)")
def test_translate_with_the_builtin_model(qtbot, tmp_path) -> None:
    from workstation.gui.main_window import MainWindow
    from workstation.gui.settings import Settings

    window = MainWindow(Settings())
    qtbot.addWidget(window)
    view = window.translate_view
    assert view.model is not None and view.model.builtin
    assert "内蔵" in window.model_label.text()
    _open_source(qtbot, window, tmp_path, "今日は晴れです。\n会議は午後三時に始まります。\n")
    _translate(qtbot, view)
    target = view.target_editor.toPlainText()
    assert len(view.tracker.segments) == 2
    assert len(target.rstrip("\n").split("\n")) == 2, "lines in = lines out"
    for segment in view.tracker.segments:
        sentence = target[segment.target_start : segment.target_end]
        assert re.search("[A-Za-z]", sentence), sentence  # English words, whichever ones this CPU's kernels pick
    window.close()


def test_editing_a_translated_source_sentence_marks_its_translation_stale(qtbot, window, tmp_path) -> None:
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    _translate(qtbot, view)
    second = view.tracker.segments[1]
    cursor = view.source_editor.textCursor()
    cursor.setPosition(second.source_start + 3)
    cursor.insertText("明日の")
    assert view.tracker.segments[1].stale and not view.tracker.segments[0].stale
    assert "原文を変更した文 1 件" in view.info_label.text()
    _translate(qtbot, view)
    assert not any(segment.stale for segment in view.tracker.segments)
    assert "明日の" in view.tracker.segments[1].source_text


def test_the_check_first_tab_lists_translations_that_lead_back_worst_first(
    qtbot, window, tmp_path, tiny_models_dir
) -> None:
    import shutil
    from dataclasses import replace

    from workstation.translate.manifest import DecodingDefaults, load_manifest, write_manifest

    models = tmp_path / "models"
    shutil.copytree(tiny_models_dir, models)
    ranked = models / "tiny-marian-ja-en"
    write_manifest(ranked, replace(load_manifest(ranked), decoding=DecodingDefaults(back_translation_weight=1.0)))
    window.settings.set("models/directory", str(models))
    view = window.translate_view
    _open_source(qtbot, window, tmp_path)
    _translate(qtbot, view)
    segments = view.tracker.segments
    assert all(segment.back_score is not None for segment in segments), "ranked with the tiny en→ja model"
    assert view.check_list.count() == len(segments)
    listed = [view.check_list.item(row).data(Qt.ItemDataRole.UserRole) for row in range(view.check_list.count())]
    assert [segments[index].back_score for index in listed] == sorted(segment.back_score for segment in segments)
    assert view.check_list.item(0).text().endswith(segments[listed[0]].source_text)
    view.check_list.itemClicked.emit(view.check_list.item(0))
    assert view.source_editor.textCursor().selectedText() == segments[listed[0]].source_text
    window.settings.set("translate/back_translation", False)
    _translate(qtbot, view)
    assert view.check_list.count() == 0
    assert view.check_hint.text().startswith("逆翻訳の評価はありません")

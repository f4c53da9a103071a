"""The engine on real (tiny, random) CTranslate2 models: batching, order, progress, cancel, cache, errors.

Random weights give gibberish, so the assertions are about structure: order, counts, spans, determinism.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers.translator_spy import OpenedTranslators, TranslatorSpy
from workstation.translate.cache import TranslationCache
from workstation.translate.engine import (
    PREPARE_CANCEL_EVERY,
    BinaryInputError,
    CancelToken,
    EmptyInputError,
    EngineHolder,
    ModelLoadError,
    Progress,
    TranslationCancelled,
    TranslationEngine,
    _token_batches,
    thread_layout,
)
from workstation.translate.loading import supported_compute_type
from workstation.translate.manifest import DecodingDefaults, load_manifest, write_manifest
from workstation.translate.options import OptionsError, TranslateOptions
from workstation.translate.registry import InstalledModel

GREEDY = TranslateOptions(beam_size=1, max_decoding_length=24)
SMALL_BATCHES = TranslateOptions(beam_size=1, max_decoding_length=24, max_batch_tokens=64)

SENTENCES = [
    "今日は晴れです。",
    "会議は午後三時に始まります。",
    "大使館から連絡がありました。",
    "はい。",
    "この件について、関係省庁と調整の上、改めて報告します。",
    "明日の予定を確認してください。",
    "外務省は声明を発表した。",
    "彼は東京に住んでいる。",
    "資料を添付します。",
    "了解しました。",
    "次回の会合は来月の予定であり、議題は未定である。",
    "よろしくお願いします。",
]


def installed(folder: Path) -> InstalledModel:
    return InstalledModel(load_manifest(folder), folder, False)


@pytest.fixture
def engine(tiny_marian_dir: Path) -> TranslationEngine:
    return TranslationEngine(installed(tiny_marian_dir), threads=1)


def test_model_is_loaded_on_first_use_and_can_be_unloaded(engine: TranslationEngine) -> None:
    assert not engine.loaded
    engine.translate_sentences(["今日は晴れです。"], GREEDY)
    assert engine.loaded
    assert engine.device == "cpu"
    assert engine.compute_type == "int8"
    engine.unload()
    assert not engine.loaded
    assert engine.translate_sentences(["明日は雨です。"], GREEDY)[0].target


@pytest.mark.parametrize("threads", [1, 3])
def test_order_is_preserved_across_batches(tiny_marian_dir: Path, threads: int) -> None:
    engine = TranslationEngine(installed(tiny_marian_dir), threads=threads)
    batched = engine.translate_sentences(SENTENCES, SMALL_BATCHES)
    assert engine.workers == threads
    one_worker = TranslationEngine(installed(tiny_marian_dir), threads=threads, workers=1)
    assert [result.target for result in one_worker.translate_sentences(SENTENCES, SMALL_BATCHES)] == [
        result.target for result in batched
    ]
    assert one_worker.workers == 1
    assert [result.source for result in batched] == SENTENCES
    one_by_one = [
        TranslationEngine(installed(tiny_marian_dir), threads=1).translate_sentences([sentence], GREEDY)[0]
        for sentence in SENTENCES
    ]
    assert [result.target for result in batched] == [result.target for result in one_by_one]


def test_greedy_decoding_is_deterministic(tiny_marian_dir: Path) -> None:
    first = TranslationEngine(installed(tiny_marian_dir), threads=1).translate_sentences(SENTENCES, GREEDY)
    second = TranslationEngine(installed(tiny_marian_dir), threads=2).translate_sentences(SENTENCES, GREEDY)
    assert [r.target for r in first] == [r.target for r in second]


@pytest.mark.parametrize(
    ("threads", "device", "requested", "layout"),
    [
        (1, "cpu", None, (1, 1)),
        (2, "cpu", None, (2, 1)),
        (4, "cpu", None, (4, 1)),
        (8, "cpu", None, (4, 2)),
        (6, "cpu", None, (4, 1)),
        (8, "cuda", None, (1, 8)),
        (4, "cpu", 1, (1, 4)),
        (2, "cpu", 8, (2, 1)),
    ],
)
def test_thread_layout_runs_batches_side_by_side_on_the_cpu(
    threads: int, device: str, requested: int | None, layout: tuple[int, int]
) -> None:
    workers, per_worker = thread_layout(threads, device, requested)
    assert (workers, per_worker) == layout
    assert workers * per_worker <= threads


def test_progress_is_reported_once_per_sentence(engine: TranslationEngine) -> None:
    sentences = [*SENTENCES, SENTENCES[0], "12345"]
    engine.translate_sentences(SENTENCES[:3], SMALL_BATCHES)
    reports: list[Progress] = []
    results = engine.translate_sentences(sentences, SMALL_BATCHES, progress=reports.append)
    assert sorted(report.index for report in reports) == list(range(len(sentences)))
    assert [report.done for report in reports] == list(range(1, len(sentences) + 1))
    assert {report.total for report in reports} == {len(sentences)}
    for report in reports:
        assert report.result is results[report.index]
    assert results[-1].target == "12345"
    assert results[len(SENTENCES)].target == results[0].target


@pytest.mark.parametrize("threads", [1, 3])
def test_cancel_stops_within_one_batch(tiny_marian_dir: Path, threads: int) -> None:
    engine = TranslationEngine(installed(tiny_marian_dir), threads=threads)
    token = CancelToken()
    reports: list[Progress] = []

    def on_progress(report: Progress) -> None:
        reports.append(report)
        token.cancel()

    with pytest.raises(TranslationCancelled) as caught:
        engine.translate_sentences(SENTENCES, SMALL_BATCHES, progress=on_progress, cancel=token)
    assert caught.value.total == len(SENTENCES)
    assert 1 <= caught.value.done < len(SENTENCES)
    assert len(reports) == caught.value.done
    # what was finished is cached, so a rerun only translates the rest
    rerun = engine.translate_sentences(SENTENCES, SMALL_BATCHES)
    assert sum(result.cached for result in rerun) == caught.value.done


def test_cancel_before_start_translates_nothing(engine: TranslationEngine) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(TranslationCancelled) as caught:
        engine.translate_sentences(SENTENCES, GREEDY, cancel=token)
    assert caught.value.done == 0


def test_cancel_while_preparing_a_long_document_stops_before_decoding(tiny_marian_dir: Path) -> None:
    engine = TranslationEngine(installed(tiny_marian_dir), threads=1)
    numbers = [f"{number}." for number in range(3 * PREPARE_CANCEL_EVERY)]  # untranslatable: reported while preparing
    token = CancelToken()
    with pytest.raises(TranslationCancelled) as caught:
        engine.translate_sentences([*numbers, *SENTENCES], GREEDY, progress=lambda _: token.cancel(), cancel=token)
    assert 1 <= caught.value.done <= PREPARE_CANCEL_EVERY
    assert caught.value.total == len(numbers) + len(SENTENCES)
    assert not any(result.cached for result in engine.translate_sentences(SENTENCES, GREEDY)), "nothing was decoded"


def test_cancelled_document_translation_reports_its_sentence_count(engine: TranslationEngine) -> None:
    token = CancelToken()
    token.cancel()
    with pytest.raises(TranslationCancelled) as caught:
        engine.translate_document("\n".join(SENTENCES), GREEDY, cancel=token)
    assert (caught.value.done, caught.value.total) == (0, len(SENTENCES))


def test_retranslating_an_edited_document_only_translates_changed_sentences(engine: TranslationEngine) -> None:
    text = "\n".join(SENTENCES) + "\n"
    first = engine.translate_document(text, GREEDY)
    assert not any(segment.cached for segment in first.segments)
    edited = text.replace("外務省は声明を発表した。", "外務省は新たな声明を発表した。")
    second = engine.translate_document(edited, GREEDY)
    fresh = [segment.source for segment in second.segments if not segment.cached]
    assert fresh == ["外務省は新たな声明を発表した。"]
    assert second.text.split("\n")[0] == first.text.split("\n")[0]


def test_cache_is_keyed_by_options(engine: TranslationEngine) -> None:
    engine.translate_sentences(["今日は晴れです。"], GREEDY)
    again = engine.translate_sentences(["今日は晴れです。"], TranslateOptions(beam_size=2, max_decoding_length=24))
    assert not again[0].cached


def test_document_keeps_layout_and_records_model_and_options(engine: TranslationEngine) -> None:
    text = "秘\n\n件名：会議について\n\n１．　会議は午後三時に始まります。資料を添付します。\n・次回は未定。\n\n以上\n"
    result = engine.translate_document(text, GREEDY)
    lines = result.text.split("\n")
    assert lines[0] == "秘"
    assert lines[2].startswith("SUBJECT: "), "the label in English"
    assert lines[4].startswith("１．　")
    assert lines[5].startswith("・")
    assert lines[-2:] == ["以上", ""]
    assert len(lines) == len(text.split("\n"))
    assert [segment.paragraph for segment in result.segments] == [1, 2, 2, 3]
    assert result.model_id == "tiny-marian-ja-en"
    assert result.options == GREEDY.for_model(DecodingDefaults())
    assert (result.options.repetition_penalty, result.options.no_repeat_ngram_size, result.options.length_penalty) == (
        1.0,
        0,
        1.0,
    )
    assert result.to_dict()["options"]["beam_size"] == 1
    assert all(segment.target for segment in result.segments)


def test_protected_spans_are_restored_or_reported(engine: TranslationEngine) -> None:
    sentence = "詳細は2026-11-24にhttps://www.mofa.go.jp/a.htmlで42件公表。"
    result = engine.translate_sentences([sentence], GREEDY)[0]
    for protected in ("2026-11-24", "https://www.mofa.go.jp/a.html", "42"):
        reported = protected in {span.text for span in result.missing}
        assert (protected in result.target) != reported
    cached = engine.translate_sentences([sentence], GREEDY)[0]
    assert cached.cached
    assert cached.missing == result.missing


def test_very_long_sentences_are_split_not_truncated(engine: TranslationEngine) -> None:
    clauses = "、".join(["関係省庁と緊密に連携しつつ情報収集に努め"] * 12) + "、適切に対応する。"
    options = TranslateOptions(beam_size=1, max_decoding_length=16, max_sentence_tokens=60)
    result = engine.translate_sentences([clauses], options)[0]
    assert result.parts > 1
    parts = engine._split_long(clauses, options)
    assert "".join(parts) == clauses
    assert all(part.endswith("、") for part in parts[:-1])
    assert all(len(engine.tokenizer.pieces(part)) <= 60 for part in parts)


def test_sentences_without_commas_are_split_by_token_count(engine: TranslationEngine) -> None:
    options = TranslateOptions(beam_size=1, max_decoding_length=16, max_sentence_tokens=40)
    no_commas = "情報収集" * 40
    parts = engine._split_long(no_commas, options)
    assert len(parts) > 1
    assert "".join(parts) == no_commas
    assert all(len(engine.tokenizer.pieces(part)) <= 40 for part in parts)
    english = " ".join(["word"] * 120)
    parts = engine._split_long(english, options)
    assert " ".join(part.strip() for part in parts) == english
    assert engine.translate_sentences([no_commas], options)[0].parts == len(engine._split_long(no_commas, options))


def test_alternatives_are_distinct_and_best_first(engine: TranslationEngine) -> None:
    alternatives = engine.alternatives("今日は晴れです。", 3, GREEDY)
    assert 1 <= len(alternatives) <= 3
    assert len({alternative.text for alternative in alternatives}) == len(alternatives)
    scores = [alternative.score for alternative in alternatives]
    assert scores == sorted(scores, reverse=True)


def test_m2m100_output_has_no_language_tokens(tiny_m2m100_dir: Path) -> None:
    engine = TranslationEngine(installed(tiny_m2m100_dir), threads=1)
    results = engine.translate_sentences(SENTENCES[:4], GREEDY)
    assert all(result.target and "__en__" not in result.target for result in results)
    assert engine.alternatives(SENTENCES[0], 2, GREEDY)


def test_separate_vocabularies_english_to_japanese(tiny_marian_en_ja_dir: Path) -> None:
    engine = TranslationEngine(installed(tiny_marian_en_ja_dir), threads=1)
    result = engine.translate_document("SUBJECT: TRADE TALKS\n\nMr. Tanaka met the Ambassador. They talked.\n", GREEDY)
    assert result.text.startswith("件名："), "the label in Japanese"
    assert len(result.segments) == 3


@pytest.mark.parametrize("text", ["", "   \n\u3000\n"])
def test_empty_input_is_a_typed_error(engine: TranslationEngine, text: str) -> None:
    with pytest.raises(EmptyInputError):
        engine.translate_document(text)


def test_binary_input_is_a_typed_error(engine: TranslationEngine) -> None:
    with pytest.raises(BinaryInputError):
        engine.translate_document("PK\x03\x04\x00\x00binary")


def test_truncated_model_fails_to_load_with_advice(tiny_marian_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(tiny_marian_dir, folder)
    (folder / "model.bin").write_bytes((folder / "model.bin").read_bytes()[:1000])
    with pytest.raises(ModelLoadError) as caught:
        TranslationEngine(installed(folder)).translate_sentences(["テスト。"])
    assert "workstation models verify" in caught.value.message.en
    assert "model.bin" in caught.value.message.en


def test_corrupt_model_of_the_right_size_fails_to_load(tiny_marian_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "corrupt"
    shutil.copytree(tiny_marian_dir, folder)
    size = (folder / "model.bin").stat().st_size
    (folder / "model.bin").write_bytes(b"\xff" * size)
    with pytest.raises(ModelLoadError) as caught:
        TranslationEngine(installed(folder)).load()
    assert "tiny-marian-ja-en" in caught.value.message.ja


def test_unsupported_compute_type_falls_back() -> None:
    class FakeCTranslate2:
        @staticmethod
        def get_supported_compute_types(device: str) -> set[str]:
            return {"float32"}

    assert supported_compute_type(FakeCTranslate2, "cpu", "int8") == "float32"


def test_engine_holder_unloads_on_switch(tiny_marian_dir: Path, tiny_m2m100_dir: Path) -> None:
    holder = EngineHolder(threads=1, cache=TranslationCache())
    first = holder.engine_for(installed(tiny_marian_dir))
    first.load()
    assert holder.engine_for(installed(tiny_marian_dir)) is first
    second = holder.engine_for(installed(tiny_m2m100_dir))
    assert second is not first
    assert not first.loaded
    holder.unload()
    assert holder.current is None


@pytest.mark.parametrize(
    "options", [{"beam_size": 0}, {"max_decoding_length": 2}, {"max_sentence_tokens": 5}, {"max_batch_tokens": 1}]
)
def test_bad_options_are_rejected_up_front(options: dict[str, int]) -> None:
    with pytest.raises(OptionsError):
        TranslateOptions(**options)


def test_lost_numbers_are_retried_unmasked_and_the_better_attempt_kept(engine: TranslationEngine) -> None:
    engine.load()
    spy = TranslatorSpy(engine._translator)
    engine._translator = spy
    sentence = "会議は3回開かれ、12人が参加した。"
    result = engine.translate_sentences([sentence, "詳細はhttps://a.jp/xを参照。"], GREEDY)
    sources = [engine.tokenizer.source.decode_pieces(tokens[:-1]) for batch in spy.batches for tokens in batch]
    assert "会議は[1]回開かれ、[2]人が参加した。" in sources
    # random weights never reproduce the placeholders, so the second, unmasked attempt always runs
    assert sentence in sources
    assert sum(source.startswith("詳細は") for source in sources) == 1
    for protected in ("3", "12"):
        assert (protected in result[0].target) != (protected in {span.text for span in result[0].missing})


def test_a_whole_document_goes_to_ctranslate2_together(engine: TranslationEngine) -> None:
    engine.load()
    spy = TranslatorSpy(engine._translator)
    engine._translator = spy
    text = "\n\n".join(SENTENCES) + "\n"
    engine.translate_document(text, TranslateOptions(beam_size=1, max_decoding_length=24, protect=frozenset()))
    assert len(spy.batches) == 1
    lengths = [len(tokens) for tokens in spy.batches[0]]
    assert len(lengths) == len(SENTENCES)
    assert lengths == sorted(lengths)



def test_min_and_max_decoding_length_reach_ctranslate2(engine: TranslationEngine) -> None:
    engine.load()
    spy = TranslatorSpy(engine._translator)
    engine._translator = spy
    options = TranslateOptions(beam_size=1, min_decoding_length=20, max_decoding_length=24, protect=frozenset())
    assert engine.translate_sentences(["はい。"], options)[0].target
    assert (spy.calls[0]["min_decoding_length"], spy.calls[0]["max_decoding_length"]) == (20, 24)


def test_min_decoding_length_cannot_exceed_the_maximum() -> None:
    with pytest.raises(OptionsError):
        TranslateOptions(min_decoding_length=30, max_decoding_length=20)


def test_batches_fit_the_token_budget_and_the_sentence_limit() -> None:
    units = [(None, index, ["▁x"] * length) for index, length in enumerate(sorted([1] * 50 + [3, 5, 8, 8, 9, 30]))]
    batches = _token_batches(units, budget=40, most_sentences=16)  # type: ignore[arg-type]
    assert [unit for batch in batches for unit in batch] == units
    for batch in batches:
        assert len(batch) <= 16
        assert len(batch) == 1 or max(len(tokens) for _, _, tokens in batch) * len(batch) <= 40
    assert [len(batch) for batch in batches] == [16, 16, 16, 5, 2, 1]


def test_the_manifest_decoding_defaults_apply_unless_options_override_them(
    tiny_marian_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = OpenedTranslators(monkeypatch)
    folder = tmp_path / "model"
    shutil.copytree(tiny_marian_dir, folder)
    write_manifest(folder, replace(load_manifest(folder), decoding=DecodingDefaults(1.5, 1)))
    plain = TranslationEngine(installed(tiny_marian_dir), threads=1)
    tuned = TranslationEngine(installed(folder), threads=1)
    options = TranslateOptions(beam_size=1, min_decoding_length=20, max_decoding_length=24)
    explicit = replace(options, repetition_penalty=1.5, no_repeat_ngram_size=1, length_penalty=1.0, back_translation_weight=0.0)
    switched_off = replace(options, repetition_penalty=1.0, no_repeat_ngram_size=0)

    def targets(engine: TranslationEngine, chosen: TranslateOptions) -> list[str]:
        return [result.target for result in engine.translate_sentences(SENTENCES, chosen)]

    assert targets(tuned, options) == targets(plain, explicit)
    assert targets(tuned, switched_off) == targets(plain, options)
    assert tuned.translate_document(SENTENCES[0], options).options == explicit
    asked = {(call["repetition_penalty"], call["no_repeat_ngram_size"]) for call in opened.of(folder).calls}
    assert asked == {(1.5, 1), (1.0, 0)}, "the manifest's values, and the options' own when they switch them off"
    assert {(call["repetition_penalty"], call["no_repeat_ngram_size"]) for call in opened.of(tiny_marian_dir).calls} == {
        (1.0, 0),
        (1.5, 1),
    }


def test_the_manifest_length_penalty_applies_unless_options_override_it(
    tiny_marian_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = OpenedTranslators(monkeypatch)
    folder = tmp_path / "model"
    shutil.copytree(tiny_marian_dir, folder)
    write_manifest(folder, replace(load_manifest(folder), decoding=DecodingDefaults(length_penalty=3.0)))
    tuned = TranslationEngine(installed(folder), threads=1)
    options = TranslateOptions(beam_size=4, max_decoding_length=24)
    assert tuned.translate_document(SENTENCES[0], options).options.length_penalty == 3.0
    assert tuned.translate_document(SENTENCES[0], replace(options, length_penalty=0.5)).options.length_penalty == 0.5
    calls = opened.of(folder).calls
    assert [(call["length_penalty"], call["beam_size"]) for call in calls] == [(3.0, 4), (0.5, 4)]

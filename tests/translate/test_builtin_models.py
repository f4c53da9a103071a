"""The shipped built-in models (models/builtin-ja-en, models/builtin-en-ja): intact, loadable, sensible."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.translator_spy import OpenedTranslators, TranslatorSpy
from workstation.core.sentences import split_sentences
from workstation.paths import builtin_models_dir
from workstation.selftest import MEANING_CHECKS
from workstation.translate.back_translation import BackTranslationScorer, ranking
from workstation.translate.cache import TranslationCache
from workstation.translate.engine import TranslationEngine
from workstation.translate.manifest import load_manifest
from workstation.translate.options import TranslateOptions
from workstation.translate.registry import ModelRegistry
from workstation.translate.verify import verify_model

BUILTIN_IDS = ("builtin-ja-en", "builtin-en-ja")
REVERSE = {"builtin-ja-en": "builtin-en-ja", "builtin-en-ja": "builtin-ja-en"}
MAX_SHIPPED_BYTES = 40 * 1024 * 1024

# Everyday sentences of the kind the models were trained on, each with the words of which its translation must contain
# one (case ignored). A property of the model, measured over many sentences with a margin: CTranslate2 picks its kernels
# by CPU, and a sentence whose best two words are close may come out differently on another machine.
EVERYDAY = {
    "builtin-ja-en": [
        ("ありがとうございます。", ("thank",)),
        ("おはようございます。", ("morning",)),
        ("私は毎朝コーヒーを飲みます。", ("coffee",)),
        ("駅はどこですか。", ("station",)),
        ("トムは医者です。", ("doctor", "physician")),
        ("今日はとても暑いです。", ("hot",)),
        ("私は水を飲みました。", ("water",)),
        ("明日は雨が降るでしょう。", ("rain",)),
        ("これは私の本です。", ("book",)),
        ("猫が好きです。", ("cat",)),
        ("彼は毎日学校に行きます。", ("school",)),
        ("お腹がすいた。", ("hungry", "starv")),
        ("この部屋は寒い。", ("cold", "chilly")),
        ("私の父は先生です。", ("teacher",)),
        ("電車が遅れた。", ("train",)),
        ("お母さんはどこ？", ("mother", "mom", "mum")),
        ("犬が走っている。", ("dog",)),
        ("窓を開けてください。", ("window",)),
        ("昨日映画を見ました。", ("movie", "film")),
        ("水をください。", ("water",)),
        ("私は日本語を勉強しています。", ("japanese",)),
        ("その本は机の上にある。", ("desk", "table")),
    ],
    "builtin-en-ja": [
        ("Thank you very much.", ("ありがとう", "有難う", "有り難う", "感謝", "どうも")),
        ("Good morning.", ("おはよう", "お早う")),
        ("I drink coffee every morning.", ("コーヒー", "珈琲")),
        ("Where is the station?", ("駅",)),
        ("Tom is a doctor.", ("医者", "医師")),
        ("It is very hot today.", ("暑",)),
        ("I drank some water.", ("水",)),
        ("It will rain tomorrow.", ("雨",)),
        ("This is my book.", ("本",)),
        ("I like cats.", ("猫", "ねこ", "ネコ")),
        ("He goes to school every day.", ("学校",)),
        ("I am hungry.", ("腹", "おなか", "空腹")),
        ("This room is cold.", ("寒",)),
        ("My father is a teacher.", ("先生", "教師")),
        ("The train was late.", ("電車", "列車")),
        ("Where is my mother?", ("母", "お母さん")),
        ("The dog is running.", ("犬",)),
        ("Please open the window.", ("窓",)),
        ("I saw a movie yesterday.", ("映画",)),
        ("Please give me water.", ("水",)),
        ("I am studying Japanese.", ("日本語",)),
        ("The book is on the desk.", ("机", "テーブル")),
    ],
}
EVERYDAY_MAY_MISS = 2
"""Sentences of EVERYDAY whose translation may lack every expected word (all 22 have them on the build machine)."""
PARAGRAPHS = {
    "builtin-ja-en": "今日はとても暑いです。私は水を飲みました。明日は雨が降るでしょう。",
    "builtin-en-ja": "It is very hot today. I drank some water. It will rain tomorrow.",
}
RANKED_LINES = {
    "builtin-ja-en": ["このコースでは、データを集めて分析する方法を学びます。", "来週はニューラルネットワークについて学びます。"],
    "builtin-en-ja": [
        "In this course, you will learn how to collect and analyze data and explain the results clearly to others.",
        "Please submit your assignment before the deadline on Friday.",
        "The results show that the new model is faster but less accurate.",
    ],
}


@pytest.fixture(scope="module")
def engines() -> Iterator[dict[str, TranslationEngine]]:
    """Each model with the other as its back-translation model, as the program pairs them."""
    registry = ModelRegistry()
    first, second = (registry.get(model_id) for model_id in BUILTIN_IDS)
    loaded = {
        first.id: TranslationEngine(first, threads=1, back_model=second),
        second.id: TranslationEngine(second, threads=1, back_model=first),
    }
    yield loaded
    for engine in loaded.values():
        engine.unload()


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_shipped_model_files_match_manifest(model_id: str) -> None:
    path = builtin_models_dir() / model_id
    manifest = load_manifest(path)
    report = verify_model(path, manifest)
    assert report.ok, str(report.summary())
    assert manifest.id == model_id
    assert (manifest.source_lang, manifest.target_lang) == tuple(model_id.removeprefix("builtin-").split("-"))
    assert manifest.family == "marian"
    assert manifest.quality == 0
    assert manifest.source_suffix == ("</s>",)
    assert "CC-BY 2.0" in manifest.license
    assert "MODEL_CARD.md" in manifest.files
    assert manifest.total_size <= MAX_SHIPPED_BYTES


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_model_card_carries_attribution_and_scores(model_id: str) -> None:
    card = (builtin_models_dir() / model_id / "MODEL_CARD.md").read_text(encoding="utf-8")
    for required in ("tatoeba.org", "www.manythings.org/anki", "Apache-2.0", "Song et al.", "chrF", "BLEU"):
        assert required in card


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_registry_lists_builtin_models_as_builtin(model_id: str) -> None:
    model = ModelRegistry().get(model_id)
    assert model.builtin
    assert Path(model.path).resolve() == (builtin_models_dir() / model_id).resolve()


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_everyday_sentences_come_out_with_the_expected_words(engines: dict[str, TranslationEngine], model_id: str) -> None:
    results = engines[model_id].translate_sentences([source for source, _ in EVERYDAY[model_id]])
    missed = [
        f"{source!r} → {result.target!r}"
        for (source, words), result in zip(EVERYDAY[model_id], results, strict=True)
        if not any(word in result.target.lower() for word in words)
    ]
    assert len(missed) <= EVERYDAY_MAY_MISS, missed
    assert {result.model_id for result in results} == {model_id}


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_the_self_test_sentences_are_everyday_sentences_measured_here(model_id: str) -> None:
    """The two sentences ``--self-test`` checks are among those measured above, with the same words."""
    direction = tuple(model_id.removeprefix("builtin-").split("-"))
    assert set(MEANING_CHECKS[direction]) <= set(EVERYDAY[model_id])


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_paragraph_keeps_its_number_of_sentences(engines: dict[str, TranslationEngine], model_id: str) -> None:
    engine = engines[model_id]
    text = PARAGRAPHS[model_id]
    assert len(split_sentences(text, engine.manifest.source_lang)) == 3
    translation = engine.translate_document(text)
    assert len(translation.segments) == 3
    assert all(segment.target.strip() for segment in translation.segments)
    position = 0
    for segment in translation.segments:
        position = translation.text.index(segment.target.strip(), position)


def test_without_placeholder_pieces_protected_text_goes_to_the_model_as_it_is(
    engines: dict[str, TranslationEngine],
) -> None:
    """The built-in vocabulary has no "[": numbers and terms are not masked; a number or glossary term the
    translation lacks is reported, one it has is not."""
    engine = engines["builtin-ja-en"]
    assert not engine.tokenizer.copies_placeholders
    engine.load()
    spy = TranslatorSpy(engine._translator)
    engine._translator = spy
    try:
        number = engine.translate_sentences(["会議は3時に始まります。"])[0]
        options = TranslateOptions(glossary_terms=(("大使館", "Legation"),))
        term = engine.translate_sentences(["大使館から連絡がありました。"], options)[0]
    finally:
        engine._translator = spy.translator
    sources = [engine.tokenizer.source.decode_pieces(tokens[:-1]) for batch in spy.batches for tokens in batch]
    assert sources[0] == "会議は3時に始まります。" and sources[-1] == "大使館から連絡がありました。"
    assert ("3" in number.target) != ("3" in {span.text for span in number.missing})
    assert "[" not in term.target
    assert ("Legation" in term.target) != (
        [(span.text, span.replacement) for span in term.missing] == [("大使館", "Legation")]
    )


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_the_manifest_decoding_and_explicit_options_reach_ctranslate2(
    model_id: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What the manifest recommends (length penalty, repetition penalty, n-gram block, ranking) is what CTranslate2
    is asked for, unless the options say otherwise; with ranking on, the reverse model scores every candidate."""
    registry = ModelRegistry()
    model, reverse = registry.get(model_id), registry.get(REVERSE[model_id])
    opened = OpenedTranslators(monkeypatch)
    engine = TranslationEngine(model, threads=1, cache=TranslationCache(), back_model=reverse)
    decoding = model.manifest.decoding
    assert decoding.back_translation_weight > 0
    sentences = RANKED_LINES[model_id]
    recommended = engine.translate_sentences(sentences)
    forward, backward = opened.of(model.model_path), opened.of(reverse.model_path)
    beam = TranslateOptions().beam_size
    for call in forward.calls:
        assert call["length_penalty"] == decoding.length_penalty
        assert call["repetition_penalty"] == decoding.repetition_penalty
        assert call["no_repeat_ngram_size"] == decoding.no_repeat_ngram_size
        assert call["beam_size"] == call["num_hypotheses"] == beam
    assert sum(len(batch) for batch in forward.batches) == len(sentences)
    assert len(backward.scored) == len(sentences) * beam, "every candidate of every sentence is scored"
    assert all(result.back_score is not None for result in recommended)

    forward.calls.clear()
    chosen = TranslateOptions(
        beam_size=3, length_penalty=3.0, repetition_penalty=1.3, no_repeat_ngram_size=2, back_translation_weight=0.0
    )
    plain = engine.translate_sentences(sentences, chosen)
    assert forward.calls and all(
        (call["beam_size"], call["num_hypotheses"], call["length_penalty"], call["repetition_penalty"], call["no_repeat_ngram_size"])
        == (3, 1, 3.0, 1.3, 2)
        for call in forward.calls
    )
    assert len(backward.scored) == len(sentences) * beam, "weight 0 scores nothing"
    assert all(result.back_score is None and result.target.strip() for result in plain)
    engine.unload()


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_ranking_keeps_the_candidate_the_back_translation_names(
    engines: dict[str, TranslationEngine], model_id: str
) -> None:
    """The translation kept is the beam's candidate with the best forward + weight × back-translation score, computed
    here from the same model's candidates: true on any CPU, whichever candidate that is."""
    engine = engines[model_id]
    weight = engine.manifest.decoding.back_translation_weight
    plain = TranslateOptions(back_translation_weight=0.0)
    beam = plain.beam_size
    scorer = BackTranslationScorer(engine.back_model, device="cpu", compute_type="int8", threads=1)
    for sentence in RANKED_LINES[model_id]:
        candidates = engine.alternatives(sentence, beam, plain)
        back = scorer.scores([(candidate.text, sentence) for candidate in candidates])
        best = ranking([candidate.score for candidate in candidates], back, weight)[0]
        result = engine.translate_sentences([sentence])[0]
        assert result.target == candidates[best].text
        assert result.back_score == pytest.approx(back[best], abs=1e-4)
    scorer.unload()

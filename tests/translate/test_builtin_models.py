"""The shipped built-in models (models/builtin-ja-en, models/builtin-en-ja): intact, loadable, sensible."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from workstation.core.sentences import split_sentences
from workstation.paths import builtin_models_dir
from workstation.translate.engine import TranslationEngine
from workstation.translate.manifest import load_manifest
from workstation.translate.options import TranslateOptions
from workstation.translate.registry import ModelRegistry
from workstation.translate.verify import verify_model

BUILTIN_IDS = ("builtin-ja-en", "builtin-en-ja")
MAX_SHIPPED_BYTES = 40 * 1024 * 1024

# Everyday sentences and a word the translation must contain (the greetings are the examples of issue #4).
EVERYDAY = {
    "builtin-ja-en": [
        ("ありがとうございます。", "thank"),
        ("おはようございます。", "good morning"),
        ("私は毎朝コーヒーを飲みます。", "coffee"),
        ("駅はどこですか。", "station"),
        ("トムは医者です。", "doctor"),
    ],
    "builtin-en-ja": [
        ("Thank you very much.", "ありがとう"),
        ("Good morning.", "おはよう"),
        ("I drink coffee every morning.", "コーヒー"),
        ("Where is the station?", "駅"),
        ("Tom is a doctor.", "医者"),
    ],
}
PARAGRAPHS = {
    "builtin-ja-en": "今日はとても暑いです。私は水を飲みました。明日は雨が降るでしょう。",
    "builtin-en-ja": "It is very hot today. I drank some water. It will rain tomorrow.",
}

# A lecture-style line, where small models tend to stop early.
COURSERA_LINE = {
    "builtin-ja-en": "このコースでは、データを集めて分析し、その結果を他の人に分かりやすく伝える方法を学びます。",
    "builtin-en-ja": "In this course, you will learn how to collect and analyze data and explain the results clearly to others.",
}

COURSERA_MORE = [
    "This function returns the number of words in the sentence.",
    "Next week we will look at how neural networks are trained on large amounts of text.",
    "Please submit your assignment before the deadline on Friday.",
    "We should compare the two methods carefully before we choose one.",
    "If you have any questions, please ask them in the discussion forum.",
    "The results show that the new model is faster but less accurate.",
]


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
def test_everyday_sentences_come_out_right(engines: dict[str, TranslationEngine], model_id: str) -> None:
    sentences = [source for source, _ in EVERYDAY[model_id]]
    results = engines[model_id].translate_sentences(sentences)
    for (source, expected), result in zip(EVERYDAY[model_id], results, strict=True):
        assert expected in result.target.lower(), f"{source!r} → {result.target!r}"
        assert result.model_id == model_id


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_paragraph_keeps_its_number_of_sentences(engines: dict[str, TranslationEngine], model_id: str) -> None:
    engine = engines[model_id]
    text = PARAGRAPHS[model_id]
    source_count = len(split_sentences(text, engine.manifest.source_lang))
    translation = engine.translate_document(text)
    assert source_count == 3
    assert len(translation.segments) == source_count
    assert len(split_sentences(translation.text, engine.manifest.target_lang)) == source_count
    assert all(segment.target.strip() for segment in translation.segments)


def test_without_placeholder_pieces_protected_text_goes_to_the_model_as_it_is(
    engines: dict[str, TranslationEngine],
) -> None:
    """The built-in vocabulary has no "[": numbers and terms are not masked, and a glossary term the model did not
    translate as required is reported."""
    engine = engines["builtin-ja-en"]
    assert not engine.tokenizer.copies_placeholders
    number = engine.translate_sentences(["会議は3時に始まります。"])[0]
    assert "3" in number.target and number.missing == ()
    options = TranslateOptions(glossary_terms=(("大使館", "Legation"),))
    term = engine.translate_sentences(["大使館から連絡がありました。"], options)[0]
    assert "[" not in term.target and "Legation" not in term.target
    assert [(span.text, span.replacement) for span in term.missing] == [("大使館", "Legation")]


def test_en_ja_ranks_its_candidates_by_back_translation(engines: dict[str, TranslationEngine]) -> None:
    """The en→ja manifest recommends ranking (tuned on held-out lines); it must change some lecture-style output."""
    engine = engines["builtin-en-ja"]
    assert engine.manifest.decoding.back_translation_weight > 0
    sentences = [COURSERA_LINE["builtin-en-ja"], *COURSERA_MORE]
    ranked = [result.target for result in engine.translate_sentences(sentences)]
    first = [result.target for result in engine.translate_sentences(sentences, TranslateOptions(back_translation_weight=0))]
    assert ranked != first
    assert all(text.strip() for text in ranked)


@pytest.mark.parametrize("model_id", BUILTIN_IDS)
def test_a_higher_length_penalty_gives_longer_translations(engines: dict[str, TranslationEngine], model_id: str) -> None:
    sentences = [sentence for sentence, _ in EVERYDAY[model_id]] + [COURSERA_LINE[model_id]]
    options = TranslateOptions(beam_size=4)

    def total_length(length_penalty: float) -> int:
        chosen = replace(options, length_penalty=length_penalty)
        return sum(len(result.target) for result in engines[model_id].translate_sentences(sentences, chosen))

    assert total_length(3.0) > total_length(0.0)

"""Glossary terms in translation: which terms go to the engine, the cache key, and what a lost term gives.

The tiny models of these tests have random weights and drop placeholders, so they show the fallback; the
built-in models, trained to copy placeholders, show the glossary translation itself (test_builtin_models)."""

from __future__ import annotations

from pathlib import Path

from workstation.store.glossary import Glossary, GlossaryEntry
from workstation.translate.cache import TranslationCache
from workstation.translate.engine import TranslationEngine, _capitalised_start
from workstation.translate.manifest import load_manifest
from workstation.translate.options import TranslateOptions
from workstation.translate.protect import mask
from workstation.translate.registry import InstalledModel

GLOSSARY = Glossary(
    [
        GlossaryEntry("外務省", "Ministry of Foreign Affairs"),
        GlossaryEntry("大使館", "Embassy"),
        GlossaryEntry("JICA", "JICA", do_not_translate=True),
        GlossaryEntry("サプライチェーン", "supply chain"),
    ],
    source_lang="ja",
    target_lang="en",
)
SENTENCES = ["大使館から連絡がありました。", "今日は晴れです。", "資料を添付します。"]
GREEDY = TranslateOptions(beam_size=1, max_decoding_length=16)


def test_the_terms_a_text_contains_go_to_the_engine_with_their_translation() -> None:
    text = "外務省とJICAは大使館で会った。"
    assert GLOSSARY.translations_in(text, "ja") == (("外務省", "Ministry of Foreign Affairs"), ("大使館", "Embassy"))
    options = TranslateOptions().with_glossary(GLOSSARY, text, "ja")
    assert options.keep_terms == ("JICA",)
    assert options.glossary_terms == (("外務省", "Ministry of Foreign Affairs"), ("大使館", "Embassy"))
    assert options.to_dict()["glossary_terms"] == [["外務省", "Ministry of Foreign Affairs"], ["大使館", "Embassy"]]
    assert TranslateOptions().with_glossary(None, text, "ja") == TranslateOptions()


def test_the_other_direction_requires_the_glossary_source_term() -> None:
    text = "The Embassy and the supply chains."
    assert GLOSSARY.translations_in(text, "en") == (("Embassy", "大使館"), ("supply chains", "サプライチェーン"))


def test_glossary_pairs_are_normalised_and_left_out_of_the_options_signature() -> None:
    options = TranslateOptions(glossary_terms=(("大使館", "Embassy"), ("  ", "x"), ("外務省", ""), ("大使館", "Embassy")))
    assert options.glossary_terms == (("大使館", "Embassy"),)
    assert options.signature() == TranslateOptions().signature()


def test_only_a_sentence_with_a_glossary_term_is_translated_again(tiny_marian_dir: Path) -> None:
    engine = TranslationEngine(InstalledModel(load_manifest(tiny_marian_dir), tiny_marian_dir, False), threads=1)
    engine.cache = TranslationCache()
    engine.translate_sentences(SENTENCES, GREEDY)
    with_terms = GREEDY.with_glossary(GLOSSARY, " ".join(SENTENCES), "ja")
    results = engine.translate_sentences(SENTENCES, with_terms)
    assert [result.cached for result in results] == [False, True, True]


def test_a_term_the_model_drops_is_translated_by_the_model_and_reported(tiny_marian_dir: Path) -> None:
    engine = TranslationEngine(InstalledModel(load_manifest(tiny_marian_dir), tiny_marian_dir, False), threads=1)
    options = GREEDY.with_glossary(GLOSSARY, SENTENCES[0], "ja")
    result = engine.translate_sentences(SENTENCES[:1], options)[0]
    assert "[1]" not in result.target
    if "Embassy" not in result.target:
        assert [(span.text, span.replacement) for span in result.missing] == [("大使館", "Embassy")]
    plain = engine.translate_sentences(SENTENCES[:1], GREEDY)[0]
    assert result.target == plain.target, "the random model dropped the placeholder, so the retry without it won"


def test_an_english_sentence_beginning_with_a_glossary_term_begins_upper_case() -> None:
    masked = mask("サプライチェーンが重要だ。", replacements={"サプライチェーン": "supply chain"})
    assert _capitalised_start("supply chain is important.", masked, "en") == "Supply chain is important."
    assert _capitalised_start("supply chain is important.", masked, "ja") == "supply chain is important."
    assert _capitalised_start("it is supply chain.", masked, "en") == "it is supply chain."

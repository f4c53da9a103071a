"""Back-translation ranking on real (tiny, random) CTranslate2 models of opposite directions.

tiny_marian_dir translates ja→en and tiny_marian_en_ja_dir en→ja, so each scores the other's candidates. Random
weights give gibberish; what is checked is that the engine keeps exactly the candidate the ranking rule names.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from workstation.translate.back_translation import BackTranslationScorer, ranking
from workstation.translate.cache import TranslationCache
from workstation.translate.engine import TranslationEngine
from workstation.translate.manifest import load_manifest
from workstation.translate.options import OptionsError, TranslateOptions
from workstation.translate.registry import InstalledModel

SENTENCES = [
    "今日は晴れです。",
    "大使館から連絡がありました。",
    "資料を添付します。",
    "外務省は声明を発表した。",
    "明日の予定を確認してください。",
    "彼は東京に住んでいる。",
    "会議は午後に始まります。",
    "この件について報告します。",
]
"""Eight, so that with weight 2 the ranking changes some of them on any CPU (it changes most on the build machine)."""
PLAIN = TranslateOptions(beam_size=4, max_decoding_length=16, back_translation_weight=0.0)
RANKED = TranslateOptions(beam_size=4, max_decoding_length=16, back_translation_weight=2.0)


def installed(folder: Path) -> InstalledModel:
    return InstalledModel(load_manifest(folder), folder, False)


@pytest.fixture
def ja_en(tiny_marian_dir: Path) -> InstalledModel:
    return installed(tiny_marian_dir)


@pytest.fixture
def en_ja(tiny_marian_en_ja_dir: Path) -> InstalledModel:
    return installed(tiny_marian_en_ja_dir)


def test_ranking_adds_the_weighted_back_translation_score() -> None:
    forward, backward = [-1.0, -1.2, -3.0], [-2.0, -0.5, -0.1]
    assert ranking(forward, backward, 0.0) == [0, 1, 2]
    assert ranking(forward, backward, 1.0) == [1, 0, 2]
    assert ranking(forward, backward, 10.0) == [2, 1, 0]
    assert ranking([-1.0, -1.0], [-1.0, -1.0], 1.0) == [0, 1], "ties keep the beam's order"


def test_scorer_gives_one_log_probability_per_pair(en_ja: InstalledModel) -> None:
    scorer = BackTranslationScorer(en_ja, device="cpu", compute_type="int8", threads=1)
    pairs = [("It is fine today.", "今日は晴れです。"), ("", "資料を添付します。"), ("Contact.", "")]
    scores = scorer.scores(pairs)
    assert len(scores) == 3
    assert all(score < 0 for score in scores)
    assert scorer.scores(pairs) == scores
    assert scorer.scores([]) == []
    scorer.unload()
    assert scorer.scores(pairs[:1]) == scores[:1], "scores again after an unload"


def test_the_engine_keeps_the_candidate_the_ranking_names(ja_en: InstalledModel, en_ja: InstalledModel) -> None:
    engine = TranslationEngine(ja_en, threads=1, cache=TranslationCache(), back_model=en_ja)
    scorer = BackTranslationScorer(en_ja, device="cpu", compute_type="int8", threads=1)
    changed = 0
    for sentence in SENTENCES:
        candidates = engine.alternatives(sentence, 4, PLAIN)
        back = scorer.scores([(candidate.text, sentence) for candidate in candidates])
        best = ranking([candidate.score for candidate in candidates], back, 2.0)[0]
        expected = candidates[best]
        result = engine.translate_sentences([sentence], RANKED)[0]
        assert result.target == expected.text
        assert result.score == pytest.approx(expected.score, abs=1e-4), "the score stays the model's own"
        assert result.back_score == pytest.approx(back[best], abs=1e-4)
        assert engine.translate_sentences([sentence], PLAIN)[0].back_score is None
        changed += expected is not candidates[0]
    assert changed, "with this weight at least one sentence must change, or the test shows nothing"


def test_alternatives_come_in_ranked_order(ja_en: InstalledModel, en_ja: InstalledModel) -> None:
    engine = TranslationEngine(ja_en, threads=1, cache=TranslationCache(), back_model=en_ja)
    scorer = BackTranslationScorer(en_ja, device="cpu", compute_type="int8", threads=1)
    for sentence in SENTENCES:
        plain = engine.alternatives(sentence, 4, PLAIN)
        back = scorer.scores([(candidate.text, sentence) for candidate in plain])
        order = ranking([candidate.score for candidate in plain], back, 2.0)
        assert engine.alternatives(sentence, 4, RANKED) == [plain[index] for index in order]


def test_weight_zero_or_no_reverse_model_translates_as_before(ja_en: InstalledModel, en_ja: InstalledModel) -> None:
    alone = TranslationEngine(ja_en, threads=1, cache=TranslationCache())
    paired = TranslationEngine(ja_en, threads=1, cache=TranslationCache(), back_model=en_ja)
    expected = [result.target for result in alone.translate_sentences(SENTENCES, PLAIN)]
    assert [result.target for result in paired.translate_sentences(SENTENCES, PLAIN)] == expected
    assert [result.target for result in alone.translate_sentences(SENTENCES, RANKED)] == expected
    assert paired._back_scorer is not None and paired._back_scorer._scorer is None, "weight 0 never loads the reverse model"


def test_ranked_translations_are_cached_apart(ja_en: InstalledModel, en_ja: InstalledModel, tmp_path: Path) -> None:
    cache = TranslationCache(tmp_path / "cache.sqlite")
    paired = TranslationEngine(ja_en, threads=1, cache=cache, back_model=en_ja)
    first = paired.translate_sentences(SENTENCES, RANKED)
    again = paired.translate_sentences(SENTENCES, RANKED)
    assert all(result.cached for result in again)
    reopened = TranslationEngine(ja_en, threads=1, cache=TranslationCache(tmp_path / "cache.sqlite"), back_model=en_ja)
    assert [result.back_score for result in again] == [result.back_score for result in first]
    assert all(score is not None for score in (result.back_score for result in first))
    assert not any(result.cached for result in paired.translate_sentences(SENTENCES, PLAIN))
    from_file = reopened.translate_sentences(SENTENCES, RANKED)
    assert all(result.cached for result in from_file)
    assert [result.back_score for result in from_file] == pytest.approx([result.back_score for result in first])
    alone = TranslationEngine(ja_en, threads=1, cache=cache)
    unranked = alone.translate_sentences(SENTENCES, RANKED)
    assert not any(result.cached for result in unranked), "an entry ranked by a reverse model is not reused without it"
    assert all(result.back_score is None for result in unranked), "translated anew, unranked"
    document = paired.translate_document(" ".join(SENTENCES), RANKED).to_dict()
    assert [segment["back_score"] for segment in document["segments"]] == [
        round(result.back_score, 4) for result in first if result.back_score is not None
    ]
    cache.close()
    reopened.cache.close()


def test_the_weight_is_validated() -> None:
    with pytest.raises(OptionsError, match="back_translation_weight"):
        TranslateOptions(back_translation_weight=-0.1)
    assert TranslateOptions(back_translation_weight=0.3).to_dict()["back_translation_weight"] == 0.3


def test_a_damaged_reverse_model_turns_ranking_off_and_translation_goes_on(
    ja_en: InstalledModel, tiny_marian_en_ja_dir: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    folder = tmp_path / "damaged-en-ja"
    shutil.copytree(tiny_marian_en_ja_dir, folder)
    (folder / "model.bin").write_bytes((folder / "model.bin").read_bytes()[:1000])
    engine = TranslationEngine(ja_en, threads=1, cache=TranslationCache(), back_model=installed(folder))
    alone = TranslationEngine(ja_en, threads=1, cache=TranslationCache())
    expected = [result.target for result in alone.translate_sentences(SENTENCES, PLAIN)]
    assert [result.target for result in engine.translate_sentences(SENTENCES, RANKED)] == expected
    assert "back-translation ranking is off" in caplog.text
    assert engine.alternatives(SENTENCES[0], 4, RANKED) == alone.alternatives(SENTENCES[0], 4, PLAIN)

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from workstation.io.tmx import read_tmx
from workstation.store.memory import TranslationMemory

FIXTURES = Path(__file__).parent.parent / "io" / "fixtures"
QUERY = "外務大臣は明日ワシントンを訪問する予定です。"


@pytest.fixture
def memory(tmp_path: Path) -> TranslationMemory:
    with TranslationMemory(tmp_path / "tm.sqlite3") as tm:
        yield tm


def test_japanese_fuzzy_scores_are_ordered_sensibly(memory: TranslationMemory) -> None:
    entries = {
        "exact": QUERY,
        "width": "外務大臣は明日ワシントンを訪問する予定です。 ",
        "number": "外務大臣は３日ワシントンを訪問する予定です。",
        "punctuation": "外務大臣は、明日ワシントンを訪問する予定です",
        "one word": "外務大臣は明日ロンドンを訪問する予定です。",
        "two words": "首相は明日ロンドンを訪問する予定です。",
        "distant": "首相は昨日ロンドンを訪問しました。",
        "unrelated": "本日の天気は晴れです。",
    }
    for label, source in entries.items():
        memory.add(source, label, "ja", "en")
    memory.add("外務大臣は3日ワシントンを訪問する予定です。", "number", "ja", "en")
    matches = memory.lookup("外務大臣は5日ワシントンを訪問する予定です。", "ja", "en", limit=20, min_score=0)
    assert matches[0].target == "number" and matches[0].score == 98 and matches[0].kind == "placeables"
    matches = memory.lookup(QUERY, "ja", "en", limit=20, min_score=0)
    order = [match.target for match in matches]
    assert order[:2] == ["exact", "width"]
    assert [match.score for match in matches[:2]] == [100, 99]
    scores = {match.target: match.score for match in matches}
    assert scores["width"] > scores["punctuation"] > scores["one word"] > scores["two words"] > scores["distant"]
    assert scores["one word"] >= 80 and scores.get("unrelated", 0) < 50
    assert all(0 <= match.score <= 100 for match in matches)
    assert memory.lookup(QUERY, "ja", "en", min_score=70)[-1].score >= 70
    assert len(memory.lookup(QUERY, "ja", "en", limit=3)) == 3


def test_english_lookup_and_reverse_direction(memory: TranslationMemory) -> None:
    memory.add("大使は本日会談した。", "The Ambassador held talks today.", "ja", "en-US")
    (match,) = memory.lookup("The  ambassador held talks today.", "en", "ja")
    assert (match.score, match.kind, match.target) == (99, "normalised", "大使は本日会談した。")
    (match,) = memory.lookup("The ambassador held talks today", "en", "ja")
    assert (match.score, match.kind) == (97, "placeables")
    (fuzzy,) = memory.lookup("The Ambassador held long talks today.", "en", "ja")
    assert 80 <= fuzzy.score <= 95 and fuzzy.kind == "fuzzy"
    assert memory.lookup("Completely different words here.", "en", "ja") == []
    assert memory.lookup("大使は本日会談した。", "ja", "fr") == []


def test_same_pair_is_stored_once_and_provenance_is_kept(memory: TranslationMemory) -> None:
    first = memory.add("以上", "End", "ja", "en", origin="machine", model_id="builtin-ja-en", document="a.txt")
    again = memory.add("以上", "End", "ja", "en", origin="human")
    other = memory.add("以上", "That is all.", "ja", "en")
    assert first == again != other and len(memory) == 2
    unit = memory.get(first)
    assert unit is not None and (unit.origin, unit.model_id, unit.document) == ("human", "builtin-ja-en", "a.txt")
    assert unit.text("ja") == "以上" and unit.text("en") == "End" and unit.created <= unit.changed
    matches = memory.lookup("以上", "ja", "en")
    assert [match.target for match in matches] == ["That is all.", "End"]  # same score: newest first
    memory.delete(other)
    assert [match.target for match in memory.lookup("以上", "ja", "en")] == ["End"]
    with pytest.raises(ValueError):
        memory.add("a", "b", "en", "ja", origin="robot")  # type: ignore[arg-type]


def test_tmx_export_import_round_trip(memory: TranslationMemory, tmp_path: Path) -> None:
    memory.add("公電を送付する。", "We are sending the cable.", "ja", "en", origin="human", document="c.docx")
    memory.add("会議は延期された。", "The meeting was postponed.", "ja", "en", origin="machine", model_id="m1")
    path = tmp_path / "export.tmx"
    assert memory.export_tmx(path, "ja", "en") == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [unit.text("ja") for unit in read_tmx(path).units] == ["公電を送付する。", "会議は延期された。"]
    with TranslationMemory(tmp_path / "other.sqlite3") as other:
        result = other.import_tmx(path)
        assert (result.added, result.updated, result.skipped) == (2, 0, 0)
        exported = {(u.text("ja"), u.text("en"), u.origin, u.document, u.model_id) for u in memory.units()}
        imported = {(u.text("ja"), u.text("en"), u.origin, u.document, u.model_id) for u in other.units()}
        assert exported == imported
        assert [u.changed for u in other.units()] == [int(u.changed) for u in memory.units()]
        assert other.import_tmx(path).updated == 2 and len(other) == 2


def test_omegat_tmx_import_feeds_lookup(memory: TranslationMemory) -> None:
    result = memory.import_tmx(FIXTURES / "omegat-project_save.tmx")
    assert (result.added, result.skipped) == (3, 0)
    (match,) = memory.lookup("外務大臣は明日ワシントンを訪問する。", "ja", "en")
    assert match.target == "The Foreign Minister will visit Washington tomorrow." and match.score == 100
    assert match.unit.creator == "tanaka" and match.unit.origin == "tm"
    assert match.unit.changed == 1710490530.0
    (alternative,) = [unit for unit in memory.units() if unit.text("ja") == "以上"]
    assert alternative.document == "cable-0315.txt"
    assert memory.import_tmx(FIXTURES / "omegat-level2.tmx").added == 1


def test_memory_file_is_private(tmp_path: Path, permissive_umask: None) -> None:
    with TranslationMemory() as memory:
        memory.add("機密", "Secret", "ja", "en")
        for suffix in ("", "-wal", "-shm"):
            file = memory.path.with_name(memory.path.name + suffix)
            assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_equal_scores_prefer_human_then_memory_then_machine(memory: TranslationMemory) -> None:
    memory.add("会議を開く。", "machine", "ja", "en", origin="machine")
    memory.add("会議を開く。", "human", "ja", "en", origin="human")
    memory.add("会議を開く。", "imported", "ja", "en", origin="tm")
    memory.add("会議を開く。", "machine, newer", "ja", "en", origin="machine")
    assert [m.target for m in memory.lookup("会議を開く。", "ja", "en")] == ["human", "imported", "machine, newer", "machine"]


def test_trados_studio_utf16_tmx_import(memory: TranslationMemory) -> None:
    result = memory.import_tmx(FIXTURES / "trados-studio.tmx")
    assert (result.added, result.skipped) == (1, 0)
    (match,) = memory.lookup("大使は2月1日に大臣と会談した。", "ja", "en")
    assert match.target == "The Ambassador met the Minister on 1 February." and match.score == 100
    assert (match.unit.document, match.unit.origin, match.unit.creator) == ("cable-0201.docx", "tm", "EMBASSY\\translator")
    (reverse,) = memory.lookup("The ambassador met the Minister on 3 February.", "en", "ja")
    assert reverse.score == 98 and reverse.kind == "placeables"


def test_concordance_search(memory: TranslationMemory) -> None:
    memory.add("大使館で会議を開いた。", "A meeting was held at the Embassy.", "ja", "en")
    memory.add("総領事館に連絡した。", "We contacted the Consulate-General.", "ja", "en")
    memory.add("100%_達成", "100%_done", "ja", "en")
    assert [unit.text("en") for unit in memory.concordance("館", "ja")] == [
        "We contacted the Consulate-General.",
        "A meeting was held at the Embassy.",
    ]
    assert [unit.text("ja") for unit in memory.concordance("the embassy", "en")] == ["大使館で会議を開いた。"]
    assert [unit.text("ja") for unit in memory.concordance("%_", "ja")] == ["100%_達成"]
    assert memory.concordance("0%", "en", limit=1)[0].text("en") == "100%_done"
    assert memory.concordance("  ", "ja") == [] and memory.concordance("存在しない", "ja") == []


def test_bulk_import_reports_progress_and_can_be_cancelled(memory: TranslationMemory) -> None:
    from workstation.store.memory import ImportCancelled

    units = [((("ja", f"文{i}です。"), ("en", f"Sentence {i}.")), {"origin": "tm"}) for i in range(2500)]
    seen: list[int] = []
    with pytest.raises(ImportCancelled):
        memory.add_many(units, progress=seen.append, cancel=lambda: len(seen) >= 1)
    assert seen == [1000] and len(memory) == 0 and memory.lookup("文5です。", "ja", "en") == []
    assert memory.add_many(units, progress=seen.append) == (2500, 0)
    assert seen == [1000, 1000, 2000] and memory.lookup("文5です。", "ja", "en")[0].target == "Sentence 5."

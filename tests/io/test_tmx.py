from __future__ import annotations

from pathlib import Path

import pytest

from workstation.io.errors import DocumentError
from workstation.io.tmx import TmxUnit, TmxVariant, parse_tmx_date, read_tmx, region_tag, write_tmx

FIXTURES = Path(__file__).parent / "fixtures"


def test_omegat_project_save_tmx_is_read_correctly() -> None:
    tmx = read_tmx(FIXTURES / "omegat-project_save.tmx")
    assert (tmx.header.creationtool, tmx.header.srclang, tmx.header.segtype, tmx.header.version) == (
        "OmegaT",
        "JA",
        "sentence",
        "1.1",
    )
    first, second, alternative = tmx.units
    assert first.text("ja") == "外務大臣は明日ワシントンを訪問する。"
    assert first.text("en") == "The Foreign Minister will visit Washington tomorrow."
    english = first.variants[1]
    assert (english.lang, english.creator, english.changer) == ("EN-US", "tanaka", "tanaka")
    assert english.changed == parse_tmx_date("20240315T081530Z") == 1710490530.0
    assert second.text("en-US") == 'The talks were held in a "friendly atmosphere" & ended early.'
    assert alternative.prop("file") == "cable-0315.txt" and alternative.text("ja") == "以上"


def test_omegat_level2_inline_tags_are_stripped_to_text() -> None:
    (unit,) = read_tmx(FIXTURES / "omegat-level2.tmx").units
    assert unit.text("ja") == "重要：本日会議を開催。"
    assert unit.text("en") == "Important: meeting held today."


def test_tmx_round_trip_keeps_text_dates_props_and_awkward_characters(tmp_path: Path) -> None:
    units = [
        TmxUnit(
            (TmxVariant("ja", "A & B <c> \"引用\" 'x'\n改行"), TmxVariant("en", "A & B <c> ]]> \x07bell")),
            (("x-origin", "human"), ("x-document", "公電.docx")),
            ("note",),
            1700000000.0,
            1700000100.0,
            "tanaka",
            "suzuki",
        )
    ]
    path = tmp_path / "out.tmx"
    write_tmx(path, units, srclang="ja")
    text = path.read_text("utf-8")
    for expected in ('<tmx version="1.4">', 'srclang="ja-JP"', 'segtype="sentence"', 'o-tmf="Workstation TM"',
                     'adminlang="en-US"', 'datatype="plaintext"', 'creationtool="Workstation"', 'xml:lang="en-US"'):
        assert expected in text
    (unit,) = read_tmx(path).units
    assert unit.text("ja") == "A & B <c> \"引用\" 'x'\n改行"
    assert unit.text("en") == "A & B <c> ]]> bell"
    assert unit.props == units[0].props and unit.notes == ("note",)
    assert (unit.created, unit.changed, unit.creator, unit.changer) == (1700000000.0, 1700000100.0, "tanaka", "suzuki")


def test_region_tags() -> None:
    assert [region_tag(tag) for tag in ("ja", "EN", "en-gb", "ja_JP", "zh-Hant-TW")] == [
        "ja-JP", "en-US", "en-GB", "ja-JP", "zh-Hant-TW"
    ]


@pytest.mark.parametrize(
    "content",
    [
        b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
        b"<tmx><header/><body><tu><tuv xml:lang='ja'><seg>&b;</seg></tuv></tu></body></tmx>",
        b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY x SYSTEM "file:///etc/passwd">]><tmx><body>&x;</body></tmx>',
        b"<tmx><header/><body><tu>",
        b"\x00\x01binary",
        b'<?xml version="1.0" encoding="U"?><tmx/>',
        b"<html><body/></html>",
    ],
)
def test_hostile_or_broken_tmx_is_refused_with_a_clear_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.tmx"
    path.write_bytes(content)
    with pytest.raises(DocumentError) as info:
        read_tmx(path)
    assert "TMX" in info.value.message.en


def test_trados_studio_tmx_in_utf16_is_read() -> None:
    tmx = read_tmx(FIXTURES / "trados-studio.tmx")
    assert (tmx.header.creationtool, tmx.header.srclang) == ("SDL Language Platform", "en-US")
    (unit,) = tmx.units
    assert unit.text("en") == "The Ambassador met the Minister on 1 February."
    assert unit.text("ja") == "大使は2月1日に大臣と会談した。"
    assert (unit.creator, unit.changer, unit.prop("x-ConfirmationLevel")) == (
        "EMBASSY\\translator", "EMBASSY\\reviewer", "ApprovedSignOff"
    )

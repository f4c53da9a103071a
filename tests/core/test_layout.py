"""Line classification: markings, routing lines, header labels, list markers, plain text."""

from __future__ import annotations

import pytest

from workstation.core.layout import LineKind, classify_line


@pytest.mark.parametrize(
    "line",
    [
        "CONFIDENTIAL",
        "C O N F I D E N T I A L",
        "UNCLASSIFIED//FOR OFFICIAL USE ONLY",
        "秘",
        "【取扱注意】",
        "極秘・至急",
        "SECTION 01 OF 02",
        "END SUMMARY.",
        "以上",
        "－以上－",
        "記",
        "----------",
    ],
)
def test_markings_are_kept_whole(line: str) -> None:
    assert classify_line(line).kind is LineKind.MARKING


def test_classification_with_cable_number_only_in_header_zone() -> None:
    line = "CONFIDENTIAL SECTION 01 OF 02 TOKYO 001234"
    assert classify_line(line, in_header_zone=True).kind is LineKind.MARKING
    assert classify_line("Secret talks began in Tokyo.").kind is LineKind.TEXT


@pytest.mark.parametrize(
    "line", ["TAGS: PREL, PGOV, JA", "E.O. 12958: DECL: 11/24/2031", "DATE: 2026-11-24", "日付：令和8年11月24日"]
)
def test_routing_lines_are_kept_whole(line: str) -> None:
    assert classify_line(line).kind is LineKind.ROUTING


def test_bare_routing_lines_only_in_header_zone() -> None:
    assert classify_line("FM AMEMBASSY TOKYO", in_header_zone=True).kind is LineKind.ROUTING
    assert classify_line("TO SECSTATE WASHDC IMMEDIATE", in_header_zone=False).kind is LineKind.TEXT


@pytest.mark.parametrize(
    ("line", "label", "body"),
    [
        ("SUBJECT: TRADE TALKS", "SUBJECT:", "TRADE TALKS"),
        ("REF: A. STATE 12345", "REF:", "A. STATE 12345"),
        ("件名：日米協議について", "件名：", "日米協議について"),
        ("件名　日米協議について", "件名　", "日米協議について"),
        ("Subject: talks", "Subject:", "talks"),
    ],
)
def test_header_labels_are_verbatim_and_values_translated(line: str, label: str, body: str) -> None:
    info = classify_line(line)
    assert info.kind is LineKind.HEADER
    assert info.label == label
    assert line[info.body_start :] == body


@pytest.mark.parametrize(
    ("line", "marker", "body"),
    [
        ("1. The minister said so.", "1.", "The minister said so."),
        ("12) Item", "12)", "Item"),
        ("(1) 関税について", "(1)", "関税について"),
        ("（１）関税について", "（１）", "関税について"),
        ("ア　コメの関税", "ア", "コメの関税"),
        ("（ア）コメの関税", "（ア）", "コメの関税"),
        ("・次回会合", "・", "次回会合"),
        ("- bullet item", "-", "bullet item"),
        ("• bullet item", "•", "bullet item"),
        ("a. tariffs", "a.", "tariffs"),
        ("１．　本件は", "１．", "本件は"),
        ("① 第一に", "①", "第一に"),
        ("(C) Summary", "(C)", "Summary"),
    ],
)
def test_list_markers(line: str, marker: str, body: str) -> None:
    info = classify_line(line)
    assert info.kind is LineKind.LIST_ITEM
    assert info.marker == marker
    assert line[info.body_start :] == body


def test_portion_mark_after_the_number_is_part_of_the_prefix() -> None:
    line = "1. (SBU) The Minister listed three points."
    info = classify_line(line)
    assert info.marker == "1."
    assert line[info.body_start :] == "The Minister listed three points."


@pytest.mark.parametrize(
    "line",
    [
        "3.5 percent growth was reported.",
        "アメリカ合衆国の大使が来た。",
        "2026年の計画。",
        "Mr. Smith arrived.",
        "-5 degrees outside.",
        "e.g. this one.",
    ],
)
def test_text_that_only_looks_like_a_marker(line: str) -> None:
    assert classify_line(line).kind is LineKind.TEXT


def test_indentation_is_recorded() -> None:
    info = classify_line("\u3000ア\u3000コメ")
    assert info.indent == "\u3000"
    assert classify_line("   ").kind is LineKind.BLANK

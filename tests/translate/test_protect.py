"""Protected spans: found, masked, restored, and reported when the model drops them."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.translate.protect import (
    ProtectedKind,
    find_protected,
    mask,
    missing_spans,
    unmask,
)


def kinds_and_texts(text: str, **options) -> list[tuple[str, str]]:
    return [(span.kind.value, span.text) for span in find_protected(text, **options)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("See https://www.mofa.go.jp/a/b.html.", [("url", "https://www.mofa.go.jp/a/b.html")]),
        ("詳細はhttps://example.jp/x?a=1を参照。", [("url", "https://example.jp/x?a=1")]),
        ("Write to info@mofa.go.jp today.", [("email", "info@mofa.go.jp")]),
        ("資料はminutes_2026.pdfです。", [("file", "minutes_2026.pdf")]),
        (r"Saved as C:\data\report.docx now.", [("file", r"C:\data\report.docx")]),
        ("Held on 2026-11-24 at 10:30.", [("date", "2026-11-24"), ("date", "10:30")]),
        ("会議は2026/11/24に開催。", [("date", "2026/11/24")]),
        ("It cost 1,234.5 yen for 3 items.", [("number", "1,234.5"), ("number", "3")]),
        ("第3回会合で5人が参加。", [("number", "3"), ("number", "5")]),
        ("version v1.2 and ABC123 stay", []),
        ("Footnote [2] here.", [("placeholder", "[2]")]),
    ],
)
def test_finds_protected_spans(text: str, expected: list[tuple[str, str]]) -> None:
    assert kinds_and_texts(text) == expected


def test_spans_do_not_overlap_and_url_wins_over_its_numbers() -> None:
    spans = find_protected("Visit https://example.com/2026/11/page-3.html on 2026-11-24.")
    assert [span.kind for span in spans] == [ProtectedKind.URL, ProtectedKind.DATE]
    assert all(a.span.end <= b.span.start for a, b in itertools.pairwise(spans))


def test_user_terms_are_whole_words_and_longest_first() -> None:
    text = "The OECD-Japan forum met OECD staff, not OECDX."
    spans = find_protected(text, terms=["OECD", "OECD-Japan forum"], kinds={ProtectedKind.TERM})
    assert [span.text for span in spans] == ["OECD-Japan forum", "OECD"]
    assert kinds_and_texts("外務省と経済産業省", terms=["外務省"], kinds={ProtectedKind.TERM}) == [("term", "外務省")]


def test_only_requested_kinds() -> None:
    assert kinds_and_texts("Call 5 at https://a.jp", kinds={ProtectedKind.URL}) == [("url", "https://a.jp")]


def test_mask_and_unmask_round_trip() -> None:
    text = "See report.pdf, https://a.jp and 42 on 2026-01-02; 42 again."
    masked = mask(text)
    assert masked.masked == "See [1], [2] and [3] on [4]; [3] again."
    restored = unmask(masked.masked, masked)
    assert restored.text == text
    assert restored.missing == ()


def test_unmask_follows_reordered_and_full_width_placeholders() -> None:
    masked = mask("Meet Tanaka at 10:30", terms=["Tanaka"])
    restored = unmask("［2］に [1] と会う", masked)
    assert restored.text == "10:30に Tanaka と会う"


def test_dropped_placeholders_are_reported_once() -> None:
    masked = mask("Pay 5 and 5 and 7 now")
    restored = unmask("Pay [1] now", masked)
    assert restored.text == "Pay 5 now"
    assert [span.text for span in restored.missing] == ["7"]


def test_existing_bracket_numbers_are_not_confused_with_placeholders() -> None:
    masked = mask("See note [5] and page 9.")
    assert unmask(masked.masked, masked).text == "See note [5] and page 9."


def test_unknown_placeholders_in_the_output_are_left_alone() -> None:
    masked = mask("no protected text here")
    assert masked.spans == ()
    assert unmask("output [9]", masked).text == "output [9]"


def test_missing_spans_check_on_any_target() -> None:
    spans = find_protected("Call 110 or visit https://a.jp")
    assert [span.text for span in missing_spans(spans, "Call 110")] == ["https://a.jp"]
    assert missing_spans(spans, "110 https://a.jp") == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["word ", "語", " 42", "3.5", "2026-11-24", "10:30", "https://a.jp/x", "a@b.jp", "f.pdf", "[1]", "［2］", "OECD", ". ", "、"]
        ),
        max_size=30,
    ).map("".join)
)
def test_masking_round_trips_any_text(text: str) -> None:
    masked = mask(text, terms=["OECD"])
    restored = unmask(masked.masked, masked)
    assert restored.text == text
    assert restored.missing == ()
    for span in masked.spans:
        assert span.span.of(text) == span.text


def test_glossary_terms_come_back_as_their_translation() -> None:
    masked = mask("外務省と大使館は3日に協議した。", replacements={"外務省": "Ministry of Foreign Affairs", "大使館": "Embassy"})
    assert masked.masked == "[1]と[2]は[3]日に協議した。"
    assert [(span.kind, span.output) for span in masked.spans] == [
        (ProtectedKind.TERM, "Ministry of Foreign Affairs"),
        (ProtectedKind.TERM, "Embassy"),
        (ProtectedKind.NUMBER, "3"),
    ]
    restored = unmask("[1] and the [2] met on the [3]rd.", masked)
    assert restored.text == "Ministry of Foreign Affairs and the Embassy met on the 3rd."
    dropped = unmask("They met on the [3]rd.", masked)
    assert [span.output for span in dropped.missing] == ["Ministry of Foreign Affairs", "Embassy"]
    assert [span.text for span in missing_spans(masked.spans, "The Embassy met on the 3rd.")] == ["外務省"]


def test_glossary_terms_are_masked_even_when_kept_terms_are_off() -> None:
    masked = mask("OECD と外務省", terms=["OECD"], kinds=frozenset(), replacements={"外務省": "MOFA"})
    assert masked.masked == "OECD と[1]"
    assert unmask("OECD and [1]", masked).text == "OECD and MOFA"

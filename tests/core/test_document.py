"""Document segmentation keeps the layout: only sentences are replaced on reassembly."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.core.document import segment_document
from workstation.core.layout import LineKind

DATA = Path(__file__).parent / "data"


def cable(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "lang"), [("cable_en.txt", "en"), ("cable_ja.txt", "ja")])
def test_keeping_every_source_sentence_reproduces_the_text(name: str, lang: str) -> None:
    text = cable(name)
    document = segment_document(text, lang)
    assert document.assemble([None] * len(document.segments), lang) == text


@pytest.mark.parametrize(("name", "lang"), [("cable_en.txt", "en"), ("cable_ja.txt", "ja")])
def test_segments_point_at_their_text(name: str, lang: str) -> None:
    text = cable(name)
    document = segment_document(text, lang)
    assert document.segments
    previous_end = 0
    for index, segment in enumerate(document.segments):
        assert segment.index == index
        assert segment.start >= previous_end
        raw = segment.span.of(text)
        assert " ".join(raw.split()) == " ".join(segment.text.split()) or "\n" in raw
        assert segment.index in document.paragraphs[segment.paragraph].segments
        previous_end = segment.end


def test_japanese_cable_layout_is_kept() -> None:
    text = cable("cable_ja.txt")
    document = segment_document(text, "ja")
    targets = [f"<S{segment.index}>" for segment in document.segments]
    output = document.assemble(targets, "en")
    source_lines, output_lines = text.split("\n"), output.split("\n")
    assert len(output_lines) == len(source_lines)
    for source_line, output_line in zip(source_lines, output_lines, strict=True):
        if source_line in ("秘", "取扱注意", "以上", ""):
            assert output_line == source_line
    expected = [
        "SUBJECT: <S0>",
        "１．　<S1> <S2>",
        "（１）<S3>",
        "\u3000ア\u3000<S4>",
        "\u3000イ\u3000<S5>",
        "（２）<S6>",
        "・<S7>",
        "・<S8>",
        "\u3000<S9> <S10>",
    ]
    assert [line for line in output_lines if "<S" in line] == expected
    kinds = [paragraph.kind for paragraph in document.paragraphs]
    assert kinds[:3] == [LineKind.MARKING, LineKind.MARKING, LineKind.HEADER]
    assert kinds[-1] is LineKind.MARKING


def test_english_cable_layout_is_kept_and_wrapped_lines_joined() -> None:
    text = cable("cable_en.txt")
    document = segment_document(text, "en")
    output = document.assemble([f"<{segment.index}>" for segment in document.segments], "ja")
    lines = output.split("\n")
    for verbatim in (
        "C O N F I D E N T I A L SECTION 01 OF 02 TOKYO 001234",
        "SIPDIS",
        "E.O. 12958: DECL: 11/24/2031",
        "TAGS: PREL, PGOV, JA",
        "Classified By: Ambassador J. Smith for reasons 1.4 (b) and (d).",
    ):
        assert verbatim in lines
    assert "件名：<0>" in lines
    assert "参照：<1>" in lines
    # the hard-wrapped paragraph 1 becomes one line; Japanese sentences are joined without spaces
    assert "1. (C) <2><3><4>" in lines
    assert "2. (SBU) <5>" in lines
    assert [line for line in lines if line.startswith("   ")] == ["   a. <6>", "   b. <7>", "   c. <8>"]
    assert "- <9>" in lines
    assert len(lines) == len(text.split("\n")) - 2
    wrapped = document.segments[3]
    assert wrapped.text == 'He said the U.S. proposal was "a good basis."'
    assert "\n" in wrapped.span.of(text)


def test_japanese_wrapped_lines_join_without_a_space() -> None:
    text = "本件については、関係各省庁と緊密に連携しつつ、引き続き情報収集に努めるとともに、\n必要に応じて適切に対応する。\n"
    document = segment_document(text, "ja")
    assert [segment.text for segment in document.segments] == [
        "本件については、関係各省庁と緊密に連携しつつ、引き続き情報収集に努めるとともに、必要に応じて適切に対応する。"
    ]


def test_lines_ending_a_sentence_are_separate_paragraphs() -> None:
    text = "第一の段落である。\n第二の段落である。\n"
    document = segment_document(text, "ja")
    assert len(document.paragraphs) == 2
    assert document.assemble(["A.", "B."], "en") == "A.\nB.\n"


def test_numbers_and_symbols_alone_are_not_translated() -> None:
    text = "12345\n* * *\nReal sentence here.\n"
    document = segment_document(text, "en")
    assert [segment.text for segment in document.segments] == ["Real sentence here."]


def test_language_is_guessed_when_not_given() -> None:
    assert segment_document("これは日本語の文章です。").lang == "ja"
    assert segment_document("This is English.").lang == "en"


def test_paragraph_lookup_by_offset() -> None:
    text = "SUBJECT: A B\n\nThe body."
    document = segment_document(text, "en")
    assert document.paragraph_of(0).kind is LineKind.HEADER
    assert document.paragraph_of(text.index("body")).kind is LineKind.TEXT
    assert document.paragraph_of(text.index("\n\n") + 1) is None


def test_crlf_free_text_with_trailing_spaces_keeps_them() -> None:
    text = "First sentence.  Second one.   \n"
    document = segment_document(text, "en")
    assert document.assemble(["One.", "Two."], "en") == "One.  Two.   \n"
    assert document.assemble(["一。", "二。"], "ja") == "一。二。   \n"


def test_assembled_target_spans_point_at_each_target() -> None:
    text = cable("cable_en.txt")
    document = segment_document(text, "en")
    targets = [None if index % 3 == 0 else f"訳{index}。" for index in range(len(document.segments))]
    assembled, spans = document.assemble_with_spans(targets, "ja")
    assert assembled == document.assemble(targets, "ja")
    for segment, target, span in zip(document.segments, targets, spans, strict=True):
        assert span.of(assembled) == (segment.span.of(text) if target is None else target)

"""Properties that hold for any text: segmentation never crashes, never loses text, spans are ordered."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.core.document import segment_document
from workstation.core.sentences import split_sentences

ALPHABET = st.sampled_from(
    [
        *"abc XYZ.!?,;:()[]\"'-*・•（）「」『』【】。、！？．１2３ア秘件名：\n\n\t\u3000",
        *("Mr.", "U.S.", "SUBJECT: ", "1. ", "(1) ", "CONFIDENTIAL\n", "以上\n", "𠮷", "e.g. "),
    ]
)
TEXTS = st.lists(ALPHABET, max_size=80).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["ja", "en"]))
def test_sentence_spans_are_ordered_trimmed_and_cover_all_visible_text(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    position = 0
    for span in spans:
        assert position <= span.start < span.end <= len(text)
        assert not text[span.start].isspace() and not text[span.end - 1].isspace()
        assert not text[position : span.start].strip()
        position = span.end
    assert not text[position:].strip()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS, st.sampled_from(["ja", "en"]))
def test_document_reassembles_exactly_and_segments_are_disjoint(text: str, lang: str) -> None:
    document = segment_document(text, lang)
    assert document.assemble([None] * len(document.segments), lang) == text
    previous_end = 0
    for segment in document.segments:
        assert previous_end <= segment.start < segment.end <= len(text)
        paragraph = document.paragraphs[segment.paragraph]
        assert paragraph.span.start <= segment.start and segment.end <= paragraph.span.end
        assert segment.text.strip()
        previous_end = segment.end
    marked = document.assemble(["#"] * len(document.segments), "en")
    assert marked.count("\n") == text.count("\n") - sum(paragraph.lines - 1 for paragraph in document.paragraphs)

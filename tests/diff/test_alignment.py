"""Source ⇄ target alignment: the pair under the caret, in either pane, by bisect."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workstation.diff.alignment import SpanAlignment

SOURCE = "外務省は方針を決定した。関係国と協議する。\n\n以上。"
TARGET = "The Ministry decided on a policy. It will consult the countries concerned.\n\nEnd."
SOURCE_SPANS = [(0, 12), (12, 21), (23, 26)]
TARGET_SPANS = [(0, 33), (34, 74), (76, 80)]


@pytest.fixture
def alignment() -> SpanAlignment:
    return SpanAlignment(SOURCE_SPANS, TARGET_SPANS)


def test_caret_in_source_finds_target(alignment: SpanAlignment) -> None:
    assert alignment.target_for_source(0) == (0, 33)
    assert alignment.target_for_source(5) == (0, 33)
    assert alignment.target_for_source(12) == (34, 74)
    assert alignment.target_for_source(21) == (34, 74)
    assert TARGET[slice(*alignment.target_for_source(24))] == "End."


def test_caret_in_target_finds_source(alignment: SpanAlignment) -> None:
    assert SOURCE[slice(*alignment.source_for_target(40))] == "関係国と協議する。"
    pair = alignment.pair_at_target(0)
    assert pair is not None and pair.index == 0 and pair.source == (0, 12)


def test_gaps_give_none_or_the_nearest(alignment: SpanAlignment) -> None:
    assert alignment.target_for_source(22) is None
    assert alignment.target_for_source(22, nearest=True) == (34, 74)
    assert alignment.source_for_target(75, nearest=True) == (12, 21)  # a tie goes to the sentence before
    assert alignment.source_for_target(500) is None
    assert alignment.source_for_target(500, nearest=True) == (23, 26)


def test_unsorted_target_spans_and_pairs() -> None:
    alignment = SpanAlignment.from_pairs([((0, 5), (10, 20)), ((5, 9), (0, 10))])
    assert alignment.target_for_source(6) == (0, 10)
    assert alignment.source_for_target(3) == (5, 9)
    assert len(alignment) == 2


def test_invalid_input_is_refused() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        SpanAlignment([(0, 1)], [])
    with pytest.raises(ValueError, match="invalid span"):
        SpanAlignment([(3, 1)], [(0, 1)])
    assert SpanAlignment([], []).target_for_source(0, nearest=True) is None


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 20), st.integers(0, 5)), min_size=1, max_size=40), st.data())
def test_lookup_matches_a_linear_scan(layout: list[tuple[int, int]], data: st.DataObject) -> None:
    spans = []
    position = 0
    for length, gap in layout:
        spans.append((position, position + length))
        position += length + gap
    alignment = SpanAlignment(spans, spans)
    offset = data.draw(st.integers(0, position + 3))
    inside = [i for i, (s, e) in enumerate(spans) if s <= offset < e]
    at_end = [i for i, (s, e) in enumerate(spans) if offset == e]
    expected = inside[0] if inside else at_end[0] if at_end else None
    pair = alignment.pair_at_source(offset)
    assert (pair.index if pair else None) == expected


def test_core_spans_from_the_translation_engine_work_as_plain_spans() -> None:
    from workstation.core.spans import Span

    alignment = SpanAlignment([Span(0, 12), Span(12, 21)], [Span(0, 33), Span(34, 74)])
    assert alignment.target_for_source(13) == (34, 74)

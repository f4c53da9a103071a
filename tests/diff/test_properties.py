"""Property tests: any mix of accepted and rejected hunks gives the text with each hunk's chosen side.

``WORKSTATION_FUZZ=1`` runs many more examples (minutes instead of seconds).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.diff.engine import DiffOptions, diff_texts

FUZZ = os.environ.get("WORKSTATION_FUZZ") == "1"
EXAMPLES = 3000 if FUZZ else 60

PIECES = [
    "外務省", "の", "が", "を", "方針", "決定", "した", "。", "、", "\n", "\n\n", "\u3000", " ", "関係各国",
    "協議", "The", "policy", "was", "adopted", ".", ",", "ｶﾀｶﾅ", "𠮷", "\r\n", "「", "」", "2024年",
]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


@st.composite
def revisions(draw: st.DrawFn) -> tuple[str, str]:
    """An old text and a new one derived from it by a few insertions, deletions and replacements (or unrelated)."""
    old_pieces = draw(st.lists(st.sampled_from(PIECES), max_size=40))
    if draw(st.booleans()):
        return "".join(old_pieces), draw(texts)
    new_pieces = list(old_pieces)
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(new_pieces)))
        action = draw(st.sampled_from(["insert", "delete", "replace"]))
        if action == "insert" or not new_pieces:
            new_pieces.insert(position, draw(st.sampled_from(PIECES)))
        elif action == "delete":
            del new_pieces[min(position, len(new_pieces) - 1)]
        else:
            new_pieces[min(position, len(new_pieces) - 1)] = draw(st.sampled_from(PIECES))
    return "".join(old_pieces), "".join(new_pieces)


options = st.builds(
    DiffOptions,
    granularity=st.sampled_from(["word", "char", "line"]),
    lang=st.sampled_from([None, "ja", "en"]),
    detect_moves=st.booleans(),
    min_move_chars=st.integers(1, 10),
    max_inline_chars=st.sampled_from([4, 30, 20_000]),
)

SETTINGS = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _normalised(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


@SETTINGS
@given(revisions(), options, st.data())
def test_any_mix_of_decisions_gives_the_chosen_sides_in_order(
    pair: tuple[str, str], chosen_options: DiffOptions, data: st.DataObject
) -> None:
    old, new = pair
    diff = diff_texts(old, new, chosen_options)
    assert diff.merge({h.id for h in diff.hunks}, newline="\n") == _normalised(new)
    assert diff.merge(set(), newline="\n") == _normalised(old)

    accepted = {h.id for h in diff.hunks if data.draw(st.booleans(), label=h.id)}
    merged = diff.merge(accepted, newline="\n")
    expected = []
    position = 0
    for hunk in diff.hunks:
        expected.append(diff.old_text[position : hunk.old_start])
        expected.append(hunk.new_text if hunk.id in accepted else hunk.old_text)
        position = hunk.old_end
    expected.append(diff.old_text[position:])
    assert merged == "".join(expected)

    cursor = 0
    for hunk in diff.hunks:
        side = hunk.new_text if hunk.id in accepted else hunk.old_text
        found = merged.find(side, cursor)
        assert found >= 0
        cursor = found + len(side)


@SETTINGS
@given(revisions())
def test_hunks_are_ordered_disjoint_and_match_both_texts(pair: tuple[str, str]) -> None:
    old, new = pair
    diff = diff_texts(old, new)
    old_pos = new_pos = 0
    for hunk in diff.hunks:
        assert old_pos <= hunk.old_start <= hunk.old_end and new_pos <= hunk.new_start <= hunk.new_end
        assert diff.old_text[old_pos : hunk.old_start] == diff.new_text[new_pos : hunk.new_start]
        assert hunk.old_text != hunk.new_text
        old_pos, new_pos = hunk.old_end, hunk.new_end
    assert diff.old_text[old_pos:] == diff.new_text[new_pos:]
    assert len({h.id for h in diff.hunks}) == len(diff.hunks)
    assert diff.identical == (_normalised(old) == _normalised(new))


@SETTINGS
@given(revisions(), st.data())
def test_offset_mapping_is_monotonic_and_exact_outside_changes(pair: tuple[str, str], data: st.DataObject) -> None:
    old, new = pair
    diff = diff_texts(old, new)
    offsets = range(len(diff.old_text) + 1)
    mapped = [diff.old_to_new(offset) for offset in offsets]
    assert mapped == sorted(mapped)
    assert all(0 <= value <= len(diff.new_text) for value in mapped)
    if diff.identical:
        assert mapped == list(offsets)

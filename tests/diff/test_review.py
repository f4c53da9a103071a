"""Reviewing: accept/reject hunks in any order, moves decided together, decisions carried over re-diffs."""

from __future__ import annotations

import itertools

import pytest

from tests.diff.samples import JA_NEW, JA_OLD
from workstation.diff.engine import diff_texts
from workstation.diff.review import Review


def test_decisions_in_any_order_give_the_same_text() -> None:
    diff = diff_texts("外務省の方針を決定する。\n会議を開く。\n", "外務省が方針を決定した。\n会議を開催する。\n")
    assert len(diff.hunks) >= 3
    ids = [hunk.id for hunk in diff.hunks]
    results = set()
    for order in itertools.permutations(ids):
        review = Review(diff)
        for position, hunk_id in enumerate(order):
            (review.accept if position % 2 == 0 else review.reject)(hunk_id)
        accepted = {hunk_id for position, hunk_id in enumerate(order) if position % 2 == 0}
        assert review.merged_text() == diff.merge(accepted)
        results.add((frozenset(accepted), review.merged_text()))
    assert len(results) == len({accepted for accepted, _ in results})


def test_all_accepted_and_all_rejected() -> None:
    review = Review(diff_texts(JA_OLD, JA_NEW))
    review.accept_all()
    assert review.merged_text() == JA_NEW
    assert review.counts() == {"pending": 0, "accepted": len(review.diff.hunks), "rejected": 0}
    review.reject_all()
    assert review.merged_text() == JA_OLD


def test_pending_hunks_count_as_rejected_unless_asked() -> None:
    review = Review(diff_texts("外務省の方針", "外務省が方針"))
    assert review.merged_text() == "外務省の方針"
    assert review.merged_text(pending_as="accepted") == "外務省が方針"
    assert [hunk.old_text for hunk in review.pending()] == ["の"]


def test_moved_passage_is_decided_as_one() -> None:
    review = Review(diff_texts(JA_OLD, JA_NEW))
    source = next(h for h in review.diff.hunks if h.move and h.move.role == "from")
    review.accept(source.id)
    assert review.decision(source.move.partner) == "accepted"
    merged = review.merged_text()
    assert merged.count("第一に、公電の取扱いに関する規則を見直す。") == 1
    assert merged.index("第三に") < merged.index("第一に")
    review.reject(source.move.partner)
    assert review.decision(source.id) == "rejected"
    review.accept(source.id, with_move_partner=False)
    assert review.merged_text().count("第一に") == 0


def test_next_pending_walks_and_wraps() -> None:
    review = Review(diff_texts("a b c d", "A b C d"))
    first, second = review.diff.hunks
    assert review.next_pending() == first
    review.accept(first.id)
    assert review.next_pending(first.id) == second
    assert review.next_pending(second.id) == second
    review.reject(second.id)
    assert review.next_pending() is None
    review.reset(second.id)
    assert review.decision(second.id) == "pending"


def test_decisions_carry_over_to_a_new_diff() -> None:
    old = "外務省の方針。\n\n会議を開く。\n"
    new = "外務省が方針。\n\n会議を開催する。\n"
    review = Review(diff_texts(old, new))
    particle = next(h for h in review.diff.hunks if h.old_text == "の")
    review.accept(particle.id)
    carried = review.carry_over(diff_texts(old, new.replace("会議", "協議")))
    assert carried.decision(particle.id) == "accepted"
    assert carried.counts()["accepted"] == 1


def test_unknown_hunk_is_an_error() -> None:
    review = Review(diff_texts("a", "b"))
    with pytest.raises(KeyError):
        review.accept("missing")

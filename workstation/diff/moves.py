"""Moved text: a deletion and an insertion elsewhere with the same (or nearly the same) text."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from workstation.diff.tokens import Edit

__all__ = ["FUZZY_MIN_CHARS", "MAX_FUZZY_CANDIDATES", "MOVE_SIMILARITY", "Move", "find_moves"]

MOVE_SIMILARITY = 90.0
"""rapidfuzz ratio (0-100) from which a deleted and an inserted passage count as one moved, edited passage."""
FUZZY_MIN_CHARS = 16
"""Shortest passage compared fuzzily; shorter ones must match exactly."""
MAX_FUZZY_CANDIDATES = 200
"""Beyond this many unmatched deletions or insertions, only exact moves are looked for."""

MoveRole = Literal["from", "to"]


@dataclass(frozen=True)
class Move:
    """This hunk is half of a move: ``from`` is the deletion at the old place, ``to`` the insertion at the new one."""

    partner: str
    role: MoveRole
    exact: bool


def find_moves(
    edits: Sequence[Edit], old_text: str, new_text: str, *, min_chars: int
) -> dict[int, tuple[int, MoveRole, bool]]:
    """Pair pure deletions with pure insertions of the same text: ``{index: (partner index, role, exact)}``.

    Text is compared without surrounding whitespace; exact pairs are taken first (in document
    order), then passages of at least :data:`FUZZY_MIN_CHARS` that are :data:`MOVE_SIMILARITY` alike.
    """
    deleted: dict[int, str] = {}
    inserted: dict[int, str] = {}
    for index, (old_start, old_end, new_start, new_end) in enumerate(edits):
        if old_end > old_start and new_end == new_start:
            text = old_text[old_start:old_end].strip()
            if len(text) >= min_chars:
                deleted[index] = text
        elif new_end > new_start and old_end == old_start:
            text = new_text[new_start:new_end].strip()
            if len(text) >= min_chars:
                inserted[index] = text
    pairs: dict[int, tuple[int, MoveRole, bool]] = {}
    by_text: dict[str, list[int]] = defaultdict(list)
    for index, text in deleted.items():
        by_text[text].append(index)
    for index, text in inserted.items():
        candidates = by_text.get(text)
        if candidates:
            partner = candidates.pop(0)
            pairs[partner] = (index, "from", True)
            pairs[index] = (partner, "to", True)
    _pair_similar(
        {i: t for i, t in deleted.items() if i not in pairs and len(t) >= FUZZY_MIN_CHARS},
        {i: t for i, t in inserted.items() if i not in pairs and len(t) >= FUZZY_MIN_CHARS},
        pairs,
    )
    return pairs


def _pair_similar(
    deleted: dict[int, str], inserted: dict[int, str], pairs: dict[int, tuple[int, MoveRole, bool]]
) -> None:
    if not deleted or not inserted or max(len(deleted), len(inserted)) > MAX_FUZZY_CANDIDATES:
        return
    from rapidfuzz import fuzz

    scored = []
    for d_index, d_text in deleted.items():
        for i_index, i_text in inserted.items():
            shorter, total = min(len(d_text), len(i_text)), len(d_text) + len(i_text)
            if 200 * shorter < total * MOVE_SIMILARITY:
                continue  # the length difference alone keeps the ratio below the threshold
            score = fuzz.ratio(d_text, i_text, score_cutoff=MOVE_SIMILARITY)
            if score:
                scored.append((-score, d_index, i_index))
    for _, d_index, i_index in sorted(scored):
        if d_index in pairs or i_index in pairs:
            continue
        pairs[d_index] = (i_index, "from", False)
        pairs[i_index] = (d_index, "to", False)

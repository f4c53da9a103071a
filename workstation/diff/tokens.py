"""Token diffs on diff-match-patch: each distinct token becomes one code point ("linesToChars" generalised)."""

from __future__ import annotations

import bisect
import re
import time
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diff_match_patch import diff_match_patch

__all__ = ["MAX_DISTINCT_TOKENS", "Edit", "anchored_diff", "diff_tokens", "split_lines", "split_sentences", "token_edits"]

MAX_DISTINCT_TOKENS = 0x10FFFF
"""One code point per distinct token; more distinct tokens than Unicode has code points cannot be encoded."""

Edit = tuple[int, int, int, int]
"""``(old_start, old_end, new_start, new_end)``: a changed region, in token or character units."""

DELETE, EQUAL, INSERT = -1, 0, 1


def split_lines(text: str) -> list[str]:
    """Lines of ``text`` split at ``\\n`` only, each keeping its newline (unlike ``str.splitlines``)."""
    if not text:
        return []
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


_SENTENCE_END = re.compile(r"[。．！？!?]+[」』）)\"'’”]*[ \t\u3000]*|\.(?:[ \t]+|$)|\n")


def split_sentences(text: str) -> list[str]:
    """Rough sentence pieces for chunking a huge diff: cut after 。！？!?, after ". " and at line breaks."""
    pieces = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if match.end() > start:
            pieces.append(text[start : match.end()])
            start = match.end()
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _encode(old: Sequence[str], new: Sequence[str]) -> tuple[str, str] | None:
    """Map every distinct token to one code point; ``None`` when there are too many distinct tokens."""
    table: dict[str, int] = {}

    def encode(tokens: Sequence[str]) -> str | None:
        codes = []
        for token in tokens:
            code = table.get(token)
            if code is None:
                code = len(table) + 1
                if code >= MAX_DISTINCT_TOKENS:
                    return None
                table[token] = code
            codes.append(chr(code))
        return "".join(codes)

    old_codes = encode(old)
    new_codes = encode(new) if old_codes is not None else None
    if old_codes is None or new_codes is None:
        return None
    return old_codes, new_codes


@lru_cache(maxsize=1)
def _engine() -> diff_match_patch:
    from diff_match_patch import diff_match_patch

    return diff_match_patch()


def diff_tokens(old: Sequence[str], new: Sequence[str], *, timeout: float) -> list[tuple[int, int]]:
    """diff-match-patch over token sequences: ``[(op, token_count), ...]`` with op -1/0/1.

    ``timeout`` (seconds) bounds the search; when it runs out the result is still a correct,
    only less minimal, diff. Too many distinct tokens give one delete and one insert.
    """
    encoded = _encode(old, new)
    if encoded is None:
        return _coarse(len(old), len(new))
    old_codes, new_codes = encoded
    engine = _engine()
    prefix = engine.diff_commonPrefix(old_codes, new_codes)
    suffix = engine.diff_commonSuffix(old_codes[prefix:], new_codes[prefix:])
    old_middle = old_codes[prefix : len(old_codes) - suffix]
    new_middle = new_codes[prefix : len(new_codes) - suffix]
    if set(old_middle).isdisjoint(new_middle):
        # Nothing in common: the search could only time out; say so at once.
        middle = _coarse(len(old_middle), len(new_middle))
        return [(EQUAL, prefix)] * bool(prefix) + middle + [(EQUAL, suffix)] * bool(suffix)
    deadline = time.time() + max(timeout, 0.001)
    return [(op, len(codes)) for op, codes in engine.diff_main(old_codes, new_codes, False, deadline)]


def anchored_diff(old: Sequence[str], new: Sequence[str], *, timeout: float) -> list[tuple[int, int]]:
    """Like :func:`diff_tokens`, first pinning tokens that occur exactly once on each side (patience diff).

    The longest run of such unique tokens in the same order on both sides becomes fixed
    equalities; only the gaps between them are searched, each with what is left of ``timeout``.
    Reordered paragraphs then come out as separate deletions and insertions (which the move
    detection pairs up) instead of one huge replacement when a whole-document search runs out
    of time, and large documents stay fast.
    """
    deadline = time.perf_counter() + max(timeout, 0.001)
    ops: list[tuple[int, int]] = []
    old_pos = new_pos = 0
    for old_anchor, new_anchor in [*_unique_anchors(old, new), (len(old), len(new))]:
        if old_anchor > old_pos or new_anchor > new_pos:
            remaining = deadline - time.perf_counter()
            gap_old, gap_new = old[old_pos:old_anchor], new[new_pos:new_anchor]
            if remaining > 0:
                ops.extend(diff_tokens(gap_old, gap_new, timeout=remaining))
            else:
                ops.extend(_coarse(len(gap_old), len(gap_new)))
        if old_anchor < len(old):
            ops.append((EQUAL, 1))
        old_pos, new_pos = old_anchor + 1, new_anchor + 1
    return _merge_ops(ops)


def _unique_anchors(old: Sequence[str], new: Sequence[str]) -> list[tuple[int, int]]:
    """Positions of tokens unique on both sides, keeping the longest subsequence in the same order on both."""
    old_counts, new_counts = Counter(old), Counter(new)
    new_index = {token: index for index, token in enumerate(new) if new_counts[token] == 1}
    pairs = [
        (index, new_index[token])
        for index, token in enumerate(old)
        if old_counts[token] == 1 and token in new_index
    ]
    # Longest increasing subsequence of the new positions (patience sorting).
    tails: list[int] = []
    tail_pair: list[int] = []
    previous: list[int] = []
    for position, (_, new_position) in enumerate(pairs):
        slot = bisect.bisect_left(tails, new_position)
        if slot == len(tails):
            tails.append(new_position)
            tail_pair.append(position)
        else:
            tails[slot] = new_position
            tail_pair[slot] = position
        previous.append(tail_pair[slot - 1] if slot else -1)
    chain = []
    position = tail_pair[-1] if tail_pair else -1
    while position >= 0:
        chain.append(pairs[position])
        position = previous[position]
    return chain[::-1]


def _merge_ops(ops: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join neighbouring ops of the same kind; a delete and an insert next to each other stay as a pair."""
    merged: list[list[int]] = []
    for op, count in ops:
        if not count:
            continue
        if merged and merged[-1][0] == op:
            merged[-1][1] += count
        else:
            merged.append([op, count])
    return [(op, count) for op, count in merged]


def _coarse(old_count: int, new_count: int) -> list[tuple[int, int]]:
    ops = []
    if old_count:
        ops.append((DELETE, old_count))
    if new_count:
        ops.append((INSERT, new_count))
    return ops


def token_edits(ops: Sequence[tuple[int, int]]) -> list[Edit]:
    """Maximal changed regions of an op list, in token units."""
    edits: list[Edit] = []
    old_pos = new_pos = 0
    current: list[int] | None = None
    for op, count in ops:
        if op == EQUAL:
            if current is not None:
                edits.append((current[0], old_pos, current[1], new_pos))
                current = None
            old_pos += count
            new_pos += count
            continue
        if current is None:
            current = [old_pos, new_pos]
        if op == DELETE:
            old_pos += count
        else:
            new_pos += count
    if current is not None:
        edits.append((current[0], old_pos, current[1], new_pos))
    return edits

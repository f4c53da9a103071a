"""Token diffs on diff-match-patch: each distinct token becomes one code point ("linesToChars" generalised)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from diff_match_patch import diff_match_patch

__all__ = ["MAX_DISTINCT_TOKENS", "Edit", "diff_tokens", "split_lines", "token_edits"]

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
    deadline = time.time() + max(timeout, 0.001)
    return [(op, len(codes)) for op, codes in _engine().diff_main(old_codes, new_codes, False, deadline)]


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

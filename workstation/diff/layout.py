"""Side-by-side rows for showing a diff (HTML report, GUI): context lines, changed lines split into fragments."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from workstation.diff.engine import ChangeBlock, Hunk, TextDiff
from workstation.diff.tokens import split_lines

__all__ = ["Fragment", "Row", "shown_change", "side_by_side"]

FragmentKind = Literal["equal", "delete", "insert"]
RowKind = Literal["context", "change", "fold"]


@dataclass(frozen=True)
class Fragment:
    """A piece of one line; changed pieces name their hunk. Changed text may end with ``\\n`` (a changed line break)."""

    text: str
    kind: FragmentKind
    hunk_id: str | None = None
    moved: bool = False


@dataclass(frozen=True)
class Row:
    """One row of the side-by-side view; ``fold`` rows stand for ``folded`` hidden unchanged lines.

    Line numbers are 1-based; ``None`` where the side has no line in this row.
    """

    kind: RowKind
    old_number: int | None
    new_number: int | None
    old: tuple[Fragment, ...] = ()
    new: tuple[Fragment, ...] = ()
    folded: int = 0
    block: int | None = None


_VISIBLE_SPACE = str.maketrans({" ": "␣", "\u3000": "□", "\t": "⇥", "\n": "↵"})


def shown_change(text: str) -> str:
    """Changed text of one fragment as displayed: whitespace-only changes become visible symbols.

    A full-width space (U+3000) matters in official Japanese and is invisible on screen, so a
    change that is only whitespace shows ␣ (space), □ (full-width space), ⇥ (tab), ↵ (line break).
    Otherwise a trailing line break is dropped: the next row shows it.
    """
    if text and not text.strip():
        return text.translate(_VISIBLE_SPACE)
    return text.removesuffix("\n")


def side_by_side(diff: TextDiff, *, context: int | None = 3) -> list[Row]:
    """Rows for every change block with ``context`` unchanged lines around it (``None``: every line)."""
    old_lines = split_lines(diff.old_text)
    new_lines = split_lines(diff.new_text)
    rows: list[Row] = []
    old_pos = new_pos = 0
    for block in diff.blocks:
        rows.extend(_unchanged(old_lines, old_pos, block.old_lines[0], new_pos, context, first=not rows))
        rows.extend(_block_rows(diff, block, old_lines, new_lines))
        old_pos, new_pos = block.old_lines[1], block.new_lines[1]
    rows.extend(_unchanged(old_lines, old_pos, len(old_lines), new_pos, context, first=not rows, last=True))
    return rows


def _unchanged(
    old_lines: Sequence[str],
    start: int,
    end: int,
    new_start: int,
    context: int | None,
    *,
    first: bool,
    last: bool = False,
) -> list[Row]:
    """Equal lines ``old[start:end]`` (= ``new[new_start:...]``), folded in the middle beyond ``context``."""
    count = end - start
    if count <= 0:
        return []
    keep_head = 0 if first else count if context is None else context
    keep_tail = 0 if last else count if context is None else context
    if context is None or keep_head + keep_tail + 1 >= count:
        shown = list(range(count))
        folded_at = None
    else:
        shown = [*range(keep_head), *range(count - keep_tail, count)]
        folded_at = keep_head
    rows = []
    for offset in shown:
        if folded_at is not None and offset == count - keep_tail:
            rows.append(_fold(count - keep_head - keep_tail, start + folded_at, new_start + folded_at))
        text = old_lines[start + offset].removesuffix("\n")
        rows.append(
            Row(
                "context",
                start + offset + 1,
                new_start + offset + 1,
                (Fragment(text, "equal"),),
                (Fragment(text, "equal"),),
            )
        )
    if folded_at is not None and keep_tail == 0:
        rows.append(_fold(count - keep_head, start + folded_at, new_start + folded_at))
    return rows


def _fold(count: int, old_index: int, new_index: int) -> Row:
    return Row("fold", old_index + 1, new_index + 1, folded=count)


def _block_rows(diff: TextDiff, block: ChangeBlock, old_lines: Sequence[str], new_lines: Sequence[str]) -> list[Row]:
    """Rows for a changed block: lines with changes inside face each other, wholly deleted or inserted lines stand alone."""
    hunks = [diff.hunk(hunk_id) for hunk_id in block.hunk_ids]
    old_side = _line_fragments(
        old_lines, block.old_lines, block.old_start, [(h.old_start, h.old_end, h) for h in hunks], "delete"
    )
    new_side = _line_fragments(
        new_lines, block.new_lines, block.new_start, [(h.new_start, h.new_end, h) for h in hunks], "insert"
    )
    rows = []
    old_index = new_index = 0
    while old_index < len(old_side) or new_index < len(new_side):
        has_old, has_new = old_index < len(old_side), new_index < len(new_side)
        old_whole = has_old and _wholly_changed(old_side[old_index])
        new_whole = has_new and _wholly_changed(new_side[new_index])
        take_old = has_old and (not has_new or (old_whole and not new_whole))
        take_new = has_new and (not has_old or (new_whole and not old_whole))
        if not take_old and not take_new:
            take_old = take_new = True
        rows.append(
            Row(
                "change",
                block.old_lines[0] + old_index + 1 if take_old else None,
                block.new_lines[0] + new_index + 1 if take_new else None,
                tuple(old_side[old_index]) if take_old else (),
                tuple(new_side[new_index]) if take_new else (),
                block=block.index,
            )
        )
        old_index += take_old
        new_index += take_new
    return rows


def _wholly_changed(fragments: Sequence[Fragment]) -> bool:
    """A line that is entirely deleted (or inserted) gets a row of its own, opposite an empty cell."""
    return bool(fragments) and all(f.kind != "equal" and f.text for f in fragments)


def _line_fragments(
    lines: Sequence[str],
    line_range: tuple[int, int],
    offset: int,
    spans: Sequence[tuple[int, int, Hunk]],
    kind: FragmentKind,
) -> list[list[Fragment]]:
    """Cut each line of the range at the hunks' spans on this side.

    A change with nothing on this side (an insertion seen from the old text) becomes an empty
    fragment at its position, so a viewer can mark the spot.
    """
    result: list[list[Fragment]] = []
    position = offset
    last_line = line_range[1] - 1
    first = 0
    for line_index in range(*line_range):
        line = lines[line_index]
        line_end = position + len(line)
        fragments: list[Fragment] = []
        cursor = position
        while first < len(spans) and (spans[first][1] < position or spans[first][0] < spans[first][1] == position):
            first += 1  # spans are sorted and disjoint: those wholly before this line are done
        for index in range(first, len(spans)):
            start, end, hunk = spans[index]
            if start > line_end or (start == line_end and (start < end or line_index != last_line)):
                break
            empty_here = start == end and cursor <= start and (start < line_end or line_index == last_line)
            if not empty_here and (end <= cursor or start >= line_end):
                continue
            if empty_here and start == line_end and line.endswith("\n"):
                start = end = line_end - 1  # mark the spot before the line break, not after it
            piece_start, piece_end = max(start, cursor), min(end, line_end)
            if piece_start > cursor:
                fragments.append(Fragment(line[cursor - position : piece_start - position], "equal"))
            fragments.append(
                Fragment(line[piece_start - position : piece_end - position], kind, hunk.id, hunk.move is not None)
            )
            cursor = piece_end
        if cursor < line_end:
            rest = line[cursor - position :].removesuffix("\n")
            if rest:
                fragments.append(Fragment(rest, "equal"))
        result.append(fragments)
        position = line_end
    return result

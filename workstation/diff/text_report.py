"""The terminal view of a diff: unified headers, inline ``[-deleted-]{+inserted+}`` markers, optional colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workstation.diff.engine import ChangeBlock, TextDiff
from workstation.diff.layout import shown_change
from workstation.diff.summary import move_note, summary_text
from workstation.diff.tokens import split_lines

__all__ = ["DELETE_MARKERS", "INSERT_MARKERS", "render_text"]

DELETE_MARKERS = ("[-", "-]")
INSERT_MARKERS = ("{+", "+}")

_RED, _GREEN, _CYAN, _DIM, _BOLD, _RESET = "\x1b[31m", "\x1b[32m", "\x1b[36m", "\x1b[2m", "\x1b[1m", "\x1b[0m"


@dataclass(frozen=True)
class _Style:
    color: bool

    def paint(self, text: str, code: str) -> str:
        return f"{code}{text}{_RESET}" if self.color and text else text


def render_text(
    diff: TextDiff,
    *,
    context: int = 3,
    color: bool = False,
    old_label: str = "old",
    new_label: str = "new",
) -> str:
    """Text for a terminal: ``---``/``+++`` headers, ``@@`` groups, changed lines with inline markers, a summary.

    The markers are always there, so the output reads without colour; ``color`` adds ANSI colours.
    Lines are prefixed ``~`` (changed), ``-`` (deleted), ``+`` (inserted) or two spaces (context).
    """
    style = _Style(color)
    out = [style.paint(f"--- {old_label}", _BOLD), style.paint(f"+++ {new_label}", _BOLD)]
    old_lines = split_lines(diff.old_text)
    for group in _groups(diff.blocks, context):
        first, last = group[0], group[-1]
        old_from = max(first.old_lines[0] - context, 0)
        old_to = min(last.old_lines[1] + context, len(old_lines))
        new_from = first.new_lines[0] - (first.old_lines[0] - old_from)
        new_to = last.new_lines[1] + (old_to - last.old_lines[1])
        out.append(
            style.paint(f"@@ -{_range(old_from, old_to)} +{_range(new_from, new_to)} @@", _CYAN)
        )
        position = old_from
        for block in group:
            out.extend(f"  {line.removesuffix(chr(10))}" for line in old_lines[position : block.old_lines[0]])
            out.extend(_block_lines(diff, block, style))
            position = block.old_lines[1]
        out.extend(f"  {line.removesuffix(chr(10))}" for line in old_lines[position:old_to])
    out.append(style.paint(str(summary_text(diff)), _BOLD))
    return "\n".join(out) + "\n"


def _range(start: int, end: int) -> str:
    """Unified-diff range: 1-based first line and count (``start,0`` for an empty range)."""
    count = end - start
    return f"{start + 1 if count else start},{count}"


def _groups(blocks: Sequence[ChangeBlock], context: int) -> list[list[ChangeBlock]]:
    """Blocks whose context lines would touch are shown under one ``@@`` header."""
    groups: list[list[ChangeBlock]] = []
    for block in blocks:
        if groups and block.old_lines[0] - groups[-1][-1].old_lines[1] <= 2 * context:
            groups[-1].append(block)
        else:
            groups.append([block])
    return groups


def _block_lines(diff: TextDiff, block: ChangeBlock, style: _Style) -> list[str]:
    hunks = [diff.hunk(hunk_id) for hunk_id in block.hunk_ids]
    pieces: list[tuple[str, str]] = []
    position = block.old_start
    for hunk in hunks:
        pieces.append(("equal", diff.old_text[position : hunk.old_start]))
        pieces.append(("delete", hunk.old_text))
        pieces.append(("insert", hunk.new_text))
        position = hunk.old_end
    pieces.append(("equal", diff.old_text[position : block.old_end]))

    if block.old_start == block.old_end:
        prefix = "+ "
    elif block.new_start == block.new_end:
        prefix = "- "
    else:
        prefix = "~ "
    lines: list[str] = []
    current: list[str] = []
    for kind, text in pieces:
        if not text:
            continue
        segments = text.split("\n")
        for index, segment in enumerate(segments):
            ends_line = index < len(segments) - 1
            if kind == "equal":
                current.append(segment)
            elif segment or ends_line:
                current.append(_marked(kind, segment if segment else "\n" if ends_line else "", style))
            if ends_line:
                lines.append(prefix + "".join(current))
                current = []
    if "".join(current):
        lines.append(prefix + "".join(current))
    for hunk in hunks:
        if hunk.move is not None:
            partner = diff.hunk(hunk.move.partner)
            note = move_note(hunk, partner)
            lines.append(style.paint(f"  ↳ {note}", _DIM))
    return lines


def _marked(kind: str, text: str, style: _Style) -> str:
    opening, closing = DELETE_MARKERS if kind == "delete" else INSERT_MARKERS
    code = _RED if kind == "delete" else _GREEN
    return style.paint(f"{opening}{shown_change(text)}{closing}", code)

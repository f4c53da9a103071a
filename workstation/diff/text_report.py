"""The terminal view of a diff: unified headers, inline ``[-deleted-]{+inserted+}`` markers, optional colour."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from workstation.diff.engine import ChangeBlock, Hunk, TextDiff
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
    """The block as combined lines; a moved passage is followed by a note saying where its other half is."""
    hunks = [diff.hunk(hunk_id) for hunk_id in block.hunk_ids]
    pieces: list[tuple[str, str, Hunk | None]] = []
    position = block.old_start
    for hunk in hunks:
        pieces.append(("equal", diff.old_text[position : hunk.old_start], None))
        pieces.append(("delete", hunk.old_text, hunk))
        pieces.append(("insert", hunk.new_text, hunk))
        position = hunk.old_end
    pieces.append(("equal", diff.old_text[position : block.old_end], None))

    lines: list[list[tuple[str, str]]] = []
    notes: dict[int, list[Hunk]] = {}
    current: list[tuple[str, str]] = []
    for kind, text, hunk in pieces:
        if not text:
            continue
        segments = text.split("\n")
        for index, segment in enumerate(segments):
            ends_line = index < len(segments) - 1
            if kind == "equal":
                if segment:
                    current.append((kind, segment))
            elif segment or ends_line:
                current.append((kind, _marked(kind, segment or "\n", style)))
            if ends_line:
                lines.append(current)
                current = []
        if hunk is not None and hunk.move is not None and (kind == "delete") == (hunk.move.role == "from"):
            notes.setdefault(len(lines) - (0 if current else 1), []).append(hunk)
    if current:
        lines.append(current)
    out = []
    for index, line in enumerate(lines):
        kinds = {kind for kind, _ in line}
        prefix = "- " if kinds == {"delete"} else "+ " if kinds == {"insert"} else "~ "
        out.append(prefix + "".join(text for _, text in line))
        for hunk in notes.get(index, ()):
            assert hunk.move is not None
            out.append(style.paint(f"  ↳ {move_note(hunk, diff.hunk(hunk.move.partner))}", _DIM))
    return out


def _marked(kind: str, text: str, style: _Style) -> str:
    opening, closing = DELETE_MARKERS if kind == "delete" else INSERT_MARKERS
    code = _RED if kind == "delete" else _GREEN
    return style.paint(f"{opening}{shown_change(text)}{closing}", code)

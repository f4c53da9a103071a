"""The JSON form of a diff: files and encodings, options, counts, line blocks and hunks with spans and text."""

from __future__ import annotations

import bisect
import dataclasses
from typing import Any

from workstation.diff.documents import DocumentSide, newline_label
from workstation.diff.engine import Hunk, TextDiff
from workstation.diff.tokens import split_lines

__all__ = ["JSON_FORMAT_VERSION", "diff_to_json"]

JSON_FORMAT_VERSION = 1


def diff_to_json(
    diff: TextDiff, *, old: DocumentSide | None = None, new: DocumentSide | None = None
) -> dict[str, Any]:
    """A JSON-ready dict. Offsets are code points in the texts with ``\\n`` line endings; lines are 1-based.

    Each hunk is one change to accept or reject: ``old``/``new`` give its span, text, first and
    last line and column; ``block`` indexes ``blocks`` (the changed line ranges, unified-diff style).
    """
    old_starts = _line_starts(diff.old_text)
    new_starts = _line_starts(diff.new_text)
    stats = diff.stats()
    return {
        "format": JSON_FORMAT_VERSION,
        "identical": diff.identical,
        "old": _side(old, diff.old_newline),
        "new": _side(new, diff.new_newline),
        "options": dataclasses.asdict(diff.options),
        "stats": dataclasses.asdict(stats),
        "elapsed_seconds": round(diff.elapsed, 4),
        "blocks": [
            {
                "index": block.index,
                "old_lines": {"start": block.old_lines[0] + 1, "count": block.old_lines[1] - block.old_lines[0]},
                "new_lines": {"start": block.new_lines[0] + 1, "count": block.new_lines[1] - block.new_lines[0]},
                "granularity": block.granularity,
                "hunks": list(block.hunk_ids),
            }
            for block in diff.blocks
        ],
        "hunks": [_hunk(hunk, old_starts, new_starts) for hunk in diff.hunks],
    }


def _side(side: DocumentSide | None, newline: str) -> dict[str, Any]:
    if side is None:
        return {"name": None, "path": None, "kind": "text", "encoding": None, "newline": newline_label(newline)}
    return {
        "name": side.label,
        "path": str(side.path) if side.path else None,
        "kind": side.kind,
        "encoding": side.encoding if side.kind == "txt" else None,
        "encoding_label": side.encoding_label,
        "bom": side.bom,
        "newline": side.newline_label,
    }


def _hunk(hunk: Hunk, old_starts: list[int], new_starts: list[int]) -> dict[str, Any]:
    return {
        "id": hunk.id,
        "index": hunk.index,
        "kind": hunk.kind,
        "block": hunk.block,
        "granularity": hunk.granularity,
        "old": _span(hunk.old_start, hunk.old_end, hunk.old_text, hunk.old_line, hunk.old_last_line, old_starts),
        "new": _span(hunk.new_start, hunk.new_end, hunk.new_text, hunk.new_line, hunk.new_last_line, new_starts),
        "move": dataclasses.asdict(hunk.move) if hunk.move else None,
    }


def _span(start: int, end: int, text: str, line: int, last_line: int, starts: list[int]) -> dict[str, Any]:
    return {
        "start": start,
        "end": end,
        "text": text,
        "line": line,
        "last_line": last_line,
        "column": start - starts[bisect.bisect_right(starts, start) - 1],
    }


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for line in split_lines(text):
        starts.append(starts[-1] + len(line))
    return starts

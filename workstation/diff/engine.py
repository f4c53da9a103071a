"""Diff two texts: lines first, then words/morphemes inside the changed lines; hunks with stable ids.

Newlines are normalised to ``\\n`` before diffing, so every offset refers to the normalised
text; :meth:`TextDiff.merge` restores the old text's line endings.
"""

from __future__ import annotations

import bisect
import hashlib
import time
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from workstation.core.words import WORD_LANGS
from workstation.diff.inline import InlineGranularity, inline_edits
from workstation.diff.moves import Move, find_moves
from workstation.diff.tokens import Edit, anchored_diff, split_lines, split_sentences, token_edits
from workstation.io.text import detect_newline, normalize_newlines

__all__ = [
    "DEFAULT_INLINE_BUDGET",
    "DEFAULT_LINE_TIMEOUT",
    "MAX_INLINE_CHARS",
    "MIN_MOVE_CHARS",
    "ChangeBlock",
    "DiffGranularity",
    "DiffOptions",
    "DiffStats",
    "Granularity",
    "Hunk",
    "HunkKind",
    "Move",
    "TextDiff",
    "diff_texts",
]

Granularity = Literal["word", "char", "sentence", "line"]
"""How finely a hunk was found; ``sentence`` and ``line`` mark coarse fallbacks for huge or late blocks."""
DiffGranularity = Literal["word", "char", "line"]
"""What :class:`DiffOptions` asks for: word/morpheme changes (default), single characters, or whole lines."""
HunkKind = Literal["replace", "delete", "insert"]

DEFAULT_LINE_TIMEOUT = 1.0
"""Seconds the line-level diff may search before settling for a correct but less minimal result."""
DEFAULT_INLINE_BUDGET = 1.0
"""Seconds, in total, spent refining changed lines into word changes; later blocks stay line-level."""
MAX_INLINE_CHARS = 20_000
"""Changed blocks longer than this (either side) are shown as whole lines rather than refined."""
MIN_MOVE_CHARS = 8
"""Shortest deleted/inserted text (ignoring surrounding whitespace) reported as moved."""
ID_CONTEXT_CHARS = 16
"""Characters of unchanged text on each side of a hunk that go into its id."""


@dataclass(frozen=True)
class DiffOptions:
    """How to diff. ``lang`` picks word boundaries (``"ja"``, ``"en"``, or ``None`` to detect per block)."""

    granularity: DiffGranularity = "word"
    lang: str | None = None
    line_timeout: float = DEFAULT_LINE_TIMEOUT
    inline_budget: float = DEFAULT_INLINE_BUDGET
    max_inline_chars: int = MAX_INLINE_CHARS
    detect_moves: bool = True
    min_move_chars: int = MIN_MOVE_CHARS

    def __post_init__(self) -> None:
        if self.granularity not in ("word", "char", "line"):
            raise ValueError(f"granularity must be word, char or line, not {self.granularity!r}")
        if self.lang is not None and self.lang not in WORD_LANGS:
            raise ValueError(f"lang must be one of {WORD_LANGS} or None, not {self.lang!r}")
        if self.line_timeout <= 0 or self.inline_budget < 0:
            raise ValueError("line_timeout must be positive and inline_budget not negative")
        if self.max_inline_chars < 0 or self.min_move_chars < 1:
            raise ValueError("max_inline_chars must be >= 0 and min_move_chars >= 1")


@dataclass(frozen=True)
class Hunk:
    """One change the reviewer accepts or rejects: ``old_text`` at ``[old_start, old_end)`` becomes ``new_text``.

    Lines are 1-based: ``old_line`` holds ``old_start``; ``old_last_line`` holds the last
    changed character (equal to ``old_line`` for an insertion). ``granularity`` is ``"sentence"``
    or ``"line"`` when the text was too large (or time ran out) to refine into word changes.
    """

    id: str
    index: int
    kind: HunkKind
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    old_text: str
    new_text: str
    old_line: int
    old_last_line: int
    new_line: int
    new_last_line: int
    block: int
    granularity: Granularity
    move: Move | None = None


@dataclass(frozen=True)
class ChangeBlock:
    """A run of changed lines: ``old_lines``/``new_lines`` are 0-based half-open line ranges."""

    index: int
    old_lines: tuple[int, int]
    new_lines: tuple[int, int]
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    hunk_ids: tuple[str, ...]
    granularity: Granularity


@dataclass(frozen=True)
class DiffStats:
    """Counts for summaries: hunks by kind, moved pairs, changed lines and characters."""

    hunks: int
    replaced: int
    inserted: int
    deleted: int
    moved: int
    old_lines_changed: int
    new_lines_changed: int
    chars_deleted: int
    chars_inserted: int
    coarse_blocks: int


@dataclass(frozen=True)
class TextDiff:
    """The result of :func:`diff_texts`, with the options that produced it."""

    old_text: str
    new_text: str
    hunks: tuple[Hunk, ...]
    blocks: tuple[ChangeBlock, ...]
    options: DiffOptions
    old_newline: str = "\n"
    new_newline: str = "\n"
    elapsed: float = field(default=0.0, compare=False)

    @property
    def identical(self) -> bool:
        return not self.hunks

    @cached_property
    def _by_id(self) -> dict[str, Hunk]:
        return {hunk.id: hunk for hunk in self.hunks}

    def hunk(self, hunk_id: str) -> Hunk:
        """The hunk with this id (``KeyError`` when there is none)."""
        return self._by_id[hunk_id]

    def stats(self) -> DiffStats:
        kinds = Counter(hunk.kind for hunk in self.hunks)
        return DiffStats(
            hunks=len(self.hunks),
            replaced=kinds["replace"],
            inserted=kinds["insert"],
            deleted=kinds["delete"],
            moved=sum(1 for hunk in self.hunks if hunk.move and hunk.move.role == "from"),
            old_lines_changed=sum(block.old_lines[1] - block.old_lines[0] for block in self.blocks),
            new_lines_changed=sum(block.new_lines[1] - block.new_lines[0] for block in self.blocks),
            chars_deleted=sum(len(hunk.old_text) for hunk in self.hunks),
            chars_inserted=sum(len(hunk.new_text) for hunk in self.hunks),
            coarse_blocks=sum(1 for block in self.blocks if _fell_back(block, self.options)),
        )

    def merge(self, accepted: Collection[str] | Mapping[str, bool], *, newline: str | None = None) -> str:
        """The old text with the accepted hunks applied (in any order of decision) and the rest left as they were.

        ``accepted`` is a set of hunk ids or a mapping id → accepted. Line endings are the old
        text's unless ``newline`` is given. Unknown ids raise ``ValueError``.
        """
        chosen = {key for key, value in accepted.items() if value} if isinstance(accepted, Mapping) else set(accepted)
        unknown = chosen - self._by_id.keys()
        if unknown:
            raise ValueError(f"unknown hunk ids: {sorted(unknown)}")
        pieces: list[str] = []
        position = 0
        for hunk in self.hunks:
            pieces.append(self.old_text[position : hunk.old_start])
            pieces.append(hunk.new_text if hunk.id in chosen else hunk.old_text)
            position = hunk.old_end
        pieces.append(self.old_text[position:])
        merged = "".join(pieces)
        ending = self.old_newline if newline is None else newline
        return merged.replace("\n", ending) if ending != "\n" else merged

    @cached_property
    def _old_starts(self) -> list[int]:
        return [hunk.old_start for hunk in self.hunks]

    @cached_property
    def _new_starts(self) -> list[int]:
        return [hunk.new_start for hunk in self.hunks]

    def hunk_at(self, offset: int, *, side: Literal["old", "new"] = "new") -> Hunk | None:
        """The hunk under the caret at ``offset`` in the old or new text (an insertion point counts), or ``None``."""
        starts = self._old_starts if side == "old" else self._new_starts
        index = bisect.bisect_right(starts, offset) - 1
        for candidate in (index, index - 1):
            if candidate < 0:
                continue
            hunk = self.hunks[candidate]
            start, end = (hunk.old_start, hunk.old_end) if side == "old" else (hunk.new_start, hunk.new_end)
            if start <= offset < end or offset == start == end or (offset == end > start):
                return hunk
        return None

    def old_to_new(self, offset: int) -> int:
        """The offset in the new text matching ``offset`` in the old text (inside a change: same distance, clamped)."""
        return _map_offset(self.hunks, self._old_starts, offset, forward=True)

    def new_to_old(self, offset: int) -> int:
        """The offset in the old text matching ``offset`` in the new text."""
        return _map_offset(self.hunks, self._new_starts, offset, forward=False)


def diff_texts(old: str, new: str, options: DiffOptions | None = None) -> TextDiff:
    """Diff ``old`` against ``new``: line diff, then word/morpheme changes inside changed lines.

    Never hangs: the line diff and the refinement are time-bounded, and blocks too large or
    too late to refine stay whole-line hunks (see :class:`DiffOptions`).
    """
    chosen = options or DiffOptions()
    started = time.perf_counter()
    old_newline, new_newline = detect_newline(old), detect_newline(new)
    old_text, new_text = normalize_newlines(old), normalize_newlines(new)
    old_lines, new_lines = split_lines(old_text), split_lines(new_text)
    old_line_starts, new_line_starts = _line_starts(old_lines), _line_starts(new_lines)
    line_edits = token_edits(anchored_diff(old_lines, new_lines, timeout=chosen.line_timeout))

    deadline = time.perf_counter() + chosen.inline_budget
    raw: list[_RawHunk] = []
    block_spans: list[tuple[Edit, Granularity, int, int]] = []
    for block_index, (a, b, c, d) in enumerate(line_edits):
        old_start, old_end = old_line_starts[a], old_line_starts[b]
        new_start, new_end = new_line_starts[c], new_line_starts[d]
        refined = _refine(old_text[old_start:old_end], new_text[new_start:new_end], chosen, deadline)
        first = len(raw)
        for (e_old_start, e_old_end, e_new_start, e_new_end), granularity in refined:
            raw.append(
                _RawHunk(
                    old_start + e_old_start,
                    old_start + e_old_end,
                    new_start + e_new_start,
                    new_start + e_new_end,
                    block_index,
                    granularity,
                )
            )
        block_granularity = _coarsest(granularity for _, granularity in refined)
        block_spans.append(((a, b, c, d), block_granularity, first, len(raw)))

    moves = (
        find_moves(
            [(h.old_start, h.old_end, h.new_start, h.new_end) for h in raw],
            old_text,
            new_text,
            min_chars=chosen.min_move_chars,
        )
        if chosen.detect_moves
        else {}
    )
    ids = _hunk_ids(raw, old_text, new_text)
    hunks = tuple(
        _build_hunk(index, ids, raw_hunk, old_text, new_text, old_line_starts, new_line_starts, moves)
        for index, raw_hunk in enumerate(raw)
    )
    blocks = tuple(
        ChangeBlock(
            index=index,
            old_lines=(a, b),
            new_lines=(c, d),
            old_start=old_line_starts[a],
            old_end=old_line_starts[b],
            new_start=new_line_starts[c],
            new_end=new_line_starts[d],
            hunk_ids=tuple(ids[first:last]),
            granularity=granularity,
        )
        for index, ((a, b, c, d), granularity, first, last) in enumerate(block_spans)
    )
    return TextDiff(
        old_text=old_text,
        new_text=new_text,
        hunks=hunks,
        blocks=blocks,
        options=chosen,
        old_newline=old_newline,
        new_newline=new_newline,
        elapsed=time.perf_counter() - started,
    )


def _fell_back(block: ChangeBlock, options: DiffOptions) -> bool:
    """The block changed lines on both sides but was kept (partly) whole: too large, or out of time."""
    both_sides = block.old_end > block.old_start and block.new_end > block.new_start
    return both_sides and block.granularity in ("line", "sentence") and options.granularity != "line"


_COARSENESS: tuple[Granularity, ...] = ("char", "word", "sentence", "line")


def _coarsest(granularities: Iterable[Granularity]) -> Granularity:
    return max(granularities, key=_COARSENESS.index, default="line")


@dataclass(frozen=True)
class _RawHunk:
    old_start: int
    old_end: int
    new_start: int
    new_end: int
    block: int
    granularity: Granularity


def _line_starts(lines: Sequence[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts


def _refine(old: str, new: str, options: DiffOptions, deadline: float) -> list[tuple[Edit, Granularity]]:
    """Word (or character) edits inside one changed block, or coarser pieces when that is not worth it.

    A block too long to diff word by word at once (a long paragraph, a document without line
    breaks) is compared sentence by sentence first, and only the changed sentences word by word.
    """
    whole: list[tuple[Edit, Granularity]] = [((0, len(old), 0, len(new)), "line")]
    if options.granularity == "line" or not old or not new:
        return whole
    remaining = deadline - time.perf_counter()
    if remaining <= 0:
        return whole
    if max(len(old), len(new)) <= options.max_inline_chars:
        return [(edit, options.granularity) for edit in _inline(old, new, options, remaining)]
    old_pieces, new_pieces = split_sentences(old), split_sentences(new)
    old_offsets, new_offsets = _line_starts(old_pieces), _line_starts(new_pieces)
    result: list[tuple[Edit, Granularity]] = []
    for a, b, c, d in token_edits(anchored_diff(old_pieces, new_pieces, timeout=min(remaining, 0.5))):
        old_start, old_end, new_start, new_end = old_offsets[a], old_offsets[b], new_offsets[c], new_offsets[d]
        remaining = deadline - time.perf_counter()
        part_old, part_new = old[old_start:old_end], new[new_start:new_end]
        if part_old and part_new and remaining > 0 and max(len(part_old), len(part_new)) <= options.max_inline_chars:
            result.extend(
                ((old_start + e[0], old_start + e[1], new_start + e[2], new_start + e[3]), options.granularity)
                for e in _inline(part_old, part_new, options, remaining)
            )
        else:
            result.append(((old_start, old_end, new_start, new_end), "sentence"))
    return result


def _inline(old: str, new: str, options: DiffOptions, remaining: float) -> list[Edit]:
    granularity: InlineGranularity = "char" if options.granularity == "char" else "word"
    return inline_edits(old, new, granularity=granularity, lang=options.lang, timeout=min(remaining, 0.5))


def _hunk_ids(raw: Sequence[_RawHunk], old_text: str, new_text: str) -> list[str]:
    """Ids from each hunk's content and surroundings, so a change keeps its id when other parts change.

    The key is the old and new text plus up to :data:`ID_CONTEXT_CHARS` unchanged characters on
    each side, within the same line and stopping at neighbouring hunks, so only changes close by
    on the same line affect an id; repeats of the same key are numbered in order.
    """
    seen: Counter[str] = Counter()
    ids = []
    for index, hunk in enumerate(raw):
        floor = max(raw[index - 1].old_end if index else 0, old_text.rfind("\n", 0, hunk.old_start) + 1)
        line_end = old_text.find("\n", hunk.old_end)
        ceiling = min(
            raw[index + 1].old_start if index + 1 < len(raw) else len(old_text),
            len(old_text) if line_end < 0 else line_end,
        )
        before = old_text[max(floor, hunk.old_start - ID_CONTEXT_CHARS) : hunk.old_start]
        after = old_text[hunk.old_end : min(ceiling, hunk.old_end + ID_CONTEXT_CHARS)]
        key = "\x1f".join(
            (before, old_text[hunk.old_start : hunk.old_end], new_text[hunk.new_start : hunk.new_end], after)
        )
        occurrence = seen[key]
        seen[key] += 1
        digest = hashlib.blake2b(f"{key}\x1e{occurrence}".encode(), digest_size=6).hexdigest()
        ids.append(f"h{digest}")
    return ids


def _line_of(line_starts: Sequence[int], offset: int) -> int:
    """1-based number of the line holding ``offset``."""
    return max(bisect.bisect_right(line_starts, offset) - 1, 0) + 1


def _build_hunk(
    index: int,
    ids: Sequence[str],
    raw: _RawHunk,
    old_text: str,
    new_text: str,
    old_line_starts: Sequence[int],
    new_line_starts: Sequence[int],
    moves: Mapping[int, tuple[int, Literal["from", "to"], bool]],
) -> Hunk:
    old_part = old_text[raw.old_start : raw.old_end]
    new_part = new_text[raw.new_start : raw.new_end]
    kind: HunkKind = "insert" if not old_part else "delete" if not new_part else "replace"
    move = None
    if index in moves:
        partner, role, exact = moves[index]
        move = Move(partner=ids[partner], role=role, exact=exact)
    return Hunk(
        id=ids[index],
        index=index,
        kind=kind,
        old_start=raw.old_start,
        old_end=raw.old_end,
        new_start=raw.new_start,
        new_end=raw.new_end,
        old_text=old_part,
        new_text=new_part,
        old_line=_line_of(old_line_starts, raw.old_start),
        old_last_line=_line_of(old_line_starts, max(raw.old_start, raw.old_end - 1)),
        new_line=_line_of(new_line_starts, raw.new_start),
        new_last_line=_line_of(new_line_starts, max(raw.new_start, raw.new_end - 1)),
        block=raw.block,
        granularity=raw.granularity,
        move=move,
    )


def _map_offset(hunks: Sequence[Hunk], starts: Sequence[int], offset: int, *, forward: bool) -> int:
    """Map through the last hunk starting at or before ``offset``; unchanged text shifts by its delta."""
    index = bisect.bisect_right(starts, offset) - 1
    if index < 0:
        return offset
    hunk = hunks[index]
    src_start, src_end, dst_start, dst_end = (
        (hunk.old_start, hunk.old_end, hunk.new_start, hunk.new_end)
        if forward
        else (hunk.new_start, hunk.new_end, hunk.old_start, hunk.old_end)
    )
    if offset < src_end:
        return min(dst_start + (offset - src_start), dst_end)
    return dst_end + (offset - src_end)

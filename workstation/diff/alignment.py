"""Source ⇄ target sentence alignment for the translate view: which pair is under the caret, in either pane."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

__all__ = ["AlignedPair", "SpanAlignment"]

Span = tuple[int, int]


@dataclass(frozen=True)
class AlignedPair:
    """Segment ``index``: ``source`` span in the source text pairs with ``target`` span in the target text."""

    index: int
    source: Span
    target: Span


class _SpanIndex:
    """Spans sorted by start for bisect look-ups; each remembers its pair index."""

    def __init__(self, spans: Sequence[Span]) -> None:
        order = sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1]))
        self.starts = [spans[i][0] for i in order]
        self.ends = [spans[i][1] for i in order]
        self.pair_of = order

    def find(self, offset: int, *, nearest: bool) -> int | None:
        """Pair index of the span holding ``offset`` (its end counts: the caret right after a sentence)."""
        if not self.starts:
            return None
        position = bisect.bisect_right(self.starts, offset) - 1
        if position >= 0 and self.starts[position] <= offset < self.ends[position]:
            return self.pair_of[position]
        if position >= 0 and offset == self.ends[position]:
            return self.pair_of[position]
        if position >= 0 and self.starts[position] == offset:
            return self.pair_of[position]
        if not nearest:
            return None
        before = position if position >= 0 else None
        after = position + 1 if position + 1 < len(self.starts) else None
        if before is None:
            return self.pair_of[after] if after is not None else None
        if after is None:
            return self.pair_of[before]
        return self.pair_of[before] if offset - self.ends[before] <= self.starts[after] - offset else self.pair_of[after]


class SpanAlignment:
    """Parallel lists of source and target spans (code-point ``(start, end)``), looked up by bisect.

    Built from the translation engine's segments: ``source_spans[i]`` pairs with
    ``target_spans[i]``. Look-ups are O(log n); offsets in the gaps between segments give
    ``None`` unless ``nearest=True``.
    """

    def __init__(self, source_spans: Sequence[Span], target_spans: Sequence[Span]) -> None:
        if len(source_spans) != len(target_spans):
            raise ValueError(
                f"source and target span lists differ in length ({len(source_spans)} != {len(target_spans)})"
            )
        for start, end in (*source_spans, *target_spans):
            if start < 0 or end < start:
                raise ValueError(f"invalid span ({start}, {end})")
        self.pairs: tuple[AlignedPair, ...] = tuple(
            AlignedPair(index, (int(s[0]), int(s[1])), (int(t[0]), int(t[1])))
            for index, (s, t) in enumerate(zip(source_spans, target_spans, strict=True))
        )
        self._source = _SpanIndex([pair.source for pair in self.pairs])
        self._target = _SpanIndex([pair.target for pair in self.pairs])

    @classmethod
    def from_pairs(cls, pairs: Iterable[tuple[Span, Span]]) -> SpanAlignment:
        listed = list(pairs)
        return cls([source for source, _ in listed], [target for _, target in listed])

    def __len__(self) -> int:
        return len(self.pairs)

    def pair_at_source(self, offset: int, *, nearest: bool = False) -> AlignedPair | None:
        """The pair whose source span holds the caret ``offset`` in the source text."""
        index = self._source.find(offset, nearest=nearest)
        return None if index is None else self.pairs[index]

    def pair_at_target(self, offset: int, *, nearest: bool = False) -> AlignedPair | None:
        """The pair whose target span holds the caret ``offset`` in the target text."""
        index = self._target.find(offset, nearest=nearest)
        return None if index is None else self.pairs[index]

    def target_for_source(self, offset: int, *, nearest: bool = False) -> Span | None:
        """The target span to highlight for the caret at source ``offset``."""
        pair = self.pair_at_source(offset, nearest=nearest)
        return None if pair is None else pair.target

    def source_for_target(self, offset: int, *, nearest: bool = False) -> Span | None:
        """The source span to highlight for the caret at target ``offset``."""
        pair = self.pair_at_target(offset, nearest=nearest)
        return None if pair is None else pair.source

"""Keep each translated segment's spans in step with the editors as the officer types.

The engine gives source and target spans when it translates; afterwards every edit in either pane moves the
spans after it, and an edit inside a target span marks that segment as the officer's own (``edited``), so a
later re-translation keeps it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from workstation.gui.editor import shift_span

MACHINE, EDITED, CONFIRMED = "machine", "edited", "confirmed"
KEPT_STATES = frozenset({EDITED, CONFIRMED})


@dataclass
class TrackedSegment:
    """One sentence pair on screen; ``origin`` tells where the target came from (model id, ``tm`` or ``human``)."""

    source_start: int
    source_end: int
    source_text: str
    target_start: int
    target_end: int
    state: str = MACHINE
    origin: str = ""
    score: float | None = None
    options: dict[str, Any] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    """Protected source text (numbers, dates, URLs, kept terms) that the machine translation left out."""
    back_score: float | None = None
    """How well the machine translation leads back to the source (see ``SentenceTranslation.back_score``)."""
    stale: bool = False
    """The source sentence changed after it was translated."""

    @property
    def source_span(self) -> tuple[int, int]:
        return self.source_start, self.source_end

    @property
    def target_span(self) -> tuple[int, int]:
        return self.target_start, self.target_end


class SegmentTracker:
    """The segments of one translation, updated through edits of the source and target texts."""

    def __init__(self, segments: list[TrackedSegment] | None = None) -> None:
        self.segments: list[TrackedSegment] = list(segments or [])
        self._alignment: Any = None

    def __len__(self) -> int:
        return len(self.segments)

    def target_edited(self, position: int, removed: int, added: int) -> list[int]:
        """Apply an edit of the target text; return the indices of segments the officer changed."""
        touched = []
        self._alignment = None
        for index, segment in enumerate(self.segments):
            start, end, hit = shift_span(segment.target_start, segment.target_end, position, removed, added)
            segment.target_start, segment.target_end = start, end
            if hit:
                touched.append(index)
                segment.state = EDITED
                segment.origin = "human"
        return touched

    def source_edited(self, position: int, removed: int, added: int, source_text: str) -> None:
        """Apply an edit of the source text (spans move; a changed sentence will be translated again)."""
        self._alignment = None
        for segment in self.segments:
            start, end, hit = shift_span(segment.source_start, segment.source_end, position, removed, added)
            segment.source_start, segment.source_end = start, end
            if hit:
                segment.source_text = source_text[start:end]
                segment.stale = True

    def kept_targets(self, target_text: str) -> dict[str, str]:
        """Officer-edited or confirmed targets, by source sentence, to keep through a re-translation."""
        kept: dict[str, str] = {}
        for segment in self.segments:
            if segment.state in KEPT_STATES:
                kept[segment.source_text.strip()] = target_text[segment.target_start : segment.target_end]
        return kept

    def alignment(self) -> Any:
        """The diff engine's source ⇄ target alignment map of the current spans (for caret look-ups)."""
        if self._alignment is None:
            from workstation.diff.alignment import SpanAlignment

            self._alignment = SpanAlignment(
                [segment.source_span for segment in self.segments], [segment.target_span for segment in self.segments]
            )
        return self._alignment

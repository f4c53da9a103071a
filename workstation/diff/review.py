"""Reviewing a diff: accept or reject each hunk in any order, then produce the merged text."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Literal

from workstation.diff.engine import Hunk, TextDiff

__all__ = ["Decision", "Review"]

Decision = Literal["pending", "accepted", "rejected"]
_DECISIONS: tuple[Decision, ...] = ("pending", "accepted", "rejected")


class Review:
    """The reviewer's decisions on one :class:`TextDiff`, keyed by hunk id.

    Both halves of a move are decided together unless ``with_move_partner=False``, so
    accepting a moved paragraph neither duplicates nor loses it.
    """

    def __init__(self, diff: TextDiff, decisions: Mapping[str, Decision] | None = None) -> None:
        self.diff = diff
        self._decisions: dict[str, Decision] = {hunk.id: "pending" for hunk in diff.hunks}
        for hunk_id, decision in (decisions or {}).items():
            if hunk_id in self._decisions and decision in _DECISIONS:
                self._decisions[hunk_id] = decision

    def decision(self, hunk_id: str) -> Decision:
        return self._decisions[self.diff.hunk(hunk_id).id]

    @property
    def decisions(self) -> dict[str, Decision]:
        return dict(self._decisions)

    def accept(self, hunk_id: str, *, with_move_partner: bool = True) -> None:
        self._set(hunk_id, "accepted", with_move_partner)

    def reject(self, hunk_id: str, *, with_move_partner: bool = True) -> None:
        self._set(hunk_id, "rejected", with_move_partner)

    def reset(self, hunk_id: str, *, with_move_partner: bool = True) -> None:
        self._set(hunk_id, "pending", with_move_partner)

    def accept_all(self) -> None:
        self._decisions = dict.fromkeys(self._decisions, "accepted")

    def reject_all(self) -> None:
        self._decisions = dict.fromkeys(self._decisions, "rejected")

    def pending(self) -> list[Hunk]:
        return [hunk for hunk in self.diff.hunks if self._decisions[hunk.id] == "pending"]

    def next_pending(self, after: str | None = None) -> Hunk | None:
        """The first undecided hunk after the hunk ``after`` (wrapping around), or ``None`` when all are decided."""
        hunks = self.diff.hunks
        start = self.diff.hunk(after).index + 1 if after is not None else 0
        for offset in range(len(hunks)):
            hunk = hunks[(start + offset) % len(hunks)]
            if self._decisions[hunk.id] == "pending":
                return hunk
        return None

    def counts(self) -> dict[Decision, int]:
        tally = Counter(self._decisions.values())
        return {decision: tally[decision] for decision in _DECISIONS}

    def merged_text(self, *, pending_as: Literal["accepted", "rejected"] = "rejected", newline: str | None = None) -> str:
        """The old text with accepted hunks applied; undecided hunks count as ``pending_as``."""
        accept_pending = pending_as == "accepted"
        accepted = {
            hunk_id
            for hunk_id, decision in self._decisions.items()
            if decision == "accepted" or (accept_pending and decision == "pending")
        }
        return self.diff.merge(accepted, newline=newline)

    def carry_over(self, diff: TextDiff) -> Review:
        """A review of ``diff`` (e.g. after re-diffing) keeping the decisions of hunks whose ids survive."""
        return Review(diff, self._decisions)

    def _set(self, hunk_id: str, decision: Decision, with_move_partner: bool) -> None:
        hunk = self.diff.hunk(hunk_id)
        self._decisions[hunk.id] = decision
        if with_move_partner and hunk.move is not None:
            self._decisions[hunk.move.partner] = decision

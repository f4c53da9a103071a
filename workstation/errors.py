"""User-facing errors, kept apart from bugs: they carry a bilingual message and never a traceback."""

from __future__ import annotations

from workstation.i18n import Text


class WorkstationError(Exception):
    """An expected failure the user can act on (bad input, missing model, ...)."""

    def __init__(self, message: Text, *, detail: str = "") -> None:
        super().__init__(str(message))
        self.message = message
        self.detail = detail

    def __str__(self) -> str:
        return str(self.message)

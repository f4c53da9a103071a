"""Results of a check: issues with exact spans, severities and suggestions."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workstation.i18n import Text


class Severity(StrEnum):
    """How serious an issue is; ``error`` makes ``workstation check`` exit with 1."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


@dataclass(frozen=True, slots=True)
class Finding:
    """What a rule reports: a span (paragraph-relative, or absolute for document rules) and suggestions."""

    start: int
    end: int
    message: Text
    suggestions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in a document; ``start``/``end`` are code-point offsets, ``line``/``column`` 1-based."""

    rule_id: str
    severity: Severity
    message: Text
    start: int
    end: int
    suggestions: tuple[str, ...]
    line: int
    column: int

    def to_json(self, language: str = "ja") -> dict[str, object]:
        """The JSON contract of ``workstation check --format json``."""
        return {
            "rule": self.rule_id,
            "severity": self.severity.value,
            "message": self.message.get("en" if language == "en" else "ja"),
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "suggestions": list(self.suggestions),
        }

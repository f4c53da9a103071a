"""Bilingual user-facing text: Japanese first, English available (no Qt)."""

from __future__ import annotations

import os
from typing import Literal, NamedTuple

Language = Literal["ja", "en"]
LANGUAGES: tuple[Language, ...] = ("ja", "en")
LANG_ENV = "WORKSTATION_LANG"

_current: Language = "en" if os.environ.get(LANG_ENV, "").lower().startswith("en") else "ja"


class Text(NamedTuple):
    """A message in both languages; ``str()`` gives the current language."""

    ja: str
    en: str

    def __str__(self) -> str:
        return self.en if _current == "en" else self.ja

    def format(self, **values: object) -> Text:
        return Text(self.ja.format(**values), self.en.format(**values))

    def get(self, language: Language) -> str:
        return self.en if language == "en" else self.ja


def set_language(language: str) -> Language:
    """Select the language for ``str(Text)``; unknown values fall back to Japanese."""
    global _current
    _current = "en" if language.lower().startswith("en") else "ja"
    return _current


def current_language() -> Language:
    return _current

"""Spans of text given as code-point offsets (Python string indices), shared by every area."""

from __future__ import annotations

from typing import NamedTuple

__all__ = ["Span", "guess_language", "is_cjk", "is_translatable"]


class Span(NamedTuple):
    """A half-open range ``[start, end)`` of code points in a text."""

    start: int
    end: int

    def of(self, text: str) -> str:
        """The part of ``text`` this span covers."""
        return text[self.start : self.end]

    def shifted(self, offset: int) -> Span:
        return Span(self.start + offset, self.end + offset)

    @property
    def length(self) -> int:
        return self.end - self.start


def is_cjk(char: str) -> bool:
    """Kana, kanji, CJK punctuation and full-width forms: characters written without spaces between words."""
    code = ord(char)
    return (
        0x3000 <= code <= 0x30FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
        or 0x31F0 <= code <= 0x31FF
        or 0x20000 <= code <= 0x2FA1F
    )


def is_translatable(text: str) -> bool:
    """Whether ``text`` holds at least one letter (kana, kanji, Latin, ...); numbers and symbols alone are not."""
    return any(char.isalpha() for char in text)


def guess_language(text: str) -> str:
    """``"ja"`` when a noticeable share of the letters are kana or kanji, else ``"en"``."""
    letters = 0
    japanese = 0
    for char in text[:20000]:
        if char.isalpha():
            letters += 1
            if is_cjk(char):
                japanese += 1
    if letters == 0:
        return "en"
    return "ja" if japanese / letters >= 0.15 else "en"

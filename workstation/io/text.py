"""Plain-text documents: encoding and line-ending detection on read, faithful round trip on write."""

from __future__ import annotations

import codecs
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from workstation.i18n import Text
from workstation.io.atomic import atomic_write_bytes
from workstation.io.errors import DocumentError, write_error

MAX_TEXT_BYTES = 20 * 1024 * 1024
"""Largest text file the workstation opens (20 MiB, about ten million Japanese characters)."""

SUPPORTED_ENCODINGS = ("utf-8", "utf-16-le", "utf-16-be", "cp932", "euc_jp", "iso2022_jp")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_BOM_BY_ENCODING = {name: bom for bom, name in _BOMS}
_SURROGATE = re.compile("[\ud800-\udfff]")


class TextReadError(DocumentError):
    """The file cannot be opened as text: binary, undecodable, too large or unreadable."""


@dataclass(frozen=True)
class TextFile:
    """Decoded text (newlines normalised to ``\\n``) and what is needed to write it back the same way."""

    text: str
    encoding: str
    bom: bool = False
    newline: str = "\n"

    def encode(self, text: str | None = None) -> bytes:
        """Encode ``text`` (default: this file's text) with this file's encoding, BOM and line endings."""
        body = self.text if text is None else text
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        data = body.encode(self.encoding)
        if self.bom:
            data = _BOM_BY_ENCODING[self.encoding] + data
        return data


def well_formed(text: str) -> str:
    """``text`` with surrogate pairs joined and lone surrogates (broken UTF-16 from a paste) as U+FFFD."""
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def detect_newline(text: str) -> str:
    """The dominant line ending of ``text`` (``\\n`` when there is none)."""
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    best = max((crlf, "\r\n"), (lf, "\n"), (cr, "\r"), key=lambda pair: pair[0])
    return best[1] if best[0] else "\n"


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_bytes(data: bytes, *, keep_newlines: bool = False) -> TextFile:
    """Detect the encoding of ``data`` and decode it; raise :class:`TextReadError` for binary data."""
    encoding, bom = detect_encoding(data)
    body = data[len(_BOM_BY_ENCODING[encoding]) :] if bom else data
    try:
        text = body.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        raise TextReadError(
            Text(
                f"文字コード {encoding} として読み込めません。ファイルが壊れている可能性があります。",
                f"The file cannot be decoded as {encoding}; it may be damaged.",
            ),
            detail=str(exc),
        ) from exc
    if _looks_binary(text):
        # Control characters after a guessed legacy encoding mean the guess failed, not that the file is binary.
        raise _binary_error() if encoding.startswith("utf-") or _has_control_bytes(body) else _undetectable_error()
    newline = detect_newline(text)
    return TextFile(text if keep_newlines else normalize_newlines(text), encoding, bom, newline)


def detect_encoding(data: bytes) -> tuple[str, bool]:
    """Return ``(encoding, has_bom)`` for ``data``, preferring the Japanese encodings we support."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, True
    if not data:
        return "utf-8", False
    utf16 = _guess_bomless_utf16(data)
    if utf16:
        return utf16, False
    if b"\x00" in data:
        raise _binary_error()
    if b"\x1b$" in data and _decodes(data, "iso2022_jp"):
        return "iso2022_jp", False
    if _decodes(data, "utf-8"):
        return "utf-8", False
    candidates = [name for name in ("cp932", "euc_jp") if _decodes(data, name)]
    if len(candidates) == 1:
        return candidates[0], False
    if len(candidates) == 2:
        return max(candidates, key=lambda name: _japanese_score(data.decode(name))), False
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise _undetectable_error()
    return codecs.lookup(best.encoding).name, False


def read_text(path: str | os.PathLike[str], *, keep_newlines: bool = False) -> TextFile:
    """Read a text file with encoding detection; refuse files over :data:`MAX_TEXT_BYTES`."""
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise TextReadError(
                Text(
                    f"ファイルが大きすぎます（{size / 1048576:.1f} MB）。{MAX_TEXT_BYTES // 1048576} MB までのファイルを開けます。分割してください。",
                    f"The file is too large ({size / 1048576:.1f} MB). Files up to {MAX_TEXT_BYTES // 1048576} MB can be opened; please split it.",
                )
            )
        data = source.read_bytes()
    except OSError as exc:
        raise TextReadError(
            Text(f"ファイルを読み込めません: {source}", f"Cannot read the file: {source}"), detail=str(exc)
        ) from exc
    return decode_bytes(data, keep_newlines=keep_newlines)


def write_text(path: str | os.PathLike[str], text: str, like: TextFile | None = None) -> None:
    """Atomically write ``text`` (``\\n`` newlines) with the encoding and line endings of ``like``."""
    template = like or TextFile("", "utf-8")
    try:
        data = template.encode(text)
    except UnicodeEncodeError as exc:
        raise DocumentError(
            Text(
                f"この文字は {template.encoding} で保存できません: {text[exc.start:exc.end]!r}。UTF-8 で保存してください。",
                f"This character cannot be saved as {template.encoding}: {text[exc.start:exc.end]!r}. Save as UTF-8 instead.",
            )
        ) from exc
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise write_error(path, exc) from exc


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _guess_bomless_utf16(data: bytes) -> str | None:
    """Spot BOM-less UTF-16 by the pattern of zero bytes (ASCII-heavy text) or by clean decoding of kana text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_zeros = data[0::2].count(0)
    odd_zeros = data[1::2].count(0)
    half = len(data) // 2
    if odd_zeros > half * 0.3 and even_zeros == 0:
        return "utf-16-le"
    if even_zeros > half * 0.3 and odd_zeros == 0:
        return "utf-16-be"
    return None


def _japanese_score(text: str) -> float:
    """Share of characters that are kana, common kanji, ASCII or Japanese punctuation."""
    if not text:
        return 0.0
    good = 0
    for char in text:
        code = ord(char)
        if char.isascii() or 0x3000 <= code <= 0x30FF or 0x4E00 <= code <= 0x9FFF or 0xFF01 <= code <= 0xFF9F:
            good += 1
    return good / len(text)


def _looks_binary(text: str) -> bool:
    sample = text[:65536]
    if not sample:
        return False
    controls = sum(
        1 for char in sample if unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v\x1b"
    )
    return controls / len(sample) > 0.01


def _has_control_bytes(data: bytes) -> bool:
    """Whether raw 8-bit data holds C0 control bytes (other than whitespace and ESC), as binary files do."""
    sample = data[:65536]
    controls = sum(sample.count(code) for code in (*range(0, 9), *range(14, 27), *range(28, 32)))
    return controls > len(sample) * 0.01


def _undetectable_error() -> TextReadError:
    return TextReadError(
        Text(
            "文字コードを判定できません。UTF-8、UTF-16、Shift_JIS(CP932)、EUC-JP のいずれかで保存してください。",
            "The text encoding could not be detected. Save the file as UTF-8, UTF-16, Shift_JIS (CP932) or EUC-JP.",
        )
    )


def _binary_error() -> TextReadError:
    return TextReadError(
        Text(
            "テキストファイルではないようです（バイナリデータを含みます）。.txt または .docx を開いてください。",
            "This does not look like a text file (it contains binary data). Open a .txt or .docx file.",
        )
    )

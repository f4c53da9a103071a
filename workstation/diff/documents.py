"""Comparing two document files: read each in its own encoding, diff, and save a merge the way the original was."""

from __future__ import annotations

import dataclasses
import os
import sys
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from workstation.diff.engine import DiffOptions, TextDiff, diff_texts
from workstation.i18n import Text
from workstation.io.documents import Document, open_document, save_document
from workstation.io.errors import DocumentError
from workstation.io.text import MAX_TEXT_BYTES, decode_bytes

__all__ = [
    "STDIN",
    "DocumentComparison",
    "DocumentSide",
    "compare_documents",
    "compare_files",
    "encoding_label",
    "newline_label",
]

STDIN = "-"
"""The file name that stands for standard input."""

_ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-16-le": "UTF-16LE",
    "utf-16-be": "UTF-16BE",
    "utf-32-le": "UTF-32LE",
    "utf-32-be": "UTF-32BE",
    "cp932": "Shift_JIS (CP932)",
    "shift_jis": "Shift_JIS",
    "euc_jp": "EUC-JP",
    "iso2022_jp": "ISO-2022-JP (JIS)",
}
_NEWLINE_NAMES = {"\n": "LF", "\r\n": "CRLF", "\r": "CR"}


def encoding_label(encoding: str, bom: bool = False) -> str:
    """A reader-friendly encoding name, e.g. ``Shift_JIS (CP932)`` or ``UTF-8 (BOM)``."""
    name = _ENCODING_NAMES.get(encoding.lower(), encoding.upper())
    return f"{name} (BOM)" if bom else name


def newline_label(newline: str) -> str:
    return _NEWLINE_NAMES.get(newline, repr(newline))


@dataclass(frozen=True)
class DocumentSide:
    """One compared file and how it was read."""

    label: str
    document: Document

    @property
    def path(self) -> Path | None:
        return self.document.path

    @property
    def kind(self) -> str:
        return self.document.kind

    @property
    def encoding(self) -> str:
        return self.document.encoding

    @property
    def bom(self) -> bool:
        return self.document.bom

    @property
    def newline(self) -> str:
        return self.document.newline

    @property
    def encoding_label(self) -> str:
        return "Word (.docx)" if self.kind == "docx" else encoding_label(self.encoding, self.bom)

    @property
    def newline_label(self) -> str:
        return newline_label(self.newline)

    def describe(self) -> Text:
        """``name (encoding, line endings)`` for headers and reports."""
        if self.kind == "docx":
            return Text(f"{self.label}（Word 文書）", f"{self.label} (Word document)")
        return Text(
            f"{self.label}（{self.encoding_label}、改行 {self.newline_label}）",
            f"{self.label} ({self.encoding_label}, {self.newline_label} line endings)",
        )


@dataclass(frozen=True)
class DocumentComparison:
    """Two documents and their diff; the diff's ``merge`` uses the old document's line endings."""

    old: DocumentSide
    new: DocumentSide
    diff: TextDiff

    @property
    def same_text_different_form(self) -> bool:
        """The texts are identical but the files differ in encoding, BOM or line endings."""
        return self.diff.identical and (
            (self.old.encoding, self.old.bom, self.old.newline) != (self.new.encoding, self.new.bom, self.new.newline)
        )

    def save_merged(
        self, accepted: Collection[str] | Mapping[str, bool], path: str | os.PathLike[str] | None = None
    ) -> Document:
        """Write the old document with the accepted hunks applied, in its own encoding, BOM and line endings."""
        merged = self.diff.merge(accepted, newline="\n")
        return save_document(self.old.document, merged, path)


def compare_files(
    old_path: str | os.PathLike[str], new_path: str | os.PathLike[str], options: DiffOptions | None = None
) -> DocumentComparison:
    """Open both files (any supported encoding, or .docx; ``-`` reads standard input) and diff their texts."""
    if str(old_path) == str(new_path) == STDIN:
        raise DocumentError(Text("標準入力（-）は片方にだけ指定できます。", "Standard input (-) can be only one of the two documents."))
    old_side = _open_side(old_path)
    new_side = _open_side(new_path)
    return compare_documents(old_side, new_side, options)


def compare_documents(old: DocumentSide, new: DocumentSide, options: DiffOptions | None = None) -> DocumentComparison:
    """Diff two opened documents (e.g. the GUI's editors); merges keep the old document's line endings."""
    diff = dataclasses.replace(
        diff_texts(old.document.text, new.document.text, options),
        old_newline=old.document.newline,
        new_newline=new.document.newline,
    )
    return DocumentComparison(old, new, diff)


def _open_side(path: str | os.PathLike[str]) -> DocumentSide:
    if str(path) == STDIN:
        data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
        if len(data) > MAX_TEXT_BYTES:
            raise DocumentError(
                Text(
                    f"標準入力が大きすぎます。{MAX_TEXT_BYTES // 1048576} MB までです。",
                    f"Standard input is too large; the limit is {MAX_TEXT_BYTES // 1048576} MB.",
                )
            )
        text_file = decode_bytes(data)
        return DocumentSide(str(Text("（標準入力）", "(standard input)")), Document(None, "txt", text_file.text, text_file))
    return DocumentSide(Path(path).name, open_document(path))

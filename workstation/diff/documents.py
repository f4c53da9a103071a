"""Comparing two document files: read each in its own encoding, diff, and save a merge the way the original was."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from workstation.diff.engine import DiffOptions, TextDiff, diff_texts
from workstation.i18n import Text
from workstation.io.documents import Document, open_document, save_document

__all__ = ["DocumentComparison", "DocumentSide", "compare_files", "encoding_label", "newline_label"]

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
    """Open both files (any supported encoding, or .docx) and diff their texts."""
    old_doc = open_document(old_path)
    new_doc = open_document(new_path)
    diff = dataclasses.replace(
        diff_texts(old_doc.text, new_doc.text, options), old_newline=old_doc.newline, new_newline=new_doc.newline
    )
    return DocumentComparison(
        DocumentSide(Path(old_path).name, old_doc),
        DocumentSide(Path(new_path).name, new_doc),
        diff,
    )

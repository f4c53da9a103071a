"""One entry point for the documents the workstation opens and saves: plain text and Word (.docx)."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from workstation.i18n import Text
from workstation.io.docx import DocxContent, read_docx, write_docx
from workstation.io.errors import DocumentError
from workstation.io.text import TextFile, read_text, write_text

__all__ = ["DOCX_SUFFIXES", "UNSUPPORTED_SUFFIXES", "Document", "DocumentKind", "open_document", "save_document"]

DocumentKind = Literal["txt", "docx"]
DOCX_SUFFIXES = (".docx",)
UNSUPPORTED_SUFFIXES = (".doc", ".docm", ".dotx", ".rtf", ".odt", ".pdf", ".xls", ".xlsx", ".ppt", ".pptx", ".zip")
"""Formats refused with a hint instead of being read as text."""


@dataclass(frozen=True)
class Document:
    """An opened document: its text (``\\n`` between lines or paragraphs) and what is needed to save it back."""

    path: Path | None
    kind: DocumentKind
    text: str
    text_file: TextFile | None = None
    """For ``txt``: the encoding, BOM and line endings to write back."""
    docx: DocxContent | None = None
    """For ``docx``: the original package, rewritten paragraph by paragraph on save."""

    @property
    def encoding(self) -> str:
        return self.text_file.encoding if self.text_file else "utf-8"

    @property
    def newline(self) -> str:
        return self.text_file.newline if self.text_file else "\n"

    @property
    def bom(self) -> bool:
        return self.text_file.bom if self.text_file else False

    def notice(self) -> Text | None:
        """What the user should know about how the document was read (text outside a .docx body), or None."""
        return self.docx.outside_body.notice() if self.docx is not None else None

    def line_places(self, text: str) -> tuple[str, ...] | None:
        """Where each line of ``text`` (this document, edited) sits in the .docx — ``body``, ``header``,
        ``footer``, ``footnote`` or ``endnote`` — or None for a text file or once lines were added or removed
        (then nobody can tell)."""
        if self.docx is None or self.docx.outside_body.total == self.docx.outside_body.comments:
            return None
        places = tuple(paragraph.part for paragraph in self.docx.paragraphs)
        return places if text.count("\n") + 1 == len(places) else None

    @classmethod
    def untitled(cls, text: str = "") -> Document:
        """A new plain-text document not yet saved anywhere (UTF-8, ``\\n``)."""
        return cls(None, "txt", text, TextFile(text, "utf-8"))


def open_document(path: str | os.PathLike[str]) -> Document:
    """Open a .txt (any supported encoding) or .docx file; raise :class:`DocumentError` with a clear message."""
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix in UNSUPPORTED_SUFFIXES:
        raise _unsupported(suffix)
    if source.is_dir():
        raise DocumentError(Text(f"フォルダーは開けません: {source}", f"This is a folder, not a file: {source}"))
    if suffix in DOCX_SUFFIXES:
        content = read_docx(source)
        return Document(source, "docx", content.text, docx=content)
    text_file = read_text(source)
    return Document(source, "txt", text_file.text, text_file=text_file)


def save_document(
    document: Document,
    text: str,
    path: str | os.PathLike[str] | None = None,
    *,
    encoding: str | None = None,
    newline: str | None = None,
    bom: bool | None = None,
) -> Document:
    """Atomically save ``text`` as ``document`` (or to ``path``); keep encoding and line endings unless told.

    Saving a .docx document to a ``.txt`` path writes its text; a text document saved to ``.docx`` becomes a
    new Word document with one paragraph per line. Returns the document as saved.
    """
    target = Path(path) if path is not None else document.path
    if target is None:
        raise DocumentError(Text("保存先が指定されていません。", "No file name was given to save to."))
    if target.suffix.lower() in DOCX_SUFFIXES:
        content = document.docx if document.docx is not None else _blank_docx()
        written = write_docx(target, content, text)
        return Document(target, "docx", written.text, docx=written)
    template = document.text_file or TextFile("", "utf-8")
    chosen = replace(
        template,
        text=text,
        encoding=encoding or template.encoding,
        newline=newline or template.newline,
        bom=template.bom if bom is None else bom,
    )
    if chosen.bom and chosen.encoding not in ("utf-8", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"):
        chosen = replace(chosen, bom=False)
    write_text(target, text, like=chosen)
    return Document(target, "txt", text, text_file=chosen)


def _blank_docx() -> DocxContent:
    import io

    from workstation.io.docx import docx_from_bytes, new_docx

    buffer = io.BytesIO()
    new_docx().save(buffer)
    return docx_from_bytes(buffer.getvalue())


def _unsupported(suffix: str) -> DocumentError:
    hint = {
        ".doc": Text("Word で .docx 形式で保存し直してください。", "Save it from Word as .docx."),
        ".rtf": Text("Word で .docx 形式で保存し直してください。", "Save it from Word as .docx."),
        ".odt": Text(".docx 形式で保存し直してください。", "Save it as .docx."),
    }.get(suffix, Text("テキスト（.txt）か Word（.docx）で保存してください。", "Save it as text (.txt) or Word (.docx)."))
    return DocumentError(
        Text(
            f"{suffix} 形式の文書は開けません。開けるのは .txt と .docx です。{hint.ja}",
            f"{suffix} files cannot be opened; the workstation opens .txt and .docx. {hint.en}",
        )
    )

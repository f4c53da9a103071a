"""Export a translation: the target text alone, or source and target side by side."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

from workstation.i18n import Text
from workstation.io.atomic import atomic_write_bytes
from workstation.io.documents import Document, save_document
from workstation.io.errors import DocumentError, write_error
from workstation.io.text import TextFile, well_formed

__all__ = ["BILINGUAL_LAYOUTS", "BilingualLayout", "export_bilingual", "export_target"]

BilingualLayout = Literal["table", "alternating", "tsv", "csv"]
BILINGUAL_LAYOUTS: dict[str, BilingualLayout] = {
    ".docx": "table",
    ".txt": "alternating",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".csv": "csv",
}
_LANGUAGE_NAMES = {"ja": Text("日本語", "Japanese"), "en": Text("英語", "English")}


def export_target(document: Document, target_text: str, path: str | os.PathLike[str]) -> Document:
    """Write the translation of ``document`` to ``path`` (.docx keeps the source's layout and formatting).

    A text target keeps the source's encoding and line endings when the translation fits that encoding,
    and is written as UTF-8 otherwise.
    """
    target = Path(path)
    if target.suffix.lower() == ".docx":
        return save_document(document, target_text, target)
    template = document.text_file or TextFile("", "utf-8")
    encoding = template.encoding
    try:
        target_text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        encoding = "utf-8"
    source = Document(document.path, "txt", document.text, TextFile(document.text, encoding, template.bom, template.newline))
    return save_document(source, target_text, target, bom=template.bom and encoding == template.encoding)


def export_bilingual(
    pairs: Sequence[tuple[str, str]],
    path: str | os.PathLike[str],
    *,
    source_lang: str = "ja",
    target_lang: str = "en",
    layout: BilingualLayout | None = None,
) -> None:
    """Write ``(source, target)`` pairs: a two-column .docx table, alternating .txt lines, or TSV/CSV.

    The layout follows the file suffix unless given.
    """
    target = Path(path)
    chosen = layout or BILINGUAL_LAYOUTS.get(target.suffix.lower())
    if chosen is None:
        raise DocumentError(
            Text(
                f"{target.suffix or '拡張子なし'} には対訳を書き出せません。.docx、.txt、.tsv、.csv を選んでください。",
                f"Cannot export a bilingual file as {target.suffix or 'no suffix'}; choose .docx, .txt, .tsv or .csv.",
            )
        )
    pairs = [(well_formed(source), well_formed(target_text)) for source, target_text in pairs]
    headers = (_language_name(source_lang), _language_name(target_lang))
    if chosen == "table":
        data = _bilingual_docx(pairs, headers)
    elif chosen == "alternating":
        blocks = [f"{source}\n{target_text}\n" for source, target_text in pairs]
        data = "\n".join(blocks).encode("utf-8")
    else:
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="\t" if chosen == "tsv" else ",", lineterminator="\r\n")
        writer.writerow(headers)
        writer.writerows(pairs)
        # CSV gets a BOM so that Excel reads it as UTF-8.
        data = buffer.getvalue().encode("utf-8-sig" if chosen == "csv" else "utf-8")
    try:
        atomic_write_bytes(target, data)
    except OSError as exc:
        raise write_error(target, exc) from exc


def _language_name(code: str) -> str:
    name = _LANGUAGE_NAMES.get(code.split("-")[0].lower())
    return f"{name} ({code})" if name else code


def _bilingual_docx(pairs: Sequence[tuple[str, str]], headers: tuple[str, str]) -> bytes:
    from docx.shared import Pt

    from workstation.io.docx import new_docx, xml_text

    document = new_docx()
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(xml_text(header))
        run.bold = True
    for source, target_text in pairs:
        cells = table.add_row().cells
        for cell, text in zip(cells, (source, target_text), strict=True):
            cell.text = ""
            lines = xml_text(text).split("\n")
            cell.paragraphs[0].add_run(lines[0].replace("\u2028", "\n")).font.size = Pt(10.5)
            for line in lines[1:]:
                cell.add_paragraph().add_run(line.replace("\u2028", "\n")).font.size = Pt(10.5)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

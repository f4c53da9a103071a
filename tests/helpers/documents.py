"""Word documents for tests, built with python-docx."""

from __future__ import annotations

from pathlib import Path


def docx_with_header(path: Path, body: tuple[str, ...], header: str) -> Path:
    """Write a .docx with ``body`` paragraphs and a one-paragraph ``header``; return ``path``."""
    import docx

    document = docx.Document()
    for text in body:
        document.add_paragraph(text)
    document.sections[0].header.paragraphs[0].text = header
    document.save(path)
    return path

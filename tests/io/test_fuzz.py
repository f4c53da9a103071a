"""Random input for every reader: only the documented errors may escape (longer run: WORKSTATION_FUZZ=1)."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
from pathlib import Path

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workstation.io.docx import docx_from_bytes
from workstation.io.errors import DocumentError
from workstation.io.glossary import read_glossary
from workstation.io.text import SUPPORTED_ENCODINGS, TextReadError, decode_bytes
from workstation.io.tmx import read_tmx

FUZZ = os.environ.get("WORKSTATION_FUZZ") == "1"
FUZZ_SETTINGS = settings(
    max_examples=3000 if FUZZ else 60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


def _valid_docx() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("本文の段落").add_run("太字").bold = True
    document.add_table(rows=1, cols=1).cell(0, 0).text = "セル"
    document.save(buffer)
    return buffer.getvalue()


VALID_DOCX = _valid_docx()
VALID_TMX = (Path(__file__).parent / "fixtures" / "omegat-project_save.tmx").read_bytes()


def _mutate(data: bytes, edits: list[tuple[int, int]]) -> bytes:
    buffer = bytearray(data)
    for position, value in edits:
        buffer[position % len(buffer)] = value
    return bytes(buffer)


edits = st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1, max_size=8)


@FUZZ_SETTINGS
@given(st.binary(max_size=4096))
def test_decode_bytes_on_random_bytes(data: bytes) -> None:
    try:
        result = decode_bytes(data)
    except TextReadError:
        return
    assert isinstance(result.text, str) and "\r" not in result.text


@FUZZ_SETTINGS
@given(st.text(max_size=300), st.sampled_from(SUPPORTED_ENCODINGS), st.booleans())
def test_text_in_every_supported_encoding(text: str, encoding: str, crlf: bool) -> None:
    try:
        data = text.replace("\n", "\r\n" if crlf else "\n").encode(encoding)
    except UnicodeEncodeError:
        return
    try:
        result = decode_bytes(data)
    except TextReadError:
        return
    if encoding == "utf-8" and result.encoding == "utf-8":
        assert result.text == text.replace("\r\n", "\n").replace("\r", "\n")


@FUZZ_SETTINGS
@given(st.binary(max_size=2048))
def test_docx_reader_on_random_bytes(data: bytes) -> None:
    with contextlib.suppress(DocumentError):
        docx_from_bytes(data)


@FUZZ_SETTINGS
@given(edits)
def test_docx_reader_on_damaged_documents(changes: list[tuple[int, int]]) -> None:
    with contextlib.suppress(DocumentError):
        docx_from_bytes(_mutate(VALID_DOCX, changes))


@FUZZ_SETTINGS
@given(st.one_of(st.binary(max_size=2048), edits.map(lambda changes: _mutate(VALID_TMX, changes))))
def test_tmx_reader_on_random_and_damaged_files(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "memory.tmx"
        path.write_bytes(data)
        with contextlib.suppress(DocumentError):
            read_tmx(path)


@FUZZ_SETTINGS
@given(st.binary(max_size=2048), st.sampled_from(["terms.csv", "terms.tsv", "terms.tbx"]))
def test_glossary_readers_on_random_bytes(data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            glossary = read_glossary(path)
        except DocumentError:
            return
        assert all(entry.source and entry.target for entry in glossary.entries)


DOCX_TEXT = st.text(
    st.one_of(st.characters(codec=None), st.sampled_from(list("\n\n\t\u2028\x0b\x0c\x00 外務省の会議。Ｅmbassy"))),
    max_size=120,
)


DOCX_LINE = DOCX_TEXT.map(lambda text: text.replace("\n", " "))


@settings(max_examples=400 if FUZZ else 30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCX_LINE, DOCX_LINE)
def test_any_text_saved_into_a_docx_reads_back(body: str, cell: str) -> None:
    from workstation.io.docx import render_docx, xml_text

    source = docx_from_bytes(VALID_DOCX)
    text = f"{body}\n{cell}"
    written = docx_from_bytes(render_docx(source, text))
    assert written.text == xml_text(text)


@settings(max_examples=400 if FUZZ else 30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCX_TEXT)
def test_any_number_of_lines_saved_into_a_docx_gives_a_sound_document(text: str) -> None:
    from workstation.io.docx import render_docx, xml_text

    written = docx_from_bytes(render_docx(docx_from_bytes(VALID_DOCX), text))
    # Every line is there, in order; only a table cell, which cannot be removed, may stay as an empty line.
    lines = [line for line in xml_text(text).split("\n") if line]
    assert [line for line in written.text.split("\n") if line] == lines


@settings(max_examples=200 if FUZZ else 15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(DOCX_TEXT, DOCX_TEXT), max_size=4), st.sampled_from(["bi.docx", "bi.txt", "bi.tsv", "bi.csv"]))
def test_bilingual_export_accepts_any_text(pairs: list[tuple[str, str]], name: str) -> None:
    from workstation.io.export import export_bilingual

    with tempfile.TemporaryDirectory() as folder:
        export_bilingual(pairs, Path(folder) / name)

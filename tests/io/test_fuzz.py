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

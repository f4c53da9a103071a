"""Bad input: each refused with a clear message, never a traceback, and the session store left untouched."""

from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import docx
import pytest

from workstation.io.documents import open_document
from workstation.io.docx import MAX_DOCX_XML_BYTES
from workstation.io.errors import DocumentError
from workstation.io.text import MAX_TEXT_BYTES
from workstation.store.sessions import DocumentInfo, SessionStore


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("本文")
    document.save(buffer)
    return buffer.getvalue()


def _rezip(replace: dict[str, bytes | None], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(_docx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as target:
        for name in source.namelist():
            if name in replace:
                if replace[name] is not None:
                    target.writestr(name, replace[name])
            else:
                target.writestr(name, source.read(name))
    return buffer.getvalue()


BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaaaaaaaa">'
    + b"".join(b'<!ENTITY %c "%s">' % (ord("b") + i, b"".join(b"&%c;" % (ord("a") + i) for _ in range(16))) for i in range(8))
    + b']><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    b"<w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
)


def _future_zip_version() -> bytes:
    """A .docx whose central directory asks for zip format 6.4 (zipfile raises NotImplementedError)."""
    data = bytearray(_docx_bytes())
    entry = data.index(b"PK\x01\x02")
    data[entry + 6 : entry + 8] = (64).to_bytes(2, "little")
    return bytes(data)


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a word the English message must contain)."""
    files: dict[str, tuple[bytes, str, str]] = {
        "binary": (bytes(range(256)) * 64, "binary.txt", "binary"),
        "png": (b"\x89PNG\r\n\x1a\n" + bytes(200), "picture.txt", "binary"),
        "undecodable": (b"\x82\xa0\xff\xfe\xfd\x80\x81" * 50 + b"\xa4\xa2\xff", "broken.txt", "encoding"),
        "not a zip": (b"PK\x03\x04 this is not really a zip file", "bad.docx", "damaged"),
        "truncated": (_docx_bytes()[:600], "truncated.docx", "damaged"),
        "future zip version": (_future_zip_version(), "future.docx", "damaged"),
        "no document.xml": (_rezip({"word/document.xml": None}), "nomain.docx", "main part"),
        "xml bomb": (_rezip({"word/document.xml": BILLION_LAUGHS}), "bomb.docx", "hostile"),
        "zip bomb": (_rezip({"word/styles.xml": b"<a>" + b" " * (MAX_DOCX_XML_BYTES + 10) + b"</a>"}), "zipbomb.docx", "hostile"),
        "old .doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1000), "old.docx", ".doc"),
        "text as docx": ("ただのテキスト".encode(), "plain.docx", "damaged"),
        "pdf": (b"%PDF-1.4", "report.pdf", ".pdf"),
    }
    result = {}
    for name, (data, filename, word) in files.items():
        path = tmp_path / filename
        path.write_bytes(data)
        result[name] = (path, word)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    result["50 MB text"] = (huge, "too large")
    assert huge.stat().st_size > MAX_TEXT_BYTES
    return result


def test_bad_files_get_a_clear_message_and_the_session_is_untouched(tmp_path: Path) -> None:
    database = tmp_path / "sessions.sqlite3"
    with SessionStore(database) as store:
        key = store.new_document_key()
        store.autosave(key, "入力中の公電", info=DocumentInfo(kind="untitled"))
        before = _dump(database)
        for name, (path, word) in _bad_files(tmp_path).items():
            with pytest.raises(DocumentError) as info:
                open_document(path)
            error = info.value
            assert word in error.message.en.lower() or word in error.message.en, (name, error.message.en)
            assert error.message.ja and error.message.ja != error.message.en, name
            assert "Traceback" not in str(error)
        assert _dump(database) == before
        store.close()
    with SessionStore(database) as store:
        (recovered,) = store.pending_recovery()
        assert recovered.text == "入力中の公電"


def test_a_folder_and_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(DocumentError):
        open_document(tmp_path)
    with pytest.raises(DocumentError) as info:
        open_document(tmp_path / "missing.txt")
    assert "Cannot read" in info.value.message.en


def test_docx_within_the_limits_with_images_still_opens(tmp_path: Path) -> None:
    data = _rezip({"word/media/image1.png": b"\x89PNG" + bytes(2_000_000)})
    path = tmp_path / "with-image.docx"
    path.write_bytes(data)
    assert open_document(path).text == "本文"


def test_saving_where_it_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    from workstation.io.documents import Document, save_document

    with pytest.raises(DocumentError) as info:
        save_document(Document.untitled("x"), "x", tmp_path / "no-such-folder" / "x.txt")
    assert "Cannot save" in info.value.message.en


def _dump(database: Path) -> list[tuple]:
    with sqlite3.connect(database) as db:
        return db.execute(
            "SELECT d.key, d.changed, c.text FROM documents d JOIN contents c ON c.document_id = d.id ORDER BY d.id"
        ).fetchall()

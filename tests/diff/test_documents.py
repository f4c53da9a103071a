"""Comparing files: encodings detected and reported, merged documents keep encoding, BOM and line endings."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.diff.documents import compare_files, encoding_label
from workstation.diff.review import Review
from workstation.errors import WorkstationError

OLD = "令和六年の方針\n外務省の方針を決定する。\n会議を開く。\n"
NEW = "令和六年の方針\n外務省が方針を決定した。\n会議を開く。\n"


def _write(path: Path, text: str, encoding: str, newline: str = "\n", bom: bytes = b"") -> Path:
    path.write_bytes(bom + text.replace("\n", newline).encode(encoding))
    return path


@pytest.mark.parametrize(
    ("encoding", "bom", "label"),
    [
        ("utf-8", b"", "UTF-8"),
        ("utf-8", b"\xef\xbb\xbf", "UTF-8 (BOM)"),
        ("utf-16-le", b"\xff\xfe", "UTF-16LE (BOM)"),
        ("cp932", b"", "Shift_JIS (CP932)"),
        ("euc_jp", b"", "EUC-JP"),
    ],
)
def test_encodings_are_detected_and_reported(tmp_path: Path, encoding: str, bom: bytes, label: str) -> None:
    old = _write(tmp_path / "old.txt", OLD, encoding, bom=bom)
    new = _write(tmp_path / "new.txt", NEW, "utf-8")
    comparison = compare_files(old, new)
    assert comparison.old.encoding_label == label
    assert comparison.new.encoding_label == "UTF-8"
    assert next((h.old_text, h.new_text) for h in comparison.diff.hunks) == ("の", "が")


def test_crlf_survives_accept_and_reject(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.txt", OLD, "cp932", "\r\n")
    new = _write(tmp_path / "new.txt", NEW, "utf-8", "\n")
    comparison = compare_files(old, new)
    assert comparison.old.newline_label == "CRLF" and comparison.new.newline_label == "LF"
    review = Review(comparison.diff)
    particle = next(h for h in comparison.diff.hunks if h.old_text == "の")
    review.accept(particle.id)
    for hunk in comparison.diff.hunks:
        if hunk.id != particle.id:
            review.reject(hunk.id)
    assert review.merged_text() == OLD.replace("外務省の", "外務省が").replace("\n", "\r\n")
    out = tmp_path / "merged.txt"
    comparison.save_merged({hunk_id for hunk_id, d in review.decisions.items() if d == "accepted"}, out)
    data = out.read_bytes()
    assert data == OLD.replace("外務省の", "外務省が").replace("\n", "\r\n").encode("cp932")


def test_utf8_bom_is_kept_in_the_merge(tmp_path: Path) -> None:
    old = _write(tmp_path / "old.txt", OLD, "utf-8", bom=b"\xef\xbb\xbf")
    new = _write(tmp_path / "new.txt", NEW, "utf-8")
    comparison = compare_files(old, new)
    out = tmp_path / "merged.txt"
    comparison.save_merged({h.id for h in comparison.diff.hunks}, out)
    assert out.read_bytes() == b"\xef\xbb\xbf" + NEW.encode("utf-8")


def test_same_text_in_another_encoding_is_identical(tmp_path: Path) -> None:
    comparison = compare_files(_write(tmp_path / "a.txt", OLD, "cp932", "\r\n"), _write(tmp_path / "b.txt", OLD, "utf-8"))
    assert comparison.diff.identical and comparison.same_text_different_form


def test_docx_documents_are_compared_by_text(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in OLD.splitlines():
        document.add_paragraph(line)
    document.save(tmp_path / "old.docx")
    comparison = compare_files(tmp_path / "old.docx", _write(tmp_path / "new.txt", NEW, "utf-8"))
    assert comparison.old.encoding_label == "Word (.docx)"
    assert ("の", "が") in [(h.old_text, h.new_text) for h in comparison.diff.hunks]


def test_unreadable_input_is_a_user_error(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(WorkstationError):
        compare_files(tmp_path / "binary.txt", tmp_path / "binary.txt")
    with pytest.raises(WorkstationError):
        compare_files(tmp_path / "missing.txt", tmp_path / "binary.txt")


def test_encoding_labels() -> None:
    assert encoding_label("iso2022_jp") == "ISO-2022-JP (JIS)"
    assert encoding_label("latin-1") == "LATIN-1"

from __future__ import annotations

import codecs

import pytest

from workstation.io.text import MAX_TEXT_BYTES, TextReadError, decode_bytes, read_text, write_text

SAMPLE = "外務省の方針について説明します。\nカタカナ・ひらがな・漢字、そしてASCII 123。\n"


@pytest.mark.parametrize(
    ("encoding", "bom", "newline"),
    [
        ("utf-8", False, "\n"),
        ("utf-8", True, "\r\n"),
        ("utf-16-le", True, "\r\n"),
        ("utf-16-be", True, "\n"),
        ("cp932", False, "\r\n"),
        ("euc_jp", False, "\n"),
        ("iso2022_jp", False, "\n"),
    ],
)
def test_encodings_and_line_endings_round_trip(tmp_path, encoding: str, bom: bool, newline: str) -> None:
    body = SAMPLE.replace("\n", newline).encode(encoding)
    prefix = {"utf-8": codecs.BOM_UTF8, "utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}
    data = (prefix[encoding] if bom else b"") + body
    path = tmp_path / "doc.txt"
    path.write_bytes(data)
    document = read_text(path)
    assert document.text == SAMPLE
    assert (document.encoding, document.bom, document.newline) == (encoding, bom, newline)
    write_text(path, document.text, like=document)
    assert path.read_bytes() == data


def test_bomless_utf16_is_detected() -> None:
    assert decode_bytes("Hello, world. こんにちは\n".encode("utf-16-le")).encoding == "utf-16-le"


def test_keep_newlines_leaves_crlf_in_place() -> None:
    assert decode_bytes(b"a\r\nb", keep_newlines=True).text == "a\r\nb"


def test_binary_file_is_refused_with_a_clear_message() -> None:
    with pytest.raises(TextReadError) as info:
        decode_bytes(bytes(range(256)) * 8)
    assert "バイナリ" in info.value.message.ja and "binary" in info.value.message.en


def test_too_large_file_is_refused_before_reading(tmp_path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(MAX_TEXT_BYTES + 1)
    with pytest.raises(TextReadError) as info:
        read_text(path)
    assert "MB" in str(info.value)


def test_unencodable_text_gives_a_clear_error(tmp_path) -> None:
    from workstation.errors import WorkstationError
    from workstation.io.text import TextFile

    with pytest.raises(WorkstationError):
        write_text(tmp_path / "x.txt", "絵文字😀", like=TextFile("", "cp932"))
    assert not (tmp_path / "x.txt").exists()

"""TMX and TBX share one mapping of XML parse failures to clear, bilingual messages."""

from __future__ import annotations

from pathlib import Path

import pytest

from workstation.io.errors import DocumentError
from workstation.io.glossary import read_tbx
from workstation.io.tmx import read_tmx

ENTITY_BOMB = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]><{root}>&b;</{root}>'
BROKEN = b'<?xml version="1.0"?><{root}><unclosed></{root}>'


@pytest.mark.parametrize(("kind", "suffix", "root", "read"), [
    ("TMX", ".tmx", b"tmx", lambda path: list(read_tmx(path))),
    ("TBX", ".tbx", b"martif", read_tbx),
])
def test_unsafe_and_broken_xml_get_messages_naming_the_format(tmp_path: Path, kind, suffix, root, read) -> None:
    unsafe = tmp_path / f"unsafe{suffix}"
    unsafe.write_bytes(ENTITY_BOMB.replace(b"{root}", root))
    with pytest.raises(DocumentError) as info:
        read(unsafe)
    assert f"This {kind} file contains unsafe XML declarations" in info.value.message.en
    assert "安全でない XML 宣言" in info.value.message.ja
    broken = tmp_path / f"broken{suffix}"
    broken.write_bytes(BROKEN.replace(b"{root}", root))
    with pytest.raises(DocumentError) as info:
        read(broken)
    assert f"The {kind} file broken{suffix} is not well-formed XML" in info.value.message.en

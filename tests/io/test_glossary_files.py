from __future__ import annotations

from pathlib import Path

import pytest

from workstation.io.errors import DocumentError
from workstation.io.glossary import read_glossary


def test_omegat_style_tsv_without_header(tmp_path: Path) -> None:
    path = tmp_path / "glossary.txt"
    path.write_text("# OmegaT glossary\n外務省\tMinistry of Foreign Affairs\t省庁名\n公電\tcable\nNATO\tNATO\n", "utf-8")
    glossary = read_glossary(path)
    assert (glossary.source_lang, glossary.target_lang, len(glossary)) == ("ja", "en", 3)
    first, cable, nato = glossary.entries
    assert (first.source, first.target, first.note, first.do_not_translate) == (
        "外務省", "Ministry of Foreign Affairs", "省庁名", False
    )
    assert cable.note == "" and nato.do_not_translate


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp932", "utf-16", "euc_jp"])
def test_csv_with_language_header_in_any_encoding(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "terms.csv"
    content = 'English,日本語,備考,翻訳不要\r\n"embassy",大使館,,\r\n"Note, verbale",口上書,"外交文書, 正式",\r\nG7,G7,,はい\r\nSkipped only,,,\r\n'
    path.write_bytes(content.encode(encoding))
    glossary = read_glossary(path)
    assert (glossary.source_lang, glossary.target_lang, glossary.skipped) == ("en", "ja", 1)
    assert [(e.source, e.target, e.note, e.do_not_translate) for e in glossary.entries] == [
        ("embassy", "大使館", "", False),
        ("Note, verbale", "口上書", "外交文書, 正式", False),
        ("G7", "G7", "", True),
    ]
    reverse = read_glossary(path, source_lang="ja", target_lang="en")
    assert (reverse.source_lang, reverse.entries[0].source, reverse.entries[0].target) == ("ja", "大使館", "embassy")


def test_role_header_and_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_text("source;target;note\n大臣;Minister;\n", "utf-8")
    (entry,) = read_glossary(path, source_lang="ja", target_lang="en").entries
    assert (entry.source, entry.target) == ("大臣", "Minister")


TBX_V2 = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX-Basic" xml:lang="en-US">
  <martifHeader><fileDesc><sourceDesc><p>Ministry glossary</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="c1">
      <descrip type="definition">The head of a diplomatic mission.</descrip>
      <langSet xml:lang="ja"><tig><term>大使</term><termNote type="partOfSpeech">noun</termNote></tig></langSet>
      <langSet xml:lang="en-US">
        <tig><term>ambassador</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig>
        <tig><term>envoy</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></tig>
        <tig><term>Ambassador Extraordinary</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig>
      </langSet>
    </termEntry>
    <termEntry id="c2">
      <note>Do not translate: product name</note>
      <langSet xml:lang="ja"><ntig><termGrp><term>LINE</term></termGrp></ntig></langSet>
    </termEntry>
    <termEntry id="c3"><langSet xml:lang="en"><tig><term>orphan</term></tig></langSet></termEntry>
  </body></text>
</martif>
"""

TBX_V3 = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>v3</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="1">
      <langSec xml:lang="en"><termSec><term>consulate general</term></termSec></langSec>
      <langSec xml:lang="ja"><termSec><term>総領事館</term>
        <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_tbx_v2_martif(tmp_path: Path) -> None:
    path = tmp_path / "terms.tbx"
    path.write_text(TBX_V2, "utf-8")
    glossary = read_glossary(path)
    assert (glossary.source_lang, glossary.target_lang, glossary.skipped) == ("ja", "en", 1)
    ambassador, line = glossary.entries
    assert (ambassador.source, ambassador.target) == ("大使", "ambassador")
    assert ambassador.alternatives == ("Ambassador Extraordinary",) and ambassador.forbidden == ("envoy",)
    assert ambassador.note == "The head of a diplomatic mission."
    assert (line.source, line.target, line.do_not_translate) == ("LINE", "LINE", True)
    assert glossary.protected_terms() == ["LINE"]


def test_tbx_v3(tmp_path: Path) -> None:
    path = tmp_path / "terms.tbx"
    path.write_text(TBX_V3, "utf-8")
    (entry,) = read_glossary(path, source_lang="en", target_lang="ja").entries
    assert (entry.source, entry.target) == ("consulate general", "総領事館")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("bomb.tbx", '<!DOCTYPE martif [<!ENTITY a "xxxxxxxx"><!ENTITY b "&a;&a;&a;">]><martif>&b;</martif>'),
        ("broken.tbx", "<martif><text>"),
        ("other.xml", "<html/>"),
        ("empty.csv", "\n\n"),
        ("binary.csv", "\x00\x01\x02" * 100),
    ],
)
def test_bad_glossary_files_give_a_clear_error(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, "latin-1")
    with pytest.raises(DocumentError):
        read_glossary(path)

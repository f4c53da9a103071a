"""Word (.docx) documents: one text line per paragraph, rewritten in place so that formatting survives.

Paragraphs of the body, of tables (nested too) and of text boxes are read in document order; after them come the
paragraphs of the headers, footers, footnotes and endnotes that hold text (:class:`OutsideBody` says how many), so
they are checked and translated too and written back to where they came from. Comments are counted but not read,
and kept on save. Writing changes only the paragraphs whose text changed: a light edit (proofreading) keeps every run and its
formatting, with run boundaries carried through a character diff; a rewrite (a translation) takes the
formatting of the paragraph's dominant run. Images, fields and section breaks are kept.
"""

from __future__ import annotations

import copy
import io
import os
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from posixpath import join as posix_join
from posixpath import normpath as posix_normpath
from typing import TYPE_CHECKING, Any

from workstation.i18n import Text
from workstation.io.atomic import atomic_write_bytes
from workstation.io.errors import DocumentError, write_error
from workstation.io.text import MAX_TEXT_BYTES

if TYPE_CHECKING:
    from lxml.etree import _Element

__all__ = [
    "MAX_DOCX_BYTES",
    "MAX_DOCX_XML_BYTES",
    "DocxContent",
    "DocxParagraph",
    "OutsideBody",
    "RunFormat",
    "docx_from_bytes",
    "new_docx",
    "read_docx",
    "render_docx",
    "write_docx",
    "xml_text",
]

MAX_DOCX_BYTES = 100 * 1024 * 1024
"""Largest .docx file opened (images included)."""
MAX_DOCX_XML_BYTES = 64 * 1024 * 1024
"""Largest total uncompressed size of a .docx's XML parts; guards against zip bombs."""
_MAX_XML_RATIO = 200
"""An XML part over 1 MiB that compressed more than this many times is treated as a zip bomb."""
REWRITE_SIMILARITY = 0.5
"""Paragraphs at least this similar to their old text keep their runs (a light edit); others are rewritten."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _R, _T, _TC, _RPR, _PPR = (f"{{{_W}}}{name}" for name in ("p", "r", "t", "tc", "rPr", "pPr"))
_SKIPPED_CONTAINERS = {f"{{{_W}}}del", f"{{{_W}}}moveFrom", f"{{{_W}}}rt", f"{{{_MC}}}Fallback"}
"""Deleted text, text moved away, ruby (furigana) text and the duplicate fallback of text boxes: not the text."""
_TEXT_CHILDREN = {f"{{{_W}}}{name}" for name in ("t", "tab", "cr", "noBreakHyphen", "softHyphen")}
_PAGE_BREAKS = {"page", "column"}
_MARK_ONLY = {f"{{{_W}}}{name}" for name in ("ins", "del", "moveFrom", "moveTo", "rPrChange")}
_SPECIAL = re.compile("([\t\u2028\n\u2011\u00ad])")
_NOT_XML = re.compile("[\x00-\x08\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff\r]")
_OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass(frozen=True)
class RunFormat:
    """A run of text and its basic formatting (``None`` = inherited from the style)."""

    text: str
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    size_pt: float | None = None


@dataclass(frozen=True)
class DocxParagraph:
    text: str
    runs: tuple[RunFormat, ...]
    style: str | None
    in_table: bool
    part: str = "body"
    """Where the paragraph is: ``body``, ``header``, ``footer``, ``footnote`` or ``endnote``."""


@dataclass(frozen=True)
class OutsideBody:
    """Paragraphs outside the body: those of headers, footers, footnotes and endnotes follow the body's lines;
    comments are not read, and a save keeps them as they were."""

    headers: int = 0
    footers: int = 0
    footnotes: int = 0
    endnotes: int = 0
    comments: int = 0

    @property
    def total(self) -> int:
        return self.headers + self.footers + self.footnotes + self.endnotes + self.comments

    def notice(self) -> Text | None:
        """What the user should know, or None when every paragraph is in the body."""
        appended = (
            ("ヘッダー", "header", self.headers),
            ("フッター", "footer", self.footers),
            ("脚注", "footnote", self.footnotes),
            ("文末脚注", "endnote", self.endnotes),
        )
        ja, en = [], []
        if any(count for _, _, count in appended):
            ja.append(
                f"本文の後に{'・'.join(f'{name} {count}' for name, _, count in appended if count)} 段落を表示"
                "（保存時は元の位置へ）。"
            )
            en.append(
                f"After the body: {', '.join(f'{name} {count}' for _, name, count in appended if count)}"
                " (paragraphs; saved back where they belong)."
            )
        if self.comments:
            ja.append(f"コメント {self.comments} 段落は読み込みません。")
            en.append(f"Comments ({self.comments} paragraph{'s' if self.comments > 1 else ''}) are not read.")
        return Text("".join(ja), " ".join(en)) if ja else None


@dataclass(frozen=True)
class DocxContent:
    """A read .docx: its paragraphs, and the original bytes needed to write changes back into it."""

    source: bytes
    paragraphs: tuple[DocxParagraph, ...]
    outside_body: OutsideBody = OutsideBody()

    @property
    def text(self) -> str:
        """One line per paragraph; a line break inside a paragraph is U+2028."""
        return "\n".join(paragraph.text for paragraph in self.paragraphs)


def read_docx(path: str | os.PathLike[str]) -> DocxContent:
    """Read a .docx file; raise :class:`DocumentError` when it is damaged, hostile or too large."""
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_DOCX_BYTES:
            raise _too_large(size, MAX_DOCX_BYTES)
        data = source.read_bytes()
    except OSError as exc:
        raise DocumentError(
            Text(f"ファイルを読み込めません: {source}", f"Cannot read the file: {source}"), detail=str(exc)
        ) from exc
    return docx_from_bytes(data)


def docx_from_bytes(data: bytes) -> DocxContent:
    document = _load(data)
    layout = _Layout.of(document)
    paragraphs = tuple(_describe(p, kind) for p, kind in zip(layout.paragraphs, layout.kinds, strict=True))
    content = DocxContent(data, paragraphs, _outside_body(layout, document))
    if len(content.text) > MAX_TEXT_BYTES:
        raise DocumentError(
            Text(
                "文書の本文が大きすぎます。分割してください。",
                "The document's text is too large to open; please split it.",
            )
        )
    return content


def render_docx(content: DocxContent, text: str) -> bytes:
    """The bytes of ``content``'s document with its paragraphs changed to the lines of ``text``."""
    document = _load(content.source)
    layout = _Layout.of(document)
    paragraphs = layout.paragraphs
    old_lines = [_paragraph_text(p) for p in paragraphs]
    new_lines = xml_text(text).split("\n")
    if not paragraphs:
        for line in new_lines:
            _append_run(document.add_paragraph()._p, line, None)
    elif old_lines != new_lines:
        _apply_lines(paragraphs, old_lines, new_lines)
        for part in layout.parts:
            part.store()
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_docx(path: str | os.PathLike[str], content: DocxContent, text: str) -> DocxContent:
    """Atomically write ``content`` with ``text`` to ``path``; return what was written."""
    data = render_docx(content, text)
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise write_error(path, exc) from exc
    return docx_from_bytes(data)


def new_docx() -> Any:
    """A blank python-docx ``Document`` from the library's own template."""
    import docx

    return docx.Document()


def _load(data: bytes) -> Any:
    _check_package(data)
    import docx

    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx, zipfile and lxml raise many types on damaged input
        raise _damaged(exc) from exc


_PART_KINDS = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml": "header",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml": "footer",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml": "footnote",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml": "endnote",
}
"""The parts whose paragraphs follow the body's, in this order."""
_COMMENTS = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
_NOTES = {f"{{{_W}}}footnote", f"{{{_W}}}endnote"}
_ONE_PARAGRAPH_AT_LEAST = {_TC, *_NOTES, f"{{{_W}}}hdr", f"{{{_W}}}ftr"}
"""Containers that must keep one paragraph: deleting a line empties their last paragraph instead."""


@dataclass
class _TextPart:
    """A header, footer, footnotes, endnotes or comments part of the package and its parsed XML."""

    kind: str
    part: Any
    root: _Element

    @classmethod
    def of(cls, kind: str, part: Any) -> _TextPart:
        element = getattr(part, "element", None)
        if element is not None:  # headers and footers: python-docx serialises their element on save
            return cls(kind, part, element)
        from docx.oxml.parser import parse_xml

        try:
            return cls(kind, part, parse_xml(part.blob))
        except Exception as exc:  # lxml raises several types on a damaged part
            raise _damaged(exc) from exc

    def paragraphs(self) -> list[_Element]:
        if self.root.tag in (f"{{{_W}}}footnotes", f"{{{_W}}}endnotes"):
            # Separator and continuation "notes" (w:type) are layout, not text.
            return [
                p
                for note in self.root
                if note.tag in _NOTES and note.get(f"{{{_W}}}type") is None
                for p in _paragraphs(note)
            ]
        return list(_paragraphs(self.root))

    def store(self) -> None:
        """Write edited footnotes or endnotes back into the part (python-docx keeps them as bytes)."""
        if getattr(self.part, "element", None) is None:
            from lxml import etree

            self.part._blob = etree.tostring(
                self.root, xml_declaration=True, encoding="UTF-8", standalone=True
            )


@dataclass
class _Layout:
    """The paragraphs read from a .docx, in line order: the body's, then those of each text part with text."""

    paragraphs: list[_Element]
    kinds: list[str]
    parts: list[_TextPart]

    @classmethod
    def of(cls, document: Any) -> _Layout:
        paragraphs = list(_paragraphs(document.element.body))
        kinds = ["body"] * len(paragraphs)
        parts = []
        order = list(_PART_KINDS.values())
        found = [
            (order.index(_PART_KINDS[part.content_type]), _natural_key(str(part.partname)), part)
            for part in document.part.package.iter_parts()
            if part.content_type in _PART_KINDS
        ]
        for _, _, part in sorted(found, key=lambda item: item[:2]):
            text_part = _TextPart.of(_PART_KINDS[part.content_type], part)
            own = text_part.paragraphs()
            if any(_paragraph_text(p).strip() for p in own):
                parts.append(text_part)
                paragraphs.extend(own)
                kinds.extend([text_part.kind] * len(own))
        return cls(paragraphs, kinds, parts)


def _natural_key(name: str) -> tuple[Any, ...]:
    """``header2.xml`` before ``header10.xml``."""
    return tuple(int(piece) if piece.isdigit() else piece for piece in re.split(r"(\d+)", name))


def _outside_body(layout: _Layout, document: Any) -> OutsideBody:
    """How many lines came from each kind of text part, and how many comment paragraphs have text."""
    comments = sum(
        1
        for part in document.part.package.iter_parts()
        if part.content_type == _COMMENTS
        for paragraph in _TextPart.of("comment", part).paragraphs()
        if _paragraph_text(paragraph).strip()
    )
    return OutsideBody(
        headers=layout.kinds.count("header"),
        footers=layout.kinds.count("footer"),
        footnotes=layout.kinds.count("footnote"),
        endnotes=layout.kinds.count("endnote"),
        comments=comments,
    )


def _check_package(data: bytes) -> None:
    """Refuse what is not a sound .docx before a parser sees it: size, zip bombs, DTDs (XML bombs)."""
    if len(data) > MAX_DOCX_BYTES:
        raise _too_large(len(data), MAX_DOCX_BYTES)
    if data.startswith(_OLE_MAGIC):
        raise DocumentError(
            Text(
                "旧形式の Word 文書（.doc）かパスワード付きの文書です。Word で .docx 形式（パスワードなし）で保存し直してください。",
                "This is an old Word (.doc) or password-protected document. Save it from Word as .docx without a password.",
            )
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # zipfile raises BadZipFile, NotImplementedError, EOFError, ... on damaged input
        raise _damaged(exc) from exc
    with archive:
        infos = archive.infolist()
        names = {info.filename for info in infos}
        xml_total = 0
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            xml_total += info.file_size
            if info.file_size > 1024 * 1024 and info.file_size > _MAX_XML_RATIO * max(info.compress_size, 1):
                raise _bomb(f"{info.filename}: {info.compress_size} -> {info.file_size} bytes")
        if xml_total > MAX_DOCX_XML_BYTES:
            raise _too_large(xml_total, MAX_DOCX_XML_BYTES)
        main = _main_part(archive, names)
        if main not in names:
            raise DocumentError(
                Text(
                    "Word 文書の本文（word/document.xml）がありません。ファイルが壊れています。",
                    "The Word document has no main part (word/document.xml); the file is damaged.",
                ),
                detail=main,
            )
        for info in infos:
            if info.filename.endswith((".xml", ".rels")):
                _check_prolog(archive, info)


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "_rels/.rels" not in names:
        return "word/document.xml"
    import defusedxml.ElementTree as SafeTree

    try:
        with archive.open("_rels/.rels") as handle:
            root = SafeTree.parse(handle).getroot()
    except Exception as exc:  # zipfile, expat and defusedxml errors on damaged input
        raise _damaged(exc) from exc
    for relation in root:
        if relation.get("Type") == _OFFICE_DOCUMENT and relation.get("TargetMode") != "External":
            target = relation.get("Target", "").lstrip("/")
            return posix_normpath(posix_join("", target))
    return "word/document.xml"


def _check_prolog(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """A DTD (the carrier of entity-expansion bombs) has no place in a .docx part."""
    try:
        with archive.open(info) as handle:
            head = handle.read(65536)
    except Exception as exc:  # zipfile raises several types on damaged entries
        raise _damaged(exc) from exc
    root = re.search(rb"<[A-Za-z_]", head)
    prolog = head if root is None else head[: root.start()]
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog or (root is None and info.file_size > len(head)):
        raise _bomb(f"{info.filename}: document type declaration")


def _paragraphs(body: _Element) -> Iterator[_Element]:
    for paragraph in body.iter(_P):
        if not _inside_skipped(paragraph, body):
            yield paragraph


def _inside_skipped(element: _Element, stop: _Element) -> bool:
    parent = element.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in _SKIPPED_CONTAINERS:
            return True
        parent = parent.getparent()
    return False


def _runs(paragraph: _Element) -> list[_Element]:
    """The runs whose text belongs to ``paragraph`` (not deleted, not in a nested text-box paragraph)."""
    runs = []
    for run in paragraph.iter(_R):
        parent = run.getparent()
        while parent is not None and parent is not paragraph:
            if parent.tag == _P or parent.tag in _SKIPPED_CONTAINERS:
                break
            parent = parent.getparent()
        else:
            runs.append(run)
    return runs


def _run_text(run: _Element) -> str:
    parts = []
    for child in run:
        tag = child.tag
        if tag == _T:
            parts.append(child.text or "")
        elif tag == f"{{{_W}}}tab":
            parts.append("\t")
        elif tag == f"{{{_W}}}cr" or (
            tag == f"{{{_W}}}br" and child.get(f"{{{_W}}}type") not in _PAGE_BREAKS
        ):
            parts.append("\u2028")
        elif tag == f"{{{_W}}}noBreakHyphen":
            parts.append("\u2011")
        elif tag == f"{{{_W}}}softHyphen":
            parts.append("\u00ad")
    return "".join(parts)


def _paragraph_text(paragraph: _Element) -> str:
    return "".join(_run_text(run) for run in _runs(paragraph))


def _is_text_child(child: _Element) -> bool:
    if child.tag in _TEXT_CHILDREN:
        return True
    return child.tag == f"{{{_W}}}br" and child.get(f"{{{_W}}}type") not in _PAGE_BREAKS


def xml_text(text: str) -> str:
    """``text`` as a .docx can hold it: vertical tab (Word's line break) as U+2028, characters XML forbids dropped."""
    return _NOT_XML.sub("", text.replace("\x0b", "\u2028"))


def _set_run_text(run: _Element, text: str) -> None:
    """Replace the text of ``run``, keeping its formatting and any non-text content (images, fields)."""
    from docx.oxml import OxmlElement

    text = xml_text(text)
    for child in [child for child in run if _is_text_child(child)]:
        run.remove(child)
    for piece in _SPECIAL.split(text):
        if not piece:
            continue
        if piece == "\t":
            run.append(OxmlElement("w:tab"))
        elif piece in "\u2028\n":
            run.append(OxmlElement("w:br"))
        elif piece == "\u2011":
            run.append(OxmlElement("w:noBreakHyphen"))
        elif piece == "\u00ad":
            run.append(OxmlElement("w:softHyphen"))
        else:
            element = OxmlElement("w:t")
            element.text = piece
            element.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(element)


def _is_empty_run(run: _Element) -> bool:
    return all(child.tag == _RPR for child in run)


def _remove_run(run: _Element, paragraph: _Element) -> None:
    parent = run.getparent()
    if parent is None:
        return
    parent.remove(run)
    # Drop a wrapper (hyperlink, insertion, smart tag) left empty.
    while parent is not paragraph and parent is not None and len(parent) == 0:
        grandparent = parent.getparent()
        if grandparent is None:
            break
        grandparent.remove(parent)
        parent = grandparent


def _dominant(texts: list[str]) -> int:
    """The run holding the most text: its formatting stands for the whole paragraph."""
    return max(range(len(texts)), key=lambda index: len(texts[index]))


def _rewrite_paragraph(paragraph: _Element, new_text: str, template_rpr: _Element | None = None) -> None:
    runs = _runs(paragraph)
    texts = [_run_text(run) for run in runs]
    old_text = "".join(texts)
    if old_text == new_text:
        return
    if not runs:
        if new_text:
            _append_run(
                paragraph, new_text, template_rpr if template_rpr is not None else _mark_rpr(paragraph)
            )
        return
    pieces = _distribute(texts, old_text, new_text)
    for run, old, piece in zip(runs, texts, pieces, strict=True):
        if piece == old:
            continue
        _set_run_text(run, piece)
        if not piece and _is_empty_run(run):
            _remove_run(run, paragraph)


def _distribute(texts: list[str], old_text: str, new_text: str) -> list[str]:
    """Cut ``new_text`` into one piece per old run: by a character diff for light edits, else all in the main run."""
    if len(texts) > 1 and old_text:
        matcher = SequenceMatcher(None, old_text, new_text, autojunk=False)
        if matcher.ratio() >= REWRITE_SIMILARITY:
            bounds = [0]
            position = 0
            for text in texts[:-1]:
                position += len(text)
                bounds.append(max(bounds[-1], _map_offset(matcher, position)))
            bounds.append(len(new_text))
            return [new_text[bounds[i] : bounds[i + 1]] for i in range(len(texts))]
    main = _dominant(texts)
    return [new_text if index == main else "" for index in range(len(texts))]


def _map_offset(matcher: SequenceMatcher[str], offset: int) -> int:
    """Where ``offset`` in the old text lands in the new text (an insertion at a boundary joins the later run)."""
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if offset <= old_end:
            if tag == "equal":
                return new_start + (offset - old_start)
            return new_end if offset == old_end else new_start
    return len(matcher.b)


def _append_run(paragraph: _Element, text: str, rpr: _Element | None) -> None:
    from docx.oxml import OxmlElement

    run = OxmlElement("w:r")
    if rpr is not None:
        run.append(copy.deepcopy(rpr))
    _set_run_text(run, text)
    paragraph.append(run)


def _mark_rpr(paragraph: _Element) -> _Element | None:
    """The paragraph mark's formatting as a run ``rPr`` (without revision marks)."""
    from docx.oxml import OxmlElement

    ppr = paragraph.find(_PPR)
    mark = ppr.find(_RPR) if ppr is not None else None
    if mark is None:
        return None
    rpr = OxmlElement("w:rPr")
    for child in mark:
        if child.tag not in _MARK_ONLY:
            rpr.append(copy.deepcopy(child))
    return rpr if len(rpr) else None


def _main_rpr(paragraph: _Element) -> _Element | None:
    runs = _runs(paragraph)
    if not runs:
        return _mark_rpr(paragraph)
    texts = [_run_text(run) for run in runs]
    return runs[_dominant(texts)].find(_RPR)


def _apply_lines(paragraphs: list[_Element], old_lines: list[str], new_lines: list[str]) -> None:
    if len(old_lines) == len(new_lines):
        for paragraph, line in zip(paragraphs, new_lines, strict=True):
            _rewrite_paragraph(paragraph, line)
        return
    matcher = SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in reversed(matcher.get_opcodes()):
        if tag == "equal":
            continue
        paired = min(i2 - i1, j2 - j1)
        for offset in range(paired):
            _rewrite_paragraph(paragraphs[i1 + offset], new_lines[j1 + offset])
        for index in range(i1 + paired, i2):
            _delete_paragraph(paragraphs[index])
        if j1 + paired < j2:
            anchor_index = i1 + paired - 1 if i1 + paired > 0 else None
            _insert_paragraphs(paragraphs, anchor_index, new_lines[j1 + paired : j2])


def _insert_paragraphs(paragraphs: list[_Element], after: int | None, lines: list[str]) -> None:
    from docx.oxml import OxmlElement

    reference = paragraphs[after] if after is not None else paragraphs[0]
    ppr = reference.find(_PPR)
    rpr = _main_rpr(reference)
    previous = reference
    for position, line in enumerate(lines):
        paragraph = OxmlElement("w:p")
        if ppr is not None:
            new_ppr = copy.deepcopy(ppr)
            for section in new_ppr.findall(f"{{{_W}}}sectPr"):
                new_ppr.remove(section)
            paragraph.append(new_ppr)
        _rewrite_paragraph(paragraph, line, rpr)
        if after is None and position == 0:
            previous.addprevious(paragraph)
        else:
            previous.addnext(paragraph)
        previous = paragraph


def _delete_paragraph(paragraph: _Element) -> None:
    parent = paragraph.getparent()
    ppr = paragraph.find(_PPR)
    keep = (
        parent is None
        or (parent.tag in _ONE_PARAGRAPH_AT_LEAST and len(parent.findall(_P)) == 1)
        or (ppr is not None and ppr.find(f"{{{_W}}}sectPr") is not None)
    )
    _rewrite_paragraph(paragraph, "")
    has_content = any(child.tag != _PPR for child in paragraph)
    if not keep and not has_content and parent is not None:
        parent.remove(paragraph)


def _describe(paragraph: _Element, part: str) -> DocxParagraph:
    runs = tuple(_run_format(run) for run in _runs(paragraph))
    style = None
    ppr = paragraph.find(_PPR)
    if ppr is not None:
        style_element = ppr.find(f"{{{_W}}}pStyle")
        if style_element is not None:
            style = style_element.get(f"{{{_W}}}val")
    in_table = any(ancestor.tag == _TC for ancestor in paragraph.iterancestors())
    return DocxParagraph("".join(run.text for run in runs), runs, style, in_table, part)


def _run_format(run: _Element) -> RunFormat:
    rpr = run.find(_RPR)
    if rpr is None:
        return RunFormat(_run_text(run))
    size = rpr.find(f"{{{_W}}}sz")
    size_pt = None
    if size is not None:
        try:
            size_pt = int(size.get(f"{{{_W}}}val", "")) / 2
        except ValueError:
            size_pt = None
    underline = rpr.find(f"{{{_W}}}u")
    return RunFormat(
        _run_text(run),
        _toggle(rpr, "b"),
        _toggle(rpr, "i"),
        None if underline is None else underline.get(f"{{{_W}}}val", "single") != "none",
        size_pt,
    )


def _toggle(rpr: _Element, name: str) -> bool | None:
    element = rpr.find(f"{{{_W}}}{name}")
    if element is None:
        return None
    return element.get(f"{{{_W}}}val", "true").lower() not in {"false", "0", "off"}


def _too_large(size: int, limit: int) -> DocumentError:
    return DocumentError(
        Text(
            f"文書が大きすぎます（{size / 1048576:.1f} MB）。{limit // 1048576} MB までの文書を開けます。分割してください。",
            f"The document is too large ({size / 1048576:.1f} MB). Documents up to {limit // 1048576} MB can be opened; please split it.",
        )
    )


def _damaged(exc: BaseException) -> DocumentError:
    return DocumentError(
        Text(
            "Word 文書（.docx）として読み込めません。ファイルが壊れているか、.docx 形式ではありません。",
            "Cannot read this as a Word document (.docx): the file is damaged or not in .docx format.",
        ),
        detail=f"{type(exc).__name__}: {exc}",
    )


def _bomb(detail: str) -> DocumentError:
    return DocumentError(
        Text(
            "この .docx には不正な構造（圧縮爆弾または XML 宣言の悪用）が含まれているため開きません。",
            "This .docx has a hostile structure (a compression or XML entity bomb) and was not opened.",
        ),
        detail=detail,
    )

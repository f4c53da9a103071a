"""TMX 1.4b translation memory exchange: streaming, entity-safe reading (1.1–1.4, OmegaT, Trados) and writing."""

from __future__ import annotations

import calendar
import io
import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from workstation import __version__
from workstation.i18n import Text
from workstation.io.atomic import atomic_write_bytes
from workstation.io.errors import DocumentError, write_error, xml_errors

__all__ = [
    "MAX_TMX_BYTES",
    "TmxFile",
    "TmxHeader",
    "TmxUnit",
    "TmxVariant",
    "format_tmx_date",
    "iter_tmx",
    "parse_tmx_date",
    "read_tmx",
    "region_tag",
    "render_tmx",
    "write_tmx",
]

MAX_TMX_BYTES = 1024 * 1024 * 1024
"""Largest TMX file imported (1 GiB; it is read as a stream)."""

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_NATIVE_CODE = {"bpt", "ept", "ph", "it", "ut"}
"""Inline elements whose content is the original format's markup, not text."""
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_DEFAULT_REGIONS = {"ja": "ja-JP", "en": "en-US"}


@dataclass(frozen=True)
class TmxHeader:
    srclang: str = "*all*"
    creationtool: str = ""
    creationtoolversion: str = ""
    datatype: str = ""
    segtype: str = ""
    adminlang: str = ""
    o_tmf: str = ""
    version: str = ""


@dataclass(frozen=True)
class TmxVariant:
    """One language version of a translation unit (``<tuv>``)."""

    lang: str
    text: str
    created: float | None = None
    changed: float | None = None
    creator: str | None = None
    changer: str | None = None


@dataclass(frozen=True)
class TmxUnit:
    """One ``<tu>``: its language versions, its ``<prop>`` values and its dates (seconds since the epoch)."""

    variants: tuple[TmxVariant, ...]
    props: tuple[tuple[str, str], ...] = ()
    notes: tuple[str, ...] = ()
    created: float | None = None
    changed: float | None = None
    creator: str | None = None
    changer: str | None = None
    tuid: str | None = None

    def text(self, lang: str) -> str | None:
        """The text in ``lang`` (``ja`` matches ``ja-JP``; case-insensitive)."""
        wanted = lang.lower()
        for variant in self.variants:
            tag = variant.lang.lower()
            if tag == wanted or tag.split("-")[0] == wanted.split("-")[0]:
                return variant.text
        return None

    def prop(self, kind: str) -> str | None:
        return next((value for name, value in self.props if name == kind), None)


@dataclass
class TmxFile:
    header: TmxHeader
    units: list[TmxUnit] = field(default_factory=list)


def parse_tmx_date(value: str | None) -> float | None:
    """``20240131T235959Z`` → seconds since the epoch (``None`` when absent or malformed)."""
    if not value:
        return None
    try:
        return float(calendar.timegm(time.strptime(value.strip(), "%Y%m%dT%H%M%SZ")))
    except (ValueError, OverflowError):
        return None


def format_tmx_date(seconds: float) -> str:
    return time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(seconds))


def region_tag(tag: str) -> str:
    """A language tag as Trados and OmegaT like it: ``ja`` → ``ja-JP``, ``EN-us`` → ``en-US``."""
    parts = tag.replace("_", "-").split("-")
    language = parts[0].lower()
    if len(parts) == 1:
        return _DEFAULT_REGIONS.get(language, language)
    return "-".join([language, *(part.upper() if len(part) == 2 else part for part in parts[1:])])


def read_tmx(path: str | os.PathLike[str]) -> TmxFile:
    """Read a whole TMX file (see :func:`iter_tmx` for large files)."""
    units = iter_tmx(path)
    header = next(units)
    assert isinstance(header, TmxHeader)
    return TmxFile(header, [unit for unit in units if isinstance(unit, TmxUnit)])


def iter_tmx(path: str | os.PathLike[str]) -> Iterator[TmxHeader | TmxUnit]:
    """Yield the header, then each translation unit; raise :class:`DocumentError` for a bad or hostile file.

    DTDs are allowed (OmegaT writes ``<!DOCTYPE tmx SYSTEM "tmx11.dtd">``) but never loaded; entity
    declarations are refused. Inline markup (``<bpt>``, ``<ept>``, ``<ph>``, ``<it>``, ``<ut>``) is dropped,
    the text of ``<hi>`` kept.
    """
    source = Path(path)
    try:
        size = source.stat().st_size
        handle = source.open("rb")
    except OSError as exc:
        raise DocumentError(
            Text(f"ファイルを読み込めません: {source}", f"Cannot read the file: {source}"), detail=str(exc)
        ) from exc
    if size > MAX_TMX_BYTES:
        handle.close()
        raise DocumentError(
            Text(
                f"TMX ファイルが大きすぎます（{size / 1048576:.0f} MB）。",
                f"The TMX file is too large ({size / 1048576:.0f} MB).",
            )
        )
    with handle:
        yield from _parse(handle, source)


def _parse(handle: io.BufferedReader, source: Path) -> Iterator[TmxHeader | TmxUnit]:
    import defusedxml.ElementTree as SafeTree

    header_seen = False
    version = ""
    with xml_errors(source, "TMX"):
        stack: list[str] = []
        for event, element in SafeTree.iterparse(handle, events=("start", "end"), forbid_dtd=False):
            tag = _local(element.tag)
            if event == "start":
                if not stack:
                    if tag != "tmx":
                        raise _not_tmx(source, f"root element {tag}")
                    version = element.get("version", "")
                stack.append(tag)
                if tag == "body" and not header_seen:
                    header_seen = True
                    yield TmxHeader(version=version)
                continue
            stack.pop()
            if tag == "header":
                header_seen = True
                yield _header(element, version)
                element.clear()
            elif tag == "tu":
                if not header_seen:
                    header_seen = True
                    yield TmxHeader(version=version)
                unit = _unit(element)
                if unit.variants:
                    yield unit
                element.clear()
        if not header_seen:
            raise _not_tmx(source, "no header or body")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _header(element: Any, version: str) -> TmxHeader:
    get = element.get
    return TmxHeader(
        srclang=get("srclang", "*all*"),
        creationtool=get("creationtool", ""),
        creationtoolversion=get("creationtoolversion", ""),
        datatype=get("datatype", ""),
        segtype=get("segtype", ""),
        adminlang=get("adminlang", ""),
        o_tmf=get("o-tmf", ""),
        version=version,
    )


def _unit(element: Any) -> TmxUnit:
    variants = []
    props = []
    notes = []
    for child in element:
        tag = _local(child.tag)
        if tag == "tuv":
            lang = child.get(_XML_LANG) or child.get("lang") or ""
            seg = next((grand for grand in child if _local(grand.tag) == "seg"), None)
            if not lang or seg is None:
                continue
            variants.append(
                TmxVariant(
                    lang,
                    _seg_text(seg),
                    parse_tmx_date(child.get("creationdate")),
                    parse_tmx_date(child.get("changedate")),
                    child.get("creationid"),
                    child.get("changeid"),
                )
            )
        elif tag == "prop":
            props.append((child.get("type", ""), child.text or ""))
        elif tag == "note":
            notes.append(child.text or "")
    return TmxUnit(
        tuple(variants),
        tuple(props),
        tuple(notes),
        parse_tmx_date(element.get("creationdate")),
        parse_tmx_date(element.get("changedate")),
        element.get("creationid"),
        element.get("changeid"),
        element.get("tuid"),
    )


def _seg_text(seg: Any) -> str:
    parts = [seg.text or ""]
    for child in seg:
        if _local(child.tag) not in _NATIVE_CODE:
            parts.append(_seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def render_tmx(units: Iterable[TmxUnit], *, srclang: str, adminlang: str = "en-US") -> bytes:
    """TMX 1.4b bytes that OmegaT and Trados Studio import: one ``<tu>`` per unit, source language first."""
    out = io.StringIO()
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write('<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">\n')
    attributes = {
        "creationtool": "Workstation",
        "creationtoolversion": __version__,
        "datatype": "plaintext",
        "segtype": "sentence",
        "adminlang": adminlang,
        "srclang": region_tag(srclang),
        "o-tmf": "Workstation TM",
        "creationdate": format_tmx_date(time.time()),
    }
    out.write("  <header " + " ".join(f"{name}={quoteattr(value)}" for name, value in attributes.items()) + "/>\n")
    out.write("  <body>\n")
    for unit in units:
        out.write(_render_unit(unit))
    out.write("  </body>\n</tmx>\n")
    return out.getvalue().encode("utf-8")


def write_tmx(path: str | os.PathLike[str], units: Iterable[TmxUnit], *, srclang: str) -> None:
    data = render_tmx(units, srclang=srclang)
    try:
        atomic_write_bytes(path, data, private=True)
    except OSError as exc:
        raise write_error(path, exc) from exc


def _render_unit(unit: TmxUnit) -> str:
    attributes = _dates(unit.created, unit.changed, unit.creator, unit.changer)
    if unit.tuid:
        attributes = f" tuid={quoteattr(_clean(unit.tuid))}" + attributes
    lines = [f"    <tu{attributes}>\n"]
    lines.extend(f"      <note>{escape(_clean(note))}</note>\n" for note in unit.notes)
    lines.extend(
        f"      <prop type={quoteattr(_clean(kind))}>{escape(_clean(value))}</prop>\n" for kind, value in unit.props
    )
    for variant in unit.variants:
        dates = _dates(variant.created, variant.changed, variant.creator, variant.changer)
        lines.append(
            f"      <tuv xml:lang={quoteattr(region_tag(variant.lang))}{dates}>"
            f"<seg>{escape(_clean(variant.text))}</seg></tuv>\n"
        )
    lines.append("    </tu>\n")
    return "".join(lines)


def _dates(created: float | None, changed: float | None, creator: str | None, changer: str | None) -> str:
    parts = []
    if created is not None:
        parts.append(f' creationdate="{format_tmx_date(created)}"')
    if creator:
        parts.append(f" creationid={quoteattr(_clean(creator))}")
    if changed is not None:
        parts.append(f' changedate="{format_tmx_date(changed)}"')
    if changer:
        parts.append(f" changeid={quoteattr(_clean(changer))}")
    return "".join(parts)


def _clean(text: str) -> str:
    """Drop characters XML 1.0 cannot carry (control characters, lone surrogates)."""
    cleaned = _INVALID_XML.sub("", text)
    return cleaned.encode("utf-8", "replace").decode("utf-8") if _has_surrogate(cleaned) else cleaned


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def _not_tmx(source: Path, detail: str) -> DocumentError:
    return DocumentError(
        Text(
            f"TMX ファイルではありません: {source.name}",
            f"This is not a TMX file: {source.name}",
        ),
        detail=detail,
    )

"""A document split into paragraphs and translatable sentences, with its layout kept for reassembly.

``segment_document(text, lang)`` finds paragraphs (hard-wrapped lines joined), their prefixes (indentation,
list markers, header labels) and the sentences inside them. Only the sentences are translated; everything
else — blank lines, indentation, markers, classification and routing lines — is carried over verbatim by
:meth:`Document.assemble`, and a header label whose text is translated takes its form in the target language
(件名： → SUBJECT:, :mod:`workstation.core.labels`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from workstation.core.labels import translated_label
from workstation.core.layout import LineInfo, LineKind, classify_line, display_width
from workstation.core.sentences import split_sentences
from workstation.core.spans import Span, guess_language, is_cjk, is_translatable

__all__ = ["Document", "Paragraph", "Segment", "join_sentences", "segment_document", "sentence_joiner"]

WRAP_MIN_WIDTH = 40
"""A line this wide (in columns) or wider that stops mid-sentence is taken as hard-wrapped: the next line continues it."""
_SENTENCE_END = re.compile(r"[。．.！？!?:：]['\"”’」』）)】〕］\]]*$")
_LINE_BREAK = re.compile(r"[ \t\u3000]*\n[ \t\u3000]*")
SPACELESS_LANGUAGES = frozenset({"ja", "zh", "th", "lo", "km", "my"})


@dataclass(frozen=True)
class Segment:
    """One translatable sentence: where it is in the document and the text sent to translation."""

    index: int
    span: Span
    text: str
    paragraph: int

    @property
    def start(self) -> int:
        return self.span.start

    @property
    def end(self) -> int:
        return self.span.end


@dataclass(frozen=True)
class Paragraph:
    """Consecutive lines that belong together; ``prefix`` is the verbatim indentation + marker or label."""

    index: int
    span: Span
    kind: LineKind
    prefix: Span
    marker: str = ""
    label: str = ""
    segments: tuple[int, ...] = ()
    lines: int = 1


@dataclass(frozen=True)
class Document:
    """The segmentation of ``text``: paragraphs and translatable segments with code-point offsets."""

    text: str
    lang: str
    paragraphs: tuple[Paragraph, ...]
    segments: tuple[Segment, ...]

    @property
    def sentences(self) -> list[str]:
        """The texts to translate, in document order."""
        return [segment.text for segment in self.segments]

    def paragraph_of(self, offset: int) -> Paragraph | None:
        """The paragraph holding the code point at ``offset`` (``None`` on a blank line)."""
        for paragraph in self.paragraphs:
            if paragraph.span.start <= offset < paragraph.span.end:
                return paragraph
        return None

    def assemble(self, targets: Sequence[str | None], target_lang: str) -> str:
        """The document with each segment replaced by its target (``None`` keeps the source sentence).

        Between two sentences of one paragraph the source spacing is replaced by the target language's
        (none between Japanese sentences, one space between English ones), and the label of a header line whose
        first sentence is translated is written in the target language; everything else is verbatim.
        """
        return self.assemble_with_spans(targets, target_lang)[0]

    def assemble_with_spans(self, targets: Sequence[str | None], target_lang: str) -> tuple[str, list[Span]]:
        """Like :meth:`assemble`, plus where each segment's target lies in the assembled text."""
        if len(targets) != len(self.segments):
            raise ValueError(f"expected {len(self.segments)} targets, got {len(targets)}")
        parts: list[str] = []
        spans: list[Span] = []
        length = 0
        position = 0
        previous: Segment | None = None
        previous_target: str | None = None
        for segment, target in zip(self.segments, targets, strict=True):
            gap = self.text[position : segment.start]
            translated = target is not None or previous_target is not None
            if previous is not None and previous.paragraph == segment.paragraph and not gap.strip() and translated:
                gap = sentence_joiner(gap, target_lang)
            paragraph = self.paragraphs[segment.paragraph]
            if target is not None and paragraph.label and paragraph.segments[0] == segment.index:
                gap = _with_translated_label(gap, paragraph.label, target_lang)
            piece = self.text[segment.start : segment.end] if target is None else target
            parts += [gap, piece]
            length += len(gap)
            spans.append(Span(length, length + len(piece)))
            length += len(piece)
            position = segment.end
            previous, previous_target = segment, target
        parts.append(self.text[position:])
        return "".join(parts), spans


def _with_translated_label(gap: str, label: str, target_lang: str) -> str:
    """``gap`` (the text before a header line's first sentence) with its trailing ``label`` in ``target_lang``."""
    translated = translated_label(label, target_lang)
    at = gap.rfind(label.rstrip())
    if translated is None or at < 0 or gap[at:].strip() != label.strip():
        return gap
    return gap[:at] + translated


def sentence_joiner(source_gap: str, target_lang: str) -> str:
    """What separates two sentences of one paragraph in the target language."""
    if target_lang.split("-")[0] in SPACELESS_LANGUAGES:
        return ""
    return source_gap if source_gap and "\n" not in source_gap and "\u3000" not in source_gap else " "


def join_sentences(parts: Sequence[str], lang: str) -> str:
    """Join pieces of one sentence (or sentences) the way ``lang`` writes them."""
    joined = ""
    for part in parts:
        if joined and part and not (lang.split("-")[0] in SPACELESS_LANGUAGES or is_cjk(joined[-1])):
            joined += " "
        joined += part
    return joined


def _unwrap(text: str) -> str:
    """A hard-wrapped sentence as one line: line breaks become a space, or nothing between Japanese characters."""

    def replace(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        return "" if before and after and is_cjk(before) and is_cjk(after) else " "

    return _LINE_BREAK.sub(replace, text)


@dataclass
class _Block:
    kind: LineKind
    info: LineInfo
    start: int
    body_start: int
    end: int
    lines: int = 1
    last_line: str = ""


def _continues(block: _Block | None, line: str, info: LineInfo) -> bool:
    """Whether ``line`` continues the hard-wrapped paragraph ``block``."""
    if block is None or info.kind is not LineKind.TEXT:
        return False
    if block.kind not in (LineKind.TEXT, LineKind.LIST_ITEM, LineKind.HEADER):
        return False
    previous = block.last_line.rstrip()
    if display_width(previous) < WRAP_MIN_WIDTH:
        return False
    first = line[len(info.indent) : len(info.indent) + 1]
    if _SENTENCE_END.search(previous) and not (first.isascii() and first.islower()):
        return False
    if "\u3000" in info.indent:
        return False
    if block.kind is LineKind.TEXT:
        return len(info.indent) <= len(block.info.indent)
    return True


def segment_document(text: str, lang: str | None = None) -> Document:
    """Split ``text`` (newlines normalised to ``\\n``) into paragraphs and sentences; ``lang`` is guessed if omitted."""
    language = lang or guess_language(text)
    blocks: list[_Block] = []
    current: _Block | None = None
    header_zone = True
    position = 0
    for line in text.split("\n"):
        line_end = position + len(line)
        info = classify_line(line, in_header_zone=header_zone)
        if info.kind is LineKind.BLANK:
            current = None
        elif _continues(current, line, info):
            assert current is not None
            current.end = line_end - (len(line) - len(line.rstrip()))
            current.lines += 1
            current.last_line = line
        else:
            current = _Block(info.kind, info, position, position + info.body_start, line_end, last_line=line)
            current.end = line_end - (len(line) - len(line.rstrip()))
            blocks.append(current)
            if info.kind in (LineKind.TEXT, LineKind.LIST_ITEM):
                header_zone = False
        position = line_end + 1

    paragraphs: list[Paragraph] = []
    segments: list[Segment] = []
    for block in blocks:
        index = len(paragraphs)
        segment_indices: list[int] = []
        if block.kind not in (LineKind.MARKING, LineKind.ROUTING) and block.body_start < block.end:
            body = text[block.body_start : block.end]
            for span in split_sentences(body, language, join_lines=True):
                sentence = span.of(body)
                if not is_translatable(sentence):
                    continue
                segment_indices.append(len(segments))
                segments.append(
                    Segment(len(segments), span.shifted(block.body_start), _unwrap(sentence), index)
                )
        prefix_end = min(block.body_start, block.end)
        paragraphs.append(
            Paragraph(
                index=index,
                span=Span(block.start, block.end),
                kind=block.kind,
                prefix=Span(block.start, prefix_end),
                marker=block.info.marker,
                label=block.info.label,
                segments=tuple(segment_indices),
                lines=block.lines,
            )
        )
    return Document(text, language, tuple(paragraphs), tuple(segments))

"""Text model shared by all engines: documents, paragraphs, segments, offsets, sentence splitting (no Qt)."""

from workstation.core.document import Document, Paragraph, Segment, join_sentences, segment_document
from workstation.core.layout import LineKind
from workstation.core.sentences import split_sentences
from workstation.core.spans import Span, guess_language, is_translatable

__all__ = [
    "Document",
    "LineKind",
    "Paragraph",
    "Segment",
    "Span",
    "guess_language",
    "is_translatable",
    "join_sentences",
    "segment_document",
    "split_sentences",
]

"""Text model shared by all engines: documents, paragraphs, segments, offsets, sentence splitting (no Qt)."""

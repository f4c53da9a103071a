"""Reading and writing files: text with encoding detection, docx, TMX, glossaries (no Qt)."""

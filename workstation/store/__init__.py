"""SQLite persistence: sessions, autosave, translation memory (no Qt)."""

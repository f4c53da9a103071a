"""SQLite persistence and terminology (no Qt).

- ``sessions``: ``SessionStore``, autosave of open documents and crash recovery.
- ``memory``: ``TranslationMemory``, confirmed pairs with exact and fuzzy lookup, TMX import and export.
- ``glossary``: ``Glossary``, term finding, the terminology check and "do not translate" terms.
- ``wipe``: what ``workstation data wipe`` deletes.
"""

"""The translation cache: keyed by model, options and source; persistent, bounded, private."""

from __future__ import annotations

import stat
from pathlib import Path

from workstation.translate.cache import CachedTranslation, TranslationCache


def test_key_includes_model_options_and_source() -> None:
    cache = TranslationCache()
    cache.put("model-a", "opts-1", "こんにちは。", CachedTranslation("Hello.", -0.5))
    assert cache.get("model-a", "opts-1", "こんにちは。") == CachedTranslation("Hello.", -0.5)
    assert cache.get("model-b", "opts-1", "こんにちは。") is None
    assert cache.get("model-a", "opts-2", "こんにちは。") is None
    assert cache.get("model-a", "opts-1", "こんばんは。") is None
    assert (cache.hits, cache.misses) == (1, 3)


def test_memory_is_bounded_least_recently_used_first() -> None:
    cache = TranslationCache(memory_entries=2)
    for word in ("a", "b"):
        cache.put("m", "o", word, CachedTranslation(word.upper(), 0.0))
    assert cache.get("m", "o", "a") is not None
    cache.put("m", "o", "c", CachedTranslation("C", 0.0))
    assert cache.get("m", "o", "b") is None
    assert cache.get("m", "o", "a") is not None
    assert len(cache) == 2


def test_entries_survive_a_restart_in_a_private_file(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "translations.sqlite3"
    first = TranslationCache(path)
    first.put("m", "o", "source", CachedTranslation("target", -1.25, ("42",)))
    first.close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    second = TranslationCache(path)
    assert second.get("m", "o", "source") == CachedTranslation("target", -1.25, ("42",))
    second.clear()
    assert second.get("m", "o", "source") is None
    second.close()


def test_a_damaged_cache_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "translations.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    cache = TranslationCache(path)
    cache.put("m", "o", "s", CachedTranslation("t", 0.0))
    assert cache.get("m", "o", "s") == CachedTranslation("t", 0.0)
    cache.close()

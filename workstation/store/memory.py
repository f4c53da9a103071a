"""Translation memory: confirmed segment pairs in SQLite, exact and fuzzy lookup, TMX import and export.

Lookup stays fast on large memories: exact and near-exact matches come from hash indexes; fuzzy
candidates come from an inverted index of each language's word tokens (morphemes for Japanese),
queried with the query's rarest tokens, and only those candidates are scored with rapidfuzz.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from workstation.errors import WorkstationError
from workstation.i18n import Text
from workstation.paths import user_data_dir
from workstation.store.db import Migration, connect, serialized, storable, tighten_permissions, transaction
from workstation.store.matching import (
    MatchKind,
    SegmentKey,
    classify,
    index_tokens,
    join_tokens,
    normalise,
    primary_language,
    segment_key,
    split_tokens,
)

__all__ = [
    "MEMORY_FILE_NAME",
    "ORIGINS",
    "ImportCancelled",
    "ImportResult",
    "MemoryUnit",
    "TmMatch",
    "TranslationMemory",
    "default_memory_path",
]

MEMORY_FILE_NAME = "memory.sqlite3"
ORIGINS = ("human", "tm", "machine")
"""Where a stored translation came from; with equal scores, matches are offered in this order."""
Origin = Literal["human", "machine", "tm"]

DEFAULT_LIMIT = 5
DEFAULT_MIN_SCORE = 50
CANDIDATES = 200
"""Fuzzy candidates scored per lookup (those sharing the most rare tokens with the query)."""
POSTINGS_BUDGET = 30_000
"""Index rows a lookup may read; the rarest query tokens are used until this is spent."""
MAX_QUERY_TOKENS = 12

_NAME = Text("翻訳メモリ", "the translation memory")

_MIGRATIONS: tuple[Migration, ...] = (
    """
    CREATE TABLE units (
        id INTEGER PRIMARY KEY,
        created REAL NOT NULL,
        changed REAL NOT NULL,
        origin TEXT NOT NULL CHECK (origin IN ('human', 'machine', 'tm')),
        document TEXT,
        model_id TEXT,
        creator TEXT
    );
    CREATE TABLE variants (
        unit_id INTEGER NOT NULL REFERENCES units(id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        tag TEXT NOT NULL,
        text TEXT NOT NULL,
        norm_hash BLOB NOT NULL,
        numbers_hash BLOB NOT NULL,
        skeleton_hash BLOB NOT NULL,
        ntokens INTEGER NOT NULL,
        tokens TEXT NOT NULL,
        position INTEGER NOT NULL,
        PRIMARY KEY (unit_id, lang)
    ) WITHOUT ROWID;
    CREATE INDEX variants_by_norm ON variants(lang, norm_hash);
    CREATE INDEX variants_by_numbers ON variants(lang, numbers_hash);
    CREATE INDEX variants_by_skeleton ON variants(lang, skeleton_hash);
    CREATE TABLE postings (
        lang TEXT NOT NULL,
        token TEXT NOT NULL,
        unit_id INTEGER NOT NULL,
        PRIMARY KEY (lang, token, unit_id)
    ) WITHOUT ROWID;
    CREATE TABLE token_counts (
        lang TEXT NOT NULL,
        token TEXT NOT NULL,
        df INTEGER NOT NULL,
        PRIMARY KEY (lang, token)
    ) WITHOUT ROWID;
    """,
)


def default_memory_path() -> Path:
    return user_data_dir() / MEMORY_FILE_NAME


@dataclass(frozen=True)
class MemoryUnit:
    """A stored pair (or more languages, from TMX): its texts by language tag, dates and provenance."""

    id: int
    texts: tuple[tuple[str, str], ...]
    """``(language tag, text)``, e.g. ``(("ja-JP", "…"), ("en-US", "…"))``."""
    created: float
    changed: float
    origin: Origin
    document: str | None
    model_id: str | None
    creator: str | None

    def text(self, lang: str) -> str | None:
        wanted = primary_language(lang)
        return next((text for tag, text in self.texts if primary_language(tag) == wanted), None)


@dataclass(frozen=True)
class TmMatch:
    """A memory entry matching a source segment, best first; ``score`` 0–100."""

    score: int
    kind: MatchKind
    source: str
    target: str
    unit: MemoryUnit


class ImportCancelled(WorkstationError):
    """A bulk import was cancelled; the memory is as it was before."""


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    skipped: int
    """Units without text in both languages of the pair asked for (or empty)."""


class TranslationMemory:
    """The translation memory database (one file for every language pair)."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else default_memory_path()
        self._lock = threading.RLock()
        self._connection = connect(self.path, _MIGRATIONS, name=_NAME)

    def __enter__(self) -> TranslationMemory:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @serialized
    def close(self) -> None:
        self._connection.close()

    @serialized
    def __len__(self) -> int:
        return int(self._connection.execute("SELECT COUNT(*) FROM units").fetchone()[0])

    @serialized
    def add(
        self,
        source: str,
        target: str,
        source_lang: str,
        target_lang: str,
        *,
        origin: Origin = "human",
        document: str | None = None,
        model_id: str | None = None,
        creator: str | None = None,
    ) -> int:
        """Store a confirmed pair; the same source and target already stored only get a newer date. Returns its id."""
        with transaction(self._connection, name=_NAME) as db:
            unit_id, _ = self._store(
                db, ((source_lang, source), (target_lang, target)), origin, document, model_id, creator, None, None
            )
        tighten_permissions(self.path)
        return unit_id

    @serialized
    def add_many(
        self,
        units: Iterable[tuple[tuple[tuple[str, str], ...], dict[str, object]]],
        progress: Callable[[int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> tuple[int, int]:
        """Store many units in one transaction: ``(texts, fields)`` with ``fields`` as keywords of :meth:`add`.

        ``progress(count)`` is called every 1,000 units; when ``cancel()`` turns true, nothing is stored and
        :class:`ImportCancelled` is raised. Returns ``(added, updated)``.
        """
        added = updated = 0
        counts: Counter[tuple[str, str]] = Counter()
        with transaction(self._connection, name=_NAME) as db:
            for count, (texts, fields) in enumerate(units, 1):
                _, new = self._store(
                    db,
                    texts,
                    str(fields.get("origin", "tm")),  # type: ignore[arg-type]
                    _optional(fields.get("document")),
                    _optional(fields.get("model_id")),
                    _optional(fields.get("creator")),
                    _number(fields.get("created")),
                    _number(fields.get("changed")),
                    counts,
                )
                added += new
                updated += not new
                if count % 1000 == 0:
                    if cancel is not None and cancel():
                        raise ImportCancelled(Text("取り込みを中止しました。", "The import was cancelled."))
                    if progress is not None:
                        progress(count)
            _count_tokens(db, counts)
        tighten_permissions(self.path)
        return added, updated

    @serialized
    def delete(self, unit_id: int) -> None:
        with transaction(self._connection, name=_NAME) as db:
            self._delete(db, unit_id)

    @serialized
    def get(self, unit_id: int) -> MemoryUnit | None:
        row = self._connection.execute(
            "SELECT id, created, changed, origin, document, model_id, creator FROM units WHERE id = ?", (unit_id,)
        ).fetchone()
        return None if row is None else self._unit(row)

    @serialized
    def units(self, source_lang: str | None = None, target_lang: str | None = None) -> list[MemoryUnit]:
        """Every unit (having both languages when they are given), oldest first."""
        query = "SELECT id, created, changed, origin, document, model_id, creator FROM units u"
        params: list[str] = []
        for lang in (source_lang, target_lang):
            if lang is not None:
                query += (" AND" if params else " WHERE") + (
                    " EXISTS (SELECT 1 FROM variants v WHERE v.unit_id = u.id AND v.lang = ?)"
                )
                params.append(primary_language(lang))
        rows = self._connection.execute(query + " ORDER BY id", params).fetchall()
        texts: dict[int, list[tuple[str, str]]] = {}
        for unit_id, tag, text in self._connection.execute(
            "SELECT unit_id, tag, text FROM variants ORDER BY unit_id, position"
        ):
            texts.setdefault(unit_id, []).append((tag, text))
        return [MemoryUnit(row[0], tuple(texts.get(row[0], ())), *row[1:]) for row in rows]

    @serialized
    def concordance(self, text: str, lang: str, *, limit: int = 50) -> list[MemoryUnit]:
        """Units whose ``lang`` text contains ``text`` (ASCII case ignored), newest first: the translator's search."""
        needle = storable(text).strip()
        if not needle:
            return []
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._connection.execute(
            "SELECT u.id, u.created, u.changed, u.origin, u.document, u.model_id, u.creator"
            " FROM variants v JOIN units u ON u.id = v.unit_id"
            " WHERE v.lang = ? AND v.text LIKE ? ESCAPE '\\' ORDER BY u.changed DESC, u.id DESC LIMIT ?",
            (primary_language(lang), pattern, limit),
        ).fetchall()
        return [self._unit(row) for row in rows]

    @serialized
    def lookup(
        self,
        source: str,
        source_lang: str,
        target_lang: str,
        *,
        limit: int = DEFAULT_LIMIT,
        min_score: int = DEFAULT_MIN_SCORE,
    ) -> list[TmMatch]:
        """Matches for ``source``, best first: exact, near-exact (numbers/punctuation), then fuzzy ≥ ``min_score``."""
        src, tgt = primary_language(source_lang), primary_language(target_lang)
        source = storable(source)
        if not source.strip():
            return []
        query = segment_key(source, src)
        near = self._hash_candidates(query, src)
        candidates = near | self._token_candidates(query, src)
        if not candidates:
            return []
        low, high = _length_bounds(len(query.tokens), min_score)
        marks = ",".join("?" * len(candidates))
        rows = self._connection.execute(
            "SELECT s.unit_id, s.text, t.text, s.ntokens, s.tokens, s.norm_hash, s.numbers_hash, s.skeleton_hash"
            " FROM variants s JOIN variants t ON t.unit_id = s.unit_id AND t.lang = ?"
            f" WHERE s.lang = ? AND s.unit_id IN ({marks})",
            (tgt, src, *candidates),
        ).fetchall()
        scored: list[tuple[int, MatchKind, int, str, str]] = []
        for unit_id, text, target, ntokens, tokens, norm_hash, numbers_hash, skeleton_hash in rows:
            if unit_id not in near and not low <= ntokens <= high:
                continue
            stored = SegmentKey(text, normalise(text), split_tokens(tokens), norm_hash, numbers_hash, skeleton_hash)
            score, kind = classify(query, stored)
            if score >= min_score:
                scored.append((score, kind, unit_id, text, target))
        # Same score: a human translation before a TM import before a machine one, then the newest.
        ranks = self._ranks({unit_id for _, _, unit_id, _, _ in scored})
        scored.sort(key=lambda item: (-item[0], *ranks.get(item[2], (9, 0.0)), -item[2]))
        matches = []
        for score, kind, unit_id, text, target in scored[:limit]:
            unit = self.get(unit_id)
            if unit is not None:
                matches.append(TmMatch(score, kind, text, target, unit))
        return matches

    def import_tmx(
        self,
        path: str | os.PathLike[str],
        *,
        origin: Origin = "tm",
        progress: Callable[[int], None] | None = None,
        cancel: Callable[[], bool] | None = None,
    ) -> ImportResult:
        """Import a TMX file (every language pair in it) in one transaction; dates and authors are kept."""
        from workstation.io.tmx import TmxUnit, iter_tmx

        skipped = 0

        def units() -> Iterator[tuple[tuple[tuple[str, str], ...], dict[str, object]]]:
            nonlocal skipped
            for unit in iter_tmx(path):
                if not isinstance(unit, TmxUnit):
                    continue
                texts = tuple((variant.lang, variant.text) for variant in unit.variants if variant.text.strip())
                if len({primary_language(tag) for tag, _ in texts}) < 2:
                    skipped += 1
                    continue
                created = unit.created or min((v.created for v in unit.variants if v.created), default=None)
                changed = unit.changed or max((v.changed for v in unit.variants if v.changed), default=None)
                creator = unit.creator or next((v.changer or v.creator for v in unit.variants if v.changer or v.creator), None)
                fields: dict[str, object] = {
                    "origin": _origin(unit.prop("x-origin") or unit.prop("x-Origin"), origin),
                    "document": unit.prop("x-document") or unit.prop("x-Document:SingleString") or unit.prop("file"),
                    "model_id": unit.prop("x-model"),
                    "creator": creator,
                    "created": created,
                    "changed": changed,
                }
                yield texts, fields

        added, updated = self.add_many(units(), progress, cancel)
        return ImportResult(added, updated, skipped)

    @serialized
    def export_tmx(self, path: str | os.PathLike[str], source_lang: str, target_lang: str | None = None) -> int:
        """Write the memory (or one language pair of it) as TMX 1.4b; returns the number of units written."""
        from workstation.io.tmx import TmxUnit, TmxVariant, write_tmx

        src = primary_language(source_lang)
        wanted = None if target_lang is None else {src, primary_language(target_lang)}
        tmx_units = []
        for unit in self.units(source_lang, target_lang):
            texts = [(tag, text) for tag, text in unit.texts if wanted is None or primary_language(tag) in wanted]
            texts.sort(key=lambda pair: primary_language(pair[0]) != src)
            props = [("x-origin", unit.origin)]
            if unit.document:
                props.append(("x-document", unit.document))
            if unit.model_id:
                props.append(("x-model", unit.model_id))
            variants = tuple(TmxVariant(tag, text) for tag, text in texts)
            tmx_units.append(
                TmxUnit(variants, tuple(props), (), unit.created, unit.changed, unit.creator, unit.creator)
            )
        write_tmx(path, tmx_units, srclang=source_lang)
        return len(tmx_units)

    def _store(
        self,
        db: sqlite3.Connection,
        texts: tuple[tuple[str, str], ...],
        origin: Origin,
        document: str | None,
        model_id: str | None,
        creator: str | None,
        created: float | None,
        changed: float | None,
        counts: Counter[tuple[str, str]] | None = None,
    ) -> tuple[int, bool]:
        """Insert (or refresh) one unit; index-token counts go to ``counts`` when given, for a bulk write."""
        if origin not in ORIGINS:
            raise ValueError(f"origin must be one of {ORIGINS}, not {origin!r}")
        keys = []
        seen: set[str] = set()
        for tag, raw in texts:
            text = storable(raw)
            lang = primary_language(tag)
            if lang in seen:
                continue
            seen.add(lang)
            keys.append((lang, tag, text, segment_key(text, lang)))
        now = time.time()
        existing = self._same_unit(db, keys)
        if existing is not None:
            db.execute(
                "UPDATE units SET changed = MAX(changed, ?), origin = ?, document = COALESCE(?, document),"
                " model_id = COALESCE(?, model_id) WHERE id = ?",
                (changed or now, origin, document, model_id, existing),
            )
            return existing, False
        cursor = db.execute(
            "INSERT INTO units (created, changed, origin, document, model_id, creator) VALUES (?, ?, ?, ?, ?, ?)",
            (created or changed or now, changed or created or now, origin, document, model_id, creator),
        )
        unit_id = cursor.lastrowid
        assert unit_id is not None
        db.executemany(
            "INSERT INTO variants (unit_id, lang, tag, text, norm_hash, numbers_hash, skeleton_hash, ntokens,"
            " tokens, position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    unit_id,
                    lang,
                    tag,
                    text,
                    key.norm_hash,
                    key.numbers_hash,
                    key.skeleton_hash,
                    len(key.tokens),
                    join_tokens(key.tokens),
                    index,
                )
                for index, (lang, tag, text, key) in enumerate(keys)
            ],
        )
        postings = [(lang, token, unit_id) for lang, _, _, key in keys for token in index_tokens(list(key.tokens))]
        db.executemany("INSERT OR IGNORE INTO postings (lang, token, unit_id) VALUES (?, ?, ?)", postings)
        if counts is None:
            _count_tokens(db, Counter((lang, token) for lang, token, _ in postings))
        else:
            counts.update((lang, token) for lang, token, _ in postings)
        return unit_id, True

    def _same_unit(self, db: sqlite3.Connection, keys: list[tuple[str, str, str, SegmentKey]]) -> int | None:
        """A stored unit with exactly these texts (compared per language)."""
        if len(keys) < 2:
            return None
        (lang, _, text, key), rest = keys[0], keys[1:]
        for (unit_id,) in db.execute(
            "SELECT unit_id FROM variants WHERE lang = ? AND norm_hash = ? AND text = ?", (lang, key.norm_hash, text)
        ).fetchall():
            stored = dict(db.execute("SELECT lang, text FROM variants WHERE unit_id = ?", (unit_id,)).fetchall())
            if len(stored) == len(keys) and all(stored.get(other) == other_text for other, _, other_text, _ in rest):
                return int(unit_id)
        return None

    def _delete(self, db: sqlite3.Connection, unit_id: int) -> None:
        variants = db.execute("SELECT lang, text FROM variants WHERE unit_id = ?", (unit_id,)).fetchall()
        for lang, text in variants:
            tokens = index_tokens(list(segment_key(text, lang).tokens))
            db.executemany(
                "DELETE FROM postings WHERE lang = ? AND token = ? AND unit_id = ?",
                [(lang, token, unit_id) for token in tokens],
            )
            db.executemany(
                "UPDATE token_counts SET df = df - 1 WHERE lang = ? AND token = ?", [(lang, token) for token in tokens]
            )
        db.execute("DELETE FROM token_counts WHERE df <= 0")
        db.execute("DELETE FROM units WHERE id = ?", (unit_id,))

    def _hash_candidates(self, query: SegmentKey, lang: str) -> set[int]:
        rows = self._connection.execute(
            "SELECT unit_id FROM variants WHERE lang = ? AND norm_hash = ?"
            " UNION SELECT unit_id FROM variants WHERE lang = ? AND numbers_hash = ?"
            " UNION SELECT unit_id FROM variants WHERE lang = ? AND skeleton_hash = ? LIMIT 1000",
            (lang, query.norm_hash, lang, query.numbers_hash, lang, query.skeleton_hash),
        ).fetchall()
        return {row[0] for row in rows}

    def _token_candidates(self, query: SegmentKey, lang: str) -> set[int]:
        tokens = sorted(index_tokens(list(query.tokens)))
        if not tokens:
            return set()
        marks = ",".join("?" * len(tokens))
        counts = self._connection.execute(
            f"SELECT token, df FROM token_counts WHERE lang = ? AND token IN ({marks})", (lang, *tokens)
        ).fetchall()
        chosen: list[str] = []
        budget = 0
        for token, df in sorted(counts, key=lambda pair: pair[1]):
            if chosen and (budget + df > POSTINGS_BUDGET or len(chosen) >= MAX_QUERY_TOKENS):
                break
            chosen.append(token)
            budget += df
        if not chosen:
            return set()
        marks = ",".join("?" * len(chosen))
        rows = self._connection.execute(
            f"SELECT unit_id FROM postings WHERE lang = ? AND token IN ({marks})"
            f" GROUP BY unit_id ORDER BY COUNT(*) DESC, unit_id DESC LIMIT {CANDIDATES}",
            (lang, *chosen),
        ).fetchall()
        return {row[0] for row in rows}

    def _ranks(self, unit_ids: set[int]) -> dict[int, tuple[int, float]]:
        """``(origin rank, -changed)`` of each unit, for ordering matches with equal scores."""
        if not unit_ids:
            return {}
        marks = ",".join("?" * len(unit_ids))
        rows = self._connection.execute(
            f"SELECT id, origin, changed FROM units WHERE id IN ({marks})", tuple(unit_ids)
        ).fetchall()
        return {unit_id: (ORIGINS.index(origin), -changed) for unit_id, origin, changed in rows}

    def _unit(self, row: tuple[object, ...]) -> MemoryUnit:
        unit_id, created, changed, origin, document, model_id, creator = row
        texts = tuple(
            (tag, text)
            for tag, text in self._connection.execute(
                "SELECT tag, text FROM variants WHERE unit_id = ? ORDER BY position", (unit_id,)
            ).fetchall()
        )
        return MemoryUnit(unit_id, texts, created, changed, origin, document, model_id, creator)  # type: ignore[arg-type]


def _count_tokens(db: sqlite3.Connection, counts: Counter[tuple[str, str]]) -> None:
    db.executemany(
        "INSERT INTO token_counts (lang, token, df) VALUES (?, ?, ?)"
        " ON CONFLICT (lang, token) DO UPDATE SET df = df + excluded.df",
        [(lang, token, count) for (lang, token), count in counts.items()],
    )


def _length_bounds(tokens: int, min_score: int) -> tuple[int, int]:
    """Token counts a candidate may have and still reach ``min_score`` (edit distance ≥ length difference)."""
    share = max(min_score, 1) / 100
    return int(tokens * share) - 1, int(tokens / share) + 1


_TRADOS_ORIGINS: dict[str, Origin] = {
    "interactive": "human",
    "tm": "tm",
    "alignment": "tm",
    "machinetranslation": "machine",
    "neuralmachinetranslation": "machine",
    "adaptivemachinetranslation": "machine",
}


def _origin(value: str | None, default: Origin) -> Origin:
    """Our ``x-origin`` values, or Trados Studio's ``x-Origin`` (Interactive, TM, MachineTranslation, ...)."""
    if value in ORIGINS:
        return value  # type: ignore[return-value]
    return _TRADOS_ORIGINS.get((value or "").strip().lower(), default)


def _optional(value: object) -> str | None:
    return None if value is None else str(value)


def _number(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None

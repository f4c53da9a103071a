"""The GUI's one door to the engines (documents, proofreading, diff, translation, store).

Engines are imported on first use so the window opens fast. Nothing here holds translation, proofreading or diff
logic; these functions only call the engines and hand back their own result types. They may run on worker
threads: none of them touches a widget.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.i18n import current_language

log = logging.getLogger(__name__)


# ----- documents --------------------------------------------------------------------------------------------
def open_document(path: str | Path) -> Any:
    """Read a .txt (encoding detected) or .docx document; a ``DocumentError`` explains bad input."""
    from workstation.io.documents import open_document as io_open_document

    return io_open_document(Path(path))


def reopen_recovered(path: str | None) -> Any:
    """The file behind a recovered document, or ``None`` when it is gone or unreadable (the text stays unsaved)."""
    if not path or not Path(path).is_file():
        return None
    try:
        return open_document(path)
    except Exception:
        log.warning("cannot reopen %s after recovery; the text is kept as unsaved", path)
        return None


def untitled_document(text: str = "") -> Any:
    from workstation.io.documents import Document

    return Document.untitled(text)


def save_document(document: Any, text: str, path: str | Path | None = None) -> Any:
    """Write ``text`` atomically as ``document`` (or to ``path``), keeping its format, encoding and line endings."""
    from workstation.io.documents import save_document as io_save_document

    return io_save_document(document if document is not None else untitled_document(text), text, path)


def line_places(document: Any, text: str) -> tuple[str, ...] | None:
    """Where each line of ``text`` is in ``document`` (body, header, footnote, ...), when that is known."""
    return document.line_places(text) if document is not None else None


def document_info(document: Any) -> dict[str, Any]:
    """What autosave records about a document (where it came from and how to write it back)."""
    if document is None:
        return {}
    return {
        "path": str(document.path) if document.path is not None else "",
        "kind": document.kind,
        "encoding": document.encoding,
        "newline": document.newline,
        "bom": document.bom,
    }


# ----- proofreading -----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class CheckerConfig:
    profile: str
    dictionaries: tuple[str, ...]
    disabled_rules: tuple[str, ...]


def proofreading_profiles() -> list[tuple[str, str]]:
    """``(name, title)`` of each bundled proofreading profile, in the UI language."""
    from workstation.proofread.profiles import available_profiles, load_profile

    result = []
    for name in available_profiles():
        try:
            result.append((name, str(load_profile(name).title)))
        except Exception:
            result.append((name, name))
    return result


def profile_title(name: str) -> str:
    """The profile's display name in the UI language (``name`` may also be a path to a profile file)."""
    from workstation.proofread.profiles import load_profile

    try:
        return str(load_profile(name).title)
    except Exception:
        return Path(name).stem


def make_checker(config: CheckerConfig) -> Any:
    """A proofreading ``Checker`` for the profile, dictionaries and switched-off rules."""
    from workstation.proofread.checker import Checker

    overrides = {rule_id: {"enabled": False} for rule_id in config.disabled_rules}
    return Checker(config.profile, config.dictionaries, overrides)


def rule_name(rule_id: str) -> str:
    return _rule_names(current_language()).get(rule_id, rule_id)


@functools.cache
def _rule_names(language: str) -> dict[str, str]:
    from workstation.proofread.rules import all_rules

    return {rule_id: rule.name.get(language) for rule_id, rule in all_rules().items()}


def rule_description(rule_id: str) -> str:
    from workstation.proofread.rules import all_rules

    rule = all_rules().get(rule_id)
    return str(rule.description) if rule is not None else ""


def apply_fixes(text: str, issues: list[Any]) -> str:
    from workstation.proofread.checker import apply_fixes as engine_apply_fixes

    return engine_apply_fixes(text, issues)


# ----- diff -------------------------------------------------------------------------------------------------
def diff_texts(old: str, new: str) -> Any:
    """The engine's ``TextDiff`` of two texts (line, then word/morpheme level)."""
    from workstation.diff.engine import diff_texts as engine_diff_texts

    return engine_diff_texts(old, new)


def review(diff: Any, decisions: dict[str, str] | None = None) -> Any:
    """A ``Review`` holding accept/reject decisions for ``diff`` (moves are decided with their partner)."""
    from workstation.diff.review import Review

    return Review(diff, decisions)


REVIEW_RECORD = "compare-review"
"""``model_id`` of the store segment record that carries a review's decisions through autosave."""


def review_state(review: dict[str, Any]) -> list[Any]:
    """A review's decisions as the store's segment records (one record whose options hold them)."""
    from workstation.store.sessions import SegmentState

    return [SegmentState(0, 0, "", "machine", REVIEW_RECORD, review)]


def review_from_state(states: list[Any]) -> dict[str, Any]:
    for state in states:
        if state.model_id == REVIEW_RECORD:
            return dict(state.options)
    return {}


def write_diff_report(
    diff: Any, path: str | Path, *, old_label: str, new_label: str, old_document: Any = None, new_document: Any = None
) -> None:
    """Write the diff engine's self-contained HTML report (in the UI language) to ``path``."""
    from workstation.diff.documents import DocumentSide
    from workstation.diff.html_report import render_html
    from workstation.io.atomic import atomic_write_bytes

    html = render_html(
        diff,
        old=DocumentSide(old_label, old_document) if old_document is not None else None,
        new=DocumentSide(new_label, new_document) if new_document is not None else None,
        old_label=old_label,
        new_label=new_label,
    )
    atomic_write_bytes(Path(path), html.encode("utf-8"))


# ----- store ------------------------------------------------------------------------------------------------
def wipe_targets() -> list[Path]:
    """What "wipe stored data" deletes: autosaves, translation memory, caches and logs (models and settings stay)."""
    from workstation.store.wipe import wipe_targets as store_wipe_targets

    return store_wipe_targets()


def wipe_stored_data() -> list[str]:
    """Delete :func:`wipe_targets`; return the paths that could not be deleted."""
    from workstation.store.wipe import delete_paths

    return delete_paths(wipe_targets())


# ----- translation ------------------------------------------------------------------------------------------
UNTRANSLATED = "untranslated"
"""Origin of a sentence left in the source language (outside a translated selection)."""

@dataclass(frozen=True)
class TranslationRequest:
    """What the Translate workspace asks for; ``kept`` maps source sentences to the officer's own targets."""

    source_text: str
    source_lang: str
    target_lang: str
    kept: dict[str, str]
    previous: dict[str, str]
    """Targets on screen by source sentence; with ``only_span`` they are kept outside the span."""
    only_span: tuple[int, int] | None
    options: Any
    use_memory: bool = True
    glossary: Any = None
    """Its "do not translate" terms are kept and its terms translated as it says."""


@dataclass(frozen=True)
class TranslationOutcome:
    source_text: str
    target_text: str
    segments: tuple[Any, ...]
    model_id: str
    options: dict[str, Any]


def list_models(source_lang: str, target_lang: str, extra_dir: str = "") -> list[Any]:
    """Installed models for the direction, best first (built-in and user-installed)."""
    from workstation.translate.registry import ModelRegistry

    registry = ModelRegistry([extra_dir] if extra_dir else ())
    return list(registry.for_direction(source_lang, target_lang))


def default_model(models: list[Any], source_lang: str, target_lang: str) -> Any:
    """The registry's pick among ``models`` (the user's saved default, else the best), or ``None``."""
    if not models:
        return None
    from workstation.translate.registry import ModelRegistry

    try:
        chosen = ModelRegistry().user_default(source_lang, target_lang)
    except Exception:
        chosen = None
    for model in models:
        if model.id == chosen:
            return model
    return models[0]


def model_label(model: Any) -> str:
    from workstation.gui.strings import tr

    manifest = model.manifest
    name = manifest.name_en if current_language() == "en" else manifest.name_ja
    name = name or model.id
    return tr("status.builtin", name=name) if model.builtin else name


def no_model_error(source_lang: str, target_lang: str) -> Exception:
    from workstation.translate.registry import ModelRegistry

    try:
        ModelRegistry().default_for(source_lang, target_lang)
    except Exception as exc:
        return exc
    return RuntimeError("no model")


def translate_options(settings: Any) -> Any:
    """The user's translation options; back-translation ranking follows the model unless switched off."""
    from workstation.translate.options import TranslateOptions

    ranking = None if settings.get("translate/back_translation") else 0.0
    return TranslateOptions(beam_size=settings.get("translate/beam_size"), back_translation_weight=ranking)


def load_engine(model: Any, threads: int | None, extra_dir: str = "") -> Any:
    """A ``TranslationEngine`` for ``model`` with its CTranslate2 model loaded (slow: call off the GUI thread); the
    default model of the opposite direction, if any, ranks its candidates by back-translation."""
    from workstation.translate.engine import TranslationEngine
    from workstation.translate.registry import ModelRegistry

    back_model = ModelRegistry([extra_dir] if extra_dir else ()).reverse_of(model)
    engine = TranslationEngine(model, threads=threads, back_model=back_model)
    engine.load()
    return engine


def guess_language(text: str) -> str:
    from workstation.core.spans import guess_language as core_guess_language

    return core_guess_language(text)


SENTENCE_WINDOW_CHARS = 4000
"""Whole lines this far around the caret are segmented to find its sentence (a long document costs no more)."""


def sentence_at(text: str, offset: int, lang: str) -> tuple[int, int] | None:
    """The span of the sentence holding ``offset`` (for look-ups before anything was translated)."""
    from workstation.core.document import segment_document

    start = text.rfind("\n", 0, offset - SENTENCE_WINDOW_CHARS) + 1 if offset > SENTENCE_WINDOW_CHARS else 0
    end = text.find("\n", offset + SENTENCE_WINDOW_CHARS)
    end = len(text) if end < 0 else end
    for segment in segment_document(text[start:end], lang).segments:
        if segment.start <= offset - start <= segment.end:
            return start + segment.start, start + segment.end
    return None


TRANSLATE_CHUNK_SENTENCES = 2000
"""Sentences handed to the engine at a time: on a long document progress starts after the first chunk is prepared
(not the whole document), and cancelling takes effect within a chunk."""


def translate(engine: Any, request: TranslationRequest, progress: Any, cancel: Any) -> TranslationOutcome:
    """Translate the document: officer-kept sentences and exact memory matches stay, the rest goes to the engine.

    Runs on a worker thread. ``progress(done, total)`` is called as sentences finish; ``cancel`` stops it at the
    next batch.
    """
    from workstation.core.document import segment_document
    from workstation.gui.segments import CONFIRMED, EDITED, MACHINE, TrackedSegment
    from workstation.translate.engine import TranslationCancelled, check_text

    check_text(request.source_text)
    options = request.options.with_glossary(request.glossary, request.source_text, request.source_lang)
    document = segment_document(request.source_text, request.source_lang)
    targets: list[str | None] = [None] * len(document.segments)
    states = [MACHINE] * len(document.segments)
    origins = [engine.model_id] * len(document.segments)
    scores: list[float | None] = [None] * len(document.segments)
    needed: list[int] = []
    exact_matches = _exact_memory_matches(request, document.segments) if request.use_memory else {}
    for index, segment in enumerate(document.segments):
        key = segment.text.strip()
        inside = request.only_span is None or (
            segment.start < request.only_span[1] and segment.end > request.only_span[0]
        )
        if key in request.kept:
            targets[index], states[index], origins[index] = request.kept[key], EDITED, "human"
        elif not inside:
            previous = request.previous.get(key)
            targets[index] = previous
            if previous is None:
                origins[index] = UNTRANSLATED
        else:
            exact = exact_matches.get(index)
            if exact is not None:
                targets[index], states[index], origins[index] = exact, CONFIRMED, "tm"
            else:
                needed.append(index)
    total = len(needed)
    results: list[Any] = []
    for first in range(0, total, TRANSLATE_CHUNK_SENTENCES):
        if cancel is not None and cancel.cancelled:
            raise TranslationCancelled(first, total)
        chunk = needed[first : first + TRANSLATE_CHUNK_SENTENCES]
        results.extend(
            engine.translate_sentences(
                [document.segments[index].text for index in chunk],
                options,
                (lambda report, first=first: progress(first + report.done, total)) if progress is not None else None,
                cancel,
            )
        )
    missing: list[tuple[str, ...]] = [()] * len(document.segments)
    backs: list[float | None] = [None] * len(document.segments)
    for index, result in zip(needed, results, strict=True):
        targets[index] = result.target
        scores[index] = result.score
        missing[index] = tuple(span.text for span in result.missing)
        backs[index] = result.back_score
    text, spans = document.assemble_with_spans(targets, request.target_lang)
    segments = tuple(
        TrackedSegment(
            source_start=segment.start,
            source_end=segment.end,
            source_text=segment.text,
            target_start=span[0],
            target_end=span[1],
            state=states[index],
            origin=origins[index],
            score=scores[index],
            options=options.to_dict(),
            missing=missing[index],
            back_score=backs[index],
        )
        for index, (segment, span) in enumerate(zip(document.segments, spans, strict=True))
    )
    return TranslationOutcome(request.source_text, text, segments, engine.model_id, options.to_dict())


def check_first(segments: Sequence[Any]) -> list[int]:
    """Indices of the machine translations with a back-translation score, the one that leads back worst first
    (sentences the officer edited or confirmed are left out)."""
    from workstation.gui.segments import KEPT_STATES

    scored = [
        index
        for index, segment in enumerate(segments)
        if segment.back_score is not None and segment.state not in KEPT_STATES
    ]
    return sorted(scored, key=lambda index: segments[index].back_score)


def back_translation_percent(back_score: float) -> int:
    """A back-translation score as a percentage: the geometric-mean probability of each source token."""
    return round(100 * math.exp(back_score))


def alternatives(engine: Any, sentence: str, n: int, options: Any, glossary: Any, source_lang: str) -> list[Any]:
    """The engine's n-best translations of one sentence (``Alternative(text, score)``), best first."""
    return list(engine.alternatives(sentence, n, options.with_glossary(glossary, sentence, source_lang)))


def segment_states(segments: list[Any]) -> list[Any]:
    """The store's ``SegmentState`` records for autosave."""
    from workstation.store.sessions import SegmentState

    return [
        SegmentState(
            segment.source_start,
            segment.source_end,
            "",
            segment.state,
            segment.origin or None,
            {"target_start": segment.target_start, "target_end": segment.target_end},
        )
        for segment in segments
    ]


def tracked_from_states(states: list[Any], source_text: str, target_text: str, target_lang: str) -> list[Any]:
    """Bring autosaved segment states back as tracked segments (spans checked against the texts)."""
    from workstation.gui.segments import TrackedSegment

    tracked = []
    for state in states:
        target_start = int(state.options.get("target_start", 0))
        target_end = int(state.options.get("target_end", 0))
        if not (0 <= state.source_start <= state.source_end <= len(source_text)) or not (
            0 <= target_start <= target_end <= len(target_text)
        ):
            return []
        tracked.append(
            TrackedSegment(
                state.source_start,
                state.source_end,
                source_text[state.source_start : state.source_end],
                target_start,
                target_end,
                state.state,
                state.model_id or "",
            )
        )
    return tracked


# ----- translation memory and glossaries --------------------------------------------------------------------
@dataclass(frozen=True)
class MemoryMatch:
    score: float
    source: str
    target: str
    origin: str = ""


def memory_matches(sentence: str, source_lang: str, target_lang: str, limit: int = 5) -> list[MemoryMatch]:
    """Exact and fuzzy translation-memory matches for ``sentence``, best first (opens the memory per call:
    look-ups run on worker threads and SQLite connections stay in their thread)."""
    from workstation.store.memory import TranslationMemory, default_memory_path

    if not default_memory_path().exists():
        return []
    with TranslationMemory() as memory:
        return [
            MemoryMatch(float(match.score), match.source, match.target, match.unit.origin)
            for match in memory.lookup(sentence, source_lang, target_lang, limit=limit)
        ]


def _exact_memory_matches(request: TranslationRequest, segments: Any) -> dict[int, str]:
    """Targets of 100% memory matches by segment index (one memory connection for the whole document)."""
    from workstation.store.memory import TranslationMemory, default_memory_path

    if not default_memory_path().exists():
        return {}
    found: dict[int, str] = {}
    with TranslationMemory() as memory:
        for index, segment in enumerate(segments):
            matches = memory.lookup(segment.text, request.source_lang, request.target_lang, limit=1, min_score=100)
            if matches and matches[0].score >= 100:
                found[index] = matches[0].target
    return found


def remember_pairs(pairs: list[tuple[str, str, str, str | None]], source_lang: str, target_lang: str, document: str | None) -> int:
    """Store confirmed ``(source, target, origin, model_id)`` pairs in the translation memory; return how many."""
    from workstation.store.memory import TranslationMemory

    units = [
        (((source_lang, source), (target_lang, target)), {"origin": origin, "model_id": model_id, "document": document})
        for source, target, origin, model_id in pairs
        if source.strip() and target.strip()
    ]
    with TranslationMemory() as memory:
        added, updated = memory.add_many(units)
    return added + updated


def load_glossary(path: str | Path, source_lang: str, target_lang: str) -> Any:
    """Read a CSV/TSV or TBX glossary (``Glossary`` of the store)."""
    from workstation.io.glossary import read_glossary

    return read_glossary(Path(path), source_lang=source_lang, target_lang=target_lang)


@dataclass(frozen=True)
class GlossaryHit:
    start: int
    end: int
    term: str
    translation: str


def glossary_hits(glossary: Any, text: str, source_lang: str, target_lang: str) -> list[GlossaryHit]:
    """Where the glossary's terms occur in ``text`` and the translation each one requires."""
    return [
        GlossaryHit(match.start, match.end, match.term, glossary.required_translation(match.entry, source_lang))
        for match in glossary.find_terms(text, source_lang)
    ]


@dataclass(frozen=True)
class GlossaryProblem:
    """A glossary check finding: ``side`` is ``source`` (term not translated as required) or ``target``."""

    side: str
    start: int
    end: int
    message: str


def glossary_problems(
    glossary: Any, pairs: list[tuple[int, str, int, str]], source_lang: str, target_lang: str
) -> list[GlossaryProblem]:
    """Run the store's glossary QA on each ``(source_start, source, target_start, target)`` sentence pair."""
    from workstation.store.glossary import check_glossary

    problems = []
    for source_start, source, target_start, target in pairs:
        for issue in check_glossary(source, target, glossary, source_lang, target_lang):
            on_source = issue.kind == "missing"
            offset = source_start if on_source else target_start
            problems.append(
                GlossaryProblem("source" if on_source else "target", offset + issue.start, offset + issue.end, str(issue.message))
            )
    return problems


# ----- export and memory files ------------------------------------------------------------------------------
def export_target(document: Any, source_text: str, target_text: str, path: str | Path) -> Any:
    """Write the translation: a .docx keeps the source's layout and formatting, a text file its encoding."""
    from workstation.io.export import export_target as io_export_target

    return io_export_target(document if document is not None else untitled_document(source_text), target_text, path)


def export_bilingual(pairs: list[tuple[str, str]], path: str | Path, source_lang: str, target_lang: str) -> None:
    """Source and target side by side: a .docx table, alternating .txt lines, TSV or CSV (by suffix)."""
    from workstation.io.export import export_bilingual as io_export_bilingual

    io_export_bilingual(pairs, path, source_lang=source_lang, target_lang=target_lang)


def import_tmx(path: str | Path) -> Any:
    """Import a TMX file into the translation memory; return the store's ``ImportResult``."""
    from workstation.store.memory import TranslationMemory

    with TranslationMemory() as memory:
        return memory.import_tmx(path)


def export_tmx(path: str | Path, source_lang: str, target_lang: str) -> int:
    from workstation.store.memory import TranslationMemory

    with TranslationMemory() as memory:
        return memory.export_tmx(path, source_lang, target_lang)

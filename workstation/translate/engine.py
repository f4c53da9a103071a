"""The translation engine: CTranslate2 + SentencePiece, document-level batching, protected spans, cache.

All sentences of a document are translated together: cache hits are answered at once, the rest are
masked (protected spans), split when very long, sorted by length and sent to CTranslate2 in token-based
batches; up to one batch per CTranslate2 worker decodes at once (see :func:`thread_layout`). After every
batch the finished sentences are reported through the progress callback (once per sentence) and the
cancel token is checked, so a cancel takes effect within one batch. Results come back
in input order and record the model id and options that produced them. A sentence whose masked numbers,
dates or glossary terms did not survive is translated once more with them left as plain text, and the attempt
that keeps more protected spans wins (the second on a tie: it has the model's own words where the first has
nothing); whatever is still lost is reported in ``missing``. With a model of the opposite
direction and a back-translation weight above 0, each sentence's beam hypotheses are ranked by back-translation
(:mod:`workstation.translate.back_translation`) instead of keeping the first.
"""

from __future__ import annotations

import json
import logging
import math
import os
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple

from workstation.core.document import Document, Segment, join_sentences, segment_document
from workstation.core.spans import Span, is_translatable
from workstation.errors import WorkstationError
from workstation.i18n import Text
from workstation.translate.back_translation import BackTranslationScorer, ranking
from workstation.translate.cache import CachedTranslation, TranslationCache
from workstation.translate.loading import (
    ModelLoadError,
    model_key,
    open_translator,
    resolve_device,
    supported_compute_type,
)
from workstation.translate.options import TranslateOptions
from workstation.translate.protect import (
    MaskedText,
    ProtectedKind,
    ProtectedSpan,
    mask,
    missing_spans,
    unmask,
)
from workstation.translate.tokenization import ModelTokenizer

if TYPE_CHECKING:
    from workstation.translate.registry import InstalledModel

__all__ = [
    "Alternative",
    "BinaryInputError",
    "CancelToken",
    "DocumentTranslation",
    "EmptyInputError",
    "EngineHolder",
    "ModelLoadError",
    "Progress",
    "ProgressCallback",
    "SegmentTranslation",
    "SentenceTranslation",
    "TranslationCancelled",
    "TranslationEngine",
    "check_text",
    "default_threads",
    "thread_layout",
]

log = logging.getLogger(__name__)

MAX_THREADS = 16
MAX_WORKERS = 4
"""Most batches decoded at once on the CPU (CTranslate2's ``inter_threads``)."""
PREPARE_CANCEL_EVERY = 256
"""Sentences prepared (cache lookup, masking, tokenizing) between two cancel checks: a 10 MB document takes
seconds to prepare before the first batch decodes."""
MAX_BATCH_HYPOTHESES = 128
"""Most beam hypotheses in one batch (sentences × beam size). Memory grows with hypotheses × vocabulary, not
with source tokens: batches of short sentences would otherwise hold hundreds of hypotheses (measured on an
OPUS-MT-base-sized model: 128 → 486 MiB peak, unlimited → 837 MiB, at the same speed)."""
_COPIED_KINDS = frozenset({ProtectedKind.NUMBER, ProtectedKind.DATE})
"""Kinds a model usually copies by itself: masked first, left as they are when the masked attempt loses them."""
_CLAUSE_END = re.compile(r"(?<=[、，,;；：:])\s*")


class EmptyInputError(WorkstationError):
    """Nothing to translate."""

    def __init__(self) -> None:
        super().__init__(Text("翻訳する文章がありません（入力が空です）。", "There is nothing to translate (the input is empty)."))


class BinaryInputError(WorkstationError):
    """The input holds binary data, not text."""

    def __init__(self) -> None:
        super().__init__(
            Text(
                "入力がテキストではありません（バイナリデータを含みます）。.txt の文章を指定してください。",
                "The input is not text (it contains binary data). Give a plain-text document.",
            )
        )


class TranslationCancelled(WorkstationError):
    """The user cancelled; finished sentences are already in the cache, so a rerun resumes quickly."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__(
            Text(f"翻訳を中止しました（{done}/{total} 文完了）。", f"Translation cancelled ({done}/{total} sentences done).")
        )
        self.done = done
        self.total = total


class CancelToken:
    """Set from any thread to stop a running translation at the next batch boundary."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True)
class SentenceTranslation:
    """One source sentence (whitespace normalised) and its translation, with what produced it."""

    source: str
    target: str
    score: float
    model_id: str
    missing: tuple[ProtectedSpan, ...] = ()
    """Protected spans (numbers, URLs, terms ...) the model dropped; they are not in ``target``."""
    cached: bool = False
    parts: int = 1
    """How many pieces a very long sentence was split into for translation."""
    back_score: float | None = None
    """Mean log-probability of the source given this translation under the reverse model (when candidates were
    ranked): the lower, the less of the source the translation carries back (a sentence to check first)."""


@dataclass(frozen=True)
class Progress:
    """Reported once per finished sentence: how far the job is and the sentence just finished."""

    done: int
    total: int
    index: int
    result: SentenceTranslation


ProgressCallback = Callable[[Progress], None]


@dataclass(frozen=True)
class Alternative:
    text: str
    score: float
    missing: tuple[ProtectedSpan, ...] = ()


@dataclass(frozen=True)
class SegmentTranslation:
    """A translated segment of a document: where it is, which paragraph, source and target."""

    index: int
    paragraph: int
    span: Span
    source: str
    target: str
    score: float
    missing: tuple[ProtectedSpan, ...] = ()
    cached: bool = False
    back_score: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "paragraph": self.paragraph,
            "start": self.span.start,
            "end": self.span.end,
            "source": self.source,
            "target": self.target,
            "score": round(self.score, 4),
            "back_score": None if self.back_score is None else round(self.back_score, 4),
            "missing": [{"kind": span.kind.value, "text": span.text} for span in self.missing],
            "cached": self.cached,
        }


@dataclass(frozen=True)
class DocumentTranslation:
    """A translated document: its segmentation, the translated segments and the reassembled text."""

    document: Document
    segments: tuple[SegmentTranslation, ...]
    text: str
    model_id: str
    source_lang: str
    target_lang: str
    options: TranslateOptions

    @property
    def missing(self) -> list[tuple[SegmentTranslation, ProtectedSpan]]:
        return [(segment, span) for segment in self.segments for span in segment.missing]

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model_id,
            "source_lang": self.source_lang,
            "target_lang": self.target_lang,
            "options": self.options.to_dict(),
            "paragraphs": [
                {
                    "index": paragraph.index,
                    "kind": paragraph.kind.value,
                    "start": paragraph.span.start,
                    "end": paragraph.span.end,
                    "segments": list(paragraph.segments),
                }
                for paragraph in self.document.paragraphs
            ],
            "segments": [segment.to_dict() for segment in self.segments],
            "target": self.text,
        }


def default_threads() -> int:
    """CPU threads for CTranslate2: the cores this process may use (at most ``MAX_THREADS``)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count() or 1
    return max(1, min(cores, MAX_THREADS))


def thread_layout(threads: int, device: str, workers: int | None = None) -> tuple[int, int]:
    """Split ``threads`` into (batches decoded at once, threads per batch) for CTranslate2.

    On the CPU, separate batches in parallel scale better than threads inside one batch: on 2 cores, two
    one-thread workers translate a document about 1.3× faster than one two-thread worker, and a single
    sentence about 2.5× faster (docs/benchmarks.md). The workers share one copy of the weights. On a GPU
    one worker keeps the device busy. ``workers`` overrides the choice (at most ``threads``).
    """
    if device != "cpu":
        return 1, max(1, threads)
    chosen = workers if workers else min(threads, MAX_WORKERS)
    chosen = max(1, min(chosen, threads))
    return chosen, max(1, threads // chosen)


def check_text(text: str) -> None:
    """Raise a typed error for empty or binary input."""
    if not text.strip():
        raise EmptyInputError()
    sample = text[:65536]
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\n\r\f\v\x1b")
    if "\x00" in sample or controls > len(sample) * 0.01:
        raise BinaryInputError()


@dataclass
class _Job:
    """One distinct source sentence waiting for translation."""

    source: str
    signature: str
    """The cache key's options part for this sentence."""
    protected: tuple[ProtectedSpan, ...]
    """Every protected span of the source, whether masked in this attempt or not."""
    masked: MaskedText
    parts: list[str]
    indices: list[int]
    texts: list[str] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    backs: list[float | None] = field(default_factory=list)
    remaining: int = 0
    first_attempt: SentenceTranslation | None = None


_Unit = tuple[_Job, int, list[str]]


class _Hypothesis(NamedTuple):
    """One decoded hypothesis: its text, the model's score and, when ranked, its back-translation score."""

    text: str
    score: float
    back: float | None = None
"""A job, the index of one of its parts, and that part's source tokens."""


class TranslationEngine:
    """Translates with one installed model; the CTranslate2 model is loaded on first use."""

    def __init__(
        self,
        model: InstalledModel,
        *,
        threads: int | None = None,
        workers: int | None = None,
        device: str = "auto",
        compute_type: str = "int8",
        cache: TranslationCache | None = None,
        back_model: InstalledModel | None = None,
    ) -> None:
        """``back_model`` translates the other way; with a back-translation weight above 0 it ranks the beam's
        hypotheses (:mod:`workstation.translate.back_translation`)."""
        self.model = model
        self.manifest = model.manifest
        self.threads = threads or default_threads()
        self.requested_workers = workers
        self.requested_device = device
        self.requested_compute_type = compute_type
        self.cache = cache if cache is not None else TranslationCache()
        self.tokenizer = ModelTokenizer(model.manifest, model.path)
        self.device: str | None = None
        self.compute_type: str | None = None
        self.workers = 1
        self.back_model = back_model
        self._back_scorer: BackTranslationScorer | None = None
        self._translator: Any = None
        self._lock = threading.RLock()

    @property
    def model_id(self) -> str:
        return self.manifest.id

    @property
    def model_key(self) -> str:
        """The model id plus the hash of its weights: a replaced model never answers from old cache entries."""
        return model_key(self.manifest)

    @property
    def loaded(self) -> bool:
        return self._translator is not None

    def load(self) -> None:
        """Load the CTranslate2 model now (it is otherwise loaded on first use)."""
        with self._lock:
            if self._translator is None:
                self._translator = self._create_translator()

    def unload(self) -> None:
        """Free the model's memory; the next translation loads it again."""
        with self._lock:
            if self._translator is not None:
                self._translator.unload_model()
                self._translator = None
            if self._back_scorer is not None:
                self._back_scorer.unload()

    def _create_translator(self) -> Any:
        import ctranslate2

        device = resolve_device(ctranslate2, self.requested_device)
        compute_type = supported_compute_type(ctranslate2, device, self.requested_compute_type)
        workers, threads_per_worker = thread_layout(self.threads, device, self.requested_workers)
        translator = open_translator(self.model, device, compute_type, threads=threads_per_worker, workers=workers)
        self.device, self.compute_type, self.workers = device, compute_type, workers
        if self.back_model is not None:
            self._back_scorer = BackTranslationScorer(
                self.back_model, device=device, compute_type=compute_type, threads=self.threads
            )
        return translator

    def _scorer_for(self, options: TranslateOptions) -> BackTranslationScorer | None:
        """The back-translation scorer when ``options`` ask for ranking and a reverse model is set (after load)."""
        return self._back_scorer if options.back_translation_weight else None

    def _signature(self, options: TranslateOptions) -> str:
        """Cache key part for ``options``: with ranking on, the reverse model that ranks is part of it."""
        signature = options.signature()
        if options.back_translation_weight and self.back_model is not None:
            signature += f"|back:{model_key(self.back_model.manifest)}"
        return signature

    def translate_document(
        self,
        text: str,
        options: TranslateOptions | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> DocumentTranslation:
        """Translate a whole document, keeping its layout; see :func:`segment_document`."""
        options = (options or TranslateOptions()).for_model(self.manifest.decoding)
        check_text(text)
        document = segment_document(text, self.manifest.source_lang)
        if cancel is not None and cancel.cancelled:
            raise TranslationCancelled(0, len(document.sentences))
        results = self.translate_sentences(document.sentences, options, progress, cancel)
        segments = tuple(_segment_translation(segment, result) for segment, result in zip(document.segments, results, strict=True))
        assembled = document.assemble([result.target for result in results], self.manifest.target_lang)
        return DocumentTranslation(
            document=document,
            segments=segments,
            text=assembled,
            model_id=self.model_id,
            source_lang=self.manifest.source_lang,
            target_lang=self.manifest.target_lang,
            options=options,
        )

    def translate_sentences(
        self,
        sentences: Sequence[str],
        options: TranslateOptions | None = None,
        progress: ProgressCallback | None = None,
        cancel: CancelToken | None = None,
    ) -> list[SentenceTranslation]:
        """Translate sentences together (batched by length); results in input order."""
        options = (options or TranslateOptions()).for_model(self.manifest.decoding)
        signature = self._signature(options)
        total = len(sentences)
        results: list[SentenceTranslation | None] = [None] * total
        done = 0

        def finish(index: int, result: SentenceTranslation) -> None:
            nonlocal done
            results[index] = result
            done += 1
            if progress is not None:
                progress(Progress(done, total, index, result))

        jobs: dict[str, _Job] = {}
        for index, sentence in enumerate(sentences):
            if index % PREPARE_CANCEL_EVERY == 0 and cancel is not None and cancel.cancelled:
                raise TranslationCancelled(done, total)
            source = " ".join(sentence.split())
            if source in jobs:
                jobs[source].indices.append(index)
                continue
            if not is_translatable(source):
                finish(index, SentenceTranslation(source, source, 0.0, self.model_id))
                continue
            protected, masked = self._protection(source, options)
            key = signature + _terms_key(protected)
            cached = self.cache.get(self.model_key, key, source)
            if cached is not None:
                finish(index, _from_cache(source, protected, cached, self.model_id))
                continue
            jobs[source] = _Job(source, key, protected, masked, self._split_long(masked.masked, options), [index])
        if jobs:
            with self._lock:
                self._run_jobs(list(jobs.values()), options, finish, cancel, lambda: done)
        return [result for result in results if result is not None]

    def _run_jobs(
        self,
        jobs: list[_Job],
        options: TranslateOptions,
        finish: Callable[[int, SentenceTranslation], None],
        cancel: CancelToken | None,
        done: Callable[[], int],
    ) -> None:
        """Translate the jobs batch by batch; sentences whose numbers or dates got lost are tried once more
        with those left unmasked (models copy plain digits well), and the better attempt is kept."""
        total = done() + sum(len(job.indices) for job in jobs)
        translator = self._translator or self._load_locked()
        pending = jobs
        while pending:
            retries: list[_Job] = []
            most_sentences = max(1, MAX_BATCH_HYPOTHESES // options.beam_size)
            units = self._units(pending, cancel, lambda: TranslationCancelled(done(), total))
            batches = _token_batches(units, options.max_batch_tokens, most_sentences)
            for batch, outputs in self._decoded(translator, batches, options, cancel, lambda: TranslationCancelled(done(), total)):
                for (job, part_index, _), chosen in zip(batch, self._chosen(batch, outputs, options), strict=True):
                    job.texts[part_index] = chosen.text
                    job.scores[part_index] = chosen.score
                    job.backs[part_index] = chosen.back
                    job.remaining -= 1
                    if job.remaining:
                        continue
                    result = self._complete(job)
                    if result.missing and job.first_attempt is None and self._prepare_retry(job, result, options):
                        retries.append(job)
                        continue
                    if job.first_attempt is not None and len(job.first_attempt.missing) < len(result.missing):
                        result = job.first_attempt
                    self.cache.put(
                        self.model_key,
                        job.signature,
                        job.source,
                        CachedTranslation(
                            result.target, result.score, tuple(span.text for span in result.missing), result.back_score
                        ),
                    )
                    for index in job.indices:
                        finish(index, result)
            pending = retries

    def _decoded(
        self,
        translator: Any,
        batches: list[list[_Unit]],
        options: TranslateOptions,
        cancel: CancelToken | None,
        cancelled: Callable[[], TranslationCancelled],
    ) -> Iterator[tuple[list[_Unit], list[Any]]]:
        """Each batch with its outputs, in order, while up to ``self.workers`` batches decode at once.

        A cancel stops before the next batch is handed out; batches still decoding then finish unseen."""
        queue = iter(batches)
        beams = options.beam_size if self._scorer_for(options) else 1
        decoding: deque[tuple[list[_Unit], list[Any]]] = deque()
        while True:
            if cancel is not None and cancel.cancelled:
                raise cancelled()
            while len(decoding) < self.workers and (batch := next(queue, None)) is not None:
                tokens = [unit_tokens for _, _, unit_tokens in batch]
                decoding.append((batch, self._translate_batch(translator, tokens, options, beams=beams, asynchronous=True)))
            if not decoding:
                return
            batch, pending = decoding.popleft()
            yield batch, [self._awaited(result) for result in pending]

    def _protection(self, source: str, options: TranslateOptions) -> tuple[tuple[ProtectedSpan, ...], MaskedText]:
        """The protected spans of ``source`` (checked in the translation) and the text the model gets: masked, or
        as it is for a model that cannot copy placeholders (it translates them itself; what it loses is reported)."""
        masked = mask(source, terms=options.keep_terms, kinds=options.protect, replacements=dict(options.glossary_terms))
        if self.tokenizer.copies_placeholders:
            return masked.spans, masked
        return masked.spans, MaskedText(source, source, ())

    def _chosen(self, batch: list[_Unit], outputs: list[Any], options: TranslateOptions) -> list[_Hypothesis]:
        """The hypothesis kept for each unit: the first one, or the best one by back-translation."""
        candidates = [self._hypotheses(output) for output in outputs]
        sources = [job.parts[part_index] for job, part_index, _ in batch]
        return [hypotheses[0] for hypotheses in self._ranked(sources, candidates, options)]

    def _hypotheses(self, output: Any) -> list[_Hypothesis]:
        """Each hypothesis of one CTranslate2 output with the model's score, best first."""
        scores = list(output.scores) or [0.0] * len(output.hypotheses)
        return [
            _Hypothesis(self.tokenizer.decode(tokens), float(score))
            for tokens, score in zip(output.hypotheses, scores, strict=True)
        ]

    def _ranked(
        self, sources: list[str], candidates: list[list[_Hypothesis]], options: TranslateOptions
    ) -> list[list[_Hypothesis]]:
        """Each source's candidates ordered by forward score + weight × back-translation score, or as the beam
        ordered them when ranking is off. A reverse model that fails to load turns ranking off (logged): the
        translation goes on without it."""
        scorer = self._scorer_for(options)
        if scorer is None:
            return candidates
        pairs = [(hypothesis.text, source) for source, hypotheses in zip(sources, candidates, strict=True) for hypothesis in hypotheses]
        try:
            back = iter(scorer.scores(pairs))
        except ModelLoadError as exc:
            log.warning("back-translation ranking is off: %s (%s)", exc.message.en, exc.detail)
            self._back_scorer = None
            return candidates
        weight = options.back_translation_weight or 0.0
        ranked = []
        for hypotheses in candidates:
            scored = [hypothesis._replace(back=next(back)) for hypothesis in hypotheses]
            order = ranking([hypothesis.score for hypothesis in scored], [hypothesis.back or 0.0 for hypothesis in scored], weight)
            ranked.append([scored[index] for index in order])
        return ranked

    def _units(
        self, jobs: list[_Job], cancel: CancelToken | None, cancelled: Callable[[], TranslationCancelled]
    ) -> list[_Unit]:
        """Every part of every job with its source tokens, shortest first."""
        units: list[_Unit] = []
        for number, job in enumerate(jobs):
            if number % PREPARE_CANCEL_EVERY == 0 and cancel is not None and cancel.cancelled:
                raise cancelled()
            job.texts = [""] * len(job.parts)
            job.scores = [0.0] * len(job.parts)
            job.backs = [None] * len(job.parts)
            job.remaining = len(job.parts)
            for part_index, tokens in enumerate(self.tokenizer.encode_batch(job.parts)):
                units.append((job, part_index, tokens))
        units.sort(key=lambda unit: len(unit[2]))
        return units

    def _prepare_retry(self, job: _Job, result: SentenceTranslation, options: TranslateOptions) -> bool:
        """Set ``job`` up for a second attempt with numbers, dates and glossary terms unmasked, if any were masked
        (a model that drops a glossary term's placeholder translates the term itself the second time)."""
        if not any(span.kind in _COPIED_KINDS or span.replacement for span in job.masked.spans):
            return False
        job.first_attempt = result
        job.masked = mask(job.source, terms=options.keep_terms, kinds=options.protect - _COPIED_KINDS)
        job.parts = self._split_long(job.masked.masked, options)
        return True

    def _load_locked(self) -> Any:
        self._translator = self._create_translator()
        return self._translator

    def _translate_batch(
        self, translator: Any, batch: list[list[str]], options: TranslateOptions, *, beams: int, asynchronous: bool = False
    ) -> Any:
        longest = max(len(tokens) for tokens in batch)
        max_length = min(options.max_decoding_length, math.ceil(longest * options.max_length_ratio) + 10)
        max_length = max(max_length, options.min_decoding_length)
        prefix = self.tokenizer.target_prefix()
        try:
            return translator.translate_batch(
                batch,
                target_prefix=[prefix] * len(batch) if prefix else None,
                max_batch_size=options.max_batch_tokens,
                batch_type="tokens",
                beam_size=max(options.beam_size, beams),
                num_hypotheses=beams,
                length_penalty=options.length_penalty,
                repetition_penalty=options.repetition_penalty,
                no_repeat_ngram_size=options.no_repeat_ngram_size,
                max_decoding_length=max_length + len(prefix or ()),
                min_decoding_length=options.min_decoding_length + len(prefix or ()) if options.min_decoding_length else 0,
                disable_unk=True,
                return_scores=True,
                asynchronous=asynchronous,
            )
        except (RuntimeError, ValueError) as exc:
            raise self._failure(exc) from exc

    def _awaited(self, result: Any) -> Any:
        """The output of an asynchronous translation, with CTranslate2's errors made clear."""
        try:
            return result.result()
        except (RuntimeError, ValueError) as exc:
            raise self._failure(exc) from exc

    def _failure(self, exc: Exception) -> ModelLoadError:
        return ModelLoadError(
            Text(
                f"モデル {self.model_id} で翻訳できませんでした。モデルが壊れているか、語彙がトークナイザーと合っていません。",
                f"Model {self.model_id} failed to translate: the model is damaged or its vocabulary does not match its tokenizer.",
            ),
            detail=str(exc),
        )

    def _complete(self, job: _Job) -> SentenceTranslation:
        joined = join_sentences(job.texts, self.manifest.target_lang)
        restored = unmask(joined, job.masked).text
        return SentenceTranslation(
            source=job.source,
            target=_capitalised_start(restored, job.masked, self.manifest.target_lang),
            score=sum(job.scores) / len(job.scores),
            model_id=self.model_id,
            missing=tuple(missing_spans(job.protected, restored)),
            parts=len(job.parts),
            back_score=_mean(job.backs),
        )

    def _split_long(self, text: str, options: TranslateOptions) -> list[str]:
        """Split a sentence too long for the model at clause boundaries, else by token count."""
        limit = options.max_sentence_tokens
        if len(self.tokenizer.pieces(text)) <= limit:
            return [text]
        chunks: list[str] = []
        current = ""
        for clause in (part for part in _CLAUSE_END.split(text) if part):
            candidate = join_sentences([current, clause], self.manifest.source_lang) if current else clause
            if len(self.tokenizer.pieces(candidate)) <= limit:
                current = candidate
                continue
            if current:
                chunks.append(current)
            if len(self.tokenizer.pieces(clause)) <= limit:
                current = clause
            else:
                chunks += self._split_by_tokens(clause, limit)
                current = ""
        if current:
            chunks.append(current)
        return [chunk for chunk in chunks if chunk.strip()]

    def _split_by_tokens(self, text: str, limit: int) -> list[str]:
        """Cut ``text`` into pieces of at most ``limit`` tokens, at a space when one is near, never inside a character."""
        chunks: list[str] = []
        rest = text
        while rest:
            if len(self.tokenizer.pieces(rest)) <= limit:
                chunks.append(rest)
                break
            low, high = 1, len(rest) - 1
            while low < high:
                middle = (low + high + 1) // 2
                if len(self.tokenizer.pieces(rest[:middle])) <= limit:
                    low = middle
                else:
                    high = middle - 1
            space = rest.rfind(" ", 0, low)
            cut = space + 1 if space > low // 2 else low
            chunks.append(rest[:cut])
            rest = rest[cut:]
        return chunks

    def alternatives(self, sentence: str, n: int = 5, options: TranslateOptions | None = None) -> list[Alternative]:
        """Up to ``n`` different translations of one sentence, best first (for the editor's suggestions)."""
        options = (options or TranslateOptions()).for_model(self.manifest.decoding)
        source = " ".join(sentence.split())
        if not is_translatable(source):
            return [Alternative(source, 0.0)]
        protected, masked = self._protection(source, options)
        parts = self._split_long(masked.masked, options)
        if len(parts) > 1:
            best = self.translate_sentences([sentence], options)[0]
            return [Alternative(best.target, best.score, best.missing)]
        with self._lock:
            translator = self._translator or self._load_locked()
            output = self._translate_batch(translator, self.tokenizer.encode_batch(parts), options, beams=max(1, n))[0]
            hypotheses = self._ranked(parts, [self._hypotheses(output)], options)[0]
        alternatives: list[Alternative] = []
        seen: set[str] = set()
        for text, score, _ in hypotheses:
            restored = unmask(text, masked)
            if restored.text not in seen:
                seen.add(restored.text)
                missing = tuple(missing_spans(protected, restored.text))
                alternatives.append(Alternative(restored.text, float(score), missing))
        return alternatives


def _from_cache(
    source: str, protected: Sequence[ProtectedSpan], cached: CachedTranslation, model_id: str
) -> SentenceTranslation:
    missing = tuple(span for span in protected if span.text in cached.missing)
    return SentenceTranslation(
        source, cached.target, cached.score, model_id, missing, cached=True, back_score=cached.back_score
    )


def _mean(values: Sequence[float | None]) -> float | None:
    """The mean of ``values``, or ``None`` when any is missing."""
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known and len(known) == len(values) else None


def _capitalised_start(target: str, masked: MaskedText, target_lang: str) -> str:
    """An English sentence that begins with a lower-case glossary translation ("supply chain") begins upper-case."""
    if target_lang != "en" or not target[:1].islower():
        return target
    if any(span.replacement and target.startswith(span.replacement) for span in masked.spans):
        return target[0].upper() + target[1:]
    return target


def _terms_key(protected: Sequence[ProtectedSpan]) -> str:
    """The kept and glossary terms of a sentence (with their translations), for its cache key."""
    pairs = sorted({(span.text, span.replacement) for span in protected if span.kind is ProtectedKind.TERM})
    return "|terms:" + json.dumps(pairs, ensure_ascii=False, separators=(",", ":")) if pairs else ""


def _token_batches(units: list[_Unit], budget: int, most_sentences: int) -> list[list[_Unit]]:
    """Group length-sorted units so that each batch, padded to its longest member, fits ``budget`` tokens
    and holds at most ``most_sentences`` units."""
    batches: list[list[_Unit]] = []
    current: list[_Unit] = []
    width = 0
    for unit in units:
        width = max(width, len(unit[2]))
        if current and (width * (len(current) + 1) > budget or len(current) >= most_sentences):
            batches.append(current)
            current, width = [], len(unit[2])
        current.append(unit)
    if current:
        batches.append(current)
    return batches


def _segment_translation(segment: Segment, result: SentenceTranslation) -> SegmentTranslation:
    return SegmentTranslation(
        index=segment.index,
        paragraph=segment.paragraph,
        span=segment.span,
        source=segment.text,
        target=result.target,
        score=result.score,
        missing=result.missing,
        cached=result.cached,
        back_score=result.back_score,
    )


class EngineHolder:
    """Keeps one engine loaded at a time: asking for another model unloads the previous one."""

    def __init__(self, **engine_options: Any) -> None:
        self.engine_options = engine_options
        self._engine: TranslationEngine | None = None
        self._lock = threading.Lock()

    def engine_for(self, model: InstalledModel) -> TranslationEngine:
        with self._lock:
            current = self._engine
            if current is not None and current.model.id == model.id and current.model.path == model.path:
                return current
            if current is not None:
                current.unload()
            self._engine = TranslationEngine(model, **self.engine_options)
            return self._engine

    @property
    def current(self) -> TranslationEngine | None:
        return self._engine

    def unload(self) -> None:
        with self._lock:
            if self._engine is not None:
                self._engine.unload()
                self._engine = None

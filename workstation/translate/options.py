"""Translation options: declared once with their defaults, validated up front, recorded with every result."""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from workstation.errors import WorkstationError
from workstation.i18n import Text
from workstation.translate.manifest import DecodingDefaults
from workstation.translate.protect import DEFAULT_KINDS, ProtectedKind

if TYPE_CHECKING:
    from workstation.store.glossary import Glossary

__all__ = [
    "DEFAULT_BEAM_SIZE",
    "DEFAULT_MAX_BATCH_TOKENS",
    "DEFAULT_MAX_DECODING_LENGTH",
    "DEFAULT_MAX_LENGTH_RATIO",
    "DEFAULT_MAX_SENTENCE_TOKENS",
    "OptionsError",
    "TranslateOptions",
]

DEFAULT_BEAM_SIZE = 4
DEFAULT_MAX_DECODING_LENGTH = 256
"""Most target tokens for one sentence (or one part of a long sentence)."""
DEFAULT_MAX_LENGTH_RATIO = 3.0
"""A translation may be at most this many times as long as its source (in tokens, plus a margin of 10)."""
DEFAULT_MAX_SENTENCE_TOKENS = 200
"""Longer sentences are split at commas (、，,;) or, failing that, by token count; never truncated."""
DEFAULT_MAX_BATCH_TOKENS = 1024
"""Size of one batch sent to CTranslate2, in source tokens (padding included); each worker decodes one."""


class OptionsError(WorkstationError):
    """An option value that cannot be used."""


def _check(condition: bool, name: str, rule_ja: str, rule_en: str, value: object) -> None:
    if not condition:
        raise OptionsError(
            Text(
                f"オプション {name} の値 {value!r} は使えません: {rule_ja}",
                f"Option {name} cannot be {value!r}: {rule_en}",
            )
        )


@dataclass(frozen=True)
class TranslateOptions:
    """How to translate; every field but ``max_batch_tokens`` (speed only) can change the output."""

    beam_size: int = DEFAULT_BEAM_SIZE
    max_decoding_length: int = DEFAULT_MAX_DECODING_LENGTH
    min_decoding_length: int = 0
    """Fewest target tokens for one sentence (0: no minimum; benchmarks use it to fix the work done)."""
    max_length_ratio: float = DEFAULT_MAX_LENGTH_RATIO
    max_sentence_tokens: int = DEFAULT_MAX_SENTENCE_TOKENS
    length_penalty: float | None = None
    """None: the model's recommendation (1.0 = hypotheses scored by their mean log-probability)."""
    repetition_penalty: float | None = None
    """None: the model's recommendation (``decoding`` in its manifest; 1.0 = no penalty)."""
    no_repeat_ngram_size: int | None = None
    """None: the model's recommendation (0 = repeated n-grams allowed)."""
    back_translation_weight: float | None = None
    """None: the model's recommendation (0 = keep the first hypothesis; above 0 = rank the beam's hypotheses
    with a model of the opposite direction, see :mod:`workstation.translate.back_translation`)."""
    protect: frozenset[ProtectedKind] = DEFAULT_KINDS
    keep_terms: tuple[str, ...] = ()
    """The user's "do not translate" terms, copied into the translation unchanged."""
    glossary_terms: tuple[tuple[str, str], ...] = ()
    """(source term, required translation) pairs from the user's glossary, put into the translation as given."""
    max_batch_tokens: int = field(default=DEFAULT_MAX_BATCH_TOKENS, compare=False)

    def __post_init__(self) -> None:
        _check(1 <= self.beam_size <= 32, "beam_size", "1〜32 の整数", "an integer from 1 to 32", self.beam_size)
        _check(
            8 <= self.max_decoding_length <= 4096,
            "max_decoding_length",
            "8〜4096",
            "from 8 to 4096",
            self.max_decoding_length,
        )
        _check(
            0 <= self.min_decoding_length <= self.max_decoding_length,
            "min_decoding_length",
            "0 以上 max_decoding_length 以下",
            "from 0 to max_decoding_length",
            self.min_decoding_length,
        )
        _check(self.max_length_ratio >= 1.0, "max_length_ratio", "1 以上", "at least 1", self.max_length_ratio)
        _check(
            16 <= self.max_sentence_tokens <= 1000,
            "max_sentence_tokens",
            "16〜1000",
            "from 16 to 1000",
            self.max_sentence_tokens,
        )
        length = self.length_penalty
        _check(length is None or length >= 0, "length_penalty", "0 以上", "at least 0", length)
        penalty, ngram = self.repetition_penalty, self.no_repeat_ngram_size
        _check(penalty is None or penalty > 0, "repetition_penalty", "0 より大きい値", "above 0", penalty)
        _check(ngram is None or ngram >= 0, "no_repeat_ngram_size", "0 以上", "at least 0", ngram)
        back = self.back_translation_weight
        _check(back is None or 0 <= back <= 10, "back_translation_weight", "0〜10", "from 0 to 10", back)
        _check(self.max_batch_tokens >= 64, "max_batch_tokens", "64 以上", "at least 64", self.max_batch_tokens)
        object.__setattr__(self, "protect", frozenset(ProtectedKind(kind) for kind in self.protect))
        object.__setattr__(self, "keep_terms", tuple(term for term in self.keep_terms if term.strip()))
        pairs = {source: target for source, target in self.glossary_terms if source.strip() and target.strip()}
        object.__setattr__(self, "glossary_terms", tuple(sorted(pairs.items())))

    def for_model(self, defaults: DecodingDefaults) -> TranslateOptions:
        """These options with every "model's recommendation" (None) replaced by ``defaults``."""
        return replace(
            self,
            length_penalty=defaults.length_penalty if self.length_penalty is None else self.length_penalty,
            repetition_penalty=defaults.repetition_penalty if self.repetition_penalty is None else self.repetition_penalty,
            no_repeat_ngram_size=defaults.no_repeat_ngram_size
            if self.no_repeat_ngram_size is None
            else self.no_repeat_ngram_size,
            back_translation_weight=defaults.back_translation_weight
            if self.back_translation_weight is None
            else self.back_translation_weight,
        )

    def with_glossary(self, glossary: Glossary | None, text: str, source_lang: str) -> TranslateOptions:
        """These options with ``glossary``'s "do not translate" terms kept and the glossary terms found in ``text``
        translated as it says (slow for a long text: morpheme analysis; call off the GUI thread)."""
        if glossary is None:
            return self
        return replace(
            self,
            keep_terms=(*self.keep_terms, *glossary.protected_terms()),
            glossary_terms=(*self.glossary_terms, *glossary.translations_in(text, source_lang)),
        )

    def to_dict(self) -> dict[str, Any]:
        """The options that shape the output, as plain JSON values (stored with every result)."""
        return {
            "beam_size": self.beam_size,
            "max_decoding_length": self.max_decoding_length,
            "min_decoding_length": self.min_decoding_length,
            "max_length_ratio": self.max_length_ratio,
            "max_sentence_tokens": self.max_sentence_tokens,
            "length_penalty": self.length_penalty,
            "repetition_penalty": self.repetition_penalty,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "back_translation_weight": self.back_translation_weight,
            "protect": sorted(kind.value for kind in self.protect),
            "keep_terms": sorted(self.keep_terms),
            "glossary_terms": [list(pair) for pair in self.glossary_terms],
        }

    def signature(self) -> str:
        """A stable string identifying these options (part of the cache key). Kept and glossary terms are left
        out: the engine adds to each sentence's key only the terms that sentence contains, so loading a glossary
        or editing another sentence does not invalidate every cached translation."""
        data = {name: value for name, value in self.to_dict().items() if name not in ("keep_terms", "glossary_terms")}
        return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

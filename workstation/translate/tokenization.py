"""SentencePiece tokenization as each model family expects it.

The manifest says which tokens go around the source pieces and which target prefix to force:
Marian/OPUS-MT models converted from Transformers need ``</s>`` appended (``source_suffix``); NLLB and
M2M100 need the source language token (``jpn_Jpan`` / ``__ja__``, ``source_prefix``), ``</s>`` and the
target language token as ``target_prefix``; Argos packages may name a ``target_prefix`` too.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from workstation.i18n import Text
from workstation.translate.manifest import ModelError, ModelManifest
from workstation.translate.protect import PLACEHOLDER_FORMAT

__all__ = ["SPECIAL_TOKENS", "ModelTokenizer"]

SPECIAL_TOKENS = frozenset({"<s>", "</s>", "<pad>", "<unk>", "<mask>"})
"""Tokens never shown in a translation."""


def _load_processor(path: Path) -> Any:
    import sentencepiece

    try:
        return sentencepiece.SentencePieceProcessor(model_file=str(path))
    except (OSError, RuntimeError) as exc:
        raise ModelError(
            Text(
                f"トークナイザー {path.name} を読み込めません。`workstation models verify` でモデルを確認してください。",
                f"Cannot load the tokenizer {path.name}. Check the model with `workstation models verify`.",
            ),
            detail=f"{path}: {exc}",
        ) from exc


_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")


def _clean(text: str) -> str:
    """A translation as one line of printable text (models can emit stray control bytes or line breaks)."""
    return " ".join(_CONTROL.sub(" ", text).split()) if _CONTROL.search(text) else text.strip()


class ModelTokenizer:
    """Source encoding and target decoding for one installed model (SentencePiece loaded on first use)."""

    def __init__(self, manifest: ModelManifest, folder: Path) -> None:
        self.manifest = manifest
        self.source_path = folder / manifest.source_tokenizer
        self.target_path = folder / manifest.target_tokenizer
        self._source: Any = None
        self._target: Any = None
        self._copies_placeholders: bool | None = None

    @property
    def source(self) -> Any:
        if self._source is None:
            self._source = _load_processor(self.source_path)
        return self._source

    @property
    def target(self) -> Any:
        if self._target is None:
            self._target = (
                self.source if self.target_path == self.source_path else _load_processor(self.target_path)
            )
        return self._target

    @property
    def copies_placeholders(self) -> bool:
        """Whether the model can read and write the engine's ``[1]`` placeholders: neither vocabulary turns them
        into ``<unk>`` (the built-in models' vocabulary has no ``[``, so they never could)."""
        if self._copies_placeholders is None:
            sample = PLACEHOLDER_FORMAT.format(number=1)
            self._copies_placeholders = all(
                processor.unk_id() not in processor.encode(sample) for processor in (self.source, self.target)
            )
        return self._copies_placeholders

    def pieces(self, text: str) -> list[str]:
        """The SentencePiece pieces of ``text`` alone, without language tokens."""
        return list(self.source.encode(text, out_type=str))

    def encode(self, text: str) -> list[str]:
        """The full source token sequence for ``text``: prefix, pieces, suffix."""
        return [*self.manifest.source_prefix, *self.pieces(text), *self.manifest.source_suffix]

    def encode_batch(self, texts: Sequence[str]) -> list[list[str]]:
        pieces = self.source.encode(list(texts), out_type=str)
        prefix, suffix = list(self.manifest.source_prefix), list(self.manifest.source_suffix)
        return [prefix + list(tokens) + suffix for tokens in pieces]

    def target_prefix(self) -> list[str] | None:
        """The tokens the decoder must start with, or ``None`` when the model needs none."""
        return list(self.manifest.target_prefix) or None

    def decode(self, tokens: Sequence[str]) -> str:
        """Text of a hypothesis: the forced target prefix and special tokens removed."""
        prefix = self.manifest.target_prefix
        body = list(tokens)
        if prefix and body[: len(prefix)] == list(prefix):
            body = body[len(prefix) :]
        language_tokens = set(self.manifest.source_prefix) | set(prefix)
        kept = [token for token in body if token not in SPECIAL_TOKENS and token not in language_tokens]
        return _clean(str(self.target.decode_pieces(kept)))

    def count(self, text: str) -> int:
        """Number of source tokens ``text`` becomes (language tokens included)."""
        return len(self.encode(text))

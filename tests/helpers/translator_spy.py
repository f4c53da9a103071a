"""Record what the program hands to CTranslate2: the real translators run, their calls are kept for the test."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest


class TranslatorSpy:
    """Wraps a real ``ctranslate2.Translator`` and records every batch and keyword argument it is given."""

    def __init__(self, translator: Any, model_path: str = "") -> None:
        self.translator = translator
        self.model_path = model_path
        self.batches: list[list[list[str]]] = []
        self.calls: list[dict[str, Any]] = []
        self.scored: list[tuple[list[str], list[str]]] = []

    def translate_batch(self, batch: list[list[str]], **options: Any) -> Any:
        self.batches.append(batch)
        self.calls.append(options)
        return self.translator.translate_batch(batch, **options)

    def score_batch(self, source: list[list[str]], target: list[list[str]], **options: Any) -> Any:
        self.scored.extend(zip(source, target, strict=True))
        return self.translator.score_batch(source, target, **options)

    def unload_model(self) -> None:
        self.translator.unload_model()


class OpenedTranslators:
    """Every ``ctranslate2.Translator`` opened while it is installed, each wrapped in a :class:`TranslatorSpy`."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import ctranslate2

        real = ctranslate2.Translator
        self.spies: list[TranslatorSpy] = []

        def opened(model_path: str, *args: Any, **kwargs: Any) -> TranslatorSpy:
            spy = TranslatorSpy(real(model_path, *args, **kwargs), str(model_path))
            self.spies.append(spy)
            return spy

        monkeypatch.setattr(ctranslate2, "Translator", opened)

    def of(self, model_path: Path) -> TranslatorSpy:
        """The one translator opened on ``model_path``."""
        matching = [spy for spy in self.spies if Path(spy.model_path).resolve() == model_path.resolve()]
        assert len(matching) == 1, [spy.model_path for spy in self.spies]
        return matching[0]

"""Loading a model's CTranslate2 weights: size check, device and compute type, clear errors."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from workstation.i18n import Text
from workstation.translate.manifest import ModelError, ModelManifest

if TYPE_CHECKING:
    from workstation.translate.registry import InstalledModel

__all__ = ["COMPUTE_TYPE_FALLBACKS", "ModelLoadError", "model_key", "open_translator", "resolve_device", "supported_compute_type"]

log = logging.getLogger(__name__)

COMPUTE_TYPE_FALLBACKS = {
    "cpu": ("int8_float32", "int8", "float32"),
    "cuda": ("int8_float16", "int8", "float16", "float32"),
}


class ModelLoadError(ModelError):
    """A model whose files are missing, damaged or not understood by CTranslate2."""


def model_key(manifest: ModelManifest) -> str:
    """The model id plus the hash of its weights: a replaced model never answers from old cache entries."""
    name = "model.bin" if manifest.model_dir in ("", ".") else f"{manifest.model_dir.rstrip('/')}/model.bin"
    weights = manifest.files.get(name)
    return f"{manifest.id}@{weights.sha256[:16]}" if weights else manifest.id


def resolve_device(ctranslate2: Any, device: str) -> str:
    """``device`` with "auto" replaced by "cuda" when a GPU is visible, else "cpu"."""
    if device != "auto":
        return device
    return "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"


def supported_compute_type(ctranslate2: Any, device: str, requested: str) -> str:
    """``requested`` if the device supports it, else the closest compute type it does."""
    try:
        supported = set(ctranslate2.get_supported_compute_types(device))
    except (RuntimeError, ValueError):
        return "default"
    for candidate in (requested, *COMPUTE_TYPE_FALLBACKS.get(device, ())):
        if candidate in supported:
            if candidate != requested:
                log.info("compute type %s unsupported on %s; using %s", requested, device, candidate)
            return candidate
    return "default"


def open_translator(model: InstalledModel, device: str, compute_type: str, *, threads: int, workers: int) -> Any:
    """A ``ctranslate2.Translator`` on ``model`` (``workers`` batches at once, ``threads`` each), or ``ModelLoadError``."""
    import ctranslate2

    from workstation.translate.verify import check_sizes

    model_id = model.manifest.id
    problems = check_sizes(model.path, model.manifest)
    if problems:
        first = problems[0].describe()
        raise ModelLoadError(
            Text(
                f"モデル {model_id} のファイルが壊れているか不足しています（{first.ja}）。"
                f"`workstation models verify {model_id}` で確認し、取り込み直してください。",
                f"Files of model {model_id} are missing or damaged ({first.en}). Check with "
                f"`workstation models verify {model_id}` and import the model again.",
            ),
            detail="; ".join(problem.describe().en for problem in problems),
        )
    try:
        translator = ctranslate2.Translator(
            str(model.model_path), device=device, compute_type=compute_type, intra_threads=threads, inter_threads=workers
        )
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelLoadError(
            Text(
                f"モデル {model_id} を読み込めません。ファイルが壊れているか、この CTranslate2 "
                f"({ctranslate2.__version__}) に対応していません。`workstation models verify {model_id}` で確認してください。",
                f"Cannot load model {model_id}: its files are damaged or not supported by this "
                f"CTranslate2 ({ctranslate2.__version__}). Check with `workstation models verify {model_id}`.",
            ),
            detail=str(exc),
        ) from exc
    log.info("loaded model %s on %s (%s, %d workers × %d threads)", model_id, device, compute_type, workers, threads)
    return translator

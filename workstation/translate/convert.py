"""``workstation models convert``: a Hugging Face Transformers model folder → a CTranslate2 model folder with manifest.

Meant for the connected packaging machine (needs the ``convert`` extra: torch + transformers). Wraps
CTranslate2's ``TransformersConverter`` with int8 quantization, copies the SentencePiece files, fills the
language tokens per family (Marian/FuguMT: ``</s>`` appended; NLLB-200 and M2M100: source language token and
target prefix), checks that the result loads and translates, and writes ``workstation-model.json``.
Nothing is downloaded: the input must be a local folder saved with ``save_pretrained``.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from workstation.i18n import Text
from workstation.translate.archive import move_into_place, staging_dir
from workstation.translate.manifest import (
    ModelError,
    ModelManifest,
    build_manifest,
    validate_model_id,
    write_manifest,
)

__all__ = ["DEFAULT_QUANTIZATION", "QUANTIZATIONS", "ConvertOptions", "convert_model", "detect_hf_model"]

log = logging.getLogger(__name__)

DEFAULT_QUANTIZATION = "int8"
QUANTIZATIONS = ("int8", "int8_float32", "int8_float16", "int16", "float16", "float32")
_ISO639_2 = {
    "jpn": "ja",
    "eng": "en",
    "zho": "zh",
    "chi": "zh",
    "kor": "ko",
    "fra": "fr",
    "fre": "fr",
    "deu": "de",
}
_NAME_DIRECTION = re.compile(r"(?=(?<![a-z0-9])([a-z]{2,3})[-_]([a-z]{2,3})(?![a-z0-9]))")


@dataclass(frozen=True)
class ConvertOptions:
    """Everything ``convert_model`` needs besides the folders; ``None`` means infer."""

    source_lang: str | None = None
    target_lang: str | None = None
    model_id: str | None = None
    name_ja: str | None = None
    name_en: str | None = None
    quality: int = 0
    license: str = ""
    origin: str | None = None
    """Where the model comes from (e.g. the training run); defaults to the converted folder's name."""
    quantization: str = DEFAULT_QUANTIZATION
    force: bool = False


@dataclass(frozen=True)
class HFModel:
    """What a Transformers folder holds: family and the tokenizer files to copy."""

    family: str
    tokenizer_files: tuple[str, ...]
    source_lang: str | None
    target_lang: str | None


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelError(Text(f"{path} を読めません: {exc}", f"Cannot read {path}: {exc}")) from exc
    return data if isinstance(data, dict) else {}


def _short(code: object) -> str | None:
    if not isinstance(code, str) or not code:
        return None
    code = code.strip("_").lower()
    if "_" in code:  # NLLB style jpn_Jpan
        code = code.split("_")[0]
    return _ISO639_2.get(code, code)


def detect_hf_model(hf_dir: Path) -> HFModel:
    """Family, tokenizer files and (when recorded) languages of a Transformers folder."""
    config = _read_json(hf_dir / "config.json")
    if not config:
        raise ModelError(
            Text(
                f"{hf_dir} に config.json がありません。save_pretrained で保存した Transformers のモデルを指定してください。",
                f"{hf_dir} has no config.json; give a Transformers model folder saved with save_pretrained.",
            )
        )
    model_type = config.get("model_type")
    tokenizer_config = _read_json(hf_dir / "tokenizer_config.json")
    if model_type == "marian":
        family, files = "marian", ("source.spm", "target.spm")
    elif model_type == "m2m_100":
        tokenizer_class = str(tokenizer_config.get("tokenizer_class") or config.get("tokenizer_class") or "")
        family = "nllb" if tokenizer_class.lower().startswith("nllb") else "m2m100"
        files = ("sentencepiece.bpe.model",)
    else:
        raise ModelError(
            Text(
                f"モデルの種類「{model_type}」は変換できません (Marian、NLLB-200、M2M100 に対応)。",
                f"Model type '{model_type}' cannot be converted (Marian, NLLB-200 and M2M100 are supported).",
            )
        )
    missing = [name for name in files if not (hf_dir / name).is_file()]
    if missing:
        raise ModelError(
            Text(
                f"{hf_dir} にトークナイザーのファイル {', '.join(missing)} がありません。",
                f"{hf_dir} lacks the tokenizer file(s) {', '.join(missing)}.",
            )
        )
    if family != "marian":  # a multilingual tokenizer's src_lang/tgt_lang are only its last-used settings
        return HFModel(family, files, None, None)
    source = _short(tokenizer_config.get("source_lang"))
    target = _short(tokenizer_config.get("target_lang"))
    if source is None or target is None:
        guessed = _NAME_DIRECTION.findall(hf_dir.resolve().name.lower())
        if guessed:
            source, target = source or guessed[-1][0], target or guessed[-1][1]
    return HFModel(family, files, source, target)


def _require_convert_extra() -> Any:
    """Import the converter, with a clear message when torch or transformers is missing."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
        from ctranslate2.converters import TransformersConverter
    except ImportError as exc:
        raise ModelError(
            Text(
                "変換には追加パッケージ (torch と transformers) が必要です。接続できるパッケージング用の端末で "
                "`pip install 'workstation[convert]'` を実行してください。",
                "Converting needs the 'convert' extra (torch and transformers). On a connected packaging machine run "
                "`pip install 'workstation[convert]'`.",
            ),
            detail=repr(exc),
        ) from None
    return TransformersConverter


def _check_language_tokens(folder: Path, manifest: ModelManifest) -> None:
    from workstation.translate.importing import check_tokens, read_vocabularies

    source_vocabulary, target_vocabulary = read_vocabularies(folder)
    check_tokens(
        [*manifest.source_prefix, *manifest.source_suffix], source_vocabulary, Text("入力側", "source")
    )
    check_tokens(manifest.target_prefix, target_vocabulary, Text("出力側", "target"))


def _smoke_test(folder: Path, tokenizer: Path, manifest: ModelManifest) -> None:
    """Load the converted model and translate one short sentence, so a broken conversion fails here."""
    import ctranslate2
    import sentencepiece as spm

    try:
        processor = spm.SentencePieceProcessor(model_file=str(tokenizer))
        pieces = processor.encode("テスト test", out_type=str)
        source = [*manifest.source_prefix, *pieces, *manifest.source_suffix]
        translator = ctranslate2.Translator(
            str(folder), device="cpu", compute_type="default", inter_threads=1
        )
        target_prefix = [list(manifest.target_prefix)] if manifest.target_prefix else None
        translator.translate_batch([source], target_prefix=target_prefix, max_decoding_length=8, beam_size=1)
    except (RuntimeError, ValueError, OSError) as exc:
        raise ModelError(
            Text(
                "変換したモデルを読み込んで試験翻訳できませんでした。",
                "The converted model could not be loaded for a test translation.",
            ),
            detail=repr(exc),
        ) from exc


def convert_model(hf_dir: Path, out_dir: Path, options: ConvertOptions | None = None) -> ModelManifest:
    """Convert the Transformers folder ``hf_dir`` into the new CTranslate2 model folder ``out_dir``."""
    options = options or ConvertOptions()
    hf_dir = Path(hf_dir).expanduser().resolve()
    out_dir = Path(out_dir).expanduser().resolve()
    if not hf_dir.is_dir():
        raise ModelError(Text(f"{hf_dir} はフォルダーではありません。", f"{hf_dir} is not a folder."))
    if options.quantization not in QUANTIZATIONS:
        raise ModelError(
            Text(
                f"量子化「{options.quantization}」は使えません ({', '.join(QUANTIZATIONS)})。",
                f"Quantization '{options.quantization}' is not one of {', '.join(QUANTIZATIONS)}.",
            )
        )
    if out_dir == hf_dir or hf_dir in out_dir.parents:
        raise ModelError(
            Text(
                "出力先を入力フォルダーの中にはできません。",
                "The output folder cannot be inside the input folder.",
            )
        )
    if out_dir.exists() and not options.force:
        raise ModelError(
            Text(
                f"{out_dir} は既に存在します (--force で上書き)。",
                f"{out_dir} already exists (use --force to replace it).",
            )
        )
    detected = detect_hf_model(hf_dir)
    source = options.source_lang or detected.source_lang
    target = options.target_lang or detected.target_lang
    if not source or not target:
        raise ModelError(
            Text(
                "翻訳の方向がわかりません。--from と --to で指定してください (例: --from ja --to en)。",
                "Cannot tell the translation direction; give it with --from and --to (e.g. --from ja --to en).",
            )
        )
    converter_class = _require_convert_extra()
    family = detected.family
    if family == "marian":
        source_prefix: tuple[str, ...] = ()
        target_prefix: tuple[str, ...] = ()
    else:
        from workstation.translate.importing import language_token

        source_prefix = (language_token(family, source),)
        target_prefix = (language_token(family, target),)
    model_id = validate_model_id(
        options.model_id or re.sub(r"[^A-Za-z0-9._-]+", "-", out_dir.name).strip("-.") or "model"
    )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with staging_dir(out_dir.parent) as staged:
        try:
            converter = converter_class(str(hf_dir), copy_files=list(detected.tokenizer_files))
            converter.convert(str(staged), quantization=options.quantization, force=True)
        except (ValueError, OSError, RuntimeError, KeyError) as exc:
            raise ModelError(
                Text(
                    f"{hf_dir.name} を CTranslate2 に変換できませんでした: {exc}",
                    f"Converting {hf_dir.name} to CTranslate2 failed: {exc}",
                ),
                detail=repr(exc),
            ) from exc
        tokenizers = detected.tokenizer_files * (2 if len(detected.tokenizer_files) == 1 else 1)
        manifest = build_manifest(
            staged,
            id=model_id,
            name_ja=options.name_ja or f"{hf_dir.name} ({source}→{target})",
            name_en=options.name_en or f"{hf_dir.name} ({source}→{target})",
            source_lang=_short(source) or source,
            target_lang=_short(target) or target,
            family=family,
            source_tokenizer=tokenizers[0],
            target_tokenizer=tokenizers[1],
            source_prefix=source_prefix,
            source_suffix=("</s>",),
            target_prefix=target_prefix,
            quality=options.quality,
            license=options.license,
            origin=options.origin
            or f"converted from Transformers folder {hf_dir.name} ({options.quantization})",
        )
        _check_language_tokens(staged, manifest)
        _smoke_test(staged, staged / tokenizers[0], manifest)
        write_manifest(staged, manifest)
        if out_dir.exists():
            shutil.rmtree(out_dir)
        move_into_place(staged, out_dir)
    log.info("converted %s into %s (%s)", hf_dir, out_dir, manifest.id)
    return manifest

"""Bring a model into the user's models folder: CTranslate2 folders, Argos packages, ``.wsmodel`` bundles.

Supported inputs:

* a CTranslate2 folder converted from OPUS-MT/Marian or FuguMT (``source.spm`` + ``target.spm``, shared or
  separate vocabularies), or from NLLB-200 / M2M100 (``sentencepiece.bpe.model``; language tokens
  ``jpn_Jpan``/``eng_Latn`` or ``__ja__``/``__en__``), with or without a ``workstation-model.json``;
* an Argos Translate package (``.argosmodel``: a zip holding one folder with ``metadata.json``, ``model/``
  and ``sentencepiece.model``), or such a folder already unpacked;
* a signed ``.wsmodel`` bundle (see ``workstation.translate.bundle``).

Every import is staged in a private folder inside the user's models folder, checked (tokenizers load, the
CTranslate2 model is there, language tokens exist in the vocabulary), given a manifest with the SHA-256 of
every file, and only then renamed into place.
"""

from __future__ import annotations

import fnmatch
import json
import logging
import os
import re
import shutil
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from workstation import paths
from workstation.i18n import Text
from workstation.translate.archive import (
    DEFAULT_LIMITS,
    ArchiveError,
    ArchiveLimits,
    extract_zip,
    inspect_zip,
    move_into_place,
    staging_dir,
)
from workstation.translate.manifest import (
    MANIFEST_NAME,
    ModelError,
    ModelManifest,
    build_manifest,
    hash_file,
    load_manifest,
    validate_language_code,
    validate_model_id,
    write_manifest,
)
from workstation.translate.registry import InstalledModel
from workstation.translate.verify import verify_model

__all__ = [
    "NLLB_CODES",
    "DetectedModel",
    "DirectionNeeded",
    "ImportRequest",
    "check_tokens",
    "detect_ctranslate2_dir",
    "import_model",
    "language_token",
    "read_vocabularies",
]

log = logging.getLogger(__name__)

MARIAN_TOKENIZERS = ("source.spm", "target.spm")
MULTILINGUAL_TOKENIZER = "sentencepiece.bpe.model"
ARGOS_TOKENIZERS = ("sentencepiece.model", "bpe.model")
VOCABULARY_FILES = (
    "shared_vocabulary.json",
    "shared_vocabulary.txt",
    "source_vocabulary.json",
    "source_vocabulary.txt",
    "target_vocabulary.json",
    "target_vocabulary.txt",
)
MAX_METADATA_BYTES = 1024 * 1024
SHARE_MIN_BYTES = 1024 * 1024
"""Files at least this large are hard-linked, not copied, when another installed model has the same bytes."""
FOREIGN_WEIGHTS = (
    "*.safetensors",
    "pytorch_model*.bin",
    "tf_model.h5",
    "flax_model.msgpack",
    "*.onnx",
    "*.ckpt",
)
"""Weights of other frameworks sometimes left next to a CTranslate2 conversion; never needed, not copied."""

NLLB_CODES: dict[str, str] = {
    "ja": "jpn_Jpan",
    "en": "eng_Latn",
    "zh": "zho_Hans",
    "ko": "kor_Hang",
    "fr": "fra_Latn",
    "de": "deu_Latn",
    "es": "spa_Latn",
    "pt": "por_Latn",
    "it": "ita_Latn",
    "ru": "rus_Cyrl",
    "ar": "arb_Arab",
    "vi": "vie_Latn",
    "th": "tha_Thai",
    "id": "ind_Latn",
    "uk": "ukr_Cyrl",
    "hi": "hin_Deva",
    "tr": "tur_Latn",
    "fa": "pes_Arab",
    "pl": "pol_Latn",
    "nl": "nld_Latn",
}
"""ISO 639-1 code → NLLB-200 language token, for the languages users of this program meet most."""

_NAME_DIRECTION = re.compile(r"(?=(?<![a-z0-9])([a-z]{2,3})[-_]([a-z]{2,3})(?![a-z0-9]))")
"""Overlapping ``xx-yy`` pairs in a folder name such as ``opus-mt-ja-en``; the last one is the direction."""


@dataclass(frozen=True)
class ImportRequest:
    """What the user asked for; ``None`` means infer it from the files."""

    source_lang: str | None = None
    target_lang: str | None = None
    model_id: str | None = None
    family: str | None = None
    name_ja: str | None = None
    name_en: str | None = None
    quality: int | None = None
    license: str | None = None
    replace: bool = False


@dataclass(frozen=True)
class DetectedModel:
    """What the files of a CTranslate2 folder say about the model."""

    family: str
    source_tokenizer: str
    target_tokenizer: str
    source_vocabulary: frozenset[str]
    target_vocabulary: frozenset[str]
    adds_source_eos: bool


class DirectionNeeded(ModelError):
    """The files do not say which languages the model translates; ask the user (``--from``/``--to``)."""


def _error(ja: str, en: str) -> ModelError:
    return ModelError(Text(ja, en))


def language_token(family: str, language: str) -> str:
    """The token that names ``language`` for a multilingual model (``__ja__`` or ``jpn_Jpan``)."""
    if family == "m2m100":
        return language if language.startswith("__") else f"__{language}__"
    if family == "nllb":
        if "_" in language:
            return language
        if language not in NLLB_CODES:
            raise _error(
                f"NLLB の言語コード「{language}」がわかりません。jpn_Jpan のように NLLB の形式で指定してください。",
                f"Unknown NLLB language '{language}'; give the NLLB code itself, such as jpn_Jpan.",
            )
        return NLLB_CODES[language]
    raise ValueError(family)


def _short_language(family: str, code: str) -> str:
    """``jpn_Jpan``/``__ja__`` → ``ja``: the code the registry uses for directions."""
    if family == "nllb" and "_" in code:
        reverse = {token: short for short, token in NLLB_CODES.items()}
        return reverse.get(code, code.split("_")[0])
    if code.startswith("__") and code.endswith("__"):
        return code.strip("_")
    return code


def _read_vocabulary(path: Path) -> list[str]:
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, list):
            raise ValueError("vocabulary is not a JSON list")
        return [str(token) for token in data]
    return path.read_text(encoding="utf-8").splitlines()


def read_vocabularies(model_dir: Path) -> tuple[frozenset[str], frozenset[str]]:
    """The source and target vocabularies of a CTranslate2 folder (the same set twice when shared)."""
    try:
        if (model_dir / "shared_vocabulary.json").is_file() or (
            model_dir / "shared_vocabulary.txt"
        ).is_file():
            name = (
                "shared_vocabulary.json"
                if (model_dir / "shared_vocabulary.json").is_file()
                else "shared_vocabulary.txt"
            )
            shared = frozenset(_read_vocabulary(model_dir / name))
            return shared, shared
        vocabularies = []
        for side in ("source", "target"):
            json_path = model_dir / f"{side}_vocabulary.json"
            path = json_path if json_path.is_file() else model_dir / f"{side}_vocabulary.txt"
            vocabularies.append(frozenset(_read_vocabulary(path)))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _error(
            f"{model_dir} の語彙ファイル (shared_vocabulary.json など) を読めません。CTranslate2 のモデルを丸ごとコピーしてください。",
            f"Cannot read the vocabulary files (shared_vocabulary.json, ...) in {model_dir}; copy the whole CTranslate2 model folder.",
        ) from exc
    return vocabularies[0], vocabularies[1]


def _ct2_config(model_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((model_dir / "config.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _error(
            f"{model_dir / 'config.json'} を読めません: {exc}",
            f"Cannot read {model_dir / 'config.json'}: {exc}",
        ) from exc
    return data if isinstance(data, dict) else {}


def _require_ctranslate2_model(model_dir: Path) -> None:
    import ctranslate2

    if not (model_dir / "model.bin").is_file() or not ctranslate2.contains_model(str(model_dir)):
        raise _error(
            f"{model_dir} に CTranslate2 のモデル (model.bin) がありません。Transformers のモデルなら `workstation models convert` で変換してください。",
            f"{model_dir} holds no CTranslate2 model (model.bin). For a Transformers model, run `workstation models convert` first.",
        )


def detect_ctranslate2_dir(folder: Path, family: str | None = None) -> DetectedModel:
    """Tell the model family from the tokenizer files and vocabulary of a CTranslate2 folder."""
    _require_ctranslate2_model(folder)
    source_vocabulary, target_vocabulary = read_vocabularies(folder)
    adds_eos = bool(_ct2_config(folder).get("add_source_eos", False))
    has_marian = all((folder / name).is_file() for name in MARIAN_TOKENIZERS)
    has_multi = (folder / MULTILINGUAL_TOKENIZER).is_file()
    if family is None:
        if has_marian:
            family = "marian"
        elif has_multi:
            if (
                any(
                    token.startswith("__") and token.endswith("__") and len(token) <= 9
                    for token in source_vocabulary
                )
                and "__en__" in source_vocabulary
            ):
                family = "m2m100"
            elif "eng_Latn" in source_vocabulary:
                family = "nllb"
            else:
                raise _error(
                    f"{folder} が NLLB か M2M100 か判別できません。--family nllb または --family m2m100 を指定してください。",
                    f"Cannot tell whether {folder} is NLLB or M2M100; pass --family nllb or --family m2m100.",
                )
        elif (folder / "source.spm").is_file():
            raise _error(
                f"{folder} に target.spm がありません。Marian のモデルには source.spm と target.spm の両方が必要です。",
                f"{folder} has source.spm but no target.spm; a Marian model needs both.",
            )
        else:
            raise _error(
                f"{folder} にトークナイザーがありません。source.spm と target.spm (OPUS-MT/Marian/FuguMT) または "
                "sentencepiece.bpe.model (NLLB/M2M100) を model.bin と同じフォルダーに置いてください。",
                f"{folder} has no tokenizer: put source.spm and target.spm (OPUS-MT/Marian/FuguMT) or "
                "sentencepiece.bpe.model (NLLB/M2M100) next to model.bin.",
            )
    if family == "marian":
        if not has_marian:
            raise _error(
                f"{folder} に source.spm と target.spm が必要です。",
                f"{folder} needs source.spm and target.spm.",
            )
        tokenizers = MARIAN_TOKENIZERS
    elif family in ("m2m100", "nllb"):
        if not has_multi:
            raise _error(
                f"{folder} に {MULTILINGUAL_TOKENIZER} が必要です。",
                f"{folder} needs {MULTILINGUAL_TOKENIZER}.",
            )
        tokenizers = (MULTILINGUAL_TOKENIZER, MULTILINGUAL_TOKENIZER)
    else:
        raise _error(
            f"モデルの種類「{family}」はここでは指定できません。", f"Family '{family}' cannot be used here."
        )
    return DetectedModel(family, tokenizers[0], tokenizers[1], source_vocabulary, target_vocabulary, adds_eos)


def _check_tokenizer(path: Path) -> None:
    import sentencepiece as spm

    try:
        spm.SentencePieceProcessor(model_file=str(path))
    except (OSError, RuntimeError, ValueError) as exc:
        raise _error(
            f"トークナイザー {path.name} を SentencePiece のモデルとして読めません。",
            f"The tokenizer {path.name} cannot be loaded as a SentencePiece model.",
        ) from exc


def check_tokens(tokens: Sequence[str], vocabulary: frozenset[str], side: Text) -> None:
    """Raise ``ModelError`` naming the language tokens missing from ``vocabulary``."""
    missing = [token for token in tokens if token not in vocabulary]
    if missing:
        raise _error(
            f"{side.ja}の語彙に言語トークン {', '.join(missing)} がありません。言語コードを確認してください。",
            f"The {side.en} vocabulary has no language token {', '.join(missing)}; check the language codes.",
        )


def _direction_from_name(name: str) -> tuple[str, str] | None:
    matches = _NAME_DIRECTION.findall(name.lower())
    return matches[-1] if matches else None


def _languages(request: ImportRequest, folder_name: str, *, multilingual: bool) -> tuple[str, str]:
    source, target = request.source_lang, request.target_lang
    if (source is None or target is None) and not multilingual:
        guessed = _direction_from_name(folder_name)
        if guessed:
            source = source or guessed[0]
            target = target or guessed[1]
    if not source or not target:
        raise DirectionNeeded(
            Text(
                "翻訳の方向がわかりません。--from と --to で指定してください (例: --from ja --to en)。",
                "Cannot tell the translation direction; give it with --from and --to (e.g. --from ja --to en).",
            )
        )
    return source, target


def _default_id(*parts: str) -> str:
    raw = "-".join(part for part in parts if part)
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", raw).strip("-._")[:100]
    return cleaned or "model"


def _copy_tree(source: Path, destination: Path, *, skip: Sequence[str] = ()) -> None:
    """Copy the regular files of ``source`` (hidden ones and names matching ``skip`` left out).

    Symbolic links are followed to their content. Refuses early when the disk cannot hold the copy.
    """
    files: list[tuple[Path, Path]] = []
    for item in sorted(source.rglob("*")):
        relative = item.relative_to(source)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if item.is_file():
            if any(fnmatch.fnmatch(item.name, pattern) for pattern in skip):
                log.info("not copying %s (weights of another framework)", item)
                continue
            files.append((item, destination / relative))
    needed = sum(item.stat().st_size for item, _ in files)
    free = shutil.disk_usage(destination).free
    if needed > free:
        raise _error(
            f"空き容量が足りません (必要 {needed:,} バイト、空き {free:,} バイト)。",
            f"Not enough free disk space (needs {needed:,} bytes, {free:,} free).",
        )
    for item, target in files:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(item, target)


def _target_folder(model_id: str, request: ImportRequest, dest_root: Path) -> Path:
    final = dest_root / model_id
    if final.exists() and not request.replace:
        raise _error(
            f"モデル {model_id} は既にインストールされています。別の ID (--id) を指定するか、先に削除してください。",
            f"Model {model_id} is already installed; choose another id with --id or remove it first.",
        )
    return final


def _share_identical_files(staged: Path, manifest: ModelManifest, dest_root: Path) -> int:
    """Hard-link large staged files that an installed model already holds (same size and SHA-256).

    A multilingual model (NLLB, M2M100) imported once per direction then uses its disk space once. The
    installed file is re-hashed before it is shared, so a damaged copy is never propagated.
    """
    wanted = {
        (entry.size, entry.sha256): name
        for name, entry in manifest.files.items()
        if entry.size >= SHARE_MIN_BYTES
    }
    shared = 0
    if not wanted:
        return shared
    for sibling in sorted(dest_root.iterdir()):
        if sibling.name.startswith(".") or not sibling.is_dir():
            continue
        try:
            other = load_manifest(sibling)
        except ModelError:
            continue
        for name, entry in other.files.items():
            key = (entry.size, entry.sha256)
            if key not in wanted:
                continue
            existing = sibling / name
            target = staged / wanted[key]
            link = target.with_name(f".{target.name}.link")
            try:
                if hash_file(existing) != entry:
                    continue
                os.link(existing, link)
                os.replace(link, target)
            except OSError as exc:
                log.info("not sharing %s with %s: %s", target, existing, exc)
                link.unlink(missing_ok=True)
                continue
            del wanted[key]
            shared += 1
    return shared


def _finish(staged: Path, manifest: ModelManifest, final: Path, request: ImportRequest) -> InstalledModel:
    """Write the manifest, verify the staged copy and rename it into place (replacing only if asked)."""
    shared = _share_identical_files(staged, manifest, final.parent)
    write_manifest(staged, manifest)
    verify_model(staged, manifest).raise_if_failed()
    if final.exists() and request.replace:
        old = final.with_name(f".old-{final.name}")
        shutil.rmtree(old, ignore_errors=True)
        final.rename(old)
        try:
            move_into_place(staged, final)
        except BaseException:
            old.rename(final)
            raise
        shutil.rmtree(old, ignore_errors=True)
    else:
        move_into_place(staged, final)
    log.info("installed model %s into %s (%d file(s) shared with other models)", manifest.id, final, shared)
    return InstalledModel(load_manifest(final), final, builtin=False)


def _check_request_matches(manifest: ModelManifest, request: ImportRequest) -> None:
    """A model with a manifest already says its languages and family; refuse contradicting options."""
    asked = (request.source_lang, request.target_lang, request.family)
    has = (manifest.source_lang, manifest.target_lang, manifest.family)
    if any(value is not None and value != actual for value, actual in zip(asked, has, strict=True)):
        raise _error(
            f"このモデルは {manifest.direction} ({manifest.family}) 用です。--from、--to、--family は指定できません。",
            f"This model is {manifest.direction} ({manifest.family}); --from, --to and --family cannot change that.",
        )


def _apply_request(manifest: ModelManifest, request: ImportRequest) -> ModelManifest:
    changes: dict[str, Any] = {}
    for key in ("name_ja", "name_en", "quality", "license"):
        value = getattr(request, key)
        if value is not None:
            changes[key] = value
    return replace(manifest, **changes) if changes else manifest


def _import_ct2_folder(folder: Path, request: ImportRequest, dest_root: Path, origin: str) -> InstalledModel:
    detected = detect_ctranslate2_dir(folder, request.family)
    multilingual = detected.family in ("m2m100", "nllb")
    source, target = _languages(request, folder.name, multilingual=multilingual)
    if multilingual:
        source_token = language_token(detected.family, source)
        target_token = language_token(detected.family, target)
        check_tokens([source_token], detected.source_vocabulary, Text("入力側", "source"))
        check_tokens([target_token], detected.target_vocabulary, Text("出力側", "target"))
        source_lang = _short_language(detected.family, source)
        target_lang = _short_language(detected.family, target)
        source_prefix: tuple[str, ...] = (source_token,)
        target_prefix: tuple[str, ...] = (target_token,)
    else:
        source_lang, target_lang = source, target
        source_prefix, target_prefix = (), ()
    validate_language_code(source_lang)
    validate_language_code(target_lang)
    source_suffix: tuple[str, ...] = () if detected.adds_source_eos else ("</s>",)
    check_tokens(source_suffix, detected.source_vocabulary, Text("入力側", "source"))
    named_direction = _direction_from_name(folder.name) == (source_lang, target_lang)
    model_id = validate_model_id(
        request.model_id
        or _default_id(folder.name, "" if named_direction else f"{source_lang}-{target_lang}")
    )
    final = _target_folder(model_id, request, dest_root)
    with staging_dir(dest_root) as staged:
        _copy_tree(folder, staged, skip=FOREIGN_WEIGHTS)
        _check_tokenizer(staged / detected.source_tokenizer)
        _check_tokenizer(staged / detected.target_tokenizer)
        manifest = build_manifest(
            staged,
            id=model_id,
            name_ja=request.name_ja or f"{folder.name} ({source_lang}→{target_lang})",
            name_en=request.name_en or f"{folder.name} ({source_lang}→{target_lang})",
            source_lang=source_lang,
            target_lang=target_lang,
            family=detected.family,
            source_tokenizer=detected.source_tokenizer,
            target_tokenizer=detected.target_tokenizer,
            source_prefix=source_prefix,
            source_suffix=source_suffix,
            target_prefix=target_prefix,
            quality=request.quality or 0,
            license=request.license or _read_license(folder),
            origin=origin,
        )
        return _finish(staged, manifest, final, request)


def _read_license(folder: Path) -> str:
    for name in ("LICENSE", "LICENSE.txt", "LICENSE.md"):
        path = folder / name
        if path.is_file():
            try:
                first = path.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            except OSError:
                continue
            return first[0][:200] if first else ""
    return ""


def _import_workstation_folder(folder: Path, request: ImportRequest, dest_root: Path) -> InstalledModel:
    """A folder that already has a manifest: verify it, copy it, keep its metadata."""
    manifest = load_manifest(folder)
    _check_request_matches(manifest, request)
    verify_model(folder, manifest).raise_if_failed()
    if request.model_id:
        manifest = replace(manifest, id=validate_model_id(request.model_id))
    manifest = _apply_request(manifest, request)
    final = _target_folder(manifest.id, request, dest_root)
    with staging_dir(dest_root) as staged:
        _copy_tree(folder, staged)
        (staged / MANIFEST_NAME).unlink(missing_ok=True)
        return _finish(staged, manifest, final, request)


def _argos_metadata(package: Path) -> dict[str, Any]:
    path = package / "metadata.json"
    try:
        if path.stat().st_size > MAX_METADATA_BYTES:
            raise ValueError("metadata.json is too large")
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError:
        raise _error(
            f"Argos のパッケージに metadata.json がありません ({package.name})。",
            f"The Argos package has no metadata.json ({package.name}).",
        ) from None
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise _error(
            f"Argos のパッケージの metadata.json を読めません: {exc}",
            f"Cannot read the Argos metadata.json: {exc}",
        ) from exc
    if not isinstance(data, dict):
        raise _error(
            "Argos の metadata.json が正しくありません。", "The Argos metadata.json is not a JSON object."
        )
    return data


def _argos_codes(metadata: dict[str, Any], key: str, list_key: str) -> str | None:
    code = metadata.get(key)
    if isinstance(code, str) and code:
        return code
    languages = metadata.get(list_key)
    if isinstance(languages, list) and len(languages) == 1 and isinstance(languages[0], dict):
        value = languages[0].get("code")
        return value if isinstance(value, str) else None
    return None


def _argos_tokenizer(package: Path) -> str:
    for name in ARGOS_TOKENIZERS:
        if (package / name).is_file():
            try:
                _check_tokenizer(package / name)
            except ModelError:
                if name == "bpe.model":
                    raise _error(
                        "この Argos パッケージは Moses + BPE (bpe.model) のトークナイザーを使っており、対応していません。"
                        "sentencepiece.model を含むパッケージを使ってください。",
                        "This Argos package uses a Moses + BPE tokenizer (bpe.model), which is not supported; "
                        "use a package that contains sentencepiece.model.",
                    ) from None
                raise
            return name
    raise _error(
        "Argos のパッケージに sentencepiece.model (または bpe.model) がありません。",
        "The Argos package has no sentencepiece.model (or bpe.model).",
    )


def _import_argos_folder(
    package: Path, request: ImportRequest, staged: Path, dest_root: Path, origin: str
) -> InstalledModel:
    """``package`` is an unpacked Argos package inside ``staged``; turn ``staged`` into the model folder."""
    metadata = _argos_metadata(package)
    source = request.source_lang or _argos_codes(metadata, "from_code", "source_languages")
    target = request.target_lang or _argos_codes(metadata, "to_code", "target_languages")
    if source and target:
        validate_language_code(source)
        validate_language_code(target)
    if not source or not target:
        raise DirectionNeeded(
            Text(
                "Argos のパッケージから翻訳の方向がわかりません。--from と --to で指定してください。",
                "The Argos package does not say its direction; give it with --from and --to.",
            )
        )
    model_dir = package / "model"
    _require_ctranslate2_model(model_dir)
    tokenizer = _argos_tokenizer(package)
    target_prefix_value = metadata.get("target_prefix") or ""
    if not isinstance(target_prefix_value, str):
        raise _error(
            "Argos の target_prefix が文字列ではありません。", "The Argos target_prefix is not a string."
        )
    target_prefix = tuple(target_prefix_value.split()) if target_prefix_value else ()
    _, target_vocabulary = read_vocabularies(model_dir)
    check_tokens(target_prefix, target_vocabulary, Text("出力側", "target"))
    version = str(metadata.get("package_version", "")).strip()
    model_id = validate_model_id(request.model_id or _default_id("argos", source, target, version))
    final = _target_folder(model_id, request, dest_root)
    relative = package.relative_to(staged)
    prefix = "" if str(relative) == "." else f"{relative.as_posix()}/"
    from_name = str(metadata.get("from_name") or source)
    to_name = str(metadata.get("to_name") or target)
    manifest = build_manifest(
        staged,
        id=model_id,
        name_ja=request.name_ja or f"Argos {from_name}→{to_name} {version}".strip(),
        name_en=request.name_en or f"Argos {from_name}→{to_name} {version}".strip(),
        source_lang=source,
        target_lang=target,
        family="argos",
        model_dir=f"{prefix}model",
        source_tokenizer=f"{prefix}{tokenizer}",
        target_tokenizer=f"{prefix}{tokenizer}",
        source_prefix=(),
        source_suffix=(),
        target_prefix=target_prefix,
        quality=request.quality or 0,
        license=request.license or str(metadata.get("license", ""))[:200],
        origin=origin,
    )
    return _finish(staged, manifest, final, request)


def _single_top_folder(names: Sequence[str]) -> str | None:
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        return tops.pop()
    return None


def _import_argos_archive(
    archive: Path, request: ImportRequest, dest_root: Path, limits: ArchiveLimits
) -> InstalledModel:
    members = inspect_zip(archive, limits)
    names = [member.name for member in members]
    top = _single_top_folder(names)
    metadata_name = f"{top}/metadata.json" if top else "metadata.json"
    if metadata_name not in names:
        raise ArchiveError(
            Text(
                f"{archive.name} は Argos のパッケージではありません (metadata.json を含むフォルダーが一つだけ入っている必要があります)。",
                f"{archive.name} is not an Argos package (it must hold one folder with metadata.json).",
            )
        )
    with staging_dir(dest_root) as staged:
        extract_zip(archive, staged, limits)
        package = staged / top if top else staged
        return _import_argos_folder(
            package, request, staged, dest_root, origin=f"Argos package {archive.name}"
        )


def _import_argos_unpacked(folder: Path, request: ImportRequest, dest_root: Path) -> InstalledModel:
    with staging_dir(dest_root) as staged:
        _copy_tree(folder, staged)
        return _import_argos_folder(staged, request, staged, dest_root, origin=f"Argos package {folder.name}")


def _archive_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in (".wsmodel", ".argosmodel"):
        return suffix
    if not zipfile.is_zipfile(path):
        raise _error(
            f"{path.name} はモデルとして読めません (.wsmodel、.argosmodel、または CTranslate2 のフォルダーを指定してください)。",
            f"{path.name} is not a model (give a .wsmodel, an .argosmodel or a CTranslate2 folder).",
        )
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise _error(f"{path.name} が壊れています。", f"{path.name} is corrupt.") from exc
    return ".wsmodel" if MANIFEST_NAME in names else ".argosmodel"


def import_model(
    source: Path,
    request: ImportRequest | None = None,
    *,
    allow_unsigned: bool = False,
    dest_root: Path | None = None,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> InstalledModel:
    """Install the model at ``source`` (folder, ``.argosmodel`` or ``.wsmodel``) into ``dest_root``.

    ``dest_root`` defaults to the user's models folder. Raises ``ModelError`` (or ``ArchiveError``) with a
    message saying what is wrong and what to do; nothing is left behind on failure.
    """
    source = Path(source).expanduser()
    request = request or ImportRequest()
    dest_root = Path(dest_root) if dest_root is not None else paths.user_models_dir()
    if not source.exists():
        raise _error(f"{source} がありません。", f"{source} does not exist.")
    if source.is_dir():
        if (source / MANIFEST_NAME).is_file():
            return _import_workstation_folder(source, request, dest_root)
        if (source / "metadata.json").is_file() and (source / "model").is_dir():
            return _import_argos_unpacked(source, request, dest_root)
        return _import_ct2_folder(source, request, dest_root, origin=f"CTranslate2 folder {source.name}")
    kind = _archive_kind(source)
    if kind == ".wsmodel":
        from workstation.translate.bundle import import_bundle

        return import_bundle(
            source, request, allow_unsigned=allow_unsigned, dest_root=dest_root, limits=limits
        )
    return _import_argos_archive(source, request, dest_root, limits)


def finish_import(
    staged: Path, manifest: ModelManifest, request: ImportRequest, dest_root: Path
) -> InstalledModel:
    """Install a staged, manifest-bearing folder (used by ``.wsmodel`` import)."""
    _check_request_matches(manifest, request)
    manifest = _apply_request(manifest, request)
    if request.model_id:
        manifest = replace(manifest, id=validate_model_id(request.model_id))
    final = _target_folder(manifest.id, request, dest_root)
    return _finish(staged, manifest, final, request)

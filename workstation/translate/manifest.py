"""The model manifest ``workstation-model.json``: what a model folder holds, which languages, and file hashes."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Any

from workstation.errors import WorkstationError
from workstation.i18n import Text
from workstation.io.atomic import atomic_write_bytes

__all__ = [
    "FAMILIES",
    "MANIFEST_FORMAT",
    "MANIFEST_NAME",
    "DecodingDefaults",
    "FileEntry",
    "ModelError",
    "ModelManifest",
    "build_manifest",
    "hash_file",
    "load_manifest",
    "manifest_from_dict",
    "manifest_to_dict",
    "scan_files",
    "validate_language_code",
    "validate_model_id",
    "write_manifest",
]

MANIFEST_NAME = "workstation-model.json"
MANIFEST_FORMAT = 1
FAMILIES: tuple[str, ...] = ("marian", "m2m100", "nllb", "argos")
MAX_MANIFEST_BYTES = 4 * 1024 * 1024
_HASH_CHUNK = 1024 * 1024
_ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
_LANG_PATTERN = re.compile(r"^[a-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")
_SHA256_PATTERN = re.compile(r"^[0-9a-f]{64}$")


class ModelError(WorkstationError):
    """A model folder, manifest or model file that cannot be used."""


@dataclass(frozen=True)
class FileEntry:
    """Size in bytes and SHA-256 (lower-case hex) of one file of a model."""

    size: int
    sha256: str


@dataclass(frozen=True)
class DecodingDefaults:
    """Decoding settings a model's maker recommends (``decoding`` in the manifest); options may override them.

    Small models tend to repeat themselves on long sentences and to stop early; a mild repetition
    penalty, a ban on repeated n-grams and a length penalty above 1 (beam search favours longer
    hypotheses), tuned on held-out data, keep them from looping and from leaving parts out. A back-translation
    weight above 0 picks, among the beam's hypotheses, the one that best leads back to the source."""

    repetition_penalty: float = 1.0
    no_repeat_ngram_size: int = 0
    length_penalty: float = 1.0
    back_translation_weight: float = 0.0

    def to_dict(self) -> dict[str, float | int]:
        return {
            "repetition_penalty": self.repetition_penalty,
            "no_repeat_ngram_size": self.no_repeat_ngram_size,
            "length_penalty": self.length_penalty,
            "back_translation_weight": self.back_translation_weight,
        }


@dataclass(frozen=True)
class ModelManifest:
    """The parsed, validated contents of ``workstation-model.json``."""

    id: str
    name_ja: str
    name_en: str
    source_lang: str
    target_lang: str
    family: str
    model_dir: str = "."
    source_tokenizer: str = "source.spm"
    target_tokenizer: str = "target.spm"
    source_prefix: tuple[str, ...] = ()
    source_suffix: tuple[str, ...] = ()
    target_prefix: tuple[str, ...] = ()
    quality: int = 0
    license: str = ""
    origin: str = ""
    ctranslate2_version: str = ""
    decoding: DecodingDefaults = DecodingDefaults()
    files: dict[str, FileEntry] = field(default_factory=dict)

    @property
    def direction(self) -> str:
        return f"{self.source_lang}→{self.target_lang}"

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.files.values())

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" else self.name_ja

    def with_files(self, files: Mapping[str, FileEntry]) -> ModelManifest:
        return replace(self, files=dict(files))


def _invalid(where: Path | str, problem: Text) -> ModelError:
    return ModelError(
        Text(
            f"モデルの定義ファイル ({where}) が正しくありません: {problem.ja}",
            f"Invalid model manifest ({where}): {problem.en}",
        )
    )


def validate_model_id(model_id: object) -> str:
    """Return ``model_id`` if it is a safe folder name (letters, digits, ``._-``), else raise ``ModelError``."""
    if not isinstance(model_id, str) or not _ID_PATTERN.match(model_id) or model_id in {".", ".."}:
        raise ModelError(
            Text(
                f"モデル ID「{model_id}」は使えません。英数字と . _ - だけで 100 文字以内にしてください。",
                f"Model id '{model_id}' is not allowed: use up to 100 letters, digits, '.', '_' or '-'.",
            )
        )
    return model_id


def validate_language_code(code: object) -> str:
    """Return ``code`` if it looks like a language code (``ja``, ``en``, ``zh-Hant``), else raise ``ModelError``."""
    if not isinstance(code, str) or not _LANG_PATTERN.match(code):
        raise ModelError(
            Text(
                f"言語コード「{code}」が正しくありません (例: ja, en)。",
                f"Language code '{code}' is not valid (e.g. ja, en).",
            )
        )
    return code


def _relative_path(value: object, name: str, where: Path | str, *, allow_dot: bool = False) -> str:
    """A relative POSIX path that stays inside the model folder."""
    if not isinstance(value, str) or not value:
        raise _invalid(
            where, Text(f"「{name}」が空か文字列ではありません", f"'{name}' is empty or not a string")
        )
    path = PurePosixPath(value)
    bad = (
        "\\" in value
        or path.is_absolute()
        or re.match(r"^[A-Za-z]:", value) is not None
        or any(part == ".." for part in path.parts)
        or "\x00" in value
    )
    if bad:
        raise _invalid(
            where,
            Text(
                f"「{name}」のパス「{value}」がモデルのフォルダーの外を指しています",
                f"'{name}' path '{value}' points outside the model folder",
            ),
        )
    normal = str(path)
    if normal == "." and not allow_dot:
        raise _invalid(where, Text(f"「{name}」がファイルを指していません", f"'{name}' does not name a file"))
    return normal


def _require(data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], where: Path | str) -> Any:
    if key not in data:
        raise _invalid(where, Text(f"必須の項目「{key}」がありません", f"required field '{key}' is missing"))
    value = data[key]
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _invalid(
            where, Text(f"項目「{key}」の型が正しくありません", f"field '{key}' has the wrong type")
        )
    return value


def _optional(
    data: Mapping[str, Any], key: str, kind: type | tuple[type, ...], default: Any, where: Path | str
) -> Any:
    if key not in data or data[key] is None:
        return default
    return _require(data, key, kind, where)


def _tokens(data: Mapping[str, Any], key: str, where: Path | str) -> tuple[str, ...]:
    value = _optional(data, key, list, [], where)
    if not all(isinstance(token, str) and token for token in value):
        raise _invalid(
            where,
            Text(
                f"項目「{key}」は空でない文字列のリストにしてください",
                f"field '{key}' must be a list of non-empty strings",
            ),
        )
    return tuple(value)


def _language(data: Mapping[str, Any], key: str, where: Path | str) -> str:
    value = _require(data, key, str, where)
    if not _LANG_PATTERN.match(value):
        raise _invalid(
            where,
            Text(
                f"言語コード「{value}」({key}) が正しくありません (例: ja, en)",
                f"language code '{value}' ({key}) is not valid (e.g. ja, en)",
            ),
        )
    return value


def _files(data: Mapping[str, Any], where: Path | str) -> dict[str, FileEntry]:
    raw = _require(data, "files", dict, where)
    files: dict[str, FileEntry] = {}
    for name, entry in raw.items():
        relative = _relative_path(name, "files", where)
        if relative == MANIFEST_NAME:
            raise _invalid(
                where,
                Text("「files」に定義ファイル自身が含まれています", "'files' lists the manifest itself"),
            )
        if not isinstance(entry, dict):
            raise _invalid(
                where,
                Text(
                    f"ファイル「{name}」の項目が正しくありません", f"entry for file '{name}' is not an object"
                ),
            )
        size = entry.get("size")
        digest = entry.get("sha256")
        if not isinstance(size, int) or isinstance(size, bool) or size < 0:
            raise _invalid(
                where,
                Text(
                    f"ファイル「{name}」のサイズが正しくありません",
                    f"size of file '{name}' is not a non-negative integer",
                ),
            )
        if not isinstance(digest, str) or not _SHA256_PATTERN.match(digest):
            raise _invalid(
                where,
                Text(
                    f"ファイル「{name}」の SHA-256 が正しくありません",
                    f"SHA-256 of file '{name}' is not 64 lower-case hex digits",
                ),
            )
        if relative in files:
            raise _invalid(
                where, Text(f"ファイル「{name}」が二重に登録されています", f"file '{name}' is listed twice")
            )
        files[relative] = FileEntry(size, digest)
    return files


def _decoding(data: Mapping[str, Any], where: Path | str) -> DecodingDefaults:
    raw = _optional(data, "decoding", dict, {}, where)
    unknown = sorted(set(raw) - set(DecodingDefaults.__dataclass_fields__))
    if unknown:
        raise _invalid(
            where,
            Text(f"「decoding」に不明な項目があります: {', '.join(unknown)}", f"'decoding' has unknown fields: {', '.join(unknown)}"),
        )
    penalty = _optional(raw, "repetition_penalty", (int, float), 1.0, where)
    ngram = _optional(raw, "no_repeat_ngram_size", int, 0, where)
    length = _optional(raw, "length_penalty", (int, float), 1.0, where)
    back = _optional(raw, "back_translation_weight", (int, float), 0.0, where)
    if not 0 < penalty <= 10 or not 0 <= ngram <= 16 or not 0 <= length <= 10 or not 0 <= back <= 10:
        raise _invalid(
            where,
            Text(
                "「decoding」の値が範囲外です (repetition_penalty は 0 より大きく 10 以下、no_repeat_ngram_size は 0〜16、"
                "length_penalty と back_translation_weight は 0〜10)",
                "'decoding' is out of range (repetition_penalty above 0 and at most 10, no_repeat_ngram_size 0-16, "
                "length_penalty and back_translation_weight 0-10)",
            ),
        )
    return DecodingDefaults(float(penalty), ngram, float(length), float(back))


def _model_file(model_dir: str, name: str) -> str:
    return str(PurePosixPath(model_dir) / name)


def manifest_from_dict(data: object, where: Path | str = MANIFEST_NAME) -> ModelManifest:
    """Validate the JSON object of a manifest and return it as a ``ModelManifest``."""
    if not isinstance(data, dict):
        raise _invalid(where, Text("JSON のオブジェクトではありません", "it is not a JSON object"))
    version = _require(data, "format", int, where)
    if version > MANIFEST_FORMAT:
        raise _invalid(
            where,
            Text(
                f"形式 {version} はこのバージョンでは読めません。プログラムを更新してください",
                f"format {version} is newer than this program understands; update the program",
            ),
        )
    if version < 1:
        raise _invalid(where, Text(f"形式 {version} は不明です", f"unknown format {version}"))
    try:
        model_id = validate_model_id(_require(data, "id", str, where))
    except ModelError as exc:
        raise _invalid(where, exc.message) from None
    name = _optional(data, "name", dict, {}, where)
    name_en = name.get("en") or model_id
    name_ja = name.get("ja") or name_en
    if not isinstance(name_ja, str) or not isinstance(name_en, str):
        raise _invalid(
            where, Text("「name」の ja と en は文字列にしてください", "'name' ja and en must be strings")
        )
    family = _require(data, "family", str, where)
    if family not in FAMILIES:
        raise _invalid(
            where,
            Text(
                f"モデルの種類「{family}」は不明です ({', '.join(FAMILIES)})",
                f"unknown family '{family}' (expected one of {', '.join(FAMILIES)})",
            ),
        )
    model_dir = _relative_path(
        _optional(data, "model_dir", str, ".", where), "model_dir", where, allow_dot=True
    )
    tokenizer = _require(data, "tokenizer", dict, where)
    source_tokenizer = _relative_path(tokenizer.get("source"), "tokenizer.source", where)
    target_tokenizer = _relative_path(
        tokenizer.get("target", tokenizer.get("source")), "tokenizer.target", where
    )
    files = _files(data, where)
    for needed in (_model_file(model_dir, "model.bin"), source_tokenizer, target_tokenizer):
        if needed not in files:
            raise _invalid(
                where,
                Text(
                    f"「files」に必要なファイル「{needed}」がありません",
                    f"'files' does not list the required file '{needed}'",
                ),
            )
    return ModelManifest(
        id=model_id,
        name_ja=name_ja,
        name_en=name_en,
        source_lang=_language(data, "source_lang", where),
        target_lang=_language(data, "target_lang", where),
        family=family,
        model_dir=model_dir,
        source_tokenizer=source_tokenizer,
        target_tokenizer=target_tokenizer,
        source_prefix=_tokens(data, "source_prefix", where),
        source_suffix=_tokens(data, "source_suffix", where),
        target_prefix=_tokens(data, "target_prefix", where),
        quality=_optional(data, "quality", int, 0, where),
        license=_optional(data, "license", str, "", where),
        origin=_optional(data, "origin", str, "", where),
        ctranslate2_version=_optional(data, "ctranslate2_version", str, "", where),
        decoding=_decoding(data, where),
        files=files,
    )


def manifest_to_dict(manifest: ModelManifest) -> dict[str, Any]:
    """The JSON object written to ``workstation-model.json``."""
    return {
        "format": MANIFEST_FORMAT,
        "id": manifest.id,
        "name": {"ja": manifest.name_ja, "en": manifest.name_en},
        "source_lang": manifest.source_lang,
        "target_lang": manifest.target_lang,
        "family": manifest.family,
        "model_dir": manifest.model_dir,
        "tokenizer": {"source": manifest.source_tokenizer, "target": manifest.target_tokenizer},
        "source_prefix": list(manifest.source_prefix),
        "source_suffix": list(manifest.source_suffix),
        "target_prefix": list(manifest.target_prefix),
        "quality": manifest.quality,
        "license": manifest.license,
        "origin": manifest.origin,
        "ctranslate2_version": manifest.ctranslate2_version,
        "decoding": manifest.decoding.to_dict(),
        "files": {
            name: {"size": entry.size, "sha256": entry.sha256}
            for name, entry in sorted(manifest.files.items())
        },
    }


def load_manifest(model_path: Path) -> ModelManifest:
    """Read and validate ``model_path / workstation-model.json``; raise ``ModelError`` with the reason."""
    path = Path(model_path) / MANIFEST_NAME
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise _invalid(path, Text("ファイルが大きすぎます", "the file is too large"))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ModelError(
            Text(f"モデルの定義ファイル {path} がありません。", f"The model manifest {path} is missing.")
        ) from None
    except OSError as exc:
        raise ModelError(
            Text(
                f"モデルの定義ファイル {path} を読めません: {exc.strerror}",
                f"Cannot read the model manifest {path}: {exc.strerror}",
            ),
            detail=repr(exc),
        ) from None
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _invalid(
            path, Text(f"JSON として読めません ({exc})", f"it is not valid JSON ({exc})")
        ) from None
    return manifest_from_dict(data, path)


def write_manifest(model_path: Path, manifest: ModelManifest) -> Path:
    """Write ``manifest`` atomically into ``model_path``; return the file written."""
    path = Path(model_path) / MANIFEST_NAME
    text = json.dumps(manifest_to_dict(manifest), ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(path, text.encode("utf-8"))
    return path


def hash_file(path: Path) -> FileEntry:
    """Size and SHA-256 of one file, read in chunks."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_HASH_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return FileEntry(size, digest.hexdigest())


def iter_model_files(model_path: Path) -> Iterable[str]:
    """Relative POSIX names of every file under ``model_path`` except the manifest, sorted."""
    root = Path(model_path)
    names: list[str] = []
    for directory, subdirs, filenames in os.walk(root):
        subdirs.sort()
        for filename in filenames:
            relative = (Path(directory) / filename).relative_to(root).as_posix()
            if relative != MANIFEST_NAME:
                names.append(relative)
    return sorted(names)


def scan_files(model_path: Path) -> dict[str, FileEntry]:
    """Hash every file under ``model_path`` (the manifest excluded)."""
    root = Path(model_path)
    return {name: hash_file(root / name) for name in iter_model_files(root)}


def _installed_ctranslate2_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("ctranslate2")
    except PackageNotFoundError:
        return ""


def build_manifest(model_path: Path, **fields: Any) -> ModelManifest:
    """Make a manifest for the model folder ``model_path``, hashing every file in it.

    ``fields`` are ``ModelManifest`` fields (``id``, ``source_lang``, ``target_lang`` and ``family`` are
    required); ``name_ja``/``name_en`` default to the id and ``ctranslate2_version`` to the installed one.
    The result is validated exactly as ``load_manifest`` would; it is not written (see ``write_manifest``).
    """
    root = Path(model_path)
    if not root.is_dir():
        raise ModelError(
            Text(f"モデルのフォルダー {root} がありません。", f"The model folder {root} does not exist.")
        )
    unknown = (set(fields) - set(ModelManifest.__dataclass_fields__)) | ({"files"} & set(fields))
    if unknown:
        raise TypeError(f"unknown manifest fields: {sorted(unknown)}")
    for required in ("id", "source_lang", "target_lang", "family"):
        if not fields.get(required):
            raise _invalid(
                root, Text(f"必須の項目「{required}」がありません", f"required field '{required}' is missing")
            )
    values: dict[str, Any] = {
        "model_dir": ".",
        "source_tokenizer": "source.spm",
        "target_tokenizer": "target.spm",
        "ctranslate2_version": _installed_ctranslate2_version(),
        **fields,
    }
    values.setdefault("name_en", values.get("id", ""))
    values.setdefault("name_ja", values["name_en"])
    for key in ("source_prefix", "source_suffix", "target_prefix"):
        values[key] = tuple(values.get(key, ()))
    draft = ModelManifest(**values, files=scan_files(root))
    return manifest_from_dict(manifest_to_dict(draft), root / MANIFEST_NAME)

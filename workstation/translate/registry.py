"""Where translation models are found, which one serves a direction, and the user's choice per direction.

Model roots, in order of precedence (the first model with a given id wins; later ones are listed as broken):
the user's imported models (``user_models_dir()``), folders passed as ``extra_dirs``, folders named in the
settings file ``models.json`` (``model_dirs``), folders in ``WORKSTATION_MODELS`` (``os.pathsep``-separated),
and the built-in models shipped with the program (``builtin_models_dir()``). A root is either one model folder
(it holds ``workstation-model.json``) or a folder of model folders.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workstation import paths
from workstation.errors import WorkstationError
from workstation.i18n import Text
from workstation.io.atomic import atomic_write_bytes
from workstation.translate.manifest import MANIFEST_NAME, ModelError, ModelManifest, load_manifest
from workstation.translate.verify import check_sizes

__all__ = [
    "MODELS_ENV",
    "SETTINGS_NAME",
    "BrokenModel",
    "InstalledModel",
    "ModelRegistry",
    "ModelSettings",
    "NoModelError",
    "load_settings",
    "save_settings",
]

log = logging.getLogger(__name__)

MODELS_ENV = "WORKSTATION_MODELS"
SETTINGS_NAME = "models.json"


class NoModelError(WorkstationError):
    """No installed model translates the requested direction."""


@dataclass(frozen=True)
class ModelSettings:
    """The models part of the user's settings (``models.json`` in the user config folder)."""

    model_dirs: tuple[str, ...] = ()
    defaults: dict[str, str] = field(default_factory=dict)
    """Chosen model id per direction, keyed ``"ja>en"``."""
    trusted_keys: tuple[str, ...] = ()
    """Ed25519 public keys (PEM text or raw base64) trusted to sign ``.wsmodel`` bundles."""


def settings_path() -> Path:
    return paths.user_config_dir() / SETTINGS_NAME


def load_settings() -> ModelSettings:
    """Read ``models.json``; a missing or unreadable file gives defaults (and a log line), never a crash."""
    path = settings_path()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ModelSettings()
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("ignoring unreadable model settings %s: %s", path, exc)
        return ModelSettings()
    if not isinstance(data, dict):
        log.warning("ignoring model settings %s: not a JSON object", path)
        return ModelSettings()

    def strings(key: str) -> tuple[str, ...]:
        value = data.get(key, [])
        return tuple(item for item in value if isinstance(item, str)) if isinstance(value, list) else ()

    defaults = data.get("defaults", {})
    return ModelSettings(
        model_dirs=strings("model_dirs"),
        defaults={k: v for k, v in defaults.items() if isinstance(k, str) and isinstance(v, str)}
        if isinstance(defaults, dict)
        else {},
        trusted_keys=strings("trusted_keys"),
    )


def save_settings(settings: ModelSettings) -> None:
    data = {
        "model_dirs": list(settings.model_dirs),
        "defaults": dict(sorted(settings.defaults.items())),
        "trusted_keys": list(settings.trusted_keys),
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    atomic_write_bytes(settings_path(), text.encode("utf-8"), private=True)


def _direction_key(source_lang: str, target_lang: str) -> str:
    return f"{source_lang}>{target_lang}"


@dataclass(frozen=True)
class InstalledModel:
    """A model found on disk: its manifest, its folder, and whether it ships with the program."""

    manifest: ModelManifest
    path: Path
    builtin: bool

    @property
    def id(self) -> str:
        return self.manifest.id

    @property
    def model_path(self) -> Path:
        """The folder holding the CTranslate2 ``model.bin``."""
        return self.path / self.manifest.model_dir

    @property
    def source_tokenizer_path(self) -> Path:
        return self.path / self.manifest.source_tokenizer

    @property
    def target_tokenizer_path(self) -> Path:
        return self.path / self.manifest.target_tokenizer

    @property
    def size(self) -> int:
        return self.manifest.total_size

    def serves(self, source_lang: str, target_lang: str) -> bool:
        return self.manifest.source_lang == source_lang and self.manifest.target_lang == target_lang


@dataclass(frozen=True)
class BrokenModel:
    """A folder that looks like a model but cannot be used, with the reason."""

    path: Path
    reason: Text
    builtin: bool = False


@dataclass(frozen=True)
class _Root:
    path: Path
    builtin: bool


class ModelRegistry:
    """Finds installed models; rescans on ``refresh()``."""

    def __init__(self, extra_dirs: Iterable[Path | str] = (), *, include_builtin: bool = True) -> None:
        self.extra_dirs = tuple(Path(directory) for directory in extra_dirs)
        self.include_builtin = include_builtin
        self._models: list[InstalledModel] | None = None
        self._broken: list[BrokenModel] = []

    def roots(self) -> list[tuple[Path, bool]]:
        """The folders searched, in order of precedence, with whether each holds built-in models."""
        return [(root.path, root.builtin) for root in self._roots()]

    def _roots(self) -> list[_Root]:
        roots = [_Root(paths.user_models_dir(), False)]
        roots += [_Root(directory, False) for directory in self.extra_dirs]
        roots += [_Root(Path(directory).expanduser(), False) for directory in load_settings().model_dirs]
        roots += [
            _Root(Path(directory).expanduser(), False)
            for directory in os.environ.get(MODELS_ENV, "").split(os.pathsep)
            if directory.strip()
        ]
        if self.include_builtin:
            roots.append(_Root(paths.builtin_models_dir(), True))
        unique: list[_Root] = []
        seen: set[Path] = set()
        for root in roots:
            key = root.path.resolve() if root.path.exists() else root.path
            if key not in seen:
                seen.add(key)
                unique.append(root)
        return unique

    def refresh(self) -> None:
        self._models = None

    def _scan(self) -> list[InstalledModel]:
        if self._models is not None:
            return self._models
        models: list[InstalledModel] = []
        broken: list[BrokenModel] = []
        by_id: dict[str, InstalledModel] = {}
        for root in self._roots():
            for folder in _candidate_folders(root.path):
                try:
                    manifest = load_manifest(folder)
                except ModelError as exc:
                    broken.append(BrokenModel(folder, exc.message, root.builtin))
                    continue
                problems = check_sizes(folder, manifest)
                if problems:
                    first = problems[0].describe()
                    broken.append(
                        BrokenModel(
                            folder,
                            Text(
                                f"ファイルが定義と一致しません ({first.ja})。`workstation models verify {manifest.id}` で確認してください",
                                f"files do not match the manifest ({first.en}); run `workstation models verify {manifest.id}`",
                            ),
                            root.builtin,
                        )
                    )
                    continue
                if manifest.id in by_id:
                    other = by_id[manifest.id].path
                    broken.append(
                        BrokenModel(
                            folder,
                            Text(
                                f"ID「{manifest.id}」は {other} のモデルと重複しているため使われません",
                                f"id '{manifest.id}' is already used by the model in {other}; this copy is ignored",
                            ),
                            root.builtin,
                        )
                    )
                    continue
                model = InstalledModel(manifest, folder, root.builtin)
                by_id[manifest.id] = model
                models.append(model)
        self._models = models
        self._broken = broken
        return models

    def models(self) -> list[InstalledModel]:
        """Every usable model, in order of precedence of their roots."""
        return list(self._scan())

    def broken(self) -> list[BrokenModel]:
        """Folders that look like models but cannot be used, with the reason."""
        self._scan()
        return list(self._broken)

    def find(self, model_id: str) -> InstalledModel | None:
        return next((model for model in self._scan() if model.id == model_id), None)

    def get(self, model_id: str) -> InstalledModel:
        """The model ``model_id``; raise ``ModelError`` saying which ids exist when it is not installed."""
        model = self.find(model_id)
        if model is not None:
            return model
        broken = next((item for item in self.broken() if item.path.name == model_id), None)
        if broken is not None:
            raise ModelError(
                Text(
                    f"モデル {model_id} は使えません: {broken.reason.ja}",
                    f"Model {model_id} cannot be used: {broken.reason.en}",
                )
            )
        raise ModelError(
            Text(
                f"モデル {model_id} はインストールされていません。インストール済み: {self._id_list()}",
                f"Model {model_id} is not installed. Installed: {self._id_list()}",
            )
        )

    def _id_list(self) -> str:
        return ", ".join(f"{model.id} ({model.manifest.direction})" for model in self._scan()) or "-"

    def for_direction(self, source_lang: str, target_lang: str) -> list[InstalledModel]:
        """Models for one direction, best first: higher quality, then user-installed before built-in."""
        candidates = [model for model in self._scan() if model.serves(source_lang, target_lang)]
        return sorted(candidates, key=lambda model: (-model.manifest.quality, model.builtin, model.id))

    def directions(self) -> list[tuple[str, str]]:
        return sorted({(m.manifest.source_lang, m.manifest.target_lang) for m in self._scan()})

    def user_default(self, source_lang: str, target_lang: str) -> str | None:
        """The model id the user chose for this direction, if any (it may no longer be installed)."""
        return load_settings().defaults.get(_direction_key(source_lang, target_lang))

    def set_default(self, source_lang: str, target_lang: str, model_id: str | None) -> None:
        """Remember ``model_id`` as the user's choice for the direction (``None`` forgets the choice)."""
        if model_id is not None:
            model = self.get(model_id)
            if not model.serves(source_lang, target_lang):
                raise ModelError(
                    Text(
                        f"モデル {model_id} は {model.manifest.direction} 用のため、{source_lang}→{target_lang} には使えません。",
                        f"Model {model_id} translates {model.manifest.direction}, not {source_lang}→{target_lang}.",
                    )
                )
        settings = load_settings()
        defaults = dict(settings.defaults)
        key = _direction_key(source_lang, target_lang)
        if model_id is None:
            defaults.pop(key, None)
        else:
            defaults[key] = model_id
        save_settings(ModelSettings(settings.model_dirs, defaults, settings.trusted_keys))

    def default_for(
        self, source_lang: str, target_lang: str, preferred_id: str | None = None
    ) -> InstalledModel:
        """The model to use: ``preferred_id``, then the user's saved choice, then the best installed one."""
        if preferred_id:
            model = self.get(preferred_id)
            if not model.serves(source_lang, target_lang):
                raise ModelError(
                    Text(
                        f"モデル {preferred_id} は {model.manifest.direction} 用のため、{source_lang}→{target_lang} には使えません。",
                        f"Model {preferred_id} translates {model.manifest.direction}, not {source_lang}→{target_lang}.",
                    )
                )
            return model
        chosen = self.user_default(source_lang, target_lang)
        if chosen:
            model = self.find(chosen)
            if model is not None and model.serves(source_lang, target_lang):
                return model
            log.warning("saved default model %s for %s>%s is not available", chosen, source_lang, target_lang)
        candidates = self.for_direction(source_lang, target_lang)
        if candidates:
            return candidates[0]
        raise NoModelError(
            Text(
                f"{source_lang}→{target_lang} の翻訳モデルがありません。インストール済み: {self._id_list()}。"
                f"`workstation models import PATH` でモデルを取り込んでください。",
                f"No translation model for {source_lang}→{target_lang}. Installed: {self._id_list()}. "
                f"Import one with `workstation models import PATH`.",
            )
        )

    def reverse_of(self, model: InstalledModel) -> InstalledModel | None:
        """The model this program would use for ``model``'s opposite direction, or ``None`` if there is none
        (it ranks ``model``'s candidate translations by back-translation)."""
        manifest = model.manifest
        try:
            return self.default_for(manifest.target_lang, manifest.source_lang)
        except NoModelError:
            return None

    def is_user_installed(self, model: InstalledModel) -> bool:
        """Whether ``model`` lives in the user's models folder (and so may be removed)."""
        root = paths.user_models_dir().resolve()
        return model.path.resolve().parent == root


def _candidate_folders(root: Path) -> Sequence[Path]:
    """Model folders under ``root``: the root itself if it has a manifest, else its subfolders that look like models."""
    if not root.is_dir():
        return []
    if (root / MANIFEST_NAME).is_file():
        return [root]
    folders: list[Path] = []
    try:
        children = sorted(root.iterdir())
    except OSError as exc:
        log.warning("cannot list model folder %s: %s", root, exc)
        return []
    for child in children:
        if child.name.startswith(".") or not child.is_dir():
            continue
        if (
            (child / MANIFEST_NAME).exists()
            or (child / "model.bin").exists()
            or (child / "model" / "model.bin").exists()
        ):
            folders.append(child)
    return folders

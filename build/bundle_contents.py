"""What every package of the program ships besides code: resources and the chosen models (one rule for all).

Used by the PyInstaller spec, the wheel builder and the size report, so the bundle, the wheel and the Windows
installer always carry the same files. A model folder ships only the files its manifest lists (plus the manifest and
its model card): training checkpoints or notes left in ``models/`` never leak into a package.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "MANIFEST_NAME",
    "MODELS_ENV",
    "BundleError",
    "ShippedFile",
    "model_choice",
    "model_files",
    "resource_files",
    "selected_model_dirs",
    "shipped_files",
    "trusted_key_files",
]

MANIFEST_NAME = "workstation-model.json"
MODELS_ENV = "WORKSTATION_BUNDLE_MODELS"
"""``all`` (default), ``none``, or a comma-separated list of model ids to ship."""

KEYS_SOURCE = "build/trusted-keys"
KEYS_TARGET = "trusted-keys"
"""``workstation.translate.bundle.TRUSTED_KEYS_DIR``: the install root's folder of trusted public keys."""
_SKIPPED_PARTS = {"__pycache__", ".DS_Store"}


class BundleError(Exception):
    """The tree cannot be packaged as asked (a chosen model is missing, a listed file is absent)."""


@dataclass(frozen=True)
class ShippedFile:
    """One file to ship: where it is now and its path relative to the install root."""

    source: Path
    target: Path


def model_choice(value: str | None = None) -> str | set[str]:
    """Parse ``WORKSTATION_BUNDLE_MODELS``: ``"all"``, ``"none"`` or a set of model ids."""
    raw = (os.environ.get(MODELS_ENV, "all") if value is None else value).strip()
    if raw.lower() in ("", "all"):
        return "all"
    if raw.lower() == "none":
        return "none"
    return {item.strip() for item in raw.split(",") if item.strip()}


def selected_model_dirs(root: Path, choice: str | set[str] | None = None) -> list[Path]:
    """Model folders under ``root/models`` that hold a manifest and are chosen."""
    choice = model_choice() if choice is None else choice
    models_root = root / "models"
    candidates = (
        sorted(p for p in models_root.iterdir() if p.is_dir() and (p / MANIFEST_NAME).is_file())
        if models_root.is_dir()
        else []
    )
    if choice == "none":
        return []
    if choice == "all":
        return candidates
    missing = set(choice) - {p.name for p in candidates}
    if missing:
        raise BundleError(
            f"{MODELS_ENV}: no model folder with a manifest for {sorted(missing)} under {models_root}"
        )
    return [p for p in candidates if p.name in choice]


def model_files(model_dir: Path) -> list[Path]:
    """The files of one model folder to ship: its manifest, the files it lists and any ``*.md`` model card."""
    manifest = json.loads((model_dir / MANIFEST_NAME).read_text(encoding="utf-8"))
    names = {MANIFEST_NAME, *manifest.get("files", {})}
    names.update(p.name for p in model_dir.glob("*.md"))
    files = []
    for name in sorted(names):
        path = model_dir / name
        if not path.is_file():
            raise BundleError(f"model {model_dir.name}: {name} is listed in its manifest but missing")
        files.append(path)
    return files


def resource_files(root: Path) -> list[Path]:
    """Every file under ``root/resources`` (rule data, profiles, dictionaries, icons)."""
    folder = root / "resources"
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and not _SKIPPED_PARTS.intersection(p.relative_to(folder).parts)
    )


def trusted_key_files(root: Path) -> list[Path]:
    """IT's public keys for signed ``.wsmodel`` bundles, from ``build/trusted-keys/*.pub``; a private key is refused."""
    folder = root / KEYS_SOURCE
    keys = sorted(p for p in folder.glob("*.pub") if p.is_file()) if folder.is_dir() else []
    for path in keys:
        if b"PRIVATE KEY" in path.read_bytes():
            raise BundleError(f"{path} holds a private key: only public keys may ship")
    return keys


def shipped_files(root: Path, choice: str | set[str] | None = None) -> list[ShippedFile]:
    """Resources, trusted public keys and chosen models, each with its path relative to the install root."""
    shipped = [ShippedFile(p, p.relative_to(root)) for p in resource_files(root)]
    shipped += [ShippedFile(p, Path(KEYS_TARGET) / p.name) for p in trusted_key_files(root)]
    for model_dir in selected_model_dirs(root, choice):
        shipped += [ShippedFile(p, p.relative_to(root)) for p in model_files(model_dir)]
    return shipped

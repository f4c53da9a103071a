"""Signed model bundles (``.wsmodel``) for carrying models to offline laptops by USB.

A bundle is a zip holding the model files, ``workstation-model.json`` (the manifest with the size and SHA-256
of every file) and ``workstation-signature.json``: an Ed25519 signature over the exact manifest bytes. Since
the manifest pins every file, the signature covers the whole model. On import the signature must verify with a
public key that IT has configured (``trusted-keys/`` in the user config folder or next to the program, or
``trusted_keys`` in ``models.json``); the zip must hold exactly the files the manifest lists; and every file is
re-hashed after unpacking. Unsigned bundles or bundles signed by an unknown key are refused unless the user
explicitly allows unsigned models; a signature that does not verify at all is always refused.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import logging
import os
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workstation import paths
from workstation.i18n import Text
from workstation.translate.archive import (
    DEFAULT_LIMITS,
    ArchiveError,
    ArchiveLimits,
    extract_zip,
    inspect_zip,
    read_member,
    staging_dir,
)
from workstation.translate.manifest import (
    MANIFEST_NAME,
    MAX_MANIFEST_BYTES,
    ModelError,
    ModelManifest,
    load_manifest,
    manifest_from_dict,
    manifest_to_dict,
)
from workstation.translate.registry import InstalledModel, load_settings
from workstation.translate.verify import verify_model

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

    from workstation.translate.importing import ImportRequest

__all__ = [
    "BUNDLE_SUFFIX",
    "SIGNATURE_NAME",
    "TRUSTED_KEYS_DIR",
    "BundleError",
    "KeyPair",
    "PassphraseNeeded",
    "TrustedKey",
    "import_bundle",
    "inspect_bundle",
    "key_id",
    "keygen",
    "load_private_key",
    "pack",
    "parse_public_key",
    "trusted_key_dirs",
    "trusted_keys",
]

log = logging.getLogger(__name__)

BUNDLE_SUFFIX = ".wsmodel"
SIGNATURE_NAME = "workstation-signature.json"
TRUSTED_KEYS_DIR = "trusted-keys"
SIGNATURE_FORMAT = 1
_DOMAIN = b"workstation-model-bundle/1\n"
"""Prefix of every signed message, so a bundle signature can never be replayed as another kind of signature."""
_MAX_SIGNATURE_BYTES = 64 * 1024
_MAX_KEY_FILE_BYTES = 64 * 1024


class BundleError(ArchiveError):
    """A ``.wsmodel`` bundle that is unsigned, untrusted, tampered or malformed."""


class PassphraseNeeded(ModelError):
    """The private signing key is encrypted and no passphrase was given."""


@dataclass(frozen=True)
class TrustedKey:
    """A public key IT trusts to sign bundles, and where it was configured."""

    key_id: str
    public_key: Ed25519PublicKey
    source: str


@dataclass(frozen=True)
class KeyPair:
    private_path: Path
    public_path: Path
    key_id: str
    public_base64: str


@dataclass(frozen=True)
class BundleInfo:
    """What a bundle claims, and who signed it (``signer`` is ``None`` when unsigned or untrusted)."""

    manifest: ModelManifest
    signed: bool
    signer: TrustedKey | None
    signature_key_id: str | None


def _refused(archive: Path, problem: Text) -> BundleError:
    return BundleError(
        Text(
            f"モデルのバンドル {archive.name} は取り込めません: {problem.ja}",
            f"The model bundle {archive.name} was refused: {problem.en}",
        )
    )


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public_key: Ed25519PublicKey) -> str:
    """A short fingerprint of a public key: the first 16 hex digits of SHA-256 of its raw bytes."""
    return hashlib.sha256(_raw_public(public_key)).hexdigest()[:16]


def parse_public_key(text: str) -> Ed25519PublicKey:
    """An Ed25519 public key from PEM text or the raw 32 bytes in base64; ``ValueError`` otherwise."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    text = text.strip()
    if text.startswith("-----BEGIN"):
        key = serialization.load_pem_public_key(text.encode("ascii", errors="replace"))
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("not an Ed25519 public key")
        return key
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("neither PEM nor base64") from exc
    if len(raw) != 32:
        raise ValueError("an Ed25519 public key has 32 bytes")
    return Ed25519PublicKey.from_public_bytes(raw)


def trusted_key_dirs() -> list[Path]:
    """Folders whose key files are trusted: the user's config folder, then the program's install folder."""
    return [paths.user_config_dir() / TRUSTED_KEYS_DIR, paths.install_root() / TRUSTED_KEYS_DIR]


def trusted_keys(extra: Iterable[str] = ()) -> list[TrustedKey]:
    """Every configured public key; unreadable ones are logged and skipped."""
    keys: list[TrustedKey] = []
    entries: list[tuple[str, str]] = []
    for directory in trusted_key_dirs():
        if not directory.is_dir():
            continue
        for path in sorted(directory.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            try:
                if path.stat().st_size > _MAX_KEY_FILE_BYTES:
                    raise ValueError("file too large")
                entries.append((path.read_text(encoding="utf-8"), str(path)))
            except (OSError, UnicodeDecodeError, ValueError) as exc:
                log.warning("ignoring unreadable trusted key %s: %s", path, exc)
    entries += [(text, "models.json") for text in load_settings().trusted_keys]
    entries += [(text, "argument") for text in extra]
    seen: set[str] = set()
    for text, source in entries:
        try:
            public_key = parse_public_key(text)
        except ValueError as exc:
            log.warning("ignoring invalid trusted key from %s: %s", source, exc)
            continue
        identifier = key_id(public_key)
        if identifier not in seen:
            seen.add(identifier)
            keys.append(TrustedKey(identifier, public_key, source))
    return keys


def keygen(out_dir: Path, name: str = "workstation-signing", *, passphrase: bytes | None = None) -> KeyPair:
    """Create an Ed25519 key pair: ``NAME.key`` (private, PEM, 0600) and ``NAME.pub`` (public, PEM).

    With ``passphrase`` the private key is encrypted with it (PKCS8, best available encryption).
    """
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    private_path = out_dir / f"{name}.key"
    public_path = out_dir / f"{name}.pub"
    for path in (private_path, public_path):
        if path.exists():
            raise ModelError(
                Text(
                    f"{path} は既に存在します。上書きはしません。",
                    f"{path} already exists; it is not overwritten.",
                )
            )
    private_key = Ed25519PrivateKey.generate()
    public_key = private_key.public_key()
    encryption = (
        serialization.BestAvailableEncryption(passphrase) if passphrase else serialization.NoEncryption()
    )
    private_pem = private_key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(private_pem)
    public_path.write_bytes(
        public_key.public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return KeyPair(
        private_path, public_path, key_id(public_key), base64.b64encode(_raw_public(public_key)).decode()
    )


def load_private_key(path: Path, password: bytes | None = None) -> Ed25519PrivateKey:
    """Read an Ed25519 private key (PEM, PKCS8); ``PassphraseNeeded`` when it is encrypted and none was given."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ModelError(
            Text(
                f"署名用の鍵 {path} を読めません: {exc.strerror}",
                f"Cannot read the signing key {path}: {exc.strerror}",
            )
        ) from None
    encrypted = b"ENCRYPTED" in data[:64]
    if encrypted and not password:
        raise PassphraseNeeded(
            Text(
                f"署名用の鍵 {path} はパスフレーズで保護されています。",
                f"The signing key {path} is protected by a passphrase.",
            )
        )
    try:
        key = serialization.load_pem_private_key(data, password=password if encrypted else None)
    except (ValueError, TypeError) as exc:
        if encrypted:
            raise ModelError(
                Text(
                    f"署名用の鍵 {path} のパスフレーズが違います。",
                    f"Wrong passphrase for the signing key {path}.",
                ),
                detail=repr(exc),
            ) from None
        raise ModelError(
            Text(
                f"{path} は署名用の秘密鍵 (PEM) として読めません。",
                f"{path} is not a readable private key (PEM).",
            ),
            detail=repr(exc),
        ) from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ModelError(Text(f"{path} は Ed25519 の鍵ではありません。", f"{path} is not an Ed25519 key."))
    return key


def _signature_document(private_key: Ed25519PrivateKey, manifest_bytes: bytes) -> bytes:
    public_key = private_key.public_key()
    document = {
        "format": SIGNATURE_FORMAT,
        "algorithm": "ed25519",
        "key_id": key_id(public_key),
        "public_key": base64.b64encode(_raw_public(public_key)).decode(),
        "signature": base64.b64encode(private_key.sign(_DOMAIN + manifest_bytes)).decode(),
    }
    return (json.dumps(document, indent=2) + "\n").encode("utf-8")


def pack(
    model_dir: Path, out: Path, private_key: Ed25519PrivateKey | Path, *, passphrase: bytes | None = None
) -> Path:
    """Write the model folder ``model_dir`` as a signed bundle ``out``; the folder must verify cleanly first."""
    model_dir = Path(model_dir)
    out = Path(out)
    if isinstance(private_key, (str, Path)):
        private_key = load_private_key(Path(private_key), passphrase)
    manifest = load_manifest(model_dir)
    verify_model(model_dir, manifest).raise_if_failed()
    manifest_bytes = (json.dumps(manifest_to_dict(manifest), ensure_ascii=False, indent=2) + "\n").encode(
        "utf-8"
    )
    signature = _signature_document(private_key, manifest_bytes)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent)
    os.close(fd)
    try:
        with zipfile.ZipFile(tmp_name, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
            zf.writestr(MANIFEST_NAME, manifest_bytes)
            for name in sorted(manifest.files):
                zf.write(model_dir / name, arcname=name)
            zf.writestr(SIGNATURE_NAME, signature)
        os.replace(tmp_name, out)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    log.info("packed model %s into %s", manifest.id, out)
    return out


def _parse_signature(archive: Path, data: bytes) -> tuple[bytes, Ed25519PublicKey, str]:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        document: Any = json.loads(data.decode("utf-8"))
        if not isinstance(document, dict) or document.get("algorithm") != "ed25519":
            raise ValueError("unknown signature algorithm")
        if document.get("format") != SIGNATURE_FORMAT:
            raise ValueError("unknown signature format")
        signature = base64.b64decode(document["signature"], validate=True)
        embedded = Ed25519PublicKey.from_public_bytes(base64.b64decode(document["public_key"], validate=True))
    except (UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError, binascii.Error) as exc:
        raise _refused(
            archive, Text("署名ファイルが壊れています", "the signature file is malformed")
        ) from exc
    return signature, embedded, key_id(embedded)


def inspect_bundle(
    archive: Path,
    *,
    keys: list[TrustedKey] | None = None,
    limits: ArchiveLimits = DEFAULT_LIMITS,
) -> BundleInfo:
    """Check a bundle's archive safety, manifest, file list and signature without unpacking it."""
    from cryptography.exceptions import InvalidSignature

    archive = Path(archive)
    members = inspect_zip(archive, limits)
    manifest_bytes = read_member(archive, MANIFEST_NAME, max_bytes=MAX_MANIFEST_BYTES)
    if manifest_bytes is None:
        raise _refused(archive, Text(f"{MANIFEST_NAME} が入っていません", f"it holds no {MANIFEST_NAME}"))
    try:
        manifest = manifest_from_dict(
            json.loads(manifest_bytes.decode("utf-8")), f"{archive.name}:{MANIFEST_NAME}"
        )
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refused(
            archive, Text("定義ファイルが JSON として読めません", "the manifest is not valid JSON")
        ) from exc
    names = {member.name for member in members}
    expected = set(manifest.files) | {MANIFEST_NAME, SIGNATURE_NAME}
    added = sorted(names - expected)
    if added:
        raise _refused(
            archive,
            Text(
                f"定義ファイルにないファイルが追加されています: {', '.join(added[:5])}",
                f"files not listed in the manifest were added: {', '.join(added[:5])}",
            ),
        )
    missing = sorted(set(manifest.files) - names)
    if missing:
        raise _refused(
            archive,
            Text(
                f"ファイルが欠けています: {', '.join(missing[:5])}",
                f"files are missing: {', '.join(missing[:5])}",
            ),
        )
    for member in members:
        entry = manifest.files.get(member.name)
        if entry is not None and entry.size != member.size:
            raise _refused(
                archive,
                Text(
                    f"{member.name} のサイズが定義と異なります (改ざんの疑い)",
                    f"the size of {member.name} differs from the manifest (tampered)",
                ),
            )
    signature_bytes = read_member(archive, SIGNATURE_NAME, max_bytes=_MAX_SIGNATURE_BYTES)
    if signature_bytes is None:
        return BundleInfo(manifest, signed=False, signer=None, signature_key_id=None)
    signature, embedded, embedded_id = _parse_signature(archive, signature_bytes)
    message = _DOMAIN + manifest_bytes
    for key in trusted_keys() if keys is None else keys:
        try:
            key.public_key.verify(signature, message)
        except InvalidSignature:
            continue
        return BundleInfo(manifest, signed=True, signer=key, signature_key_id=key.key_id)
    try:
        embedded.verify(signature, message)
    except InvalidSignature:
        raise _refused(
            archive,
            Text(
                "署名が内容と一致しません。バンドルが改ざんされているか壊れています",
                "the signature does not match the contents; the bundle was tampered with or is damaged",
            ),
        ) from None
    return BundleInfo(manifest, signed=True, signer=None, signature_key_id=embedded_id)


def import_bundle(
    archive: Path,
    request: ImportRequest | None = None,
    *,
    allow_unsigned: bool = False,
    dest_root: Path | None = None,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    keys: list[TrustedKey] | None = None,
) -> InstalledModel:
    """Verify and install a ``.wsmodel`` bundle; refuse unsigned or untrusted ones unless ``allow_unsigned``."""
    from workstation.translate.importing import ImportRequest, finish_import

    archive = Path(archive)
    request = request or ImportRequest()
    dest_root = Path(dest_root) if dest_root is not None else paths.user_models_dir()
    configured = trusted_keys() if keys is None else keys
    info = inspect_bundle(archive, keys=configured, limits=limits)
    if info.signer is None and not allow_unsigned:
        where = ", ".join(str(path) for path in trusted_key_dirs()[:1])
        if not info.signed:
            problem = Text(
                "署名がありません。署名のないモデルを取り込むには --allow-unsigned を明示してください",
                "it is not signed; to import an unsigned model pass --allow-unsigned explicitly",
            )
        elif not configured:
            problem = Text(
                f"信頼する公開鍵が設定されていません (鍵 {info.signature_key_id} で署名)。IT 担当者の公開鍵を {where} に置いてください",
                f"no trusted public keys are configured (signed by key {info.signature_key_id}); put IT's public key in {where}",
            )
        else:
            problem = Text(
                f"信頼されていない鍵 {info.signature_key_id} で署名されています",
                f"it is signed by key {info.signature_key_id}, which is not trusted",
            )
        raise _refused(archive, problem)
    if info.signer is None:
        log.warning("importing %s without a trusted signature (allowed by the user)", archive)
    else:
        log.info("bundle %s signed by trusted key %s (%s)", archive, info.signer.key_id, info.signer.source)
    with staging_dir(dest_root) as staged:
        extract_zip(archive, staged, limits, select=lambda name: name not in (MANIFEST_NAME, SIGNATURE_NAME))
        report = verify_model(staged, info.manifest)
        if not report.ok:
            listing = "; ".join(problem.describe().en for problem in report.problems[:5])
            listing_ja = "; ".join(problem.describe().ja for problem in report.problems[:5])
            raise _refused(
                archive,
                Text(
                    f"ファイルが定義と一致しません (改ざんの疑い): {listing_ja}",
                    f"files do not match the manifest (tampered): {listing}",
                ),
            )
        return finish_import(staged, info.manifest, request, dest_root)

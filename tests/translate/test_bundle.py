"""Signed .wsmodel bundles: a good one imports and translates; tampered, unsigned or foreign-signed ones are refused."""

from __future__ import annotations

import base64
import json
import shutil
import stat
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers.tiny_models import build_tiny_marian
from workstation import paths
from workstation.translate.bundle import (
    SIGNATURE_NAME,
    BundleError,
    KeyPair,
    import_bundle,
    inspect_bundle,
    keygen,
    load_private_key,
    pack,
    parse_public_key,
    trusted_keys,
)
from workstation.translate.importing import ImportRequest, import_model
from workstation.translate.manifest import MANIFEST_NAME, ModelError, load_manifest
from workstation.translate.registry import ModelRegistry, ModelSettings, save_settings
from workstation.translate.verify import verify_model

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_tiny_marian(
        tmp_path_factory.mktemp("bundle-src") / "model", model_id="bundled-ja-en", quality=4
    )


@pytest.fixture
def it_key(tmp_path: Path) -> KeyPair:
    return keygen(tmp_path / "it-keys")


@pytest.fixture
def other_key(tmp_path: Path) -> KeyPair:
    return keygen(tmp_path / "other-keys", name="someone-else")


def trust(pair: KeyPair) -> None:
    folder = paths.user_config_dir() / "trusted-keys"
    folder.mkdir(exist_ok=True)
    shutil.copy(pair.public_path, folder / pair.public_path.name)


@pytest.fixture
def bundle(model_dir: Path, it_key: KeyPair, tmp_path: Path) -> Path:
    return pack(model_dir, tmp_path / "bundled-ja-en.wsmodel", it_key.private_path)


def rewrite(source: Path, target: Path, change: Callable[[dict[str, bytes]], None]) -> Path:
    with zipfile.ZipFile(source) as zf:
        entries = {name: zf.read(name) for name in zf.namelist()}
    change(entries)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return target


def flip_byte(entries: dict[str, bytes]) -> None:
    data = bytearray(entries["model.bin"])
    data[len(data) // 3] ^= 0x40
    entries["model.bin"] = bytes(data)


def refused(archive: Path, *words: str, **kwargs: object) -> str:
    dest = paths.user_models_dir()
    with pytest.raises(BundleError) as caught:
        import_model(archive, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(f"The model bundle {archive.name} was refused")
    for word in words:
        assert word in message
    assert list(dest.iterdir()) == [], "nothing may be installed or left behind"
    return message


def test_good_bundle_imports_and_translates(bundle: Path, it_key: KeyPair, model_dir: Path) -> None:
    trust(it_key)
    info = inspect_bundle(bundle)
    assert info.signer is not None and info.signer.key_id == it_key.key_id
    model = import_model(bundle)
    assert model.id == "bundled-ja-en" and model.manifest.quality == 4
    assert model.path == paths.user_models_dir() / "bundled-ja-en"
    assert verify_model(model.path).ok
    assert model.manifest.files == load_manifest(model_dir).files
    assert not (model.path / SIGNATURE_NAME).exists()
    assert ModelRegistry().default_for("ja", "en").id == "bundled-ja-en"

    from workstation.translate.engine import TranslationEngine

    engine = TranslationEngine(model, threads=1, device="cpu")
    [result] = engine.translate_sentences(["大使館から連絡がありました。"])
    assert result.model_id == "bundled-ja-en" and isinstance(result.target, str)
    engine.unload()


def test_bundle_holds_exactly_the_manifest_files(bundle: Path, model_dir: Path) -> None:
    with zipfile.ZipFile(bundle) as zf:
        names = set(zf.namelist())
    manifest = json.loads((model_dir / MANIFEST_NAME).read_text())
    assert names == set(manifest["files"]) | {MANIFEST_NAME, SIGNATURE_NAME}


def test_one_byte_changed_is_refused(bundle: Path, it_key: KeyPair, tmp_path: Path) -> None:
    trust(it_key)
    tampered = rewrite(bundle, tmp_path / "tampered.wsmodel", flip_byte)
    refused(tampered, "tampered", "model.bin: contents changed")


def test_a_file_added_is_refused(bundle: Path, it_key: KeyPair, tmp_path: Path) -> None:
    trust(it_key)
    added = rewrite(bundle, tmp_path / "added.wsmodel", lambda e: e.update({"payload.py": b"import os"}))
    refused(added, "files not listed in the manifest were added: payload.py")


def test_a_file_removed_or_resized_is_refused(bundle: Path, it_key: KeyPair, tmp_path: Path) -> None:
    trust(it_key)
    removed = rewrite(bundle, tmp_path / "removed.wsmodel", lambda e: e.pop("target.spm"))
    refused(removed, "files are missing: target.spm")
    grown = rewrite(
        bundle, tmp_path / "grown.wsmodel", lambda e: e.update({"model.bin": e["model.bin"] + b"\x00"})
    )
    refused(grown, "size of model.bin differs")


def test_signature_from_another_key_is_refused(
    bundle: Path, it_key: KeyPair, other_key: KeyPair, model_dir: Path, tmp_path: Path
) -> None:
    trust(it_key)
    foreign = pack(model_dir, tmp_path / "foreign.wsmodel", other_key.private_path)
    refused(foreign, f"signed by key {other_key.key_id}, which is not trusted")


def test_forged_signature_claiming_the_trusted_key_is_refused(
    bundle: Path, it_key: KeyPair, other_key: KeyPair, model_dir: Path, tmp_path: Path
) -> None:
    trust(it_key)
    foreign = pack(model_dir, tmp_path / "foreign.wsmodel", other_key.private_path)

    def claim_it_key(entries: dict[str, bytes]) -> None:
        document = json.loads(entries[SIGNATURE_NAME])
        document["public_key"] = it_key.public_base64
        document["key_id"] = it_key.key_id
        entries[SIGNATURE_NAME] = json.dumps(document).encode()

    forged = rewrite(foreign, tmp_path / "forged.wsmodel", claim_it_key)
    refused(forged, "signature does not match the contents")
    refused(forged, "signature does not match the contents", allow_unsigned=True)


def test_manifest_edited_to_hide_tampering_is_refused_even_when_unsigned_allowed(
    bundle: Path, it_key: KeyPair, tmp_path: Path
) -> None:
    trust(it_key)

    def tamper_and_fix_manifest(entries: dict[str, bytes]) -> None:
        import hashlib

        flip_byte(entries)
        manifest = json.loads(entries[MANIFEST_NAME])
        manifest["files"]["model.bin"]["sha256"] = hashlib.sha256(entries["model.bin"]).hexdigest()
        entries[MANIFEST_NAME] = (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode()

    sneaky = rewrite(bundle, tmp_path / "sneaky.wsmodel", tamper_and_fix_manifest)
    refused(sneaky, "signature does not match the contents")
    refused(sneaky, "signature does not match the contents", allow_unsigned=True)


def test_unsigned_bundle_needs_explicit_permission(bundle: Path, it_key: KeyPair, tmp_path: Path) -> None:
    trust(it_key)
    unsigned = rewrite(bundle, tmp_path / "unsigned.wsmodel", lambda e: e.pop(SIGNATURE_NAME))
    refused(unsigned, "it is not signed", "--allow-unsigned")
    model = import_model(unsigned, allow_unsigned=True)
    assert verify_model(model.path).ok
    # permission to skip the signature never skips the hash check
    shutil.rmtree(model.path)
    broken = rewrite(unsigned, tmp_path / "unsigned-tampered.wsmodel", flip_byte)
    refused(broken, "model.bin: contents changed", allow_unsigned=True)


def test_untrusted_signature_with_allow_unsigned_imports(
    model_dir: Path, other_key: KeyPair, it_key: KeyPair, tmp_path: Path
) -> None:
    trust(it_key)
    foreign = pack(model_dir, tmp_path / "foreign.wsmodel", other_key.private_path)
    assert import_model(foreign, allow_unsigned=True).id == "bundled-ja-en"


def test_no_trusted_keys_configured_says_where_to_put_them(bundle: Path) -> None:
    message = refused(bundle, "no trusted public keys are configured")
    assert str(paths.user_config_dir() / "trusted-keys") in message


def test_malformed_signature_file(bundle: Path, it_key: KeyPair, tmp_path: Path) -> None:
    trust(it_key)
    broken = rewrite(bundle, tmp_path / "sig.wsmodel", lambda e: e.update({SIGNATURE_NAME: b"{not json"}))
    refused(broken, "signature file is malformed")


def test_keys_from_settings_and_from_the_install_folder(
    bundle: Path, it_key: KeyPair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    save_settings(ModelSettings(trusted_keys=(it_key.public_base64,)))
    assert [key.source for key in trusted_keys()] == ["models.json"]
    assert import_bundle(bundle, dest_root=tmp_path / "a").id == "bundled-ja-en"
    save_settings(ModelSettings())
    install = tmp_path / "install"
    (install / "trusted-keys").mkdir(parents=True)
    shutil.copy(it_key.public_path, install / "trusted-keys" / "it.pub")
    (install / "trusted-keys" / "junk.pub").write_text("not a key", encoding="utf-8")
    monkeypatch.setattr(paths, "install_root", lambda: install)
    [key] = trusted_keys()
    assert key.key_id == it_key.key_id and key.source.endswith("it.pub")
    assert import_bundle(bundle, ImportRequest(model_id="second"), dest_root=tmp_path / "b").id == "second"


def test_keygen_and_key_parsing(tmp_path: Path, it_key: KeyPair) -> None:
    assert stat.S_IMODE(it_key.private_path.stat().st_mode) == 0o600
    assert it_key.private_path.read_text().startswith("-----BEGIN PRIVATE KEY-----")
    with pytest.raises(ModelError, match="already exists"):
        keygen(it_key.private_path.parent)
    from_pem = parse_public_key(it_key.public_path.read_text())
    from_b64 = parse_public_key(it_key.public_base64)
    assert (
        from_pem.public_bytes_raw() == from_b64.public_bytes_raw() == base64.b64decode(it_key.public_base64)
    )
    for junk in (
        "hello",
        base64.b64encode(b"short").decode(),
        "-----BEGIN PUBLIC KEY-----\nxx\n-----END PUBLIC KEY-----",
    ):
        with pytest.raises(ValueError):
            parse_public_key(junk)
    with pytest.raises(ModelError, match="not a readable private key"):
        load_private_key(it_key.public_path)
    with pytest.raises(ModelError, match="Cannot read the signing key"):
        load_private_key(tmp_path / "absent.key")


def test_pack_refuses_a_model_that_fails_verification(
    model_dir: Path, it_key: KeyPair, tmp_path: Path
) -> None:
    copy = shutil.copytree(model_dir, tmp_path / "copy")
    (copy / "notes.txt").write_text("added later", encoding="utf-8")
    with pytest.raises(ModelError, match=r"notes\.txt: file not listed in the manifest"):
        pack(copy, tmp_path / "out.wsmodel", it_key.private_path)
    assert not (tmp_path / "out.wsmodel").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_passphrase_protected_signing_key(model_dir: Path, tmp_path: Path) -> None:
    from workstation.translate.bundle import PassphraseNeeded

    pair = keygen(tmp_path / "keys", passphrase=b"correct horse")
    assert "ENCRYPTED" in pair.private_path.read_text()
    with pytest.raises(PassphraseNeeded, match="protected by a passphrase"):
        pack(model_dir, tmp_path / "a.wsmodel", pair.private_path)
    with pytest.raises(ModelError, match="Wrong passphrase"):
        pack(model_dir, tmp_path / "a.wsmodel", pair.private_path, passphrase=b"wrong")
    assert not (tmp_path / "a.wsmodel").exists()
    bundle = pack(model_dir, tmp_path / "a.wsmodel", pair.private_path, passphrase=b"correct horse")
    trust(pair)
    assert inspect_bundle(bundle).signer is not None

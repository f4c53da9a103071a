"""`workstation models ...` end to end through the real CLI entry point."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.helpers.tiny_models import build_tiny_marian
from workstation import paths
from workstation.cli import main
from workstation.i18n import set_language
from workstation.translate.manifest import MANIFEST_NAME

pytestmark = pytest.mark.usefixtures("english")


@pytest.fixture(scope="module")
def sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("cli-models")
    raw = build_tiny_marian(root / "opus-mt-ja-en")
    (raw / MANIFEST_NAME).unlink()
    builtin = build_tiny_marian(
        root / "builtin" / "builtin-en-ja", source_lang="en", target_lang="ja", model_id="builtin-en-ja"
    )
    return {"raw": raw, "builtin_root": builtin.parent}


@pytest.fixture
def builtin(sources: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = shutil.copytree(sources["builtin_root"], tmp_path / "builtin")
    monkeypatch.setattr(paths, "builtin_models_dir", lambda: root)
    monkeypatch.delenv("WORKSTATION_MODELS", raising=False)
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["models", *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one_line_error(err: str) -> str:
    lines = [line for line in err.splitlines() if line.startswith("workstation:")]
    assert len(lines) == 1, err
    return lines[0]


def test_list_import_info_verify_remove(
    builtin: Path, sources: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "list")
    assert code == 0
    assert "builtin-en-ja" in out and "built-in" in out and "en→ja" in out

    code, out, err = run(capsys, "import", str(sources["raw"]), "--quality", "3")
    assert code == 0, err
    assert "Imported opus-mt-ja-en (ja→en" in out

    code, out, _ = run(capsys, "list")
    row = next(line for line in out.splitlines() if "opus-mt-ja-en" in line)
    assert row.startswith("*") and "marian" in row and "installed" in row and "KB" in row
    code, out, _ = run(capsys, "list", "--format", "json")
    data = json.loads(out)
    by_id = {m["id"]: m for m in data["models"]}
    assert by_id["opus-mt-ja-en"]["default"] and by_id["opus-mt-ja-en"]["quality"] == 3
    assert by_id["builtin-en-ja"]["builtin"] and data["broken"] == []

    code, out, _ = run(capsys, "info", "opus-mt-ja-en")
    assert code == 0
    assert "ja→en (default)" in out and "source suffix" in out and "</s>" in out and "sha256:" in out
    assert "decoding defaults  repetition_penalty 1.0, no_repeat_ngram_size 0, length_penalty 1.0, back_translation_weight 0.0" in out

    code, out, _ = run(capsys, "verify")
    assert code == 0 and "opus-mt-ja-en: OK" in out and "builtin-en-ja: OK" in out

    model_bin = paths.user_models_dir() / "opus-mt-ja-en" / "model.bin"
    data_bytes = bytearray(model_bin.read_bytes())
    data_bytes[500] ^= 0xFF
    model_bin.write_bytes(bytes(data_bytes))
    code, out, err = run(capsys, "verify", "opus-mt-ja-en")
    assert code == 1
    assert "model.bin: contents changed" in out
    assert "failed verification" in one_line_error(err)

    code, out, _ = run(capsys, "remove", "opus-mt-ja-en")
    assert code == 0 and "Removed opus-mt-ja-en" in out
    assert not (paths.user_models_dir() / "opus-mt-ja-en").exists()


def test_errors_are_one_line_and_exit_2(
    builtin: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "remove", "builtin-en-ja")
    assert code == 2 and "built-in model builtin-en-ja cannot be removed" in one_line_error(err)
    assert (builtin / "builtin-en-ja").is_dir()
    code, _, err = run(capsys, "info", "nope")
    assert code == 2 and "Model nope is not installed. Installed: builtin-en-ja (en→ja)" in one_line_error(
        err
    )
    code, _, err = run(capsys, "import", str(tmp_path / "missing.wsmodel"))
    assert code == 2 and "does not exist" in one_line_error(err)
    evil = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("pkg/metadata.json", "{}")
        zf.writestr("../../escape.txt", "x")
    code, _, err = run(capsys, "import", str(evil))
    assert code == 2 and "refused as unsafe" in one_line_error(err)
    assert not (tmp_path.parent / "escape.txt").exists()
    code, _, err = run(capsys, "default", "ja", "en")
    assert code == 2 and "No translation model for ja→en" in one_line_error(err)


def test_default_command(builtin: Path, sources: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        run(capsys, "import", str(sources["raw"]), "--from", "en", "--to", "ja", "--id", "mine-en-ja")[0] == 0
    )
    code, out, _ = run(capsys, "default", "en", "ja")
    assert code == 0 and out.strip() == "en→ja: mine-en-ja (automatic)"
    code, out, _ = run(capsys, "default", "en", "ja", "builtin-en-ja")
    assert code == 0 and out.strip() == "en→ja: builtin-en-ja (your choice)"
    code, out, _ = run(capsys, "list")
    assert next(line for line in out.splitlines() if "builtin-en-ja" in line).startswith("*")
    code, out, _ = run(capsys, "default", "en", "ja", "--clear")
    assert code == 0
    assert run(capsys, "default", "en", "ja")[1].strip() == "en→ja: mine-en-ja (automatic)"


def test_keygen_trust_pack_import(
    builtin: Path, sources: dict[str, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "keygen", "-o", str(tmp_path / "keys"))
    assert code == 0 and "key id:" in out
    key_id = next(line.split()[-1] for line in out.splitlines() if line.startswith("key id:"))

    code, out, _ = run(
        capsys,
        "pack",
        "builtin-en-ja",
        "-o",
        str(tmp_path / "out" / "builtin-en-ja"),
        "--key",
        str(tmp_path / "keys" / "workstation-signing.key"),
    )
    assert code == 0
    bundle = tmp_path / "out" / "builtin-en-ja.wsmodel"
    assert bundle.is_file()

    code, _, err = run(capsys, "import", str(bundle), "--id", "copied-en-ja")
    assert code == 2 and "no trusted public keys are configured" in one_line_error(err)

    code, out, _ = run(capsys, "trust", str(tmp_path / "keys" / "workstation-signing.pub"))
    assert code == 0 and key_id in out
    code, out, _ = run(capsys, "trust")
    assert key_id in out

    code, out, err = run(capsys, "import", str(bundle), "--id", "copied-en-ja")
    assert code == 0, err
    assert "Imported copied-en-ja (en→ja" in out

    unsigned = tmp_path / "unsigned.wsmodel"
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(unsigned, "w") as dst:
        for name in src.namelist():
            if name != "workstation-signature.json":
                dst.writestr(name, src.read(name))
    code, _, err = run(capsys, "import", str(unsigned), "--id", "u-en-ja")
    assert code == 2 and "--allow-unsigned" in one_line_error(err)
    code, out, err = run(capsys, "import", str(unsigned), "--id", "u-en-ja", "--allow-unsigned")
    assert code == 0, err

    code, _, err = run(capsys, "trust", str(tmp_path / "keys" / "workstation-signing.key"))
    assert code == 2 and "not an Ed25519 public key" in one_line_error(err)


def test_japanese_is_the_default_language(builtin: Path, capsys: pytest.CaptureFixture[str]) -> None:
    set_language("ja")
    code, out, _ = run(capsys, "list")
    assert code == 0 and "内蔵" in out and "既定モデル" in out


def test_import_asks_for_the_direction_on_a_terminal(
    builtin: Path,
    sources: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    folder = shutil.copytree(sources["raw"], tmp_path / "mymodel")
    code, _, err = run(capsys, "import", str(folder))
    assert code == 2 and "--from and --to" in one_line_error(err)
    answers = iter(["ja", "en"])
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))
    code, out, err = run(capsys, "import", str(folder))
    assert code == 0, err
    assert "Imported mymodel-ja-en (ja→en" in out


def test_remove_asks_on_a_terminal(
    builtin: Path,
    sources: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(capsys, "import", str(sources["raw"]))[0] == 0
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    code, out, _ = run(capsys, "remove", "opus-mt-ja-en")
    assert code == 0 and "Nothing removed." in out
    assert (paths.user_models_dir() / "opus-mt-ja-en").is_dir()
    monkeypatch.setattr("builtins.input", lambda prompt: "y")
    assert run(capsys, "remove", "opus-mt-ja-en")[0] == 0
    assert not (paths.user_models_dir() / "opus-mt-ja-en").exists()


def test_keygen_and_pack_with_a_passphrase(
    builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("WORKSTATION_KEY_PASSPHRASE", "s3cret")
    assert run(capsys, "keygen", "-o", str(tmp_path / "keys"), "--passphrase")[0] == 0
    key = tmp_path / "keys" / "workstation-signing.key"
    assert "ENCRYPTED" in key.read_text()
    assert run(capsys, "pack", "builtin-en-ja", "-o", str(tmp_path / "b.wsmodel"), "--key", str(key))[0] == 0
    monkeypatch.delenv("WORKSTATION_KEY_PASSPHRASE")
    code, _, err = run(capsys, "pack", "builtin-en-ja", "-o", str(tmp_path / "c.wsmodel"), "--key", str(key))
    assert code == 2 and "WORKSTATION_KEY_PASSPHRASE" in one_line_error(err)
    assert not (tmp_path / "c.wsmodel").exists()

"""``workstation --self-test`` on the real built-in models (and tiny random ones), the real proofreader, diff, store
and window."""

from __future__ import annotations

import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.helpers.tiny_models import build_tiny_marian
from workstation import cli, selftest
from workstation.i18n import current_language, set_language
from workstation.paths import builtin_models_dir
from workstation.selftest import MEANING_CHECKS, run_self_test
from workstation.translate.manifest import MANIFEST_NAME, load_manifest, scan_files, write_manifest
from workstation.translate.registry import ModelRegistry


@pytest.fixture(scope="module")
def model_pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with copies of the built-in ja→en and en→ja models, which tests may damage."""
    root = tmp_path_factory.mktemp("selftest-models")
    for model_id in ("builtin-ja-en", "builtin-en-ja"):
        shutil.copytree(builtin_models_dir() / model_id, root / model_id)
    return root


@pytest.fixture(scope="module")
def nonsense_pair(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny ja→en and en→ja model: real CTranslate2 models and tokenizers, but random weights (nonsense output)."""
    root = tmp_path_factory.mktemp("selftest-nonsense")
    build_tiny_marian(root / "tiny-ja-en", source_lang="ja", target_lang="en", model_id="tiny-ja-en")
    build_tiny_marian(root / "tiny-en-ja", source_lang="en", target_lang="ja", model_id="tiny-en-ja")
    return root


@pytest.fixture
def english():
    previous = current_language()
    set_language("en")
    yield
    set_language(previous)


def _run(models_root: Path, *, include_window: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    registry = ModelRegistry(extra_dirs=[models_root], include_builtin=False)
    code = run_self_test(registry=registry, include_window=include_window, out=out)
    return code, out.getvalue()


def _line(report: str, name: str) -> str:
    matches = [line for line in report.splitlines() if f"] {name}:" in line]
    assert len(matches) == 1, report
    return matches[0]


def test_every_step_passes_on_a_working_installation(model_pair: Path, english, qapp) -> None:
    code, report = _run(model_pair, include_window=True)
    assert code == 0, report
    for name in (
        "model builtin-ja-en",
        "model builtin-en-ja",
        "translation ja→en",
        "translation en→ja",
        "proofreading",
        "diff",
        "store",
        "window",
    ):
        assert _line(report, name).lstrip().startswith("[OK  ]")
    assert "default model: builtin-ja-en" in _line(report, "translation ja→en")
    assert "の→が" in _line(report, "diff")
    assert "offscreen" in _line(report, "window")
    assert report.rstrip().endswith("Result: all 8 checks passed")
    assert "(source, Python 3." in report.splitlines()[1]
    assert current_language() == "en"  # the window's settings do not switch the report's language


def test_a_broken_model_is_named_and_the_other_steps_still_run(model_pair: Path, tmp_path: Path, english) -> None:
    models = tmp_path / "models"
    shutil.copytree(model_pair, models)
    weights = models / "builtin-en-ja" / "model.bin"
    weights.write_bytes(weights.read_bytes()[:100])  # truncated copy: the size no longer matches the manifest
    code, report = _run(models)
    assert code == 1
    assert _line(report, "model builtin-en-ja").lstrip().startswith("[FAIL]")
    assert _line(report, "translation en→ja").lstrip().startswith("[FAIL]")
    for name in ("model builtin-ja-en", "translation ja→en", "proofreading", "diff", "store"):
        assert _line(report, name).lstrip().startswith("[OK  ]"), report
    last = report.rstrip().splitlines()[-1]
    assert last.startswith("Result: 2 of 7 checks failed")
    assert "model builtin-en-ja" in last and "translation en→ja" in last


def test_an_unreadable_manifest_is_named(model_pair: Path, tmp_path: Path, english) -> None:
    models = tmp_path / "models"
    shutil.copytree(model_pair, models)
    manifest = models / "builtin-ja-en" / MANIFEST_NAME
    data = json.loads(manifest.read_text(encoding="utf-8"))
    data["source_lang"] = 42
    manifest.write_text(json.dumps(data), encoding="utf-8")
    code, report = _run(models)
    assert code == 1
    assert _line(report, "model builtin-ja-en").lstrip().startswith("[FAIL]")
    assert str(models / "builtin-ja-en") in _line(report, "model builtin-ja-en")  # IT sees which folder to fix
    assert "No translation model for ja→en" in _line(report, "translation ja→en")


def test_a_missing_direction_is_named(model_pair: Path, tmp_path: Path, english) -> None:
    models = tmp_path / "models"
    shutil.copytree(model_pair / "builtin-ja-en", models / "builtin-ja-en")
    code, report = _run(models)
    assert code == 1
    assert _line(report, "translation ja→en").lstrip().startswith("[OK  ]")
    assert "No translation model for en→ja" in _line(report, "translation en→ja")


def test_a_failing_step_does_not_hide_the_others(model_pair: Path, monkeypatch, english) -> None:
    def broken_diff(old: str, new: str, options=None):
        raise RuntimeError("diff engine exploded")

    monkeypatch.setattr("workstation.diff.engine.diff_texts", broken_diff)
    code, report = _run(model_pair)
    assert code == 1
    assert "RuntimeError: diff engine exploded" in _line(report, "diff")
    assert _line(report, "store").lstrip().startswith("[OK  ]")
    assert report.rstrip().splitlines()[-1] == "Result: 1 of 7 checks failed: diff"


def test_the_report_is_in_japanese_by_default(model_pair: Path) -> None:
    previous = current_language()
    set_language("ja")
    try:
        code, report = _run(model_pair)
    finally:
        set_language(previous)
    assert code == 0, report
    assert "自己診断" in report.splitlines()[0]
    assert "[OK  ] 校正:" in report
    assert report.rstrip().endswith("結果: 全 7 項目 正常")


def test_the_store_step_never_touches_user_data(model_pair: Path, workstation_home: Path, english) -> None:
    before = sorted(p.relative_to(workstation_home) for p in workstation_home.rglob("*"))
    selftest._check_store()
    after = sorted(p.relative_to(workstation_home) for p in workstation_home.rglob("*"))
    assert after == before


def test_cli_flag_runs_the_self_test_before_any_subcommand(monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(selftest, "run_self_test", lambda: calls.append(True) or 7)
    assert cli.main(["--self-test"]) == 7
    assert calls == [True]


def test_models_that_translate_to_nonsense_fail_naming_the_sentence_and_the_words(nonsense_pair: Path, english) -> None:
    """Random weights load and translate like a real model (non-empty output), but the expected words never appear."""
    code, report = _run(nonsense_pair)
    assert code == 1
    for model_id, direction in (("tiny-ja-en", ("ja", "en")), ("tiny-en-ja", ("en", "ja"))):
        line = _line(report, f"model {model_id}")
        source, words = MEANING_CHECKS[direction][0]
        assert line.lstrip().startswith("[FAIL]")
        assert f"“{source}” came out as “" in line and " / ".join(words) in line
        assert "the model, its tokenizer or its conversion is broken" in line
        assert _line(report, f"translation {'→'.join(direction)}").lstrip().startswith("[FAIL]")
    for name in ("proofreading", "diff", "store"):
        assert _line(report, name).lstrip().startswith("[OK  ]")


def test_a_model_with_the_wrong_tokenizer_fails(model_pair: Path, nonsense_pair: Path, tmp_path: Path, english) -> None:
    """A conversion that paired the ja→en weights with another tokenizer: the manifest vouches for every file, the
    model loads and translates, and only the meaning check can tell."""
    models = tmp_path / "models"
    shutil.copytree(model_pair, models)
    folder = models / "builtin-ja-en"
    shutil.copyfile(nonsense_pair / "tiny-ja-en" / "source.spm", folder / "source.spm")
    write_manifest(folder, replace(load_manifest(folder), files=scan_files(folder)))
    code, report = _run(models)
    assert code == 1
    assert _line(report, "model builtin-ja-en").lstrip().startswith("[FAIL]")
    assert "none of thank" in _line(report, "model builtin-ja-en")
    assert _line(report, "model builtin-en-ja").lstrip().startswith("[OK  ]")


def test_every_meaning_check_word_list_is_lower_case() -> None:
    """The output is compared lower-cased, so an upper-case word could never match."""
    for checks in MEANING_CHECKS.values():
        assert len(checks) == 2
        for _, words in checks:
            assert words and all(word == word.lower() for word in words)

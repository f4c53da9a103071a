"""The IT path for Linux: a wheelhouse, then ``pip install --no-index --find-links`` into a fresh venv, offline.

Slow (it downloads the Linux wheels, ~200 MB, unless pip's cache has them, and installs them): it runs only with
``WORKSTATION_SLOW=1``. Set ``WORKSTATION_WHEELHOUSE=dist/wheelhouse`` to test a wheelhouse made by
``make wheelhouse`` instead of building one.
"""

from __future__ import annotations

import os
import subprocess
import venv
from pathlib import Path

import pytest

from tests.build.scripts import load_script

pytestmark = pytest.mark.skipif(
    os.environ.get("WORKSTATION_SLOW") != "1",
    reason="slow (downloads and installs ~200 MB of wheels); set WORKSTATION_SLOW=1 to run",
)


@pytest.fixture(scope="module")
def wheelhouse(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("WORKSTATION_WHEELHOUSE")
    if given:
        return Path(given).resolve()
    out = tmp_path_factory.mktemp("wheelhouse")
    load_script("wheelhouse").make_wheelhouse(out, ["linux-x86_64"])
    return out


def _offline_env(home: Path) -> dict[str, str]:
    """No pip configuration, no extra package locations: only the wheelhouse can serve the install."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PIP_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(PIP_CONFIG_FILE=os.devnull, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.update(WORKSTATION_HOME=str(home), QT_QPA_PLATFORM="offscreen", WORKSTATION_LANG="en")
    return env


def test_the_wheelhouse_installs_offline_and_the_program_works(wheelhouse: Path, tmp_path: Path) -> None:
    wheels = sorted(p.name for p in wheelhouse.glob("*.whl"))
    assert any(name.startswith("workstation-") for name in wheels)
    if os.environ.get("WORKSTATION_WHEELHOUSE"):  # one made by `make wheelhouse` serves Windows too
        assert any(name.endswith("-win_amd64.whl") for name in wheels)
        module = load_script("wheelhouse")
        module.verify_offline(wheelhouse, "win-amd64", module.PLATFORMS["win-amd64"])  # pip resolves, offline
    subprocess.run(["sha256sum", "--check", "--quiet", "SHA256SUMS"], cwd=wheelhouse, check=True)

    target = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / "bin" / "python"
    env = _offline_env(tmp_path / "home")
    subprocess.run(
        [python, "-m", "pip", "install", "--no-index", "--find-links", str(wheelhouse), "workstation"],
        env=env,
        check=True,
        cwd=tmp_path,
    )
    program = target / "bin" / "workstation"
    version = subprocess.run([program, "--version"], env=env, cwd=tmp_path, capture_output=True, text=True)
    assert version.returncode == 0, version.stderr
    assert version.stdout.startswith("workstation ")

    where = subprocess.run(
        [
            python,
            "-c",
            "from workstation import paths; print(paths.install_root()); print(paths.resources_dir())",
        ],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert where[0].endswith("site-packages/workstation/_data"), where
    assert Path(where[1], "proofread").is_dir()

    report = subprocess.run(
        [program, "--self-test"], env=env, cwd=tmp_path, capture_output=True, text=True, timeout=600
    )
    models_shipped = any(Path(where[0], "models").glob("*/workstation-model.json"))
    if models_shipped:
        assert report.returncode == 0, report.stdout + report.stderr
    else:  # a tree without built-in models: everything but translation must pass
        failed = [line for line in report.stdout.splitlines() if "[FAIL]" in line]
        assert failed and all("translation" in line for line in failed), report.stdout
    assert f"installed at: {where[0]} (wheel)" in report.stdout  # the fresh venv, not this repository

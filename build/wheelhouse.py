"""Collect every wheel the program needs, for Linux x86_64 and Windows x64 (CPython 3.11), into one folder.

Run on a connected packaging machine (``make wheelhouse``); copy the folder to the offline laptop and install with
``pip install --no-index --find-links WHEELHOUSE workstation``. Versions are pinned to the ones this tree was tested
with (the packages installed in the running environment), so the laptops get what passed ``make test``.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path


def _sibling(name: str):
    """Load ``build/<name>.py`` (a folder of scripts, not a package) without touching ``sys.path``."""
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name(f"{name}.py"))
        assert spec is not None and spec.loader is not None
        sys.modules[name] = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(sys.modules[name])
    return sys.modules[name]


_build_wheel = _sibling("build_wheel")
ROOT: Path = _build_wheel.ROOT
build_wheel = _build_wheel.build_wheel

PYTHON_VERSION = "3.11"
ABIS = ("cp311", "abi3", "none")
LINUX_GLIBC_MINORS = range(17, 35)
"""manylinux_2_17 … manylinux_2_34: the PySide6 wheels need glibc 2.34 (Debian 12, Ubuntu 22.04, RHEL 9 or newer)."""

PLATFORMS: dict[str, tuple[str, ...]] = {
    "linux-x86_64": (
        "manylinux2014_x86_64",
        *(f"manylinux_2_{minor}_x86_64" for minor in LINUX_GLIBC_MINORS),
    ),
    "win-amd64": ("win_amd64",),
}
SUMS_NAME = "SHA256SUMS"
PURE_SDIST_ONLY = ("unidic-lite",)
"""Pure-Python dependencies published only as source: built once here into a ``py3-none-any`` wheel."""


def runtime_requirements() -> list[str]:
    """The ``dependencies`` of pyproject.toml."""
    return list(
        tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    )


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def tested_pins(requirements: list[str]) -> list[str]:
    """``name==version`` for every package installed here that the runtime dependencies pull in."""
    seen: dict[str, str] = {}
    pending = [re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0] for requirement in requirements]
    while pending:
        name = _normalise(pending.pop())
        if name in seen:
            continue
        try:
            dist = importlib.metadata.distribution(name)
        except importlib.metadata.PackageNotFoundError:
            continue  # not installed here: pip picks the newest allowed version
        seen[name] = dist.version
        for requirement in dist.requires or []:
            if "extra ==" not in requirement:
                pending.append(re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0])
    return [f"{name}=={version}" for name, version in sorted(seen.items())]


def build_pure_wheels(out_dir: Path, constraints: Path) -> None:
    """Wheels for the pure-Python dependencies that PyPI has only as source (the same file serves every platform)."""
    for name in PURE_SDIST_ONLY:
        print(f"wheelhouse: building a wheel for {name} (published as source only)", flush=True)
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(out_dir),
             "--constraint", str(constraints), name],
            check=True,
        )  # fmt: skip
        built = sorted(out_dir.glob(f"{name.replace('-', '_')}-*.whl"))
        if not built or not all(w.name.endswith("-py3-none-any.whl") for w in built):
            raise SystemExit(f"{name}: expected a pure-Python wheel, got {[w.name for w in built]}")


def download(out_dir: Path, platform: str, tags: tuple[str, ...], constraints: Path) -> None:
    """Fetch binary wheels of every runtime dependency for one platform."""
    command = [
        sys.executable, "-m", "pip", "download", "--quiet", "--dest", str(out_dir),
        "--only-binary=:all:", "--python-version", PYTHON_VERSION, "--implementation", "cp",
        "--constraint", str(constraints), "--find-links", str(out_dir),
    ]  # fmt: skip
    for tag in tags:
        command += ["--platform", tag]
    for abi in ABIS:
        command += ["--abi", abi]
    print(f"wheelhouse: downloading wheels for {platform}", flush=True)
    subprocess.run([*command, *runtime_requirements()], check=True)


def verify_offline(out_dir: Path, platform: str, tags: tuple[str, ...]) -> None:
    """Resolve ``workstation`` for the platform from the folder alone, as the offline laptop will (pip dry run)."""
    with tempfile.TemporaryDirectory() as target:
        command = [
            sys.executable, "-m", "pip", "install", "--dry-run", "--quiet", "--no-index", "--find-links", str(out_dir),
            "--only-binary=:all:", "--python-version", PYTHON_VERSION, "--implementation", "cp", "--target", target,
        ]  # fmt: skip
        for tag in tags:
            command += ["--platform", tag]
        for abi in ABIS:
            command += ["--abi", abi]
        env = {**os.environ, "PIP_CONFIG_FILE": os.devnull}
        env.pop("PIP_FIND_LINKS", None)
        if subprocess.run([*command, "workstation"], env=env).returncode != 0:
            raise SystemExit(
                f"wheelhouse: {platform} cannot be installed from {out_dir} alone (see pip's message)"
            )
    print(f"wheelhouse: {platform}: installs offline from {out_dir.name}/ alone", flush=True)


def write_sums(out_dir: Path) -> Path:
    """A ``SHA256SUMS`` file (``sha256sum -c`` format) so IT can check the copy on the laptop."""
    lines = []
    for wheel in sorted(out_dir.glob("*.whl")):
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        lines.append(f"{digest}  {wheel.name}\n")
    path = out_dir / SUMS_NAME
    path.write_text("".join(lines), encoding="utf-8")
    return path


def make_wheelhouse(out_dir: Path, platforms: list[str]) -> None:
    """Build the program's wheel and download every dependency; old wheels go first so no stale version lingers."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in [*out_dir.glob("*.whl"), out_dir / SUMS_NAME]:
        old.unlink(missing_ok=True)
    project_wheel = build_wheel(out_dir)
    print(f"wheelhouse: built {project_wheel.name}", flush=True)
    constraints = ROOT / "build" / "work" / "wheelhouse-constraints.txt"
    constraints.parent.mkdir(parents=True, exist_ok=True)
    constraints.write_text("\n".join(tested_pins(runtime_requirements())) + "\n", encoding="utf-8")
    build_pure_wheels(out_dir, constraints)
    for platform in platforms:
        download(out_dir, platform, PLATFORMS[platform], constraints)
    for platform in platforms:
        verify_offline(out_dir, platform, PLATFORMS[platform])
    write_sums(out_dir)
    wheels = sorted(out_dir.glob("*.whl"))
    total = sum(w.stat().st_size for w in wheels)
    print(f"wheelhouse: {len(wheels)} wheels, {total / 1e6:.0f} MB in {out_dir}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "wheelhouse")
    parser.add_argument(
        "--platform", action="append", choices=sorted(PLATFORMS), help="only these platforms (default: all)"
    )
    args = parser.parse_args()
    make_wheelhouse(args.out.resolve(), args.platform or sorted(PLATFORMS))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

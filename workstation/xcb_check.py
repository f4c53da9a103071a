"""Before Qt loads its xcb platform plugin (X11 on Linux): are the shared libraries it needs installed?

When one is missing Qt prints "xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin" whichever
library it is, and aborts the process. This module asks the dynamic loader instead (``ldd`` of the plugin, which
follows every dependency, Qt's own libraries included) and names every missing library with the ``apt-get install``
line that brings it. It imports no Qt, so it runs before PySide6 is loaded and is tested without a display.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from workstation.errors import WorkstationError
from workstation.i18n import Text

__all__ = [
    "DEBIAN_PACKAGES",
    "install_command",
    "missing_libraries",
    "missing_message",
    "parse_ldd",
    "require_xcb_libraries",
    "xcb_plugin",
    "xcb_would_be_used",
]

PLUGIN_NAME = "libqxcb.so"
LDD_TIMEOUT_SECONDS = 20
DEBIAN_PACKAGES: dict[str, str] = {
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libGLdispatch.so.0": "libglvnd0",
    "libOpenGL.so.0": "libopengl0",
    "libICE.so.6": "libice6",
    "libSM.so.6": "libsm6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libbrotlicommon.so.1": "libbrotli1",
    "libbrotlidec.so.1": "libbrotli1",
    "libbsd.so.0": "libbsd0",
    "libcap.so.2": "libcap2",
    "libdbus-1.so.3": "libdbus-1-3",
    "libexpat.so.1": "libexpat1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libgcc_s.so.1": "libgcc-s1",
    "libgcrypt.so.20": "libgcrypt20",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgpg-error.so.0": "libgpg-error0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "liblz4.so.1": "liblz4-1",
    "liblzma.so.5": "liblzma5",
    "libmd.so.0": "libmd0",
    "libpcre2-8.so.0": "libpcre2-8-0",
    "libpng16.so.16": "libpng16-16",
    "libstdc++.so.6": "libstdc++6",
    "libsystemd.so.0": "libsystemd0",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libz.so.1": "zlib1g",
    "libzstd.so.1": "libzstd1",
}
"""Debian 12 / Ubuntu 22.04+ package of each library the xcb plugin of PySide6 needs (apt resolves Ubuntu 24.04's
``t64`` renames, such as libglib2.0-0t64, from these names)."""

_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found\s*$")


def xcb_would_be_used(environ: Mapping[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt would start with its xcb plugin: on Linux, unless QT_QPA_PLATFORM names another platform first or
    WAYLAND_DISPLAY is set (PySide6 6.11 then starts on its wayland plugin, whatever XDG_SESSION_TYPE says)."""
    environ = os.environ if environ is None else environ
    if not (platform or sys.platform).startswith("linux"):
        return False
    requested = environ.get("QT_QPA_PLATFORM", "").strip()
    if requested:
        return requested.split(";")[0].split(":")[0].strip().lower() == "xcb"
    return not environ.get("WAYLAND_DISPLAY")


def xcb_plugin() -> Path | None:
    """PySide6's xcb platform plugin (``Qt/plugins/platforms/libqxcb.so``), found without importing PySide6."""
    roots: list[Path] = []
    if getattr(sys, "frozen", False):
        roots.append(Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "PySide6")
    spec = importlib.util.find_spec("PySide6")
    if spec is not None:
        roots.extend(Path(location) for location in spec.submodule_search_locations or ())
    for root in roots:
        plugin = root / "Qt" / "plugins" / "platforms" / PLUGIN_NAME
        if plugin.is_file():
            return plugin
    return None


def parse_ldd(output: str) -> list[str]:
    """The libraries ``ldd`` reports as ``not found``, each once, in the order first seen."""
    missing: list[str] = []
    for line in output.splitlines():
        match = _NOT_FOUND.match(line)
        if match and match.group(1) not in missing:
            missing.append(match.group(1))
    return missing


def missing_libraries(plugin: Path, environ: Mapping[str, str] | None = None) -> list[str] | None:
    """The shared libraries ``plugin`` needs that the dynamic loader cannot find; None when ``ldd`` cannot tell."""
    try:
        completed = subprocess.run(
            ["ldd", str(plugin)],
            capture_output=True,
            text=True,
            errors="replace",
            timeout=LDD_TIMEOUT_SECONDS,
            env=dict(os.environ if environ is None else environ),
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_ldd(completed.stdout + completed.stderr)


def install_command(missing: Sequence[str]) -> str:
    """The ``apt-get install`` line for the known libraries of ``missing`` (each package once)."""
    packages = list(dict.fromkeys(DEBIAN_PACKAGES[name] for name in missing if name in DEBIAN_PACKAGES))
    return f"sudo apt-get install {' '.join(packages)}" if packages else ""


def missing_message(missing: Sequence[str]) -> Text:
    """One line: every missing library and the command that installs them."""
    names = ", ".join(missing)
    command = install_command(missing)
    unknown = [name for name in missing if name not in DEBIAN_PACKAGES]
    how_ja = f"次のコマンドでインストールしてください: {command}" if command else ""
    how_en = f" Install them with: {command}" if command else ""
    if unknown:
        search = " / ".join(f"apt-file search {name}" for name in unknown)
        how_ja += f"（パッケージ名は {search} で調べられます）"
        how_en += f" (find the package with {search})"
    return Text(
        f"画面を開けません。Qt の xcb プラグインに必要なライブラリがありません: {names}。{how_ja}",
        f"the window cannot open: libraries that Qt's xcb platform plugin needs are missing: {names}.{how_en}",
    )


def require_xcb_libraries(environ: Mapping[str, str] | None = None, plugin: Path | None = None) -> None:
    """Raise a :class:`WorkstationError` naming every missing library when Qt would load its xcb plugin and could
    not; do nothing on other platforms, when another Qt platform is chosen, or when the plugin or ``ldd`` is absent."""
    if not xcb_would_be_used(environ):
        return
    plugin = plugin or xcb_plugin()
    if plugin is None:
        return
    missing = missing_libraries(plugin, environ)
    if missing:
        raise WorkstationError(missing_message(missing), detail=str(plugin))

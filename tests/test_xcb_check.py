"""The launcher's check of the xcb plugin's libraries: captured ``ldd`` output, real shared objects, the command."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from workstation import xcb_check
from workstation.errors import WorkstationError
from workstation.i18n import set_language
from workstation.xcb_check import (
    install_command,
    missing_libraries,
    missing_message,
    parse_ldd,
    require_xcb_libraries,
    xcb_plugin,
    xcb_would_be_used,
)

# `ldd libqxcb.so` on a fresh Debian 12 with libxcb-cursor0 installed (the case of issue #21), shortened.
DEBIAN_12_LDD = """\
\tlinux-vdso.so.1 (0x00007ffd4b5f2000)
\tlibQt6XcbQpa.so.6 => /opt/venv/lib/python3.11/site-packages/PySide6/Qt/plugins/platforms/../../lib/libQt6XcbQpa.so.6 (0x00007f1c5a000000)
\tlibxcb-cursor.so.0 => /lib/x86_64-linux-gnu/libxcb-cursor.so.0 (0x00007f1c59ff0000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-util.so.1 => /lib/x86_64-linux-gnu/libxcb-util.so.1 (0x00007f1c59fe0000)
\tlibxcb-keysyms.so.1 => not found
\tlibxcb.so.1 => /lib/x86_64-linux-gnu/libxcb.so.1 (0x00007f1c59fb0000)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f1c59c00000)
\t/lib64/ld-linux-x86-64.so.2 (0x00007f1c5a4d0000)
"""
LINUX_ONLY = pytest.mark.skipif(not sys.platform.startswith("linux") or shutil.which("ldd") is None, reason="Linux, ldd")


def test_ldd_output_gives_each_missing_library_once_in_order() -> None:
    assert parse_ldd(DEBIAN_12_LDD) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    assert parse_ldd("\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x1)\n\tstatically linked\n") == []


def test_the_message_is_one_line_with_every_library_and_the_apt_get_line(english) -> None:
    message = str(missing_message(parse_ldd(DEBIAN_12_LDD)))
    assert "\n" not in message
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in message
    assert message.endswith("Install them with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1")
    set_language("ja")
    assert str(missing_message(["libxcb-icccm.so.4"])).endswith("次のコマンドでインストールしてください: sudo apt-get install libxcb-icccm4")


def test_packages_are_named_once_and_an_unknown_library_is_looked_up_with_apt_file(english) -> None:
    assert install_command(["libglib-2.0.so.0", "libgthread-2.0.so.0", "libEGL.so.1"]) == (
        "sudo apt-get install libglib2.0-0 libegl1"
    )
    message = str(missing_message(["libxcb-cursor.so.0", "libfancy.so.3"]))
    assert "libxcb-cursor.so.0, libfancy.so.3." in message
    assert "sudo apt-get install libxcb-cursor0 (find the package with apt-file search libfancy.so.3)" in message
    assert install_command(["libfancy.so.3"]) == ""


def test_every_library_the_pyside6_xcb_plugin_needs_has_a_package_here() -> None:
    """The plugin's whole dependency tree outside PySide6's own folder (from ldd) is in the table."""
    plugin = xcb_plugin()
    if plugin is None or shutil.which("ldd") is None:
        pytest.skip("no PySide6 xcb plugin or no ldd here")
    output = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, check=False).stdout
    system = {
        line.split()[0]
        for line in output.splitlines()
        if "=>" in line and "PySide6" not in line and not line.split()[0].startswith(("libc.so", "libm.so", "libdl.so", "libpthread.so"))
    }
    assert system - set(xcb_check.DEBIAN_PACKAGES) == set()


@pytest.mark.parametrize(
    ("environ", "platform", "used"),
    [
        ({}, "linux", True),
        ({"DISPLAY": ":0"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
        ({"QT_QPA_PLATFORM": "xcb:nomitshm;offscreen"}, "linux", True),
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux", False),
        ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
        ({"QT_QPA_PLATFORM": "minimal"}, "linux", False),
        ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
        ({"QT_QPA_PLATFORM": "xcb", "WAYLAND_DISPLAY": "wayland-0"}, "linux", True),
        ({"XDG_SESSION_TYPE": "wayland"}, "linux", True),
        ({}, "win32", False),
        ({}, "darwin", False),
    ],
)
def test_the_check_runs_only_when_qt_would_load_the_xcb_plugin(environ: dict[str, str], platform: str, used: bool) -> None:
    assert xcb_would_be_used(environ, platform) is used


@pytest.fixture
def plugin_with_a_dependency(tmp_path: Path) -> tuple[Path, Path]:
    """A shared object linked to ``libworkstation-dep.so.1``, built with the C compiler, and the folder of that library."""
    compiler = shutil.which("cc") or shutil.which("gcc")
    if compiler is None or not sys.platform.startswith("linux"):
        pytest.skip("needs a C compiler on Linux")
    deps = tmp_path / "deps"
    deps.mkdir()
    (tmp_path / "dep.c").write_text("int workstation_dep(void) { return 42; }\n")
    (tmp_path / "plugin.c").write_text("int workstation_dep(void);\nint plugin(void) { return workstation_dep(); }\n")
    library = deps / "libworkstation-dep.so.1"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-Wl,-soname,libworkstation-dep.so.1", "-o", str(library), str(tmp_path / "dep.c")],
        check=True,
    )
    (deps / "libworkstation-dep.so").symlink_to(library.name)
    plugin = tmp_path / "libqxcb.so"
    subprocess.run(
        [compiler, "-shared", "-fPIC", "-o", str(plugin), str(tmp_path / "plugin.c"), f"-L{deps}", "-lworkstation-dep"],
        check=True,
    )
    return plugin, deps


@LINUX_ONLY
def test_a_dependency_found_on_ld_library_path_is_not_missing_and_a_removed_one_is(
    plugin_with_a_dependency: tuple[Path, Path],
) -> None:
    plugin, deps = plugin_with_a_dependency
    environ = {**os.environ, "LD_LIBRARY_PATH": str(deps)}
    assert missing_libraries(plugin, environ) == []
    shutil.rmtree(deps)
    assert missing_libraries(plugin, environ) == ["libworkstation-dep.so.1"]
    with pytest.raises(WorkstationError) as raised:
        require_xcb_libraries({**environ, "QT_QPA_PLATFORM": "xcb"}, plugin)
    assert "libworkstation-dep.so.1" in str(raised.value.message.en)
    require_xcb_libraries({**environ, "QT_QPA_PLATFORM": "offscreen"}, plugin)  # another platform: no check


@LINUX_ONLY
def test_the_real_plugin_copied_away_from_qt_misses_exactly_the_qt_libraries_not_on_the_path(tmp_path: Path) -> None:
    """PySide6's own plugin, copied: its Qt libraries (found next to it by RPATH) go missing until their folder is
    put on LD_LIBRARY_PATH; what else is missing does not change."""
    plugin = xcb_plugin()
    if plugin is None:
        pytest.skip("no PySide6 xcb plugin")
    copy = tmp_path / "platforms" / plugin.name
    copy.parent.mkdir()
    shutil.copyfile(plugin, copy)
    in_place = missing_libraries(plugin)
    assert in_place is not None
    away = missing_libraries(copy, {**os.environ, "LD_LIBRARY_PATH": ""})
    assert away is not None and "libQt6XcbQpa.so.6" in away and "libQt6Gui.so.6" in away
    qt_lib = plugin.parents[2] / "lib"
    assert missing_libraries(copy, {**os.environ, "LD_LIBRARY_PATH": str(qt_lib)}) == in_place


def test_without_ldd_the_check_says_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    assert missing_libraries(tmp_path / "libqxcb.so") is None
    require_xcb_libraries({"QT_QPA_PLATFORM": "xcb", "PATH": str(tmp_path)}, tmp_path / "libqxcb.so")


@LINUX_ONLY
def test_the_workstation_command_prints_one_line_and_exits_2_before_qt_loads(tmp_path: Path) -> None:
    """`workstation` (the GUI) with an ldd that reports the Debian 12 case: the one line, exit 2, no Qt message."""
    if xcb_plugin() is None:
        pytest.skip("no PySide6 xcb plugin")
    fake = tmp_path / "bin"
    fake.mkdir()
    (tmp_path / "ldd.txt").write_text(DEBIAN_12_LDD)
    ldd = fake / "ldd"
    ldd.write_text(f"#!/bin/sh\ncat '{tmp_path / 'ldd.txt'}'\n")
    ldd.chmod(0o755)
    environ = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ['PATH']}", "QT_QPA_PLATFORM": "xcb", "DISPLAY": ""}
    result = subprocess.run(
        [sys.executable, "-m", "workstation", "--lang", "en"], capture_output=True, text=True, env=environ, timeout=120
    )
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        "workstation: the window cannot open: libraries that Qt's xcb platform plugin needs are missing: "
        "libxcb-icccm.so.4, libxcb-keysyms.so.1. Install them with: sudo apt-get install libxcb-icccm4 libxcb-keysyms1"
    ]
    assert result.stdout == ""

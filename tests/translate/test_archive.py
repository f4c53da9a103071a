"""Hostile model archives (.argosmodel and .wsmodel) are refused with a clear message; nothing lands outside the target."""

from __future__ import annotations

import json
import os
import stat
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from workstation.translate.archive import (
    STAGING_PREFIX,
    ArchiveError,
    ArchiveLimits,
    extract_zip,
    inspect_zip,
    move_into_place,
    staging_dir,
)
from workstation.translate.importing import import_model
from workstation.translate.manifest import MANIFEST_NAME, ModelError

Entry = tuple[zipfile.ZipInfo | str, bytes]


pytestmark = pytest.mark.usefixtures("english")


def unix_entry(name: str, mode: int, data: bytes = b"x") -> Entry:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = mode << 16
    return info, data


def write_zip(path: Path, entries: list[Entry], compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate names we write on purpose
        with zipfile.ZipFile(path, "w", compression=compression) as zf:
            for info, data in entries:
                zf.writestr(info, data)
    return path


def plausible_argos() -> list[Entry]:
    metadata = {"package_version": "1.0", "from_code": "ja", "to_code": "en"}
    return [
        ("pkg/metadata.json", json.dumps(metadata).encode()),
        ("pkg/model/model.bin", b"weights"),
        ("pkg/sentencepiece.model", b"spm"),
    ]


def plausible_wsmodel() -> list[Entry]:
    return [(MANIFEST_NAME, b"{}"), ("model.bin", b"weights"), ("source.spm", b"s"), ("target.spm", b"t")]


def hostile_entries(tmp_path: Path) -> dict[str, tuple[list[Entry], str]]:
    """name → (extra entries, expected words in the message)."""
    absolute = str(tmp_path / "victim" / "absolute.txt")
    return {
        "dotdot": ([("pkg/../../victim/evil.txt", b"evil")], "points outside its folder"),
        "dotdot-backslash": ([("pkg\\..\\..\\victim\\evil.txt", b"evil")], "points outside its folder"),
        "absolute": ([(absolute, b"evil")], "absolute path"),
        "drive-letter": ([("C:/Windows/evil.txt", b"evil")], "absolute path"),
        "symlink": ([unix_entry("pkg/link", stat.S_IFLNK | 0o777, b"../../victim")], "symbolic link"),
        "char-device": ([unix_entry("pkg/tty", stat.S_IFCHR | 0o666)], "device file"),
        "block-device": ([unix_entry("pkg/disk", stat.S_IFBLK | 0o666)], "device file"),
        "fifo": ([unix_entry("pkg/pipe", stat.S_IFIFO | 0o644)], "device file"),
        "setuid": ([unix_entry("pkg/run", stat.S_IFREG | 0o4755)], "special permission bits"),
        "duplicate": ([("pkg/model/model.bin", b"second"), ("model.bin", b"second")], "duplicate entry"),
        "case-duplicate": ([("PKG/METADATA.JSON", b"{}"), ("MODEL.BIN", b"x")], "duplicate entry"),
        "reserved-name": ([("pkg/CON", b"x")], "not allowed"),
        "unicode-duplicate": ([("pkg/\u30ab\u3099.txt", b"x"), ("pkg/\u30ac.txt", b"y")], "duplicate entry"),
    }


HOSTILE = [
    "dotdot",
    "dotdot-backslash",
    "absolute",
    "drive-letter",
    "symlink",
    "char-device",
    "block-device",
    "fifo",
    "setuid",
    "duplicate",
    "case-duplicate",
    "reserved-name",
    "unicode-duplicate",
]


def snapshot(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def layout(tmp_path: Path) -> tuple[Path, Path]:
    victim = tmp_path / "victim"
    victim.mkdir()
    dest = tmp_path / "dest"
    dest.mkdir()
    return victim, dest


def assert_nothing_written(tmp_path: Path, victim: Path, dest: Path, archive: Path) -> None:
    assert list(victim.iterdir()) == []
    assert list(dest.iterdir()) == [], "no model folder and no staging folder may be left"
    assert snapshot(tmp_path) <= {"victim", "dest", archive.name}


@pytest.mark.parametrize("suffix", [".argosmodel", ".wsmodel"])
@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_archive_is_refused(
    tmp_path: Path, layout: tuple[Path, Path], kind: str, suffix: str
) -> None:
    victim, dest = layout
    extra, words = hostile_entries(tmp_path)[kind]
    base = plausible_argos() if suffix == ".argosmodel" else plausible_wsmodel()
    archive = write_zip(tmp_path / f"hostile{suffix}", base + extra)
    with pytest.raises(ArchiveError) as caught:
        import_model(archive, dest_root=dest)
    message = str(caught.value)
    assert "refused as unsafe" in message
    assert words in message
    assert "\n" not in message
    assert_nothing_written(tmp_path, victim, dest, archive)


@pytest.mark.parametrize("suffix", [".argosmodel", ".wsmodel"])
def test_zip_bomb_by_total_size(tmp_path: Path, layout: tuple[Path, Path], suffix: str) -> None:
    victim, dest = layout
    base = plausible_argos() if suffix == ".argosmodel" else plausible_wsmodel()
    archive = write_zip(tmp_path / f"big{suffix}", [*base, ("pkg/model/big.bin", os.urandom(4096))])
    with pytest.raises(ArchiveError, match="unpacked size exceeds the limit of 2,000 bytes"):
        import_model(archive, dest_root=dest, limits=ArchiveLimits(max_total_bytes=2000))
    assert_nothing_written(tmp_path, victim, dest, archive)


@pytest.mark.parametrize("suffix", [".argosmodel", ".wsmodel"])
def test_zip_bomb_by_ratio_with_default_limits(
    tmp_path: Path, layout: tuple[Path, Path], suffix: str
) -> None:
    victim, dest = layout
    base = plausible_argos() if suffix == ".argosmodel" else plausible_wsmodel()
    archive = write_zip(tmp_path / f"bomb{suffix}", [*base, ("pkg/model/zeros.bin", bytes(8 * 1024 * 1024))])
    assert archive.stat().st_size < 100_000
    with pytest.raises(ArchiveError, match="abnormal compression ratio"):
        import_model(archive, dest_root=dest)
    assert_nothing_written(tmp_path, victim, dest, archive)


def test_overall_ratio_is_bounded_too(tmp_path: Path, layout: tuple[Path, Path]) -> None:
    victim, dest = layout
    entries = [*plausible_argos(), *[(f"pkg/part{i}.bin", bytes(200_000)) for i in range(40)]]
    archive = write_zip(tmp_path / "many.argosmodel", entries)
    with pytest.raises(ArchiveError, match="overall compression ratio"):
        import_model(archive, dest_root=dest)
    assert_nothing_written(tmp_path, victim, dest, archive)


def test_too_many_entries(tmp_path: Path, layout: tuple[Path, Path]) -> None:
    victim, dest = layout
    archive = write_zip(
        tmp_path / "many.argosmodel", [*plausible_argos(), *[(f"pkg/f{i}", b"") for i in range(20)]]
    )
    with pytest.raises(ArchiveError, match="too many entries"):
        import_model(archive, dest_root=dest, limits=ArchiveLimits(max_entries=10))
    assert_nothing_written(tmp_path, victim, dest, archive)


@pytest.mark.parametrize("suffix", [".argosmodel", ".wsmodel"])
def test_truncated_archive(tmp_path: Path, layout: tuple[Path, Path], suffix: str) -> None:
    victim, dest = layout
    base = plausible_argos() if suffix == ".argosmodel" else plausible_wsmodel()
    archive = write_zip(tmp_path / f"cut{suffix}", [*base, ("pkg/model/data.bin", os.urandom(50_000))])
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(ArchiveError, match="corrupt or truncated; copy it again"):
        import_model(archive, dest_root=dest)
    assert_nothing_written(tmp_path, victim, dest, archive)


def test_damaged_data_with_intact_directory_is_caught_while_extracting(tmp_path: Path) -> None:
    archive = write_zip(
        tmp_path / "damaged.zip", [("a/data.bin", os.urandom(20_000))], compression=zipfile.ZIP_STORED
    )
    raw = bytearray(archive.read_bytes())
    raw[1000] ^= 0xFF  # inside the stored data; the central directory still looks fine
    archive.write_bytes(bytes(raw))
    assert [member.name for member in inspect_zip(archive)] == ["a/data.bin"]
    root = tmp_path / "root"
    with pytest.raises(ArchiveError, match="corrupt or truncated"), staging_dir(root) as staged:
        extract_zip(archive, staged)
    assert list(root.iterdir()) == []


def test_declared_size_smaller_than_data_is_refused(tmp_path: Path) -> None:
    payload = os.urandom(30_000)
    archive = write_zip(tmp_path / "liar.zip", [("a/data.bin", payload)], compression=zipfile.ZIP_STORED)
    raw = bytearray(archive.read_bytes())
    size = len(payload).to_bytes(4, "little")
    small = (100).to_bytes(4, "little")
    central = raw.rindex(b"PK\x01\x02")
    # uncompressed size: offset 22 in the local header, 24 in the central directory entry
    assert raw[22:26] == size and raw[central + 24 : central + 28] == size
    raw[22:26] = small
    raw[central + 24 : central + 28] = small
    archive.write_bytes(bytes(raw))
    root = tmp_path / "root"
    with pytest.raises(ArchiveError), staging_dir(root) as staged:
        extract_zip(archive, staged)
    assert list(root.iterdir()) == []


def test_not_a_zip_and_missing_file(tmp_path: Path) -> None:
    junk = tmp_path / "junk.argosmodel"
    junk.write_bytes(b"this is not a zip file at all")
    with pytest.raises(ArchiveError, match="corrupt or truncated"):
        import_model(junk, dest_root=tmp_path / "dest")
    with pytest.raises(ModelError, match="does not exist"):
        import_model(tmp_path / "absent.argosmodel", dest_root=tmp_path / "dest")


def test_safe_archive_extracts_with_private_modes(tmp_path: Path) -> None:
    entries: list[Entry] = [
        ("pkg/", b""),
        unix_entry("pkg/run.sh", stat.S_IFREG | 0o777, b"#!/bin/sh\n"),
        ("pkg/./sub/file.txt", b"hello"),
    ]
    archive = write_zip(tmp_path / "ok.zip", entries)
    root = tmp_path / "root"
    with staging_dir(root) as staged:
        assert staged.parent == root and staged.name.startswith(STAGING_PREFIX)
        written = extract_zip(archive, staged)
        assert written == ["pkg/run.sh", "pkg/sub/file.txt"]
        assert (staged / "pkg" / "sub" / "file.txt").read_text() == "hello"
        assert stat.S_IMODE((staged / "pkg" / "run.sh").stat().st_mode) == 0o600
        final = move_into_place(staged, root / "model")
    assert (final / "pkg" / "sub" / "file.txt").is_file()
    assert [p.name for p in root.iterdir()] == ["model"]


def test_move_into_place_never_overwrites(tmp_path: Path) -> None:
    (tmp_path / "existing").mkdir()
    with staging_dir(tmp_path) as staged, pytest.raises(ModelError, match="already exists"):
        move_into_place(staged, tmp_path / "existing")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["existing"]


def test_file_and_folder_with_the_same_name(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "clash.zip", [("pkg/model", b"file"), ("pkg/model/model.bin", b"x")])
    with pytest.raises(ArchiveError, match="share the name"):
        inspect_zip(archive)


def test_select_skips_entries(tmp_path: Path) -> None:
    archive = write_zip(tmp_path / "s.zip", [("a.txt", b"a"), ("b.txt", b"b")])
    keep: Callable[[str], bool] = lambda name: name == "b.txt"  # noqa: E731
    with staging_dir(tmp_path / "root") as staged:
        assert extract_zip(archive, staged, select=keep) == ["b.txt"]
        assert sorted(p.name for p in staged.iterdir()) == ["b.txt"]

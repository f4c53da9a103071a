from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from workstation.io.atomic import STALE_TEMPORARY_SECONDS, atomic_write_bytes

SAVING_SCRIPT = textwrap.dedent(
    """
    import sys
    from workstation.io.documents import Document, save_document

    path = sys.argv[1]
    document = Document.untitled()
    versions = ["甲" * 2_000_000, "乙" * 1_500_000]
    for count in range(1_000_000):
        document = save_document(document, versions[count % 2], path)
        print(count, flush=True)
    """
)


def test_sigkill_while_saving_never_leaves_a_half_written_file(tmp_path: Path) -> None:
    path = tmp_path / "cable.txt"
    for attempt in range(3):
        process = subprocess.Popen([sys.executable, "-c", SAVING_SCRIPT, str(path)], stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        for line in process.stdout:
            if int(line) >= 2 + attempt:
                break
        time.sleep(0.01 * attempt)  # land the kill at different points of a save
        process.send_signal(signal.SIGKILL)
        process.wait()
        text = path.read_text("utf-8")
        assert text in ("甲" * 2_000_000, "乙" * 1_500_000)


def test_stale_temporaries_of_a_killed_save_are_removed_by_the_next_save(tmp_path: Path) -> None:
    path = tmp_path / "doc.txt"
    stale = tmp_path / ".doc.txt.abc123.tmp"
    fresh = tmp_path / ".doc.txt.def456.tmp"
    other = tmp_path / ".other.txt.abc.tmp"
    for leftover in (stale, fresh, other):
        leftover.write_text("secret")
    old = time.time() - STALE_TEMPORARY_SECONDS - 5
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    atomic_write_bytes(path, b"new")
    assert not stale.exists()
    assert fresh.exists() and other.exists()  # a save in progress elsewhere, another file's
    assert sorted(p.name for p in tmp_path.iterdir()) == [".doc.txt.def456.tmp", ".other.txt.abc.tmp", "doc.txt"]


def test_private_and_existing_permissions(tmp_path: Path, permissive_umask: None) -> None:
    atomic_write_bytes(tmp_path / "private.tmx", b"x", private=True)
    assert stat.S_IMODE((tmp_path / "private.tmx").stat().st_mode) == 0o600
    shared = tmp_path / "shared.txt"
    shared.write_bytes(b"old")
    shared.chmod(0o640)
    atomic_write_bytes(shared, b"new")
    assert stat.S_IMODE(shared.stat().st_mode) == 0o640 and shared.read_bytes() == b"new"


def test_a_failed_write_leaves_the_original_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "doc.txt"
    path.write_bytes(b"original")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("workstation.io.atomic.os.fsync", disk_full)
    with pytest.raises(OSError):
        atomic_write_bytes(path, b"new contents")
    assert path.read_bytes() == b"original"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.txt"]


def test_interrupted_save_leftovers_are_removed_only_when_old_enough(tmp_path) -> None:
    import os
    import time

    from workstation.io.atomic import remove_interrupted_saves

    target = tmp_path / "doc.txt"
    old = tmp_path / ".doc.txt.aaaa.tmp"
    fresh = tmp_path / ".doc.txt.bbbb.tmp"
    other = tmp_path / ".docx.txt.cccc.tmp"
    for path in (old, fresh, other):
        path.write_text("partial", encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert remove_interrupted_saves(target, older_than=time.time() - 600) == 1
    assert not old.exists() and fresh.exists() and other.exists()
    assert remove_interrupted_saves(target) == 1
    assert not fresh.exists() and other.exists()

"""Crash safety: the real window's process is killed with SIGKILL while typing and while saving a large file.

A driver (tests/gui/drivers/crash_driver.py) runs the real ``MainWindow`` offscreen in its own process and says
on stdout when the autosave has committed; the test kills it with SIGKILL, then a new process on the same
WORKSTATION_HOME takes the window's recovery offer. What was autosaved must come back, and the file on disk must
be the old or the new version, never a half-written one.
"""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.gui.drivers.corpus import japanese_document

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")

DRIVER = Path(__file__).parent / "drivers" / "crash_driver.py"
LINE_TIMEOUT_S = 120
ORIGINAL = "在外公館からの報告。\n本文は以下のとおり。\n"
TYPED = "本日午後、大使は外務次官と会談し、邦人保護について協議した。" * 20
LARGE_FILE_BYTES = 12 * 1024 * 1024
EDIT = "【至急】"


class Driver:
    """One driver process; its stdout lines are read on a thread so every wait has a timeout."""

    def __init__(self, home: Path, *args: str) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WORKSTATION_HOME=str(home), PYTHONUNBUFFERED="1")
        self.stderr_path = home / f"driver-{args[0]}.stderr"
        self._stderr = self.stderr_path.open("w", encoding="utf-8")
        self.process = subprocess.Popen(
            [sys.executable, str(DRIVER), *args],
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            env=env,
            text=True,
            encoding="utf-8",
        )
        self.events: list[dict[str, Any]] = []
        self._lines: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("{"):
                self._lines.put(json.loads(line))
        self._lines.put(None)

    def next_event(self) -> dict[str, Any]:
        try:
            event = self._lines.get(timeout=LINE_TIMEOUT_S)
        except queue.Empty:
            pytest.fail(f"the driver said nothing for {LINE_TIMEOUT_S} s; events so far: {self.events}")
        if event is None:
            pytest.fail(f"the driver ended early (exit {self.process.wait()}): {self.stderr()}")
        self.events.append(event)
        return event

    def wait_for(self, name: str, count: int = 1) -> dict[str, Any]:
        seen = 0
        while True:
            event = self.next_event()
            if event["event"] == "timeout":
                pytest.fail(f"the driver timed out waiting; events: {self.events}")
            if event["event"] == name:
                seen += 1
                if seen == count:
                    return event

    def said(self, name: str) -> bool:
        """Whether the driver has said ``name`` so far (without waiting)."""
        while not self._lines.empty():
            event = self._lines.get_nowait()
            if event is None:
                break
            self.events.append(event)
        return any(event["event"] == name for event in self.events)

    def kill(self) -> None:
        """SIGKILL, then collect every line the process wrote before it died."""
        self.process.send_signal(signal.SIGKILL)
        assert self.process.wait(timeout=LINE_TIMEOUT_S) == -signal.SIGKILL
        self._reader.join(timeout=LINE_TIMEOUT_S)
        while (event := self._lines.get_nowait() if not self._lines.empty() else None) is not None:
            self.events.append(event)

    def finish(self) -> None:
        assert self.process.wait(timeout=LINE_TIMEOUT_S) == 0, self.stderr()

    def stderr(self) -> str:
        self._stderr.flush()
        return self.stderr_path.read_text(encoding="utf-8", errors="replace")[-3000:]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=LINE_TIMEOUT_S)
        self._stderr.close()


def wait_until(condition: Callable[[], bool], timeout_s: float = LINE_TIMEOUT_S) -> bool:
    """Poll ``condition`` closely (a file appearing cannot be waited on otherwise); ``False`` on timeout."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.001)
    return False


def start_again(home: Path, tmp_path: Path) -> dict[str, Any]:
    """A second start on the same WORKSTATION_HOME: take the recovery offer and report what came back."""
    result = tmp_path / "recovered.json"
    second = Driver(home, "recover", str(result))
    try:
        second.wait_for("done")
        second.finish()
    finally:
        second.close()
    return json.loads(result.read_text(encoding="utf-8"))


def test_text_typed_until_a_sigkill_comes_back_on_the_next_start(workstation_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "cable.txt"
    path.write_text(ORIGINAL, encoding="utf-8")
    typed = tmp_path / "typed.txt"
    typed.write_text(TYPED, encoding="utf-8")
    driver = Driver(workstation_home, "type", str(path), str(typed))
    try:
        assert driver.wait_for("loaded")["length"] == len(ORIGINAL)
        driver.wait_for("typing")
        driver.wait_for("autosaved", count=2)  # typing goes on without a pause: saved on the way, not at the end
        driver.kill()
    finally:
        driver.close()
    assert not any(event["event"] == "typed_all" for event in driver.events), "killed after typing, not during"
    autosaved = [event["length"] for event in driver.events if event["event"] == "autosaved"]
    last = autosaved[-1]
    assert len(ORIGINAL) < last < len(ORIGINAL) + len(TYPED)
    expected = ORIGINAL + TYPED

    recovered = start_again(workstation_home, tmp_path)

    assert recovered["offered"]
    assert "校正" in recovered["box_text"] and "cable.txt" in recovered["box_text"]
    assert recovered["proofread_text"] == expected[:last]
    assert recovered["proofread_path"] == str(path)
    assert recovered["modified"]
    assert path.read_text(encoding="utf-8") == ORIGINAL


def test_a_sigkill_while_saving_a_large_file_leaves_the_old_or_the_new_file(workstation_home: Path, tmp_path: Path) -> None:
    path = tmp_path / "large-cable.txt"
    old_text = japanese_document(LARGE_FILE_BYTES)
    path.write_text(old_text, encoding="utf-8")
    old_bytes = path.read_bytes()
    new_text = EDIT + old_text
    new_bytes = new_text.encode("utf-8")
    edit = tmp_path / "edit.txt"
    edit.write_text(EDIT, encoding="utf-8")
    driver = Driver(workstation_home, "save", str(path), str(edit))
    try:
        driver.wait_for("loaded")
        assert driver.wait_for("autosaved")["length"] == len(new_text)
        driver.wait_for("saving")
        writing = wait_until(lambda: any(tmp_path.glob(f".{path.name}.*.tmp")) or driver.said("saved"))
        driver.kill()
    finally:
        driver.close()

    assert writing, "the new version was never seen being written"
    assert not driver.said("saved"), "the save finished before the kill; it was not killed while writing"
    on_disk = path.read_bytes()
    assert on_disk in (old_bytes, new_bytes), f"half-written file: {len(on_disk)} bytes"
    recovered = start_again(workstation_home, tmp_path)
    if on_disk == old_bytes:
        assert recovered["offered"], "the save did not finish, so the edited text must be offered back"
    if recovered["offered"]:
        assert recovered["proofread_text"] == new_text
        assert recovered["proofread_path"] == str(path)
    leftovers = [entry.name for entry in tmp_path.iterdir() if entry.name.startswith(f".{path.name}.")]
    assert len(leftovers) <= 1, leftovers  # at most the temporary file of the killed save, never a second copy

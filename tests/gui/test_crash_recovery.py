"""A real crash: the window's process is killed with SIGKILL after typing; the next start offers the text back."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from workstation.gui.main_window import MainWindow

TYPED = "停電直前に入力していた公電の本文です。"

CHILD = textwrap.dedent(
    f"""
    import sys, time
    from PySide6.QtCore import QEventLoop, QTimer
    from workstation.gui.app import create_application
    from workstation.gui.main_window import MainWindow

    app = create_application()
    window = MainWindow()
    window.show()
    window.autosave.timer.setInterval(100)
    loop = QEventLoop()
    window.autosave.saved.connect(loop.quit)
    QTimer.singleShot(30_000, loop.quit)
    window.translate_view.source_editor.textCursor().insertText({TYPED!r})
    loop.exec()
    print("autosaved", flush=True)
    while True:
        app.processEvents()
        time.sleep(0.05)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX only")
def test_text_typed_before_a_sigkill_is_recovered(qtbot, settings) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "autosaved"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    box = window.autosave.offer_recovery()
    assert box is not None and "翻訳" in box.text()
    window.autosave.recover(window.autosave.pending())
    assert window.translate_view.source_editor.toPlainText() == TYPED
    window.close()

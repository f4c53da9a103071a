"""The installed Qt binding must not drop references to None (PySide6 6.12.0 on Python < 3.12 does).

Every void Qt method called from Python then costs None one reference; after a few thousand calls (one
busy minute in the editor) the interpreter aborts with "deallocating None". pyproject.toml keeps that
version out; this test fails loudly if such a binding is ever installed again.
"""

from __future__ import annotations

import sys

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QLabel

CALLS = 500


def test_void_qt_calls_keep_none_alive(qtbot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    cursor = QTextCursor(QTextDocument("外務省" * 100))
    before = sys.getrefcount(None)
    for index in range(CALLS):
        label.setText("x")
        cursor.setPosition(index % 100)
    lost = before - sys.getrefcount(None)
    assert lost < CALLS // 10, f"None lost {lost} references over {2 * CALLS} void Qt calls"

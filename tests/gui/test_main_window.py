from __future__ import annotations

from workstation.gui.main_window import MainWindow
from workstation.i18n import set_language


def test_main_window_has_japanese_menus_workspaces_and_offline_status(qtbot) -> None:
    set_language("ja")
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    menus = [action.text() for action in window.menuBar().actions()]
    assert menus == ["ファイル(&F)", "編集(&E)", "表示(&V)", "ツール(&T)", "ヘルプ(&H)"]
    tabs = [window.workspaces.tabText(i) for i in range(window.workspaces.count())]
    assert tabs == ["翻訳", "校正", "比較"]
    assert "オフライン" in window.offline_label.text()
    assert window.windowTitle()

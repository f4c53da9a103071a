"""Settings are declared once (type, default, description) and stored with QSettings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from workstation.gui.settings import DECLARED, MAX_RECENT_FILES, Settings
from workstation.i18n import Text
from workstation.paths import user_config_dir


def test_every_setting_has_a_bilingual_description_and_a_valid_default() -> None:
    for setting in DECLARED:
        assert isinstance(setting.description, Text) and setting.description.ja and setting.description.en
        if setting.kind == "choice":
            assert setting.default in setting.choices
        if setting.kind == "int":
            assert setting.minimum <= setting.default <= setting.maximum


def test_defaults_round_trip_and_persist(qtbot) -> None:
    settings = Settings()
    assert settings.get("translate/beam_size") == 4
    assert settings.get("ui/language") == "ja"
    settings.set("translate/beam_size", 6)
    settings.set("proofread/dictionaries", ["/tmp/a.yml"])
    again = Settings()
    assert again.get("translate/beam_size") == 6
    assert again.get("proofread/dictionaries") == ["/tmp/a.yml"]
    assert (user_config_dir() / "settings.ini").is_file()


def test_undeclared_or_invalid_values_are_refused(qtbot) -> None:
    settings = Settings()
    with pytest.raises(KeyError):
        settings.get("no/such/setting")
    with pytest.raises(ValueError):
        settings.set("translate/beam_size", 99)
    with pytest.raises(ValueError):
        settings.set("ui/language", "fr")


def test_a_hand_edited_bad_value_falls_back_to_the_default(qtbot) -> None:
    raw = QSettings(str(user_config_dir() / "settings.ini"), QSettings.Format.IniFormat)
    raw.setValue("ui/font_size", "huge")
    raw.setValue("recent/files", "{not json")
    raw.sync()
    settings = Settings()
    assert settings.get("ui/font_size") == 12
    assert settings.get("recent/files") == []


def test_recent_files_are_unique_newest_first_and_bounded(qtbot) -> None:
    settings = Settings()
    for index in range(MAX_RECENT_FILES + 3):
        settings.add_recent_file(f"/docs/{index}.txt")
    settings.add_recent_file("/docs/5.txt")
    files = settings.get("recent/files")
    assert files[0] == "/docs/5.txt" and len(files) == MAX_RECENT_FILES and len(set(files)) == len(files)


def test_changed_is_emitted_only_on_a_change(qtbot) -> None:
    settings = Settings()
    with qtbot.waitSignal(settings.changed, timeout=1000) as blocker:
        settings.set("ui/font_size", 14)
    assert blocker.args == ["ui/font_size"]
    with qtbot.assertNotEmitted(settings.changed):
        settings.set("ui/font_size", 14)

from __future__ import annotations

import logging
import stat

from workstation.app_logging import setup_logging


def test_log_file_is_private_and_in_the_user_log_dir(workstation_home) -> None:
    path = setup_logging()
    logging.getLogger("workstation.test").warning("hello log")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert path.is_relative_to(workstation_home)
    assert "hello log" in path.read_text(encoding="utf-8")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600

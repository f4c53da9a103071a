"""`workstation data` (being built)."""

from __future__ import annotations

import argparse

from workstation.errors import WorkstationError
from workstation.i18n import Text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("rest", nargs="*")


def run(args: argparse.Namespace) -> int:
    raise WorkstationError(Text("この機能はまだありません。", "This feature is not available yet."))

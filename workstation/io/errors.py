"""The error raised for any document, memory or glossary file that cannot be read or written."""

from __future__ import annotations

from workstation.errors import WorkstationError
from workstation.i18n import Text

__all__ = ["DocumentError", "write_error"]


class DocumentError(WorkstationError):
    """A file cannot be opened or saved: corrupt, unsupported, too large, wrong encoding, unreadable."""


def write_error(path: object, exc: OSError) -> DocumentError:
    """A clear message for a file that could not be written (permissions, full disk, missing folder)."""
    return DocumentError(
        Text(
            f"ファイルを保存できません: {path}（アクセス権、空き容量、保存先フォルダーを確認してください）",
            f"Cannot save the file: {path} (check permissions, free disk space and the folder).",
        ),
        detail=str(exc),
    )

"""The error raised for any document, memory or glossary file that cannot be read or written."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from workstation.errors import WorkstationError
from workstation.i18n import Text

__all__ = ["DocumentError", "write_error", "xml_errors"]


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


@contextmanager
def xml_errors(source: Path, kind: str) -> Iterator[None]:
    """Turn what parsing ``source`` with defusedxml raises into a :class:`DocumentError` naming its ``kind`` (TMX, TBX)."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    try:
        yield
    except DefusedXmlException as exc:
        raise DocumentError(
            Text(
                f"この {kind} ファイルには安全でない XML 宣言（エンティティ定義）が含まれているため読み込みません。",
                f"This {kind} file contains unsafe XML declarations (entity definitions) and was not read.",
            ),
            detail=repr(exc),
        ) from exc
    except (ParseError, LookupError, ValueError) as exc:  # LookupError: unknown declared encoding
        raise DocumentError(
            Text(
                f"{kind} ファイルの形式が正しくありません（{source.name}）。ファイルが壊れている可能性があります。",
                f"The {kind} file {source.name} is not well-formed XML; it may be damaged.",
            ),
            detail=str(exc),
        ) from exc

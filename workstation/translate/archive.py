"""Safe extraction of model archives (``.argosmodel``, ``.wsmodel``): every entry is checked before anything is written.

Refused: paths that are absolute or climb out with ``..``, symbolic links, device files and other special
modes, duplicate names (also after normalisation and case folding), encrypted entries, archives whose total
uncompressed size or compression ratio is too large (zip bombs), and truncated or corrupt archives.
Extraction goes into a fresh staging folder inside the destination root and is moved into place only once
complete; on any failure the staging folder is removed, so nothing half-written is left behind and nothing is
ever written outside the destination.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import tempfile
import time
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from workstation.i18n import Text
from workstation.translate.manifest import ModelError

__all__ = [
    "DEFAULT_LIMITS",
    "ArchiveError",
    "ArchiveLimits",
    "ArchiveMember",
    "extract_zip",
    "inspect_zip",
    "move_into_place",
    "read_member",
    "staging_dir",
]

GIB = 1024**3
STAGING_PREFIX = ".incoming-"
STALE_STAGING_SECONDS = 24 * 3600
_ALLOWED_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA}
_CHUNK = 1024 * 1024
_WINDOWS_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)


class ArchiveError(ModelError):
    """A model archive that is unsafe, corrupt or too large to unpack."""


@dataclass(frozen=True)
class ArchiveLimits:
    """Bounds that keep a hostile archive from filling the disk or hiding a zip bomb."""

    max_total_bytes: int = 16 * GIB
    max_entries: int = 10_000
    max_ratio: float = 200.0
    """Largest allowed uncompressed/compressed ratio, per entry and for the whole archive."""
    ratio_floor_bytes: int = 1024 * 1024
    """Entries smaller than this are not ratio-checked (tiny text files compress well and are harmless)."""


DEFAULT_LIMITS = ArchiveLimits()


@dataclass(frozen=True)
class ArchiveMember:
    """One regular file of a checked archive: its safe relative name and its ``ZipInfo``."""

    name: str
    info: zipfile.ZipInfo

    @property
    def size(self) -> int:
        return self.info.file_size


def _refuse(archive: Path, problem: Text) -> ArchiveError:
    return ArchiveError(
        Text(
            f"モデルのアーカイブ {archive.name} は安全でないため取り込みません: {problem.ja}",
            f"The model archive {archive.name} was refused as unsafe: {problem.en}",
        )
    )


def _corrupt(archive: Path, exc: BaseException) -> ArchiveError:
    return ArchiveError(
        Text(
            f"モデルのアーカイブ {archive.name} が壊れているか途中で切れています。もう一度コピーしてください。",
            f"The model archive {archive.name} is corrupt or truncated; copy it again.",
        ),
        detail=repr(exc),
    )


def _safe_name(archive: Path, raw: str) -> str | None:
    """The normalised relative name of an entry, ``None`` for a directory entry; raise if unsafe."""
    name = raw.replace("\\", "/")
    if "\x00" in name or not name.strip("/"):
        raise _refuse(
            archive, Text(f"名前が不正なエントリ「{raw!r}」があります", f"entry with an invalid name {raw!r}")
        )
    if name.startswith("/") or re.match(r"^[A-Za-z]:", name):
        raise _refuse(
            archive, Text(f"絶対パスのエントリ「{raw}」があります", f"entry with an absolute path '{raw}'")
        )
    parts = [part for part in PurePosixPath(name).parts if part not in ("", ".")]
    if any(part == ".." for part in parts):
        raise _refuse(
            archive,
            Text(
                f"フォルダーの外を指すエントリ「{raw}」があります", f"entry '{raw}' points outside its folder"
            ),
        )
    for part in parts:
        if _WINDOWS_RESERVED.match(part) or part.endswith((" ", ".")) or any(c in part for c in '<>:"|?*'):
            raise _refuse(
                archive,
                Text(
                    f"使えない名前のエントリ「{raw}」があります",
                    f"entry '{raw}' has a name that is not allowed",
                ),
            )
    if name.endswith("/"):
        return None
    return "/".join(parts)


def _check_mode(archive: Path, info: zipfile.ZipInfo) -> None:
    mode = info.external_attr >> 16
    if mode == 0:  # archives made on Windows carry no Unix mode
        return
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise _refuse(
            archive,
            Text(
                f"シンボリックリンク「{info.filename}」があります", f"symbolic link entry '{info.filename}'"
            ),
        )
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise _refuse(
            archive,
            Text(
                f"デバイスファイルなどの特殊なエントリ「{info.filename}」があります",
                f"device file or other special entry '{info.filename}'",
            ),
        )
    if mode & (stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX):
        raise _refuse(
            archive,
            Text(
                f"特殊な権限 (setuid など) が付いたエントリ「{info.filename}」があります",
                f"entry '{info.filename}' has special permission bits (setuid/setgid/sticky)",
            ),
        )


def inspect_zip(archive: Path, limits: ArchiveLimits = DEFAULT_LIMITS) -> list[ArchiveMember]:
    """Check every entry of ``archive`` without extracting; return its regular files or raise ``ArchiveError``."""
    archive = Path(archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            infos = zf.infolist()
    except FileNotFoundError:
        raise ArchiveError(
            Text(f"ファイル {archive} がありません。", f"The file {archive} does not exist.")
        ) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError, ValueError) as exc:
        raise _corrupt(archive, exc) from None
    if len(infos) > limits.max_entries:
        raise _refuse(
            archive, Text(f"エントリが多すぎます ({len(infos)} 個)", f"too many entries ({len(infos)})")
        )
    members: list[ArchiveMember] = []
    seen: dict[str, str] = {}
    directories: set[str] = set()
    total = 0
    compressed = 0
    for info in infos:
        name = _safe_name(archive, info.filename)
        _check_mode(archive, info)
        if info.flag_bits & 0x1:
            raise _refuse(
                archive,
                Text(
                    f"暗号化されたエントリ「{info.filename}」があります", f"encrypted entry '{info.filename}'"
                ),
            )
        if info.compress_type not in _ALLOWED_METHODS:
            raise _refuse(
                archive,
                Text(
                    f"対応していない圧縮方式のエントリ「{info.filename}」があります",
                    f"entry '{info.filename}' uses an unsupported compression method",
                ),
            )
        if name is None:
            continue
        folded = unicodedata.normalize("NFC", name).casefold()  # names that collide on Windows or macOS
        if folded in seen:
            raise _refuse(
                archive,
                Text(
                    f"同じ名前のエントリ「{info.filename}」が重複しています",
                    f"duplicate entry name '{info.filename}'",
                ),
            )
        seen[folded] = name
        parents = PurePosixPath(folded).parents
        directories.update(str(parent) for parent in parents if str(parent) != ".")
        total += info.file_size
        compressed += info.compress_size
        if total > limits.max_total_bytes:
            raise _refuse(
                archive,
                Text(
                    f"展開後の合計サイズが上限 ({limits.max_total_bytes:,} バイト) を超えます",
                    f"the unpacked size exceeds the limit of {limits.max_total_bytes:,} bytes",
                ),
            )
        if info.file_size >= limits.ratio_floor_bytes and info.file_size > limits.max_ratio * max(
            info.compress_size, 1
        ):
            raise _refuse(
                archive,
                Text(
                    f"エントリ「{info.filename}」の圧縮率が異常です (zip 爆弾の疑い)",
                    f"entry '{info.filename}' has an abnormal compression ratio (possible zip bomb)",
                ),
            )
        members.append(ArchiveMember(name, info))
    clash = directories & set(seen)
    if clash:
        raise _refuse(
            archive,
            Text(
                f"ファイルとフォルダーが同じ名前です「{sorted(clash)[0]}」",
                f"a file and a folder share the name '{sorted(clash)[0]}'",
            ),
        )
    if total >= limits.ratio_floor_bytes and total > limits.max_ratio * max(compressed, 1):
        raise _refuse(
            archive,
            Text(
                "全体の圧縮率が異常です (zip 爆弾の疑い)",
                "the overall compression ratio is abnormal (possible zip bomb)",
            ),
        )
    return members


def _copy_member(
    zf: zipfile.ZipFile, archive: Path, member: ArchiveMember, out: Path, budget: list[int]
) -> None:
    """Stream one entry to ``out``, never writing more than its declared size or the remaining budget."""
    declared = member.info.file_size
    fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    with os.fdopen(fd, "wb") as target, zf.open(member.info) as source:
        written = 0
        while chunk := source.read(_CHUNK):
            written += len(chunk)
            budget[0] -= len(chunk)
            if written > declared or budget[0] < 0:
                raise _refuse(
                    archive,
                    Text(
                        f"エントリ「{member.name}」が申告より大きく展開されます (zip 爆弾の疑い)",
                        f"entry '{member.name}' unpacks to more than it declares (possible zip bomb)",
                    ),
                )
            target.write(chunk)
        if written != declared:
            raise _corrupt(archive, EOFError(f"{member.name}: {written} of {declared} bytes"))


def extract_zip(
    archive: Path,
    target_dir: Path,
    limits: ArchiveLimits = DEFAULT_LIMITS,
    *,
    select: Callable[[str], bool] | None = None,
) -> list[str]:
    """Check ``archive`` and unpack its regular files into the existing empty folder ``target_dir``.

    ``select`` may skip entries by name. Returns the names written (relative, POSIX). Files are created
    0600 with ``O_EXCL``/``O_NOFOLLOW`` and folders 0700; archive permissions are ignored.
    """
    archive = Path(archive)
    target_dir = Path(target_dir)
    members = inspect_zip(archive, limits)
    needed = sum(member.size for member in members if select is None or select(member.name))
    free = shutil.disk_usage(target_dir).free
    if needed > free:
        raise ArchiveError(
            Text(
                f"空き容量が足りません (必要 {needed:,} バイト、空き {free:,} バイト)。",
                f"Not enough free disk space (needs {needed:,} bytes, {free:,} free).",
            )
        )
    root = target_dir.resolve()
    budget = [limits.max_total_bytes]
    written: list[str] = []
    try:
        with zipfile.ZipFile(archive) as zf:
            for member in members:
                if select is not None and not select(member.name):
                    continue
                out = root.joinpath(*member.name.split("/"))
                if root not in out.parents:  # defence in depth: _safe_name already forbids this
                    raise _refuse(
                        archive, Text(f"不正なパス「{member.name}」", f"invalid path '{member.name}'")
                    )
                _make_dirs(root, out.parent)
                _copy_member(zf, archive, member, out, budget)
                written.append(member.name)
    except ArchiveError:
        raise
    except (zipfile.BadZipFile, EOFError, zlib.error, ValueError, NotImplementedError) as exc:
        raise _corrupt(archive, exc) from None
    except OSError as exc:
        raise ArchiveError(
            Text(
                f"モデルのアーカイブ {archive.name} を展開できません: {exc.strerror or exc}",
                f"Cannot unpack the model archive {archive.name}: {exc.strerror or exc}",
            ),
            detail=repr(exc),
        ) from None
    return written


def read_member(archive: Path, name: str, *, max_bytes: int) -> bytes | None:
    """The bytes of the entry ``name`` (``None`` if absent), refusing entries larger than ``max_bytes``."""
    archive = Path(archive)
    try:
        with zipfile.ZipFile(archive) as zf:
            try:
                info = zf.getinfo(name)
            except KeyError:
                return None
            if info.file_size > max_bytes:
                raise _refuse(archive, Text(f"「{name}」が大きすぎます", f"'{name}' is too large"))
            with zf.open(info) as handle:
                data = handle.read(max_bytes + 1)
    except ArchiveError:
        raise
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError, ValueError) as exc:
        raise _corrupt(archive, exc) from None
    if len(data) > max_bytes:
        raise _refuse(archive, Text(f"「{name}」が大きすぎます", f"'{name}' is too large"))
    return data


def _make_dirs(root: Path, directory: Path) -> None:
    """Create ``directory`` (inside ``root``) refusing to pass through anything that is not a real folder."""
    current = root
    for part in directory.relative_to(root).parts:
        current = current / part
        try:
            os.mkdir(current, 0o700)
        except FileExistsError:
            if current.is_symlink() or not current.is_dir():
                raise OSError(f"{current} is not a folder") from None


@contextlib.contextmanager
def staging_dir(dest_root: Path) -> Iterator[Path]:
    """A fresh private folder inside ``dest_root`` for unpacking; removed afterwards unless moved away."""
    dest_root = Path(dest_root)
    dest_root.mkdir(parents=True, exist_ok=True, mode=0o700)
    _remove_stale_staging(dest_root)
    path = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=dest_root))
    try:
        yield path
    finally:
        if path.exists():
            shutil.rmtree(path, ignore_errors=True)


def _remove_stale_staging(dest_root: Path) -> None:
    """Remove staging folders left by an import that was killed more than a day ago."""
    cutoff = time.time() - STALE_STAGING_SECONDS
    for entry in dest_root.glob(f"{STAGING_PREFIX}*"):
        with contextlib.suppress(OSError):
            if entry.is_dir() and not entry.is_symlink() and entry.stat().st_mtime < cutoff:
                shutil.rmtree(entry, ignore_errors=True)


def move_into_place(staged: Path, final: Path) -> Path:
    """Rename the completed ``staged`` folder to ``final`` (same file system); refuse to overwrite."""
    if final.exists() or final.is_symlink():
        raise ModelError(
            Text(f"{final} は既に存在します。", f"{final} already exists."),
        )
    os.rename(staged, final)
    return final

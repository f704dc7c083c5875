"""Unpacking an uploaded zip of article files without trusting it.

Every entry's name is checked before anything is written: no absolute path, drive letter,
backslash, ``..`` or control character; no symbolic link or other special file; no encrypted
entry. The declared sizes are checked before unpacking and the real ones while unpacking, so a
zip bomb stops at the limit. Files are written with O_EXCL and O_NOFOLLOW under ``dest`` only.
No Django here: the limits come from the caller.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import BinaryIO

ARTICLE_SUFFIXES = (".txt", ".html", ".htm")
MANIFEST_NAME = "manifest.csv"
# Below this size a high ratio is ordinary (a page of repeated markup); above it, a bomb.
RATIO_FLOOR = 1024 * 1024
MAX_PART_LENGTH = 200
MAX_NAME_LENGTH = 400
CHUNK = 64 * 1024

_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")

REFUSE_ENCRYPTED = "được mã hóa bằng mật khẩu, không mở được"
REFUSE_SYMLINK = "là liên kết tượng trưng (symlink), bị từ chối"
REFUSE_SPECIAL = "không phải tệp thường, bị từ chối"
REFUSE_ABSOLUTE = "có đường dẫn tuyệt đối, bị từ chối"
REFUSE_DRIVE = "có ký tự ổ đĩa (C:), bị từ chối"
REFUSE_BACKSLASH = "có dấu gạch ngược «\\» trong đường dẫn, bị từ chối"
REFUSE_PARENT = "có «..» trỏ ra ngoài thư mục, bị từ chối"
REFUSE_CONTROL = "có ký tự điều khiển trong tên, bị từ chối"
REFUSE_ENCODING = "có tên không đọc được (không phải UTF-8), bị từ chối"
REFUSE_LONG = "có tên quá dài, bị từ chối"
REFUSE_DUPLICATE = "trùng đường dẫn với một mục khác trong tệp nén, bị bỏ qua"
REFUSE_BROKEN = "dữ liệu hỏng hoặc nén theo cách không hỗ trợ, bị bỏ qua"
IGNORE_NESTED = "là tệp nén lồng bên trong, không được mở (hãy tải lên riêng)"
IGNORE_OTHER = "không phải tệp bài viết (.txt, .html, .htm), bị bỏ qua"
IGNORE_MACOS = "là tệp phụ của macOS, bị bỏ qua"


class ArchiveError(ValueError):
    """The zip cannot be used at all; the caller discards whatever was unpacked."""


class TooManyFiles(ArchiveError):
    """More article files than one upload may hold."""

    def __init__(self, count: int, limit: int) -> None:
        super().__init__(f"Tệp nén có {count} tệp bài viết, quá giới hạn {limit} tệp.")
        self.count, self.limit = count, limit


class Refused(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


@dataclass(frozen=True)
class ZipLimits:
    """How much one zip may hold: article files, entries of any kind, unpacked bytes."""

    max_files: int
    max_entries: int
    max_unpacked_bytes: int
    max_ratio: int = 100


@dataclass
class Unpacked:
    """What a zip gave: article files as (path on disk, name in the zip), manifests, and the
    entries set aside, as (name, reason): refused for safety, or ignored as no article."""

    files: list[tuple[Path, str]] = field(default_factory=list)
    manifests: list[Path] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)
    ignored: list[tuple[str, str]] = field(default_factory=list)


def entry_name(info: zipfile.ZipInfo) -> str:
    """The entry's name as text: UTF-8 even when the zip did not flag it (most tools don't)."""
    name = info.filename
    if not info.flag_bits & 0x800 and not name.isascii():
        try:
            name = name.encode("cp437").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            raise Refused(REFUSE_ENCODING) from None
    return unicodedata.normalize("NFC", name)


def safe_parts(name: str) -> tuple[str, ...]:
    """The path's parts, or Refused when it could point anywhere but below the folder."""
    if _CONTROL.search(name):
        raise Refused(REFUSE_CONTROL)
    if "\\" in name:
        raise Refused(REFUSE_BACKSLASH)
    if name.startswith("/"):
        raise Refused(REFUSE_ABSOLUTE)
    if _DRIVE.match(name):
        raise Refused(REFUSE_DRIVE)
    parts = tuple(part for part in PurePosixPath(name).parts if part not in ("", "."))
    if ".." in parts:
        raise Refused(REFUSE_PARENT)
    if len(name) > MAX_NAME_LENGTH or any(len(part) > MAX_PART_LENGTH for part in parts):
        raise Refused(REFUSE_LONG)
    return parts


def _kind(info: zipfile.ZipInfo) -> str:
    if info.flag_bits & 0x1:
        raise Refused(REFUSE_ENCRYPTED)
    mode = info.external_attr >> 16
    kind = stat.S_IFMT(mode)
    if kind == stat.S_IFLNK:
        raise Refused(REFUSE_SYMLINK)
    if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise Refused(REFUSE_SPECIAL)
    return "dir" if kind == stat.S_IFDIR or info.filename.endswith("/") else "file"


def open_zip(source: str | Path | BinaryIO) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, OSError) as error:
        raise ArchiveError("Tệp hỏng hoặc không phải tệp .zip.") from error


def unpack(source: str | Path | BinaryIO, dest: Path, limits: ZipLimits) -> Unpacked:
    """Unpack the article files and manifests of a zip under ``dest`` (an empty, private folder).

    Raises ArchiveError when the zip is unreadable, too large once unpacked, compressed
    beyond reason, or holds too many entries or article files.
    """
    with open_zip(source) as archive:
        infos = archive.infolist()
        if len(infos) > limits.max_entries:
            raise ArchiveError(
                f"Tệp nén có {len(infos)} mục, quá giới hạn {limits.max_entries} mục."
            )
        unpacked, wanted = Unpacked(), []
        for info in infos:
            label = info.filename[:MAX_NAME_LENGTH]
            try:
                kind = _kind(info)
                name = entry_name(info)
                label = name[:MAX_NAME_LENGTH]
                parts = safe_parts(name)
            except Refused as refused:
                unpacked.refused.append((label, refused.reason))
                continue
            if kind == "dir" or not parts:
                continue
            last = parts[-1].lower()
            if parts[0] == "__MACOSX" or last.startswith("._"):
                unpacked.ignored.append((name, IGNORE_MACOS))
            elif last.endswith(".zip"):
                unpacked.ignored.append((name, IGNORE_NESTED))
            elif last == MANIFEST_NAME or last.endswith(ARTICLE_SUFFIXES):
                wanted.append((info, name, parts))
            else:
                unpacked.ignored.append((name, IGNORE_OTHER))

        articles = sum(1 for _, _, parts in wanted if parts[-1].lower() != MANIFEST_NAME)
        if articles > limits.max_files:
            raise TooManyFiles(articles, limits.max_files)
        _check_declared(wanted, limits)
        root = dest.resolve()
        written = 0
        for info, name, parts in wanted:
            try:
                path = _target(root, parts)
                written += _write(archive, info, path, limits, written)
            except Refused as refused:
                unpacked.refused.append((name, refused.reason))
                continue
            if parts[-1].lower() == MANIFEST_NAME:
                unpacked.manifests.append(path)
            else:
                unpacked.files.append((path, name))
    return unpacked


def _bomb(limits: ZipLimits) -> ArchiveError:
    megabytes = limits.max_unpacked_bytes // (1024 * 1024)
    return ArchiveError(
        f"Tệp nén giải nén ra quá lớn (tối đa {megabytes} MB) hoặc nén bất thường; "
        "có thể là «bom zip», bị từ chối."
    )


def _check_declared(wanted: list, limits: ZipLimits) -> None:
    total = 0
    for info, _, _ in wanted:
        total += info.file_size
        ratio_too_high = (
            info.file_size > RATIO_FLOOR
            and info.file_size > max(info.compress_size, 1) * limits.max_ratio
        )
        if total > limits.max_unpacked_bytes or ratio_too_high:
            raise _bomb(limits)


def _target(root: Path, parts: tuple[str, ...]) -> Path:
    path = root.joinpath(*parts)
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        if not folder.resolve().is_relative_to(root) or folder.is_symlink():
            raise Refused(REFUSE_PARENT)
    except (FileExistsError, NotADirectoryError):
        raise Refused(REFUSE_DUPLICATE) from None
    return path


def _write(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, path: Path, limits: ZipLimits, before: int
) -> int:
    """Copy one entry, counting the real bytes; returns how many were written."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags, 0o600)
    except (FileExistsError, IsADirectoryError):
        raise Refused(REFUSE_DUPLICATE) from None
    size = 0
    try:
        with os.fdopen(handle, "wb") as out, archive.open(info) as entry:
            while chunk := entry.read(CHUNK):
                size += len(chunk)
                if size > info.file_size or before + size > limits.max_unpacked_bytes:
                    raise _bomb(limits)
                out.write(chunk)
    except ArchiveError:
        path.unlink(missing_ok=True)
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, OSError):
        path.unlink(missing_ok=True)
        raise Refused(REFUSE_BROKEN) from None
    return size

"""Article files uploaded in the admin, staged on the server between the dry run and the import.

A staging folder lives under ``settings.IMPORT_STAGING_DIR`` (private, never under MEDIA_ROOT),
named by a random token and owned by one user. It holds the uploaded files (zips unpacked by
``archive.unpack``) and ``staging.json``: who staged it, when, each file's label, source key and
SHA-256, and the dry-run table. It is removed after the import, on cancel, or once expired.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile

from articles.importing.archive import (
    ARTICLE_SUFFIXES,
    IGNORE_OTHER,
    MANIFEST_NAME,
    ArchiveError,
    Refused,
    TooManyFiles,
    ZipLimits,
    safe_parts,
    unpack,
)
from articles.importing.batch import SourceFile
from articles.importing.manifest import Manifest, ManifestError, read_manifest

META = "staging.json"
CLAIMED = ".claimed"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32,64}$")
KEY_PREFIX = "upload"
COMMAND_HINT = "Lô lớn hơn: dùng lệnh python manage.py import_seeds <thư mục>."
# Entries of any kind a zip may list (folders, images beside the articles) per article file.
ENTRIES_PER_FILE = 4

logger = logging.getLogger(__name__)


class UploadError(ValueError):
    """The upload cannot be staged; nothing is kept."""


class StagingError(ValueError):
    """A staged upload that cannot be used (unknown, someone else's, expired, altered)."""


def max_bytes() -> int:
    return settings.IMPORT_UPLOAD_MAX_BYTES


def max_files() -> int:
    return settings.IMPORT_UPLOAD_MAX_FILES


def too_big_message() -> str:
    megabytes = max_bytes() // (1024 * 1024)
    return f"Tệp tải lên quá lớn: tối đa {megabytes} MB mỗi lần. {COMMAND_HINT}"


def too_many_message(count: int | None = None) -> str:
    given = f" (đã chọn {count} tệp)" if count else ""
    return f"Quá nhiều tệp: tối đa {max_files()} tệp bài viết mỗi lần{given}. {COMMAND_HINT}"


def source_key(label: str, digest: str) -> str:
    """The report's source key: the name as uploaded, made unique by the file's content, so the
    same file again is the same report and another file that only shares a name is not."""
    return f"{KEY_PREFIX}/{digest[:16]}/{label}"[:500]


def _digest(path: Path) -> str:
    sha = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1024 * 1024):
            sha.update(chunk)
    return sha.hexdigest()


def _root() -> Path:
    root = Path(settings.IMPORT_STAGING_DIR)
    root.mkdir(parents=True, exist_ok=True, mode=0o700)
    return root


@dataclass
class Staged:
    """One staged upload: its folder, owner, files, and what the upload set aside."""

    token: str
    folder: Path
    user_id: int
    created: float
    files: list[dict] = field(default_factory=list)
    manifests: list[dict] = field(default_factory=list)
    notes: list[list[str]] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)

    def sources(self) -> list[SourceFile]:
        return [
            SourceFile(self.folder / item["path"], item["label"], item["key"])
            for item in self.files
        ]

    def manifest(self) -> Manifest | None:
        """The URLs every staged manifest gives; a manifest that cannot be used is a note."""
        if not self.manifests:
            return None
        merged = Manifest()
        for item in self.manifests:
            try:
                found = read_manifest(self.folder / item["path"])
            except ManifestError as error:
                merged.problems.append(f"{item['label']}: {error} Tệp manifest này bị bỏ qua.")
                continue
            merged.urls.update(found.urls)
            merged.problems += [f"{item['label']}: {problem}" for problem in found.problems]
        return merged

    def save(self) -> None:
        meta = {
            "user": self.user_id,
            "created": self.created,
            "files": self.files,
            "manifests": self.manifests,
            "notes": self.notes,
            "rows": self.rows,
        }
        (self.folder / META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def stage(uploads: list[UploadedFile], *, user_id: int) -> Staged:
    """Keep the uploaded files (zips unpacked) in a new private folder; UploadError if unusable."""
    if sum(upload.size or 0 for upload in uploads) > max_bytes():
        raise UploadError(too_big_message())
    token = secrets.token_urlsafe(32)
    try:
        sweep()
        folder = _root() / token
        folder.mkdir(mode=0o700)
    except OSError as error:
        raise _unwritable(error) from error
    staged = Staged(token=token, folder=folder, user_id=user_id, created=time.time())
    try:
        _fill(staged, uploads)
        if not staged.files:
            raise UploadError(
                "Không có tệp bài viết nào (.txt, .html, .htm) trong những gì đã tải lên."
            )
        staged.save()
    except OSError as error:
        staged.discard()
        raise _unwritable(error) from error
    except BaseException:
        staged.discard()
        raise
    return staged


def _unwritable(error: OSError) -> UploadError:
    """The server's side failed (disk full, folder not writable): say so, log the cause."""
    logger.error("Import staging failed in %s: %s", settings.IMPORT_STAGING_DIR, error)
    return UploadError(
        "Máy chủ không ghi được tệp tải lên vào thư mục tạm (đầy đĩa hoặc không có quyền ghi). "
        "Chưa có gì được nhập; hãy báo người quản trị hệ thống, hoặc dùng lệnh "
        "python manage.py import_seeds <thư mục>."
    )


def _fill(staged: Staged, uploads: list[UploadedFile]) -> None:
    loose = staged.folder / "files" / "0"
    loose.mkdir(parents=True, mode=0o700)
    budget = max_files()
    unpacked_budget = settings.IMPORT_UPLOAD_MAX_UNPACKED_BYTES
    for index, upload in enumerate(uploads, start=1):
        given = upload.name or ""
        try:
            parts = safe_parts(given)
        except Refused as refused:
            staged.notes.append([given[:200], refused.reason])
            continue
        if len(parts) != 1:
            staged.notes.append([given[:200], "tên tệp không hợp lệ, bị bỏ qua"])
            continue
        name = parts[0]
        lower = name.lower()
        if lower.endswith(".zip"):
            folder = staged.folder / "files" / str(index)
            folder.mkdir(mode=0o700)
            limits = ZipLimits(
                max_files=budget,
                max_entries=max(budget, 1) * ENTRIES_PER_FILE + 20,
                max_unpacked_bytes=unpacked_budget,
                max_ratio=settings.IMPORT_UPLOAD_MAX_RATIO,
            )
            upload.seek(0)
            try:
                result = unpack(upload.file, folder, limits)
            except TooManyFiles as error:
                raise UploadError(too_many_message(max_files() - budget + error.count)) from error
            except ArchiveError as error:
                raise UploadError(f"{name}: {error}") from error
            for path, entry in result.files:
                _add_file(staged, path, f"{name}/{entry}")
            for path in result.manifests:
                _add_manifest(staged, path, f"{name}/{path.relative_to(folder)}")
            staged.notes += [[f"{name}/{entry}", reason] for entry, reason in result.refused]
            staged.notes += [[f"{name}/{entry}", reason] for entry, reason in result.ignored]
            budget -= len(result.files)
            unpacked_budget -= sum(path.stat().st_size for path, _ in result.files)
            continue
        if lower != MANIFEST_NAME and not lower.endswith(ARTICLE_SUFFIXES):
            staged.notes.append([name, IGNORE_OTHER])
            continue
        target = loose / name
        if target.exists():
            staged.notes.append([name, "trùng tên với một tệp khác vừa tải lên, bị bỏ qua"])
            continue
        if lower == MANIFEST_NAME:
            _save_upload(upload, target)
            _add_manifest(staged, target, name)
            continue
        if budget <= 0:
            count = sum(1 for u in uploads if (u.name or "").lower().endswith(ARTICLE_SUFFIXES))
            raise UploadError(too_many_message(count))
        _save_upload(upload, target)
        _add_file(staged, target, name)
        budget -= 1


def _save_upload(upload: UploadedFile, target: Path) -> None:
    with target.open("xb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    target.chmod(0o600)


def _add_file(staged: Staged, path: Path, label: str) -> None:
    digest = _digest(path)
    staged.files.append(
        {
            "path": str(path.relative_to(staged.folder)),
            "label": label,
            "key": source_key(label, digest),
            "sha256": digest,
        }
    )


def _add_manifest(staged: Staged, path: Path, label: str) -> None:
    staged.manifests.append(
        {"path": str(path.relative_to(staged.folder)), "label": label, "sha256": _digest(path)}
    )


def _ttl() -> int:
    return settings.IMPORT_UPLOAD_TTL_SECONDS


def load(token: str, *, user_id: int, claimed: bool = False) -> Staged:
    """The staged upload of ``token`` if it is this user's, unexpired and unaltered."""
    if not TOKEN.match(token or ""):
        raise StagingError("Mã lô tải lên không hợp lệ.")
    folder = _root() / (token + CLAIMED if claimed else token)
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise StagingError(
            "Lô tải lên này không còn (đã nhập, đã hủy hoặc đã hết hạn). Hãy tải tệp lên lại."
        ) from None
    if meta.get("user") != user_id:
        raise StagingError("Lô tải lên này thuộc về người dùng khác.")
    staged = Staged(
        token=token,
        folder=folder,
        user_id=user_id,
        created=meta["created"],
        files=meta["files"],
        manifests=meta["manifests"],
        notes=meta["notes"],
        rows=meta["rows"],
    )
    if time.time() - staged.created > _ttl():
        staged.discard()
        raise StagingError("Lô tải lên này đã hết hạn. Hãy tải tệp lên lại.")
    for item in [*staged.files, *staged.manifests]:
        path = folder / item["path"]
        try:
            intact = path.resolve().is_relative_to(folder.resolve()) and (
                _digest(path) == item["sha256"]
            )
        except OSError:
            intact = False
        if not intact:
            staged.discard()
            raise StagingError(
                "Các tệp của lô tải lên đã bị thay đổi trên máy chủ; lô bị hủy. "
                "Hãy tải tệp lên lại."
            )
    return staged


def claim(token: str, *, user_id: int) -> Staged:
    """Take the staged upload for importing, once: a second confirm finds it gone."""
    staged = load(token, user_id=user_id)
    claimed = staged.folder.with_name(token + CLAIMED)
    try:
        staged.folder.rename(claimed)
    except OSError:
        raise StagingError("Lô tải lên này đang được nhập hoặc đã nhập xong.") from None
    return load(token, user_id=user_id, claimed=True)


def sweep() -> None:
    """Remove staged uploads older than their lifetime (claimed ones a day after)."""
    root = _root()
    now = time.time()
    for folder in root.iterdir():
        try:
            age = now - folder.stat().st_mtime
        except OSError:
            continue
        limit = _ttl() + (86400 if folder.name.endswith(CLAIMED) else 0)
        if age > limit:
            shutil.rmtree(folder, ignore_errors=True)

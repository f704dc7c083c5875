"""The manifest of an import: a CSV that gives each scraped file the URL of its page."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

MAX_MANIFEST_BYTES = 20 * 1024 * 1024
MAX_URL_LENGTH = 1000


class ManifestError(ValueError):
    """The manifest cannot be used at all; nothing is imported."""


@dataclass
class Manifest:
    """URLs by resolved file path, and the rows that were set aside with the reason."""

    urls: dict[Path, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def url_for(self, path: Path) -> str | None:
        return self.urls.get(path.resolve())


def clean_url(value: str) -> str | None:
    """An absolute http(s) URL with a host, or None."""
    value = value.strip()
    if not value or len(value) > MAX_URL_LENGTH or any(ch.isspace() for ch in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return value


def read_manifest(path: Path) -> Manifest:
    """Read ``file,url`` rows (UTF-8, BOM allowed); relative paths are the manifest's folder's."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise ManifestError(f"Tệp manifest quá lớn (tối đa 20 MB): {path}")
        raw = path.read_bytes()
    except FileNotFoundError as error:
        raise ManifestError(f"Không tìm thấy tệp manifest: {path}") from error
    except IsADirectoryError as error:
        raise ManifestError(f"Manifest phải là một tệp CSV, không phải thư mục: {path}") from error
    except OSError as error:
        raise ManifestError(f"Không đọc được tệp manifest {path}: {error.strerror}") from error
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ManifestError(f"Tệp manifest phải mã hóa UTF-8: {path}") from error
    if "\x00" in content:
        raise ManifestError(f"Tệp manifest không phải văn bản CSV: {path}")
    reader = csv.reader(content.splitlines())
    header = [cell.strip().lower() for cell in next(reader, [])]
    if "file" not in header or "url" not in header:
        raise ManifestError(
            f"Dòng đầu của manifest phải là «file,url» (đang là «{','.join(header)[:80]}»)."
        )
    file_column, url_column = header.index("file"), header.index("url")
    base = path.resolve().parent
    manifest = Manifest()
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) <= max(file_column, url_column):
            manifest.problems.append(f"dòng {number}: thiếu cột")
            continue
        name, url = row[file_column].strip(), clean_url(row[url_column])
        if not name:
            manifest.problems.append(f"dòng {number}: thiếu tên tệp")
            continue
        if url is None:
            manifest.problems.append(
                f"dòng {number}: địa chỉ không hợp lệ «{row[url_column].strip()[:80]}» "
                "(cần http:// hoặc https://)"
            )
            continue
        target = (base / name).resolve()
        if target in manifest.urls and manifest.urls[target] != url:
            manifest.problems.append(f"dòng {number}: tệp {name} đã có địa chỉ khác ở trên")
            continue
        manifest.urls[target] = url
    return manifest

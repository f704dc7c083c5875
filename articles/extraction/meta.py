"""Small per-line readers: view counts, attachments; bylines live in bylines.py."""

from __future__ import annotations

import re

from .bylines import (
    BYLINE_PREFIX,
    is_photo_credit,
    is_site_signature,
    parse_byline,
    parse_dated_byline,
    parse_head_byline,
    parse_org_byline,
)
from .dates import parse_number

__all__ = [
    "BYLINE_PREFIX",
    "file_names",
    "is_photo_credit",
    "is_site_signature",
    "parse_attachment_line",
    "parse_byline",
    "parse_dated_byline",
    "parse_head_byline",
    "parse_org_byline",
    "parse_views",
]

_I = re.IGNORECASE
VIEW_LINE = re.compile(
    r"(?<!\w)(?:số\s+)?(?:lượt\s+(?:xem|đọc)|đã\s+xem|lần\s+đọc|số\s+lần\s+xem|lượt\s+view|"
    r"views?)\s*[:：]?\s*(\d[\d.,]*)",
    _I,
)
SITE_COUNTER = re.compile(
    r"(?<!\w)(?:tổng|hôm\s+nay|hôm\s+qua|đang\s+(?:truy\s+cập|online|xem)|online|trực\s+tuyến|"
    r"truy\s+cập|trong\s+(?:tuần|tháng|năm)|tuần\s+này|tháng\s+này|khách)(?!\w)",
    _I,
)
ATTACHMENT_LINE = re.compile(
    r"^(?:tài\s+liệu|file|tệp(?:\s+tin)?|tập\s+tin|văn\s+bản)?\s*đính\s+kèm\s*[:：]?\s*(.*)$", _I
)
FILE_NAME = re.compile(
    r"[^;|]+?\.(?:pdf|docx?|xlsx?|pptx?|jpe?g|png|gif|zip|rar|7z|txt|odt|ods)(?![\w])", _I
)


# "1.025 lượt xem" (number first): only as a line of its own.
VIEW_COUNT_FIRST = re.compile(
    r"^\W{0,3}(\d[\d.,]*)\s*(?:lượt\s+(?:xem|đọc)|lần\s+(?:xem|đọc)|views?)\s*$", _I
)


def parse_views(line: str) -> int | None:
    """The article's view count on this line, ignoring site-wide visitor counters."""
    match = VIEW_LINE.search(line) or VIEW_COUNT_FIRST.match(line)
    if not match or SITE_COUNTER.search(line):
        return None
    return parse_number(match.group(1).rstrip(".,"))


def parse_attachment_line(line: str) -> list[str] | None:
    """File names on a "Tài liệu đính kèm: ..." line ([] when they follow on next lines)."""
    match = ATTACHMENT_LINE.match(line)
    if not match:
        return None
    value = match.group(1).strip()
    if not value:
        return []
    names = [name.strip(" ,") for name in FILE_NAME.findall(value)]
    return names or [value]


def file_names(line: str) -> list[str]:
    """File names on a line that holds nothing but file names."""
    names = [name.strip(" ,") for name in FILE_NAME.findall(line)]
    rest = FILE_NAME.sub("", line).strip(" ,;|")
    return names if names and not rest else []

"""Small per-line readers: view counts, attachments, bylines."""

from __future__ import annotations

import re

from .dates import DateLine, parse_date_line, parse_number
from .lexicon import LETTER, LOWER, UPPER, words
from .model import Byline

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


# -- bylines ------------------------------------------------------------------------

BYLINE_PREFIX = re.compile(
    r"^(?:(?P<source>theo|nguồn)\s*[:：]?\s+|"
    r"(?:tin(?:\s*(?:,|và|&|-)\s*ảnh)?|bài(?:\s*(?:,|và|&|-)\s*ảnh)?|bài\s+viết|ảnh|"
    r"tác\s+giả|người\s+viết|nhóm\s+(?:pv|phóng\s+viên))\s*[:：]\s*)(?P<rest>.+)$",
    _I,
)
_NAME_WORD = re.compile(
    rf"^(?:[{UPPER}](?:['’][{UPPER}]|[{UPPER}](?=[{LOWER}]))?[{LOWER}]*|[{UPPER}]\.)$"
)
_INITIALS = re.compile(rf"^(?:[{UPPER}]\.){{1,4}}(?:\s*[{UPPER}][{LOWER}]+)?$")
_ABBREVIATED_AUTHORS = frozenset({"PV", "CTV", "BBT", "BTV", "NV", "TTXVN"})
_ORG_START = words(
    """Ban Báo Đài Cổng Trang Sở Phòng Hội Ủy Uỷ Tỉnh Huyện Đảng Mặt Liên Trường Bộ Cục Viện
    Tạp Tin Lịch Xem Hôm Tổng Tìm Trung Văn"""
)
_ORG_WORDS = re.compile(
    r"(?<!\w)(?:Ban|Báo|Đài|Trung tâm|Văn phòng|Cổng|Trang|Sở|Phòng|Hội|Ủy ban|UBND|"
    r"Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|Đảng ủy|MTTQ|Mặt trận|Công an|Đoàn|Liên đoàn|"
    r"Trường|Bộ|Cục|TTXVN|Tạp chí|Xã|Phường|Thị trấn|huyện|tỉnh|xã)(?!\w)"
)
_SPLIT_ORG = re.compile(r"\s*(?:,|\s-\s|\s–\s|\()\s*")
MAX_BYLINE = 120


def _title_case_caps(name: str) -> str:
    """ "NGUYỄN THANH HẢI" -> "Nguyễn Thanh Hải" (newspapers print bylines in capitals)."""
    words = name.split()
    if len(words) >= 2 and name.isupper() and name not in _ABBREVIATED_AUTHORS:
        return " ".join(word[:1] + word[1:].lower() for word in words)
    return name


def _name_shaped(name: str, *, prefixed: bool) -> bool:
    name = name.strip()
    if name in _ABBREVIATED_AUTHORS or _INITIALS.match(name):
        return True
    words = name.split()
    if not words or len(words) > 5 or len(name) > 40:
        return False
    if len(words) == 1 and not prefixed:
        return False
    if words[0] in _ORG_START and not (prefixed or words[0] in ("Trung", "Văn")):
        return False
    return all(_NAME_WORD.match(word) for word in words)


def parse_byline(line: str) -> Byline | None:
    """A byline ("Thu Hà", "Tin, ảnh: X", "Lê Dũng Toàn, Ban Dân vận ...", "Theo X")."""
    text = line.strip()
    if not text or len(text) > MAX_BYLINE:
        return None
    if text.endswith((".", ":", "?", "!", ";")) and not BYLINE_PREFIX.match(text):
        return None
    text = text.rstrip(".").strip()
    prefix = BYLINE_PREFIX.match(text)
    is_source = False
    if prefix:
        is_source = bool(prefix.group("source"))
        text = prefix.group("rest").strip()
        if is_source:
            if len(text) > 80 or not any(ch.isupper() for ch in text[:1]):
                return None
            return Byline(name=text, raw=line.strip(), is_source=True)
    parts = _SPLIT_ORG.split(text, maxsplit=1)
    name = _title_case_caps(parts[0].strip())
    organization = parts[1].strip(" )") if len(parts) > 1 else None
    if not _name_shaped(name, prefixed=bool(prefix)):
        return None
    if organization is not None and not _ORG_WORDS.search(organization):
        if not prefix:
            return None
        organization = None
    if any(ch.isdigit() for ch in name) or not any(ch in LETTER for ch in name.lower()):
        return None
    return Byline(name=name, organization=organization or None, raw=line.strip())


# "Minh Anh - 12/03/2023", "Thu Hà | 08:30 12/3/2023": an author line that carries the date.
_DATED_BYLINE = re.compile(r"^(?P<name>[^\d|]{2,60}?)\s*(?:[-–|,]\s*|\s)(?P<date>\(?\d.*)$")


def parse_dated_byline(line: str) -> tuple[Byline, DateLine] | None:
    """(byline, date) of a short "Name - date" line, or None."""
    if len(line) > 90 or not line[:1].isupper():
        return None
    match = _DATED_BYLINE.match(line)
    if not match:
        return None
    date_line = parse_date_line(match.group("date").strip("() "))
    if date_line is None or date_line.trailing_number is not None:
        return None
    byline = parse_byline(match.group("name"))
    if byline is None or byline.is_source:
        return None
    byline.raw = line.strip()
    return byline, date_line


# An organization signing the article: "Ban Tuyên giáo - Đối ngoại", "Văn phòng HĐND và UBND".
_ORG_BYLINE = re.compile(
    r"^(?:Ban|Văn phòng|Phòng|Trung tâm|Đài|Báo|Ủy ban|Uỷ ban|UBND|Nhóm phóng viên|Tổ biên tập|"
    r"Huyện ủy|Huyện uỷ|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Đảng ủy|Hội(?= [A-ZĐ]))(?= )"
)
_NOT_ORG_BYLINE = re.compile(
    r"(?<!\w)(?:hội nghị|tổ chức|đã|đang|sẽ|được|là|có|của|trao|tặng|phát biểu|chủ trì|dự)(?!\w)",
    _I,
)


def parse_org_byline(line: str) -> Byline | None:
    """A department or newsroom signing the article at its end, or None."""
    text = line.strip()
    if (
        len(text) > 70
        or text.endswith((".", ":", "?", "!", ";", ","))
        or not _ORG_BYLINE.match(text)
    ):
        return None
    if any(ch.isdigit() for ch in text) or len(text.split()) > 10 or _NOT_ORG_BYLINE.search(text):
        return None
    return Byline(name=text, organization=text, raw=text)

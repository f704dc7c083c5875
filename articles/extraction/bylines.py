"""Bylines: who wrote the article ("Thu Hà – Minh Đức", "Tin, ảnh: H.L", "Theo Báo X").

Decisions (README of issue 10, "Bylines"):
- several authors are split on ",", ";", "&", a spaced dash and an en/em dash; all-caps
  names are title-cased; initials ("H.L", "T.H.", "N.V.A") and the newsroom's anonymous
  signatures ("PV", "CTV", "Nhóm PV") are kept as written: they name the paper's reporter;
- a photo credit ("Ảnh: X", "…; ảnh: X") credits the photographer, never the author;
- "Ban Biên tập …", "BBT", "Tòa soạn" sign for the site itself: a footer, not an author;
- a name followed by a title ("Trần Văn Nam - Chủ tịch UBND xã") is a caption or a
  signature, not a byline.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .dates import DateLine, parse_date_line
from .lexicon import LOWER, SURNAMES, UPPER, words
from .model import Byline
from .people import TITLE_HEAD

_I = re.IGNORECASE

# "Tin, ảnh:", "Bài và ảnh:", "Tin - ảnh:": the author also took the photos.
_WITH_PHOTOS = r"(?:\s*(?:,|và|&|-|–|\+|/)\s*ảnh)?"
BYLINE_PREFIX = re.compile(
    r"^(?:(?P<source>theo|nguồn)\s*[:：]?\s+|"
    rf"(?:(?:tin|bài|bài\s+viết|ghi\s+chép|phóng\s+sự|thực\s+hiện){_WITH_PHOTOS}|"
    r"tác\s+giả|người\s+viết|nhóm\s+(?:pv|phóng\s+viên))\s*[:：]\s*)(?P<rest>.+)$",
    _I,
)
# A photo (or video) credit: alone on its line, or after the author on the same line.
_CREDIT_LINE = re.compile(r"^\(?\s*(?:ảnh|hình|video|clip|đồ\s+họa|đồ\s+hoạ)\s*[:：]", _I)
_CREDIT_TAIL = re.compile(
    r"(?:\s*[;,|–-]\s*|\s*\(\s*|\s+)(?:ảnh|hình|video|clip|đồ\s+họa|đồ\s+hoạ)\s*[:：].*$", _I
)
_NAME_WORD = re.compile(
    rf"^(?:[{UPPER}](?:['’][{UPPER}]|[{UPPER}](?=[{LOWER}]))?[{LOWER}]*|[{UPPER}]\.)$"
)
# "H.L", "T.H.", "N.V.A", "T. H.", and "T.Hà", "N. Minh".
_INITIALS = re.compile(
    rf"^(?:[{UPPER}](?:\.\s?[{UPPER}]){{1,3}}\.?|(?:[{UPPER}]\.\s?){{1,3}}[{UPPER}][{LOWER}]+)$"
)
# The newsroom's anonymous signatures: the paper's reporter or contributor, kept as written.
_ABBREVIATED_AUTHORS = frozenset({"PV", "CTV", "BTV", "NV", "TTXVN", "PV-CTV", "PV - CTV"})
_GROUP_AUTHOR = re.compile(r"^nhóm\s+(?:pv|ctv|phóng\s+viên|tác\s+giả|phóng\s+viên\s+\w+)$", _I)
# The site signing for itself (a footer line), never an author.
_SITE_SIGNATURE = re.compile(
    r"^(?:ban\s+biên\s+tập|bbt|tòa\s+soạn|toà\s+soạn|tổ\s+biên\s+tập|ban\s+quản\s+trị)"
    r"(?:\s+(?:cổng|trang|website|báo|tạp\s+chí|bản\s+tin|đài)(?:\s[^.!?;:]*)?)?\s*\.?$",
    _I,
)
_ORG_START = words(
    """Ban Báo Đài Cổng Trang Sở Phòng Hội Ủy Uỷ Tỉnh Huyện Đảng Mặt Liên Trường Bộ Cục Viện
    Tạp Tin Lịch Xem Hôm Tổng Tìm Trung Văn Nhóm"""
)
_ORG_WORDS = re.compile(
    r"(?<!\w)(?:Ban|Báo|Đài|Trung tâm|Văn phòng|Cổng|Trang|Sở|Phòng|Hội|Ủy ban|Uỷ ban|UBND|"
    r"Tỉnh ủy|Huyện ủy|Thành ủy|Thị ủy|Đảng ủy|MTTQ|Mặt trận|Công an|Đoàn|Liên đoàn|"
    r"Trường|Bộ|Cục|TTXVN|Tạp chí|Xã|Phường|Thị trấn|huyện|tỉnh|xã|phường)(?!\w)"
)
# A person addressed or a place, never a byline: "Ông Nguyễn Văn Tư", "Ấp Mỹ Phú".
_NOT_FIRST = words("Ông Bà Cụ Chị Em Thầy Cô Ấp Thôn Xóm Bản Buôn Làng Khóm Khu Tổ Số")
# Section labels printed like names ("THỜI SỰ - CHÍNH TRỊ" under a headline).
_SECTIONS = frozenset(
    label.casefold()
    for label in (
        "Thời Sự", "Chính Trị", "Kinh Tế", "Xã Hội", "Văn Hóa", "Văn Hoá", "Thể Thao",
        "Quốc Phòng", "An Ninh", "Pháp Luật", "Giáo Dục", "Y Tế", "Du Lịch", "Đời Sống",
        "Sự Kiện", "Tin Tức", "Nông Nghiệp", "Nông Thôn", "Môi Trường", "Khoa Học",
        "Công Nghệ", "Dân Vận", "Quốc Tế", "Bạn Đọc", "Phóng Sự", "Góc Nhìn", "Chuyên Đề",
        "Tiêu Điểm", "Nổi Bật", "Xây Dựng Đảng", "Dân Vận Khéo", "Mặt Trận", "Đoàn Thể",
    )
)  # fmt: skip
# Notes after a name that do not make it something else: "Minh Anh (tổng hợp)".
_NOTE = re.compile(r"^(?:tổng\s+hợp|tổng\s+hợp\s+từ\s+.+|lược\s+dịch|dịch|biên\s+dịch|ghi)$", _I)
_PARTS = re.compile(r"\s*[,;&]\s*|\s+[-–—]\s+|\s*[–—]\s*")
_AND = re.compile(r"\s+và\s+")
_PARENTHESIS = re.compile(r"\s*\(([^()]*)\)\s*$")
MAX_BYLINE = 120


def _title_case_caps(name: str) -> str:
    """ "NGUYỄN THANH HẢI" -> "Nguyễn Thanh Hải" (newspapers print bylines in capitals)."""
    parts = name.split()
    if (
        name.isupper()
        and name not in _ABBREVIATED_AUTHORS
        and not _INITIALS.match(name)
        and any(len(part) > 1 and "." not in part for part in parts)
    ):
        return " ".join(part[:1] + part[1:].lower() for part in parts)
    return name


def _is_anonymous(name: str) -> bool:
    return name in _ABBREVIATED_AUTHORS or bool(_GROUP_AUTHOR.match(name))


def _name_shaped(name: str, *, prefixed: bool, first: bool = True) -> bool:
    if _is_anonymous(name) or _INITIALS.match(name):
        return True
    parts = name.split()
    if not parts or len(parts) > 5 or len(name) > 40:
        return False
    if len(parts) == 1 and not prefixed:
        return False
    if not all(part[:1].isupper() for part in parts):
        return False  # the cheap test first: most lines tried are sentences or captions
    if TITLE_HEAD.match(name) or name.casefold() in _SECTIONS:
        return False  # "Chủ Tịch Ubnd Xã" (a title printed in capitals), "Chính Trị"
    if parts[0] in _NOT_FIRST or (len(parts) > 1 and f"{parts[0]} {parts[1]}" == "Đồng Chí"):
        return False
    if parts[0] in _ORG_START and not ((prefixed and first) or parts[0] in ("Trung", "Văn")):
        return False
    if any(ch.isdigit() for ch in name):
        return False
    return all(_NAME_WORD.match(part) for part in parts)


def is_photo_credit(line: str) -> bool:
    """True for a photo credit line ("Ảnh: CTV Hải Yến", "(Ảnh: Internet)")."""
    return bool(_CREDIT_LINE.match(line.strip()))


def is_site_signature(line: str) -> bool:
    """True for the site signing for itself ("Ban Biên tập Cổng thông tin điện tử xã X")."""
    text = line.strip()
    return len(text) <= MAX_BYLINE and bool(_SITE_SIGNATURE.match(text))


def _split_names(text: str) -> list[tuple[int, str]]:
    """(offset, part) of the comma/dash-separated parts of a byline."""
    parts: list[tuple[int, str]] = []
    start = 0
    for match in _PARTS.finditer(text):
        if match.start() > start:
            parts.append((start, text[start : match.start()]))
        start = match.end()
    if start < len(text):
        parts.append((start, text[start:]))
    return parts


def _authors(text: str, *, prefixed: bool) -> tuple[list[str], str | None] | None:
    """(names, organization) of a byline's text, or None when it is not a byline."""
    names: list[str] = []
    for offset, raw in _split_names(text):
        part = _title_case_caps(raw.strip())
        if not part:
            continue
        if _name_shaped(part, prefixed=prefixed or bool(names), first=not names):
            names.append(part)
            continue
        pieces = [_title_case_caps(p) for p in _AND.split(part)]
        if len(pieces) > 1 and all(_name_shaped(p, prefixed=prefixed, first=True) for p in pieces):
            names.extend(pieces)  # "Lan Anh và Hoàng Nam"
            continue
        if not names or TITLE_HEAD.match(part):
            return None  # "Trần Văn Nam - Chủ tịch UBND xã": a caption or a signature
        if _ORG_WORDS.search(part) or part.isupper():
            return names, text[offset:].strip(" )") or None  # "…, Ban Dân vận Tỉnh ủy"
        return (names, None) if prefixed else None
    return (names, None) if names else None


def parse_byline(line: str) -> Byline | None:
    """A byline ("Thu Hà", "Tin, ảnh: X", "Lê Dũng Toàn, Ban Dân vận ...", "Theo X")."""
    raw = line.strip()
    text = raw
    if not text or len(text) > MAX_BYLINE or is_photo_credit(text) or is_site_signature(text):
        return None
    prefix = BYLINE_PREFIX.match(text)
    if text.endswith((".", ":", "?", "!", ";")) and not prefix and not _INITIALS.match(text):
        return None
    if prefix:
        text = prefix.group("rest").strip()
        if prefix.group("source"):
            text = text.rstrip(".").strip()
            if len(text) > 80 or not text[:1].isupper():
                return None
            return Byline(name=text, raw=raw, is_source=True, names=[text])
    if ":" in text or "：" in text:
        text = _CREDIT_TAIL.sub("", text).strip()
    if not _INITIALS.match(text):
        text = text.rstrip(".").strip()
    organization: str | None = None
    if (paren := _PARENTHESIS.search(text)) is not None:
        inside = paren.group(1).strip()
        if _ORG_WORDS.search(inside):
            organization = inside  # "Thu Hà (Báo Đắk Lắk)"
        elif not (_NOTE.match(inside) or _is_anonymous(inside) or inside[:1].isupper()):
            return None
        text = text[: paren.start()].strip()
    if not text or not any(ch.isalpha() for ch in text):
        return None
    found = _authors(text, prefixed=bool(prefix))
    if found is None:
        return None
    names, trailing_org = found
    return Byline.of(names, organization=trailing_org or organization, raw=raw)


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
    r"^(?:Ban|Văn phòng|Phòng|Trung tâm|Đài|Báo|Ủy ban|Uỷ ban|UBND|Nhóm phóng viên|"
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
        or is_site_signature(text)
    ):
        return None
    if any(ch.isdigit() for ch in text) or len(text.split()) > 10 or _NOT_ORG_BYLINE.search(text):
        return None
    return Byline(name=text, organization=text, raw=text, names=[text])


def parse_head_byline(line: str) -> Byline | None:
    """A byline between the headline and the lead, or None.

    A labelled one ("Bài, ảnh: X") always counts; an unlabelled one only when it cannot be a
    section label: several authors ("MINH ANH - QUỐC BẢO") or a full name ("NGUYỄN THANH HẢI").
    """
    byline = parse_byline(line)
    if byline is None or byline.is_source or BYLINE_PREFIX.match(line.strip()):
        return byline
    names = byline.names
    if len(names) >= 2 or (len(names[0].split()) >= 3 and names[0].split()[0] in SURNAMES):
        return byline
    return None


def without_places(byline: Byline | None, is_place: Callable[[str], object]) -> Byline | None:
    """The byline without the places signed after its authors ("Thu Hà - Hà Tĩnh").

    Only a name after the first can be a place: a lone name stays the author.
    """
    if byline is None or byline.is_source or len(byline.names) < 2:
        return byline
    names = byline.names[:1] + [name for name in byline.names[1:] if not is_place(name)]
    if len(names) == len(byline.names):
        return byline
    return Byline.of(names, organization=byline.organization, raw=byline.raw)

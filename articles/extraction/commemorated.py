"""Historical and commemorated people: named in a report, never its officials.

A report on a commune's Party congress quotes "Chủ tịch Hồ Chí Minh", studies the thought of
"Bác Hồ", marks "kỷ niệm 120 năm ngày sinh đồng chí Nguyễn Văn Linh" or shows an archive
photo of "Đại tướng Võ Nguyên Giáp". None of them is an official of the report. Two kinds of
evidence tell: the words that govern the name (an anniversary, a testament, "cố", "liệt sĩ",
"sinh thời", a lifespan in parentheses) and a short list of leaders of the revolution, whose
names living officials may share: such a name is an official only when the report gives it a
present-day local title ("đồng chí Lê Hồng Phong, Bí thư Đảng ủy xã"), not a bare rank of
history ("Đại tướng", "Tổng Bí thư", "Chủ tịch").
"""

from __future__ import annotations

import re

from .fastre import gated
from .gazetteer import cached_match_key

# Leaders of the revolution and heroes whose names the reports commemorate.
HISTORICAL_LEADERS = frozenset(
    cached_match_key(name)
    for name in (
        "Hồ Chí Minh",
        "Võ Nguyên Giáp",
        "Tôn Đức Thắng",
        "Lê Duẩn",
        "Trường Chinh",
        "Phạm Văn Đồng",
        "Nguyễn Văn Linh",
        "Lê Hồng Phong",
        "Trần Phú",
        "Nguyễn Thị Minh Khai",
        "Võ Thị Sáu",
        "Lý Tự Trọng",
        "Nguyễn Chí Thanh",
        "Hà Huy Tập",
        "Nguyễn Văn Cừ",
        "Lê Đức Thọ",
        "Hoàng Văn Thụ",
        "Nguyễn Lương Bằng",
        "Phạm Hùng",
        "Võ Văn Kiệt",
        "Đỗ Mười",
        "Huỳnh Tấn Phát",
        "Nguyễn Thị Định",
        "Kim Đồng",
        "Võ Chí Công",
        "Lê Văn Lương",
        "Nguyễn Đức Cảnh",
        "Ngô Gia Tự",
        "Phan Đình Giót",
        "Tô Vĩnh Diện",
        "Bế Văn Đàn",
        "Nguyễn Viết Xuân",
        "Cù Chính Lan",
        "La Văn Cầu",
        "Hoàng Quốc Việt",
        "Tố Hữu",
        "Nguyễn Hữu Thọ",
        "Lê Trọng Tấn",
        "Văn Tiến Dũng",
        "Hoàng Văn Thái",
        "Song Hào",
    )
)

_GOVERNING = (
    r"ngày\s+(?:sinh|mất|hy\s+sinh|hi\s+sinh|giỗ|từ\s+trần|qua\s+đời)(?:\s+của)?"
    r"|di\s+chúc(?:\s+của)?|sinh\s+thời,?|(?<!\w)cố|liệt\s+sĩ|anh\s+hùng(?:\s+liệt\s+sĩ)?"
    r"|tưởng\s+(?:nhớ|niệm)(?:\s+(?:tới|đến))?|tri\s+ân|lãnh\s+tụ|tiền\s+bối"
    r"|nhà\s+cách\s+mạng(?:\s+tiền\s+bối)?|người\s+chiến\s+sĩ\s+cộng\s+sản"
    r"|(?:tư\s+tưởng|đạo\s+đức|phong\s+cách|tấm\s+gương|lời\s+dạy|lời\s+căn\s+dặn)"
    r"(?:\s*,?\s*(?:đạo\s+đức|phong\s+cách)){0,2}(?:\s+(?:của|về))?"
    r"|(?:tượng\s+đài|đền\s+thờ|khu\s+di\s+tích|nhà\s+lưu\s+niệm|lăng|mộ|phần\s+mộ)(?:\s+của)?"
)
# The governing words, then an optional honorific, right before the name or its title.
_GOVERNED = gated(
    rf"(?:{_GOVERNING})\s*(?:(?:đồng\s+chí|đ/c|Bác)\s*)?$",
    re.IGNORECASE,
)
# "đồng chí Nguyễn Văn Linh (1915 - 1998)", "(1/7/1915 – 1/7/2025)": a lifespan or a birth.
_LIFESPAN_AFTER = re.compile(r"\s*\(\s*(?:\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*)?1\d{3}\s*[-–]")
# Former or late: "nguyên Tổng Bí thư", "cố Thủ tướng".
_FORMER_TITLE = re.compile(r"(?:nguyên|cố)\s", re.IGNORECASE)
# An archive photo: "Ảnh tư liệu: ...", "... (Ảnh: TL)", "... - Ảnh: Tư liệu".
_ARCHIVE_CAPTION = re.compile(
    r"^\W*ảnh\s*(?::\s*)?(?:tư\s+liệu|TL)(?!\w)"
    r"|(?:^|[-–.(]|\s)\s*\(?ảnh\s*(?::\s*)?(?:tư\s+liệu|TL)\W*$"
    r"|\(\s*(?:ảnh\s*)?(?:tư\s+liệu|TL)\s*\)",
    re.IGNORECASE,
)


# A title of a present local body: a living namesake of a leader, not the leader.
_LOCAL_BODY = re.compile(
    r"(?<!\w)(?:xã|phường|thị\s+trấn|huyện|quận|tỉnh|thành\s+phố|thị\s+xã|đặc\s+khu|thôn|bản"
    r"|ấp|xóm|buôn|khóm|tổ\s+dân\s+phố|khu\s+phố|đảng\s+ủy|đảng\s+uỷ|chi\s+bộ|ubnd|hđnd"
    r"|ubmttq|mttq|công\s+an|quân\s+sự|đồn|sở|phòng|tuv|huv|đu|hu|tu|tỉnh\s+ủy|huyện\s+ủy)(?!\w)",
    re.IGNORECASE,
)


def is_present_local_title(title: str | None) -> bool:
    """Whether a title names a present local office ("Bí thư Đảng ủy xã"), not a former one or
    a rank of history ("Đại tướng", "nguyên Tổng Bí thư", "Bí thư Xứ ủy Nam Kỳ")."""
    if not title or is_former_title(title):
        return False
    return _LOCAL_BODY.search(title) is not None


def is_archive_caption(text: str) -> bool:
    """Whether a caption or paragraph describes an archive photo ("Ảnh tư liệu", "Ảnh: TL")."""
    if len(text) > 600 or ("TL" not in text and "liệu" not in text and "LIỆU" not in text):
        return False
    return _ARCHIVE_CAPTION.search(text) is not None


def is_historical_leader(name: str) -> bool:
    """Whether the name is one of the commemorated leaders (a living namesake may exist)."""
    return cached_match_key(name) in HISTORICAL_LEADERS


def is_commemorated(text: str, start: int, end: int, title_start: int | None) -> bool:
    """Whether the name at text[start:end] is governed by commemorative words: an
    anniversary ("kỷ niệm 135 năm ngày sinh [Chủ tịch] ..."), a testament, "cố", "liệt sĩ",
    "sinh thời", or followed by a lifespan in parentheses."""
    lead_end = title_start if title_start is not None and title_start < start else start
    lead = text[max(0, lead_end - 80) : lead_end]
    if _GOVERNED.search(lead):
        return True
    return _LIFESPAN_AFTER.match(text, end) is not None


def is_former_title(title: str | None) -> bool:
    """Whether the title is a former or late one ("nguyên Tổng Bí thư", "cố Thủ tướng")."""
    return bool(title) and _FORMER_TITLE.match(title) is not None

"""Shared word lists and regex fragments for Vietnamese names, titles and abbreviations."""

import re


def words(text: str) -> frozenset[str]:
    """The whitespace-separated words of a text, as a set."""
    return frozenset(text.split())


LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
UPPER = "A-ZÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬĐÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
LETTER = LOWER + UPPER

# One capitalized syllable ("Nguyễn", "Y", "H'Hen", "KBang", "M'Đrắk"); never an all-caps
# abbreviation such as "UBND".
SYLLABLE = (
    rf"(?<![{LETTER}'’])[{UPPER}](?:['’][{UPPER}]|[{UPPER}](?=[{LOWER}]{{2}}))?[{LOWER}]*"
    rf"(?![{LETTER}])"
)
# The first syllable's capital comes before its look-behind (the same test, one letter on):
# a pattern that opens with a character class is scanned for it at C speed.
_FIRST_SYLLABLE = SYLLABLE.replace(
    rf"(?<![{LETTER}'’])[{UPPER}]", rf"[{UPPER}](?<![{LETTER}'’].)", 1
)
CAPITALIZED_RUN = re.compile(rf"{_FIRST_SYLLABLE}(?: {SYLLABLE})*")
WORD = re.compile(rf"[{LETTER}0-9'’]+")

# About a hundred common Vietnamese surnames, with ethnic-minority name heads.
SURNAMES = words(
    """Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Lí Tô Trương Đinh
    Lâm Mai Trịnh Đoàn Cao Hà Lương Lưu Thái Tạ Quách Châu Kiều Chu Văn La Y Ksor Rơ Nay Đào
    Đàm Vương Thân Tăng Triệu Từ Vi Phùng Khổng Khúc Lò Lộc Mạc Nông Ông Quan Sầm Thạch Tống
    Trình Doãn Giáp Hầu Hứa Kim Lã Lạc Lục Mã Mẫn Nghiêm Ninh Phí Bế Cù Chế Diệp Giang Hàn
    Hoa Khương Lăng Lầu Lỗ Mông Nhữ Tôn Thiều Tiêu Trà Ưng Vòng Xa Âu Bạch Biện Cấn Danh
    Điểu Kha Siu Rah Nie Niê Liêng Sùng Thào Vàng Hoàng Lường Quàng Cầm Đèo Ma Dư Khuất Ôn
    Lành Hà Tòng Viên Đồng Lại Trịnh Nông Lô Bàn Triệu Hờ Giàng Mùa Kpă Lù Sần Tẩn Chảo Thò
    Phàn Hảng Sình Vừ"""
)

# Words that start a title or an organization and therefore never start or continue a name.
NON_NAME_WORDS = words(
    """Phó Trưởng Bí Chủ Ủy Uỷ Tỉnh Huyện Thành Thị Xã Quận Phường Hội Đảng Bộ Ban Sở Phòng Vụ
    Cục Thường Mặt Nhân Việt Quốc Tổ Giám Chánh Thứ Tổng Thủ Đại Thượng Thiếu Lãnh Các Những
    Sáng Chiều Tối Trưa Ngày Tháng Năm Quân Lực Trường Đồng Chí Dự Tham Về Theo Tại Trong
    Sau Với Cùng Đồn Liên Công Nghị Quyết Kết Luận Chỉ Chương Kế Hướng Thông Tin Bài Ảnh Đài
    Báo Cổng Trang Trung Khối Đoàn Hợp Tiếp Phát Tuyên Dân Vận Bác Hồ Ông Bà"""
) - {"Đoàn", "Hồ", "Ông", "Đồng"}

# Words after which a capitalized run is cut: the run goes on into a title.
NAME_STOP_WORDS = words(
    """Phó Trưởng Bí Chủ Ủy Uỷ Tỉnh Huyện Giám Chánh Thường Ban Hội Đảng Bộ Sở Phòng Vụ Cục Thứ
    Tổng Thủ UBND HĐND Đại Ủy"""
)

# Full capitalized phrases that look like names but are not people.
NOT_PEOPLE = frozenset(
    s.casefold()
    for s in (
        "Hồ Chí Minh",
        "Việt Nam",
        "Trung Quốc",
        "Bác Hồ",
        "Quốc Hội",
        "Nhân Dân",
        "Tổ Quốc",
        "Dân Vận Khéo",
        "Hà Nội",
        "Thủ Đô",
        "Đông Nam Á",
        "Liên Hợp Quốc",
        "Cộng Sản",
    )
)

# Abbreviations -> expansions, longest first when compiled.
ABBREVIATIONS = {
    "UBMTTQVN": "Ủy ban Mặt trận Tổ quốc Việt Nam",
    "UBMTTQ": "Ủy ban Mặt trận Tổ quốc",
    "MTTQVN": "Mặt trận Tổ quốc Việt Nam",
    "MTTQ": "Mặt trận Tổ quốc",
    "UBND": "Ủy ban nhân dân",
    "HĐND": "Hội đồng nhân dân",
    "UVBTV": "Ủy viên Ban Thường vụ",
    "UVTW": "Ủy viên Trung ương Đảng",
    "UVTƯ": "Ủy viên Trung ương Đảng",
    "TUV": "Tỉnh ủy viên",
    "HUV": "Huyện ủy viên",
    "PBT": "Phó Bí thư",
    "PCT": "Phó Chủ tịch",
    "CT": "Chủ tịch",
    "TT": "Thường trực",
    "BCH": "Ban Chấp hành",
    "BTV": "Ban Thường vụ",
    "BCĐ": "Ban Chỉ đạo",
    "BDV": "Ban Dân vận",
    "BTG": "Ban Tuyên giáo",
    "UBKT": "Ủy ban Kiểm tra",
    "ĐBQH": "Đại biểu Quốc hội",
    "LLVT": "Lực lượng vũ trang",
    "LHPN": "Liên hiệp Phụ nữ",
    "CCB": "Cựu chiến binh",
    "TW": "Trung ương",
    "TƯ": "Trung ương",
    "QCDC": "Quy chế dân chủ",
}


def whole_word_alternation(keys) -> re.Pattern:
    """A regex of any of ``keys`` as a whole word, longest first ("UBMTTQ" before "UB")."""
    alternatives = sorted((re.escape(k) for k in keys), key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(alternatives) + r")(?![\w])")


_ABBREVIATION_RE = whole_word_alternation(ABBREVIATIONS)
# "UBMTTQ Việt Nam" must not become "... Việt Nam Việt Nam".
_DOUBLE_VN = re.compile(r"Việt Nam Việt Nam")

# Abbreviations read in titles only ("Bí thư ĐU", "UV. BCH", "Trưởng CA xã"): in running text
# some of these letters mean other things, so organizations do not expand them.
TITLE_ABBREVIATIONS = {
    "UVBCH": "Ủy viên Ban Chấp hành",
    "UVTV": "Ủy viên Thường vụ",
    "UV": "Ủy viên",
    "BT": "Bí thư",
    "ĐUQS": "Đảng ủy Quân sự",
    "ĐUK": "Đảng ủy Khối",
    "ĐU": "Đảng ủy",
    "TU": "Tỉnh ủy",
    "HU": "Huyện ủy",
    "BTGDV": "Ban Tuyên giáo và Dân vận",
    "BTGVDV": "Ban Tuyên giáo và Dân vận",
    "HLHPN": "Hội Liên hiệp Phụ nữ",
    "HND": "Hội Nông dân",
    "HCCB": "Hội Cựu chiến binh",
    "ĐTN": "Đoàn Thanh niên",
    "BCHQS": "Ban Chỉ huy Quân sự",
    "BĐBP": "Bộ đội Biên phòng",
    "BCHBĐBP": "Bộ Chỉ huy Bộ đội Biên phòng",
    "PGĐ": "Phó Giám đốc",
    "GĐ": "Giám đốc",
    "CA": "Công an",
    "TP": "thành phố",
    "TX": "thị xã",
}
_TITLE_ABBREVIATION_RE = whole_word_alternation(TITLE_ABBREVIATIONS)
# "TP. Vinh", "H. Nghĩa Hành", "P. Chủ tịch": an abbreviated level (or "Phó") with its dot.
_DOTTED_PREFIX_RE = re.compile(
    rf"(?<![\w.])(TP|Tp|TX|TT|H|P|Q|X)\.\s*(?=[{UPPER}][{LOWER}])"
    r"(?!(?:Huyện|Tỉnh|Thành|Thị|Quận|Đảng|Hội|Ủy|Uỷ|Mặt|Ban)(?!\w))"
)
_DOTTED_PREFIXES = {
    "TP": "thành phố ",
    "Tp": "thành phố ",
    "TX": "thị xã ",
    "TT": "thị trấn ",
    "H": "huyện ",
    "P": "phường ",
    "Q": "quận ",
    "X": "xã ",
}
_PHO_AFTER_P = re.compile(r"(?:Chủ|Bí|Giám|Trưởng|Chánh|Tổng|Chỉ)(?!\w)")
# "TUV.", "UV. BCH": the dot of an abbreviation inside a title is no sentence end.
_ABBREVIATION_DOT_RE = re.compile(
    rf"(?<![\w.])([{UPPER}]{{2,7}})\."
    rf"(?=\s*(?:,|;|$|[{UPPER}]{{2}}|(?:Phó|Bí|Chủ|Trưởng|Ủy|Uỷ|Thường|Giám|Tỉnh|Huyện)\s))"
)


def _dotted_prefix(match: re.Match) -> str:
    letter = match.group(1)
    if letter == "P" and _PHO_AFTER_P.match(match.string, match.end()):
        return "Phó "
    return _DOTTED_PREFIXES[letter]


def expand_title_abbreviations(text: str) -> str:
    """Spell out a title's abbreviations, dotted or not: "UV. BCH Đảng bộ xã, Bí thư ĐU" ->
    "Ủy viên Ban Chấp hành Đảng bộ xã, Bí thư Đảng ủy"; "Chủ tịch UBND TP. Vinh" ->
    "Chủ tịch Ủy ban nhân dân thành phố Vinh"."""
    if "." in text:
        text = _DOTTED_PREFIX_RE.sub(_dotted_prefix, text)
        text = _ABBREVIATION_DOT_RE.sub(r"\1", text)
    text = _TITLE_ABBREVIATION_RE.sub(lambda m: TITLE_ABBREVIATIONS[m.group(1)], text)
    return expand_abbreviations(text)


# Canonical capitalization of title and body words: "phó bí thư" -> "Phó Bí thư".
CANONICAL_PHRASES = (
    "Phó Bí thư",
    "Bí thư",
    "Phó Chủ tịch",
    "Chủ tịch",
    "Ủy viên",
    "Phó Trưởng Ban",
    "Trưởng Ban",
    "Thường trực",
    "Tỉnh ủy",
    "Huyện ủy",
    "Thành ủy",
    "Thị ủy",
    "Quận ủy",
    "Đảng ủy",
    "Ban Thường vụ",
    "Ban Dân vận",
    "Ban Chấp hành",
    "Ban Chỉ đạo",
    "Ban Bí thư",
    "Bộ Chính trị",
    "Trung ương Đảng",
    "Giám đốc",
    "Phó Giám đốc",
    "Vụ trưởng",
    "Vụ phó",
)
_CANONICAL_RE = re.compile(
    r"(?<![\w])("
    + "|".join(re.escape(p) for p in sorted(CANONICAL_PHRASES, key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)
_CANONICAL_BY_KEY = {p.casefold(): p for p in CANONICAL_PHRASES}


def expand_abbreviations(text: str) -> str:
    """Spell out the usual abbreviations: "UBND tỉnh" -> "Ủy ban nhân dân tỉnh"."""
    expanded = _ABBREVIATION_RE.sub(lambda m: ABBREVIATIONS[m.group(1)], text)
    return _DOUBLE_VN.sub("Việt Nam", expanded)


def canonical_case(text: str) -> str:
    """Give known title phrases their canonical capitalization."""
    return _CANONICAL_RE.sub(lambda m: _CANONICAL_BY_KEY[m.group(1).casefold()], text)


def _build_fold_table() -> dict[int, str]:
    from articles.text import fold

    letters = LOWER[3:] + UPPER[3:]  # skip the "a-z"/"A-Z" range syntax
    return {ord(ch): fold(ch).lower() for ch in letters if len(fold(ch)) == 1}


_FOLD_TABLE = _build_fold_table()


def fast_fold(text: str) -> str:
    """Lower-case, diacritic-free copy of NFC text with the same length (for index lookups)."""
    return text.translate(_FOLD_TABLE).lower()


def fast_fold_key(text: str) -> str:
    """fold_key for NFC text, via a translation table: "Hà  Tĩnh" -> "ha tinh"."""
    return " ".join(text.translate(_FOLD_TABLE).lower().split())

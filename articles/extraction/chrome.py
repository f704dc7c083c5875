"""Site chrome: the vocabularies and shapes of menus, widgets, counters and footers."""

from __future__ import annotations

import re

from .headlines import headline_shaped

_I = re.IGNORECASE

# -- vocabularies of site chrome (matched on fold_key: no accents, lower case) ------------

SKIP_LINKS = (
    "truy cap noi dung luon",
    "bo qua noi dung",
    "chuyen den noi dung",
    "chuyen toi noi dung",
    "di den noi dung",
    "di toi noi dung",
    "skip to content",
    "skip to main",
    "bo qua dieu huong",
    "menu",
    "danh muc",
    "dang nhap",
    "dang ky",
    "english",
    "tieng viet",
    "so do trang",
    "so do site",
    "rss",
    "hoi dap",
    "lien he",
    "gioi thieu",
    "trang chu",
    "sign in",
    "log in",
    "login",
)
END_PREFIXES = (
    "tin lien quan",
    "tin bai lien quan",
    "bai viet lien quan",
    "bai lien quan",
    "cac tin khac",
    "cac bai khac",
    "tin khac",
    "bai khac",
    "tin cung chuyen muc",
    "cac tin cung chuyen muc",
    "cac tin da dua",
    "tin da dua",
    "cac bai da dang",
    "xem nhieu nhat",
    "doc nhieu nhat",
    "tin doc nhieu",
    "tin xem nhieu",
    "bai doc nhieu",
    "duoc quan tam nhieu",
    "gui cho ban be",
    "gui ban be",
    "in bai viet",
    "in trang",
    "ban in",
    "chia se",
    "y kien ban doc",
    "binh luan",
    "gui y kien",
    "gui binh luan",
    "website lien ket",
    "lien ket website",
    "thong ke truy cap",
    "tin nong",
    "tin tieu diem",
    "tin moi",
    "tro ve",
    "quay lai",
    "ve dau trang",
    "len dau trang",
    "ban quyen",
    "copyright",
    "tags",
    "tu khoa",
    "the:",
    "danh gia bai viet",
    "lich cong tac",
    "thu vien anh",
    "thu vien video",
    "video clip",
    "tim kiem",
    "cac tin moi",
    "tin tuc khac",
    "tin bai khac",
    "xem them",
    "doc them",
    "lien ket",
    "facebook",
    "zalo",
    "twitter",
    "luot truy cap",
    "so luot truy cap",
    # English labels of bilingual portals
    "related",
    "most viewed",
    "most read",
    "see also",
    "read more",
    "comments",
    "share",
    "print",
)
# Site footer lines: the article is over even when the line is long or has punctuation.
_FOOTER = re.compile(
    r"^(?:dia chi\s*:|tru so\s*:|toa soan\s*:|dien thoai\s*:|dt\s*:|fax\s*:|e-?mail\s*:|"
    r"giay phep|co quan chu quan|chiu trach nhiem|tong bien tap|ghi ro nguon|"
    r"khi phat hanh lai|ban quyen|\u00a9|\(c\)|copyright|all rights reserved)"
)
CATEGORY_LABELS = frozenset(
    (
        "tin tuc",
        "su kien",
        "tin tuc - su kien",
        "tin tuc su kien",
        "tin hoat dong",
        "hoat dong",
        "tin tong hop",
        "thoi su",
        "cong tac dan van",
        "dan van kheo",
        "tin dia phuong",
        "tin trong tinh",
        "tin trong nuoc",
        "chinh tri",
        "xa hoi",
        "thong bao",
        "van ban",
        "tin noi bat",
        "hoat dong cua lanh dao",
        "tin van hoa",
        "tin tuc hoat dong",
        "hoat dong dan van",
        "dan van",
        "tin dan van",
        "tin tuc chung",
        "tin co so",
        "mat tran - doan the",
        "xay dung dang",
        "tin tuc - thoi su",
        "bai viet",
        "chi tiet tin",
        "noi dung",
        "tin bai",
        "tieu diem",
        "tin anh",
        "phong su",
        "chuyen de",
    )
)
SHARE_WORDS = frozenset(
    (
        "in",
        "email",
        "e-mail",
        "share",
        "tweet",
        "like",
        "luu",
        "gui",
        "facebook",
        "zalo",
        "twitter",
        "in bai",
        "lang nghe",
        "nghe doc bai",
        "doc bai",
        "tai ve",
        "chia se bai viet",
        "chia se",
        "gui email",
        "gui e-mail",
        "gui mail",
        "gui bai",
        "in trang",
        "luu tin",
        "binh luan",
        "phan hoi",
    )
)
_FONT_WIDGET = re.compile(
    r"^(?:co chu|kich thuoc chu|kich co chu|font size|phong chu|size|"
    r"[-+]?a[-+]?(?:\s*[|/]?\s*[-+]?a[-+]?)+)\b",
    _I,
)
_COUNTER = re.compile(
    r"^(?:hom nay|hom qua|tong so luot xem|tong luot xem|tong luot truy cap|tong truy cap|"
    r"tong so truy cap|dang truy cap|dang online|dang xem|truc tuyen|da truy cap|"
    r"so luot truy cap|luot truy cap|tuan nay|thang nay|nam nay|trong tuan|trong thang|"
    r"trong ngay|tat ca|thanh vien|khach|online)\b"
)
_SEARCH = re.compile(r"^(?:tim kiem|nhap tu khoa|tu khoa|search|go tu khoa)\b")
_CRUMB_SPLIT = re.compile(r"\s*(?:>>|>|»|/|\|)\s*")
# A menu bar flattened to one line: "Trang chủ | Giới thiệu | Tin tức | Liên hệ".
_MENU_SPLIT = re.compile(r"\s*[|•·]\s*")


def is_end_marker(text: str, key: str) -> bool:
    """A line after which the article is over (related links, footer, share bar)."""
    if _FOOTER.match(key):
        return True
    label, colon, _ = key[:40].partition(":")
    if colon and len(label.split()) <= 4 and label.strip().startswith(END_PREFIXES):
        return True  # "Xem thêm: <a related headline of any length>"
    if len(text) > 80 or len(key.split()) > 10:
        return False
    bare = key.rstrip(" :.")
    if bare in SHARE_WORDS:
        return True
    if "," in text or (text.endswith(".") and not text.endswith("...")):
        return False
    return bare.startswith(END_PREFIXES) or bool(_COUNTER.match(bare))


def is_chrome(text: str, key: str, breadcrumbs: list[str]) -> bool:
    """Menus, breadcrumbs, counters, share and font widgets; breadcrumbs are kept."""
    if len(text) > 160:
        return False
    bare = key.rstrip(" :.")
    if len(text) <= 60 and (bare.startswith(SKIP_LINKS) and not headline_shaped(text)):
        return True
    if _FONT_WIDGET.match(bare) and len(text) <= 30:
        return True
    if _COUNTER.match(bare) or (_SEARCH.match(bare) and len(text) <= 80):
        return True
    if bare in SHARE_WORDS:
        return True
    if ("|" in text or "•" in text or "·" in text) and not any(map(str.isdigit, text)):
        parts = [part for part in _MENU_SPLIT.split(bare) if part]
        if len(parts) >= 3 and all(len(part.split()) <= 5 for part in parts):
            return True
    if text[0] in "/»>" or (key.startswith("trang chu") and len(key.split()) <= 14):
        breadcrumbs.extend(s for s in _CRUMB_SPLIT.split(text) if s.strip())
        return True
    separators = (" > ", " » ", " >> ")
    if any(sep in text for sep in separators):
        parts = [p for p in _CRUMB_SPLIT.split(text) if p.strip()]
        if len(parts) >= 2 and all(len(p.split()) <= 6 for p in parts):
            breadcrumbs.extend(parts)
            return True
    return False

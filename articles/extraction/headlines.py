"""The headline of a page: which head line reads like one, and which lines are widget chrome.

The head of a page (everything above the first body paragraph) mixes the site's masthead,
menus, side-panel widgets (surveys, banners, "Văn bản mới"), slogans, the headline, its date
line and sometimes a short lead. The headline is the line that sits where a headline sits (just
before the date line or the lead) and reads like one: a clause of title length that does not
end in menu vocabulary or in a word that cannot end a Vietnamese title.
"""

from __future__ import annotations

import re
import unicodedata

from .dates import DATELINE
from .lexicon import WORD, words

_I = re.IGNORECASE

# -- site names -----------------------------------------------------------------------------

_SITE_START = ("cong thong tin", "trang thong tin", "website ", "trang tin dien tu", "bao dien tu")
# All-caps site headers that may run long ("BÁO BẮC GIANG - CƠ QUAN CỦA ĐẢNG BỘ, ...").
_LONG_SITE_START = re.compile(
    r"^(?:bao|dai|tap chi|cong thong tin|trang thong tin|trang tin|ban dan van|uy ban|ubnd|"
    r"mat tran|tinh uy|huyen uy|thanh uy|dang bo|hoi|co quan)\s.*(?:\s-\s|co quan)"
)
_SITE_WORDS = re.compile(
    r"(?<!\w)(?:uy ban|ubnd|hdnd|huyen|tinh|thanh pho|ban dan van|cong thong tin|"
    r"trang thong tin|dang bo|bao|dai|xa|quan|thi xa|mat tran|hoi dong|tinh uy|huyen uy|"
    r"thanh uy|so|dang uy|phuong|thi tran|cong an)(?!\w)"
)
_EVENT_NOUN_KEY = re.compile(r"(?<!\w)(?:hoi nghi|hoi thi|hoi thao|giao ban|le |toa dam|dai hoi)")


def is_all_caps(text: str) -> bool:
    """At least four letters, none of them lower case."""
    if text.upper() != text:
        return False
    return sum(map(str.isalpha, text)) >= 4


def is_site_name(text: str, key: str) -> bool:
    """The portal's masthead ("CỔNG THÔNG TIN ĐIỆN TỬ XÃ ...", "BÁO X - CƠ QUAN CỦA ...")."""
    if key.startswith(_SITE_START):
        return True
    if not is_all_caps(text):
        return False
    if len(key.split()) <= 25 and _LONG_SITE_START.match(key) and not _EVENT_NOUN_KEY.search(key):
        return True
    words = key.split()
    if len(words) >= 8 and _EVENT_NOUN_KEY.search(key):
        return False
    return 2 <= len(words) <= 15 and bool(_SITE_WORDS.search(key))


# -- widget chrome --------------------------------------------------------------------------

# The syllables portal menus and side-panel labels are made of (on fold_key). A short line made
# only of these is a label ("Văn bản mới", "Thông báo", "Liên kết website", "Tin nổi bật").
MENU_SYLLABLES = words(
    """trang chu gioi thieu tin tuc su kien van ban moi thong bao lien ket website web lien he
    hoi dap thu tuc hanh chinh dich vu cong chi dao dieu hanh lich tac thu vien anh video clip
    hinh hoat dong chinh tri kinh te xa van hoa the thao phap luat quoc phong an ninh giam sat
    phan bien cong khai ngan sach so do site dang nhap ky english tieng viet noi bat nhieu xem
    doc bai viet quan tam tieu diem chuyen de muc banner quang cao slide tham y kien binh chon
    khao hop gop tra cuu tim kiem tai lieu bieu mau download tai ve giao duc y te du lich
    nong nghiep thoi su podcast emagazine infographic megastory multimedia media rss tien ich
    lien thong phat thanh truyen hinh truc tuyen online chuyen trang cac khac lien quan
    thanh tuu va huong dan quy dinh ket qua cau hoi thuong gap cu dong chi tiet cap nhat
    dien tu goc nhin ban doc lanh dao to chuc bo may co cau nhiem vu chuc nang danh sach
    """
)
# Side-panel and banner labels that start a widget whatever follows ("Banner trang chủ 2").
_BANNER = re.compile(
    r"^(?:banner|quang cao|slide|slideshow|chao mung ban den|chao mung quy khach|welcome|"
    r"tham do y kien|khao sat y kien|binh chon|lay y kien|hop thu|thong tin can biet|"
    r"nhiet liet chao mung|chao mung ky niem|chao mung dai hoi|chao mung nam moi|"
    r"mung dang|mung xuan)(?!\w)"
)
# A survey or quiz prompt: "Bạn đánh giá thế nào về giao diện mới của Cổng thông tin?" (on the
# accented text: "Ban Dân vận ...?" is a headline).
_PROMPT_START = re.compile(
    r"^(?:bạn|anh/chị|anh, chị|anh chị|quý vị|theo bạn|ý kiến của bạn|đánh giá|mức độ|câu hỏi)"
    r"(?!\w)",
    _I,
)
# A teaser of another article in a side panel ends in its link: "... Xem tiếp", "… Chi tiết".
_TRAILING_MENU = re.compile(
    r"(?:(?<!\w)(?:xem tiep|xem them|doc tiep|doc them|xem chi tiet|read more)|"
    r"(?:\.\.\.|…|>>|»|\|)\s*(?:chi tiet|more))\W*$"
)
# A menu bar written with runs of spaces or starting with "Trang chủ": no sentence in it.
_MENU_BAR = re.compile(r"^(?:trang chu|home)(?!\w)")


def is_label(key: str) -> bool:
    """A short line of menu vocabulary only ("Văn bản mới", "Thông báo", "Tin tức - Sự kiện")."""
    syllables = WORD.findall(key)
    return 0 < len(syllables) <= 6 and all(s in MENU_SYLLABLES for s in syllables)


_TRAILING_SEGMENT = re.compile(r"\s(?:[|»]|[-–—]\s)\s*([^|»\-–—]+)$")


def ends_in_menu_label(key: str) -> bool:
    """ "Headline - Tin tức - Sự kiện", "Headline | Thông báo": a link or a browser title,
    not the headline as the article prints it."""
    match = _TRAILING_SEGMENT.search(key)
    return bool(match) and is_label(match.group(1).strip(" :."))


def is_widget(text: str, key: str) -> bool:
    """True for side-panel, banner and menu lines: they never are the headline."""
    bare = key.rstrip(" :.")
    if is_label(bare) or _BANNER.match(bare) or _TRAILING_MENU.search(bare):
        return True
    if _MENU_BAR.match(bare) and not any(ch in text for ch in ".,;!?") and len(text) <= 200:
        return True
    return text.endswith("?") and bool(_PROMPT_START.match(text))


def mark_panel_items(lines: list, usable: list[bool], keys: list[str], chrome: set[int]) -> None:
    """Side-panel lists are chrome: under a label ("Văn bản mới", "Tin mới", "Thông báo"), two
    or more title-like lines set close together are the panel's links (a headline is one).

    lines, usable and keys are the head lines; chrome the page indices of the chrome lines
    (labels among them) dropped before.
    """
    position = 0
    while position < len(lines):
        if is_label(keys[position].rstrip(" :.")):
            start = position + 1
        elif lines[position].index - 1 in chrome:
            start = position
        else:
            position += 1
            continue
        end = start
        while (
            end < len(lines)
            and usable[end]
            and (end == start or lines[end].index == lines[end - 1].index + 1)
            and (end == start or not lines[end].blank_before)
            and headline_shaped(lines[end].text)
            and not lines[end].text.endswith(".")
        ):
            end += 1
        if end - start >= 2:
            for item in range(start, end):
                usable[item] = False
        position = max(end, position + 1)


# -- what a headline reads like ---------------------------------------------------------------

# Headlines rarely end in a full stop, and those that do are short ("... quý I năm 2022.").
MAX_HEADLINE_SENTENCE = 120
# Words that cannot end a Vietnamese title: the line goes on ("... năm" / "2025", "ký" / "Quy
# chế ...", "... giữa Ban Dân vận và" / "Ủy ban MTTQ ...").
UNFINISHED_END = words(
    """năm ký kí và của về cho với tại ngày trong theo từ đến giữa các những một là tháng trên
    dưới sau trước nhằm để vì bởi hoặc cùng hay như đối"""
)
_LAST_WORD = re.compile(r"(\w+)\W*$")


def headline_shaped(text: str) -> bool:
    """Title length and shape: a few words, not a label, not a long sentence."""
    words = WORD.findall(text)
    if len(words) < 5 or len(text) < 25 or len(text) > 250 or text.endswith(":"):
        return False
    if len(text) > MAX_HEADLINE_SENTENCE and text.endswith("."):
        return False  # a long line ending in a full stop is the lead of a page with no headline
    if is_all_caps(text):
        return len(words) >= 6
    capitalized = sum(1 for word in words if word[0].isupper())
    return capitalized / len(words) <= 0.75


def is_unfinished(text: str) -> bool:
    """A line ending in a word no title ends with ("năm", "ký", "và", "của", "tại" ...)."""
    if text.endswith((".", "!", "?", ":", ";")):
        return False
    # NFC first: in NFD text the combining marks are not word characters.
    match = _LAST_WORD.search(unicodedata.normalize("NFC", text[-16:]))
    return bool(match) and match.group(1).casefold().replace("ð", "đ") in UNFINISHED_END


# A lead opens with an adverbial and a comma: "Sáng 14/5, ...", "Thực hiện Kế hoạch số ..., ".
_LEAD_OPENING = re.compile(
    r"^(?:thuc hien|trien khai|nham|huong ung|trong (?:nhung )?(?:nam|thang|ngay|dip|qua)|"
    r"nhung nam qua|thoi gian qua|vua qua|moi day|ngay|sang|chieu|toi|trua|dem|sau|tu|"
    r"de|voi|can cu|theo|qua)\b[^,]{0,90},\s"
)


def lead_like(text: str, key: str) -> bool:
    """A line that reads like the lead, not a headline: it opens with a press dateline, or with
    an adverbial clause and a comma, and ends as a sentence."""
    sentence = text.endswith(".") or len(text) > 160
    dateline = DATELINE.match(text)
    if dateline and dateline.end() < len(text) and (text.startswith("(") or sentence):
        return True  # "(CMO) Sáng 11/12, ...", "QTO - Thực hiện ... ."
    return sentence and bool(_LEAD_OPENING.match(key))


# -- choosing the headline ----------------------------------------------------------------------


class Headline:
    """The chosen headline: its text and the head lines it spans (a broken one spans two)."""

    __slots__ = ("text", "first", "last")

    def __init__(self, text: str, first: int, last: int) -> None:
        self.text, self.first, self.last = text, first, last


def _glued(previous: str, line) -> bool:
    """True when line is the tail of a headline broken after previous."""
    if is_unfinished(previous):
        return True  # "... năm" / "2025", "... ký" / "Quy chế phối hợp ..."
    text = line.text
    if line.blank_before or text.endswith((".", "!", "?", ":")) or not headline_shaped(previous):
        return False
    if is_all_caps(previous) and is_all_caps(text):
        return True  # an all-caps headline set in two lines
    # a fragment too short to be a headline, glued under one: "... năm 2025" / "tại xã X"
    return not headline_shaped(text) and (text[0].isdigit() or text[0].islower())


def _groups(lines: list, usable: list[bool]) -> list[tuple[str, int, int]]:
    """Head lines with a headline broken over two lines joined: (text, first, last) positions.

    A line continues on the next head line when nothing (chrome, a date line) sat between
    them on the page and it cannot end there, or the next line is glued to it as its tail.
    """
    groups: list[tuple[str, int, int]] = []
    position = 0
    while position < len(lines):
        text, last = lines[position].text, position
        while (
            usable[last]
            and last + 1 < len(lines)
            and usable[last + 1]
            and lines[last + 1].index == lines[last].index + 1
            and len(text) + len(lines[last + 1].text) <= 250
            and _glued(text, lines[last + 1])
        ):
            last += 1
            text = f"{text} {lines[last].text}"
        groups.append((text, position, last))
        position = last + 1
    return groups


def choose_headline(
    lines: list, usable: list[bool], keys: list[str], date_index: int | None
) -> Headline | None:
    """The headline among the head lines, or None when no line reads like one.

    lines are the head lines in page order (objects with .text and .index, the line's place on
    the page); usable says which may be (part of) a headline; date_index is the page index of
    the date line nearest above the body, if any. The headline is the candidate between that
    date line and the lead, else the one just before the date line, else the one nearest the
    lead.
    """
    candidates: list[tuple[str, int, int]] = []
    for text, first, last in _groups(lines, usable):
        if not all(usable[first : last + 1]) or not headline_shaped(text):
            continue
        if lead_like(text, keys[first]) or is_unfinished(text) or ends_in_menu_label(keys[last]):
            continue
        candidates.append((text, first, last))
    if not candidates:
        return None

    def page_index(candidate: tuple[str, int, int], end: bool = True) -> int:
        return lines[candidate[2] if end else candidate[1]].index

    if date_index is not None:
        before = [c for c in candidates if page_index(c) < date_index]
        after = [c for c in candidates if page_index(c, end=False) > date_index]
        # A date line above the headline: the headline sits right above the lead. A line
        # ending in a full stop between the date line and the lead is a short lead instead.
        firm = [c for c in after if not c[0].endswith(".")]
        if firm:
            return Headline(*firm[-1])
        if before:
            return Headline(*before[-1])
    return Headline(*_nearest(candidates, lines))


def _nearest(candidates: list[tuple[str, int, int]], lines: list) -> tuple[str, int, int]:
    """The candidate nearest the body; a short sentence right under another candidate is the
    lead, not the headline ("Headline" / "Short lead sentence.")."""
    chosen = candidates[-1]
    if len(candidates) > 1 and chosen[0].endswith("."):
        previous = candidates[-2]
        if not previous[0].endswith(".") and lines[previous[2]].index + 1 == lines[chosen[1]].index:
            return previous
    return chosen

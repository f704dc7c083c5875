"""Dates: publication/page date lines, event dates in the text, year inference, tickers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from articles.text import clean_spaces

from .fastre import gated
from .lexicon import UPPER

_I = re.IGNORECASE
LONG_DATE = re.compile(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})\s*,?\s+năm\s+(\d{4})", _I)
NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})\s*([/.-])\s*(\d{1,2})\s*\2\s*(\d{4})(?![\d/])")
ISO_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
TIME = re.compile(
    r"(?<![\d/.])(\d{1,2})\s*(?::|h|giờ)\s*(\d{2})(?:\s*:\s*\d{2})?"
    r"(?:\s*phút)?(?:\s*(SA|CH|AM|PM)\b)?(?![\d/])",
    _I,
)
WEEKDAY = re.compile(
    r"(?<!\w)(?:thứ\s*(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s*nhật|cn|t[2-7])(?!\w)", _I
)
DATE_LABEL = re.compile(
    r"(?<!\w)(?:ngày\s+cập\s+nhật|cập\s+nhật(?:\s+lúc|\s+ngày)?|ngày\s+đăng|đăng\s+ngày|"
    r"đăng\s+lúc|ngày\s+xuất\s+bản|xuất\s+bản(?:\s+lúc)?|thời\s+gian\s+đăng|thời\s+gian|"
    r"ngày\s+ban\s+hành|posted(?:\s+on)?|published|updated|đăng)(?!\w)",
    _I,
)
_WEAK_LABEL = re.compile(r"(?<!\w)(?:ngày|lúc|vào|gmt\s*\+?\s*7|utc\s*\+?\s*7)(?!\w)", _I)
INLINE_VIEWS = re.compile(
    r"(?<!\w)(?:số\s+)?(?:lượt\s+(?:xem|đọc)|đã\s+xem|lần\s+đọc|views?)\s*[:：]?\s*(\d[\d.,]*)"
    r"|(?:^|(?<=[\s|]))(\d[\d.,]*)\s*(?:lượt\s+(?:xem|đọc)|views?)(?!\w)",
    _I,
)
_SEPARATORS = re.compile(r"[\s|,;:()\[\]\-–—/•·.]+")
MAX_DATE_LINE = 90


@dataclass(slots=True)
class DateLine:
    """A line that is (mostly) a date: its date, time and what else it carried."""

    date: dt.date
    time: dt.time | None = None
    has_weekday: bool = False
    has_label: bool = False
    trailing_number: int | None = None
    views: int | None = None


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """A date, or None when the numbers are not a real calendar day."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _find_date(text: str) -> tuple[dt.date | None, tuple[int, int] | None]:
    for pattern, order in ((LONG_DATE, "dmy"), (NUMERIC_DATE, "dsmy"), (ISO_DATE, "ymd")):
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groups()
        if order == "dmy":
            day, month, year = (int(g) for g in groups)
        elif order == "dsmy":
            day, month, year = int(groups[0]), int(groups[2]), int(groups[3])
        else:
            year, month, day = (int(g) for g in groups)
        return make_date(year, month, day), match.span()
    return None, None


def parse_number(text: str) -> int | None:
    """An integer written with optional "." or "," thousands separators."""
    digits = re.sub(r"[.,]", "", text)
    return int(digits) if digits.isdigit() and len(digits) <= 10 else None


def parse_date_line(text: str) -> DateLine | None:
    """Parse a short line that consists of a date (plus time, weekday, labels, views)."""
    if len(text) > MAX_DATE_LINE or not any(map(str.isdigit, text)):
        return None
    date, span = _find_date(text)
    if date is None or span is None:
        return None
    rest = text[: span[0]] + " " + text[span[1] :]
    line = DateLine(date=date)
    views = INLINE_VIEWS.search(rest)
    if views:
        line.views = parse_number((views.group(1) or views.group(2)).rstrip(".,"))
        rest = rest[: views.start()] + " " + rest[views.end() :]
    time_match = TIME.search(rest)
    if time_match:
        hour, minute = int(time_match.group(1)), int(time_match.group(2))
        meridiem = (time_match.group(3) or "").upper()
        if meridiem in ("PM", "CH") and hour < 12:
            hour += 12
        if hour < 24 and minute < 60:
            line.time = dt.time(hour, minute)
            rest = rest[: time_match.start()] + " " + rest[time_match.end() :]
    rest, weekdays = WEEKDAY.subn(" ", rest)
    line.has_weekday = weekdays > 0
    rest, labels = DATE_LABEL.subn(" ", rest)
    line.has_label = labels > 0
    rest = _WEAK_LABEL.sub(" ", rest)
    residue = _SEPARATORS.sub(" ", rest).strip()
    if not residue:
        return line
    if residue.isdigit() and len(residue) <= 9:
        line.trailing_number = int(residue)
        return line
    if "|" in text:
        return _date_among_fields(text)
    return None


# "Người đăng: Ban Biên tập", "Tác giả: Ngọc Diệp": a labelled field beside the date.
_FIELD = re.compile(r"^[^\d:|]{2,25}:\s*\S")


def _date_among_fields(text: str) -> DateLine | None:
    """ "Ngày đăng: 21/06/2023 | Người đăng: Ban Biên tập | Lượt xem: 389": the date of a
    line of labelled fields."""
    parts = [part.strip() for part in text.split("|") if part.strip()]
    dated = [part for part in parts if _find_date(part)[0] is not None]
    if len(dated) != 1:
        return None
    line = parse_date_line(dated[0])
    if line is None:
        return None
    for part in parts:
        if part is dated[0]:
            continue
        views = INLINE_VIEWS.search(part)
        if views and line.views is None:
            line.views = parse_number((views.group(1) or views.group(2)).rstrip(".,"))
        elif not _FIELD.match(part):
            return None
    return line


# -- dates inside the text ----------------------------------------------------------

# A separator inside a date: "/" or "-" (spaces around them are noise), or a dot between
# numbers only ("1.000" is not a date).
_SEP = r"\s*(?:[/-]\s*|\.)"
_NO_MORE = r"(?![\d/]|\.\d)"
# "6/4", "6-4", "06.4.2024"; "6 tháng 4 năm 2024".
_DM = rf"(\d{{1,2}}){_SEP}(\d{{1,2}})(?:{_SEP}(\d{{4}}))?{_NO_MORE}"
_LONG_DM = r"(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*,?\s*năm\s+(\d{4}))?(?!\d)"
# A paragraph that opens on its date (layout tells leads from captions with it).
EVENT_DATE = re.compile(
    r"(?:(?<!\w)(?:sáng|chiều|tối|trưa|đêm)\s+(?:nay\s+)?(?:\(\s*)?(?:ngày\s+)?"
    r"|(?:^|(?<=[.!?]\s)|(?<=vào\s))ngày\s+"
    r"|^)" + _DM,
    _I | re.MULTILINE,
)
SINGLE_DATE = re.compile(rf"{_DM}|{_LONG_DM}", _I)
# "3 đến 9/12/2025", "24-25/8/2023", "28/6 – 2/7", "3, 4/12", "30/12/2025 - 2/1/2026": the
# end carries a month at least; the start may leave out what it shares with the end.
DATE_RANGE = re.compile(
    rf"(\d{{1,2}})(?!\d)(?:{_SEP}(\d{{1,2}})(?:{_SEP}(\d{{4}}))?)?"
    r"\s*(?:[-–—]|đến|tới|và|,)\s*(?:(?:hết\s+)?ngày\s+)?"
    rf"(\d{{1,2}}){_SEP}(\d{{1,2}})(?:{_SEP}(\d{{4}}))?{_NO_MORE}",
    _I,
)
# A clock time: "14 giờ 00", "14h00", "14 giờ", "7h30", "8 giờ 00 phút", "14:00", "2 giờ chiều".
_CLOCK = (
    r"(\d{1,2})(?:\s*(?:giờ|h(?![^\W\d_]))(?:\s*(\d{2})(?!\d)(?:\s*phút)?)?|\s*:\s*(\d{2})(?!\d))"
    r"(?:\s+(sáng|trưa|chiều|tối)(?!\w))?"
)
CLOCK = re.compile(_CLOCK, _I)
_CLOCK_NC = r"\d{1,2}(?:\s*(?:giờ|h(?![^\W\d_]))(?:\s*\d{2}(?!\d)(?:\s*phút)?)?|\s*:\s*\d{2}(?!\d))"
_PART = r"(?:sáng|chiều|tối|trưa|đêm)"
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|bẩy|[2-7])|chủ\s+nhật)"
_DAY_WORDS = rf"(?:\(\s*)?(?:{_WEEKDAY}\s*[,(]?\s*)?(?:ngày\s+)?(?:{_WEEKDAY}\s*,?\s*)?(?:\(\s*)?"
# Where an event's date starts. A range-only anchor ("từ", "trong 2 ngày") takes a range and
# nothing else: "Từ ngày 1/7/2025, xã mới đi vào hoạt động" dates no event.
# Every branch opens at a word start with one of a few letters, a digit or a line start: the
# first look-ahead and look-behind turn most positions away before the branches are tried.
EVENT_ANCHOR = re.compile(
    r"(?=[vlhtscđn\d]|^)(?<!\w)(?:"
    rf"(?P<at>(?<!\w)(?:vào\s+(?:lúc\s+|hồi\s+)?|lúc\s+|hồi\s+|thời\s+gian\s*:\s*(?:vào\s+)?"
    rf"(?:lúc\s+)?){_CLOCK_NC}(?:\s+{_PART}(?!\w))?\s*[,;]?\s*{_DAY_WORDS})"
    rf"|(?P<clock>(?:^|(?<=[.!?]\s)){_CLOCK_NC}(?:\s+{_PART}(?!\w))?\s*,?\s*ngày\s+)"
    rf"|(?P<part>(?<!\w){_PART}\s+(?:nay\s+)?{_DAY_WORDS})"
    r"|(?P<day>(?:^|(?<=[.!?]\s)|(?<=vào\s))ngày\s+(?:\(\s*)?)"
    r"|(?P<range_from>(?<!\w)từ\s+(?:ngày\s+)?)"
    r"|(?P<range_span>(?<!\w)trong\s+(?:\d+|hai|ba|bốn|năm|sáu|bảy)\s+ngày\s*[,(]?\s*"
    r"(?:từ\s+)?(?:ngày\s+)?)"
    r"|(?P<bare>^))",
    _I | re.MULTILINE,
)
# In a headline a date may follow "ngày" or "(" anywhere: "Hội nghị giao ban ngày 14/5/2024".
HEADLINE_ANCHOR = re.compile(r"(?<!\w)ngày\s+|\(\s*", _I)
# The date of a cited document or of a commemorated day is no event date.
NOT_EVENT_BEFORE = re.compile(
    r"(?:\d\s*/\s*[\w/.-]*[^\W\d_]|\d\s*-\s*[^\W\d_]+\s*/|(?<!\w)số\s+\d\S*|"
    r"(?<!\w)(?:nghị\s+quyết|quyết\s+định|chỉ\s+thị|kết\s+luận|nghị\s+định|thông\s+tư|"
    r"công\s+văn|quy\s+định|hướng\s+dẫn)\s+\S*\d|ban\s+hành|kỷ\s+niệm|ngày\s+sinh|"
    r"ngày\s+mất|ngày\s+thành\s+lập|truyền\s+thống)[^,;:()]{0,40}$",
    _I,
)
# "trước 17 giờ ngày 20/3" (a deadline), "Cập nhật lúc 08h30 ngày 2/9" (a page's own date).
_NOT_AT_BEFORE = gated(r"(?<!\w)(?:trước|chậm\s+nhất|hạn|cập\s+nhật|đăng|xuất\s+bản)\s*:?\s*$", _I)
# "ngày 05/3/2026, lúc 14 giờ": a start time right after the date.
TIME_AFTER = re.compile(rf"\s*[,(]?\s*(?:vào\s+|bắt\s+đầu\s+)?(?:lúc|hồi|từ)\s+{_CLOCK}", _I)
# Said before the event: its year is the coming one, not the past one.
FUTURE = re.compile(
    r"(?<!\w)(?:sẽ|dự\s+kiến|chuẩn\s+bị\s+tổ\s+chức|kính\s+mời|trân\s+trọng\s+kính\s+mời|"
    r"triệu\s+tập)(?!\w)|^\s*(?:thông\s+báo|giấy\s+mời|kế\s+hoạch)(?!\w)",
    _I,
)
MAX_RANGE_DAYS = 92  # longer spans are campaigns or anniversaries ("19/8/1945 – 19/8/2025")
ANNIVERSARY = re.compile(
    r"(?:tổng\s+kết|sơ\s+kết|kỷ\s+niệm|nhìn\s+lại)\s+(\d{1,3})\s+năm\b([^;.]{0,220})", _I
)
_ANCHOR_YEAR = re.compile(
    r"ngày\s+\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*(\d{4})|\d+\s*/\s*(\d{4})\s*/|"
    r"ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+(\d{4})",
    _I,
)
YEAR_PHRASE = re.compile(r"(?<!\w)năm\s+((?:19|20)\d{2})(?!\d)", _I)


@dataclass(slots=True)
class TextDate:
    """A day/month found in the text; the year may be missing. A range has an end; an
    announcement ("lúc 14 giờ 00, ngày 05/3/2026") a start time."""

    day: int
    month: int
    year: int | None
    raw: str
    end_day: int | None = None
    end_month: int | None = None
    end_year: int | None = None
    time: dt.time | None = None
    future: bool = False  # announced before it happens ("sẽ tổ chức", "Thông báo ...")

    def dates(self, year: int) -> tuple[dt.date | None, dt.date | None]:
        """(first day, last day or None) once the first day's year is known."""
        start = make_date(year, self.month, self.day)
        if self.end_day is None or self.end_month is None or start is None:
            return start, None
        end_year = self.end_year
        if end_year is None:
            same_year = (self.end_month, self.end_day) >= (self.month, self.day)
            end_year = year if same_year else year + 1
        return start, make_date(end_year, self.end_month, self.end_day)


# A news dateline before the lead: "(LĐ online) - ", "(BẮC GIANG) – ", "HÀ TĨNH - ".
DATELINE = re.compile(
    rf"^\s*(?:\([^()\n]{{1,40}}\)|[{UPPER}][{UPPER} .]{{1,30}}[{UPPER}])\s*[-–—]\s*"
)


def strip_dateline(text: str) -> str:
    """The lead without its dateline: "(BẮC GIANG) - Những năm qua..." -> "Những năm qua..."."""
    dateline = DATELINE.match(text)
    if dateline is None:
        return text
    rest = text[dateline.end() :]
    if not rest or not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "“\"'‘"):
        return text
    return rest


def find_event_date(paragraphs: list[str], title: str | None = None) -> TextDate | None:
    """The event's date: a date in the headline, else the first anchored date of the text
    ("Sáng ngày 6/4/2022", "Chiều 25/8", "Ngày 13/1", "vào lúc 14 giờ 00, ngày 05/3/2026",
    "Từ ngày 3 đến 9/12/2025")."""
    if title and any(map(str.isdigit, title)):
        found = _headline_date(title)
        if found is not None and _reads_like_headline(title.replace(found.raw, " ")):
            if found.time is None:
                found.time = _time_of(found, paragraphs)
            return found
    for paragraph in paragraphs:
        if not any(map(str.isdigit, paragraph)):
            continue
        dateline = DATELINE.match(paragraph)
        if dateline:
            paragraph = paragraph[dateline.end() :]
        for anchor in EVENT_ANCHOR.finditer(paragraph):
            found = _date_at(paragraph, anchor.end(), anchor.group(0), anchor.lastgroup)
            if found is not None:
                found.future = found.future or bool(title and FUTURE.search(title))
                return found
    return None


_HEADLINE_WORD = re.compile(r"[^\W\d_]{2,}")
_DATE_WORDS = frozenset(("thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật", "ngày"))


def _reads_like_headline(rest: str) -> bool:
    """ "Gia Lai, ngày 19 tháng 4 năm 2024" is a date line taken for a headline: a headline
    says something besides its date."""
    words = [w for w in _HEADLINE_WORD.findall(rest) if w.lower() not in _DATE_WORDS]
    return len(words) >= 4


def _time_of(found: TextDate, paragraphs: list[str]) -> dt.time | None:
    """The start time the text gives for the headline's first day ("Lễ khai mạc sẽ diễn ra
    vào lúc 19 giờ 30, ngày 30/12/2025")."""
    for paragraph in paragraphs:
        if not any(map(str.isdigit, paragraph)):
            continue
        for anchor in EVENT_ANCHOR.finditer(paragraph):
            if anchor.lastgroup not in ("at", "clock"):
                continue
            other = _date_at(paragraph, anchor.end(), anchor.group(0), anchor.lastgroup)
            same_day = other is not None and (other.day, other.month) == (found.day, found.month)
            if same_day and other.year in (None, found.year):
                return other.time
    return None


def _headline_date(title: str) -> TextDate | None:
    for anchor in EVENT_ANCHOR.finditer(title):
        found = _date_at(title, anchor.end(), anchor.group(0), anchor.lastgroup)
        if found is not None:
            return found
    for anchor in HEADLINE_ANCHOR.finditer(title):
        if NOT_EVENT_BEFORE.search(title, 0, anchor.start()):
            continue
        found = _date_at(title, anchor.end(), anchor.group(0), "headline")
        if found is not None:
            return found
    return None


def _date_at(text: str, pos: int, anchor: str, kind: str | None) -> TextDate | None:
    """The date or range that starts at pos, right after its anchor, if it is a real one."""
    if kind in ("at", "clock") and _NOT_AT_BEFORE.search(text, 0, pos - len(anchor)):
        return None
    found = None
    span = DATE_RANGE.match(text, pos)
    if span is not None:
        found = _range(span)
        if found is False:
            return None
    if found is None:
        if kind in ("range_from", "range_span"):
            return None
        single = SINGLE_DATE.match(text, pos)
        if single is None:
            return None
        numbers = [int(g) if g else None for g in single.groups()]
        day, month, year = numbers[:3] if numbers[0] is not None else numbers[3:]
        if not _plausible(day, month, year):
            return None
        found = TextDate(day, month, year, (anchor + single.group(0)).strip())
        end = single.end()
    else:
        end = span.end()
        found.raw = (anchor + span.group(0)).strip()
    if kind in ("at", "clock"):
        found.time = _clock(CLOCK.search(anchor))
    else:
        after = TIME_AFTER.match(text, end)
        if after is not None:
            found.time = _clock(CLOCK.search(after.group(0)))
    found.future = bool(FUTURE.search(_sentence_around(text, pos)))
    return found


def _range(match: re.Match) -> TextDate | None | bool:
    """A TextDate for a real range; None when the numbers are no dates (perhaps a single date
    follows); False for a span no event lasts (an anniversary, a campaign)."""
    d1, m1, y1, d2, m2, y2 = (int(g) if g else None for g in match.groups())
    if not _plausible(d2, m2, y2) or (m1 is not None and not _plausible(d1, m1, y1)):
        return None
    if m1 is None:  # "từ ngày 30 đến 2/1/2026": the start shares the end's month, or the one before
        m1 = m2 if d1 <= d2 else (m2 - 1 or 12)
    if y1 is None and y2 is not None:
        y1 = y2 if (m1, d1) <= (m2, d2) else y2 - 1
    year = y1 if y1 is not None else 2001  # a common year: only the span is measured
    found = TextDate(d1, m1, y1, "", d2, m2, y2)
    start, end = found.dates(year)
    if start is None or end is None:
        return None
    if not 0 < (end - start).days <= MAX_RANGE_DAYS:
        return False
    return found


def _plausible(day: int, month: int, year: int | None) -> bool:
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return year is None or make_date(year, month, day) is not None


def _clock(match: re.Match | None) -> dt.time | None:
    if match is None:
        return None
    hour = int(match.group(1))
    minute = int(match.group(2) or match.group(3) or 0)
    part = (match.group(4) or "").lower()
    if part in ("chiều", "tối") and hour < 12:
        hour += 12
    return dt.time(hour, minute) if hour < 24 and minute < 60 else None


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    end = text.find(". ", pos)
    return text[start : end if end >= 0 else len(text)]


def year_on_or_after(day: int, month: int, reference: dt.date) -> int:
    """Year of a day/month announced on the reference date: the coming one (a month's grace
    for a notice posted late)."""
    grace = reference - dt.timedelta(days=30)
    for year in (reference.year, reference.year + 1):
        candidate = make_date(year, month, day)
        if candidate is not None and candidate >= grace:
            return year
    return reference.year + 1


def year_relative_to(day: int, month: int, reference: dt.date) -> int:
    """Year of a day/month reported on the reference date: same year unless it is later."""
    return (
        reference.year if (month, day) <= (reference.month, reference.day) else (reference.year - 1)
    )


def year_nearest(day: int, month: int, reference: dt.date) -> int | None:
    """Year that puts day/month closest to the reference date (for schedules)."""
    best: tuple[int, int] | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = make_date(year, month, day)
        if candidate is None:
            continue
        distance = abs((candidate - reference).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def anniversary_year(text: str) -> int | None:
    """Year implied by "tổng kết 10 năm thực hiện Nghị quyết ... ngày 3/6/2013" (2023)."""
    for match in ANNIVERSARY.finditer(text):
        span = int(match.group(1))
        anchor = _ANCHOR_YEAR.search(match.group(2))
        if anchor and 0 < span <= 100:
            base = int(next(g for g in anchor.groups() if g))
            year = base + span
            if 1945 <= year <= 2100:
                return year
    return None


def year_from_phrases(text: str, month: int) -> int | None:
    """Year from "năm 2022" phrases: one year, or two consecutive ones (Dec vs Jan reports)."""
    years = sorted({int(y) for y in YEAR_PHRASE.findall(text)})
    if len(years) == 1:
        return years[0]
    if len(years) == 2 and years[1] - years[0] == 1:
        return years[0] if month >= 7 else years[1]
    return None


# -- site tickers ("Sự kiện nổi bật: 23/05: ...") --------------------------------------

TICKER_LABEL = re.compile(
    r"^\s*(?:sự\s+kiện\s+nổi\s+bật|tin\s+nổi\s+bật|tiêu\s+điểm|lịch\s+công\s+tác|"
    r"hoạt\s+động\s+nổi\s+bật|sự\s+kiện)\s*:",
    _I,
)
TICKER_MARK = re.compile(r"(?<![\d/])(\d{1,2})\s*/\s*(\d{1,2})(?:\s*/\s*(\d{4}))?\s*:\s*")
_BIG_GAP = re.compile(r"\s{3,}")


def is_ticker(raw_line: str) -> bool:
    """True for a schedule ticker line: a ticker label or several "dd/mm:" items."""
    if ":" not in raw_line:  # both the label and the items end with a colon
        return False
    if TICKER_LABEL.match(raw_line):
        return True
    first = TICKER_MARK.search(raw_line)
    return first is not None and TICKER_MARK.search(raw_line, first.end()) is not None


def parse_ticker(raw_line: str) -> list[tuple[int, int, int | None, str]]:
    """Items (day, month, year-or-None, text) of a ticker; big whitespace runs split items."""
    label = TICKER_LABEL.match(raw_line)
    text = raw_line[label.end() :] if label else raw_line
    marks = list(TICKER_MARK.finditer(text))
    items: list[tuple[int, int, int | None, str]] = []
    for index, mark in enumerate(marks):
        end = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        day, month = int(mark.group(1)), int(mark.group(2))
        year = int(mark.group(3)) if mark.group(3) else None
        if not (1 <= day <= 31 and 1 <= month <= 12):
            continue
        for chunk in _BIG_GAP.split(text[mark.end() : end]):
            chunk = clean_spaces(chunk).strip()
            if chunk:
                items.append((day, month, year, chunk))
    return items

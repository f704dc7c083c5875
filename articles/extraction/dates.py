"""Dates: publication/page date lines, event dates in the text, year inference, tickers."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from articles.text import clean_spaces

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

# "6/4", "6-4", "06.4.2024" (a dot only between numbers: "1.000" is not a date).
_DM = r"(\d{1,2})\s*(?:[/-]\s*|\.)(\d{1,2})(?:\s*(?:[/-]\s*|\.)(\d{4}))?(?![\d/]|\.\d)"
EVENT_DATE = re.compile(
    r"(?:(?<!\w)(?:sáng|chiều|tối|trưa|đêm)\s+(?:nay\s+)?(?:\(\s*)?(?:ngày\s+)?"
    r"|(?:^|(?<=[.!?]\s)|(?<=vào\s))ngày\s+"
    r"|^)" + _DM,
    _I | re.MULTILINE,
)
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
    """A day/month found in the text; the year may be missing."""

    day: int
    month: int
    year: int | None
    raw: str


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


def find_event_date(paragraphs: list[str]) -> TextDate | None:
    """The first anchored date ("Sáng ngày 6/4/2022", "Chiều 25/8", "Ngày 13/1") in the text."""
    for paragraph in paragraphs:
        dateline = DATELINE.match(paragraph)
        if dateline:
            paragraph = paragraph[dateline.end() :]
        for match in EVENT_DATE.finditer(paragraph):
            day, month = int(match.group(1)), int(match.group(2))
            year = int(match.group(3)) if match.group(3) else None
            if not (1 <= day <= 31 and 1 <= month <= 12):
                continue
            if year is not None and make_date(year, month, day) is None:
                continue
            return TextDate(day, month, year, match.group(0).strip())
    return None


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

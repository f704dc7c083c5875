"""Split a page's text into site chrome and the article: headline, lead, body, captions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from articles.text import clean_spaces

from .chrome import CATEGORY_LABELS, SHARE_WORDS, is_chrome, is_end_marker
from .dates import EVENT_DATE, DateLine, is_ticker, parse_date_line
from .fastre import gated
from .headlines import (
    choose_headline,
    is_all_caps,
    is_site_name,
    is_widget,
    lead_like,
    mark_panel_items,
)
from .lexicon import CAPITALIZED_RUN, NOT_PEOPLE, SURNAMES, UPPER
from .lexicon import fast_fold_key as fold_key
from .meta import (
    file_names,
    is_site_signature,
    parse_attachment_line,
    parse_byline,
    parse_dated_byline,
    parse_head_byline,
    parse_org_byline,
    parse_views,
)
from .model import Byline

_I = re.IGNORECASE

# -- caption and paragraph shapes ---------------------------------------------------------

SENTENCE_BREAK = re.compile(
    rf"[.!?…](?<!\bTP.)(?<!\bTX.)(?<!\bTT.)(?<!\bThS.)(?<!\bTS.)(?<!\b[{UPPER}].)"
    rf"[”\"')]?\s+(?=[{UPPER}“\"])"
)
_STRONG_CAPTION = re.compile(
    r"^(?:\(?ảnh\s*[:：]|ảnh minh h[ọo]a|hình ảnh|quang cảnh|toàn cảnh|một góc|"
    r"các đại biểu|đại biểu|các đồng chí lãnh đạo)",
    _I,
)
_PHOTO_CREDIT = re.compile(
    r"(?:\(\s*ảnh\s*[:：][^)]*\)|[-–]\s*ảnh\s*[:：].{2,40}|(?<=[.!])\s+ảnh\s*[:：].{2,40})\s*$", _I
)
# Reported speech or a linking adverbial: a body sentence, not a photo caption.
_NOT_CAPTION = re.compile(
    r"^(?:cùng ngày|trước đó|sau đó|tiếp đó|dịp này|nhân dịp này|cũng trong|theo đó|ngoài ra|"
    r"bên cạnh đó|đồng thời|qua đó)(?!\w)|(?<!\w)(?:đề nghị|yêu cầu|nhấn mạnh|khẳng định|"
    r"cho biết|lưu ý|đề xuất|kiến nghị)(?!\w)",
    _I,
)
# A short unpunctuated line in the body naming the event: the caption of a photo of it.
_EVENT_CAPTION = re.compile(r"^(?:hội nghị|hội thảo|hội thi|buổi lễ|lễ|tọa đàm|toạ đàm)\s", _I)
# A capitalized run right after these words is a place or a body, not a person.
# ("Huyện ủy Trần Đề" names a district; "Tỉnh ủy Trần Thế Dũng" is a title and a person:
# after "ủy" only a two-word run counts as a place.)
_PLACE_BEFORE = gated(
    r"(?:huyện|tỉnh|xã|phường|thị trấn|thành phố|quận|thị xã|thôn|bản|ấp|làng|tp\.?)\s*$", _I
)
_COMMITTEE_BEFORE = gated(r"(?:ủy|uỷ)\s*$", _I)
PHOTO_VERB = re.compile(
    r"(?<!\w)(?:phát biểu|chủ trì|báo cáo|chia sẻ|trao|tặng|thăm|tham dự|tham luận|kết luận|"
    r"chụp ảnh|kiểm tra|động viên|chúc mừng|điều hành|giới thiệu|trình bày|khảo sát|"
    r"làm việc|ký kết|quán triệt|nói chuyện|dâng hương|cắt băng|khai mạc|bế mạc|"
    r"dự(?!\s+(?:án|báo|kiến|thảo|toán|trữ|phòng|bị))|tiếp thu|gặp mặt|tặng quà)(?!\w)",
    _I,
)
_PERSON_WORDS = re.compile(
    rf"(?<!\w)(?:đồng chí|đ/c)\s+[{UPPER}]|(?<!\w)(?:các\s+)?(?:đại biểu|lãnh đạo)(?!\w)", _I
)
MAX_CAPTION = 220
PARAGRAPH_MIN = 220


@dataclass(slots=True)
class _Line:
    text: str
    index: int
    indent: int = 0
    blank_before: bool = False
    key: str = ""  # fold_key(text), once analyze has computed it


@dataclass(slots=True)
class DateCandidate:
    """A date line and where it sits relative to the headline and the body."""

    line: DateLine
    position: str  # header (above the site's menu), before_title, after_title, body, byline
    text: str


@dataclass(slots=True)
class Layout:
    """The article's parts as found on the page, plus the chrome worth keeping."""

    title: str | None = None
    site_name: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    byline: Byline | None = None
    dates: list[DateCandidate] = field(default_factory=list)
    view_count: int | None = None
    attachments: list[str] = field(default_factory=list)
    ticker_lines: list[str] = field(default_factory=list)
    breadcrumbs: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str | None:
        """The lead: the first body paragraph."""
        return self.paragraphs[0] if self.paragraphs else None


def sentence_count(text: str) -> int:
    """Rough number of sentences in a line."""
    return 1 + len(SENTENCE_BREAK.findall(text))


def mentions_person(text: str) -> bool:
    """True when the text names a person ("đồng chí X", a surname-led name, "đại biểu")."""
    if _PERSON_WORDS.search(text):
        return True
    for match in CAPITALIZED_RUN.finditer(text):
        words = match.group().split()
        if len(words) >= 2 and words[0] in SURNAMES and match.group().casefold() not in NOT_PEOPLE:
            before = text[max(0, match.start() - 12) : match.start()]
            if _PLACE_BEFORE.search(before):
                continue
            if len(words) == 2 and _COMMITTEE_BEFORE.search(before):
                continue
            return True
    return False


def is_paragraph(text: str) -> bool:
    """True for a body paragraph (long, several sentences, or a dated lead sentence)."""
    length = len(text)
    if length >= PARAGRAPH_MIN:
        return True
    if length >= 100 and sentence_count(text) >= 2:
        return True
    return length >= 60 and text.endswith(".") and bool(EVENT_DATE.match(text))


def is_caption(text: str, indent: int = 0, *, in_body: bool = False) -> bool:
    """True for a photo caption: short, one sentence, describing who is in the picture."""
    if len(text) > MAX_CAPTION or text.endswith((":", ";")) or ";" in text:
        return False
    credit = _PHOTO_CREDIT.search(text)
    if credit:  # "X phát biểu. Ảnh: Y": one sentence and its photo credit
        return sentence_count(text[: credit.start()]) == 1
    if sentence_count(text) > 1:
        return False
    if _STRONG_CAPTION.match(text) and len(text) <= 160:
        return True
    if EVENT_DATE.match(text) or _NOT_CAPTION.search(text):
        return False
    if PHOTO_VERB.search(text) and mentions_person(text) and len(text) <= 200:
        return True
    unpunctuated = not text.endswith((".", "!", "?", "…"))
    if in_body and unpunctuated and len(text) <= 120 and _EVENT_CAPTION.match(text):
        return True
    return indent >= 8 and not text.endswith(".") and len(text) <= 160


def _split_lines(text: str, layout: Layout) -> list[_Line]:
    lines: list[_Line] = []
    blank = False
    raw_lines = text.split("\n")
    # clean_spaces never touches a newline: cleaning the whole text at once is the same as
    # cleaning line by line, and much cheaper (checked by the line count, to be safe).
    cleaned = clean_spaces(text).split("\n")
    if len(cleaned) != len(raw_lines):
        cleaned = [clean_spaces(raw) for raw in raw_lines]
    for raw, spaced in zip(raw_lines, cleaned, strict=True):
        if is_ticker(raw):
            layout.ticker_lines.append(raw)
            blank = True
            continue
        clean = spaced.strip().rstrip(" |").strip()
        if not clean:
            blank = True
            continue
        indent = len(raw) - len(raw.lstrip())
        lines.append(_Line(clean, len(lines), indent, blank))
        blank = False
    return _join_continuations(lines)


# "Gia Lai, ngày 19 tháng 4 năm 2024", "Quảng Trị, Thứ Năm 24/11/2022": the page header's place
# and date, as a letter is dated.
_PLACE_DATED = re.compile(rf"^[{UPPER}]\w*(?: [{UPPER}]\w*){{0,3}},\s+(?=\S*\s*\S*\s*\S*\d)")


def _date_line(text: str) -> DateLine | None:
    """A date line, also one that carries share links ("28/03/2023 15:20 | In bài | Gửi email")
    or opens with a place ("Gia Lai, ngày 19 tháng 4 năm 2024")."""
    found = parse_date_line(text)
    if found is None and "|" in text:
        fields = text.split("|")
        kept = [part for part in fields if fold_key(part).strip(" :.") not in SHARE_WORDS]
        if 0 < len(kept) < len(fields):
            found = parse_date_line(" | ".join(kept))
    if found is None and (place := _PLACE_DATED.match(text)):
        found = parse_date_line(text[place.end() :])
    return found


_CREDIT_LINE = re.compile(r"^\(?\s*ảnh\s*[:：]", _I)


def _join_continuations(lines: list[_Line]) -> list[_Line]:
    joined: list[_Line] = []
    for line in lines:
        previous = joined[-1] if joined else None
        if previous is not None and not line.blank_before and _continues(previous.text, line.text):
            previous.text = f"{previous.text} {line.text}"
            continue
        joined.append(line)
    for index, line in enumerate(joined):
        line.index = index
    return joined


def _continues(previous: str, current: str) -> bool:
    if parse_date_line(previous) or parse_date_line(current):
        return False
    if _CREDIT_LINE.match(current) and len(previous) <= 200:
        return True
    if len(previous) > 300:
        return False
    if previous.endswith(","):
        return True
    return previous[-1] not in '.!?:;"”)|' and current[0].islower()


def analyze(text: str) -> Layout:
    """Classify the lines of a page into chrome and article parts."""
    layout = Layout()
    lines = _split_lines(text, layout)
    head: list[_Line] = []
    body: list[tuple[str, _Line]] = []  # ("paragraph" | "caption", line)
    date_lines: list[tuple[int, DateLine, str]] = []
    byline_dates: list[tuple[DateLine, str]] = []
    chrome: list[int] = []  # menus, widgets and mastheads above the body
    in_body = False
    waiting_for_files = False
    trailing_views: int | None = None
    for line in lines:
        text_line = line.text
        key = fold_key(text_line) if len(text_line) <= 160 else ""
        line.key = key
        if key and is_end_marker(text_line, key):
            if in_body or any(len(h.text) >= 60 and h.text.endswith(".") for h in head):
                break
            chrome.append(line.index)
            continue
        if key and is_chrome(text_line, key, layout.breadcrumbs):
            chrome.append(line.index)
            continue
        date_line = _date_line(text_line) if key else None
        if date_line is not None:
            date_lines.append((line.index, date_line, text_line))
            if date_line.views is not None and layout.view_count is None:
                layout.view_count = date_line.views
            if date_line.trailing_number is not None and trailing_views is None:
                trailing_views = date_line.trailing_number
            continue
        if key and (dated := parse_dated_byline(text_line)) is not None:
            # "Minh Anh - 12/03/2023": the author line carries the publication date.
            byline, date_line = dated
            byline_dates.append((date_line, text_line))
            if layout.byline is None:
                layout.byline = byline
            continue
        views = parse_views(text_line) if key else None
        if views is not None:
            if layout.view_count is None:
                layout.view_count = views
            continue
        attachments = parse_attachment_line(text_line) if key else None
        if attachments is not None:
            layout.attachments.extend(attachments)
            waiting_for_files = not attachments
            continue
        if waiting_for_files and (names := file_names(text_line)):
            layout.attachments.extend(names)
            continue
        waiting_for_files = False
        if not in_body:
            if is_paragraph(text_line):
                in_body = True
                body.append(("paragraph", line))
            else:
                head.append(line)
            continue
        kind = "caption" if is_caption(text_line, line.indent, in_body=True) else "paragraph"
        body.append((kind, line))
    if layout.view_count is None:
        layout.view_count = trailing_views
    title_index, body_start = _resolve_head(
        layout, head, body, [i for i, _, _ in date_lines], chrome
    )
    first_body = body[0][1].index if body else (body_start if body_start is not None else 10**9)
    for index, date_line, text_line in date_lines:
        position = _date_position(index, date_line, title_index, first_body)
        if position == "before_title" and _above_chrome(index, chrome, title_index, first_body):
            position = "header"
        layout.dates.append(DateCandidate(date_line, position, text_line))
    for date_line, text_line in byline_dates:
        layout.dates.append(DateCandidate(date_line, "byline", text_line))
    _resolve_body(layout, body)
    return layout


def _date_position(index: int, line: DateLine, title_index: int | None, first_body: int) -> str:
    """before_title, after_title or body: where a date line sits relative to the headline.

    On a page with no headline, the date line right above the lead or right under it sits where
    a date line under a headline would: it is the publication date, not the page header.
    """
    if title_index is not None:
        if index < title_index:
            return "before_title"
        return "after_title" if index < first_body else "body"
    if index + 1 == first_body or index == first_body + 1:
        return "after_title"
    if index < first_body:
        header_like = line.time is None and not line.has_label
        return "before_title" if header_like else "after_title"
    return "body"


def _above_chrome(index: int, chrome: list[int], title_index: int | None, first_body: int) -> bool:
    """The page header's "today": a date line with the site's menu or masthead below it."""
    end = title_index if title_index is not None else first_body
    return index == 0 or any(index < at < end for at in chrome)


def _resolve_head(
    layout: Layout,
    head: list[_Line],
    body: list[tuple[str, _Line]],
    date_indices: list[int],
    chrome: list[int],
) -> tuple[int | None, int | None]:
    """Pick the site name and headline; return (headline line index, first body index).

    The indices of the head lines that are site chrome (mastheads, widgets) go to chrome.
    """
    crumb_keys = {fold_key(c) for c in layout.breadcrumbs}
    keys = [line.key or fold_key(line.text) for line in head]
    sites = [is_site_name(line.text, key) for line, key in zip(head, keys, strict=True)]
    body_index = body[0][1].index if body else 10**9
    date_index = max((index for index in date_indices if index < body_index), default=None)
    # An all-caps headline looks like a masthead; the one right above the date line or the
    # lead, below the real masthead, is the headline.
    masthead = sites.index(True) if True in sites else None
    for position, line in enumerate(head):
        if sites[position] and masthead is not None and position > masthead:
            sites[position] = line.index + 1 not in (date_index, body_index)
    widgets = [is_widget(line.text, key) for line, key in zip(head, keys, strict=True)]
    usable = [
        not (
            site
            or widget
            or key.rstrip(" :.") in CATEGORY_LABELS
            or key in crumb_keys
            or (is_caption(line.text, line.indent) and not is_all_caps(line.text))
        )
        for line, key, site, widget in zip(head, keys, sites, widgets, strict=True)
    ]
    mark_panel_items(head, usable, keys, set(chrome))
    chrome.extend(
        line.index
        for line, site, widget in zip(head, sites, widgets, strict=True)
        if site or widget
    )
    headline = choose_headline(head, usable, keys, date_index)
    title_index: int | None = None
    if headline is not None:
        layout.title = headline.text
        title_index = head[headline.first].index
    before = headline.first if headline is not None else len(head)
    layout.site_name = next(
        (line.text for line, site in zip(head[:before], sites, strict=False) if site), None
    )
    prefix: list[tuple[str, _Line]] = []
    rest = len(head)
    if headline is not None:
        rest = headline.last + 1
    else:
        # No headline: a lead-like line below the last chrome line opens the article.
        start = max((i + 1 for i, ok in enumerate(usable) if not ok), default=0)
        lead = next((i for i in range(start, len(head)) if lead_like(head[i].text, keys[i])), None)
        if lead is not None:
            prefix.append(("paragraph", head[lead]))
            rest = lead + 1
    head_after_title = head[rest] if headline is not None and rest < len(head) else None
    for line in head[rest:]:
        byline = parse_head_byline(line.text) if layout.byline is None else None
        if byline is not None and (_has_prefix(line.text) or line is head_after_title):
            layout.byline = byline  # "Bài, ảnh: X" or "MINH ANH - QUỐC BẢO" under the headline
        elif line is head[-1] and not body and parse_byline(line.text) is not None:
            prefix.append(("paragraph", line))  # the last line of a short page: its byline
        elif is_caption(line.text, line.indent):
            prefix.append(("caption", line))
        elif (
            len(line.text) >= 60
            and line.text.endswith((".", "…"))
            or not body
            and len(line.text) >= 40
        ):
            prefix.append(("paragraph", line))
        elif (
            not body
            and line is head[-1]
            and (parse_byline(line.text) or parse_org_byline(line.text))
        ):
            prefix.append(("paragraph", line))  # the author line ending a page of short lines
    body[:0] = prefix
    return title_index, (prefix[0][1].index if prefix else None)


def _has_prefix(text: str) -> bool:
    from .meta import BYLINE_PREFIX

    return bool(BYLINE_PREFIX.match(text))


def _resolve_body(layout: Layout, body: list[tuple[str, _Line]]) -> None:
    while len(body) > 1 and is_site_signature(body[-1][1].text):
        body.pop()  # "Ban Biên tập Cổng thông tin điện tử xã X": the site's footer
    if body and layout.byline is None:
        last_kind, last = body[-1]
        byline = parse_byline(last.text)
        if byline is None and len(body) > 1:
            byline = parse_org_byline(last.text)  # "Ban Tuyên giáo - Đối ngoại"
        if byline is not None and len(body) > 1:
            layout.byline = byline
            body.pop()
        elif (
            len(body) > 2
            and last_kind == "caption"
            and (previous := parse_byline(body[-2][1].text)) is not None
        ):
            layout.byline = previous  # "Name" followed by a trailing photo caption
            del body[-2]
    for kind, line in body:
        if kind == "caption":
            layout.captions.append(line.text)
        else:
            layout.paragraphs.append(line.text)

"""The main event of a report: title, kind, organizer and participants with roles."""

from __future__ import annotations

import re

from .dates import NOT_EVENT_BEFORE
from .layout import SENTENCE_BREAK
from .model import Event, Official, Participant
from .organizations import LocalityContext, find_organizations

_I = re.IGNORECASE
EVENT_NOUN = (
    r"(?:hội\s+nghị|hội\s+thảo|hội\s+thi|cuộc\s+thi|giao\s+ban|buổi\s+làm\s+việc|"
    r"tọa\s+đàm|toạ\s+đàm|diễn\s+đàn|đại\s+hội|buổi\s+gặp\s+mặt|lễ\s+\w+|"
    r"chương\s+trình\s+(?:giao\s+lưu|gặp\s+mặt))"
)
# Nouns that name the event only right after "tổ chức" (or as a headline's first words):
# elsewhere "gặp mặt", "ra mắt" are ordinary verbs.
LEAD_EVENT_NOUN = (
    rf"(?:{EVENT_NOUN}|gặp\s+mặt|hiệp\s+thương|"
    r"hội\s+thao|hội\s+diễn|hội\s+chợ|ngày\s+hội|liên\s+hoan|"
    r"lớp\s+(?:bồi\s+dưỡng|tập\s+huấn|đào\s+tạo)|"
    r"ra\s+mắt\s+(?:mô\s+hình|câu\s+lạc\s+bộ|clb|tổ|đội|nhóm|chi\s+hội|hội|ban|điểm|tuyến))"
)
_STARTS_WITH_EVENT = re.compile(rf"^{LEAD_EVENT_NOUN}(?!\w)", _I)
_ORGANIZED = re.compile(
    rf"(?:tổ\s+chức|chủ\s+trì|khai\s+mạc|diễn\s+ra|đã\s+diễn\s+ra)\s+({EVENT_NOUN}[^;.]*)"
    rf"|tổ\s+chức\s+({LEAD_EVENT_NOUN}(?!\w)[^;.]*)",
    _I,
)
# "UBND xã thông báo (sẽ) tổ chức Hội nghị": an announcement names its organizer the same way.
_WILL_ORGANIZE = r"\s+(?:thông\s+báo\s+)?(?:(?:đã|sẽ)\s+)?tổ\s+chức\s+"
_ORGANIZER = re.compile(rf"([^,.;:]{{3,160}}?){_WILL_ORGANIZE}{LEAD_EVENT_NOUN}(?!\w)", _I)
# The tail of an _ORGANIZER match: cheap to search, and no organizer match can start more than
# 160 characters before the first place it matches.
_ORGANIZER_TAIL = re.compile(rf"{_WILL_ORGANIZE}{LEAD_EVENT_NOUN}(?!\w)", _I)
_CLAUSE_END = re.compile(
    r",\s+(?:với\s+sự|nhằm|để|có\s+sự)\b"
    r"|\s+với\s+sự\s+(?:tham\s+(?:gia|dự)|chủ\s+trì|chứng\s+kiến|chỉ\s+đạo)\b",
    _I,
)
KIND_KEYWORDS = (
    ("truc-bao", re.compile(r"trực\s+báo", _I)),
    ("giao-ban", re.compile(r"giao\s+ban", _I)),
    ("tong-ket", re.compile(r"tổng\s+kết", _I)),
    ("so-ket", re.compile(r"sơ\s+kết", _I)),
    ("hoi-thi", re.compile(r"hội\s+thi|cuộc\s+thi", _I)),
    ("lam-viec", re.compile(r"làm\s+việc", _I)),
    ("lich-cong-tac", re.compile(r"lịch\s+công\s+tác", _I)),
)
_HOI_NGHI = re.compile(r"hội\s+nghị", _I)
_ANY_EVENT = re.compile(rf"(?<!\w){EVENT_NOUN}(?!\w)", _I)
_ANY_LEAD_EVENT = re.compile(rf"(?<!\w){LEAD_EVENT_NOUN}(?!\w)", _I)
ROLE_PATTERNS = (
    ("chu-tri", re.compile(r"(?<!\w)chủ\s+trì(?!\w)", _I)),
    ("du", re.compile(r"(?<!\w)(?:tham\s+)?dự(?!\s+(?:án|báo|kiến|thảo|toán|trữ))(?!\w)", _I)),
    ("chi-dao", re.compile(r"(?<!\w)chỉ\s+đạo(?!\w)", _I)),
    ("phat-bieu", re.compile(r"(?<!\w)(?:phát\s+biểu|kết\s+luận\s+(?:hội\s+nghị|buổi))", _I)),
)
# Lower-case strings of which each ROLE_PATTERNS match contains one (a cheap test first).
_ROLE_HINTS = (("trì",), ("dự",), ("đạo",), ("ểu", "luận"))
MAX_EVENT_TITLE = 200
# When the event is held, said inside its title: "Hội nghị ... vào lúc 14 giờ 00, ngày 05/3/2026
# tại hội trường", "Hội thao ... từ ngày 28/6 đến 2/7". The date goes to the event's date.
_WHEN = re.compile(
    r"\s*[,(]?\s*(?:(?:vào\s+)?(?:lúc|hồi)\s+\d|(?<=\()\d{1,2}\s*[/.-]\s*\d"
    r"|(?:vào\s+)?(?:(?:sáng|chiều|tối)\s+)?ngày\s+\d"
    r"|(?<!\w)(?:từ\s+ngày|trong\s+\S+\s+ngày)\s+\d)",
    _I,
)


def _shorten(text: str, limit: int) -> str:
    text = text.strip().rstrip(".,;: ")
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(".,;:–- ")
    return cut + "…"


def event_kind(title: str, context: str = "") -> str:
    """Most specific kind named in the title (earliest keyword), else in the context."""
    for text in (title, context):
        hits = [(m.start(), kind) for kind, rx in KIND_KEYWORDS if (m := rx.search(text))]
        if hits:
            return min(hits)[1]
    if _HOI_NGHI.search(title) or _HOI_NGHI.search(context):
        return "hoi-nghi"
    return "khac"


def find_event(
    title: str | None, paragraphs: list[str], ctx: LocalityContext | None
) -> Event | None:
    """The event the report is about, or None when it reports no meeting or activity."""
    lead = " ".join(paragraphs[:2])
    event_title = None
    if title and _STARTS_WITH_EVENT.match(title):
        event_title = title
    else:
        organized = _ORGANIZED.search(lead)
        if organized:
            phrase = _CLAUSE_END.split(organized.group(1) or organized.group(2))[0]
            event_title = phrase[0].upper() + phrase[1:]
    if event_title is None:
        if not (_ANY_EVENT.search(lead) or (title and _ANY_EVENT.search(title))):
            return None
        event_title = title or _ANY_EVENT.search(lead).group(0).capitalize()
    event = Event(
        title=_shorten(_without_when(event_title), MAX_EVENT_TITLE),
        kind=event_kind(event_title, _first_sentence(lead)),
    )
    organizer = _search_organizer(lead)
    if organizer:
        segment = _organizer_words(lead, organizer)
        event.organizer_as_written = segment
        if ctx is not None:
            found = find_organizations(segment, ctx)
            if found:
                event.organizer = found[0].organization.name
    return event


def _without_when(title: str) -> str:
    """The title up to the words that say when the event is held, if some are left."""
    when = _WHEN.search(title)
    if when is None or not _ANY_LEAD_EVENT.search(title, 0, when.start()):
        return title
    if NOT_EVENT_BEFORE.search(title, 0, when.start()):
        return title  # "Lễ kỷ niệm 50 năm ngày 30/4/1975": the day is part of the name
    return title[: when.start()]


def organizer_segment(paragraphs: list[str]) -> str | None:
    """The words before "tổ chức <event>" in the lead: who organized the event, as written."""
    lead = " ".join(paragraphs[:2])
    organizer = _search_organizer(lead)
    return _organizer_words(lead, organizer) if organizer else None


# "X chủ trì, phối hợp với Y tổ chức": the segment before "tổ chức" starts with the partner;
# the organizer is the subject of the clause before it.
_PARTNER_FIRST = re.compile(r"(?:phối\s+hợp|cùng)(?:\s+với)?\s", _I)
_CLAUSE_BEFORE = re.compile(r"([^,.;:]{3,160}?)\s*,\s*$")
# Where an organizer's name ends: "UBND xã Tân Lập cùng với Nhân dân các ấp tổ chức ...".
_NAME_ENDS = re.compile(
    r"\s+(?:chủ\s+trì|phối\s+hợp\s+với|phối\s+hợp|cùng\s+với|cùng|với|và\s+nhân\s+dân|đến|tại)(?!\w)",
    _I,
)


def _organizer_words(lead: str, organizer: re.Match) -> str:
    """The organizer as written: the subject of "tổ chức", up to where its name ends."""
    segment = organizer.group(1).strip()
    if _PARTNER_FIRST.match(segment):
        before = _CLAUSE_BEFORE.search(lead, max(0, organizer.start(1) - 170), organizer.start(1))
        if before:
            segment = before.group(1).strip()
    return _NAME_ENDS.split(segment, maxsplit=1)[0].strip() or segment


def _search_organizer(lead: str) -> re.Match | None:
    """_ORGANIZER.search(lead), without trying the lazy group at every position of the lead."""
    tail = _ORGANIZER_TAIL.search(lead)
    if tail is None:
        return None
    return _ORGANIZER.search(lead, max(0, tail.start() - 160))


def _first_sentence(text: str) -> str:
    return SENTENCE_BREAK.split(text, maxsplit=1)[0]


# "đồng chí Thưởng": an official named by the given name alone, after an honorific.
_SHORT_MENTION = re.compile(r"(?<!\w)(?:đồng\s+chí|đ/c|ông|bà)\s+([^\W\d_]+)(?!\w)", _I)


def _short_names(officials: list[Official]) -> dict[str, str]:
    """Given name -> full name, for the given names that only one official has."""
    by_given: dict[str, list[str]] = {}
    for official in officials:
        parts = official.name.split()
        if len(parts) >= 2:
            by_given.setdefault(parts[-1], []).append(official.name)
    return {given: names[0] for given, names in by_given.items() if len(names) == 1}


def _short_named(sentence: str, short: dict[str, str]) -> list[str]:
    """Full names of the officials a sentence names by the given name alone."""
    named: list[str] = []
    if not any(given in sentence for given in short):
        return named
    for match in _SHORT_MENTION.finditer(sentence):
        name = short.get(match.group(1))
        if name is not None and name not in named:
            named.append(name)
    return named


def assign_participants(event: Event, officials: list[Official], texts: list[str]) -> None:
    """Give officials roles (chu-tri, du, chi-dao, phat-bieu) from the sentences naming them."""
    roles: dict[str, list[str]] = {}
    short = _short_names(officials)
    for text in texts:
        if not any(o.name in text for o in officials) and not any(g in text for g in short):
            continue  # no sentence of it names anyone
        for sentence in SENTENCE_BREAK.split(text):
            named = [o.name for o in officials if o.name in sentence]
            if not named and short:
                named = _short_named(sentence, short)
            if not named:
                continue
            lowered = sentence.lower()
            sentence_roles = [
                role
                for (role, rx), hint in zip(ROLE_PATTERNS, _ROLE_HINTS, strict=True)
                if any(word in lowered for word in hint) and rx.search(sentence)
            ]
            for name in named:
                bucket = roles.setdefault(name, [])
                bucket.extend(r for r in sentence_roles if r not in bucket)
    event.participants = [
        Participant(name=o.name, roles=roles[o.name]) for o in officials if roles.get(o.name)
    ]

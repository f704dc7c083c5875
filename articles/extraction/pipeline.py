"""extract(): one noisy article page in, one Extracted out."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

from articles.text import nfc

from .bylines import without_places
from .dates import (
    anniversary_year,
    find_event_date,
    make_date,
    parse_ticker,
    strip_dateline,
    year_from_phrases,
    year_nearest,
    year_on_or_after,
    year_relative_to,
)
from .decoding import clean_decoded, normalize_text, page_url, read_decoded
from .documents import find_documents
from .errors import EmptyInputError
from .events import assign_participants, find_event, organizer_segment
from .gazetteer import CURRENT, Gazetteer, cached_match_key, load_gazetteer
from .layout import SENTENCE_BREAK, DateCandidate, Layout, analyze
from .localities import host_hint, is_higher_level, resolve_localities
from .model import VN_TZ, Extracted, ScheduleItem
from .org_issuers import add_issuers
from .organizations import LocalityContext, collect_organizations, find_organizations
from .people import build_officials, find_officials

# The Report.title column; a lead sentence longer than this is cut at its last clause break.
MAX_INFERRED_TITLE = 500
# Strongest first: a cut keeps the most complete clauses it can.
_CLAUSE_BREAKS = (re.compile(r";\s"), re.compile(r":\s|\s[–-]\s"), re.compile(r",\s"))

W_TITLE_INFERRED = (
    "Không tìm thấy tiêu đề; tạm lấy câu đầu của đoạn mở đầu. Bài giữ ở bản nháp cho đến khi "
    "biên tập viên đặt tiêu đề."
)
W_NO_DATE = "Không xác định được ngày đăng."
W_YEAR_INFERRED = "Năm của ngày sự kiện được suy ra."
W_NO_YEAR = "Không xác định được năm của bài viết."
W_NO_LOCALITY = "Không xác định được địa phương."
W_DISTRICT_UNKNOWN = "Không xác định được huyện: bài chỉ ghi «huyện» mà không nêu tên."
W_LOCALITY_ERA = (
    "Bài không có ngày: địa danh hiểu theo đơn vị hành chính trước và sau ngày 01/7/2025 "
    "không khớp nhau; chưa xác định được địa phương."
)
W_NO_AUTHOR = "Không tìm thấy tác giả."
W_NO_BODY = "Không tìm thấy nội dung bài viết."
W_SCHEDULE_YEAR = "Không xác định được năm của các mục lịch «Sự kiện nổi bật»; đã bỏ qua."


def infer_title(lead: str) -> str:
    """A working title for an editor: the lead's first sentence, whole, never cut with "…".

    It is no headline (the importer keeps such a report a draft until an editor writes one);
    only a sentence longer than the title column ends at its last clause break that fits.
    """
    sentence = SENTENCE_BREAK.split(lead, maxsplit=1)[0].strip().rstrip(".")
    if len(sentence) <= MAX_INFERRED_TITLE:
        return sentence
    head = sentence[: MAX_INFERRED_TITLE + 1]
    for clause_break in _CLAUSE_BREAKS:
        ends = [match.start() for match in clause_break.finditer(head)]
        if ends and ends[-1] >= MAX_INFERRED_TITLE // 2:
            return head[: ends[-1]]
    end = head.rfind(" ")
    return head[: end if end > 0 else MAX_INFERRED_TITLE].rstrip(" ,;:–-")


def choose_dates(candidates: list[DateCandidate]) -> tuple[DateCandidate | None, dt.date | None]:
    """(publication date line, page-header date).

    The date line right under the headline is the publication date, bare or with its time and
    weekday. The page header (a date above the site's menu or masthead) and a weekday date
    right above the headline are the site's "today", a page date, when they give no time; a
    date line above the headline is the publication date only when nothing under it is.
    """
    page: dt.date | None = None
    best: tuple[int, DateCandidate] | None = None
    for candidate in candidates:
        line = candidate.line
        explicit = line.time is not None or line.has_label
        header = candidate.position == "header"
        if (header or candidate.position == "before_title" and line.has_weekday) and not explicit:
            page = page or line.date
            continue
        if candidate.position == "after_title":
            strength = 5 if explicit else 4
        elif candidate.position == "byline":
            strength = 2
        elif candidate.position == "body":
            if not explicit:
                continue
            strength = 2  # "Ngày đăng: ..." printed after the article
        elif header:
            strength = 1  # the site's clock: the publication date only when nothing else is
        else:
            strength = 3 if explicit else 1
        if best is None or strength > best[0]:
            best = (strength, candidate)
    published = best[1] if best else None
    if page is None:  # a clock in the page header is the site's "today" too
        headers = (c for c in candidates if c.position == "header" and c is not published)
        page = next((c.line.date for c in headers), None)
    return published, page


def extract(
    text: str,
    *,
    source: str,
    gazetteer: Gazetteer | None = None,
    source_url: str | None = None,
) -> Extracted:
    """Extract the article, its metadata and its entities from one page's text.

    source_url is where the page was fetched from; without it, an HTML page's canonical or
    og:url address. Its host name is evidence for the report's locality.
    """
    if source_url is None:
        source_url = page_url(text)
    text = normalize_text(text)
    if not text.strip():
        raise EmptyInputError("Văn bản rỗng. / Empty text.")
    return _extract_clean(text, source=source, gazetteer=gazetteer, source_url=source_url)


def _extract_clean(
    text: str, *, source: str, gazetteer: Gazetteer | None, source_url: str | None
) -> Extracted:
    """extract() of text already normalized (normalize_text is not run twice: a second pass
    would strip as markup the tags a page's entities spelled out as text)."""
    gazetteer = gazetteer or load_gazetteer()
    layout = analyze(text)
    layout.byline = without_places(layout.byline, gazetteer.provinces_named)
    result = Extracted(source=source, text=text, source_url=source_url)
    _fill_layout(result, layout)
    _fill_dates(result, layout)
    body_text = "\n".join([result.title or "", *result.body_paragraphs, *result.captions])
    result.documents = find_documents(body_text)
    _fill_event_date(result)
    texts = [result.title or "", *result.body_paragraphs, *result.captions]
    # Officials first: a capitalized run that is an official's name is never a place.
    official_mentions = find_officials(texts, gazetteer)
    _fill_localities(result, layout, gazetteer, frozenset(name for name, _ in official_mentions))
    ctx = LocalityContext(gazetteer, *_locality_objects(result, gazetteer))
    byline_org = result.byline.organization if result.byline else None
    result.organizations = collect_organizations(
        texts, ctx, (byline_org or "", layout.site_name or "")
    )
    result.officials = build_officials(official_mentions, ctx)
    _add_position_organizations(result, ctx)
    add_issuers(result.organizations, result.documents, ctx)
    result.event = find_event(
        result.title if not result.title_inferred else None, result.body_paragraphs, ctx
    )
    if result.event is not None:
        result.event.date = result.event_date
        result.event.end_date = result.event_end_date
        result.event.time = result.event_time
        result.event.year_inferred = result.event_year_inferred
        assign_participants(
            result.event, result.officials, [*result.body_paragraphs, *result.captions]
        )
        _mark_role(result, result.event.organizer, "organizer")
    _mark_role(result, byline_org, "byline")
    _fill_year(result)
    if result.byline is None:
        result.warn("no_author", W_NO_AUTHOR)
    digest = hashlib.sha256(f"{nfc(result.title or '')}\n\n{result.body}".encode())
    result.content_hash = digest.hexdigest()
    return result


def extract_file(
    path: str | Path, *, gazetteer: Gazetteer | None = None, source_url: str | None = None
) -> Extracted:
    """Read (decode, clean) a file and extract it; the source is the path as given."""
    raw = read_decoded(path)
    if source_url is None:
        source_url = page_url(raw)
    return _extract_clean(
        clean_decoded(raw), source=str(path), gazetteer=gazetteer, source_url=source_url
    )


def _fill_layout(result: Extracted, layout: Layout) -> None:
    result.body_paragraphs = list(layout.paragraphs)
    result.captions = list(layout.captions)
    result.attachments = list(layout.attachments)
    result.view_count = layout.view_count
    result.byline = layout.byline
    result.site_name = layout.site_name
    # The body keeps the lead as written; the summary drops its dateline ("(BẮC GIANG) - ").
    result.summary = strip_dateline(layout.summary) if layout.summary else layout.summary
    if layout.title:
        result.title = layout.title
    elif result.summary:
        result.title = infer_title(result.summary)
        result.title_inferred = True
        result.warn("title_inferred", W_TITLE_INFERRED)
    if not result.body_paragraphs:
        result.warn("no_body", W_NO_BODY)


def _fill_dates(result: Extracted, layout: Layout) -> None:
    published, result.page_date = choose_dates(layout.dates)
    if published is not None:
        line = published.line
        result.published_date = line.date
        if line.time is not None:
            result.published_has_time = True
            result.published_at = dt.datetime.combine(line.date, line.time, tzinfo=VN_TZ)
    else:
        result.warn("no_date", W_NO_DATE)
    reference = result.page_date or result.published_date
    for raw in layout.ticker_lines:
        for day, month, year, item in parse_ticker(raw):
            if year is None and reference is None:
                result.warn("schedule_year_unknown", W_SCHEDULE_YEAR)
                continue
            year = year or year_nearest(day, month, reference)
            date = make_date(year, month, day) if year else None
            if date is not None:
                result.schedule.append(ScheduleItem(date, item, year_inferred=True))


def _fill_event_date(result: Extracted) -> None:
    title = result.title if not result.title_inferred else None
    found = find_event_date(result.body_paragraphs, title)
    if found is None:
        return
    result.event_time = found.time
    if found.year is not None:
        result.event_date, result.event_end_date = found.dates(found.year)
        return
    year = None
    if result.published_date is not None:
        infer = year_on_or_after if found.future else year_relative_to
        year = infer(found.day, found.month, result.published_date)
    else:
        text = "\n".join([result.title or "", *result.body_paragraphs])
        year = anniversary_year(text)
        if year is None:
            headline_lead = "\n".join([result.title or "", result.summary or ""])
            year = year_from_phrases(headline_lead, found.month)
    date, end_date = found.dates(year) if year else (None, None)
    if date is None:
        result.event_time = None
        result.warn(
            "event_year_unknown", f"Không xác định được năm của ngày sự kiện «{found.raw}»."
        )
        return
    result.event_date, result.event_end_date = date, end_date
    result.event_year_inferred = True
    result.warn("year_inferred", W_YEAR_INFERRED)


def _fill_localities(
    result: Extracted, layout: Layout, gazetteer: Gazetteer, people: frozenset[str]
) -> None:
    paragraphs = result.body_paragraphs
    sources: list[tuple[str, float]] = [
        (layout.site_name or "", 6.0),
        (result.title if not result.title_inferred else "", 4.0),
        (_headline_place(result.title) if not result.title_inferred else "", 4.0),
        (paragraphs[0] if paragraphs else "", 3.0),
        (result.byline.organization or "" if result.byline else "", 3.0),
    ]
    sources += [(p, 1.0) for p in paragraphs[1:]]
    sources += [(c, 1.0) for c in result.captions]
    sources += [(t, 0.5) for t in layout.ticker_lines]
    organizer = organizer_segment(paragraphs)
    found = resolve_localities(
        sources,
        gazetteer,
        "\n".join(paragraphs),
        higher_organizer=is_higher_level(organizer),
        organizer=organizer,
        day=result.published_date or result.event_date,
        host=host_hint(result.source_url, gazetteer),
        people=people,
    )
    result.locality_mentions = found.mentions
    result.locality_era = found.era if found.province is not None else None
    if found.province is not None:
        result.province = found.province.name
        result.province_code = found.province.code
    if found.district is not None:
        result.district = found.district.name
        result.district_code = found.district.code
    if found.commune is not None:
        result.commune = found.commune.name
        result.commune_code = found.commune.code
    if found.district_unnamed:
        result.warn("district_unknown", W_DISTRICT_UNKNOWN)
    if found.era_unknown:
        result.warn("locality_era_unknown", W_LOCALITY_ERA)
    if result.province is None:
        result.warn("no_locality", W_NO_LOCALITY)


def _headline_place(title: str | None) -> str:
    """The "Bình Phước" of a "Bình Phước: ..." headline (counted a second time)."""
    if title and ":" in title[:40]:
        return title.split(":", 1)[0]
    return ""


def _locality_objects(result: Extracted, gazetteer: Gazetteer):
    province = None
    if result.province_code and result.locality_era == CURRENT:
        province = gazetteer.province_2025(result.province_code)
    elif result.province_code:
        province = gazetteer.legacy_province(result.province_code)
    district = gazetteer.district(result.district_code) if result.district_code else None
    commune = None
    if result.commune_code and result.locality_era:
        commune = gazetteer.commune(result.commune_code, result.locality_era)
    return province, district, commune


def _add_position_organizations(result: Extracted, ctx: LocalityContext) -> None:
    """Bodies named only inside a title ("Trưởng Ban Dân vận Tỉnh ủy") are organizations too."""
    known = {cached_match_key(org.name) for org in result.organizations}
    for official in result.officials:
        for position in official.positions:
            if not position.organization or cached_match_key(position.organization) in known:
                continue
            for found in find_organizations(position.title, ctx):
                key = cached_match_key(found.organization.name)
                if key not in known:
                    known.add(key)
                    found.organization.roles.append("position")
                    result.organizations.append(found.organization)


def _mark_role(result: Extracted, name: str | None, role: str) -> None:
    if not name:
        return
    for organization in result.organizations:
        if organization.name == name or organization.as_written == name:
            if role not in organization.roles:
                organization.roles.append(role)
            return


def _fill_year(result: Extracted) -> None:
    if result.published_date is not None:
        result.year = result.published_date.year
    elif result.event_date is not None:
        result.year = result.event_date.year
        result.year_inferred = result.event_year_inferred
    else:
        result.warn("no_year", W_NO_YEAR)

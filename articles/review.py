"""Why a report needs review: one registry of reasons, and how an editor resolves them.

``Report.review_reasons`` holds a list of entries, each a dict:

- ``code``: a stable code from ``REASONS`` (or ``OTHER`` for a sentence no code describes);
- ``text`` (optional): the sentence as the importer wrote it, when it says more than the
  registry's (the raw date of "event_year_unknown") or when no code describes it;
- ``dismissed_by`` / ``dismissed_at`` (optional): who set the reason aside ("Bỏ qua") and when.

A reason the editor resolves (enters the date, chooses the locality, edits the headline) is
removed on save; a dismissed one stays, marked, so the change form can say who dismissed it.
"Đã rà soát" (``needs_review=False``) is allowed only once no reason is open.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django.db import connection
from django.db.models import BooleanField
from django.db.models.expressions import RawSQL
from django.utils import timezone


@dataclass(frozen=True)
class Reason:
    """One kind of review reason: what went wrong, and what the editor should do."""

    code: str
    sentence: str
    action: str
    # Whether the report, as the editor is saving it, supplies what was missing; it gets the
    # report (with the form's values) and the names of the fields the editor changed.
    resolved: Callable[[object, set[str]], bool] | None = None
    # Sentences older imports stored for this reason (converted by migration 0018).
    former: tuple[str, ...] = ()


def _changed(*fields: str):
    return lambda report, changed: bool(changed & set(fields))


OTHER = "other"

_REASONS = [
    Reason(
        "title_inferred",
        "Không tìm thấy tiêu đề; tiêu đề hiện là câu đầu của đoạn mở đầu.",
        "Xác nhận tiêu đề",
        _changed("title"),
        former=(
            "Không tìm thấy tiêu đề; tạm lấy câu đầu của đoạn mở đầu. Bài giữ ở bản nháp cho "
            "đến khi biên tập viên đặt tiêu đề.",
        ),
    ),
    Reason(
        "no_date",
        "Không xác định được ngày đăng.",
        "Nhập ngày đăng",
        lambda report, changed: report.published_at is not None,
        former=(
            "Không xác định được ngày đăng.",
            "Không xác định được ngày đăng hay ngày diễn ra.",
        ),
    ),
    Reason(
        "no_locality",
        "Không xác định được địa phương.",
        "Chọn địa phương",
        lambda report, changed: report.locality_id is not None,
        former=("Không xác định được địa phương.",),
    ),
    Reason(
        "locality_era_unknown",
        "Bài không có ngày: địa danh hiểu theo đơn vị hành chính trước và sau ngày 01/7/2025 "
        "không khớp nhau; chưa xác định được địa phương.",
        "Chọn địa phương",
        lambda report, changed: report.locality_id is not None and "locality" in changed,
        former=(
            "Bài không có ngày: địa danh hiểu theo đơn vị hành chính trước và sau ngày "
            "01/7/2025 không khớp nhau; chưa xác định được địa phương.",
        ),
    ),
    Reason(
        "district_unknown",
        "Không xác định được huyện: bài chỉ ghi «huyện» mà không nêu tên.",
        "Chọn địa phương",
        _changed("locality"),
        former=("Không xác định được huyện: bài chỉ ghi «huyện» mà không nêu tên.",),
    ),
    Reason(
        "no_year",
        "Không xác định được năm của bài viết.",
        "Nhập năm",
        lambda report, changed: report.year is not None,
        former=("Không xác định được năm của bài viết.",),
    ),
    Reason(
        "year_inferred",
        "Năm của ngày sự kiện được suy ra.",
        "Kiểm tra ngày diễn ra sự kiện",
        _changed("event_date", "event_date_precision"),
        former=("Năm của ngày sự kiện được suy ra.",),
    ),
    Reason(
        "event_year_unknown",
        "Không xác định được năm của ngày sự kiện.",
        "Nhập ngày diễn ra sự kiện",
        lambda report, changed: report.event_date is not None,
    ),
    Reason(
        "no_author",
        "Không tìm thấy tác giả.",
        "Nhập tác giả",
        lambda report, changed: bool(report.author.strip()),
        former=("Không tìm thấy tác giả.",),
    ),
    Reason(
        "no_body",
        "Không tìm thấy nội dung bài viết.",
        "Nhập nội dung",
        lambda report, changed: bool(report.body.strip()),
        former=("Không tìm thấy nội dung bài viết.",),
    ),
    Reason(
        "schedule_year_unknown",
        "Không xác định được năm của các mục lịch «Sự kiện nổi bật»; đã bỏ qua.",
        "Kiểm tra lịch sự kiện trong bài",
        former=("Không xác định được năm của các mục lịch «Sự kiện nổi bật»; đã bỏ qua.",),
    ),
    Reason(OTHER, "Lý do khác.", "Kiểm tra và xử lý"),
]

REASONS: dict[str, Reason] = {reason.code: reason for reason in _REASONS}
# Old sentences whose start tells their code (they carried a detail, such as a raw date).
_FORMER_PREFIXES = {"Không xác định được năm của ngày sự kiện": "event_year_unknown"}


def reason(entry: Mapping) -> Reason:
    return REASONS.get(entry.get("code"), REASONS[OTHER])


def sentence(entry: Mapping) -> str:
    return entry.get("text") or reason(entry).sentence


def is_open(entry: Mapping) -> bool:
    return not entry.get("dismissed_at")


def open_entries(entries: Iterable[Mapping] | None) -> list[Mapping]:
    return [entry for entry in as_entries(entries) if is_open(entry)]


def entry_for(code: str, message: str = "") -> dict:
    """The stored entry for an importer's reason code and its sentence."""
    known = REASONS.get(code)
    if known is None or code == OTHER:
        return {"code": OTHER, "text": message or code}
    entry = {"code": code}
    if message and message != known.sentence and message not in known.former:
        entry["text"] = message
    return entry


def from_import(codes: Iterable[str], messages: Mapping[str, str]) -> list[dict]:
    """The entries for what an extraction found; each code once, in the order found."""
    seen, entries = set(), []
    for code in codes:
        if code not in seen:
            seen.add(code)
            entries.append(entry_for(code, messages.get(code, "")))
    return entries


def from_sentence(message: str) -> dict:
    """The entry for a sentence stored before reasons had codes (migration 0018)."""
    for known in REASONS.values():
        if message == known.sentence or message in known.former:
            return {"code": known.code}
    for prefix, code in _FORMER_PREFIXES.items():
        if message.startswith(prefix):
            return {"code": code, "text": message}
    return {"code": OTHER, "text": message}


def as_entries(value) -> list[dict]:
    """Stored reasons as entries, whatever shape an older row or a hand edit left."""
    if not value:
        return []
    if isinstance(value, (str, dict)):
        value = [value]
    entries = []
    for item in value:
        if isinstance(item, dict) and item.get("code"):
            entries.append(dict(item))
        elif isinstance(item, str) and item.strip():
            entries.append(from_sentence(item.strip()))
    return entries


def key(entry: Mapping) -> str:
    """Tells apart the entries of one report (two "other" reasons differ by their text)."""
    return f"{entry.get('code')}:{entry.get('text', '')}"


def updated(
    entries,
    report,
    changed: Iterable[str],
    *,
    dismiss: Iterable[str] = (),
    user=None,
    now=None,
) -> list[dict]:
    """The report's reasons after an editor's save: the resolved removed, ``dismiss`` (keys of
    open entries) marked dismissed by ``user`` at ``now``."""
    changed, dismiss = set(changed), set(dismiss)
    now = now or timezone.now()
    result = []
    for entry in as_entries(entries):
        if is_open(entry):
            check = reason(entry).resolved
            if check is not None and check(report, changed):
                continue
            if key(entry) in dismiss:
                entry["dismissed_by"] = getattr(user, "get_username", lambda: "")()
                entry["dismissed_at"] = now.isoformat()
        result.append(entry)
    return result


# -- the queue's counts -------------------------------------------------------------------------

# SQLite reads a key only from an object (an old plain sentence has none: "other").
_SQLITE_CODE = "CASE item.type WHEN 'object' THEN json_extract(item.value, '$.code') END"
_SQLITE_OPEN = (
    "CASE item.type WHEN 'object' THEN json_extract(item.value, '$.dismissed_at') END IS NULL"
)

_COUNT_SQL = {
    # One pass over the reports that need review, unnesting their short lists of reasons.
    "postgresql": (
        "SELECT item.code, COUNT(*) FROM articles_report r CROSS JOIN LATERAL ("
        "SELECT DISTINCT e->>'code' AS code FROM jsonb_array_elements(CASE WHEN "
        "jsonb_typeof(r.review_reasons) = 'array' THEN r.review_reasons ELSE '[]'::jsonb END) e "
        "WHERE NOT (e ? 'dismissed_at')) item WHERE r.needs_review GROUP BY 1"
    ),
    "sqlite": (
        f"SELECT {_SQLITE_CODE}, COUNT(DISTINCT r.id) "  # noqa: S608 - constants only
        "FROM articles_report r, json_each(r.review_reasons) AS item "
        "WHERE r.needs_review AND json_type(r.review_reasons) = 'array' "
        f"AND {_SQLITE_OPEN} GROUP BY 1"
    ),
}


def open_reason_counts() -> dict[str, int]:
    """{code: number of reports needing review with that reason open}, in one query."""
    sql = _COUNT_SQL.get(connection.vendor)
    if sql is None:  # another database: count in Python (never used by this project)
        from articles.models import Report

        counts: dict[str, int] = {}
        for value in Report.objects.needing_review().values_list("review_reasons", flat=True):
            for code in {reason(entry).code for entry in open_entries(value)}:
                counts[code] = counts.get(code, 0) + 1
        return counts
    with connection.cursor() as cursor:
        cursor.execute(sql)
        rows = cursor.fetchall()
    counts = {}
    for code, count in rows:
        code = code if code in REASONS else OTHER
        counts[code] = counts.get(code, 0) + count
    return counts


def reports_with_open_reason(queryset, code: str | None, *, present: bool = True):
    """The reports of ``queryset`` with an open reason ``code`` (unknown codes count as
    "other"; None: any reason); with ``present=False``, those without one.

    The condition reads the row of the query itself: use it on a queryset of reports, never
    inside a subquery (``pk__in``), where it would read the outer row."""
    if connection.vendor == "postgresql":
        condition = (
            "EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN "
            "jsonb_typeof(articles_report.review_reasons) = 'array' THEN "
            "articles_report.review_reasons ELSE '[]'::jsonb END) item "
            "WHERE NOT (item ? 'dismissed_at') AND {match})"
        )
        column = "item->>'code'"
    else:
        condition = (
            "json_type(articles_report.review_reasons) = 'array' AND EXISTS (SELECT 1 FROM "  # noqa: S608
            f"json_each(articles_report.review_reasons) item WHERE {_SQLITE_OPEN} AND {{match}})"
        )
        column = _SQLITE_CODE
    if code is None:
        params, match = [], "1 = 1"
    elif code == OTHER:
        params = [name for name in REASONS if name != OTHER]
        marks = ", ".join(["%s"] * len(params))
        match = f"({column} IS NULL OR {column} NOT IN ({marks}))"
    else:
        params, match = [code], f"{column} = %s"
    sql = condition.format(match=match)
    if not present:
        sql = f"NOT ({sql})"
    # Only constant SQL is formatted in; the code travels as a parameter.
    return queryset.filter(RawSQL(sql, params, output_field=BooleanField()))  # noqa: S611

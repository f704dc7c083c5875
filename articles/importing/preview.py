"""The dry-run table of an upload: what each file holds and what importing it would do."""

from __future__ import annotations

from django.db.models import Q

from articles import review
from articles.importing.batch import Batch, SourceFile
from articles.importing.importer import FileResult, Importer, Outcome, fingerprint
from articles.models import Report

CREATE, UPDATE, UNCHANGED, REPEAT, FAIL = "create", "update", "unchanged", "repeat", "fail"
PLAN_LABELS = {
    CREATE: "Tạo mới",
    UPDATE: "Cập nhật bài đã có",
    UNCHANGED: "Không đổi (đã nhập)",
    REPEAT: "Trùng nội dung với tệp khác trong lô",
    FAIL: "Lỗi, sẽ không nhập",
}
DRAFT_NOTE = "Sẽ lưu là bản nháp (chờ biên tập viên hoàn thiện trước khi xuất bản)."


def _date_label(extracted) -> str:
    if extracted.published_at is not None and extracted.published_has_time:
        return extracted.published_at.strftime("%H:%M %d/%m/%Y")
    day = extracted.published_date or (
        extracted.published_at.date() if extracted.published_at else None
    )
    if day is not None:
        return day.strftime("%d/%m/%Y")
    if extracted.event_date is not None:
        return f"diễn ra {extracted.event_date.strftime('%d/%m/%Y')}"
    if extracted.year is not None:
        return f"năm {extracted.year}"
    return ""


def rows(batch: Batch, sources: list[SourceFile], importer: Importer) -> list[dict]:
    """One row a file of a dry run, as plain data (it is kept in the staging folder)."""
    assert batch.dry_run
    keys = [source.key for source in sources if source.key]
    hashes = [r.extracted.content_hash for r in batch.results if r.extracted is not None]
    existing = list(
        Report.objects.filter(Q(source_file__in=keys) | Q(content_hash__in=hashes))
        .order_by("pk")
        .values("pk", "title", "source_file", "content_hash", "import_fingerprint")
    )
    by_key = {report["source_file"]: report for report in existing}
    by_hash = {}
    for report in existing:
        by_hash.setdefault(report["content_hash"], report)
    seen: dict[str, str] = {}
    table = []
    for source, result in zip(sources, batch.results, strict=True):
        table.append(_row(source, result, importer, by_key, by_hash, seen))
    return table


def _row(
    source: SourceFile,
    result: FileResult,
    importer: Importer,
    by_key: dict,
    by_hash: dict,
    seen: dict[str, str],
) -> dict:
    row = {
        "label": source.label,
        "title": "",
        "date": "",
        "locality": "",
        "officials": [],
        "warnings": [],
        "report": None,
        "report_title": "",
    }
    extracted = result.extracted
    if result.outcome == Outcome.FAILED or extracted is None:
        row.update(plan=FAIL, warnings=[result.error or ""])
        row["plan_label"] = PLAN_LABELS[FAIL]
        return row
    locality = importer.places.for_article(extracted)
    # The very fields the import would write: its draft rule and its review reasons.
    fields = importer._report_fields(extracted, locality)
    warnings = [review.sentence(entry) for entry in fields["review_reasons"]]
    warnings = warnings or list(extracted.warnings)
    if fields["status"] == Report.Status.DRAFT:
        warnings.append(DRAFT_NOTE)
    report = by_key.get(source.key) or by_hash.get(extracted.content_hash)
    if extracted.content_hash in seen:
        plan = REPEAT
        warnings.append(f"Cùng nội dung với {seen[extracted.content_hash]}.")
    elif report is None:
        plan = CREATE
    elif report["import_fingerprint"] == fingerprint(extracted):
        plan = UNCHANGED
    else:
        plan = UPDATE
    seen.setdefault(extracted.content_hash, source.label)
    row.update(
        plan=plan,
        plan_label=PLAN_LABELS[plan],
        title=fields["title"],
        title_inferred=extracted.title_inferred,
        date=_date_label(extracted),
        locality=str(locality) if locality is not None else "",
        officials=[
            f"{item.name} ({item.title})" if item.title else item.name
            for item in extracted.officials
        ],
        warnings=warnings,
        report=report["pk"] if report else None,
        report_title=report["title"] if report else "",
    )
    return row

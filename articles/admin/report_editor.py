"""What the report admin adds for an editor at work: the review queue ("Cần rà soát"), the
preview, provenance and reasons in Vietnamese, and the list's review, place and date columns."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles import review
from articles.admin.preview import preview_response
from articles.admin.report_form import ReportForm
from articles.admin.widgets import BulkAutocompleteMixin
from articles.models import Report
from articles.models.base import DatePrecision

QUEUE_SAMPLE = 20  # reports listed under each reason; the changelist filter shows them all
# The inlines' names for the related sets an import fills (Report.IMPORTED_FIELDS).
RELATED_LABELS = {
    "mentions": "cán bộ được nhắc đến",
    "citations": "văn bản được trích dẫn",
    "captions": "chú thích ảnh",
    "attachments": "tệp đính kèm",
}
NOT_FROM_FILE = {"status", "needs_review", "review_reasons"}


def field_label(name: str) -> str:
    if name in RELATED_LABELS:
        return RELATED_LABELS[name]
    try:
        return str(Report._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - an old name no longer a field: show it as stored
        return name


def local_date(value, precision: str) -> str:
    """ "13/04/2022 09:30", or "13/04/2022" for a date known only to the day."""
    if value is None:
        return ""
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        if precision == DatePrecision.EXACT:
            return value.strftime("%d/%m/%Y %H:%M")
        return value.strftime("%d/%m/%Y")
    return value.strftime("%d/%m/%Y")


class ReasonFilter(admin.SimpleListFilter):
    """The reports with one open review reason (the queue's "xem tất cả")."""

    title = "lý do cần rà soát"
    parameter_name = "ly_do"

    def lookups(self, request, model_admin):
        return [(code, reason.action + ": " + reason.sentence) for code, reason in _listed()]

    def queryset(self, request, queryset):
        code = self.value()
        if code not in review.REASONS:
            return queryset
        return review.reports_with_open_reason(queryset.filter(needs_review=True), code)


def _listed():
    return list(review.REASONS.items())


class ReportEditorMixin(BulkAutocompleteMixin):
    """Mixed into ReportAdmin (articles/admin/reports.py)."""

    form = ReportForm

    class Media:
        css = {"all": ["css/admin-report.css"]}

    # -- urls ------------------------------------------------------------------------------

    def get_urls(self):
        wrap = self.admin_site.admin_view
        prefix = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        return [
            path(
                "can-ra-soat/",
                wrap(self.review_queue_view),
                name=f"{prefix}_review_queue",
            ),
            path("xem-truoc/", wrap(self.preview_view), name=f"{prefix}_preview_add"),
            path(
                "<path:object_id>/xem-truoc/",
                wrap(self.preview_view),
                name=f"{prefix}_preview",
            ),
            *super().get_urls(),
        ]

    def preview_view(self, request, object_id=None):
        return preview_response(self, request, object_id)

    def review_queue_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        queryset = Report.objects.needing_review()
        counts = review.open_reason_counts()
        groups = []
        changelist = reverse("admin:articles_report_changelist")
        for code, reason in _listed():
            count = counts.get(code, 0)
            if not count:
                continue
            rows = review.reports_with_open_reason(queryset, code).only(
                "pk", "title", "status", "published_at", "review_reasons"
            )[:QUEUE_SAMPLE]
            groups.append(
                {
                    "reason": reason,
                    "count": count,
                    "reports": list(rows),
                    "all_url": f"{changelist}?needs_review__exact=1&ly_do={code}",
                }
            )
        groups.sort(key=lambda group: -group["count"])
        total = queryset.count()
        settled = review.reports_with_open_reason(queryset, None, present=False)
        context = {
            **self.admin_site.each_context(request),
            "title": "Cần rà soát",
            "opts": self.model._meta,
            "groups": groups,
            "total": total,
            "settled_count": settled.count(),
            "settled": list(settled.only("pk", "title", "status")[:QUEUE_SAMPLE]),
            "changelist_url": f"{changelist}?needs_review__exact=1",
        }
        return TemplateResponse(request, "admin/articles/report/review_queue.html", context)

    # -- the change form -------------------------------------------------------------------

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.review_user = request.user
        return form

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and review.open_entries(obj.review_reasons):
            return fieldsets
        # Nothing to dismiss: leave the empty checkbox list out.
        return [
            (name, {**options, "fields": _without(options["fields"], "dismiss_reasons")})
            for name, options in fieldsets
        ]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        prefix = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        if object_id is None:
            url = reverse(f"admin:{prefix}_preview_add")
        else:
            url = reverse(f"admin:{prefix}_preview", args=[object_id])
        extra_context = {**(extra_context or {}), "preview_url": url}
        return super().changeform_view(request, object_id, form_url, extra_context)

    @admin.display(description="lý do cần rà soát")
    def review_summary(self, obj):
        entries = review.as_entries(obj.review_reasons) if obj else []
        if not entries:
            return "Không có lý do nào."
        rows = []
        for entry in entries:
            if review.is_open(entry):
                rows.append(
                    (
                        "review-open",
                        review.sentence(entry),
                        f"Cần làm: {review.reason(entry).action}.",
                    )
                )
            else:
                who = entry.get("dismissed_by") or "không rõ ai"
                when = _when(entry.get("dismissed_at"))
                rows.append(
                    ("review-dismissed", review.sentence(entry), f"Đã bỏ qua: {who}{when}.")
                )
        return format_html(
            '<ul class="review-reasons">{}</ul>',
            format_html_join(
                "", '<li class="{}">{} <span class="review-action">{}</span></li>', rows
            ),
        )

    @admin.display(description="nguồn gốc dữ liệu")
    def provenance(self, obj):
        if obj is None or not obj.source_file:
            return "Bài do biên tập viên viết, không nhập từ tệp."
        edited = [name for name in obj.edited_fields]
        from_file = [
            name
            for name in Report.IMPORTED_FIELDS
            if name not in edited and name not in NOT_FROM_FILE
        ]
        parts = [
            ("Lấy từ tệp nguồn (lần nhập sau còn cập nhật)", from_file),
            ("Biên tập viên đã sửa (lần nhập sau giữ nguyên)", edited),
        ]
        return format_html(
            '<dl class="provenance">{}</dl>',
            format_html_join(
                "",
                "<dt>{}</dt><dd>{}</dd>",
                (
                    (title, ", ".join(field_label(name) for name in names) or "Không có.")
                    for title, names in parts
                ),
            ),
        )

    # -- the list ---------------------------------------------------------------------------

    @admin.display(description="cần rà soát", ordering="needs_review")
    def review_column(self, obj):
        if not obj.needs_review:
            return ""
        count = len(review.open_entries(obj.review_reasons))
        if not count:
            return format_html('<span class="review-count">{}</span>', "chờ xác nhận")
        return format_html('<span class="review-count">{} lý do</span>', count)

    @admin.display(description="ngày", ordering="sort_date")
    def best_date(self, obj):
        if obj.published_at is not None:
            return local_date(obj.published_at, obj.published_precision)
        if obj.event_date is not None:
            return local_date(obj.event_date, DatePrecision.DAY) + " (sự kiện)"
        if obj.year is not None:
            approx = "khoảng " if obj.year_precision == DatePrecision.YEAR_INFERRED else ""
            return f"{approx}năm {obj.year}"
        return "không rõ"

    # -- "Đã rà soát" --------------------------------------------------------------------

    def refuse_unresolved(self, request, reports) -> list:
        """The reports that may be marked reviewed; a message for each of the others."""
        allowed = []
        for report in reports:
            still_open = review.open_entries(report.review_reasons)
            if still_open:
                self.message_user(
                    request,
                    f"«{report.title}»: chưa thể đánh dấu đã rà soát, còn {len(still_open)} "
                    f"lý do chưa xử lý ({'; '.join(review.sentence(e) for e in still_open)}).",
                    messages.ERROR,
                )
            else:
                allowed.append(report.pk)
        return allowed


def _without(fields, name):
    result = []
    for item in fields:
        if isinstance(item, (list, tuple)):
            item = type(item)(f for f in item if f != name)
            if item:
                result.append(item)
        elif item != name:
            result.append(item)
    return result


def _when(value: str | None) -> str:
    if not value:
        return ""
    try:
        moment = timezone.datetime.fromisoformat(value)
    except ValueError:
        return ""
    return f", lúc {timezone.localtime(moment).strftime('%H:%M %d/%m/%Y')}"

"""Reports: the editors' main form, the workflow's actions, and old addresses."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import F
from django.utils import timezone

from articles.admin.base import (
    FoldedSearchMixin,
    edited_fields,
    formset_edited,
)
from articles.admin.inlines import (
    AttachmentInline,
    CaptionInline,
    CitationInline,
    ReportOfficialInline,
    ReportOrganizationInline,
)
from articles.admin.lookups import SafeChangelistAdmin
from articles.admin.report_editor import ReasonFilter, ReportEditorMixin
from articles.admin.report_form import ReportForm
from articles.admin.revisions import ReportRevisionsMixin, StaleSaveForm
from articles.admin.uploads import ImportUploadMixin
from articles.admin.workflow import ReportStateFormMixin, StateFilter, WorkflowAdminMixin
from articles.models import (
    Report,
    SlugRedirect,
)
from articles.models.visibility import linked_to, refresh_visibility
from articles.revisions import record_baselines, record_version


class ReportAdminForm(ReportStateFormMixin, StaleSaveForm, ReportForm):
    """The report's change form: no date moves it in or out of readers' sight (the workflow's),
    a save after someone else's is refused (revisions), review reasons resolve (review). The
    admin builds the rest of its Meta (fields) from ReportAdmin."""

    class Meta(ReportForm.Meta):
        pass


@admin.register(Report)
class ReportAdmin(
    ReportEditorMixin,
    WorkflowAdminMixin,
    ReportRevisionsMixin,
    ImportUploadMixin,
    FoldedSearchMixin,
    SafeChangelistAdmin,
):
    form = ReportAdminForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = [
        "title",
        "locality",
        "best_date",
        "state_column",
        "review_column",
        "featured",
    ]
    list_display_links = ["title"]
    list_filter = [
        StateFilter,
        ("province", admin.RelatedOnlyFieldListFilter),
        "year",
        "needs_review",
        ReasonFilter,
        "featured",
    ]
    # The places are fetched after the page is cut (see get_queryset).
    list_select_related = []
    # No date_hierarchy: its DISTINCT over every report's date cost 80 ms a page at 100,000
    # reports, and the year filter above does the same job from an index.
    search_fields = ["title"]  # shows the box; matching is folded (FoldedSearchMixin)
    search_help_text = "Tìm theo tiêu đề, tóm tắt, tác giả, nội dung; gõ có hoặc không dấu."
    autocomplete_fields = [
        "locality",
        "event",
        "author_organization",
        "mentioned_localities",
    ]
    inlines = [
        ReportOfficialInline,
        ReportOrganizationInline,
        CitationInline,
        CaptionInline,
        AttachmentInline,
    ]
    actions = ["submit_for_review", "publish", "unpublish", "mark_reviewed"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match is not None and match.url_name == "articles_report_changelist":
            # The list shows no text columns; joining three levels of places before the
            # LIMIT made PostgreSQL hash the 14,000 units for every page.
            queryset = queryset.defer(
                "body", "raw_text", "search_text", "summary"
            ).prefetch_related("locality__parent__parent")
        return queryset

    readonly_fields = [
        # Only the workflow's buttons and actions change it (articles.workflow.transition).
        "status",
        "first_published_at",
        "province",
        "district",
        "commune",
        "view_count",
        "review_summary",
        "provenance",
        "source_file",
        "content_hash",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            "Xuất bản",
            {
                "fields": [
                    ("status", "first_published_at"),
                    "featured",
                    "needs_review",
                    "review_summary",
                    "dismiss_reasons",
                ]
            },
        ),
        (
            "Thời gian",
            {
                "fields": [
                    ("published_at", "published_precision"),
                    ("event_date", "event_date_precision"),
                    ("year", "year_precision"),
                    "page_date",
                ]
            },
        ),
        (
            "Địa bàn, sự kiện",
            {
                "fields": [
                    "locality",
                    ("province", "district", "commune"),
                    "mentioned_localities",
                    "event",
                ]
            },
        ),
        (
            "Tác giả và nguồn",
            {
                "fields": [
                    ("author", "author_organization"),
                    ("source_site", "source_url"),
                    ("source_view_count", "view_count"),
                ]
            },
        ),
        (
            "Nguồn nhập (chỉ đọc)",
            {
                "fields": [
                    "provenance",
                    "source_file",
                    "content_hash",
                    ("created_at", "updated_at"),
                ],
            },
        ),
    ]

    def save_model(self, request, obj, form, change):
        if change:
            obj.mark_edited([*edited_fields(form), *form.review_edited()])
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Before the inlines save: edited_fields() puts back a text that did not really change.
        edited = [formset.prefix for formset in formsets if formset_edited(formset)]
        super().save_related(request, form, formsets, change)
        if change and edited:
            report = form.instance
            report.mark_edited(edited)
            Report.objects.filter(pk=report.pk).update(edited_fields=report.edited_fields)

    def _apply(self, request, queryset, message, history, **changes):
        """Bulk-change reports and remember the change as an editor's, like a form save: the
        fields count as edited, and each report's history ("Lịch sử") records who did what."""
        reports = list(queryset)
        record_baselines(reports)
        now = timezone.now()
        for report in reports:
            for field, value in changes.items():
                setattr(report, field, value)
            report.mark_edited(changes)
            report.updated_at = now  # bulk_update leaves auto_now alone
            report.edit_version = F("edit_version") + 1  # forms opened before are stale
            if report.status == Report.Status.PUBLISHED and report.first_published_at is None:
                report.first_published_at = now  # its slug stops following the title
        fields = [*changes, "edited_fields", "updated_at", "first_published_at", "edit_version"]
        Report.objects.bulk_update(reports, fields)
        # bulk_update sends no signals: show or hide what these reports name.
        refresh_visibility(linked_to(report.pk for report in reports))
        for report in reports:
            self.log_change(request, report, f"{history} (thao tác hàng loạt)")
        record_version(reports, user=request.user, comment=f"{history} (thao tác hàng loạt)")
        self.message_user(request, message % len(reports), messages.SUCCESS)

    @admin.action(description="Đánh dấu đã rà soát", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        # Only reports whose every reason was resolved or dismissed (a message for the rest).
        allowed = self.refuse_unresolved(
            request, queryset.prefetch_related(None).only("pk", "title", "review_reasons")
        )
        if allowed:
            self._apply(
                request,
                queryset.filter(pk__in=allowed),
                "Đã đánh dấu rà soát xong %d bài viết.",
                "Đánh dấu đã rà soát",
                needs_review=False,
            )


@admin.register(SlugRedirect)
class SlugRedirectAdmin(SafeChangelistAdmin):
    """Old addresses of published reports; each answers 301 to the report's page."""

    list_display = ["slug", "report", "created_at"]
    list_select_related = ["report"]
    search_fields = ["slug", "report__title"]
    autocomplete_fields = ["report"]
    readonly_fields = ["created_at"]

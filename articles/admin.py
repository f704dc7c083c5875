"""The editors' admin (biên tập viên), in Vietnamese."""

from django.contrib import admin, messages
from django.db.models import Q

from articles import text
from articles.models import (
    Attachment,
    Caption,
    Citation,
    Document,
    Event,
    EventParticipant,
    Locality,
    Official,
    Organization,
    Position,
    Report,
    ReportOfficial,
)

MAX_SEARCH_TERMS = 10


class FoldedSearchMixin:
    """Search that ignores diacritics and case on every database.

    Each searchable model keeps a diacritic-free ``search_text``; the typed term is folded
    the same way, so "dan van kheo" finds "Dân vận khéo" (also in autocomplete widgets).
    """

    folded_search_fields = ("search_text",)

    def get_search_results(self, request, queryset, search_term):
        terms = text.fold_key(search_term).split()[:MAX_SEARCH_TERMS]
        for term in terms:
            condition = Q()
            for field in self.folded_search_fields:
                condition |= Q(**{f"{field}__contains": term})
            queryset = queryset.filter(condition)
        return queryset, False


# ---------------------------------------------------------------------------
# Inlines


class ReportOfficialInline(admin.TabularInline):
    model = ReportOfficial
    extra = 0
    autocomplete_fields = ["official", "position"]
    fields = ["order", "official", "title", "position"]


class CitationInline(admin.TabularInline):
    model = Citation
    extra = 0
    autocomplete_fields = ["document"]


class CaptionInline(admin.TabularInline):
    model = Caption
    extra = 0
    fields = ["order", "text", "photo"]


class AttachmentInline(admin.TabularInline):
    model = Attachment
    extra = 0


class EventParticipantInline(admin.TabularInline):
    model = EventParticipant
    extra = 0
    autocomplete_fields = ["official"]


class PositionInline(admin.TabularInline):
    model = Position
    fk_name = "official"
    extra = 0
    autocomplete_fields = ["organization", "source_report"]
    fields = ["title", "organization", "first_seen", "last_seen", "source_report"]


# ---------------------------------------------------------------------------
# Reports


@admin.register(Report)
class ReportAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = [
        "title",
        "locality",
        "published_at",
        "year",
        "status",
        "needs_review",
        "featured",
    ]
    list_display_links = ["title"]
    list_filter = [
        "status",
        ("province", admin.RelatedOnlyFieldListFilter),
        "year",
        "needs_review",
        "featured",
    ]
    list_select_related = ["locality__parent"]
    date_hierarchy = "published_at"
    search_fields = ["title"]  # shows the box; matching is folded (FoldedSearchMixin)
    search_help_text = "Tìm theo tiêu đề, tóm tắt, tác giả, nội dung; gõ có hoặc không dấu."
    autocomplete_fields = [
        "locality",
        "event",
        "author_organization",
        "organizations",
        "mentioned_localities",
    ]
    inlines = [ReportOfficialInline, CitationInline, CaptionInline, AttachmentInline]
    actions = ["publish", "unpublish", "mark_reviewed"]
    readonly_fields = [
        "province",
        "view_count",
        "review_reasons",
        "source_file",
        "content_hash",
        "edited_fields",
        "raw_text",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body"]}),
        (
            "Xuất bản",
            {"fields": ["status", "featured", "needs_review", "review_reasons"]},
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
            "Địa bàn, sự kiện, tổ chức",
            {
                "fields": [
                    ("locality", "province"),
                    "mentioned_localities",
                    "event",
                    "organizations",
                ]
            },
        ),
        (
            "Tác giả và nguồn",
            {
                "fields": [
                    ("author", "author_organization"),
                    ("source_site", "source_view_count", "view_count"),
                ]
            },
        ),
        (
            "Nguồn nhập (chỉ đọc)",
            {
                "classes": ["collapse"],
                "fields": [
                    "source_file",
                    "content_hash",
                    "edited_fields",
                    ("created_at", "updated_at"),
                    "raw_text",
                ],
            },
        ),
    ]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not self.has_publish_permission(request):
            fields.append("status")
        return fields

    def has_publish_permission(self, request):
        return request.user.has_perm("articles.publish_report")

    def save_model(self, request, obj, form, change):
        if change:
            obj.mark_edited(form.changed_data)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if change:
            edited = [formset.prefix for formset in formsets if formset.has_changed()]
            if edited:
                report = form.instance
                report.mark_edited(edited)
                Report.objects.filter(pk=report.pk).update(edited_fields=report.edited_fields)

    def _apply(self, request, queryset, message, **changes):
        """Bulk-change reports and remember the change as an editor's, like a form save."""
        reports = list(queryset)
        for report in reports:
            for field, value in changes.items():
                setattr(report, field, value)
            report.mark_edited(changes)
        Report.objects.bulk_update(reports, [*changes, "edited_fields", "updated_at"])
        self.message_user(request, message % len(reports), messages.SUCCESS)

    @admin.action(description="Xuất bản các bài đã chọn", permissions=["publish"])
    def publish(self, request, queryset):
        self._apply(request, queryset, "Đã xuất bản %d bài viết.", status=Report.Status.PUBLISHED)

    @admin.action(description="Gỡ xuống (chuyển về bản nháp)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._apply(
            request, queryset, "Đã chuyển %d bài viết về bản nháp.", status=Report.Status.DRAFT
        )

    @admin.action(description="Đánh dấu đã rà soát", permissions=["change"])
    def mark_reviewed(self, request, queryset):
        self._apply(
            request,
            queryset,
            "Đã đánh dấu rà soát xong %d bài viết.",
            needs_review=False,
            review_reasons=[],
        )


# ---------------------------------------------------------------------------
# Events, people, bodies, documents, places


@admin.register(Event)
class EventAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["title", "kind", "date", "date_precision", "locality", "organizer"]
    list_filter = ["kind", "date_precision", ("locality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["locality__parent", "organizer"]
    date_hierarchy = "date"
    search_fields = ["title"]
    autocomplete_fields = ["locality", "organizer"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [EventParticipantInline]


@admin.register(Official)
class OfficialAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["full_name", "slug", "updated_at"]
    search_fields = ["full_name"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [PositionInline]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "organization", "first_seen", "last_seen"]
    list_select_related = ["official", "organization"]
    list_filter = ["organization__kind"]
    search_fields = ["title", "official__full_name", "organization__name"]
    autocomplete_fields = ["official", "organization", "source_report"]


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "locality", "parent"]
    list_filter = ["kind", ("locality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["locality__parent", "parent"]
    search_fields = ["name"]
    autocomplete_fields = ["locality", "parent"]
    readonly_fields = ["slug", "created_at", "updated_at"]


@admin.register(Document)
class DocumentAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["code", "kind", "issuing_level", "issued_on"]
    list_filter = ["kind", "issuing_level"]
    search_fields = ["code"]
    readonly_fields = ["slug", "created_at", "updated_at"]


@admin.register(Locality)
class LocalityAdmin(FoldedSearchMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "era", "code", "parent", "successor"]
    list_filter = ["era", "kind"]
    list_select_related = ["parent", "successor"]
    search_fields = ["name"]
    folded_search_fields = ("name_key", "alias_keys")
    autocomplete_fields = ["parent", "successor"]

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, Locality.lookup_key(search_term))


@admin.register(ReportOfficial)
class ReportOfficialAdmin(admin.ModelAdmin):
    list_display = ["official", "title", "report"]
    list_select_related = ["official", "report"]
    search_fields = ["official__full_name", "title", "report__title"]
    autocomplete_fields = ["report", "official", "position"]


@admin.register(Citation)
class CitationAdmin(admin.ModelAdmin):
    list_display = ["document", "report", "context"]
    list_select_related = ["document", "report"]
    search_fields = ["document__code", "report__title"]
    autocomplete_fields = ["report", "document"]


@admin.register(EventParticipant)
class EventParticipantAdmin(admin.ModelAdmin):
    list_display = ["official", "role", "event"]
    list_filter = ["role"]
    list_select_related = ["official", "event"]
    search_fields = ["official__full_name", "event__title"]
    autocomplete_fields = ["event", "official"]


@admin.register(Caption)
class CaptionAdmin(admin.ModelAdmin):
    list_display = ["text", "report", "photo"]
    list_select_related = ["report"]
    search_fields = ["text", "report__title"]
    autocomplete_fields = ["report"]


@admin.register(Attachment)
class AttachmentAdmin(admin.ModelAdmin):
    list_display = ["name", "report", "file"]
    list_select_related = ["report"]
    search_fields = ["name", "report__title"]
    autocomplete_fields = ["report"]

"""The editors' admin (biên tập viên), in Vietnamese."""

from django.contrib import admin, messages
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from articles import text
from articles.admin_lookups import SafeChangelistAdmin, usable_search_term
from articles.models import (
    Attachment,
    Caption,
    Citation,
    Document,
    DocumentAlias,
    Event,
    EventAlias,
    EventParticipant,
    Locality,
    LocalityTransition,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    Position,
    Report,
    ReportOfficial,
    SlugRedirect,
)
from articles.models.visibility import linked_to, refresh_visibility

MAX_SEARCH_TERMS = 10


class PlaceFilter(admin.RelatedOnlyFieldListFilter):
    """The places in use, labelled with their era and parents in one query (the stock filter
    built each label from its own queries: 700 for the organizations' list)."""

    def field_choices(self, field, request, model_admin):
        used = model_admin.get_queryset(request).values(f"{self.field_path}__pk")
        units = Locality.objects.filter(pk__in=used).with_ancestors()
        return [(unit.pk, str(unit)) for unit in units.order_by("era", "name_key")]


class FoldedSearchMixin:
    """Search that ignores diacritics and case on every database.

    Each searchable model keeps a diacritic-free ``search_text``; the typed term is folded
    the same way, so "dan van kheo" finds "Dân vận khéo" (also in autocomplete widgets).
    """

    folded_search_fields = ("search_text",)

    def get_search_results(self, request, queryset, search_term):
        terms = text.fold_key(usable_search_term(search_term)).split()[:MAX_SEARCH_TERMS]
        for term in terms:
            condition = Q()
            for field in self.folded_search_fields:
                condition |= Q(**{f"{field}__contains": term})
            queryset = queryset.filter(condition)
        return queryset, False


class LocalitySearchMixin(FoldedSearchMixin):
    """Search places by folded name without their prefix: "xa tan hiep" and "Tân Hiệp" both
    find Xã Tân Hiệp; exact names come first in autocomplete widgets."""

    folded_search_fields = ("name_key", "alias_keys")
    exact_field = "name_key"

    def get_search_results(self, request, queryset, search_term):
        key = Locality.lookup_key(search_term)
        queryset, duplicates = super().get_search_results(request, queryset, key)
        if not key:
            return queryset, duplicates
        exact = self.exact_field
        closeness = Case(
            When(**{exact: key}, then=Value(0)),
            When(**{f"{exact}__startswith": key}, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
        ordering = [*queryset.query.order_by] or list(queryset.model._meta.ordering)
        queryset = queryset.annotate(closeness=closeness).order_by("closeness", *ordering)
        return queryset, duplicates


def edited_fields(form) -> list[str]:
    """The fields an editor really changed in a bound, valid form.

    A text that differs from the stored one only by line endings, composition or surrounding
    whitespace is no change (a browser's textarea always sends CRLF): it keeps its stored
    value, so the importer may still refresh it.
    """
    changed = []
    for name in form.changed_data:
        before, after = form.initial.get(name), form.cleaned_data.get(name)
        if isinstance(before, str) and isinstance(after, str) and text.same_text(before, after):
            setattr(form.instance, name, before)
            continue
        changed.append(name)
    return changed


def formset_edited(formset) -> bool:
    """Whether an inline formset added, deleted or really changed a row (see edited_fields)."""
    for form in formset.forms:
        if not form.has_changed():
            continue
        if form.instance.pk is None or (formset.can_delete and form in formset.deleted_forms):
            return True
        if edited_fields(form):
            return True
    return False


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


class ReadOnlyTransitionInline(admin.TabularInline):
    """Transitions of a unit, as the gazetteer loader wrote them: shown, never edited here."""

    model = LocalityTransition
    extra = 0
    can_delete = False
    other_end = ""  # the column naming the unit at the other end

    def get_fields(self, request, obj=None):
        return [self.other_end, "is_default", "effective"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(f"{self.other_end}__parent__parent")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SuccessorInline(ReadOnlyTransitionInline):
    fk_name, other_end = "predecessor", "successor"
    verbose_name = "đơn vị kế thừa"
    verbose_name_plural = "đơn vị kế thừa (nay thuộc)"


class PredecessorInline(ReadOnlyTransitionInline):
    fk_name, other_end = "successor", "predecessor"
    verbose_name = "đơn vị cũ"
    verbose_name_plural = "đơn vị cũ đã nhập vào"


class PositionInline(admin.TabularInline):
    model = Position
    fk_name = "official"
    extra = 0
    autocomplete_fields = ["organization", "source_report"]
    fields = ["title", "organization", "first_seen", "last_seen", "source_report"]


class AliasInline(admin.TabularInline):
    """The keys the importer matched this row under; kept when an editor renames the row, so
    the next import finds it. Deleting one lets the importer tell that name apart again."""

    extra = 0
    fields = ["key", "created_at"]
    readonly_fields = ["key", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


class OfficialAliasInline(AliasInline):
    model = OfficialAlias
    verbose_name_plural = "tên đã nhập (giữ khi sửa tên, để lần nhập sau nhận ra)"


class OrganizationAliasInline(AliasInline):
    model = OrganizationAlias
    verbose_name_plural = "tên đã nhập (giữ khi sửa tên, để lần nhập sau nhận ra)"


class DocumentAliasInline(AliasInline):
    model = DocumentAlias
    verbose_name_plural = "số hiệu đã nhập (giữ khi sửa số hiệu, để lần nhập sau nhận ra)"


class EventAliasInline(AliasInline):
    model = EventAlias
    verbose_name_plural = "khóa đã nhập (giữ khi sửa sự kiện, để lần nhập sau nhận ra)"


# ---------------------------------------------------------------------------
# Reports


@admin.register(Report)
class ReportAdmin(FoldedSearchMixin, SafeChangelistAdmin):
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
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
        "organizations",
        "mentioned_localities",
    ]
    inlines = [ReportOfficialInline, CitationInline, CaptionInline, AttachmentInline]
    actions = ["publish", "unpublish", "mark_reviewed"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        match = request.resolver_match
        if match is not None and match.url_name == "articles_report_changelist":
            # The list shows no text columns; joining three levels of places before the
            # LIMIT made PostgreSQL hash the 14,000 units for every page.
            queryset = queryset.defer(
                "body", "raw_text", "search_text", "review_reasons", "summary"
            ).prefetch_related("locality__parent__parent")
        return queryset

    readonly_fields = [
        "first_published_at",
        "province",
        "district",
        "commune",
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
            {
                "fields": [
                    ("status", "first_published_at"),
                    "featured",
                    "needs_review",
                    "review_reasons",
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
            "Địa bàn, sự kiện, tổ chức",
            {
                "fields": [
                    "locality",
                    ("province", "district", "commune"),
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
                    ("source_site", "source_url"),
                    ("source_view_count", "view_count"),
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
            obj.mark_edited(edited_fields(form))
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # Before the inlines save: edited_fields() puts back a text that did not really change.
        edited = [formset.prefix for formset in formsets if formset_edited(formset)]
        super().save_related(request, form, formsets, change)
        if change and edited:
            report = form.instance
            report.mark_edited(edited)
            Report.objects.filter(pk=report.pk).update(edited_fields=report.edited_fields)

    def _apply(self, request, queryset, message, **changes):
        """Bulk-change reports and remember the change as an editor's, like a form save."""
        reports = list(queryset)
        now = timezone.now()
        for report in reports:
            for field, value in changes.items():
                setattr(report, field, value)
            report.mark_edited(changes)
            if report.status == Report.Status.PUBLISHED and report.first_published_at is None:
                report.first_published_at = now  # its slug stops following the title
        fields = [*changes, "edited_fields", "updated_at", "first_published_at"]
        Report.objects.bulk_update(reports, fields)
        # bulk_update sends no signals: show or hide what these reports name.
        refresh_visibility(linked_to(report.pk for report in reports))
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
class EventAdmin(FoldedSearchMixin, SafeChangelistAdmin):
    list_display = ["title", "kind", "date", "date_precision", "locality", "organizer"]
    list_filter = ["kind", "date_precision", ("locality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["locality__parent__parent", "organizer"]
    date_hierarchy = "date"
    search_fields = ["title"]
    autocomplete_fields = ["locality", "organizer"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [EventParticipantInline, EventAliasInline]


@admin.register(Official)
class OfficialAdmin(FoldedSearchMixin, SafeChangelistAdmin):
    list_display = ["full_name", "slug", "updated_at"]
    search_fields = ["full_name"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [PositionInline, OfficialAliasInline]


@admin.register(Position)
class PositionAdmin(SafeChangelistAdmin):
    list_display = ["official", "title", "organization", "first_seen", "last_seen"]
    list_select_related = ["official", "organization"]
    list_filter = ["organization__kind"]
    search_fields = ["title", "official__full_name", "organization__name"]
    autocomplete_fields = ["official", "organization", "source_report"]


@admin.register(Organization)
class OrganizationAdmin(FoldedSearchMixin, SafeChangelistAdmin):
    list_display = ["name", "kind", "locality", "parent", "active_to", "successor"]
    list_filter = [
        "kind",
        ("active_to", admin.EmptyFieldListFilter),
        ("locality", PlaceFilter),
    ]
    list_select_related = ["locality__parent__parent", "parent", "successor"]
    search_fields = ["name"]
    autocomplete_fields = ["locality", "parent", "successor"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "locality", "parent"]}),
        ("Hoạt động và kế tục", {"fields": [("active_from", "active_to"), "successor"]}),
        (None, {"fields": [("created_at", "updated_at")]}),
    ]
    inlines = [OrganizationAliasInline]


@admin.register(Document)
class DocumentAdmin(FoldedSearchMixin, SafeChangelistAdmin):
    list_display = ["code", "kind", "issuing_level", "issued_on"]
    list_filter = ["kind", "issuing_level"]
    search_fields = ["code"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [DocumentAliasInline]


@admin.register(Locality)
class LocalityAdmin(LocalitySearchMixin, SafeChangelistAdmin):
    list_display = ["name", "kind", "era", "code", "parent", "valid_to", "successor"]
    list_filter = ["era", "kind", ("valid_to", admin.DateFieldListFilter)]
    # __str__ of a commune names its province: parent and grandparent, joined in.
    list_select_related = ["parent__parent", "successor__parent__parent"]
    search_fields = ["name"]  # shows the box; matching is folded (LocalitySearchMixin)
    search_help_text = "Tìm theo tên, có hoặc không dấu, có hoặc không «xã», «phường», «huyện»…"
    autocomplete_fields = ["parent", "successor"]
    fieldsets = [
        (None, {"fields": [("name", "kind"), ("era", "code"), "slug", "parent"]}),
        (
            "Hiệu lực và kế thừa",
            {"fields": [("valid_from", "valid_to"), "successor", "former_names", "aliases"]},
        ),
    ]
    inlines = [SuccessorInline, PredecessorInline]

    def get_queryset(self, request):
        # Autocomplete widgets (Report.locality, Organization.locality...) label every row
        # with its province: without the joins each label would cost two queries. (The
        # changelist skips list_select_related once the queryset has joins, so name them all.)
        return super().get_queryset(request).select_related(*self.list_select_related)


@admin.register(LocalityTransition)
class LocalityTransitionAdmin(LocalitySearchMixin, SafeChangelistAdmin):
    list_display = ["predecessor", "successor", "is_default", "effective"]
    list_filter = ["is_default", "predecessor__era", "predecessor__kind", "effective"]
    list_select_related = ["predecessor__parent__parent", "successor__parent__parent"]
    search_fields = ["predecessor__name"]
    search_help_text = "Tìm theo tên đơn vị cũ hoặc mới, có hoặc không dấu."
    folded_search_fields = ("predecessor__name_key", "successor__name_key")
    exact_field = "predecessor__name_key"
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(ReportOfficial)
class ReportOfficialAdmin(SafeChangelistAdmin):
    list_display = ["official", "title", "report"]
    list_select_related = ["official", "report"]
    search_fields = ["official__full_name", "title", "report__title"]
    autocomplete_fields = ["report", "official", "position"]


@admin.register(Citation)
class CitationAdmin(SafeChangelistAdmin):
    list_display = ["document", "report", "context"]
    list_select_related = ["document", "report"]
    search_fields = ["document__code", "report__title"]
    autocomplete_fields = ["report", "document"]


@admin.register(EventParticipant)
class EventParticipantAdmin(SafeChangelistAdmin):
    list_display = ["official", "role", "event"]
    list_filter = ["role"]
    list_select_related = ["official", "event"]
    search_fields = ["official__full_name", "event__title"]
    autocomplete_fields = ["event", "official"]


@admin.register(Caption)
class CaptionAdmin(SafeChangelistAdmin):
    list_display = ["text", "report", "photo"]
    list_select_related = ["report"]
    search_fields = ["text", "report__title"]
    autocomplete_fields = ["report"]


@admin.register(Attachment)
class AttachmentAdmin(SafeChangelistAdmin):
    list_display = ["name", "report", "file"]
    list_select_related = ["report"]
    search_fields = ["name", "report__title"]
    autocomplete_fields = ["report"]


class AliasAdmin(SafeChangelistAdmin):
    """All the names rows were imported under, to find one the importer matched wrongly."""

    owner = ""
    search_fields = ["key"]

    def get_list_display(self, request):
        return ["key", self.owner, "created_at"]

    def get_list_select_related(self, request):
        return [self.owner]

    def get_autocomplete_fields(self, request):
        return [self.owner]


@admin.register(OfficialAlias)
class OfficialAliasAdmin(AliasAdmin):
    owner = "official"


@admin.register(OrganizationAlias)
class OrganizationAliasAdmin(AliasAdmin):
    owner = "organization"


@admin.register(DocumentAlias)
class DocumentAliasAdmin(AliasAdmin):
    owner = "document"


@admin.register(EventAlias)
class EventAliasAdmin(AliasAdmin):
    owner = "event"


@admin.register(SlugRedirect)
class SlugRedirectAdmin(SafeChangelistAdmin):
    """Old addresses of published reports; each answers 301 to the report's page."""

    list_display = ["slug", "report", "created_at"]
    list_select_related = ["report"]
    search_fields = ["slug", "report__title"]
    autocomplete_fields = ["report"]
    readonly_fields = ["created_at"]

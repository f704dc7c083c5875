"""Events, people, bodies, documents, their links, and the names they were imported under."""

from django.contrib import admin

from articles.admin.base import (
    FoldedSearchMixin,
    PlaceFilter,
)
from articles.admin.inlines import (
    DocumentAliasInline,
    EventAliasInline,
    EventParticipantInline,
    OfficialAliasInline,
    OrganizationAliasInline,
    PositionInline,
)
from articles.admin.lookups import SafeChangelistAdmin
from articles.admin.merging import MergeAdminMixin, can_merge, merge_url
from articles.admin.revisions import VersionedAdminMixin
from articles.merging.duplicates import possible_duplicates
from articles.models import (
    Attachment,
    Caption,
    Citation,
    Document,
    DocumentAlias,
    Event,
    EventAlias,
    EventParticipant,
    Official,
    OfficialAlias,
    Organization,
    OrganizationAlias,
    Position,
    ReportOfficial,
    ReportOrganization,
)


@admin.register(Event)
class EventAdmin(VersionedAdminMixin, FoldedSearchMixin, SafeChangelistAdmin):
    list_display = ["title", "kind", "date", "end_date", "date_precision", "locality", "organizer"]
    list_filter = ["kind", "date_precision", ("locality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["locality__parent__parent", "organizer"]
    date_hierarchy = "date"
    search_fields = ["title"]
    autocomplete_fields = ["locality", "organizer"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [EventParticipantInline, EventAliasInline]


@admin.register(Official)
class OfficialAdmin(MergeAdminMixin, VersionedAdminMixin, FoldedSearchMixin, SafeChangelistAdmin):
    list_display = ["full_name", "slug", "updated_at"]
    search_fields = ["full_name"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [PositionInline, OfficialAliasInline]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        official = self.get_object(request, object_id)
        if official is not None:
            duplicates = possible_duplicates(official)
            if can_merge(request):
                for item in duplicates:
                    item.merge_url = merge_url(Official, official.pk, item.official.pk)
            extra_context["possible_duplicates"] = duplicates
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Position)
class PositionAdmin(SafeChangelistAdmin):
    list_display = ["official", "title", "organization", "first_seen", "last_seen"]
    list_select_related = ["official", "organization"]
    list_filter = ["organization__kind"]
    search_fields = ["title", "official__full_name", "organization__name"]
    autocomplete_fields = ["official", "organization", "source_report"]


@admin.register(Organization)
class OrganizationAdmin(
    MergeAdminMixin, VersionedAdminMixin, FoldedSearchMixin, SafeChangelistAdmin
):
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
class DocumentAdmin(MergeAdminMixin, VersionedAdminMixin, FoldedSearchMixin, SafeChangelistAdmin):
    list_display = ["code", "kind", "issuing_level", "issued_on"]
    list_filter = ["kind", "issuing_level"]
    search_fields = ["code"]
    readonly_fields = ["slug", "created_at", "updated_at"]
    inlines = [DocumentAliasInline]


@admin.register(ReportOfficial)
class ReportOfficialAdmin(SafeChangelistAdmin):
    list_display = ["official", "title", "report"]
    list_select_related = ["official", "report"]
    search_fields = ["official__full_name", "title", "report__title"]
    autocomplete_fields = ["report", "official", "position"]


@admin.register(ReportOrganization)
class ReportOrganizationAdmin(SafeChangelistAdmin):
    list_display = ["organization", "role", "report"]
    list_filter = ["role"]
    list_select_related = ["organization", "report"]
    search_fields = ["organization__name", "report__title"]
    autocomplete_fields = ["report", "organization"]


@admin.register(Citation)
class CitationAdmin(SafeChangelistAdmin):
    list_display = ["document", "as_written", "report", "context"]
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

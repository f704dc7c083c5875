"""The inline rows of the change forms."""

from django.contrib import admin
from django.utils.html import format_html

from articles.admin.widgets import BulkAutocompleteMixin, PreloadedChoicesFormSet
from articles.models import (
    Attachment,
    Caption,
    Citation,
    DocumentAlias,
    EventAlias,
    EventParticipant,
    LocalityTransition,
    OfficialAlias,
    OrganizationAlias,
    Position,
    ReportOfficial,
    ReportOrganization,
)


class ReportOfficialInline(BulkAutocompleteMixin, admin.TabularInline):
    model = ReportOfficial
    formset = PreloadedChoicesFormSet
    extra = 0
    autocomplete_fields = ["official", "position"]
    fields = ["order", "official", "title", "position"]

    def get_queryset(self, request):
        # Each row's heading is its __str__: official and title.
        return super().get_queryset(request).select_related("official")


class CitationInline(BulkAutocompleteMixin, admin.TabularInline):
    model = Citation
    formset = PreloadedChoicesFormSet
    extra = 0
    autocomplete_fields = ["document"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("document")


class ReportOrganizationFormSet(PreloadedChoicesFormSet):
    # The prefix is the name the importer and ``edited_fields`` know the set by.
    @classmethod
    def get_default_prefix(cls):
        return "organizations"


class ReportOrganizationInline(BulkAutocompleteMixin, admin.TabularInline):
    """The bodies of the report, each with its role (organizer, host, ...)."""

    model = ReportOrganization
    formset = ReportOrganizationFormSet
    extra = 0
    autocomplete_fields = ["organization"]
    fields = ["organization", "role"]
    verbose_name = "cơ quan, đơn vị"
    verbose_name_plural = "Cơ quan, đơn vị"

    def get_queryset(self, request):
        # Strongest role first, as the public page groups them.
        return super().get_queryset(request).select_related("organization").strongest_first()


class CaptionInline(admin.TabularInline):
    model = Caption
    extra = 0
    fields = ["order", "text", "photo", "preview"]
    readonly_fields = ["preview"]

    @admin.display(description="bản thu nhỏ")
    def preview(self, caption):
        """The card's thumbnail, as readers will see it (no file is read to show it)."""
        thumbnail = caption.thumbnail if caption.pk else None
        if thumbnail is None:
            return "–"
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="{}" loading="lazy" class="caption-preview">',
            thumbnail.url,
            thumbnail.width // 2,
            thumbnail.height // 2,
            caption.text,
        )


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

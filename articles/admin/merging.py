"""Merging two records from the admin, their history, and undoing a merge (approvers only)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from articles.admin.lookups import SafeChangelistAdmin
from articles.merging.service import (
    KIND_OF,
    MODELS,
    MergeError,
    merge,
    moved_counts,
    relations,
    undo,
)
from articles.models import MergeRecord

MERGE_PERMISSION = "articles.merge_records"

# The columns the confirmation page shows side by side, by model.
SHOWN_FIELDS = {
    "official": ["full_name", "slug", "notes", "created_at"],
    "organization": ["name", "slug", "kind", "locality", "parent", "successor", "active_to"],
    "document": ["code", "slug", "kind", "issuing_level", "issued_on", "subject"],
}


def can_merge(request) -> bool:
    return request.user.has_perm(MERGE_PERMISSION)


def merge_url(model, first_pk, second_pk) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_merge")
    return f"{url}?a={first_pk}&b={second_pk}"


def _shown(row, field) -> str:
    if field.choices:
        return getattr(row, f"get_{field.name}_display")()
    value = getattr(row, field.name)
    return "—" if value in (None, "") else value


def _relation_label(model, related, column: str) -> str:
    """A relation in the editor's words: "chức vụ (cán bộ)", "bài viết (tổ chức)"."""
    field = related._meta.get_field(column)
    if related._meta.auto_created:  # the table behind a many-to-many field
        owner = next(f for f in related._meta.fields if f.is_relation and f.name != column)
        m2m = next(
            f for f in owner.related_model._meta.many_to_many if f.remote_field.through is related
        )
        return f"{owner.related_model._meta.verbose_name_plural} ({m2m.verbose_name})"
    if related is model:
        return f"{model._meta.verbose_name_plural} có «{field.verbose_name}» là bản ghi này"
    return f"{related._meta.verbose_name_plural} ({field.verbose_name})"


def _relation_counts(model, pks: list[int]) -> list[tuple[str, dict[int, int]]]:
    """For each relation, how many rows point at each of ``pks``: one query a relation."""
    counts = []
    for related, column in relations(model):
        per_row = dict(
            related._base_manager.filter(**{f"{column}__in": pks})
            .order_by()
            .values_list(column)
            .annotate(n=Count("pk"))
            .values_list(column, "n")
        )
        counts.append((_relation_label(model, related, column), per_row))
    return counts


class MergeAdminMixin:
    """ "Gộp hai bản ghi đã chọn" on the list, its confirmation page, and merges in history."""

    actions = ["merge_selected"]
    object_history_template = "admin/articles/merge_object_history.html"

    def has_merge_permission(self, request) -> bool:
        return can_merge(request)

    @admin.action(description="Gộp hai bản ghi đã chọn (trùng nhau)", permissions=["merge"])
    def merge_selected(self, request, queryset):
        pks = list(queryset.order_by("pk").values_list("pk", flat=True)[:3])
        if len(pks) != 2:
            self.message_user(request, "Hãy chọn đúng hai bản ghi để gộp.", level=messages.ERROR)
            return None
        return HttpResponseRedirect(merge_url(self.model, *pks))

    def get_urls(self):
        opts = self.model._meta
        own = [
            path(
                "gop/",
                self.admin_site.admin_view(self.merge_view),
                name=f"{opts.app_label}_{opts.model_name}_merge",
            )
        ]
        return own + super().get_urls()

    def _pair(self, request, first, second):
        try:
            pks = [int(first), int(second)]
        except (TypeError, ValueError):
            return None
        if pks[0] == pks[1] or min(pks) < 1 or max(pks) > 2**63 - 1:
            return None
        rows = self.get_queryset(request).in_bulk(pks)
        if len(rows) != 2:
            return None
        return [rows[pk] for pk in pks]

    def merge_view(self, request):
        if not self.has_merge_permission(request):
            raise PermissionDenied
        changelist = reverse(
            f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"
        )
        source = request.POST if request.method == "POST" else request.GET
        pair = self._pair(request, source.get("a"), source.get("b"))
        if pair is None:
            self.message_user(
                request,
                "Không tìm thấy đúng hai bản ghi khác nhau để gộp; hãy chọn lại trong danh sách.",
                level=messages.ERROR,
            )
            return HttpResponseRedirect(changelist)
        if request.method == "POST":
            chosen = source.get("survivor")
            if chosen not in {str(row.pk) for row in pair}:
                self.message_user(request, "Hãy chọn bản ghi được giữ lại.", level=messages.ERROR)
            else:
                survivor = next(row for row in pair if str(row.pk) == chosen)
                merged = next(row for row in pair if row is not survivor)
                try:
                    record = merge(survivor=survivor, merged=merged, user=request.user)
                except MergeError as error:
                    self.message_user(request, f"Không gộp được: {error}", level=messages.ERROR)
                else:
                    history = reverse(
                        f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_history",
                        args=[survivor.pk],
                    )
                    self.message_user(
                        request,
                        format_html(
                            "Đã gộp «{}» vào «{}». Có thể hoàn tác trong "
                            '<a href="{}">lịch sử của bản ghi</a>.',
                            record.merged_label,
                            record.survivor_label,
                            history,
                        ),
                        level=messages.SUCCESS,
                    )
                    return HttpResponseRedirect(
                        reverse(
                            f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_change",
                            args=[survivor.pk],
                        )
                    )
        fields = [self.model._meta.get_field(name) for name in SHOWN_FIELDS[KIND_OF[self.model]]]
        field_rows = [
            (field.verbose_name, [_shown(row, field) for row in pair]) for field in fields
        ]
        counts = [
            (label, [per_row.get(row.pk, 0) for row in pair])
            for label, per_row in _relation_counts(self.model, [row.pk for row in pair])
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": f"Gộp hai {self.model._meta.verbose_name}",
            "pair": pair,
            "field_rows": field_rows,
            "counts": counts,
            "first": pair[0],
            "second": pair[1],
            "changelist_url": changelist,
        }
        return TemplateResponse(request, "admin/articles/merge_confirm.html", context)

    def history_view(self, request, object_id, extra_context=None):
        extra_context = dict(extra_context or {})
        try:
            pk = int(object_id)
        except (TypeError, ValueError):
            pk = None
        if pk is not None and 0 < pk < 2**63:
            extra_context["merges"] = list(
                MergeRecord.objects.filter(kind=KIND_OF[self.model])
                .filter(Q(survivor_id=pk) | Q(merged_id=pk))
                .select_related("user", "undone_by")
            )
        extra_context["can_undo"] = can_merge(request)
        return super().history_view(request, object_id, extra_context)


@admin.register(MergeRecord)
class MergeRecordAdmin(SafeChangelistAdmin):
    """The merges done, read-only; each can be undone from its page (POST, confirmed)."""

    list_display = ["created_at", "kind", "merged_label", "survivor_link", "user", "undone_at"]
    list_filter = ["kind", ("undone_at", admin.EmptyFieldListFilter)]
    list_select_related = ["user"]
    search_fields = ["merged_label", "survivor_label"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="bản ghi được giữ")
    def survivor_link(self, record):
        model = MODELS[record.kind]
        url = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change",
            args=[record.survivor_id],
        )
        return format_html('<a href="{}">{}</a>', url, record.survivor_label)

    def get_urls(self):
        own = [
            path(
                "<int:record_id>/hoan-tac/",
                self.admin_site.admin_view(self.undo_view),
                name="articles_mergerecord_undo",
            )
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return HttpResponseRedirect(
            reverse("admin:articles_mergerecord_undo", args=[object_id])
            if str(object_id).isdigit()
            else reverse("admin:articles_mergerecord_changelist")
        )

    def undo_view(self, request, record_id):
        if not can_merge(request):
            raise PermissionDenied
        record = get_object_or_404(MergeRecord.objects.select_related("user"), pk=record_id)
        model = MODELS[record.kind]
        opts = model._meta
        if request.method == "POST" and not record.is_undone:
            try:
                restored = undo(record=record, user=request.user)
            except MergeError as error:
                self.message_user(request, f"Không hoàn tác được: {error}", level=messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"Đã hoàn tác: «{record.merged_label}» đã được tách ra lại.",
                    level=messages.SUCCESS,
                )
                return HttpResponseRedirect(
                    reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[restored.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Hoàn tác lần gộp",
            "record": record,
            "moved": moved_counts(record),
            "survivor_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[record.survivor_id]
            ),
            "kind_label": opts.verbose_name,
        }
        return TemplateResponse(request, "admin/articles/merge_undo.html", context)

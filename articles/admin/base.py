"""Shared pieces of the admin: folded search, place filters, what an editor really changed."""

from django.contrib import admin
from django.db.models import Case, IntegerField, Q, Value, When

from articles import text
from articles.admin.lookups import usable_search_term
from articles.models import (
    Locality,
)

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

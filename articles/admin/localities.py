"""The gazetteer (read-only for editors): units of both eras and the links between them."""

from django.contrib import admin

from articles.admin.base import (
    LocalitySearchMixin,
)
from articles.admin.inlines import PredecessorInline, SuccessorInline
from articles.admin.lookups import SafeChangelistAdmin
from articles.models import (
    Locality,
    LocalityTransition,
)


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

"""/dia-phuong/: provinces, districts and what became of them."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET
from django.views.generic import ListView, TemplateView

from articles import filters
from articles.models import Locality
from articles.views.base import (
    REPORTS_PER_PAGE,
    ForgivingPaginationMixin,
    PageMetaMixin,
    newest_first,
    published_reports,
)


class LocalityListView(PageMetaMixin, TemplateView):
    """/dia-phuong/: today's provinces with the former ones they cover, and report counts."""

    template_name = "articles/locality_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_province, _ = filters.province_and_year_counts(
            published_reports(), key="public:home-facets"
        )
        grouped = {
            entry.province.pk: entry for entry in filters.group_by_current_province(by_province)
        }
        table = filters.province_table()
        current = []
        for row in sorted(table.values(), key=lambda row: row["code"]):
            if row["era"] != Locality.Era.CURRENT:
                continue
            unit = filters._as_locality(row)
            former = sorted(
                (
                    filters._as_locality(other)
                    for other in table.values()
                    if other["era"] == Locality.Era.LEGACY and other["successor_id"] == unit.pk
                ),
                key=lambda other: filters.sort_key(other.name),
            )
            entry = grouped.get(unit.pk)
            current.append((unit, entry.count if entry else 0, former))
        legacy = [
            (
                filters._as_locality(row),
                by_province.get(row["pk"], 0),
                table.get(row["successor_id"]),
            )
            for row in sorted(table.values(), key=lambda row: filters.sort_key(row["name"]))
            if row["era"] == Locality.Era.LEGACY
        ]
        context.update(current_provinces=current, legacy_provinces=legacy)
        return context


class LocalityDetailView(ForgivingPaginationMixin, PageMetaMixin, ListView):
    """A province or district: what it covers or became, reports by year, latest reports."""

    template_name = "articles/locality_detail.html"
    context_object_name = "reports"
    paginate_by = REPORTS_PER_PAGE

    @cached_property
    def locality(self):
        unit = get_object_or_404(
            Locality.objects.select_related("parent", "successor"), slug=self.kwargs["slug"]
        )
        if not (unit.is_province or unit.is_district):
            raise Http404
        return unit

    @cached_property
    def covered(self) -> list[Locality]:
        """Former provinces that today's province absorbed (empty otherwise)."""
        if not (self.locality.is_province and self.locality.is_current):
            return []
        return list(
            Locality.objects.provinces()
            .filter(successor=self.locality)
            .exclude(pk=self.locality.pk)
            .order_by("name")
        )

    def reports(self):
        reports = published_reports().for_lists()
        if self.locality.is_province:
            units = [self.locality.pk, *(unit.pk for unit in self.covered)]
            return reports.in_provinces(units)
        return reports.filter(locality=self.locality)

    def get_queryset(self):
        return newest_first(self.reports())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.locality
        districts = []
        if unit.is_province:
            units = filters.districts_of(unit)
            counts = filters.district_counts(self.reports(), units)
            districts = [(district, counts.get(district.pk, 0)) for district in units]
        filter_param = "province" if unit.is_province else "district"
        context.update(
            locality=unit,
            covered=self.covered,
            districts=districts,
            year_counts=filters.year_counts(
                self.reports(), key=filters.facet_key("locality-years", {"slug": unit.slug})
            ),
            filter_param=filter_param,
        )
        return context


@require_GET
def district_options(request, slug):
    """Districts of a province for the list filter's script: [{"slug", "name"}]."""
    province = get_object_or_404(Locality.objects.provinces(), slug=slug)
    districts = [
        {
            "slug": unit.slug,
            "name": unit.name
            if unit.parent_id == province.pk
            else f"{unit.name}, {unit.parent.name}",
        }
        for unit in filters.districts_of(province)
    ]
    return JsonResponse(districts, safe=False)

"""/dia-phuong/: provinces, districts and communes of both eras, and what became of them."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.views.decorators.http import require_GET
from django.views.generic import ListView, TemplateView

from articles import filters
from articles.models import Locality, LocalityTransition
from articles.views.base import (
    REPORTS_PER_PAGE,
    ForgivingPaginationMixin,
    PageMetaMixin,
    newest_first,
    published_reports,
    vn_date,
)


class LocalityListView(PageMetaMixin, TemplateView):
    """/dia-phuong/: today's provinces with the former ones they cover, and report counts."""

    template_name = "articles/locality_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        by_province, _ = filters.province_and_year_counts(
            published_reports(), key=filters.facet_key("home", {})
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
            shown = former if reorganized(unit, former) else []
            current.append((unit, entry.count if entry else 0, shown))
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


# Group headings of a commune list, in the order readers expect them.
COMMUNE_GROUPS = (
    (Locality.Kind.WARD, "Phường"),
    (Locality.Kind.COMMUNE, "Xã"),
    (Locality.Kind.TOWNSHIP, "Thị trấn"),
    (Locality.Kind.SPECIAL_ZONE, "Đặc khu"),
)
REFORM_NOTE = "theo mô hình chính quyền địa phương hai cấp"


def reorganized(unit: Locality, former: list[Locality]) -> bool:
    """Whether today's province really changed: several predecessors, or a renamed one.

    Hà Nội's only predecessor is the former Hà Nội with the same territory: nothing to say.
    """
    return len(former) > 1 or any(old.name != unit.name for old in former)


def grouped_communes(communes, counts) -> list[tuple[str, list[tuple[Locality, int]]]]:
    """(heading, [(commune, count), ...]) by kind: wards, communes, townships, special zones."""
    groups = []
    for kind, heading in COMMUNE_GROUPS:
        rows = [
            (unit.as_locality(), counts.get(unit.pk, 0)) for unit in communes if unit.kind == kind
        ]
        if rows:
            groups.append((heading, rows))
    return groups


class LocalityDetailView(ForgivingPaginationMixin, PageMetaMixin, ListView):
    """Any unit of either era: where it lies, what it became or absorbed, its reports."""

    template_name = "articles/locality_detail.html"
    context_object_name = "reports"
    paginate_by = REPORTS_PER_PAGE

    @cached_property
    def locality(self):
        return get_object_or_404(
            Locality.objects.select_related("parent__parent", "successor"),
            slug=self.kwargs["slug"],
        )

    @cached_property
    def covered(self) -> list[Locality]:
        """Former provinces that today's province absorbed (empty otherwise)."""
        if not (self.locality.is_province and self.locality.is_current):
            return []
        return sorted(
            Locality.objects.provinces()
            .filter(successor=self.locality)
            .exclude(pk=self.locality.pk),
            key=lambda unit: filters.sort_key(unit.name),
        )

    @cached_property
    def lineage(self) -> list[int]:
        """This unit and the units of its level merged into it (Report.in_locality)."""
        if self.locality.is_province:
            return [self.locality.pk, *(unit.pk for unit in self.covered)]
        return sorted(self.locality.predecessor_ids())

    @cached_property
    def merged(self) -> list[Locality]:
        """Districts or communes that became (part of) this one; ``split`` if only part."""
        unit = self.locality
        if unit.is_province or len(self.lineage) == 1:
            return []
        elsewhere = LocalityTransition.objects.filter(predecessor=OuterRef("pk")).exclude(
            successor=unit
        )
        units = (
            Locality.objects.filter(pk__in=self.lineage)
            .exclude(pk=unit.pk)
            .with_ancestors()
            .annotate(split=Exists(elsewhere))
        )
        units = sorted(units, key=lambda other: filters.sort_key(other.name))
        for other in units:
            other.ended_on = vn_date(other.valid_to) if other.ended_before_reform else ""
        return units

    @cached_property
    def successors(self) -> list[Locality]:
        """What a former unit became, the main successor first (``is_default`` on each)."""
        unit = self.locality
        if unit.is_current:
            return []
        transitions = unit.transitions_out.select_related("successor__parent")
        units = []
        for transition in sorted(
            transitions,
            key=lambda row: (not row.is_default, filters.sort_key(row.successor.name)),
        ):
            transition.successor.is_default = transition.is_default
            transition.successor.effective = transition.effective
            units.append(transition.successor)
        return units

    def reports(self):
        return (
            published_reports().for_lists().filter(**{f"{self.locality.level}__in": self.lineage})
        )

    def get_queryset(self):
        return newest_first(self.reports())

    def trail(self) -> list[Locality]:
        """Province › district › commune above this unit, for the breadcrumb."""
        found = self.locality.ancestry()
        return [
            found[level]
            for level in ("province", "district")
            if level in found and found[level] != self.locality
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = self.locality
        districts, communes = [], []
        if unit.is_province:
            units = filters.districts_of(unit)
            counts = filters.district_counts(self.reports(), units)
            districts = [(district, counts.get(district.pk, 0)) for district in units]
        parent = unit if (unit.is_district or (unit.is_province and unit.is_current)) else None
        if parent is not None:
            units = filters.communes_of(parent)
            counts = filters.commune_counts(
                self.reports(),
                units,
                key=filters.facet_key("locality-communes", {"slug": unit.slug}),
            )
            communes = grouped_communes(units, counts)
        context.update(
            locality=unit,
            trail=self.trail(),
            covered=self.covered if reorganized(unit, self.covered) else [],
            merged=self.merged,
            successors=self.successors,
            split=len(self.successors) > 1,
            unchanged_province=self.unchanged_province(),
            reform_note=REFORM_NOTE,
            districts=districts,
            several_provinces=len({district.parent_id for district, _ in districts}) > 1,
            communes=communes,
            commune_count=sum(len(rows) for _, rows in communes),
            year_counts=filters.year_counts(
                self.reports(), key=filters.facet_key("locality-years", {"slug": unit.slug})
            ),
            filter_param=unit.level,
            ended_on=vn_date(unit.valid_to) if unit.ended_before_reform else "",
        )
        return context

    def unchanged_province(self) -> bool:
        """A former province that became today's namesake alone (Hà Tĩnh), not merged."""
        unit = self.locality
        if not (unit.is_province and not unit.is_current and unit.successor_id):
            return False
        partners = [
            row
            for row in filters.province_table().values()
            if row["successor_id"] == unit.successor_id and row["pk"] != unit.pk
        ]
        return not partners and unit.successor.name == unit.name


def filtered_reports(request, **place) -> filters.ReportFilter:
    """Published reports in ``place`` ({"province": unit} ...) and the other filters of the
    query string; invalid values are ignored, as the list page would show them as errors."""
    params = {
        name: request.GET[name]
        for name in ("q", "year", *filters.ReportFilter.ENTITY_FILTERS)
        if request.GET.get(name)
    }
    place_params = {name: unit.slug for name, unit in place.items()}
    filterset = filters.ReportFilter({**params, **place_params}, queryset=published_reports())
    if not filterset.is_valid():
        filterset = filters.ReportFilter(place_params, queryset=published_reports())
    return filterset


@require_GET
def district_options(request, slug):
    """Districts of a province for the list filter's script: [{"slug", "name", "count"}]."""
    province = get_object_or_404(Locality.objects.provinces(), slug=slug)
    units = filters.districts_of(province)
    filterset = filtered_reports(request, province=province)
    counts = filters.district_counts(filterset.qs, units)
    districts = [
        {
            "slug": unit.slug,
            "name": unit.name
            if unit.parent_id == province.pk
            else f"{unit.name}, {unit.parent.name}",
            "count": counts.get(unit.pk, 0),
        }
        for unit in units
    ]
    return JsonResponse(districts, safe=False, json_dumps_params={"ensure_ascii": False})


@require_GET
def commune_options(request, slug):
    """Communes for the list filter's script: [{"slug", "name", "count"}].

    A former district gives its communes, today's province its communes, a former province
    none (pick its district first). Counts follow the other filters in the query string.
    """
    unit = get_object_or_404(Locality.objects.exclude(kind__in=Locality.COMMUNE_KINDS), slug=slug)
    if unit.is_province and not unit.is_current:
        return JsonResponse([], safe=False)
    units = filters.communes_of(unit)
    filterset = filtered_reports(request, **{unit.level: unit})
    counts = filters.commune_counts(
        filterset.qs,
        units,
        key=filters.facet_key("commune", filterset.query_params(commune=None)),
    )
    communes = [
        {"slug": row.slug, "name": row.as_locality().full_name, "count": counts.get(row.pk, 0)}
        for row in units
    ]
    return JsonResponse(communes, safe=False, json_dumps_params={"ensure_ascii": False})

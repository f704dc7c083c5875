"""Filters for the public report list, and the facet counts shown beside them."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

import django_filters
from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db.models import Count

from articles import search, text
from articles.cache import public_key
from articles.models import (
    Document,
    Event,
    Locality,
    LocalityTransition,
    Official,
    Organization,
    Report,
)

FACET_TIMEOUT = 120  # seconds; counts a couple of minutes old are fine for readers
LOCALITY_TIMEOUT = 600
MIN_YEAR, MAX_YEAR = 1930, 2100
_SLUG = re.compile(r"[-a-zA-Z0-9_]{1,200}")


class SlugChoiceField(forms.ModelChoiceField):
    """Picks a row by slug, turning malformed input away before it reaches the database."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if not isinstance(value, str) or not _SLUG.fullmatch(value):
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": str(value)[:60]},
            )
        return super().to_python(value)


class SlugFilter(django_filters.ModelChoiceFilter):
    field_class = SlugChoiceField


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def not_found(what: str) -> dict:
    return {"invalid_choice": f"Không tìm thấy {what} «%(value)s»."}


class ValuesMixin:
    """Valid values of a FilterSet, and querysets that leave some of them out."""

    @property
    def values(self) -> dict:
        """The valid filters the reader chose, by name."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if value not in (None, "") and str(value).strip()
        }

    def queryset_without(self, *names):
        """The filtered queryset, ignoring the filters in ``names`` (for facet counts)."""
        queryset = self.queryset.all()
        for name, value in self.values.items():
            if name not in names:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def query_params(self, **overrides) -> dict:
        """The valid filters as URL parameters (slugs for rows)."""
        params = {}
        for name, value in {**self.values, **overrides}.items():
            if value in (None, ""):
                continue
            params[name] = getattr(value, "slug", value)
        return params


class ReportFilter(ValuesMixin, django_filters.FilterSet):
    """Combinable filters of /bai-viet/: province, district, commune, year, entities, text."""

    q = django_filters.CharFilter(
        label="Từ khóa",
        field_name="search_text",
        lookup_expr="contains",
        method="filter_text",
        max_length=search.MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Từ khóa quá dài: tối đa {search.MAX_QUERY_LENGTH} ký tự.",
            "null_characters_not_allowed": "Từ khóa chứa ký tự không hợp lệ.",
        },
    )
    province = SlugFilter(
        label="Tỉnh, thành phố",
        field_name="province",
        lookup_expr="in",
        method="filter_province",
        queryset=Locality.objects.provinces(),
        to_field_name="slug",
        error_messages=not_found("tỉnh, thành phố"),
    )
    district = SlugFilter(
        label="Quận, huyện",
        field_name="district",
        lookup_expr="in",
        method="filter_lineage",
        queryset=Locality.objects.districts(),
        to_field_name="slug",
        error_messages=not_found("quận, huyện"),
    )
    commune = SlugFilter(
        label="Xã, phường",
        field_name="commune",
        lookup_expr="in",
        method="filter_lineage",
        queryset=Locality.objects.communes(),
        to_field_name="slug",
        error_messages=not_found("xã, phường, thị trấn"),
    )
    year = YearFilter(
        label="Năm",
        field_name="year",
        lookup_expr="exact",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "invalid": "Năm phải là một số, ví dụ 2023.",
            "min_value": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}.",
            "max_value": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}.",
        },
    )
    organization = SlugFilter(
        label="Tổ chức",
        field_name="organizations",
        lookup_expr="exact",
        queryset=lambda request: Organization.objects.public(),
        to_field_name="slug",
        error_messages=not_found("tổ chức"),
    )
    official = SlugFilter(
        label="Cán bộ",
        field_name="mentions__official",
        lookup_expr="exact",
        queryset=lambda request: Official.objects.public(),
        to_field_name="slug",
        error_messages=not_found("cán bộ"),
    )
    document = SlugFilter(
        label="Văn bản",
        field_name="citations__document",
        lookup_expr="exact",
        queryset=lambda request: Document.objects.public(),
        to_field_name="slug",
        error_messages=not_found("văn bản"),
    )

    class Meta:
        model = Report
        fields = []

    ENTITY_FILTERS = ("organization", "official", "document")

    # Choosing a place resets the narrower places under it.
    NARROWER = {"province": ("district", "commune"), "district": ("commune",)}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._province_units = {}
        self._lineage = {}

    def province_units(self, province: Locality) -> list[int]:
        if province.pk not in self._province_units:
            self._province_units[province.pk] = covered_provinces(province)
        return self._province_units[province.pk]

    def filter_province(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{name}__in": self.province_units(value)})

    def lineage(self, unit: Locality) -> list[int]:
        """``unit`` and the units of its level merged into it, as Report.in_locality has it."""
        if unit.pk not in self._lineage:
            self._lineage[unit.pk] = sorted(unit.predecessor_ids())
        return self._lineage[unit.pk]

    def filter_lineage(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(**{f"{name}__in": self.lineage(value)})

    def filter_text(self, queryset, name, value):
        if not value or not value.strip():
            return queryset
        return search.search_reports(queryset, value)


def covered_provinces(province: Locality) -> list[int]:
    """Primary keys of ``province`` and of the former provinces merged into it."""
    return [
        province.pk,
        *Locality.objects.provinces()
        .filter(successor=province)
        .exclude(pk=province.pk)
        .values_list("pk", flat=True),
    ]


# ---------------------------------------------------------------------------
# Facets


@dataclass
class ProvinceCount:
    province: Locality
    count: int = 0
    parts: list[tuple[Locality, int]] = field(default_factory=list)


def province_table() -> dict[int, dict]:
    """Every province (both eras) as plain data, cached: the gazetteer rarely changes."""

    def load():
        rows = Locality.objects.provinces().values(
            "pk", "slug", "name", "era", "kind", "code", "successor_id"
        )
        return {row["pk"]: row for row in rows}

    return cache.get_or_set("public:provinces:v1", load, LOCALITY_TIMEOUT)


def _as_locality(row: dict) -> Locality:
    return Locality(
        pk=row["pk"],
        slug=row["slug"],
        name=row["name"],
        era=row["era"],
        kind=row["kind"],
        code=row["code"],
        successor_id=row["successor_id"],
    )


def _cache_key(prefix: str, params: dict) -> str:
    digest = hashlib.sha256(repr(sorted(params.items())).encode()).hexdigest()[:32]
    return public_key(prefix, digest)


def _grouped(queryset, fields: list[str], key: str | None) -> list[tuple]:
    """``fields`` values with their report counts: one GROUP BY, cached for a short while."""

    def load():
        rows = queryset.order_by().values_list(*fields).annotate(count=Count("*"))
        return list(rows)

    if key is None:
        return load()
    return cache.get_or_set(key, load, FACET_TIMEOUT)


def facet_key(name: str, params: dict) -> str:
    """Cache key for facet ``name`` of the reports matching ``params``."""
    return _cache_key(name, {key: getattr(value, "slug", value) for key, value in params.items()})


def year_counts(queryset, *, key: str | None = None) -> list[tuple[int, int]]:
    """(year, count) pairs, newest year first."""
    rows = _grouped(queryset.filter(year__isnull=False), ["year"], key)
    return sorted(rows, reverse=True)


def counts_by_province(queryset, *, key: str | None = None) -> dict[int, int]:
    """Counts keyed by each report's own (former or current) province."""
    return dict(_grouped(queryset.filter(province__isnull=False), ["province"], key))


def province_and_year_counts(queryset, *, key: str | None = None):
    """Both facets of an unfiltered page from a single GROUP BY (province, year)."""
    by_province: dict[int, int] = {}
    by_year: dict[int, int] = {}
    for province, year, count in _grouped(queryset, ["province", "year"], key):
        if province is not None:
            by_province[province] = by_province.get(province, 0) + count
        if year is not None:
            by_year[year] = by_year.get(year, 0) + count
    return by_province, sorted(by_year.items(), reverse=True)


def group_by_current_province(counts: dict[int, int]) -> list[ProvinceCount]:
    """Fold per-province counts into today's provinces, keeping the former ones as parts."""
    table = province_table()
    totals: dict[int, ProvinceCount] = {}
    for pk, count in counts.items():
        row = table.get(pk)
        if row is None:
            continue
        current_pk = pk if row["era"] == Locality.Era.CURRENT else row["successor_id"]
        if current_pk not in table:
            continue
        entry = totals.setdefault(current_pk, ProvinceCount(_as_locality(table[current_pk])))
        entry.count += count
        if pk != current_pk:
            entry.parts.append((_as_locality(row), count))
    for entry in totals.values():
        entry.parts.sort(key=lambda part: part[0].name)
    return sorted(totals.values(), key=lambda entry: entry.province.code)


def district_counts(queryset, districts) -> dict[int, int]:
    """Counts per district, each including the districts merged into it: one GROUP BY."""
    own = dict(
        queryset.order_by()
        .filter(district__in=[district.pk for district in districts])
        .values_list("district")
        .annotate(count=Count("*"))
    )
    merged = district_merges() if any(unit.ended_before_reform for unit in districts) else {}
    return {
        unit.pk: own.get(unit.pk, 0) + sum(own.get(pk, 0) for pk in merged.get(unit.pk, ()))
        for unit in districts
    }


def district_merges() -> dict[int, list[int]]:
    """District -> the districts merged into it before 2025, transitively (a few dozen rows)."""

    def load():
        direct = defaultdict(set)
        pairs = LocalityTransition.objects.filter(
            predecessor__kind__in=Locality.DISTRICT_KINDS,
            successor__kind__in=Locality.DISTRICT_KINDS,
        ).values_list("predecessor_id", "successor_id")
        for old, new in pairs:
            direct[new].add(old)
        closed = {}
        for unit in direct:
            found, frontier = set(), {unit}
            while frontier:
                frontier = set().union(*(direct.get(pk, ()) for pk in frontier)) - found - {unit}
                found |= frontier
            closed[unit] = sorted(found)
        return closed

    return cache.get_or_set("public:district-merges:v1", load, LOCALITY_TIMEOUT)


@dataclass
class CommuneRow:
    """A commune as plain data, with the former communes merged into it."""

    pk: int
    slug: str
    name: str
    kind: str
    era: str
    merged: list[int] = field(default_factory=list)

    def as_locality(self) -> Locality:
        return Locality(pk=self.pk, slug=self.slug, name=self.name, kind=self.kind, era=self.era)

    @property
    def full_name(self) -> str:
        return Locality.full_name_of(self.kind, self.name)


def communes_of(parent: Locality) -> list[CommuneRow]:
    """Communes directly under ``parent`` (today's province, or a former district), in
    alphabetical order, each with the communes merged into it: one query, cached."""

    def load():
        rows = (
            Locality.objects.communes()
            .filter(parent=parent)
            .order_by()
            .values_list(
                "pk",
                "slug",
                "name",
                "kind",
                "era",
                "transitions_in__predecessor_id",
                "transitions_in__predecessor__kind",
            )
        )
        units: dict[int, CommuneRow] = {}
        for pk, slug, name, kind, era, old, old_kind in rows:
            unit = units.setdefault(pk, CommuneRow(pk, slug, name, kind, era))
            if old is not None and old_kind in Locality.COMMUNE_KINDS:
                unit.merged.append(old)
        return sorted(units.values(), key=lambda unit: sort_key(unit.name))

    if parent.is_commune:
        return []
    return cache.get_or_set(f"public:communes:v1:{parent.pk}", load, LOCALITY_TIMEOUT)


def commune_parent(province: Locality | None, district: Locality | None) -> Locality | None:
    """Whose communes a filter offers: the chosen district's, else today's province's."""
    if district is not None:
        return district
    if province is not None and province.is_current:
        return province
    return None


def commune_counts(queryset, communes: list[CommuneRow], *, key: str | None = None):
    """Counts per commune, each including the former communes merged into it: one GROUP BY.

    ``queryset`` should already be narrowed to the communes' province or district.
    """
    own = dict(_grouped(queryset.filter(commune__isnull=False), ["commune"], key))
    return {
        unit.pk: own.get(unit.pk, 0) + sum(own.get(pk, 0) for pk in unit.merged)
        for unit in communes
    }


def districts_of(province: Locality) -> list[Locality]:
    """Former districts of ``province`` and, for today's units, of the provinces it absorbed.

    Reference data, cached; one indexed lookup on the parent (an OR across the join to the
    parent's successor made PostgreSQL scan all 14,000 units).
    """

    def load():
        parents = covered_provinces(province) if province.is_current else [province.pk]
        districts = Locality.objects.districts().filter(parent__in=parents).select_related("parent")
        return sorted(districts, key=lambda unit: (sort_key(unit.parent.name), sort_key(unit.name)))

    return cache.get_or_set(f"public:districts:v1:{province.pk}", load, LOCALITY_TIMEOUT)


def sort_key(name: str) -> tuple[str, str]:
    """Alphabetical order a Vietnamese reader expects ("Đức Thọ" beside "Đồng Xoài")."""
    return (text.fold_key(name), name)


# ---------------------------------------------------------------------------
# Other lists


class MonthFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField


def folded_name_filter(queryset, name, value):
    """Every word of ``value``, folded, must occur in the folded ``name`` column."""
    for term in search.query_terms(value):
        queryset = queryset.filter(**{f"{name}__contains": term})
    return queryset


def name_filter() -> django_filters.CharFilter:
    return django_filters.CharFilter(
        label="Tên",
        field_name="search_text",
        lookup_expr="contains",
        method=folded_name_filter,
        max_length=search.MAX_QUERY_LENGTH,
        error_messages={
            "max_length": f"Từ khóa quá dài: tối đa {search.MAX_QUERY_LENGTH} ký tự.",
            "null_characters_not_allowed": "Từ khóa chứa ký tự không hợp lệ.",
        },
    )


def kind_filter(choices) -> django_filters.ChoiceFilter:
    return django_filters.ChoiceFilter(
        label="Loại",
        field_name="kind",
        lookup_expr="exact",
        choices=choices,
        empty_label="Tất cả",
        error_messages={"invalid_choice": "Không có loại «%(value)s»."},
    )


class EventFilter(ValuesMixin, django_filters.FilterSet):
    """Events by year, month and kind."""

    year = YearFilter(
        label="Năm",
        field_name="date",
        lookup_expr="year",
        min_value=MIN_YEAR,
        max_value=MAX_YEAR,
        error_messages={
            "invalid": "Năm phải là một số, ví dụ 2023.",
            "min_value": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}.",
            "max_value": f"Năm phải từ {MIN_YEAR} đến {MAX_YEAR}.",
        },
    )
    month = MonthFilter(
        label="Tháng",
        field_name="date",
        lookup_expr="month",
        min_value=1,
        max_value=12,
        error_messages={
            "invalid": "Tháng phải là một số từ 1 đến 12.",
            "min_value": "Tháng phải từ 1 đến 12.",
            "max_value": "Tháng phải từ 1 đến 12.",
        },
    )
    kind = kind_filter(Event.Kind.choices)

    class Meta:
        model = Event
        fields = []


class OfficialFilter(ValuesMixin, django_filters.FilterSet):
    q = name_filter()

    class Meta:
        model = Official
        fields = []


class OrganizationFilter(ValuesMixin, django_filters.FilterSet):
    q = name_filter()
    kind = kind_filter(Organization.Kind.choices)

    class Meta:
        model = Organization
        fields = []


class DocumentFilter(ValuesMixin, django_filters.FilterSet):
    q = name_filter()
    kind = kind_filter(Document.Kind.choices)

    class Meta:
        model = Document
        fields = []

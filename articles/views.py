"""Public pages: browse, filter, search and read published reports and what they name."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count, F, OuterRef, Prefetch, Subquery
from django.db.models.functions import ExtractMonth, ExtractYear
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import DetailView, ListView, TemplateView

from articles import filters, search
from articles.models import (
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

REPORTS_PER_PAGE = 20
BOT_MARKERS = ("bot", "crawler", "spider", "slurp", "preview", "headless")


def published_reports():
    return Report.objects.published()


def newest_first(queryset):
    return queryset.newest_first()


# ---------------------------------------------------------------------------
# Mixins


class PageMetaMixin:
    """Canonical URL for the page; each template fills <title> and the description."""

    canonical_params: tuple[str, ...] = ()

    def get_canonical_url(self) -> str:
        params = {
            name: self.request.GET[name]
            for name in self.canonical_params
            if self.request.GET.get(name, "").isdigit() and self.request.GET[name] != "1"
        }
        query = f"?{urlencode(params)}" if params else ""
        return self.request.build_absolute_uri(self.request.path) + query

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["canonical_url"] = self.get_canonical_url()
        return context


class ForgivingPaginationMixin:
    """A page number out of range or malformed shows the nearest page, with a notice."""

    page_notice = ""
    canonical_params = ("page",)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        raw = self.request.GET.get("page", "")
        try:
            number = int(raw)
        except ValueError:
            number = 1
        page = paginator.get_page(min(max(number, 1), paginator.num_pages))
        if raw and raw != str(page.number) and paginator.count:
            self.page_notice = (
                f"Không có trang «{raw[:20]}»; đang hiển thị trang {page.number} "
                f"/ {paginator.num_pages}."
            )
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_notice"] = self.page_notice
        context.setdefault("pagination_query", "")
        return context


class FilteredListMixin(ForgivingPaginationMixin, PageMetaMixin):
    """A list whose queryset goes through a FilterSet; invalid values show their errors."""

    filterset_class = None

    def base_queryset(self):
        raise NotImplementedError

    def order(self, queryset):
        return queryset

    @cached_property
    def filterset(self):
        return self.filterset_class(
            self.request.GET or None, queryset=self.base_queryset(), request=self.request
        )

    def get_queryset(self):
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.base_queryset().none()
        return self.order(self.filterset.qs)

    def active_params(self) -> dict:
        """The valid filters as URL parameters, for links that keep them."""
        return {
            name: getattr(value, "slug", value) for name, value in self.filterset.values.items()
        }

    def get_context_data(self, **kwargs):
        params = self.active_params()
        kwargs["filter"] = self.filterset
        kwargs["form_errors"] = [
            error for errors in self.filterset.form.errors.values() for error in errors
        ]
        kwargs["pagination_query"] = urlencode(params) + "&" if params else ""
        kwargs["active_params"] = params
        return super().get_context_data(**kwargs)


# ---------------------------------------------------------------------------
# Home


class HomeView(PageMetaMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = published_reports().for_lists()
        today = timezone.localdate()
        by_province, by_year = filters.province_and_year_counts(
            published_reports(), key="public:home-facets"
        )
        context.update(
            reports=newest_first(reports)[:10],
            featured=newest_first(reports.filter(featured=True))[:3],
            upcoming_events=Event.objects.filter(date__gte=today)
            .select_related("locality")
            .order_by("date", "pk")[:5],
            recent_events=Event.objects.filter(date__lt=today)
            .select_related("locality")
            .order_by("-date", "-pk")[:5],
            province_counts=filters.group_by_current_province(by_province),
            year_counts=by_year,
        )
        return context


# ---------------------------------------------------------------------------
# Reports


@dataclass
class FacetOption:
    """One choice of a filter, with its report count and the URL that picks it."""

    value: str
    label: str
    count: int
    selected: bool = False
    url: str = ""
    group: str = ""


class ReportListView(FilteredListMixin, ListView):
    """/bai-viet/: published reports, filtered, newest first, with facet counts."""

    template_name = "articles/report_list.html"
    context_object_name = "reports"
    paginate_by = REPORTS_PER_PAGE
    filterset_class = filters.ReportFilter

    def base_queryset(self):
        return published_reports().for_lists()

    def order(self, queryset):
        return newest_first(queryset)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        valid = not filterset.is_bound or filterset.is_valid()
        values = filterset.values if valid else {}
        province = values.get("province")
        district = values.get("district")
        if valid:
            counts = filters.counts_by_province(
                filterset.queryset_without("province", "district"),
                key=filters.facet_key(
                    "province", filterset.query_params(province=None, district=None)
                ),
            )
            years = filters.year_counts(
                filterset.queryset_without("year"),
                key=filters.facet_key("year", filterset.query_params(year=None)),
            )
        else:
            counts, years = {}, []
        table = filters.province_table()
        totals = dict(counts)
        for pk, row in table.items():
            if row["era"] == Locality.Era.LEGACY and row["successor_id"] in table:
                current_pk = row["successor_id"]
                totals[current_pk] = totals.get(current_pk, 0) + counts.get(pk, 0)
        chosen_slug = province.slug if province else None
        current, legacy = [], []
        for row in sorted(table.values(), key=lambda row: filters.sort_key(row["name"])):
            unit = filters._as_locality(row)
            is_current = unit.is_current
            option = FacetOption(
                value=unit.slug,
                label=unit.name if is_current else unit.short_label,
                count=totals.get(unit.pk, 0) if is_current else counts.get(unit.pk, 0),
                selected=unit.slug == chosen_slug,
                url=self.facet_url(province=unit.slug, district=None),
            )
            (current if is_current else legacy).append(option)
        district_options, several_parents = [], False
        if province is not None:
            units = filters.districts_of(province)
            district_totals = filters.district_counts(filterset.queryset_without("district"), units)
            several_parents = len({unit.parent_id for unit in units}) > 1
            district_options = [
                FacetOption(
                    value=unit.slug,
                    label=unit.full_name,
                    count=district_totals.get(unit.pk, 0),
                    selected=district is not None and unit.pk == district.pk,
                    group=unit.parent.short_label,
                )
                for unit in units
            ]
        remove_links = self.remove_links(values)
        chosen_year = values.get("year")
        if chosen_year and all(year != chosen_year for year, _ in years):
            years = sorted([*years, (chosen_year, 0)], reverse=True)
        year_options = [
            FacetOption(
                value=str(year),
                label=str(year),
                count=count,
                selected=year == chosen_year,
                url=self.facet_url(year=year),
            )
            for year, count in years
        ]
        context.update(
            current_provinces=current,
            legacy_provinces=legacy,
            districts=district_options,
            district_groups=several_parents,
            year_options=year_options,
            chosen=values,
            chosen_province=province,
            chosen_district=district,
            entity_filters=[
                (filterset.filters[name].label, values[name], name, remove_links[name])
                for name in filterset.ENTITY_FILTERS
                if name in values
            ],
            remove_links=remove_links,
            covered_units=[
                filters._as_locality(row)
                for pk, row in sorted(
                    table.items(), key=lambda item: filters.sort_key(item[1]["name"])
                )
                if province is not None
                and province.is_current
                and row["successor_id"] == province.pk
                and pk != province.pk
            ],
        )
        return context

    def facet_url(self, **changes) -> str:
        """The list URL with the current filters and ``changes`` (page reset)."""
        return "?" + urlencode(self.filterset.query_params(**changes))

    def remove_links(self, values) -> dict:
        """For each active filter, the list URL without it."""
        links = {}
        for name in values:
            params = self.filterset.query_params(**{name: None})
            if name == "province":
                params.pop("district", None)
            links[name] = f"?{urlencode(params)}" if params else "?"
        return links


class ReportDetailView(PageMetaMixin, DetailView):
    template_name = "articles/report_detail.html"
    context_object_name = "report"
    related_limit = 5

    def get_queryset(self):
        # Editors preview drafts through the admin's "view on site"; readers never see them.
        if self.request.user.has_perm("articles.view_report"):
            reports = Report.objects.all()
        else:
            reports = Report.objects.published()
        return (
            reports.with_cards()
            .select_related(
                "locality__parent",
                "province__successor",
                "author_organization",
                "event__locality",
            )
            .prefetch_related(
                "captions",
                "attachments",
                Prefetch(
                    "mentions",
                    queryset=ReportOfficial.objects.select_related("official").order_by(
                        "order", "pk"
                    ),
                ),
                Prefetch(
                    "citations",
                    queryset=Citation.objects.select_related("document").order_by("document__code"),
                ),
                Prefetch("organizations", queryset=Organization.objects.all()),
            )
        )

    def is_reader_view(self) -> bool:
        """Only a reader's real page view counts: no HEAD, prefetch or crawler."""
        request = self.request
        if request.method != "GET" or request.user.is_staff:
            return False
        purpose = request.headers.get("Sec-Purpose", "") + request.headers.get("Purpose", "")
        if "prefetch" in purpose.lower():
            return False
        agent = request.headers.get("User-Agent", "").lower()
        return not any(marker in agent for marker in BOT_MARKERS)

    def get_object(self, queryset=None):
        report = super().get_object(queryset)
        if report.is_public and self.is_reader_view():
            # Count the page view without a race between concurrent readers.
            Report.objects.filter(pk=report.pk).update(view_count=F("view_count") + 1)
            report.view_count += 1
        return report

    def related_reports(self, report) -> list[tuple[str, list[Report]]]:
        """Same event, same documents, same locality and year: one query each, bounded."""
        base = published_reports().for_lists().exclude(pk=report.pk)
        sections, seen = [], {report.pk}

        def add(title, queryset):
            rows = [
                row for row in newest_first(queryset)[: self.related_limit] if row.pk not in seen
            ]
            seen.update(row.pk for row in rows)
            if rows:
                sections.append((title, rows))

        if report.event_id:
            add("Cùng sự kiện", base.filter(event_id=report.event_id))
        documents = [citation.document_id for citation in report.citations.all()]
        if documents:
            add(
                "Cùng thực hiện văn bản",
                base.filter(
                    pk__in=Citation.objects.filter(document__in=documents).values("report_id")
                ),
            )
        if report.locality_id and report.year:
            add(
                f"Cùng địa phương, năm {report.year}",
                base.filter(locality_id=report.locality_id, year=report.year),
            )
        return sections

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context["related_sections"] = self.related_reports(report)
        context["og_image"] = next(
            (caption.photo.url for caption in report.captions.all() if caption.photo), ""
        )
        return context


# ---------------------------------------------------------------------------
# Search


class SearchView(ForgivingPaginationMixin, PageMetaMixin, ListView):
    """/tim-kiem/?q=: ranked reports, with matching officials, organizations and documents."""

    template_name = "articles/search.html"
    context_object_name = "reports"
    paginate_by = REPORTS_PER_PAGE
    side_limit = 5

    @cached_property
    def raw_query(self) -> str:
        return self.request.GET.get("q", "")

    @cached_property
    def query(self) -> str:
        return search.clean_query(self.raw_query)

    @cached_property
    def query_error(self) -> str:
        if "\x00" in self.raw_query:
            return "Từ khóa chứa ký tự không hợp lệ; đã bỏ các ký tự đó."
        if len(self.raw_query) > search.MAX_QUERY_LENGTH:
            return f"Từ khóa quá dài: chỉ dùng {search.MAX_QUERY_LENGTH} ký tự đầu tiên để tìm."
        if self.raw_query.strip() and not search.query_terms(self.query):
            return "Từ khóa không có chữ hoặc số nào để tìm."
        return ""

    def get_queryset(self):
        if not search.query_terms(self.query):
            return Report.objects.none()
        return search.search_reports(published_reports().with_cards(), self.query, ranked=True)

    def side_results(self):
        terms = search.query_terms(self.query)
        if not terms:
            return {}

        def matching(queryset):
            return list(
                filters.folded_name_filter(queryset, "search_text", self.query)[: self.side_limit]
            )

        return {
            "officials": matching(Official.objects.order_by("full_name")),
            "organizations": matching(Organization.objects.all()),
            "documents": matching(Document.objects.order_by("-issued_on", "code")),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for report in context["reports"]:
            report.title_html = search.highlight(report.title, self.query)
            report.snippet_html = search.best_snippet(
                [report.body, report.summary], self.query, chars=280
            )
        paginator = context["paginator"]
        count = paginator.count if paginator else 0
        context.update(
            query=self.query,
            query_error=self.query_error,
            has_terms=bool(search.query_terms(self.query)),
            result_count=count,
            # Only the newest matches are ranked: say so when there are more.
            capped=count >= search.RANK_WINDOW
            and search.more_than_window(published_reports(), self.query),
            result_cap=search.RANK_WINDOW,
            pagination_query=urlencode({"q": self.query}) + "&" if self.query else "",
            **self.side_results(),
        )
        return context


# ---------------------------------------------------------------------------
# Officials, organizations, documents


def published_counts(through_queryset, key: str) -> dict[int, int]:
    """Published-report counts per ``key`` for one page of rows: one GROUP BY."""
    rows = (
        through_queryset.filter(report__in=published_reports().values("pk"))
        .order_by()
        .values_list(key)
        .annotate(count=Count("*"))
    )
    return dict(rows)


class DirectoryListView(FilteredListMixin, ListView):
    """A paginated list of named rows, each with its number of published reports."""

    paginate_by = 50
    # The table linking reports to these rows, and its column that points at a row.
    through_model = None
    through_field = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        rows = list(context["object_list"])
        links = self.through_model.objects.filter(
            **{f"{self.through_field}__in": [row.pk for row in rows]}
        )
        counts = published_counts(links, self.through_field)
        for row in rows:
            row.report_count = counts.get(row.pk, 0)
        context["rows"] = rows
        return context


class OfficialListView(DirectoryListView):
    template_name = "articles/official_list.html"
    filterset_class = filters.OfficialFilter
    through_model, through_field = ReportOfficial, "official"

    def base_queryset(self):
        latest_title = Position.objects.filter(official=OuterRef("pk")).order_by(
            F("last_seen").desc(nulls_last=True), "-pk"
        )
        return Official.objects.annotate(latest_title=Subquery(latest_title.values("title")[:1]))


class LinkedReportsView(ForgivingPaginationMixin, PageMetaMixin, ListView):
    """One named row (by slug) and, a page at a time, the published reports linked to it."""

    paginate_by = REPORTS_PER_PAGE
    subject_model = None  # Official, Document...
    link_model = None  # the table linking reports to it: ReportOfficial, Citation...
    link_field = ""  # that table's column pointing at the subject

    @cached_property
    def subject(self):
        return get_object_or_404(self.subject_model, slug=self.kwargs["slug"])

    def get_queryset(self):
        return (
            self.link_model.objects.filter(
                **{self.link_field: self.subject}, report__in=published_reports().values("pk")
            )
            .select_related("report__locality", "report__province")
            .defer("report__body", "report__raw_text", "report__search_text")
            .order_by(F("report__published_at").desc(nulls_last=True), "-report_id")
        )


class OfficialDetailView(LinkedReportsView):
    """An official, the titles reports gave them, their events and the reports naming them."""

    template_name = "articles/official_detail.html"
    context_object_name = "mentions"
    subject_model, link_model, link_field = Official, ReportOfficial, "official"

    @property
    def official(self):
        return self.subject

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            official=self.official,
            positions=self.official.positions.select_related("organization").order_by(
                F("last_seen").desc(nulls_last=True), "title"
            ),
            participations=EventParticipant.objects.filter(official=self.official)
            .select_related("event__locality")
            .order_by(F("event__date").desc(nulls_last=True))[:20],
        )
        return context


class OrganizationListView(DirectoryListView):
    template_name = "articles/organization_list.html"
    filterset_class = filters.OrganizationFilter
    through_model, through_field = Report.organizations.through, "organization"

    def base_queryset(self):
        return Organization.objects.select_related("locality")


class OrganizationDetailView(ForgivingPaginationMixin, PageMetaMixin, ListView):
    template_name = "articles/organization_detail.html"
    context_object_name = "reports"
    paginate_by = REPORTS_PER_PAGE

    @cached_property
    def organization(self):
        return get_object_or_404(
            Organization.objects.select_related("locality", "parent"), slug=self.kwargs["slug"]
        )

    def get_queryset(self):
        return newest_first(published_reports().for_lists().filter(organizations=self.organization))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        organization = self.organization
        context.update(
            organization=organization,
            children=organization.children.all(),
            positions=Position.objects.filter(organization=organization)
            .select_related("official")
            .order_by(F("last_seen").desc(nulls_last=True), "title")[:50],
            events=Event.objects.filter(organizer=organization)
            .select_related("locality")
            .order_by(F("date").desc(nulls_last=True))[:10],
        )
        return context


class DocumentListView(DirectoryListView):
    template_name = "articles/document_list.html"
    filterset_class = filters.DocumentFilter
    through_model, through_field = Citation, "document"

    def base_queryset(self):
        return Document.objects.order_by(F("issued_on").desc(nulls_last=True), "code")


class DocumentDetailView(LinkedReportsView):
    """A document and the reports that carry it out, with where they come from."""

    template_name = "articles/document_detail.html"
    context_object_name = "citations"
    subject_model, link_model, link_field = Document, Citation, "document"

    @property
    def document(self):
        return self.subject

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        citing = published_reports().filter(citations__document=self.document)
        counts = filters.counts_by_province(
            citing, key=filters.facet_key("document-provinces", {"document": self.document.slug})
        )
        context.update(
            document=self.document,
            province_counts=filters.group_by_current_province(counts),
            year_counts=filters.year_counts(
                citing, key=filters.facet_key("document-years", {"document": self.document.slug})
            ),
        )
        return context


# ---------------------------------------------------------------------------
# Events


class EventListView(FilteredListMixin, ListView):
    """/su-kien/: events by year and month, with the schedule items still to come."""

    template_name = "articles/event_list.html"
    context_object_name = "events"
    paginate_by = 30
    filterset_class = filters.EventFilter

    def base_queryset(self):
        return Event.objects.select_related("locality", "organizer")

    def order(self, queryset):
        return queryset.order_by(F("date").desc(nulls_last=True), "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        valid = not self.filterset.is_bound or self.filterset.is_valid()
        values = self.filterset.values if valid else {}
        year_counts = list(
            Event.objects.filter(date__isnull=False)
            .annotate(year=ExtractYear("date"))
            .order_by("-year")
            .values_list("year")
            .annotate(count=Count("*"))
        )
        month_counts = []
        if values.get("year"):
            months = dict(
                Event.objects.filter(date__year=values["year"])
                .annotate(month=ExtractMonth("date"))
                .order_by("month")
                .values_list("month")
                .annotate(count=Count("*"))
            )
            month_counts = [(month, months.get(month, 0)) for month in range(1, 13)]
        today = timezone.localdate()
        context.update(
            chosen=values,
            year_counts=year_counts,
            month_counts=month_counts,
            kinds=Event.Kind.choices,
            months=range(1, 13),
            schedule=Event.objects.filter(kind=Event.Kind.SCHEDULE, date__gte=today)
            .select_related("locality")
            .order_by("date", "pk")[:10],
            today=today,
        )
        return context


class EventDetailView(PageMetaMixin, DetailView):
    template_name = "articles/event_detail.html"
    context_object_name = "event"

    def get_queryset(self):
        return Event.objects.select_related("locality__parent", "organizer").prefetch_related(
            Prefetch(
                "participations",
                queryset=EventParticipant.objects.select_related("official").order_by("role", "pk"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["reports"] = newest_first(
            published_reports().for_lists().filter(event=self.object)
        )[:50]
        return context


# ---------------------------------------------------------------------------
# Localities


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


# ---------------------------------------------------------------------------
# robots.txt


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        f"Disallow: /{settings.ADMIN_URL}",
        f"Disallow: {reverse('articles:search')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

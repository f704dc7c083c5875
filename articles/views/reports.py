"""The report list with its filters and facets, and a report's page."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F, Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import DetailView, ListView

from articles import filters
from articles.models import (
    Citation,
    Locality,
    Report,
    ReportOfficial,
    ReportOrganization,
    ReportQuerySet,
)
from articles.views.base import (
    REPORTS_PER_PAGE,
    FilteredListMixin,
    PageMetaMixin,
    newest_first,
    published_reports,
)

logger = logging.getLogger(__name__)

BOT_MARKERS = ("bot", "crawler", "spider", "slurp", "preview", "headless")


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

    def get_canonical_url(self) -> str:
        """The list's address with its valid province and year (and page): the other filters
        narrow the same list and would only split its ranking."""
        params = {
            name: value
            for name, value in self.active_params().items()
            if name in ("province", "year")
        }
        page = self.request.GET.get("page", "")
        if page.isdigit() and page != "1":
            params["page"] = page
        query = f"?{urlencode(params)}" if params else ""
        return self.request.build_absolute_uri(self.request.path) + query

    def page_title(self, values) -> str:
        """ "Bài viết – Hà Tĩnh – năm 2023": the list's filters, widest place first."""
        parts = ["Bài viết"]
        if values.get("q"):
            parts.append(f"«{values['q'].strip()}»")
        for name in ("commune", "district", "province"):
            if name in values:
                unit = values[name]
                parts.append(unit.full_name if name != "province" else unit.name)
        if values.get("year"):
            parts.append(f"năm {values['year']}")
        for name in self.filterset.ENTITY_FILTERS:
            if name in values:
                parts.append(str(values[name]))
        return " – ".join(parts)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset
        # An invalid value is left out of the filters (its message shows above the list):
        # the facets count what the valid ones select, not zeros.
        values = filterset.values
        province = values.get("province")
        district = values.get("district")
        commune = values.get("commune")
        counts = filters.counts_by_province(
            filterset.queryset_without("province", "district", "commune"),
            key=filters.facet_key(
                "province", filterset.query_params(province=None, district=None, commune=None)
            ),
        )
        years = filters.year_counts(
            filterset.queryset_without("year"),
            key=filters.facet_key("year", filterset.query_params(year=None)),
        )
        years_with_reports = [
            FacetOption(
                value=str(year), label=str(year), count=count, url=self.facet_url(year=year)
            )
            for year, count in years
            if count
        ]
        table = filters.province_table()
        current, legacy = self.province_options(table, counts, province)
        district_options, several_parents = self.district_options(province, district)
        commune_options = self.commune_options(province, district, commune)
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
            communes=commune_options,
            year_options=year_options,
            chosen=values,
            chosen_province=province,
            chosen_district=district,
            chosen_commune=commune,
            chosen_commune_listed=any(option.selected for option in commune_options),
            entity_filters=[
                (filterset.filters[name].label, values[name], name, remove_links[name])
                for name in filterset.ENTITY_FILTERS
                if name in values
            ],
            remove_links=remove_links,
            page_title=self.page_title(values),
            years_with_reports=years_with_reports,
            any_province_counted=any(option.count for option in current),
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

    def province_options(self, table, counts, province):
        """Today's and former provinces, today's counting the former ones merged into them."""
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
                url=self.facet_url(province=unit.slug),
            )
            (current if is_current else legacy).append(option)
        return current, legacy

    def district_options(self, province, district):
        """The chosen province's former districts, with counts; and whether to group them."""
        if province is None:
            return [], False
        units = filters.districts_of(province)
        totals = filters.district_counts(
            self.filterset.queryset_without("district", "commune"), units
        )
        options = [
            FacetOption(
                value=unit.slug,
                label=unit.full_name,
                count=totals.get(unit.pk, 0),
                selected=district is not None and unit.pk == district.pk,
                group=unit.parent.short_label,
            )
            for unit in units
        ]
        return options, len({unit.parent_id for unit in units}) > 1

    def commune_options(self, province, district, commune):
        """Communes of the chosen district (former era) or of today's province, with counts."""
        parent = filters.commune_parent(province, district)
        if parent is None:
            return []
        units = filters.communes_of(parent)
        queryset = self.filterset.queryset_without("commune")
        totals = filters.commune_counts(
            queryset,
            units,
            key=filters.facet_key("commune", self.filterset.query_params(commune=None)),
        )
        return [
            FacetOption(
                value=unit.slug,
                label=unit.full_name,
                count=totals.get(unit.pk, 0),
                selected=commune is not None and unit.pk == commune.pk,
            )
            for unit in units
        ]

    def facet_url(self, **changes) -> str:
        """The list URL with the current filters and ``changes`` (page reset).

        A new place drops the narrower places chosen under the old one.
        """
        for name in list(changes):
            for narrower in self.filterset.NARROWER.get(name, ()):
                changes.setdefault(narrower, None)
        return "?" + urlencode(self.filterset.query_params(**changes))

    def remove_links(self, values) -> dict:
        """For each active filter, the list URL without it."""
        links = {}
        for name in values:
            params = self.filterset.query_params(**{name: None})
            for narrower in self.filterset.NARROWER.get(name, ()):
                params.pop(narrower, None)
            links[name] = f"?{urlencode(params)}" if params else "?"
        return links


def organization_groups(links) -> list[tuple[str, list]]:
    """The report's bodies by role, strongest role first: [(role label, [organization])]."""
    groups: dict[str, list] = {}
    for link in links:
        groups.setdefault(link.get_role_display(), []).append(link.organization)
    return list(groups.items())


class ReportDetailView(PageMetaMixin, DetailView):
    template_name = "articles/report_detail.html"
    context_object_name = "report"
    related_limit = 5

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = self.visible_reports().filter(old_slugs__slug=kwargs["slug"]).first()
            if moved is None:
                raise
            # The report's address changed after it was published: the old one still leads.
            return HttpResponsePermanentRedirect(moved.get_absolute_url())

    def visible_reports(self):
        # Editors preview drafts through the admin's "view on site"; readers never see them.
        if self.request.user.has_perm("articles.view_report"):
            return Report.objects.all()
        return Report.objects.published()

    def get_queryset(self):
        return (
            self.visible_reports()
            .with_cards(photos=False)  # the page shows all its captions (prefetched below)
            .select_related(
                "locality__parent",
                "province__successor",
                "district",
                "commune__successor",
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
                Prefetch(
                    "organization_links",
                    # Only public bodies: never one that drafts alone name, even in a preview.
                    queryset=ReportOrganization.objects.filter(
                        organization__visible_from__lte=timezone.now()
                    )
                    .select_related("organization")
                    .strongest_first(),
                ),
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
            self.count_view(report)
        return report

    @staticmethod
    def count_view(report) -> None:
        """Add one view, in its own savepoint: a database that refuses writes (a read-only
        standby, a full disk) loses the count, never the page."""
        try:
            with transaction.atomic():
                # F() adds in the database: no race between concurrent readers.
                Report.objects.filter(pk=report.pk).update(view_count=F("view_count") + 1)
        except DatabaseError:
            logger.warning("View of report %s not counted: the database refused the write.",
                           report.pk, exc_info=True)  # fmt: skip
            return
        report.view_count += 1

    def related_reports(self, report) -> list[tuple[str, list[Report]]]:
        """Same event, same documents, same locality and year: one query each, bounded."""
        # The sections' cards get their places and events together, once, at the end.
        base = published_reports().card_columns().exclude(pk=report.pk)
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
        prefetch_related_objects(
            [row for _, rows in sections for row in rows], *ReportQuerySet.CARD_RELATIONS
        )
        return sections

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.object
        context["related_sections"] = self.related_reports(report)
        context["organization_groups"] = organization_groups(report.organization_links.all())
        # A photo is shown through its renditions (never the original); one whose file cannot
        # be read is listed as a caption only.
        pictures = [(caption, caption.picture) for caption in report.captions.all()]
        context["pictures"] = [picture for _, picture in pictures if picture]
        context["text_captions"] = [caption for caption, picture in pictures if not picture]
        first = context["pictures"][0] if context["pictures"] else None
        context["og_image"] = self.request.build_absolute_uri(first.src) if first else ""
        context["news_article"] = self.news_article(report, context["og_image"])
        return context

    def news_article(self, report, image: str) -> dict:
        """schema.org NewsArticle for search engines; json_ld escapes it in the template."""
        site = {"@type": "Organization", "name": settings.SITE_NAME}
        site["url"] = self.request.build_absolute_uri(reverse("articles:home"))
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": report.title,
            "mainEntityOfPage": self.get_canonical_url(),
            "url": self.get_canonical_url(),
            "inLanguage": "vi",
            "publisher": site,
        }
        if report.summary:
            data["description"] = report.summary
        # A year alone is no publication date; the event's day is the nearest one then.
        published = report.published_at or report.event_date
        if published:
            data["datePublished"] = published.isoformat()
        if report.updated_at:
            data["dateModified"] = report.updated_at.isoformat()
        if report.author:
            data["author"] = {"@type": "Person", "name": report.author}
        elif report.author_organization:
            data["author"] = {"@type": "Organization", "name": report.author_organization.name}
        else:
            data["author"] = site
        if image:
            data["image"] = [image]
        return data

"""sitemap.xml: every public page, split into sections so each stays under 50,000 URLs."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import (
    Document,
    Event,
    Locality,
    LocalityTransition,
    Official,
    Organization,
    Report,
)


class StaticSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6

    def items(self):
        return [
            "articles:home",
            "articles:report-list",
            "articles:event-list",
            "articles:official-list",
            "articles:organization-list",
            "articles:document-list",
            "articles:locality-list",
        ]

    def location(self, item):
        return reverse(item)


class ReportSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.8
    limit = 10_000

    def items(self):
        return Report.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class EntitySitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5
    limit = 10_000
    model = None
    fields = ("slug", "updated_at")

    def items(self):
        return self.model.objects.public().only(*self.fields).order_by("pk")

    def lastmod(self, item):
        return getattr(item, "updated_at", None)


class OfficialSitemap(EntitySitemap):
    model = Official


class OrganizationSitemap(EntitySitemap):
    model = Organization


class DocumentSitemap(EntitySitemap):
    model = Document


class EventSitemap(EntitySitemap):
    model = Event


class LocalitySitemap(EntitySitemap):
    """Pages of provinces, districts and communes that show at least one published report.

    A unit's page lists the reports about it and about the units of its level merged into it
    (Report.in_locality), so today's unit is listed when a former one has reports.
    """

    model = Locality
    fields = ("slug",)

    def items(self):
        reports = Report.objects.published()
        with_reports = set()
        for level in Report.PLACE_LEVELS:
            with_reports |= set(
                reports.filter(**{f"{level}__isnull": False})
                .order_by()
                .values_list(level, flat=True)
                .distinct()
            )
        level_of = {kind: level for level, kinds in Locality.LEVEL_KINDS.items() for kind in kinds}
        shown, frontier = set(with_reports), set(with_reports)
        while frontier:
            later = LocalityTransition.objects.filter(predecessor__in=frontier).values_list(
                "predecessor__kind", "successor_id", "successor__kind"
            )
            frontier = {
                successor
                for old_kind, successor, new_kind in later
                if level_of[old_kind] == level_of[new_kind]
            } - shown
            shown |= frontier
        return list(Locality.objects.filter(pk__in=shown).only("slug").order_by("pk"))


SITEMAPS = {
    "trang": StaticSitemap,
    "bai-viet": ReportSitemap,
    "su-kien": EventSitemap,
    "can-bo": OfficialSitemap,
    "to-chuc": OrganizationSitemap,
    "van-ban": DocumentSitemap,
    "dia-phuong": LocalitySitemap,
}

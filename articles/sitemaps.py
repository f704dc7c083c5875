"""sitemap.xml: every public page, split into sections so each stays under 50,000 URLs."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from articles.models import Document, Event, Locality, Official, Organization, Report


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
        return self.model.objects.only(*self.fields).order_by("pk")

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
    model = Locality
    fields = ("slug",)

    def items(self):
        kinds = (*Locality.PROVINCE_KINDS, *Locality.DISTRICT_KINDS)
        return Locality.objects.filter(kind__in=kinds).only("slug").order_by("pk")


SITEMAPS = {
    "trang": StaticSitemap,
    "bai-viet": ReportSitemap,
    "su-kien": EventSitemap,
    "can-bo": OfficialSitemap,
    "to-chuc": OrganizationSitemap,
    "van-ban": DocumentSitemap,
    "dia-phuong": LocalitySitemap,
}

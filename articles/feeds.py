"""RSS and Atom feeds of the latest published reports, site-wide and per province."""

import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator

from articles.models import Locality, Report

FEED_SIZE = 30
# XML 1.0 forbids these; imported text sometimes carries them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_safe(value: str) -> str:
    return _NOT_XML.sub("", value or "")


class LatestReportsFeed(Feed):
    description = "Tin tức mới nhất về công tác dân vận."
    language = "vi"

    def title(self, obj=None):
        return f"{settings.SITE_NAME} – Bài viết mới"

    def link(self, obj=None):
        return reverse("articles:report-list")

    def reports(self):
        return Report.objects.published().with_cards().defer("raw_text", "search_text")

    def items(self, obj=None):
        return self.reports().newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        text = item.summary or Truncator(item.body).words(60)
        return xml_safe(text)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return xml_safe(item.author) or None

    def item_categories(self, item):
        return [xml_safe(item.province.name)] if item.province_id else []


class LatestReportsAtomFeed(LatestReportsFeed):
    feed_type = Atom1Feed
    subtitle = LatestReportsFeed.description


class ProvinceReportsFeed(LatestReportsFeed):
    """Reports of one province, including the former provinces merged into it."""

    def get_object(self, request, slug):
        return get_object_or_404(Locality.objects.provinces(), slug=slug)

    def title(self, obj=None):
        return f"{settings.SITE_NAME} – {obj.full_name}"

    def description(self, obj=None):
        return f"Bài viết mới về công tác dân vận ở {obj.full_name}."

    def link(self, obj=None):
        return obj.get_absolute_url()

    def items(self, obj=None):
        units = [
            obj.pk,
            *Locality.objects.provinces().filter(successor=obj).values_list("pk", flat=True),
        ]
        return self.reports().in_provinces(units).newest_first()[:FEED_SIZE]


class ProvinceReportsAtomFeed(ProvinceReportsFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj=None):
        return self.description(obj)

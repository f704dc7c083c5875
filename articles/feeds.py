"""RSS and Atom feeds of the latest published reports, site-wide and per province."""

import datetime as dt
import re

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.text import Truncator

from articles.models import Locality, Report

FEED_SIZE = 30
# XML 1.0 forbids these; imported text sometimes carries them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# A row saved again this long after it was created was changed (by an editor or a re-import);
# sooner, it is still the first write of the import or the editor's first save.
CHANGED_AFTER = dt.timedelta(minutes=1)


def xml_safe(value: str) -> str:
    return _NOT_XML.sub("", value or "")


def report_date(report: Report) -> dt.datetime | None:
    """The report's own date: when it was published, else the day of its event."""
    if report.published_at is not None:
        return report.published_at
    if report.event_date is not None:
        return dt.datetime.combine(report.event_date, dt.time(), timezone.get_current_timezone())
    return None


class PlainTextAtom1Feed(Atom1Feed):
    """Atom whose entry summaries are declared as the plain text they are, not as HTML."""

    def add_item_elements(self, handler, item):
        description = item["description"]
        item = {**item, "description": None}
        super().add_item_elements(handler, item)
        if description is not None:
            handler.addQuickElement("summary", description, {"type": "text"})


class LatestReportsFeed(Feed):
    description = "Tin tức mới nhất về công tác dân vận."
    language = "vi"

    def title(self, obj=None):
        return f"{settings.SITE_NAME} – Bài viết mới"

    def link(self, obj=None):
        return reverse("articles:report-list")

    def reports(self):
        # An undated report has no honest place in a dated feed: it stays out.
        return (
            Report.objects.published()
            .filter(Q(published_at__isnull=False) | Q(event_date__isnull=False))
            .with_cards(photos=False)
            .defer("raw_text", "search_text")
        )

    def items(self, obj=None):
        return self.reports().newest_first()[:FEED_SIZE]

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        # Summaries are plain text. RSS readers take <description> as HTML, so the text is
        # escaped once more: markup written in an article shows as text, never runs.
        return escape(self.plain_description(item))

    @staticmethod
    def plain_description(item) -> str:
        return xml_safe(item.summary or Truncator(item.body).words(60))

    def item_pubdate(self, item):
        return report_date(item)

    def item_updateddate(self, item):
        """The report's date, or when it last changed if that came later; never the import."""
        own = report_date(item)
        changed = item.updated_at if item.updated_at - item.created_at > CHANGED_AFTER else None
        if changed is None:
            return own
        return max(own, changed) if own is not None else changed

    def item_author_name(self, item):
        return xml_safe(item.author) or None

    def item_categories(self, item):
        return [xml_safe(item.province.name)] if item.province_id else []


class AtomMixin:
    """Atom carries the summary as declared plain text: no second escaping."""

    feed_type = PlainTextAtom1Feed

    def item_description(self, item):
        return self.plain_description(item)


class LatestReportsAtomFeed(AtomMixin, LatestReportsFeed):
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


class ProvinceReportsAtomFeed(AtomMixin, ProvinceReportsFeed):
    def subtitle(self, obj=None):
        return self.description(obj)

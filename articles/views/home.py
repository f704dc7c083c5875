"""The home page, robots.txt and /favicon.ico."""

from __future__ import annotations

from django.http import HttpResponse, HttpResponseRedirect
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from django.views.generic import TemplateView

from articles import filters
from articles.models import Event
from articles.views.base import PageMetaMixin, newest_first, published_reports


class HomeView(PageMetaMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = published_reports().for_lists()
        today = timezone.localdate()
        by_province, by_year = filters.province_and_year_counts(
            published_reports(), key=filters.facet_key("home", {})
        )
        context.update(
            reports=newest_first(reports)[:10],
            featured=newest_first(reports.filter(featured=True))[:3],
            upcoming_events=Event.objects.public()
            .filter(date__gte=today)
            .select_related("locality")
            .order_by("date", "pk")[:5],
            recent_events=Event.objects.public()
            .filter(date__lt=today)
            .select_related("locality")
            .order_by("-date", "-pk")[:5],
            province_counts=filters.group_by_current_province(by_province),
            year_counts=by_year,
        )
        return context


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        # No admin line: robots.txt is public, and naming the admin's address would publish it.
        "User-agent: *",
        f"Disallow: {reverse('articles:search')}",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap-index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links; send them to the
    static file (whitenoise serves it with a long cache under its hashed name)."""
    return HttpResponseRedirect(static("img/favicon.ico"))

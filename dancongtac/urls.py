"""Root URL configuration."""

from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path

from articles.cache import public_cache_page
from articles.sitemaps import SITEMAPS
from articles.views import favicon, robots_txt
from articles.views.media import original

admin.site.site_header = "Dân Công Tác – Quản trị nội dung"
admin.site.site_title = "Quản trị Dân Công Tác"
admin.site.index_title = "Biên tập nội dung"

SITEMAP_CACHE_SECONDS = 3600

handler500 = "articles.outage.server_error"

urlpatterns = [
    path(settings.ADMIN_URL, admin.site.urls),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon, name="favicon"),
    path(
        "sitemap.xml",
        public_cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap-index",
    ),
    path(
        "sitemap-<section>.xml",
        public_cache_page(SITEMAP_CACHE_SECONDS)(sitemap_views.sitemap),
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    # Originals, for staff only, in DEBUG and in production alike: readers get renditions
    # and downloads through articles.views.media, which check that the report is published.
    path(f"{settings.MEDIA_URL.lstrip('/')}<path:path>", original, name="media-original"),
    path("", include("articles.urls")),
]

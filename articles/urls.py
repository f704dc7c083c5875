from django.urls import path

from articles import feeds, views
from articles.views import media

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("bai-viet/", views.ReportListView.as_view(), name="report-list"),
    path("bai-viet/<slug:slug>/", views.ReportDetailView.as_view(), name="report-detail"),
    # Photos and files of published reports, checked on every request (articles.views.media).
    path("anh/<int:pk>/<str:key>/<str:name>", media.photo, name="photo"),
    path("tep-dinh-kem/<int:pk>/", media.attachment, name="attachment"),
    path("tim-kiem/", views.SearchView.as_view(), name="search"),
    path("can-bo/", views.OfficialListView.as_view(), name="official-list"),
    path("can-bo/<slug:slug>/", views.OfficialDetailView.as_view(), name="official-detail"),
    path("to-chuc/", views.OrganizationListView.as_view(), name="organization-list"),
    path(
        "to-chuc/<slug:slug>/",
        views.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path("van-ban/", views.DocumentListView.as_view(), name="document-list"),
    path("van-ban/<slug:slug>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("su-kien/", views.EventListView.as_view(), name="event-list"),
    path("su-kien/<slug:slug>/", views.EventDetailView.as_view(), name="event-detail"),
    path("dia-phuong/", views.LocalityListView.as_view(), name="locality-list"),
    path("dia-phuong/<slug:slug>/", views.LocalityDetailView.as_view(), name="locality-detail"),
    path(
        "dia-phuong/<slug:slug>/quan-huyen.json",
        views.district_options,
        name="district-options",
    ),
    path(
        "dia-phuong/<slug:slug>/xa-phuong.json",
        views.commune_options,
        name="commune-options",
    ),
    path("rss/", feeds.LatestReportsFeed(), name="feed-rss"),
    path("atom/", feeds.LatestReportsAtomFeed(), name="feed-atom"),
    path("dia-phuong/<slug:slug>/rss/", feeds.ProvinceReportsFeed(), name="province-feed-rss"),
    path(
        "dia-phuong/<slug:slug>/atom/",
        feeds.ProvinceReportsAtomFeed(),
        name="province-feed-atom",
    ),
]

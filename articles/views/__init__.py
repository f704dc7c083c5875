"""Public pages: browse, filter, search and read published reports and what they name."""

from articles.views.directory import (
    DocumentDetailView,
    DocumentListView,
    EventDetailView,
    EventListView,
    OfficialDetailView,
    OfficialListView,
    OrganizationDetailView,
    OrganizationListView,
)
from articles.views.home import HomeView, favicon, robots_txt
from articles.views.localities import (
    LocalityDetailView,
    LocalityListView,
    commune_options,
    district_options,
)
from articles.views.reports import ReportDetailView, ReportListView
from articles.views.search import SearchView

__all__ = [
    "DocumentDetailView",
    "DocumentListView",
    "EventDetailView",
    "EventListView",
    "HomeView",
    "LocalityDetailView",
    "LocalityListView",
    "OfficialDetailView",
    "OfficialListView",
    "OrganizationDetailView",
    "OrganizationListView",
    "ReportDetailView",
    "ReportListView",
    "SearchView",
    "commune_options",
    "district_options",
    "favicon",
    "robots_txt",
]

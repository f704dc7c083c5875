"""/tim-kiem/: search results page."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.functional import cached_property
from django.views.generic import ListView

from articles import filters, search
from articles.models import Document, Official, Organization, Report
from articles.views.base import (
    REPORTS_PER_PAGE,
    ForgivingPaginationMixin,
    PageMetaMixin,
    published_reports,
)


class SearchView(ForgivingPaginationMixin, PageMetaMixin, ListView):
    """/tim-kiem/?q=: ranked reports, with matching places, officials, organizations, documents."""

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
            "officials": matching(Official.objects.public().order_by("full_name")),
            "organizations": matching(Organization.objects.public()),
            "documents": matching(Document.objects.public().order_by("-issued_on", "code")),
            "localities": search.matching_localities(self.query),
        }

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        search.highlighted(published_reports(), context["reports"], self.query)
        paginator = context["paginator"]
        count = paginator.count if paginator else 0
        context.update(
            query=self.query,
            query_error=self.query_error,
            has_terms=bool(search.query_terms(self.query)),
            result_count=count,
            # Past the window, only the newest and the best-titled matches are ranked: say so.
            capped=count >= search.RANK_WINDOW
            and search.more_than_window(published_reports(), self.query),
            result_cap=search.RANK_WINDOW,
            title_cap=search.TITLE_WINDOW,
            pagination_query=urlencode({"q": self.query}) + "&" if self.query else "",
            **self.side_results(),
        )
        return context

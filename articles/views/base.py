"""Shared pieces of the public views: published reports, page metadata, pagination."""

from __future__ import annotations

from urllib.parse import urlencode

from django.utils.functional import cached_property

from articles.models import Report

REPORTS_PER_PAGE = 20


def vn_date(day) -> str:
    """A date as Vietnamese administrative texts write it: 01/7/2025, 01/01/2025, 20/11/2023.

    (Days always take two digits; months only January and February, per Nghị định 30/2020.)
    """
    if day is None:
        return ""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def published_reports():
    return Report.objects.published()


def newest_first(queryset):
    return queryset.newest_first()


class PageMetaMixin:
    """Canonical URL for the page; each template fills <title> and the description."""

    canonical_params: tuple[str, ...] = ()

    def get_canonical_url(self) -> str:
        params = {
            name: self.request.GET[name]
            for name in self.canonical_params
            if self.request.GET.get(name, "").isdigit() and self.request.GET[name] != "1"
        }
        query = f"?{urlencode(params)}" if params else ""
        return self.request.build_absolute_uri(self.request.path) + query

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["canonical_url"] = self.get_canonical_url()
        return context


class ForgivingPaginationMixin:
    """A page number out of range or malformed shows the nearest page, with a notice."""

    page_notice = ""
    canonical_params = ("page",)

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        raw = self.request.GET.get("page", "")
        try:
            number = int(raw)
        except ValueError:
            number = 1
        page = paginator.get_page(min(max(number, 1), paginator.num_pages))
        if raw and raw != str(page.number) and paginator.count:
            self.page_notice = (
                f"Không có trang «{raw[:20]}»; đang hiển thị trang {page.number} "
                f"/ {paginator.num_pages}."
            )
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_notice"] = self.page_notice
        context.setdefault("pagination_query", "")
        return context


class FilteredListMixin(ForgivingPaginationMixin, PageMetaMixin):
    """A list whose queryset goes through a FilterSet; invalid values show their errors."""

    filterset_class = None

    def base_queryset(self):
        raise NotImplementedError

    def order(self, queryset):
        return queryset

    @cached_property
    def filterset(self):
        return self.filterset_class(
            self.request.GET or None, queryset=self.base_queryset(), request=self.request
        )

    def get_queryset(self):
        if self.filterset.is_bound and not self.filterset.is_valid():
            return self.base_queryset().none()
        return self.order(self.filterset.qs)

    def active_params(self) -> dict:
        """The valid filters as URL parameters, for links that keep them."""
        return {
            name: getattr(value, "slug", value) for name, value in self.filterset.values.items()
        }

    def get_context_data(self, **kwargs):
        params = self.active_params()
        kwargs["filter"] = self.filterset
        kwargs["form_errors"] = [
            error for errors in self.filterset.form.errors.values() for error in errors
        ]
        kwargs["pagination_query"] = urlencode(params) + "&" if params else ""
        kwargs["active_params"] = params
        return super().get_context_data(**kwargs)

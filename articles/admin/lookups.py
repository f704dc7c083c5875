"""Admin changelists that answer lookup values the database cannot hold with a 400."""

from __future__ import annotations

import logging

from django.contrib import admin
from django.db import DataError, router, transaction
from django.template.response import TemplateResponse

logger = logging.getLogger(__name__)

# What the drivers raise for a value a column cannot hold: a number past the column's range
# (psycopg's DataError; SQLite's and the date lookups' OverflowError) or a NUL byte in a text
# (psycopg's ValueError). Django turns errors it sees while building the filters into its own
# "?e=1" page, but these come later, when the page's queries run.
UNUSABLE_VALUE_ERRORS = (DataError, OverflowError, ValueError)


def usable_search_term(term: str) -> str:
    """The term without NUL bytes: no stored text holds one, and PostgreSQL refuses them."""
    return term.replace("\x00", "")


class SafeChangelistAdmin(admin.ModelAdmin):
    """A ModelAdmin whose list answers 400 to query-string values no column can hold."""

    def changelist_view(self, request, extra_context=None):
        try:
            # A savepoint: PostgreSQL aborts the transaction on a DataError.
            with transaction.atomic(using=router.db_for_read(self.model)):
                response = super().changelist_view(request, extra_context)
                # The rows are read while the template renders: render inside the guard.
                if hasattr(response, "render") and not response.is_rendered:
                    response.render()
        except UNUSABLE_VALUE_ERRORS as error:
            logger.info("Admin list of %s: unusable lookup value (%s)", self.opts.label, error)
            return self.invalid_lookup_response(request)
        return response

    def get_search_results(self, request, queryset, search_term):
        # The list's search box and the autocomplete widgets both come through here.
        return super().get_search_results(request, queryset, usable_search_term(search_term))

    def invalid_lookup_response(self, request):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Giá trị lọc không hợp lệ",
            "changelist_url": request.path,
        }
        return TemplateResponse(request, "admin/invalid_lookup.html", context, status=400)

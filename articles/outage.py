"""A Vietnamese 503 page, with Retry-After, when the database cannot be reached."""

from __future__ import annotations

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template import loader
from django.views import defaults

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
# Connection refused, server gone, too many clients, a locked SQLite file: a failure of the
# database, not of the request; the reader may simply come back later.
DATABASE_DOWN = (OperationalError, InterfaceError)


def database_unavailable_response() -> HttpResponse:
    """The 503 page; rendered without a request, so no context processor touches the DB."""
    response = HttpResponse(
        loader.render_to_string("503.html"), status=503, content_type="text/html; charset=utf-8"
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Turns a database outage met by a view or its template into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_DOWN):
            logger.error("Database unavailable on %s", request.path, exc_info=exception)
            return database_unavailable_response()
        return None


def server_error(request, template_name=defaults.ERROR_500_TEMPLATE_NAME):
    """handler500: an outage met outside the views (say, in a middleware) is a 503 too."""
    if isinstance(sys.exc_info()[1], DATABASE_DOWN):
        return database_unavailable_response()
    try:
        return defaults.server_error(request, template_name)
    except Exception:  # noqa: BLE001 - the 500 page itself must never fail
        return HttpResponseServerError("<h1>Lỗi máy chủ (500)</h1>", content_type="text/html")

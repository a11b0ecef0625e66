"""The database away: 503 with ``Retry-After`` and our own page, never a 500.

While PostgreSQL restarts (or a connection is killed under a request), queries raise Django's
``OperationalError`` / ``InterfaceError``. Two places turn those into a 503:

- ``DatabaseUnavailableMiddleware.process_exception`` for errors raised by a view or while
  rendering its template (the usual case);
- ``server_error`` (``handler500`` in ``portal/urls.py``) for errors raised outside a view, e.g.
  the session saved by ``SessionMiddleware`` on the way out; any other error still gets the
  plain 500 page.

``templates/503.html`` is rendered without a request context, so no context processor (the
signed-in user, the navigation) touches the database that is away. The broken connection is
closed by Django itself (the failed rollback of ``ATOMIC_REQUESTS``, then
``close_if_unusable_or_obsolete`` at the end of the request), and a kept connection that
died while idle fails ``CONN_HEALTH_CHECKS`` when the request's transaction opens (Django's
``set_autocommit`` checks before the atomic block starts) and is replaced: the same worker
serves normally as soon as the database is back. ``tests/portal/test_outage.py`` kills real
connections with ``pg_terminate_backend``.
"""

import logging
import sys

from django.db import InterfaceError
from django.db import OperationalError
from django.http import HttpRequest
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.views.defaults import server_error as default_server_error

logger = logging.getLogger(__name__)
DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 15


def is_database_outage(exc: BaseException | None) -> bool:
    """The error, or one it was raised from, says the database cannot be reached."""
    seen = 0
    while exc is not None and seen < 5:
        if isinstance(exc, DATABASE_ERRORS):
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


def database_unavailable() -> HttpResponse:
    html = render_to_string(
        "503.html", {"LANGUAGE_CODE": get_language(), "retry_after": RETRY_AFTER_SECONDS}
    )
    response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 to a view that failed because the database is away."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not is_database_outage(exception):
            return None
        logger.warning(
            "database unavailable, answered 503: %s %s: %s",
            request.method, request.path, exception,
        )
        return database_unavailable()


def server_error(request: HttpRequest, template_name: str = "500.html") -> HttpResponse:
    """``handler500``: a database outage outside a view is a 503 too."""
    if is_database_outage(sys.exc_info()[1]):
        return database_unavailable()
    return default_server_error(request, template_name)

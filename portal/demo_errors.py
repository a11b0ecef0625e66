"""The demo shows the portal's own 404 and 500 pages although DEBUG is on.

With DEBUG, Django answers an unknown address or an ``Http404`` with its technical page
(``response_for_exception`` picks ``debug.technical_404_response`` whenever ``settings.DEBUG``),
and an error with the traceback page; a custom ``handler404`` is never consulted. The two
middleware classes below (added only by ``portal.settings.local`` unless ``DEMO_DEBUG_PAGES``
is true) answer those cases with ``templates/404.html`` and ``templates/500.html`` in the
visitor's language; the locale and slash redirects still see the 404 on its way out. Other
exceptions (permission refusals, bad requests, the database away, rate limits) keep their own
handling.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.urls import Resolver404
from django.urls import resolve
from django.views.defaults import page_not_found

from .outage import server_error

logger = logging.getLogger("django.request")

# Handled as 400/403 by Django whatever DEBUG says, or by the portal's own middleware.
PASSED_ON = (PermissionDenied, BadRequest, SuspiciousOperation)


class DemoNotFoundMiddleware:
    """Last in MIDDLEWARE: the request is complete (user, language) when an address is unknown,
    and the outer middleware (locale and slash redirects) still sees the 404 on its way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEBUG:
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exception:
                return page_not_found(request, exception)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None


class DemoServerErrorMiddleware:
    """Before the portal's refusal, outage and rate-limit middleware in MIDDLEWARE, so they see a
    view's exception first (process_exception runs from the last middleware up)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not settings.DEBUG or isinstance(exception, (Http404, *PASSED_ON)):
            return None
        logger.error(
            "Internal Server Error: %s", request.path, exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return server_error(request)


def with_demo_error_pages(middleware: list[str]) -> list[str]:
    """MIDDLEWARE of the demo: the 500 page before the refusal middleware, the 404 page last."""
    result = list(middleware)
    result.insert(
        result.index("portal.permissions.LoginOnRefusalMiddleware"),
        "portal.demo_errors.DemoServerErrorMiddleware",
    )
    result.append("portal.demo_errors.DemoNotFoundMiddleware")
    return result

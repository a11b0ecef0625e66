"""The print version of every page (the same view, rendered with the print layout), and the
private pages of a signed-in visitor."""

import re
from urllib.parse import urlencode

from django.conf import settings
from django.utils.cache import patch_cache_control

PRINT_PARAM = "print"
_RELATIVE_HREF = re.compile(rb'href="/(?!/)')


def print_url(request) -> str:
    query = request.GET.copy()
    query[PRINT_PARAM] = "1"
    return f"{request.path}?{urlencode(sorted(query.lists()), doseq=True)}"


class PrintVersionMiddleware:
    """Marks ?print=1 requests; on the way out writes link targets out as full addresses."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.print_version = request.GET.get(PRINT_PARAM) == "1"
        response = self.get_response(request)
        if (
            request.print_version
            and response.status_code == 200
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "streaming", False)
        ):
            origin = request.build_absolute_uri("/").encode()
            response.content = _RELATIVE_HREF.sub(b'href="' + origin, response.content)
            response["X-Robots-Tag"] = "noindex"
        return response


class PrivatePagesMiddleware:
    """Every answer to a signed-in visitor is ``Cache-Control: private, no-store``.

    A shared cache or the browser's back/forward cache must never keep a page that shows one
    person's name, drafts or staff tools. What a view set stays (``never_cache``'s
    ``max-age=0`` and ``must-revalidate`` are only stricter); a ``public`` goes. Anonymous
    answers are left alone, so the page cache and browsers keep working for them: the user is
    only looked at when the request carries a session cookie or the view touched the session
    (a login in this request), so an anonymous page gains no ``Vary: Cookie``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response


def _signed_in(request) -> bool:
    session = getattr(request, "session", None)
    if session is None:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and not session.accessed:
        return False
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)

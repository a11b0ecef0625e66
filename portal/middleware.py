"""The print version of every page: the same view, rendered with the print layout."""

import re
from urllib.parse import urlencode

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

"""htmx fragments and history restores, in one place.

When a page is not in htmx's history cache, htmx asks for it again with ``HX-Request`` *and*
``HX-History-Restore-Request`` and swaps the answer into ``<body>``: such a request must get the
full page, never a fragment. Every view that answers fragments asks ``wants_fragment`` and
marks its response with ``vary_on_htmx`` so caches keep the page, the fragment and the restore
apart.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.http import HttpResponseBase
from django.utils.cache import patch_vary_headers

HTMX_VARY = ("HX-Request", "HX-History-Restore-Request")


def wants_fragment(request: HttpRequest, *, boosted: bool = False) -> bool:
    """An htmx request that is not a history restore (nor, unless ``boosted``, a boosted link)."""
    details: Any = getattr(request, "htmx", None)
    if details is None:  # before django-htmx's middleware (the page cache) read the headers
        headers = request.headers
        return (
            headers.get("HX-Request") == "true"
            and headers.get("HX-History-Restore-Request") != "true"
            and (boosted or headers.get("HX-Boosted") != "true")
        )
    return bool(details) and not details.history_restore_request and (
        boosted or not details.boosted
    )


def vary_on_htmx(response: HttpResponseBase) -> HttpResponseBase:
    """``Vary: HX-Request, HX-History-Restore-Request`` on a response that may be a fragment."""
    patch_vary_headers(response, HTMX_VARY)
    return response

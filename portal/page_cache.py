"""Whole-page cache for anonymous visitors, per language, dropped whenever content changes.

Most visitors read without signing in; their pages are the same for everyone, so the HTML is
kept in the cache (Redis in production) under the page's full address — which carries its
language (/ky/, /ru/) — and a site-wide content version. Saving or deleting any content row
bumps the version, so the next visitor gets a fresh page; entries also expire on their own.

Never cached: signed-in visitors (a session cookie), visitors with pending messages, anything
but a plain 200 HTML answer, answers that set cookies or say private/no-store, and any page
that carries a CSRF token (a form meant for one visitor).
"""

import hashlib
import logging

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db.models.signals import post_delete
from django.db.models.signals import post_save
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)
VERSION_KEY = "page-cache-version"
CONTENT_APPS = ("municipalities", "participation", "budgets", "monitoring", "practices", "portal")
# A login updates the user row; that must not empty the cache for everyone.
UNCACHED_MODELS = {("portal", "report"), ("portal", "searchentry"), ("portal", "user")}
EXCLUDED_PREFIXES = ("/admin/", "/static/", "/media/", "/healthz", "/ping")
EXCLUDED_PARTS = ("/accounts/", "/reports/", "/profile/")
KEPT_HEADERS = (
    "Content-Type", "Content-Language", "Content-Security-Policy", "Vary", "X-Robots-Tag",
    "Cross-Origin-Opener-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options",
)


def content_version() -> int:
    return cache.get(VERSION_KEY) or 0


def bump_content_version(**kwargs) -> None:
    """Every cached page becomes stale at once (old entries simply expire).

    Called on every content save: a cache that is away must never fail the save itself.
    """
    try:
        if cache.add(VERSION_KEY, 1, timeout=None):
            return
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, 1, timeout=None)
    except Exception:
        logger.warning("page cache version not bumped: cache unavailable", exc_info=True)


def connect_signals() -> None:
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in CONTENT_APPS:
            continue
        if (meta.app_label, meta.model_name) in UNCACHED_MODELS:
            continue
        for signal, name in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(
                bump_content_version,
                sender=model,
                weak=False,
                dispatch_uid=f"page-cache-{name}-{meta.label_lower}",
            )


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "messages" in request.COOKIES:
        return False
    path = request.path
    return not path.startswith(EXCLUDED_PREFIXES) and not any(p in path for p in EXCLUDED_PARTS)


def _key(request) -> str:
    hx = "hx" if request.headers.get("HX-Request") else "page"
    raw = f"{content_version()}:{hx}:{request.get_full_path()}"
    return "page-cache:" + hashlib.sha256(raw.encode()).hexdigest()


def _cacheable_response(response) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and response.get("Content-Type", "").startswith("text/html")
        and not getattr(response, "streaming", False)
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and b"csrfmiddlewaretoken" not in response.content
        and b'"X-CSRFToken"' not in response.content
    )


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.timeout = getattr(settings, "PAGE_CACHE_SECONDS", 0)

    def __call__(self, request):
        if not self.timeout or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        hit = cache.get(key)
        if hit is not None:
            content, headers = hit
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        patch_vary_headers(response, ["HX-Request"])
        if _cacheable_response(response):
            headers = [(h, response[h]) for h in KEPT_HEADERS if h in response]
            cache.set(key, (response.content, headers), self.timeout)
            response["X-Page-Cache"] = "miss"
        return response

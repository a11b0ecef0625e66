"""Whole-page cache for anonymous visitors, per language, dropped whenever content changes.

Most visitors read without signing in; their pages are the same for everyone, so the HTML is
kept in the cache (Redis in production) under the page's full address — which carries its
language (/ky/, /ru/) — and the content versions of the apps the page shows. Saving or
deleting a content row bumps its app's version, so the next visitor of any page showing that
app's content gets a fresh page; entries also expire on their own. A comment on an event thus
leaves the budget and monitoring pages cached, while the home page, a municipality's profile
and search, which show everything, follow every change.

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

from portal.htmx import vary_on_htmx
from portal.htmx import wants_fragment

logger = logging.getLogger(__name__)
VERSION_KEY = "page-cache-version"
# The apps whose rows appear on public pages, and what each section's pages show (by the first
# part of the path after the language; every page names its municipality). Both are filled by
# each app's <app>/registrations.py (autodiscovered by portal.apps, before connect_signals).
# portal's own rows (users, reports, the search index, subscriptions) are not content: a login
# or a digest must not empty the cache for everyone. Pages of no registered section (home,
# profiles, search) show every content app.
CONTENT_APPS: list[str] = []
SECTION_APPS: dict[str, tuple[str, ...]] = {}


def register_content_app(app_label: str) -> None:
    """Rows of this app appear on public pages: saving one makes those pages stale."""
    if app_label not in CONTENT_APPS:
        CONTENT_APPS.append(app_label)


def register_section(path: str, app_labels: tuple[str, ...]) -> None:
    """The pages under /<lang>/<path>/ show the content of these apps only."""
    for app_label in app_labels:
        register_content_app(app_label)
    SECTION_APPS[path] = tuple(app_labels)


EXCLUDED_PREFIXES = ("/admin/", "/static/", "/media/", "/healthz", "/ping")
EXCLUDED_PARTS = ("/accounts/", "/reports/", "/profile/")
KEPT_HEADERS = (
    "Content-Type", "Content-Language", "Content-Security-Policy", "Vary", "X-Robots-Tag",
    "Cross-Origin-Opener-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options",
)


def _version_key(app_label: str) -> str:
    return f"{VERSION_KEY}:{app_label}"


def content_versions(labels) -> tuple[int, ...]:
    """The versions of the given apps, in their order, in one round trip to the cache."""
    found = cache.get_many([_version_key(app) for app in labels])
    return tuple(found.get(_version_key(app)) or 0 for app in labels)


def bump_content_version(sender=None, **kwargs) -> None:
    """Every cached page showing the sender's app (all apps without one) becomes stale.

    Old entries are never deleted, they expire on their own.

    Called on every content save: a cache that is away must never fail the save itself.
    """
    labels = (sender._meta.app_label,) if sender is not None else tuple(CONTENT_APPS)
    try:
        for key in map(_version_key, labels):
            if cache.add(key, 1, timeout=None):
                continue
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=None)
    except Exception:
        logger.warning("page cache version not bumped: cache unavailable", exc_info=True)


def apps_shown(path: str) -> tuple[str, ...]:
    """The apps whose content the page at this path shows (/<lang>/<section>/...)."""
    parts = path.strip("/").split("/")
    if len(parts) > 2 and (apps_of := SECTION_APPS.get(f"{parts[1]}/{parts[2]}")):
        return apps_of
    section = parts[1] if len(parts) > 1 else ""
    return SECTION_APPS.get(section, tuple(CONTENT_APPS))


def connect_signals() -> None:
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in CONTENT_APPS:
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
    hx = "hx" if wants_fragment(request, boosted=True) else "page"
    versions = content_versions(apps_shown(request.path))
    raw = f"{versions}:{hx}:{request.get_full_path()}"
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
        vary_on_htmx(response)
        if _cacheable_response(response):
            headers = [(h, response[h]) for h in KEPT_HEADERS if h in response]
            cache.set(key, (response.content, headers), self.timeout)
            response["X-Page-Cache"] = "miss"
        return response

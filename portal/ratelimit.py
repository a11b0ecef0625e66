"""The one rate limiter for our own code: a fixed window per key, counted in the Django cache.

``allow(key, limit=5, seconds=60)`` counts one use of ``key`` and says whether it is within
``limit`` uses in the window that the key's first use opened. The count lives in the shared
cache (Redis in deployment, so every web worker sees the same count) with ``add`` + ``incr``,
both atomic in Redis. Services call ``check`` with their own message; the moderation of every
kind of citizen text limits through here. Sign-in, sign-up and password reset are limited by
allauth (``ACCOUNT_RATE_LIMITS``) on the same cache; failed sign-ins also per (account,
address) in ``portal.adapters``.

When Redis is away the limits keep working:

- **writes fail closed** (``allow`` says no, ``check`` raises ``RateLimitedError`` with
  ``UNAVAILABLE_MESSAGE``): a cache outage must not open the gates to a flood of comments,
  questions or report renders;
- **sign-in** (``when_away="local"``) counts in this process's memory instead, so brute force
  stays limited (per worker) while staff can still sign in during the outage.

``too_many_requests`` is the 429 page in the visitor's language: allauth's limits answer with
it (``handler429`` in ``portal/urls.py``), and a ``RateLimitedError`` that reaches the
middleware ``RateLimitedMiddleware`` (no view turned it into a form message) becomes it too.
"""

import logging
from typing import Literal

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .cache import CacheUnavailableError
from .cache import ResilientRedisCache

logger = logging.getLogger(__name__)
PREFIX = "ratelimit"
RETRY_AFTER_SECONDS = 60
UNAVAILABLE_MESSAGE = _(
    "Sending is paused for a moment because of a technical problem. Please try again in a "
    "minute."
)
# Counts of this process only, for limits that must keep counting while Redis is away.
_local = LocMemCache("portal-ratelimit-fallback", {"MAX_ENTRIES": 10_000})


class RateLimitedError(ValidationError):
    """Too many uses in the window; a ValidationError so forms show it like any other."""


def _count_shared(cache_key: str, seconds: int) -> int:
    backend = caches["default"]
    if isinstance(backend, ResilientRedisCache):
        return backend.count(cache_key, seconds=seconds)
    try:  # the quickstart's in-process cache
        backend.add(cache_key, 0, timeout=seconds)
        try:
            return backend.incr(cache_key)
        except ValueError:  # expired between add and incr: a new window
            backend.set(cache_key, 1, timeout=seconds)
            return 1
    except Exception as exc:
        raise CacheUnavailableError(str(exc)) from exc


def _count_local(cache_key: str, seconds: int) -> int:
    _local.add(cache_key, 0, timeout=seconds)
    try:
        return _local.incr(cache_key)
    except ValueError:
        _local.set(cache_key, 1, timeout=seconds)
        return 1


def allow(
    key: str, *, limit: int, seconds: int, when_away: Literal["refuse", "local"] = "refuse"
) -> bool:
    """Count one use of ``key``; False once more than ``limit`` uses fall in the window.

    With the shared cache away: False (``"refuse"``, for writes), or counted in this process
    (``"local"``).
    """
    cache_key = f"{PREFIX}:{key}"
    try:
        used = _count_shared(cache_key, seconds)
    except CacheUnavailableError:
        if when_away == "refuse":
            logger.warning("rate limit %s refused: cache unavailable", key)
            return False
        used = _count_local(cache_key, seconds)
    return used <= limit


def forgive(key: str) -> None:
    """Take back one use of ``key`` (a sign-in that succeeded counts as no failure)."""
    cache_key = f"{PREFIX}:{key}"
    for backend in (caches["default"], _local):
        try:
            if (backend.get(cache_key) or 0) > 0:
                backend.decr(cache_key)
        except ValueError:  # expired, or the cache is away: nothing to take back
            pass


def reset(key: str) -> None:
    """Forget every use of ``key``."""
    cache_key = f"{PREFIX}:{key}"
    caches["default"].delete(cache_key)
    _local.delete(cache_key)


def check(key: str, *, limit: int, seconds: int, message) -> None:
    """Raise ``RateLimitedError(message, code="rate")`` when the limit is reached.

    With the shared cache away the write is refused with ``UNAVAILABLE_MESSAGE``
    (``code="rate_unavailable"``).
    """
    cache_key = f"{PREFIX}:{key}"
    try:
        used = _count_shared(cache_key, seconds)
    except CacheUnavailableError:
        logger.warning("rate limit %s refused: cache unavailable", key)
        raise RateLimitedError(UNAVAILABLE_MESSAGE, code="rate_unavailable") from None
    if used > limit:
        raise RateLimitedError(message, code="rate")


def shared_store_away() -> bool:
    backend = caches["default"]
    if not isinstance(backend, ResilientRedisCache):
        return False
    try:
        backend.count(f"{PREFIX}:probe", seconds=1)
    except CacheUnavailableError:
        return True
    return False


def too_many_requests(request: HttpRequest, message=None) -> HttpResponse:
    """The 429 page, in the language of the page the visitor was on."""
    if message is None and shared_store_away():  # allauth's limits, failing closed
        message = UNAVAILABLE_MESSAGE
    response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class RateLimitedMiddleware:
    """A ``RateLimitedError`` no view handled answers the 429 page, not a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimitedError):
            return too_many_requests(request, " ".join(exception.messages))
        return None

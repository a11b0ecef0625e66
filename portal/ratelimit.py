"""The one rate limiter for our own code: a fixed window per key, counted in the Django cache.

``allow(key, limit=5, seconds=60)`` counts one use of ``key`` and says whether it is within
``limit`` uses in the window that the key's first use opened. The count lives in the shared
cache (Redis in deployment, so every web worker sees the same count) with ``add`` + ``incr``,
both atomic in Redis. Services call ``check`` with their own message; the moderation of every
kind of citizen text limits through here. Sign-in, sign-up and password reset are limited by
allauth (``ACCOUNT_RATE_LIMITS``) on the same cache.

Fails open: when the cache is away a resident is not silenced (the outage shows on /healthz
and in the log), the same choice as for logins (``portal/cache.py``).
"""

import logging

from django.core.cache import cache
from django.core.exceptions import ValidationError

logger = logging.getLogger(__name__)
PREFIX = "ratelimit"


class RateLimitedError(ValidationError):
    """Too many uses in the window; a ValidationError so forms show it like any other."""


def allow(key: str, *, limit: int, seconds: int) -> bool:
    """Count one use of ``key``; False once more than ``limit`` uses fall in the window."""
    cache_key = f"{PREFIX}:{key}"
    try:
        cache.add(cache_key, 0, timeout=seconds)
        try:
            used = cache.incr(cache_key)
        except ValueError:  # expired between add and incr: a new window
            cache.set(cache_key, 1, timeout=seconds)
            used = 1
    except Exception:  # a cache that is down must not silence residents
        logger.warning("rate limit %s skipped: cache unavailable", key, exc_info=True)
        return True
    return used <= limit


def check(key: str, *, limit: int, seconds: int, message) -> None:
    """Raise ``RateLimitedError(message, code="rate")`` when ``allow`` says no."""
    if not allow(key, limit=limit, seconds=seconds):
        raise RateLimitedError(message, code="rate")

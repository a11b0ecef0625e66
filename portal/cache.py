"""A Redis cache that degrades to 'no cache' when Redis is away, instead of raising.

Public pages, rate limits and health checks read the cache; Redis being restarted must not
turn them into errors. A miss is always a correct answer for a cache; failed writes are
dropped. /healthz still reports the cache as down (its write-then-read check fails).
Rate limits must know when Redis is away, so ``count`` (used only by ``portal/ratelimit.py``)
is the one operation that raises ``CacheUnavailableError`` instead of degrading: limits of
writes then refuse, and login throttling counts per process (see ``portal/ratelimit.py``).
allauth's own limits of writes (sign-up, password reset) fail closed through ``add``.

Why not django-redis with ``IGNORE_EXCEPTIONS``: tried against a Redis that is away, its
``add()`` answers None ("not added") and ``incr()`` None, so allauth's rate limiter waits for a
lock that can never be taken: a failed login took 4.4 s and answered 429 to everyone, where this
class answers at once. ``tests/portal/test_cache.py`` holds the behaviour we keep.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)
_LOG_EVERY = 30.0
_last_logged = 0.0


def _log(exc: Exception) -> None:
    global _last_logged
    now = time.monotonic()
    if now - _last_logged > _LOG_EVERY:
        _last_logged = now
        logger.warning("cache unavailable, serving without it: %s", exc)


ALLAUTH_LIMIT_PREFIX = "allauth:rl:"
# Sign-in stays possible while Redis is away; portal/adapters.py limits failed sign-ins then.
ALLAUTH_OPEN_ACTIONS = {"login", "login_failed"}


def guards_a_write(key) -> bool:
    """The key is a lock of allauth's rate limit of a write (every action but signing in)."""
    if not isinstance(key, str) or not key.startswith(ALLAUTH_LIMIT_PREFIX):
        return False
    # allauth:rl:<app>:<action>:<rate>:...
    parts = key.split(":")
    return len(parts) > 3 and parts[3] not in ALLAUTH_OPEN_ACTIONS


class CacheUnavailableError(Exception):
    """The shared cache cannot be reached (raised only where a caller must know)."""


class ResilientRedisCache(RedisCache):
    def count(self, key, *, seconds: int) -> int:
        """Count one use of ``key`` in a window of ``seconds`` opened by its first use.

        ``add`` + ``incr`` of Django's own Redis client, both atomic in Redis; unlike every
        other method here it raises ``CacheUnavailableError`` when Redis is away.
        """
        try:
            RedisCache.add(self, key, 0, timeout=seconds)
            try:
                return RedisCache.incr(self, key)
            except ValueError:  # expired between add and incr: a new window
                RedisCache.set(self, key, 1, timeout=seconds)
                return 1
        except UNAVAILABLE as exc:
            _log(exc)
            raise CacheUnavailableError(str(exc)) from exc

    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except UNAVAILABLE as exc:
            _log(exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except UNAVAILABLE as exc:
            _log(exc)
            return {}

    def has_key(self, key, version=None):
        try:
            return super().has_key(key, version)
        except UNAVAILABLE as exc:
            _log(exc)
            return False

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().add(key, value, timeout, version)
        except UNAVAILABLE as exc:
            _log(exc)
            # Callers use add() as a lock (allauth's rate limiter); "acquired" keeps them
            # working instead of making every request wait for a lock that cannot exist —
            # except the limits of allauth's writes (sign-up, password reset, e-mail
            # changes...), which fail closed: "not acquired" makes allauth answer 429.
            return not guards_a_write(key)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            super().set(key, value, timeout, version)
        except UNAVAILABLE as exc:
            _log(exc)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().set_many(data, timeout, version)
        except UNAVAILABLE as exc:
            _log(exc)
            return list(data)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        try:
            return super().touch(key, timeout, version)
        except UNAVAILABLE as exc:
            _log(exc)
            return False

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except UNAVAILABLE as exc:
            _log(exc)
            return False

    def delete_many(self, keys, version=None):
        try:
            super().delete_many(keys, version)
        except UNAVAILABLE as exc:
            _log(exc)

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except UNAVAILABLE as exc:
            _log(exc)
            raise ValueError(f"Key '{key}' not found (cache unavailable)") from exc

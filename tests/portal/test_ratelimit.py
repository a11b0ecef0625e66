"""portal.ratelimit: the one limiter — counts per key in the cache, a window, fails closed."""

import pytest
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError

from portal import ratelimit


def test_counts_per_key_up_to_the_limit():
    assert [ratelimit.allow("t:a", limit=3, seconds=60) for _ in range(4)] == [
        True, True, True, False,
    ]
    assert ratelimit.allow("t:b", limit=3, seconds=60)  # another key has its own count


def test_a_new_window_after_the_old_one_expired():
    for _ in range(2):
        ratelimit.allow("t:w", limit=2, seconds=60)
    assert not ratelimit.allow("t:w", limit=2, seconds=60)
    cache.delete(f"{ratelimit.PREFIX}:t:w")  # what the window's expiry does
    assert ratelimit.allow("t:w", limit=2, seconds=60)


def test_check_raises_a_validation_error_with_the_callers_message():
    ratelimit.check("t:c", limit=1, seconds=60, message="slow down")
    with pytest.raises(ratelimit.RateLimitedError) as refused:
        ratelimit.check("t:c", limit=1, seconds=60, message="slow down")
    assert refused.value.code == "rate"
    assert refused.value.messages == ["slow down"]


def test_writes_fail_closed_when_the_cache_is_away(monkeypatch):
    def down(self, key=None, *, write=False):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(RedisCacheClient, "get_client", down)
    assert not any(ratelimit.allow("t:d", limit=1, seconds=60) for _ in range(3))
    with pytest.raises(ratelimit.RateLimitedError) as refused:
        ratelimit.check("t:d", limit=5, seconds=60, message="slow down")
    assert refused.value.code == "rate_unavailable"
    # Sign-in counts in this process instead: limited, not refused.
    ratelimit._local.clear()
    assert [ratelimit.allow("t:l", limit=2, seconds=60, when_away="local") for _ in range(3)] == [
        True, True, False,
    ]

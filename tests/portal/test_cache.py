"""Redis away: pages are served, logins are not throttled into errors, health says so."""

import pytest
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError

pytestmark = pytest.mark.django_db

@pytest.fixture
def redis_down(monkeypatch):
    """Every Redis call of the cache fails as if the server were stopped."""

    def unreachable(self, key=None, *, write=False):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(RedisCacheClient, "get_client", unreachable)


@pytest.mark.usefixtures("redis_down")
def test_cache_calls_degrade_instead_of_raising():
    cache = caches["default"]
    cache.set("k", "v")
    assert cache.get("k") is None
    assert cache.get("k", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("k", 1) is True  # a lock that cannot be held is treated as acquired
    with pytest.raises(ValueError, match="cache unavailable"):
        cache.incr("k")


@pytest.mark.usefixtures("redis_down")
def test_public_pages_and_login_work_while_redis_is_down(client, user):
    assert client.get("/ky/").status_code == 200
    assert client.get("/ru/municipalities/").status_code == 200
    response = client.post("/ky/accounts/login/", {"login": user.email, "password": "wrong"})
    assert response.status_code == 200


@pytest.mark.usefixtures("redis_down")
def test_health_reports_the_cache_down(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "down"

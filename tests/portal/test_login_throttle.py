"""Sign-in throttling by account and by (account, address); 429 pages; Redis away."""

import socket

import pytest
from django.test import Client

from portal import ratelimit
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def login(client, email, password="wrong", lang="ky", address="10.0.0.1"):
    return client.post(
        f"/{lang}/accounts/login/", {"login": email, "password": password}, REMOTE_ADDR=address
    )


def test_colleagues_behind_one_nat_are_not_locked_out(user_factory):
    """Issue 15.9: many staff of one office mistype from one address; none is locked out."""
    office = user_factory.create_batch(25)
    for colleague in office:
        for _ in range(3):  # three typos each: 75 failures from the one address
            assert login(Client(), colleague.email).status_code == 200
    for colleague in office:
        client = Client()
        assert login(client, colleague.email, PASSWORD).status_code == 302
        assert client.session["_auth_user_id"] == str(colleague.pk)


def test_one_account_from_one_address_is_limited_but_not_from_another(user):
    attacker = Client()
    for _ in range(5):
        assert login(attacker, user.email).status_code == 200
    assert login(attacker, user.email, PASSWORD).status_code == 429
    # The owner at another address still signs in.
    owner = Client()
    assert login(owner, user.email, PASSWORD, address="10.9.9.9").status_code == 302


def test_one_account_from_many_addresses_is_limited(user):
    for number in range(20):
        login(Client(), user.email, address=f"10.1.{number}.1")
    response = login(Client(), user.email, PASSWORD, address="10.2.0.1")
    assert response.status_code == 429


def test_a_password_reset_lifts_the_accounts_lock(rf, user):
    from allauth.account.adapter import get_adapter

    for number in range(20):
        login(Client(), user.email, address=f"10.3.{number}.1")
    assert login(Client(), user.email, PASSWORD, address="10.4.0.1").status_code == 429
    request = rf.post("/ky/accounts/password/reset/key/done/", REMOTE_ADDR="10.4.0.1")
    get_adapter(request)._delete_login_attempts_cached_email(request, email=user.email)
    assert login(Client(), user.email, PASSWORD, address="10.4.0.1").status_code == 302


def test_a_spray_from_one_address_reaches_the_ceiling(user_factory, settings):
    settings.LOGIN_FAILED_LIMITS = {**settings.LOGIN_FAILED_LIMITS, "address": (30, 300)}
    for victim in user_factory.create_batch(30):
        login(Client(), victim.email)
    assert login(Client(), user_factory().email, PASSWORD).status_code == 429


def test_successful_sign_ins_do_not_count(user):
    for _ in range(10):
        client = Client()
        assert login(client, user.email, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    ("lang", "words"),
    [("ky", "Кирүү аракеттери өтө көп"), ("ru", "Слишком много неудачных попыток входа")],
)
def test_the_429_page_is_in_the_visitors_language(client, user, lang, words):
    for _ in range(5):
        login(client, user.email, lang=lang)
    response = login(client, user.email, lang=lang)
    assert response.status_code == 429
    assert response["Retry-After"] == str(ratelimit.RETRY_AFTER_SECONDS)
    body = response.content.decode()
    assert f'<html lang="{lang}"' in body
    assert words in body
    assert "Too many" not in body


def dead_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # closed again: nothing listens there


@pytest.fixture
def redis_at_a_dead_port(settings):
    location = f"redis://127.0.0.1:{dead_port()}/0"
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": location}}
    ratelimit._local.clear()


@pytest.mark.usefixtures("redis_at_a_dead_port")
def test_with_redis_away_sign_in_works_and_stays_throttled(user):
    owner = Client()
    assert login(owner, user.email, PASSWORD).status_code == 302
    attacker = Client()
    for _ in range(5):
        assert login(attacker, user.email, address="10.6.6.6").status_code == 200
    assert login(attacker, user.email, PASSWORD, address="10.6.6.6").status_code == 429


@pytest.mark.usefixtures("redis_at_a_dead_port")
def test_with_redis_away_writes_are_refused():
    assert not ratelimit.allow("t:write", limit=100, seconds=60)
    with pytest.raises(ratelimit.RateLimitedError) as refused:
        ratelimit.check("t:write", limit=100, seconds=60, message="slow down")
    assert refused.value.code == "rate_unavailable"


@pytest.mark.usefixtures("redis_at_a_dead_port")
def test_with_redis_away_sign_up_and_password_reset_are_refused(client, user):
    from django.core import mail

    from portal.models import User

    response = client.post(
        "/ru/accounts/signup/",
        {"email": "new@example.kg", "password1": "Kyrgyz-Til-2026", "password2": "Kyrgyz-Til-2026"},
    )
    assert response.status_code == 429
    assert "технической неполадки" in response.content.decode()
    assert not User.objects.filter(email="new@example.kg").exists()
    response = client.post("/ky/accounts/password/reset/", {"email": user.email})
    assert response.status_code == 429
    assert "Техникалык көйгөйдөн" in response.content.decode()
    assert not mail.outbox


def test_an_unhandled_rate_limit_answers_the_429_page(rf, settings):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import translation

    middleware = ratelimit.RateLimitedMiddleware(lambda request: None)
    request = rf.get("/ru/")
    request.user = AnonymousUser()
    with translation.override("ru"):
        response = middleware.process_exception(
            request, ratelimit.RateLimitedError("Подождите", code="rate")
        )
    assert response.status_code == 429
    assert "Подождите" in response.content.decode()
    assert middleware.process_exception(request, ValueError()) is None

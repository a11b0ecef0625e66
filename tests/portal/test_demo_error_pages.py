"""The demo (DEBUG on) answers an unknown address and an error with the portal's own pages in
the visitor's language, not Django's debug pages (portal/demo_errors.py)."""

import pytest
from django.conf import settings as django_settings

from portal.demo_errors import with_demo_error_pages
from tests.portal.test_settings import run_manage

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    settings.MIDDLEWARE = with_demo_error_pages(django_settings.MIDDLEWARE)
    settings.ROOT_URLCONF = "tests.portal.demo_error_urls"
    return settings


@pytest.mark.parametrize(
    ("lang", "title"), [("ky", "Барак табылган жок"), ("ru", "Страница не найдена")]
)
def test_unknown_address_shows_our_404(client, demo, lang, title):
    response = client.get(f"/{lang}/no-such-page/")
    assert response.status_code == 404
    text = response.content.decode()
    assert title in text
    assert "Using the URLconf" not in text  # Django's technical 404


@pytest.mark.parametrize(
    ("lang", "title"), [("ky", "Барак табылган жок"), ("ru", "Страница не найдена")]
)
def test_http404_from_a_view_shows_our_404(client, demo, lang, title):
    response = client.get(f"/{lang}/budgets/no-such-unit/2020/")
    assert response.status_code == 404
    assert title in response.content.decode()


def test_error_shows_our_500(client, demo):
    response = client.get("/demo-error-test/boom/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Ката кетти" in text
    assert "Произошла ошибка" in text
    assert "demo-error-test" not in text
    assert "Traceback" not in text


def test_redirects_still_work(client, demo):
    assert client.get("/ky/budgets").status_code == 301  # APPEND_SLASH
    assert client.get("/budgets/").status_code == 302  # language prefix


def test_permission_refusals_keep_their_handling(client, demo):
    response = client.get("/ky/moderation/")
    assert response.status_code in (302, 403)


def test_without_the_middleware_debug_shows_djangos_page(client, settings):
    settings.DEBUG = True
    response = client.get("/ky/no-such-page/")
    assert response.status_code == 404
    assert "Барак табылган жок" not in response.content.decode()


@pytest.mark.parametrize(("flag", "installed"), [("", "True"), ("true", "False")])
def test_demo_settings_install_it_unless_asked_not_to(flag, installed):
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.local",
        "DATABASE_URL": "",
        "REDIS_URL": "",
        "DEMO_DEBUG_PAGES": flag,
    }
    code = (
        "from django.conf import settings as s;"
        "print('portal.demo_errors.DemoNotFoundMiddleware' in s.MIDDLEWARE)"
    )
    result = run_manage("shell", "-v", "0", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [installed]


def test_middleware_order():
    middleware = with_demo_error_pages(django_settings.MIDDLEWARE)
    assert middleware[-1] == "portal.demo_errors.DemoNotFoundMiddleware"
    assert middleware.index("portal.demo_errors.DemoServerErrorMiddleware") < middleware.index(
        "portal.outage.DatabaseUnavailableMiddleware"
    )

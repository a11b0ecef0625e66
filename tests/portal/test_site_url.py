"""SITE_URL: checked at start-up, follows the demo's PORT, and is the only host in links that
leave the browser (e-mails, PDFs and their QR codes, iCalendar, open data)."""

import os
import subprocess
import sys
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import mail

from portal import following
from portal.checks import check_site_url
from portal.reports import services as reports
from portal.urls_abs import absolute
from portal.urls_abs import rebase
from tests.participation.factories import EventFactory

SITE = "https://portal.example.kg"


@pytest.fixture
def site(settings):
    settings.SITE_URL = SITE
    return SITE


def _ids(settings, value):
    settings.SITE_URL = value
    return [error.id for error in check_site_url()]


@pytest.mark.parametrize(
    ("value", "ids"),
    [
        ("", ["portal.E001"]),
        ("portal.example.kg", ["portal.E002"]),
        ("ftp://portal.example.kg", ["portal.E002"]),
        ("https://portal.example.kg/ky/", ["portal.E003"]),
        ("https://portal.example.kg?x=1", ["portal.E003"]),
        ("https://portal.example.kg", []),
        ("http://127.0.0.1:8100", []),
    ],
)
def test_the_check_names_what_is_wrong(settings, value, ids):
    assert _ids(settings, value) == ids


def test_the_error_says_what_to_set(settings):
    settings.SITE_URL = ""
    (error,) = check_site_url()
    assert "SITE_URL" in error.msg
    assert "https://portal.example.kg" in error.hint


def _run(code: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    return subprocess.run(
        [sys.executable, "-c", code], env={**clean, **env}, cwd=django_settings.BASE_DIR,
        capture_output=True, text=True, timeout=120, check=False,
    )


SETUP = "import django; django.setup(); "
PRINT_SITE_URL = SETUP + "from django.conf import settings; print(settings.SITE_URL)"


def test_the_demo_follows_port_unless_site_url_is_set():
    local = {"DJANGO_SETTINGS_MODULE": "portal.settings.local"}
    assert _run(PRINT_SITE_URL, PORT="8100", **local).stdout.strip() == "http://127.0.0.1:8100"
    assert _run(PRINT_SITE_URL, **local).stdout.strip() == "http://127.0.0.1:8000"
    given = _run(PRINT_SITE_URL, PORT="8100", SITE_URL=f"{SITE}/", **local)
    assert given.stdout.strip() == SITE


def test_production_refuses_to_start_without_site_url():
    code = SETUP + "from django.core.management import call_command; call_command('check')"
    production = {"DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": "x" * 50}
    missing = _run(code, PORT="8100", **production)
    assert missing.returncode != 0
    assert "portal.E001" in missing.stderr
    assert "portal.E003" in _run(code, SITE_URL=f"{SITE}/ky/", **production).stderr
    assert "portal.E00" not in _run(code, SITE_URL=SITE, **production).stderr


def test_the_helper(site):
    assert absolute("/ru/events/1/") == f"{SITE}/ru/events/1/"
    assert rebase("http://testserver/ru/x/?a=1#b") == f"{SITE}/ru/x/?a=1#b"
    with pytest.raises(ValueError, match="not a site path"):
        absolute("https://elsewhere.example/")


@pytest.mark.django_db
def test_following_mail_links_and_unsubscribe(site, user_factory, municipality):
    user = user_factory()
    following.subscribe(user=user, municipality=municipality, frequency="immediate")
    event = EventFactory(municipality=municipality)
    following.notify_new_item(kind="event", obj=event)
    following.send_delivery(following.Delivery.objects.get().pk)
    (message,) = mail.outbox
    assert f"{SITE}/" in message.body
    assert f"{SITE}/" in message.extra_headers["List-Unsubscribe"]
    assert "127.0.0.1" not in message.body + str(message.extra_headers)
    assert "testserver" not in message.body


@pytest.mark.django_db
@pytest.mark.usefixtures("commits_at_once")
def test_account_mail_links(site, client, user):
    client.post("/ru/accounts/password/reset/", {"email": user.email})
    (message,) = mail.outbox
    assert f"{SITE}/ru/accounts/password/reset/key/" in message.body
    assert "testserver" not in message.body


@pytest.mark.django_db
def test_pdf_and_its_qr_code(site):
    event = EventFactory()
    with mock.patch("participation.templatetags.participation_report_tags.qr_svg",
                    return_value="<svg></svg>") as qr:
        html = reports.render_report_html(
            reports.registry.get("event-announcement"), event, language="ky"
        )
    qr.assert_called_once_with(f"{SITE}/ky/events/{event.pk}/")
    assert f"{SITE}/ky/events/{event.pk}/" in html
    assert "127.0.0.1:8000" not in html


@pytest.mark.django_db
def test_ical_feed(site, client):
    event = EventFactory()
    body = client.get(f"/ru/events/{event.pk}/event.ics").content.decode().replace("\r\n ", "")
    assert f"URL:{SITE}/ru/events/{event.pk}/" in body
    assert "testserver" not in body
    assert "127.0.0.1" not in body

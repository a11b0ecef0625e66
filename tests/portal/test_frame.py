"""The site frame: languages, sections, print versions, on every page of the frame."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from portal.sections import SECTIONS

pytestmark = pytest.mark.django_db

FRAME_PATHS = ["/{lang}/", *[f"/{{lang}}/{s.path}/" for s in SECTIONS]]


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("path", FRAME_PATHS)
def test_every_frame_page_renders_in_both_languages_with_alternates(client, lang, path):
    other = {"ky": "ru", "ru": "ky"}[lang]
    url = path.format(lang=lang)
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{lang}">' in html
    assert f'hreflang="{other}" href="http://testserver{path.format(lang=other)}"' not in html
    assert f'<link rel="alternate" hreflang="{other}" href="{path.format(lang=other)}">' in html
    assert f'<link rel="alternate" media="print" href="{url}?print=1">' in html
    assert 'class="skip-link"' in html
    assert "<nav" in html


@pytest.mark.parametrize("path", FRAME_PATHS)
def test_print_version_has_no_navigation_and_prints_address_and_date(client, path):
    url = path.format(lang="ru")
    response = client.get(url + "?print=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<nav" not in html
    assert "http://testserver" + url in html  # the page's own address, printed
    assert "<time datetime=" in html
    # Link targets are written out as full addresses.
    assert not re.search(r'href="/(?!/)', html)


def test_language_switch_leads_to_the_same_page_in_the_other_language(client):
    response = client.get("/ky/budgets/?page=2")
    assert 'href="/ru/budgets/?page=2" hreflang="ru"' in response.content.decode()


def test_root_redirects_to_a_language(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == "/ky/"


def test_root_honours_the_browser_language(client):
    response = client.get("/", headers={"accept-language": "ru"})
    assert response["Location"] == "/ru/"


def test_unknown_page_is_a_translated_404(client):
    response = client.get("/ru/no-such-page/")
    assert response.status_code == 404
    assert '<html lang="ru">' in response.content.decode()


def test_sections_are_at_their_stable_addresses():
    with translation.override("ky"):
        assert [reverse(f"{s.key}:landing") for s in SECTIONS] == [
            "/ky/municipalities/",
            "/ky/participation/",
            "/ky/events/",
            "/ky/budgets/",
            "/ky/information/",
            "/ky/practices/",
            "/ky/stories/",
            "/ky/law-making/",
            "/ky/monitoring/",
        ]


def test_security_headers_and_csp_are_sent(client):
    response = client.get("/ky/")
    csp = response["Content-Security-Policy"]
    # django-csp does not promise an order of directives: compare them as a mapping.
    directives = dict(
        part.strip().split(" ", 1) for part in csp.split(";") if part.strip()
    )
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"  # our own files only: no inline script
    assert "unsafe-inline" not in csp
    assert directives["frame-ancestors"] == "'none'"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"


def test_htmx_is_served_by_us_and_signed_in_users_get_the_csrf_header(client, user):
    html = client.get("/ky/").content.decode()
    script = re.search(r'<script src="([^"]+)"', html)
    assert script, "htmx script tag"
    assert script.group(1).startswith("/static/")
    assert "<script>" not in html  # nothing inline: the CSP allows only our own files
    assert "cdn" not in html.lower()
    assert "unpkg" not in html.lower()
    assert "X-CSRFToken" not in html  # anonymous pages carry no token, so they can be cached
    client.force_login(user)
    assert "hx-headers='{\"X-CSRFToken\"" in client.get("/ky/").content.decode()


def test_home_shows_what_is_new_across_sections(client, django_assert_max_num_queries):
    from tests.participation.factories import EventFactory
    from tests.practices.factories import NewsItemFactory
    from tests.practices.factories import PracticeFactory

    EventFactory(title_ky="Жаштар форуму")
    NewsItemFactory(title_ky="Жаңы мектеп ачылды")
    PracticeFactory(title_ky="Таштандыны чогултуу")
    html = client.get("/ky/").content.decode()
    for title in ("Жаштар форуму", "Жаңы мектеп ачылды", "Таштандыны чогултуу"):
        assert title in html
    assert 'action="/ky/municipalities/directory/"' in html
    for _ in range(5):
        EventFactory()
        NewsItemFactory()
    with django_assert_max_num_queries(8):
        client.get("/ru/")


def test_home_has_honest_empty_states(client):
    html = client.get("/ru/").content.decode()
    assert html.count('class="empty"') == 4

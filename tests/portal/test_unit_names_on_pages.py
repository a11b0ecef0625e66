"""Units' Kyrgyz names on the demo's pages, titles, PDFs and exports; titles are plain text.

Issue 13: Tepke was "Тепкенский айылный аймак (Русский)" on its own page, the home page,
events, budgets, scorecards, the directory and the notice-board PDF, and some <title>s held raw
HTML. These tests seed the demo and read what a visitor reads.
"""

import csv
import io
import json
import re
from collections import Counter
from collections import deque
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import Resolver404
from django.urls import resolve
from modeltranslation.translator import translator

from budgets.models import BudgetYear
from monitoring.models import Cycle
from municipalities.models import Municipality
from participation.models import Event
from portal.models import User
from portal.reports import services as reports
from portal.reports.registry import REPORT_TYPES
from tests.helpers import pdf_text

pytestmark = pytest.mark.django_db

DEMO_UNITS = {
    "tepkenskiy-aa": ("Тепке айыл аймагы", "Тепкенский айылный аймак"),
    "ak-bulunskiy-aa": ("Ак-Булуң айыл аймагы", "Ак-Булунский айылный аймак"),
    "kochkorskiy-aa": ("Кочкор айыл аймагы", "Кочкорский айылный аймак"),
}
FALLBACK_MARK = 'class="fallback"'
SKIPPED = ("/accounts/", "/reports/", "/admin/", "logout", ".ics", "/feed")
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """The demo, seeded once for the module inside a transaction rolled back at its end.

    Each test runs in its own savepoint within it, so a test's changes do not leak.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(DEBUG=True):  # seed_demo refuses to run otherwise
                call_command("seed_demo", stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(seeded, db):
    return seeded


def _title(html: str) -> str:
    found = TITLE.search(html)
    assert found, "the page has a <title>"
    return found.group(1)


def _get(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def crawl(client, starts, *, per_view: int = 2, limit: int = 400) -> dict[str, str]:
    """HTML pages reachable from `starts`, at most `per_view` of each view (one of each kind)."""
    queue, seen, per = deque(starts), set(), Counter()
    pages: dict[str, str] = {}
    while queue and len(pages) < limit:
        path = queue.popleft()
        if path in seen or any(part in path for part in SKIPPED):
            continue
        seen.add(path)
        try:
            view = resolve(path).view_name
        except Resolver404:
            continue
        if per[view] >= per_view:
            continue
        response = client.get(path)
        if response.status_code != 200 or response.streaming:
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        per[view] += 1
        html = response.content.decode()
        pages[path] = html
        queue.extend(re.findall(r'href="(/ky/[^"#?]*)"', html))
    return pages


# --- the demo in Kyrgyz ---------------------------------------------------------------------


def test_demo_pages_show_the_kyrgyz_names_of_tepke_ak_bulun_and_kochkor(client, demo):
    events = {e.municipality.slug: e for e in Event.objects.select_related("municipality")}
    tepke_cycle = _published_cycle("tepkenskiy-aa")
    for slug, (ky, ru) in DEMO_UNITS.items():
        html = _get(client, f"/ky/municipalities/{slug}/")
        assert f"<h1>{ky}</h1>" in html
        assert _title(html) == f"{ky} · ЖӨБ порталы"
        budget = BudgetYear.objects.filter(municipality__slug=slug).order_by("-year").first()
        pages = [
            f"/ky/budgets/{slug}/",
            f"/ky/budgets/{slug}/{budget.year}/",
            f"/ky/budgets/{slug}/{budget.year}/citizen/",
            events[slug].get_absolute_url(),
            f"/ky/monitoring/m/{slug}/",
        ]
        for path in pages:
            page = _get(client, path)
            assert ky in page, path
            assert ru not in page, path
            assert FALLBACK_MARK not in page, path
            assert "<" not in _title(page), path
    for path in [
        "/ky/", "/ky/events/", "/ky/budgets/", "/ky/monitoring/",
        "/ky/municipalities/directory/?q=Тепке", "/ky/municipalities/directory/?q=Кочкор",
        "/ky/municipalities/directory/?q=Булуң",
        "/ky/municipalities/ak-suyskiy-rayon/",
        f"/ky/monitoring/cycles/{tepke_cycle.pk}/scorecard/",
        "/ky/participation/balance/?unit=tepkenskiy-aa",
        "/ky/search/?q=Тепке",
    ]:
        page = _get(client, path)
        assert FALLBACK_MARK not in page, path
        assert "Тепкенский айылный аймак" not in page, path
    home = _get(client, "/ky/")
    assert "Тепке айыл аймагы" in home
    directory = _get(client, "/ky/municipalities/directory/?q=Булуң")
    assert "Ак-Булуң айыл аймагы" in directory


def test_no_russian_fallback_beside_a_unit_name_anywhere_in_the_kyrgyz_demo(client, demo):
    pages = crawl(client, ["/ky/"], per_view=3, limit=250)
    assert len(pages) > 40
    marked = [path for path, html in pages.items() if FALLBACK_MARK in html]
    assert marked == []
    for path, html in pages.items():
        assert "(Русский)" not in html, path


def test_demo_pdfs_print_the_kyrgyz_names_with_their_letters(demo):
    for slug, (ky, ru) in DEMO_UNITS.items():
        unit = Municipality.objects.get(slug=slug)
        profile = _pdf("municipality-profile", unit.pk)
        assert ky in profile, slug
        assert ru not in profile
        assert "(Русский)" not in profile
        event = Event.objects.filter(municipality=unit).first()
        announcement = _pdf("event-announcement", event.pk)
        # the notice board prints the unit's name in capitals: ө ү ң keep their own capitals
        assert ky.upper() in announcement, slug
        assert "(РУССКИЙ)" not in announcement
        assert ru.upper() not in announcement
    assert "АК-БУЛУҢ АЙЫЛ АЙМАГЫ" in _pdf(
        "event-announcement", Event.objects.get(municipality__slug="ak-bulunskiy-aa").pk
    )
    cycle = _published_cycle("tepkenskiy-aa")
    assert "Тепке айыл аймагы" in _pdf("monitoring-report", cycle.pk)
    budget = BudgetYear.objects.filter(municipality__slug="kochkorskiy-aa").first()
    assert "Кочкор айыл аймагы" in _pdf("budget-year", budget.pk)


def _published_cycle(slug: str) -> Cycle:
    return next(c for c in Cycle.objects.filter(municipality__slug=slug) if c.is_published)


def _pdf(kind: str, object_id: int, language: str = "ky") -> str:
    report, _created = reports.report_request(kind=kind, object_id=object_id, language=language)
    return pdf_text(reports.report_render(report_id=report.pk))


def test_demo_exports_carry_the_kyrgyz_names_and_no_fallback(client, demo):
    body = client.get("/ky/municipalities/open-data/units.csv").content.decode("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(body))}
    for slug, (ky, ru) in DEMO_UNITS.items():
        assert (rows[slug]["name_ky"], rows[slug]["name_ru"]) == (ky, ru)
    assert all(row["name_ky"] for row in rows.values())
    data = json.loads(client.get("/ky/municipalities/open-data/units.json").content)
    assert {u["slug"]: u["name_ky"] for u in data["units"]}["tepkenskiy-aa"] == (
        "Тепке айыл аймагы"
    )
    year = BudgetYear.objects.filter(municipality__slug="tepkenskiy-aa").first().year
    exports = [
        "/ky/municipalities/open-data/units.csv",
        "/ky/municipalities/open-data/units.json",
        f"/ky/budgets/tepkenskiy-aa/{year}/data.csv",
        f"/ky/budgets/tepkenskiy-aa/{year}/data.json",
        "/ky/budgets/transfers/data.csv",
        "/ky/participation/balance.csv?unit=tepkenskiy-aa",
    ]
    for path in exports:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode("utf-8-sig")
        for unwanted in ("(Русский)", FALLBACK_MARK, "via circularsquare", "README"):
            assert unwanted not in text, (path, unwanted)


def test_a_unit_without_a_kyrgyz_name_shows_its_russian_name_without_a_mark(client, demo):
    """A proper name is not an untranslated text: its language is marked, nothing else."""
    Municipality.objects.update(name_ky="")
    pages = crawl(client, ["/ky/", "/ky/municipalities/tepkenskiy-aa/"], per_view=2, limit=150)
    assert len(pages) > 40
    assert [path for path, html in pages.items() if FALLBACK_MARK in html] == []
    tepke = pages["/ky/municipalities/tepkenskiy-aa/"]
    assert '<h1><span lang="ru">Тепкенский айылный аймак</span></h1>' in tepke
    assert _title(tepke) == "Тепкенский айылный аймак · ЖӨБ порталы"
    profile = _pdf("municipality-profile", Municipality.objects.get(slug="tepkenskiy-aa").pk)
    assert "Тепкенский айылный аймак" in profile
    assert "(Русский)" not in profile


# --- titles are plain text ------------------------------------------------------------------


def _blank_kyrgyz_content() -> None:
    """Every translated field of every model loses its Kyrgyz value: Kyrgyz pages borrow."""
    for model in translator.get_registered_models():
        fields = translator.get_options_for_model(model).fields
        model._base_manager.update(**{f"{name}_ky": "" for name in fields})


def test_every_kind_of_page_has_a_plain_text_title_when_a_value_is_borrowed(client, demo):
    _blank_kyrgyz_content()
    tepke = _get(client, "/ky/municipalities/tepkenskiy-aa/")
    assert _title(tepke) == "Тепкенский айылный аймак · ЖӨБ порталы"
    assert '<h1><span lang="ru">Тепкенский айылный аймак</span></h1>' in tepke
    starts = ["/ky/", "/ky/municipalities/tepkenskiy-aa/", "/ky/municipalities/karakol/"]
    pages = crawl(client, starts, per_view=1, limit=300)
    client.force_login(User.objects.get(email="admin@demo.kg"))
    staff_starts = [
        "/ky/municipalities/tepkenskiy-aa/edit/", "/ky/monitoring/my/",
        *[f"/ky/budgets/tepkenskiy-aa/{year}/edit/" for year in (2026,)],
    ]
    pages.update(crawl(client, staff_starts + starts, per_view=1, limit=300))
    views = {resolve(path.split("?")[0]).view_name for path in pages}
    for expected in [
        "municipalities:detail", "municipalities:workspace", "municipalities:names_edit",
        "municipalities:history", "events:detail", "budgets:municipality",
        "budgets:budget-detail", "budgets:citizen", "monitoring:scorecard",
        "monitoring:cycle-detail", "practices:detail", "stories:detail",
        "lawmaking:detail",
    ]:
        assert expected in views, expected
    bad = {path: _title(html) for path, html in pages.items() if "<" in _title(html)}
    assert bad == {}
    escaped = {path: _title(html) for path, html in pages.items() if "&lt;" in _title(html)}
    assert escaped == {}
    borrowed = [path for path, html in pages.items() if "Тепкенский" in _title(html)]
    assert len(borrowed) > 3  # the test does exercise borrowed values in titles


def test_pdf_titles_are_plain_text_when_a_value_is_borrowed(demo):
    _blank_kyrgyz_content()
    assert len(REPORT_TYPES) >= 7
    for kind, report_type in REPORT_TYPES.items():
        sample = report_type.sample()
        if sample is None:
            continue
        obj = report_type.load(sample)
        html = reports.render_report_html(report_type, obj, language="ky")
        assert "<" not in _title(html), kind
        assert "(Русский)" not in _title(html), kind


def test_every_report_type_has_a_stable_content_key(demo):
    """Computed twice, the key agrees for every type (no memory addresses, no unordered
    sets in it), and it differs between the two languages."""
    unstable = []
    for kind, report_type in REPORT_TYPES.items():
        sample = report_type.sample()
        assert sample is not None, kind
        first = reports.content_key(report_type, report_type.load(sample), language="ky")
        again = reports.content_key(report_type, report_type.load(sample), language="ky")
        russian = reports.content_key(report_type, report_type.load(sample), language="ru")
        if first != again or first == russian:
            unstable.append(kind)
    assert unstable == []


TEMPLATES = Path(settings.BASE_DIR) / "templates"
TITLE_BLOCK = re.compile(r"\{% block title %\}(.*?)\{% endblock", re.S)
OPTION = re.compile(r"<option[^>]*>(.*?)</option>", re.S)
HTML_TAGS = re.compile(r"\{% (tr|tr_rich|tr_lines) ")


def test_no_template_writes_html_into_a_title_or_an_option():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        parts = TITLE_BLOCK.findall(text) + OPTION.findall(text)
        parts += re.findall(r'(?:alt|title|aria-label|content)="([^"]*)"', text)
        offenders += [str(path) for part in parts if HTML_TAGS.search(part)]
    assert offenders == []

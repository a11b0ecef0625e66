"""Pages: public reads in both languages and print, charts, staff forms, denials, query counts."""

import csv
import io
import json
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from budgets import services
from budgets.models import BudgetLine
from budgets.models import BudgetYear
from budgets.models import CalendarStage
from budgets.models import Transfer
from budgets.selectors import municipality_profile_block
from municipalities.models import Municipality
from practices.demo_files import pdf_bytes
from tests.budgets.conftest import STANDARD_LINES
from tests.budgets.conftest import line

pytestmark = pytest.mark.django_db


def url(name, budget=None, **kwargs):
    if budget is not None:
        kwargs = {"slug": budget.municipality.slug, "year": budget.year, **kwargs}
    with translation.override("ky"):
        return reverse(f"budgets:{name}", kwargs=kwargs)


def public_urls(budget):
    with translation.override("ky"):
        return _public_urls(budget)


def _public_urls(budget):
    return [
        reverse("budgets:landing"),
        reverse("budgets:transfers"),
        reverse("budgets:open-data"),
        url("municipality", slug=budget.municipality.slug),
        url("budget-detail", budget),
        url("citizen", budget),
        url("revisions", budget),
        url("revision-detail", budget, number=1),
        url("compare", slug=budget.municipality.parent.slug),
        url("compare", slug=budget.municipality.parent.parent.slug),
    ]


@pytest.fixture
def full(published, transfer_factory, calendar_stage_factory):
    transfer_factory(municipality=published.municipality, year=2025, amount=Decimal("6000000"))
    transfer_factory(
        municipality=published.municipality,
        year=2025,
        kind=Transfer.Kind.TARGET,
        amount=Decimal("1000000"),
        purpose_ru='=HYPERLINK("http://evil")',
    )
    calendar_stage_factory(
        budget=published,
        stage="approval",
        due_date=date(2025, 1, 31),
        actual_date=date(2025, 2, 10),
    )
    calendar_stage_factory(budget=published, stage="report_q1", due_date=date(2025, 4, 30))
    return published


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_public_page_renders_in_both_languages(client, full, lang):
    for address in public_urls(full):
        address = address.replace("/ky/", f"/{lang}/")
        response = client.get(address)
        assert response.status_code == 200, address
        html = response.content.decode()
        assert f'<html lang="{lang}">' in html
        assert html.count("<h1") == 1, address


def test_every_public_page_has_a_print_version_without_navigation(client, full):
    for address in public_urls(full):
        response = client.get(address + "?print=1")
        assert response.status_code == 200, address
        assert "<nav" not in response.content.decode(), address


CHART_PAGES = ["budget-detail", "citizen"]


@pytest.mark.parametrize("name", CHART_PAGES)
@pytest.mark.parametrize("printed", [False, True])
def test_charts_are_inline_svg_with_a_data_table_on_screen_and_in_print(
    client, full, name, printed
):
    response = client.get(url(name, full) + ("?print=1" if printed else ""))
    html = response.content.decode()
    svgs = re.findall(r"<svg[^>]*>", html)
    assert svgs
    for svg in svgs:
        assert 'role="img"' in svg
        assert "aria-labelledby" in svg
    assert "<title id=" in html
    assert "<table" in html
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    assert 'style="' not in html


def test_other_chart_pages_have_svg_and_tables(client, full):
    for address in [
        url("municipality", slug=full.municipality.slug),
        url("compare", slug=full.municipality.parent.slug),
        reverse("budgets:transfers"),
        reverse("budgets:landing"),
    ]:
        html = client.get(address + "?print=1").content.decode()
        assert "<svg" in html, address
        assert "<table" in html, address


def test_budget_page_shows_totals_shares_and_per_resident(client, full):
    html = client.get(url("budget-detail", full).replace("/ky/", "/ru/")).content.decode()
    assert "10\xa0200\xa0000" in html  # planned revenue: revised where there is one
    assert "2\xa0040" in html  # planned spending per resident (10 200 000 / 5 000)
    assert "68,6\xa0%" in html  # transfer dependence 7 000 000 / 10 200 000
    assert "31,4\xa0%" in html  # own-revenue share
    assert "status-late" in html  # approval came after its due date
    assert "status-missing" in html  # first-quarter report overdue


def test_an_empty_budget_year_and_an_unknown_population_render(client, aa, budget_year_factory):
    aa.population = None
    aa.save()
    budget = budget_year_factory(municipality=aa, year=2030)
    html = client.get(url("budget-detail", budget)).content.decode()
    assert 'class="empty"' in html
    assert client.get(url("citizen", budget)).status_code == 200
    html = client.get(url("municipality", slug=aa.slug)).content.decode()
    assert "2030" in html


def test_missing_budget_or_wrong_area_is_404(client, full):
    assert (
        client.get(url("budget-detail", slug=full.municipality.slug, year=1999)).status_code == 404
    )
    assert client.get(url("compare", slug=full.municipality.slug)).status_code == 404
    assert client.get(url("revision-detail", full, number=9)).status_code == 404
    assert client.get(url("budget-export", full, fmt="xml")).status_code == 404


# --- open data -----------------------------------------------------------------------------


def test_budget_exports_as_csv_and_json_with_formula_guard(client, published, staff_of):
    lines = [
        *STANDARD_LINES[:-1],
        {
            **line("2901", "expenditure", "education", "6200000"),
            "name_ru": "=SUM(A1:A9)",
            "name_ky": "@cmd",
        },
    ]
    services.budget_publish(budget=published, lines=lines, user=staff_of(published.municipality))
    response = client.get(url("budget-export", published, fmt="csv"))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == len(lines)
    education = next(r for r in rows if r["code"] == "2901")
    assert education["name_ru"] == "'=SUM(A1:A9)"
    assert education["name_ky"] == "'@cmd"
    assert education["approved"] == "6200000.00"
    assert education["executed"] == ""
    for row in rows:
        for value in row.values():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r"))
    document = json.loads(client.get(url("budget-export", published, fmt="json")).content)
    assert set(document["fields"]) == set(rows[0])
    assert document["records"][0]["year"] == 2025
    by_code = {r["code"]: r for r in document["records"]}
    assert by_code["2901"]["name_ru"] == "=SUM(A1:A9)"  # JSON keeps the text as is


def test_transfer_exports_by_year(client, full, transfer_factory, other_aa):
    transfer_factory(municipality=other_aa, year=2024)
    response = client.get(reverse("budgets:transfers-export", kwargs={"fmt": "csv"}) + "?year=2025")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert {r["year"] for r in rows} == {"2025"}
    assert len(rows) == 2
    target = next(r for r in rows if r["kind"] == "target")
    assert target["purpose_ru"].startswith("'=")
    everything = json.loads(
        client.get(reverse("budgets:transfers-export", kwargs={"fmt": "json"})).content
    )
    assert len(everything["records"]) == 3
    assert "amount" in everything["fields"]


def test_spreadsheet_templates_download_in_both_languages(client, codes):
    for lang in ("ky", "ru"):
        response = client.get(reverse("budgets:template", kwargs={"lang": lang, "fmt": "csv"}))
        assert response.status_code == 200
        assert "1101" in response.content.decode("utf-8-sig")
    assert (
        client.get(reverse("budgets:template", kwargs={"lang": "en", "fmt": "csv"})).status_code
        == 404
    )


# --- national overview ---------------------------------------------------------------------


def test_transfer_overview_totals_by_type_oblast_and_rayon(client, full, municipality_factory):
    city = municipality_factory(
        kind=Municipality.Kind.CITY_OBLAST, parent=full.municipality.parent.parent, slug="test-city"
    )
    Transfer.objects.create(
        municipality=city,
        year=2025,
        kind="equalization",
        amount=Decimal("500000"),
        purpose_ru="x",
        legal_basis_ru="y",
        date=date(2025, 3, 1),
    )
    from budgets.selectors import transfer_overview

    overview = transfer_overview(2025)
    assert overview.by_kind["equalization"] == Decimal("6500000")
    assert overview.by_kind["target"] == Decimal("1000000")
    assert overview.total == Decimal("7500000")
    [oblast] = overview.by_oblast
    assert oblast["unit"].slug == "test-oblast"
    assert oblast["total"] == Decimal("7500000")
    [rayon] = overview.by_rayon
    assert rayon["total"] == Decimal("7000000")  # the city of oblast significance is not in it
    html = client.get(reverse("budgets:transfers") + "?year=2025").content.decode()
    assert "test-rayon" in html
    assert client.get(reverse("budgets:transfers") + "?year=1990").status_code == 404


# --- staff pages: permissions --------------------------------------------------------------


def staff_pages(budget):
    return [
        url("budget-create", slug=budget.municipality.slug),
        url("budget-edit", budget),
        url("upload", budget),
        url("stage-create", budget),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, published):
    for address in [*staff_pages(published), reverse("budgets:transfer-create")]:
        response = client.get(address)
        assert response.status_code == 302, address
        assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["citizen", "other_staff", "moderator"])
def test_others_are_refused(client, published, role, citizen, staff_of, other_aa, user_factory):
    user = {
        "citizen": citizen,
        "other_staff": staff_of(other_aa),
        "moderator": user_factory(is_moderator=True),
    }[role]
    client.force_login(user)
    for address in staff_pages(published):
        assert client.get(address).status_code == 403, address
        assert client.post(address, {}).status_code == 403, address
    assert client.get(reverse("budgets:transfer-create")).status_code == 403


@pytest.mark.parametrize("role", ["staff", "admin"])
def test_own_staff_and_admins_reach_the_staff_pages(
    client, published, role, staff_of, user_factory
):
    user = staff_of(published.municipality) if role == "staff" else user_factory(is_superuser=True)
    client.force_login(user)
    for address in staff_pages(published):
        assert client.get(address).status_code == 200, address
    html = client.get(url("budget-detail", published)).content.decode()
    assert url("budget-edit", published) in html
    assert (client.get(reverse("budgets:transfer-create")).status_code == 200) == (role == "admin")


def test_staff_links_are_hidden_from_the_public(client, published):
    assert (
        url("budget-edit", published)
        not in client.get(url("budget-detail", published)).content.decode()
    )


# --- staff pages: forms --------------------------------------------------------------------


def formset_data(rows, comment="Тактоо"):
    data = {
        "lines-TOTAL_FORMS": str(len(rows)),
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
        "meta-population": "5200",
        "meta-note_ky": "",
        "meta-note_ru": "",
        "publish-comment_ky": comment,
        "publish-comment_ru": "",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"lines-{index}-{key}"] = value
    return data


def test_editing_by_form_publishes_a_revision_and_the_diff_shows_it(client, published, staff_of):
    client.force_login(staff_of(published.municipality))
    response = client.post(
        url("budget-edit", published),
        formset_data(
            [
                {"code": "1101", "approved": "1000000", "revised": "1300000", "executed": ""},
                {"code": "2101", "approved": "4000000", "revised": "", "executed": ""},
            ]
        ),
    )
    assert response.status_code == 302
    assert published.lines.count() == 2
    published.refresh_from_db()
    assert published.population == 5200
    revision = published.revisions.get(number=2)
    assert revision.comment_ky == "Тактоо"
    html = client.get(url("revision-detail", published, number=2)).content.decode()
    assert "change-removed" in html  # 1201, 1401, 1402, 2901 are gone
    assert "change-changed" in html  # 1101 revised 1 200 000 -> 1 300 000
    assert "1\xa0300\xa0000,00" in html  # Kyrgyz decimal comma


def test_unchanged_existing_lines_are_kept_and_deleted_ones_removed(client, published, staff_of):
    client.force_login(staff_of(published.municipality))
    existing = [
        {
            "code": ln["code"],
            "approved": str(ln["approved"]),
            "revised": "" if ln["revised"] is None else str(ln["revised"]),
            "executed": "" if ln["executed"] is None else str(ln["executed"]),
            "name_ky": ln["name_ky"],
            "name_ru": ln["name_ru"],
        }
        for ln in STANDARD_LINES
    ]
    existing[0]["DELETE"] = "on"
    data = formset_data([*existing, {"code": "", "approved": ""}])
    data["lines-INITIAL_FORMS"] = str(len(existing))
    response = client.post(url("budget-edit", published), data)
    assert response.status_code == 302
    assert sorted(published.lines.values_list("code", flat=True)) == sorted(
        ln["code"] for ln in STANDARD_LINES[1:]
    )
    assert published.revisions.count() == 2


def test_a_bad_form_re_renders_and_saves_nothing(client, published, staff_of):
    client.force_login(staff_of(published.municipality))
    before = list(BudgetLine.objects.filter(budget=published).values_list("code", "approved"))
    for rows in (
        [{"code": "1101", "approved": "-5"}],
        [{"code": "9999", "approved": "5"}],
        [{"code": "1101", "approved": "abc"}],
        [{"code": "1101", "approved": "5"}, {"code": "1101", "approved": "6"}],
        [],
    ):
        response = client.post(url("budget-edit", published), formset_data(rows))
        assert response.status_code == 200, rows
        assert published.revisions.count() == 1
    after = list(BudgetLine.objects.filter(budget=published).values_list("code", "approved"))
    assert after == before


def test_creating_a_budget_year_and_refusing_a_duplicate(client, aa, staff_of, published):
    client.force_login(staff_of(aa))
    response = client.post(url("budget-create", slug=aa.slug), {"year": "2026", "population": ""})
    assert response.status_code == 302
    assert BudgetYear.objects.filter(municipality=aa, year=2026).exists()
    response = client.post(url("budget-create", slug=aa.slug), {"year": "2025"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    response = client.post(url("budget-create", slug=aa.slug), {"year": "1800"})
    assert response.status_code == 200
    assert BudgetYear.objects.filter(municipality=aa).count() == 2


def test_no_budget_year_for_a_unit_without_its_own_budget(client, rayon, user_factory):
    client.force_login(user_factory(is_superuser=True))
    assert client.get(url("budget-create", slug=rayon.slug)).status_code == 404


def test_calendar_stage_form(client, published, staff_of):
    client.force_login(staff_of(published.municipality))
    bad = client.post(url("stage-create", published), {"stage": "approval", "due_date": ""})
    assert bad.status_code == 200
    assert not CalendarStage.objects.exists()
    good = client.post(
        url("stage-create", published),
        {
            "stage": "draft_hearing",
            "due_date": "2024-06-20",
            "actual_date": "2024-06-20",
            "participation_url": "https://example.kg/ky/events/1/",
        },
    )
    assert good.status_code == 302
    stage = CalendarStage.objects.get()
    assert stage.status() == "done"
    again = client.post(
        url("stage-create", published), {"stage": "draft_hearing", "due_date": "2024-06-21"}
    )
    assert again.status_code == 200
    assert CalendarStage.objects.count() == 1
    edit = client.post(
        url("stage-update", published, pk=stage.pk),
        {"stage": "draft_hearing", "due_date": "2024-06-20", "actual_date": "2024-06-25"},
    )
    assert edit.status_code == 302
    stage.refresh_from_db()
    assert stage.status() == "late"


def test_calendar_stage_statuses():
    stage = CalendarStage(due_date=date(2025, 3, 1))
    assert stage.status(today=date(2025, 2, 1)) == "upcoming"
    assert stage.status(today=date(2025, 3, 2)) == "missing"
    stage.actual_date = date(2025, 3, 1)
    assert stage.status(today=date(2025, 3, 2)) == "done"
    stage.actual_date = date(2025, 3, 5)
    assert stage.status() == "late"


def test_admin_records_a_transfer_and_bad_input_is_refused(client, aa, rayon, user_factory):
    client.force_login(user_factory(is_superuser=True))
    data = {
        "municipality": aa.slug,
        "year": "2025",
        "kind": "target",
        "amount": "250000.50",
        "date": "2025-05-01",
        "purpose_ky": "",
        "purpose_ru": "Ремонт школы",
        "legal_basis_ky": "",
        "legal_basis_ru": "Бюджетный кодекс, ст. 55",
    }
    for broken in ({"amount": "-1"}, {"municipality": rayon.slug}, {"purpose_ru": ""}):
        response = client.post(reverse("budgets:transfer-create"), {**data, **broken})
        assert response.status_code == 200, broken
        assert not Transfer.objects.exists()
    response = client.post(reverse("budgets:transfer-create"), data)
    assert response.status_code == 302
    transfer = Transfer.objects.get()
    assert transfer.amount == Decimal("250000.50")
    response = client.post(
        reverse("budgets:transfer-update", kwargs={"pk": transfer.pk}), {**data, "amount": "300000"}
    )
    assert response.status_code == 302
    transfer.refresh_from_db()
    assert transfer.amount == Decimal("300000")


# --- the municipality profile hook ---------------------------------------------------------


def test_profile_block_is_one_query_and_at_most_five_items(
    django_assert_num_queries, aa, codes, budget_year_factory, staff_of
):
    user = staff_of(aa)
    for year in range(2018, 2026):
        services.budget_publish(
            budget=budget_year_factory(municipality=aa, year=year), lines=STANDARD_LINES, user=user
        )
    with django_assert_num_queries(1):
        block = municipality_profile_block(aa)
    assert len(block["items"]) == 5
    assert "2025" in block["items"][0]["label"]
    assert block["more_url"] == url("municipality", slug=aa.slug)
    assert set(block) == {"title", "items", "more_url", "empty_text"}


def test_profile_block_when_there_is_nothing(django_assert_num_queries, other_aa):
    with django_assert_num_queries(1):
        block = municipality_profile_block(other_aa)
    assert block["items"] == []
    assert block["more_url"] is None
    assert block["empty_text"]


def test_calendar_stage_document_is_uploaded_and_linked(client, published, staff_of):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(staff_of(published.municipality))
    document = SimpleUploadedFile(
        "protocol.pdf", pdf_bytes("Protocol"), content_type="application/pdf"
    )
    response = client.post(
        url("stage-create", published),
        {
            "stage": "approval",
            "due_date": "2025-01-31",
            "actual_date": "2025-01-20",
            "document": document,
        },
    )
    assert response.status_code == 302
    stage = CalendarStage.objects.get()
    assert stage.document.name.startswith("budgets/calendar/")
    assert stage.document.name.endswith(".pdf")
    assert "protocol" not in stage.document.name  # stored under a generated name
    html = client.get(url("budget-detail", published)).content.decode()
    assert url("stage-document", published, pk=stage.pk) in html
    assert "/media/" not in html  # served by a view, never from MEDIA_URL
    wrong = SimpleUploadedFile("run.exe", b"MZ", content_type="application/octet-stream")
    response = client.post(
        url("stage-create", published),
        {"stage": "report_q1", "due_date": "2025-04-30", "document": wrong},
    )
    assert response.status_code == 200
    assert CalendarStage.objects.count() == 1

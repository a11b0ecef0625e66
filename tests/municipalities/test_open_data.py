"""Open data: CSV and JSON at stable addresses, one column per language, no formulas."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation

from municipalities.models import Succession
from municipalities.open_data import FIELDS
from portal.exports import spreadsheet_safe

pytestmark = pytest.mark.django_db


def _url(name, lang="ru"):
    with translation.override(lang):
        return reverse(f"municipalities:{name}")


def test_stable_addresses():
    assert _url("export_csv") == "/ru/municipalities/open-data/units.csv"
    assert _url("export_json", "ky") == "/ky/municipalities/open-data/units.json"


def _csv(client):
    response = client.get(_url("export_csv"))
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_csv_has_one_column_per_language_and_says_nothing_it_does_not_know(
    client, unit_factory, settings
):
    settings.SITE_URL = "https://portal.example.kg"
    unit_factory(slug="a-aa", name_ky="Өзгөн", name_ru="Узген", population=None,
                 population_year=None, soate="41706255000000")
    rows = _csv(client)
    assert list(rows[0]) == [name for name, _ in FIELDS]
    (row,) = rows
    assert (row["name_ky"], row["name_ru"], row["population"]) == ("Өзгөн", "Узген", "")
    assert row["url"] == "https://portal.example.kg/ru/municipalities/a-aa/"  # SITE_URL


@pytest.mark.parametrize("evil", ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)"])
def test_csv_cells_never_start_a_formula(client, unit_factory, evil):
    unit_factory(slug="evil-aa", name_ru=evil, name_ky=evil)
    (row,) = _csv(client)
    assert row["name_ru"] == "'" + evil
    assert row["name_ky"] == "'" + evil


def test_spreadsheet_safe_leaves_ordinary_values():
    assert spreadsheet_safe("Ош") == "Ош"
    assert spreadsheet_safe(None) == ""
    assert spreadsheet_safe(True) == "true"
    assert spreadsheet_safe(1200) == "1200"


def test_json_lists_units_with_successors(client, unit_factory):
    old = unit_factory(slug="old-aa", valid_to="2024-02-19", is_pre_reform=True)
    new = unit_factory(slug="new-aa", valid_from="2024-02-20")
    Succession.objects.create(predecessor=old, successor=new, date="2024-02-20", kind="merged")
    data = json.loads(client.get(_url("export_json")).content)
    assert data["count"] == 2
    assert data["fields"] == [name for name, _ in FIELDS]
    units = {u["slug"]: u for u in data["units"]}
    assert units["old-aa"]["successors"] == "new-aa"
    assert units["old-aa"]["valid_to"] == "2024-02-19"
    assert units["old-aa"]["pre_reform"] is True
    assert units["new-aa"]["valid_from"] == "2024-02-20"


@pytest.mark.parametrize("count", [1, 40])
@pytest.mark.parametrize("name", ["export_csv", "export_json"])
def test_exports_run_a_constant_number_of_queries(
    client, unit_factory, django_assert_max_num_queries, count, name
):
    for _ in range(count):
        unit_factory()
    with django_assert_max_num_queries(4):
        assert client.get(_url(name)).status_code == 200


def test_open_data_page_documents_every_field(client):
    html = client.get(_url("open_data")).content.decode()
    for name, _meaning in FIELDS:
        assert f"<code>{name}</code>" in html

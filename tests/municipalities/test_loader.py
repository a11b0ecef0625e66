"""The reference data loader: every row loaded, idempotent, honest about missing values."""

import csv
import io

import pytest
from django.core.management import call_command

from municipalities.models import Municipality
from municipalities.services import ADMIN_UNITS_FILE
from municipalities.services import admin_units_load

pytestmark = pytest.mark.django_db


def _rows():
    with open(ADMIN_UNITS_FILE, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_fresh_load_creates_every_row_of_the_file():
    rows = _rows()
    report = admin_units_load()
    assert len(rows) == 537
    assert len(report.created) == 537
    assert report.updated == report.unchanged == report.skipped == []
    assert Municipality.objects.count() == 537
    assert Municipality.objects.filter(kind="ayil_aimak").count() == 453
    tepke = Municipality.objects.get(slug="tepkenskiy-aa")
    assert tepke.parent.slug == "ak-suyskiy-rayon"
    assert tepke.parent.parent.slug == "issyk-kulskaya-oblast"
    assert tepke.soate == "41702205844000"


def test_missing_values_stay_missing_and_pre_reform_units_are_marked():
    admin_units_load()
    tepke = Municipality.objects.get(slug="tepkenskiy-aa")
    assert tepke.population is None  # the reference has no figure: none is invented
    assert tepke.is_pre_reform
    assert tepke.source_block == "E"
    assert Municipality.objects.get(slug="kant-town").is_pre_reform  # block D
    assert not Municipality.objects.get(slug="karakol").is_pre_reform  # block C
    assert Municipality.objects.filter(is_pre_reform=True).count() == 453 + 17
    assert tepke.search_text == "тепке айыл аймагы тепкенский айылный аймак"


def test_second_run_changes_nothing():
    admin_units_load()
    report = admin_units_load()
    assert report.created == report.updated == report.skipped == []
    assert len(report.unchanged) == 537
    assert Municipality.objects.count() == 537


def test_changed_row_is_updated_not_duplicated(tmp_path):
    rows = _rows()
    admin_units_load(path=_write(tmp_path / "a.csv", rows))
    changed = [dict(row) for row in rows]
    tepke = next(row for row in changed if row["slug"] == "tepkenskiy-aa")
    tepke["name_ky"] = "Тепке айылдык аймагы"
    tepke["population"], tepke["population_year"] = "7100", "2021"
    report = admin_units_load(path=_write(tmp_path / "b.csv", changed))
    assert report.updated == ["tepkenskiy-aa"]
    assert len(report.unchanged) == 536
    unit = Municipality.objects.get(slug="tepkenskiy-aa")
    assert unit.name_ky == "Тепке айылдык аймагы"
    assert (unit.population, unit.population_year) == (7100, 2021)
    assert "тепке айылдык аймагы" in unit.search_text
    assert Municipality.objects.count() == 537


def test_moved_unit_is_reported_as_updated(tmp_path):
    rows = _rows()
    admin_units_load(path=_write(tmp_path / "a.csv", rows))
    moved = [dict(row) for row in rows]
    row = next(row for row in moved if row["slug"] == "tepkenskiy-aa")
    row["parent_slug"] = "issyk-kulskiy-rayon"
    report = admin_units_load(path=_write(tmp_path / "b.csv", moved))
    assert report.updated == ["tepkenskiy-aa"]
    assert Municipality.objects.get(slug="tepkenskiy-aa").parent.slug == "issyk-kulskiy-rayon"


def test_unusable_rows_are_skipped_and_reported(tmp_path):
    rows = [dict(row) for row in _rows()[:3]]
    rows[1]["kind"] = "galaxy"
    rows[2]["name_ru"] = ""
    report = admin_units_load(path=_write(tmp_path / "bad.csv", rows))
    assert len(report.created) == 1
    assert report.skipped == [rows[1]["slug"], rows[2]["slug"]]


def test_loader_does_not_touch_recorded_reform_history():
    admin_units_load()
    unit = Municipality.objects.get(slug="ala-archinskiy-aa")
    unit.valid_to = "2024-02-19"
    unit.save(update_fields=["valid_to"])
    admin_units_load()
    unit.refresh_from_db()
    assert str(unit.valid_to) == "2024-02-19"


def test_command_reports_counts():
    out = io.StringIO()
    call_command("load_admin_units", stdout=out)
    assert "created 537, updated 0, unchanged 0, skipped 0" in out.getvalue()
    out = io.StringIO()
    call_command("load_admin_units", stdout=out)
    assert "created 0, updated 0, unchanged 537, skipped 0" in out.getvalue()

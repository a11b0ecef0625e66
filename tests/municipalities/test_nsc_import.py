"""The statistics office's workbook brings the directory up to date: created, renamed,
retired with successors, ambiguous, unchanged; dry run, second run, bad files."""

import csv
import datetime
import io

import pytest
from django.core.management import CommandError
from django.core.management import call_command
from django.utils import translation

from municipalities.models import Municipality
from municipalities.models import Succession
from municipalities.models import Village
from municipalities.services import ADMIN_UNITS_FILE
from municipalities.services import admin_units_load
from portal.history.models import Change
from tests.municipalities import nsc_workbooks as books

pytestmark = pytest.mark.django_db

FORMATS = ["xls", "xlsx"]
CLOSED = datetime.date(2025, 12, 31)
CHANGED = datetime.date(2026, 1, 1)


def _load(path, *args) -> str:
    out = io.StringIO()
    call_command("load_admin_units", "--nsc-workbook", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.fixture(params=FORMATS)
def fmt(request):
    return request.param


@pytest.fixture
def before_reform(tmp_path, fmt):
    """The directory as the 2024 workbook (old units and their villages) leaves it."""
    _load(books.write(tmp_path / f"op825_2024.{fmt}", books.YEAR_2024, year=2024))
    return tmp_path


@pytest.fixture
def book_2026(tmp_path, fmt):
    return books.write(tmp_path / f"op825_2026.{fmt}", books.YEAR_2026, year=2026)


def _unit(code):
    return Municipality.objects.get(soate=code)


def _state():
    """Everything the import may write, to compare before and after."""
    return (
        sorted(Municipality.objects.values_list(
            "pk", "soate", "slug", "name_ru", "name_ky", "kind", "parent_id", "population",
            "population_year", "valid_to", "is_pre_reform",
        )),
        sorted(Village.objects.values_list("pk", "soate", "municipality_id", "name_ru",
                                           "population")),
        sorted(Succession.objects.values_list("predecessor_id", "successor_id", "kind")),
        Change.objects.count(),
    )


# --- the import --------------------------------------------------------------------------------


def test_first_load_creates_the_units_with_their_villages(before_reform):
    assert Municipality.objects.count() == 26
    aa = _unit("41708203805000")
    assert aa.kind == "ayil_aimak"
    assert aa.parent == _unit("41708203000000")
    assert aa.parent.parent == _unit("41708000000000")
    assert aa.name_ky == "Ала-Арча айыл аймагы"
    assert aa.name_ky_origin == Municipality.NameOrigin.RULE
    assert (aa.population, aa.population_year, aa.population_source) == (9000, 2024,
                                                                         "stat.gov.kg")
    # citizens are told what the figure is, in their language, not the raw citation
    assert aa.population_basis == Municipality.PopulationBasis.NSC_ESTIMATE
    with translation.override("ky"):
        assert aa.population_note == (
            "Улуттук статистика комитетинин 2024-жылдын 1-январына карата баалоосу"
        )
    assert aa.is_pre_reform  # the 2024 file describes the units before the reform
    assert sorted(aa.villages.values_list("soate", "name_ru", "population")) == [
        ("41708203805010", "Ала-Арча", 5000),
        ("41708203805020", "Петровка", 4000),
    ]
    assert _unit("41711201000000").parent == _unit("41711000000000")
    assert _unit("41708213600020").kind == "city_rayon"
    assert not Municipality.objects.filter(name_ru__startswith="пгт").exists()
    assert _unit("41706211810000").parent.soate == "41706211000000"  # Aravan fixed
    naryn = _unit("41704400000010")
    assert naryn.villages.get().name_ru == "Кызыл-Жылдыз"


def test_the_reform_workbook_brings_the_directory_up_to_date(before_reform, book_2026, fmt):
    before = Municipality.objects.count()
    maevka_villages = list(_unit("41708203815000").villages.values_list("soate", flat=True))
    out = _load(book_2026)

    # Nothing deleted: two new units, everything else kept.
    assert Municipality.objects.count() == before + 2

    # A merger of two ayil aimaks into a new one (its villages moved, one spelled differently)
    new = _unit("41708203830000")
    assert new.kind == "ayil_aimak"
    assert new.name_ru == "Айылный аймак имени Суймонкула Чокморова"
    assert new.name_ky == "Суймонкул Чокморов айыл аймагы"
    assert new.name_ky_origin == Municipality.NameOrigin.RULE
    assert new.parent == _unit("41708203000000")
    assert (new.population, new.population_year) == (15300, 2026)
    assert new.villages.count() == 4
    for code in ("41708203805000", "41708203820000"):
        old = _unit(code)
        assert old.valid_to == CLOSED
        succession = Succession.objects.get(predecessor=old)
        assert (succession.successor, succession.kind, succession.date) == (
            new, Succession.Kind.MERGED, CHANGED
        )
        assert "2026" in succession.note_ky
        assert "2026" in succession.note_ru
        assert old.villages.count() == 2  # the old unit keeps the villages it had

    # An ayil aimak absorbed by a city (its villages now listed under Bishkek)
    maevka = _unit("41708203815000")
    assert maevka.valid_to == CLOSED
    assert Succession.objects.get(predecessor=maevka).successor == _unit("41711000000000")
    assert Succession.objects.get(predecessor=maevka).kind == Succession.Kind.ABSORBED
    assert list(maevka.villages.values_list("soate", flat=True)) == maevka_villages

    # Kant: the town became a city of oblast significance and took Luxembourg AA
    kant = _unit("41708410000010")
    assert kant.kind == "city_oblast"
    assert kant.name_ky == "Кант шаары"
    assert Succession.objects.get(predecessor=_unit("41708206600010")).kind == "status"
    luxembourg = Succession.objects.get(predecessor=_unit("41708206815000"))
    assert (luxembourg.successor, luxembourg.kind) == (kant, Succession.Kind.ABSORBED)

    # A rename: same code, same page, new name, the old one in the history
    rayon = _unit("41707215000000")
    assert rayon.slug == "kara-buurinskiy-rayon"
    assert rayon.name_ru == "Айтматовский район"
    assert rayon.name_ky == "Айтматов району"
    assert rayon.name_ky_origin == Municipality.NameOrigin.RULE
    renamed = Change.objects.get(municipality=rayon, verb="renamed")
    assert renamed.changes["name_ru"] == ["Кара-Бууринский район", "Айтматовский район"]
    assert not Succession.objects.filter(predecessor=rayon).exists()

    # Ambiguous: half the people went to each neighbour. Retired, no successor, reported.
    pakhta = _unit("41708222810000")
    assert pakhta.valid_to == CLOSED
    assert not Succession.objects.filter(predecessor=pakhta).exists()
    record = Change.objects.get(municipality=pakhta, verb="superseded")
    candidates = record.changes["successor_candidates"][1]
    assert "Военно-Антоновский" in candidates
    assert "Асылбашский" in candidates
    assert "ambiguous   41708222810000" in out

    # A code that changed: the same unit keeps its page and its village
    kemin = Municipality.objects.get(slug="kemin-town")
    assert kemin.soate == "41708213600030"
    assert kemin.valid_to is None
    assert kemin.villages.get().population == 1010

    # Populations with their year and source; the post-reform file clears the pre-reform mark
    ivanovka = _unit("41708206820000")
    assert (ivanovka.population, ivanovka.population_year, ivanovka.population_source) == (
        8100, 2026, "stat.gov.kg"
    )
    assert not Municipality.objects.filter(valid_to=None, is_pre_reform=True).exists()
    assert _unit("41704400000010").villages.get().population == 510

    # Every change in the units' history, the workbook as the actor
    records = Change.objects.filter(source_file=f"op825_2026.{fmt}")
    assert records.filter(verb="superseded").count() == 6
    assert records.filter(verb="created").count() == 2
    assert not records.exclude(actor=None).exists()
    assert Change.objects.filter(source_file="").count() == 0

    assert "retired     41708203815000  Маевский айылный аймак" in out
    assert "absorbed by г. Бишкек" in out
    assert "Summary: created 2, renamed 1, updated" in out
    assert "retired 5, ambiguous 1" in out


def test_a_second_run_changes_nothing(before_reform, book_2026):
    _load(book_2026)
    state = _state()
    out = _load(book_2026)
    assert _state() == state
    assert "created 0, renamed 0, updated 0, retired 0, ambiguous 0" in out


def test_dry_run_prints_the_changes_and_writes_nothing(before_reform, book_2026):
    state = _state()
    out = _load(book_2026, "--dry-run")
    assert _state() == state
    assert "DRY RUN: nothing has been written." in out
    assert "created     41708203830000" in out
    assert "retired     41708203805000" in out
    assert "ambiguous   41708222810000" in out
    assert "renamed     41707215000000" in out


def test_the_report_file_lists_every_decision(before_reform, book_2026, tmp_path):
    out = _load(book_2026, "--report", str(tmp_path / "report.csv"))
    assert f"Report written to {tmp_path / 'report.csv'}" in out
    with open(tmp_path / "report.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    decisions = {(row["decision"], row["code"]) for row in rows}
    assert ("retired", "41708203805000") in decisions
    assert ("ambiguous", "41708222810000") in decisions
    assert ("skipped", "41700000000000") in decisions
    assert ("fixed", "41706211000000") in decisions
    _load(book_2026, "--report", str(tmp_path / "report.txt"))
    text = (tmp_path / "report.txt").read_text(encoding="utf-8")
    assert "unchanged   41708206820000  Ивановский айылный аймак" in text  # one by one


def test_events_and_budgets_of_a_retired_unit_stay_attached(before_reform, book_2026):
    from tests.budgets.factories import BudgetYearFactory
    from tests.participation.factories import EventFactory

    maevka = _unit("41708203815000")
    event = EventFactory(municipality=maevka)
    budget = BudgetYearFactory(municipality=maevka, year=2024)
    _load(book_2026)
    event.refresh_from_db()
    budget.refresh_from_db()
    assert event.municipality_id == budget.municipality_id == maevka.pk
    assert _unit("41708203815000").valid_to == CLOSED


def test_a_unit_without_a_code_gets_it_and_an_unconfirmed_rename_is_only_reported(
    tmp_path, oblast_factory, unit_factory
):
    chuy = oblast_factory(soate="41708000000000", name_ru="Чуйская область", slug="chuy")
    kant = unit_factory(kind="city_oblast", soate=None, parent=chuy, name_ru="г. Кант",
                        name_ky="Кант шаары", slug="kant")
    jalal_abad_oblast = oblast_factory(soate="41703000000000", name_ru="Джалал-Абадская область")
    city = unit_factory(kind="city_oblast", soate="41703410000010", parent=jalal_abad_oblast,
                        name_ru="г. Джалал-Абад", name_ky="Жалал-Абад шаары", slug="dzhalal-abad")
    path = books.write(tmp_path / "op825_2026.xlsx", {
        "Чуйская": [("41708000000000", "Чуйская область", 983664),
                    ("41708410000010", "г. Кант", 33000)],
        "Джалал-Абадская": [("41703000000000", "Джалал-Абадская область", 1379916),
                            ("41703410000010", "г. Манас", 140000)],
    }, year=2026)
    out = _load(path)
    kant.refresh_from_db()
    city.refresh_from_db()
    assert kant.soate == "41708410000010"
    assert kant.population == 33000
    assert Municipality.objects.filter(name_ru="г. Кант").count() == 1
    assert city.name_ru == "г. Джалал-Абад"
    assert city.name_ky == "Жалал-Абад шаары"
    assert city.population == 140000
    assert "review      41703410000010  г. Джалал-Абад" in out
    assert "«г. Манас»" in out


def test_a_rename_keeps_a_kyrgyz_name_a_person_checked(before_reform, book_2026):
    rayon = _unit("41707215000000")
    rayon.name_ky = "Айтматов району"
    rayon.name_ky_origin = Municipality.NameOrigin.CHECKED
    rayon.save()
    out = _load(book_2026)
    rayon.refresh_from_db()
    assert rayon.name_ru == "Айтматовский район"
    assert rayon.name_ky == "Айтматов району"
    assert rayon.name_ky_origin == Municipality.NameOrigin.CHECKED
    assert "was checked by a person and is kept" in out


def test_a_newer_figure_is_not_replaced_by_an_older_workbook(before_reform, book_2026, fmt):
    _load(book_2026)
    _load(books.write(before_reform / f"op825_2025.{fmt}", books.YEAR_2026, year=2025))
    assert _unit("41708206820000").population_year == 2026


def test_a_unit_that_no_villages_describe_is_retired_for_review(tmp_path, oblast_factory,
                                                                 rayon_factory, unit_factory):
    oblast = oblast_factory(soate="41708000000000", name_ru="Чуйская область")
    rayon = rayon_factory(soate="41708222000000", parent=oblast, name_ru="Сокулукский район")
    old = unit_factory(soate="41708222810000", parent=rayon,
                       name_ru="Асылбашский айылный аймак", slug="old-asylbash")
    path = books.write(tmp_path / "op825_2026.xlsx", {"Чуйская": [
        ("41708000000000", "Чуйская область", 983664),
        ("41708222000000", "Сокулукский район", 165000),
        ("41708222820000", "Военно-Антоновский айылный аймак", 8000),
        ("41708222820010", "с. Военно-Антоновка", 5000),
        ("41708222820020", "с. Асылбаш", 3000),
    ]}, year=2026)
    out = _load(path)
    old.refresh_from_db()
    assert old.valid_to == CLOSED
    assert not Succession.objects.filter(predecessor=old).exists()
    assert "the directory has no villages of this unit" in out
    assert "its name points at Военно-Антоновский айылный аймак (41708222820000)" in out


def test_villages_entered_by_staff_in_kyrgyz_are_found_in_the_russian_list(
    tmp_path, oblast_factory, rayon_factory, unit_factory, village_factory
):
    oblast = oblast_factory(soate="41702000000000", name_ru="Иссык-Кульская область")
    rayon = rayon_factory(soate="41702205000000", parent=oblast, name_ru="Ак-Суйский район")
    old = unit_factory(soate="41702205844000", parent=rayon, name_ru="Тепкенский айылный аймак")
    village_factory(municipality=old, name_ky="Көк-Жар", name_ru="", population=900)
    village_factory(municipality=old, name_ky="Тепке", name_ru="", population=None)
    path = books.write(tmp_path / "op825_2026.xls", {"Иссык-Кульская": [
        ("41702000000000", "Иссык-Кульская область", 554296),
        ("41702205000000", "Ак-Суйский район", 70000),
        ("41702205830000", "Кок-Жарский айылный аймак", 9000),
        ("41702205830010", "с. Тепке", 6000),
        ("41702205830020", "с. Кок-Жар", 950),
    ]}, year=2026)
    _load(path)
    old.refresh_from_db()
    succession = Succession.objects.get(predecessor=old)
    assert succession.successor.soate == "41702205830000"
    assert succession.kind == Succession.Kind.RENAMED  # one unit → one, new code and name
    assert succession.successor.name_ky == "Көк-Жар айыл аймагы"


def test_the_same_name_under_a_new_code_is_the_same_unit(tmp_path, oblast_factory,
                                                           rayon_factory, unit_factory):
    oblast = oblast_factory(soate="41702000000000", name_ru="Иссык-Кульская область")
    rayon = rayon_factory(soate="41702205000000", parent=oblast, name_ru="Ак-Суйский район")
    unit = unit_factory(soate="41702205844000", parent=rayon,
                        name_ru="Тепкенский айылный аймак", slug="tepke")
    out = _load(books.write(tmp_path / "op825_2026.xlsx", {"Иссык-Кульская": [
        ("41702000000000", "Иссык-Кульская область", 554296),
        ("41702205000000", "Ак-Суйский район", 70000),
        ("41702205830000", "Тепкенский айылный аймак", 9000),
    ]}, year=2026))
    unit.refresh_from_db()
    assert (unit.soate, unit.valid_to, unit.population) == ("41702205830000", None, 9000)
    assert Municipality.objects.count() == 3
    assert "code changed 41702205844000 → 41702205830000" in out


def test_query_count_does_not_grow_with_the_villages(tmp_path):
    """The real file has ~2,000 village rows: they are read and written in bulk."""

    def sheet(oblast, villages_per_unit):
        rows = [(f"{oblast}000000000", "Область", 1), (f"{oblast}203000000", "Район", 1)]
        for n in range(10):
            code = f"{oblast}203{810 + n}000"
            rows.append((code, f"Аймак-{n}ский айылный аймак", 100))
            rows += [(f"{code[:11]}{v:03d}", f"с. Айыл-{n}-{v}", 10)
                     for v in range(10, 10 + villages_per_unit)]
        return {"Облус": rows}

    def queries(oblast, villages_per_unit):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        path = books.write(tmp_path / f"op825_2026_{oblast}.xlsx",
                           sheet(oblast, villages_per_unit), year=2026)
        with CaptureQueriesContext(connection) as captured:
            _load(path)
        return len(captured)

    few = queries("41707", 1)
    many = queries("41708", 40)
    assert Village.objects.filter(soate__startswith="41708").count() == 400
    assert many <= few + 4  # the villages of the other oblast are read once more


# --- bad input -----------------------------------------------------------------------------------


@pytest.fixture
def directory(before_reform):
    return _state()


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"kind,soate\nayil_aimak,41702205844000\n", "units.xlsx",
         "not a readable Excel workbook (.xls or .xlsx)"),
        (b"\x00\x01garbage", "units.xls", "not a readable Excel workbook (.xls or .xlsx)"),
    ],
)
def test_a_file_that_is_not_a_workbook_changes_nothing(tmp_path, directory, content, name,
                                                       message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CommandError, match=r"not a readable Excel workbook") as error:
        _load(path)
    assert message in str(error.value)
    assert "Nothing has been changed." in str(error.value)
    assert _state() == directory


def test_a_workbook_of_something_else_changes_nothing(tmp_path, directory):
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Бюджет", "Сумма"])
    book.active.append(["Доходы", 1000])
    book.save(tmp_path / "budget_2026.xlsx")
    with pytest.raises(CommandError, match="no row with a 14-digit SOATE code"):
        _load(tmp_path / "budget_2026.xlsx")
    assert _state() == directory


def test_a_missing_file_or_year_is_a_clear_error(tmp_path, directory):
    with pytest.raises(CommandError, match="no such file"):
        _load(tmp_path / "nothing.xls")
    undated = books.write(tmp_path / "workbook.xlsx", books.YEAR_2026, year=None)
    with pytest.raises(CommandError, match="give it with --year"):
        _load(undated)
    assert _state() == directory
    assert "figures for the start of 2026" in _load(undated, "--year", "2026", "--dry-run")
    with pytest.raises(CommandError, match="--date"):
        _load(undated, "--date", "1st of May")
    with pytest.raises(CommandError, match="go with --nsc-workbook"):
        call_command("load_admin_units", "--dry-run", stdout=io.StringIO())


def test_a_failure_while_writing_rolls_everything_back(before_reform, book_2026, monkeypatch):
    from municipalities import nsc_apply

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    state = _state()
    monkeypatch.setattr(nsc_apply, "_apply_villages", broken)
    with pytest.raises(RuntimeError):
        _load(book_2026)
    assert _state() == state


def test_the_date_of_the_changes_can_be_given(before_reform, book_2026):
    _load(book_2026, "--date", "2024-11-17")
    old = _unit("41708203805000")
    assert old.valid_to == datetime.date(2024, 11, 16)
    assert Succession.objects.get(predecessor=old).date == datetime.date(2024, 11, 17)


# --- on the project's own reference data ---------------------------------------------------------


def test_on_the_reference_data_talas_is_matched_code_by_code(tmp_path):
    """The Talas sheet written from the shipped reference data, with spaces in its codes."""
    admin_units_load()
    with open(ADMIN_UNITS_FILE, encoding="utf-8") as fh:
        talas = [row for row in csv.DictReader(fh) if row["soate"].startswith("41707")]
    rows = []
    for row in talas:
        rows.append((books.spaced(row["soate"]), row["name_ru"], 1000))
        if row["kind"] == "ayil_aimak":
            rows.append((books.spaced(row["soate"][:11] + "010"), "с. Центр", 1000))
    before = Municipality.objects.count()
    kyrgyz = dict(Municipality.objects.values_list("soate", "name_ky"))
    out = _load(books.write(tmp_path / "op825_2026.xls", {"Таласская": rows}, year=2026))
    assert Municipality.objects.count() == before
    assert "retired 0, ambiguous 0" in out
    assert "renamed 0" in out
    for unit in Municipality.objects.filter(soate__startswith="41707"):
        assert unit.population == 1000
        assert unit.population_year == 2026
        assert not unit.is_pre_reform
        assert unit.name_ky == kyrgyz[unit.soate]  # names are not touched
    assert Village.objects.filter(soate__startswith="41707").count() == sum(
        1 for row in talas if row["kind"] == "ayil_aimak"
    )
    # other oblasts, not in the workbook, are left alone
    assert Municipality.objects.get(slug="tepkenskiy-aa").valid_to is None

"""Kyrgyz names of the units: where they come from, who checks and corrects them.

The reference data carries a Kyrgyz name for every unit with its provenance (a source, a rule
to be checked); the loader never overwrites a name a person checked; administrators list the
names to check; a unit's managers and site administrators correct them from the workspace.
"""

import csv
import datetime
import io

import pytest
import rules
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from municipalities import services
from municipalities.data import build_admin_units
from municipalities.models import Municipality
from municipalities.services import ADMIN_UNITS_FILE
from municipalities.services import admin_units_load
from portal import search
from portal.history.models import Change
from portal.models import SearchEntry

pytestmark = pytest.mark.django_db

RULE = Municipality.NameOrigin.RULE
SOURCE = Municipality.NameOrigin.SOURCE
CHECKED = Municipality.NameOrigin.CHECKED


def _rows():
    with open(ADMIN_UNITS_FILE, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def _url(name, lang="ru", **kwargs):
    with translation.override(lang):
        return reverse(f"municipalities:{name}", kwargs=kwargs)


# --- the reference data ---------------------------------------------------------------------


def test_every_unit_of_the_shipped_file_has_a_kyrgyz_name_with_its_provenance():
    rows = _rows()
    assert len(rows) == 537
    assert all(row["name_ky"] for row in rows)
    assert {row["name_ky_origin"] for row in rows} == {"source", "rule"}
    ayil_aimaks = [row for row in rows if row["kind"] == "ayil_aimak"]
    origins = [row["name_ky_origin"] for row in ayil_aimaks]
    assert (origins.count("source"), origins.count("rule")) == (63, 390)
    assert all(row["name_ky_source"] for row in rows)
    for row in ayil_aimaks:
        if row["name_ky_origin"] == "source":
            assert row["name_ky_source"].startswith("http"), row["slug"]
    # oblasts, rayons and cities keep the main file's Kyrgyz names, cited by block
    naryn = next(row for row in rows if row["slug"] == "naryn")
    assert (naryn["name_ky"], naryn["name_ky_origin"]) == ("Нарын шаары", "source")
    assert naryn["name_ky_source"].startswith("kg_admin_units.csv, block C")
    # towns of rayon significance had none: derived by rule, to be checked
    uzgen = next(row for row in rows if row["slug"] == "uzgen-town")
    assert (uzgen["name_ky"], uzgen["name_ky_origin"]) == ("Өзгөн шаары", "rule")


def test_builder_merges_the_kyrgyz_names_by_soate_and_keeps_their_provenance(
    tmp_path, monkeypatch
):
    main = tmp_path / "units.csv"
    names = tmp_path / "names.csv"
    main.write_text(
        "level,code,name_ky,name_ru,name_en,parent_code_or_name,population,source_block\n"
        "oblast,41702000000000,Ысык-Көл облусу,Иссык-Кульская область,Issyk-Kul Region,KG,"
        "554296 (NSC est. 1 Jan 2026 (via circularsquare/maps README)),A\n"
        "ayil_aimak,41702205844000,,Тепкенский айылный аймак,,41702000000000,"
        "\"44080 (2009 census); 49955 (2021, NSC)\",E\n"
        "ayil_aimak,41702205805000,,Ак-Булунский айылный аймак,,41702000000000,,E\n"
        "city,41708206600010,,г. Узген,,41702000000000,,D\n",
        encoding="utf-8",
    )
    names.write_text(
        "soate,name_ru,name_ky,method,source,note\n"
        "41702205844000,Тепкенский айылный аймак,Тепке айыл аймагы,rule,rule,\n"
        "41702205805000,Ак-Булунский айылный аймак,Ак-Булуң айыл аймагы,source,"
        "https://example.kg/ak-bulun,spelling to check\n",
        encoding="utf-8",
    )
    out = tmp_path / "admin_units.csv"
    monkeypatch.setattr(build_admin_units, "OUT", out)
    build_admin_units.main(str(main), str(names))
    with open(out, encoding="utf-8") as fh:
        rows = {row["slug"]: row for row in csv.DictReader(fh)}
    oblast = rows["issyk-kulskaya-oblast"]
    assert (oblast["name_ky_origin"], oblast["population_basis"]) == ("source", "nsc_estimate")
    assert oblast["population_year"] == "2026"
    tepke = rows["tepkenskiy-aa"]
    assert (tepke["name_ky"], tepke["name_ky_origin"]) == ("Тепке айыл аймагы", "rule")
    assert (tepke["population"], tepke["population_basis"]) == ("49955", "nsc")
    ak_bulun = rows["ak-bulunskiy-aa"]
    assert (ak_bulun["name_ky"], ak_bulun["name_ky_origin"]) == ("Ак-Булуң айыл аймагы", "source")
    assert ak_bulun["name_ky_source"] == "https://example.kg/ak-bulun"
    assert ak_bulun["name_ky_note"] == "spelling to check"
    assert rows["uzgen-town"]["name_ky"] == "Өзгөн шаары"


def test_builder_refuses_names_for_codes_it_does_not_know(tmp_path, monkeypatch):
    main = tmp_path / "units.csv"
    main.write_text(
        "level,code,name_ky,name_ru,name_en,parent_code_or_name,population,source_block\n"
        "ayil_aimak,41702205844000,,Тепкенский айылный аймак,,KG,,E\n",
        encoding="utf-8",
    )
    names = tmp_path / "names.csv"
    names.write_text(
        "soate,name_ru,name_ky,method,source,note\n"
        "41799999999000,Неизвестный айылный аймак,Белгисиз айыл аймагы,rule,rule,\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(build_admin_units, "OUT", tmp_path / "out.csv")
    with pytest.raises(ValueError, match="41799999999000"):
        build_admin_units.main(str(main), str(names))


def test_loader_fills_the_kyrgyz_names_and_their_origin():
    admin_units_load()
    tepke = Municipality.objects.get(slug="tepkenskiy-aa")
    assert (tepke.name_ky, tepke.name_ky_origin) == ("Тепке айыл аймагы", RULE)
    assert "тепке айыл аймагы" in tepke.search_text
    karakol = Municipality.objects.get(slug="karakol")
    assert (karakol.name_ky, karakol.name_ky_origin) == ("Каракол шаары", SOURCE)
    assert karakol.name_ky_source.startswith("kg_admin_units.csv, block C")
    assert not Municipality.objects.filter(name_ky="").exists()
    assert Municipality.objects.filter(kind="ayil_aimak", name_ky_origin=SOURCE).count() == 63
    assert Municipality.objects.filter(name_ky_origin=RULE).count() == 390 + 17
    bishkek = Municipality.objects.get(slug="bishkek")
    assert (bishkek.population_basis, bishkek.population_year) == ("nsc_estimate", 2026)


def test_loader_never_overwrites_a_name_a_person_checked(tmp_path, site_admin):
    rows = _rows()
    admin_units_load(path=_write(tmp_path / "a.csv", rows))
    tepke = Municipality.objects.get(slug="tepkenskiy-aa")
    services.municipality_rename(
        municipality=tepke, actor=site_admin,
        data={"name_ky": "Тепке айыл аймагы (текшерилди)", "name_ru": "Тепкенский АА"},
    )
    # the same file again: the person's names stay, and the operator is told
    report = admin_units_load(path=_write(tmp_path / "a.csv", rows))
    assert report.updated == []
    assert report.kept == ["tepkenskiy-aa"]
    tepke.refresh_from_db()
    assert tepke.name_ru == "Тепкенский АА"
    # a file that changes the row: the names stay, the rest of the row is loaded
    changed = [dict(row) for row in rows]
    row = next(row for row in changed if row["slug"] == "tepkenskiy-aa")
    row.update(name_ky="Тепке", name_ru="Тепке АА", name_ky_origin="rule", population="7100",
               population_year="2025", population_basis="nsc_estimate")
    report = admin_units_load(path=_write(tmp_path / "b.csv", changed))
    assert report.kept == ["tepkenskiy-aa"]
    assert report.updated == ["tepkenskiy-aa"]
    tepke.refresh_from_db()
    assert (tepke.name_ky, tepke.name_ru) == ("Тепке айыл аймагы (текшерилди)", "Тепкенский АА")
    assert tepke.name_ky_origin == CHECKED
    assert tepke.population == 7100
    assert "текшерилди" in tepke.search_text
    # idempotent: a third run changes nothing
    report = admin_units_load(path=_write(tmp_path / "b.csv", changed))
    assert report.updated == []
    assert report.created == []
    assert len(report.unchanged) == 537


def test_a_rule_name_is_updated_when_the_file_improves_it(tmp_path):
    rows = _rows()
    admin_units_load(path=_write(tmp_path / "a.csv", rows))
    changed = [dict(row) for row in rows]
    row = next(row for row in changed if row["slug"] == "kochkorskiy-aa")
    row.update(name_ky="Кочкор айыл аймагы", name_ky_origin="source",
               name_ky_source="https://example.kg/kochkor")
    report = admin_units_load(path=_write(tmp_path / "b.csv", changed))
    assert report.updated == ["kochkorskiy-aa"]
    unit = Municipality.objects.get(slug="kochkorskiy-aa")
    assert (unit.name_ky_origin, unit.name_ky_source) == (SOURCE, "https://example.kg/kochkor")


def test_command_says_which_checked_names_it_kept(tmp_path, site_admin):
    rows = _rows()
    admin_units_load(path=_write(tmp_path / "a.csv", rows))
    services.unit_names_mark_checked(
        units=Municipality.objects.filter(slug="tepkenskiy-aa"), actor=site_admin
    )
    changed = [dict(row) for row in rows]
    next(row for row in changed if row["slug"] == "tepkenskiy-aa")["name_ky"] = "Тепке"
    out = io.StringIO()
    call_command("load_admin_units", file=_write(tmp_path / "b.csv", changed), stdout=out)
    assert "names checked by a person kept (the file differs): tepkenskiy-aa" in out.getvalue()


# --- the admin ------------------------------------------------------------------------------


@pytest.fixture
def three_units(unit_factory):
    return {
        "rule": unit_factory(name_ky="Тепке айыл аймагы", name_ky_origin=RULE, slug="rule-aa"),
        "source": unit_factory(name_ky="Нарын шаары", name_ky_origin=SOURCE, slug="source-aa"),
        "checked": unit_factory(name_ky="Кочкор айыл аймагы", name_ky_origin=CHECKED,
                                slug="checked-aa"),
    }


def test_admin_lists_the_kyrgyz_names_to_check(client, site_admin, three_units):
    client.force_login(site_admin)
    url = reverse("admin:municipalities_municipality_changelist")
    with translation.override("ru"):
        html = client.get(url, {"ky_name": "to_check"}).content.decode()
    assert "Тепке айыл аймагы" in html
    assert "Нарын шаары" not in html
    assert "Кочкор айыл аймагы" not in html
    with translation.override("ky"):
        html = client.get(url, HTTP_ACCEPT_LANGUAGE="ky").content.decode()
    assert "Текшерүүчү кыргызча аталыш" in html
    html = client.get(url, {"ky_name": "done"}).content.decode()
    assert "Нарын шаары" in html
    assert "Кочкор айыл аймагы" in html
    assert "Тепке айыл аймагы" not in html


def test_admin_shows_origin_source_and_note(client, site_admin, unit_factory):
    unit = unit_factory(name_ky_origin=RULE, name_ky_source="https://example.kg/src",
                        name_ky_note="spelling to check")
    client.force_login(site_admin)
    html = client.get(
        reverse("admin:municipalities_municipality_change", args=[unit.pk])
    ).content.decode()
    assert 'name="name_ky_origin"' in html
    assert "https://example.kg/src" in html
    assert "spelling to check" in html


def test_admin_action_marks_names_checked_and_records_it(client, site_admin, three_units):
    client.force_login(site_admin)
    response = client.post(
        reverse("admin:municipalities_municipality_changelist"),
        {"action": "mark_names_checked",
         "_selected_action": [u.pk for u in three_units.values()]},
    )
    assert response.status_code == 302
    assert set(Municipality.objects.values_list("name_ky_origin", flat=True)) == {CHECKED}
    records = Change.objects.filter(changes__has_key="name_ky_origin")
    assert {r.municipality.slug for r in records} == {"rule-aa", "source-aa"}
    assert all(r.actor == site_admin for r in records)


def test_admin_who_changes_a_name_has_checked_it(client, site_admin, unit_factory):
    unit = unit_factory(name_ky="Тепке айыл аймагы", name_ky_origin=RULE, kind="ayil_aimak")
    client.force_login(site_admin)
    url = reverse("admin:municipalities_municipality_change", args=[unit.pk])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(name_ky="Тепке айыл аймагы жаңы", name_ru=unit.name_ru, parent="")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    unit.refresh_from_db()
    assert (unit.name_ky, unit.name_ky_origin) == ("Тепке айыл аймагы жаңы", CHECKED)
    record = Change.objects.get(municipality=unit)
    assert record.changes["name_ky_origin"] == ["rule", "checked"]
    assert "тепке айыл аймагы жаны" in unit.search_text  # folded: ң as н


def test_the_origin_is_never_shown_to_citizens(client, unit_factory):
    unit = unit_factory(name_ky="Тепке айыл аймагы", name_ky_origin=RULE,
                        name_ky_source="kg_ayil_aimaks_ky.csv: derived by rule",
                        name_ky_note="spelling to check")
    for lang in ("ky", "ru"):
        html = client.get(_url("detail", lang=lang, slug=unit.slug)).content.decode()
        assert "Тепке айыл аймагы" in html
        for marker in ("derived by rule", "spelling to check", "эреже боюнча", "по правилу",
                       "текшерүү", "проверить"):
            assert marker not in html, (lang, marker)
    with translation.override("ky"):
        body = client.get(reverse("municipalities:export_csv")).content.decode("utf-8-sig")
    assert "rule" not in body.split("\n")[1]
    assert "spelling" not in body


# --- correcting a name ----------------------------------------------------------------------

ROLES = ["anonymous", "citizen", "staff", "manager", "other_staff", "moderator", "admin"]
RENAMERS = {"manager", "admin"}


@pytest.mark.parametrize("who", ROLES)
def test_rename_permission_matrix(roles, unit_a, who):
    allowed = rules.has_perm("municipalities.rename_municipality", roles[who], unit_a)
    assert allowed is (who in RENAMERS)


@pytest.mark.parametrize("who", ROLES)
def test_rename_page_through_the_views(client, roles, unit_a, who):
    user = roles[who]
    if not isinstance(user, AnonymousUser):
        client.force_login(user)
    before = (unit_a.name_ky, unit_a.name_ru)
    url = _url("names_edit", slug=unit_a.slug)
    response = client.post(url, {"name_ky": "Жаңы аталыш", "name_ru": "Новое название"})
    unit_a.refresh_from_db()
    if who in RENAMERS:
        assert response.status_code == 302
        assert (unit_a.name_ky, unit_a.name_ru) == ("Жаңы аталыш", "Новое название")
    else:
        assert response.status_code == (302 if who == "anonymous" else 403)
        if who == "anonymous":
            assert "/accounts/login/" in response["Location"]
        assert (unit_a.name_ky, unit_a.name_ru) == before
        assert client.get(url).status_code in (302, 403)


def test_manager_corrects_the_name_history_search_and_origin_follow(
    client, staff_of, unit_factory
):
    unit = unit_factory(name_ky="Тепке айыл аймагы", name_ru="Тепкенский айылный аймак",
                        name_ky_origin=RULE, slug="tepke-aa")
    search.index_object(unit)
    manager = staff_of(unit, level="manager")
    client.force_login(manager)
    workspace = client.get(_url("workspace", lang="ky", slug=unit.slug)).content.decode()
    assert _url("names_edit", lang="ky", slug=unit.slug) in workspace
    assert "эреже боюнча түзүлгөн" in workspace  # staff are asked to check it
    response = client.post(
        _url("names_edit", lang="ky", slug=unit.slug),
        {"name_ky": "  Түп-Тепке   айыл аймагы ", "name_ru": "Туп-Тепкенский айылный аймак"},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name_ky == "Түп-Тепке айыл аймагы"
    assert unit.name_ky_origin == CHECKED
    assert unit.search_text == "туп-тепке айыл аймагы туп-тепкенский айылный аймак"
    record = Change.objects.get(municipality=unit)
    assert record.actor == manager
    assert record.changes == {
        "name_ky": ["Тепке айыл аймагы", "Түп-Тепке айыл аймагы"],
        "name_ru": ["Тепкенский айылный аймак", "Туп-Тепкенский айылный аймак"],
        "name_ky_origin": ["rule", "checked"],
    }
    entry = SearchEntry.objects.get(kind="municipality", object_id=unit.pk)
    assert entry.title_ky == "Түп-Тепке айыл аймагы"
    assert entry.title_ru == "Туп-Тепкенский айылный аймак"
    with translation.override("ky"):
        hits = list(search.search("Түп-Тепке"))
    assert [hit.object_id for hit in hits] == [unit.pk]
    page = client.get(unit.get_absolute_url()).content.decode()
    assert "<h1>Түп-Тепке айыл аймагы</h1>" in page


def test_confirming_a_name_unchanged_marks_it_checked(client, site_admin, unit_factory):
    unit = unit_factory(name_ky="Тепке айыл аймагы", name_ky_origin=RULE)
    client.force_login(site_admin)
    response = client.post(
        _url("names_edit", slug=unit.slug),
        {"name_ky": unit.name_ky, "name_ru": unit.name_ru},
    )
    assert response.status_code == 302
    unit.refresh_from_db()
    assert unit.name_ky_origin == CHECKED
    assert Change.objects.get(municipality=unit).changes == {
        "name_ky_origin": ["rule", "checked"]
    }


@pytest.mark.parametrize(
    ("data", "field", "ky_message", "ru_message"),
    [
        ({"name_ky": "", "name_ru": "Тепкенский"}, "name_ky",
         "Аталышын кыргызча жазыңыз.", "Введите название на кыргызском языке."),
        ({"name_ky": "Тепке", "name_ru": "   "}, "name_ru",
         "Аталышын орусча жазыңыз.", "Введите название на русском языке."),
        ({"name_ky": "Т" * 201, "name_ru": "Тепкенский"}, "name_ky",
         "Аталыш өтө узун: эң көп дегенде 200 белги.",
         "Название слишком длинное: не более 200 символов."),
        ({"name_ky": "12-34", "name_ru": "Тепкенский"}, "name_ky",
         "Аталышта тамгалар болушу керек.", "В названии должны быть буквы."),
        ({"name_ky": "<b>Тепке</b>", "name_ru": "Тепкенский"}, "name_ky",
         "Аталышта < > { } [ ] | белгилери болбошу керек.",
         "Название не может содержать знаки < > { } [ ] |."),
    ],
)
def test_bad_names_are_refused_in_both_languages_and_nothing_is_saved(
    client, site_admin, unit_factory, data, field, ky_message, ru_message
):
    unit = unit_factory(name_ky="Тепке айыл аймагы", name_ky_origin=RULE)
    client.force_login(site_admin)
    for lang, message in (("ky", ky_message), ("ru", ru_message)):
        response = client.post(_url("names_edit", lang=lang, slug=unit.slug), data)
        assert response.status_code == 200
        assert response.context["form"].errors[field] == [message]
    unit.refresh_from_db()
    assert (unit.name_ky, unit.name_ky_origin) == ("Тепке айыл аймагы", RULE)
    assert not Change.objects.exists()


def test_the_service_refuses_empty_names_too(unit_factory, site_admin):
    unit = unit_factory()
    with pytest.raises(ValidationError) as error:
        services.municipality_rename(
            municipality=unit, actor=site_admin, data={"name_ky": " ", "name_ru": ""}
        )
    assert set(error.value.message_dict) == {"name_ky", "name_ru"}


def test_editors_do_not_see_the_rename_link(client, staff_of, unit_a):
    client.force_login(staff_of(unit_a))
    html = client.get(_url("workspace", slug=unit_a.slug)).content.decode()
    assert _url("names_edit", slug=unit_a.slug) not in html


def test_a_merger_names_the_new_unit_as_checked(unit_factory, rayon_factory, site_admin):
    rayon = rayon_factory()
    old = [unit_factory(parent=rayon), unit_factory(parent=rayon)]
    new = services.units_merge(
        predecessors=old, date=datetime.date(2024, 2, 20), actor=site_admin,
        data={"name_ky": "Сүймөнкул Чокморов айыл аймагы", "name_ru": "АА им. Чокморова",
              "slug": "new-aa", "kind": "ayil_aimak", "parent": rayon,
              "population": 14700, "population_year": 2024, "population_basis": "cec"},
    )
    assert new.name_ky_origin == CHECKED
    with translation.override("ky"):
        assert new.population_note == "Борбордук шайлоо комиссиясынын маалыматы, 2024-жыл"


# --- the source of the population figure ----------------------------------------------------


@pytest.mark.parametrize(
    ("basis", "year", "ky", "ru"),
    [
        ("nsc_estimate", 2026,
         "Улуттук статистика комитетинин 2026-жылдын 1-январына карата баалоосу",
         "оценка Нацстаткома на 1 января 2026 г."),
        ("census", 2009, "2009-жылдагы калкты каттоонун маалыматы",
         "перепись населения 2009 г."),
        ("nsc", 2021, "Улуттук статистика комитетинин 2021-жылга карата маалыматы",
         "данные Нацстаткома за 2021 г."),
        ("", 2021, "", ""),
        ("census", None, "", ""),
    ],
)
def test_population_note_is_written_for_citizens(unit_factory, basis, year, ky, ru):
    unit = unit_factory(population_basis=basis, population_year=year,
                        population_source="NSC est. 1 Jan 2026 (via circularsquare/maps README)")
    with translation.override("ky"):
        assert unit.population_note == ky
    with translation.override("ru"):
        assert unit.population_note == ru


def test_citizens_never_read_the_developer_note(client):
    admin_units_load()
    for slug in ("bishkek", "issyk-kulskaya-oblast", "ak-suyskiy-rayon"):
        for lang in ("ky", "ru"):
            html = client.get(_url("detail", lang=lang, slug=slug)).content.decode()
            for raw in ("via", "README", "circularsquare", "NSC", "census", "Wikipedia"):
                assert raw not in html, (slug, lang, raw)
    html = client.get(_url("detail", lang="ky", slug="bishkek")).content.decode()
    assert "Улуттук статистика комитетинин 2026-жылдын 1-январына карата баалоосу" in html
    html = client.get(_url("detail", lang="ru", slug="bishkek")).content.decode()
    assert "оценка Нацстаткома на 1 января 2026 г." in html
    with translation.override("ky"):
        body = client.get(reverse("municipalities:export_csv")).content.decode("utf-8-sig")
    assert "README" not in body
    assert "via" not in body
    row = next(r for r in csv.DictReader(io.StringIO(body)) if r["slug"] == "bishkek")
    assert row["population_basis"] == "nsc_estimate"
    assert row["population_source"].startswith("Улуттук статистика комитетинин")
    # the raw provenance stays for administrators
    assert "README" in Municipality.objects.get(slug="bishkek").population_source

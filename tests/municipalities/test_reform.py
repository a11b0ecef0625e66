"""Reform history: recording a merger, lifetimes, successions, and the pages that show them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from municipalities.models import Municipality
from municipalities.models import Succession
from municipalities.services import units_merge
from portal.history import services as history_services
from portal.history.models import Change

pytestmark = pytest.mark.django_db

DATE = datetime.date(2024, 2, 20)


@pytest.fixture
def pair(unit_factory, rayon_factory):
    rayon = rayon_factory(slug="alamudun")
    return [
        unit_factory(parent=rayon, slug="ala-archa-aa", name_ru="Ала-Арчинский айылный аймак",
                     is_pre_reform=True),
        unit_factory(parent=rayon, slug="oktyabr-aa", name_ru="Октябрьский айылный аймак",
                     is_pre_reform=True),
    ]


def _merge(pair, actor=None, **extra):
    return units_merge(
        predecessors=pair,
        data={"slug": "suimonkul-chokmorov-aa", "name_ky": "Сүймөнкул Чокморов айыл аймагы",
              "name_ru": "Айылный аймак имени Суймонкула Чокморова", "kind": "ayil_aimak",
              "parent": pair[0].parent, "population": 14700, "population_year": 2024,
              **extra},
        date=DATE,
        actor=actor,
    )


def test_merge_creates_the_successor_and_closes_the_predecessors(pair, site_admin):
    new = _merge(pair, actor=site_admin)
    assert new.valid_from == DATE
    assert new.parent == pair[0].parent
    assert "суймонкул" in new.search_text  # folded: typed without ү, ө it is found
    for unit in pair:
        unit.refresh_from_db()
        assert unit.valid_to == DATE - datetime.timedelta(days=1)
        assert Succession.objects.get(predecessor=unit).successor == new
    assert Change.objects.filter(verb="superseded", actor=site_admin).count() == 2
    created = Change.objects.get(municipality=new)
    assert created.changes["predecessors"][1] == ["ala-archa-aa", "oktyabr-aa"]


def test_merge_needs_two_units_and_a_free_address(pair, unit_factory):
    with pytest.raises(ValidationError):
        units_merge(predecessors=pair[:1], data={}, date=DATE, actor=None)
    unit_factory(slug="taken")
    with pytest.raises(ValidationError):
        _merge(pair, slug="taken")
    assert not Succession.objects.exists()
    assert Municipality.objects.filter(valid_to__isnull=False).count() == 0


def test_a_unit_cannot_be_merged_after_it_ceased(pair):
    pair[0].valid_to = datetime.date(2020, 1, 1)
    pair[0].save()
    with pytest.raises(ValidationError):
        _merge(pair)


def test_old_records_stay_reachable_and_link_both_ways(client, pair):
    new = _merge(pair)
    with translation.override("ru"):
        old_url = reverse("municipalities:detail", kwargs={"slug": "ala-archa-aa"})
    old = client.get(old_url).content.decode()
    assert new.get_absolute_url().replace("/ky/", "/ru/") in old
    new_html = client.get(new.get_absolute_url()).content.decode()
    assert "/ala-archa-aa/" in new_html
    assert "/oktyabr-aa/" in new_html


def test_site_admin_records_a_merger_through_the_page(client, site_admin, pair):
    client.force_login(site_admin)
    with translation.override("ru"):
        url = reverse("municipalities:merge")
    response = client.post(url, {
        "predecessors": ["ala-archa-aa", "oktyabr-aa"], "date": "2024-02-20",
        "name_ky": "Сүймөнкул Чокморов айыл аймагы",
        "name_ru": "Айылный аймак имени Суймонкула Чокморова",
        "slug": "suimonkul-chokmorov-aa", "kind": "ayil_aimak", "population": "14700",
        "population_year": "2024", "population_source": "shailoo.gov.kg",
    })
    assert response.status_code == 302
    new = Municipality.objects.get(slug="suimonkul-chokmorov-aa")
    assert response["Location"].endswith("/suimonkul-chokmorov-aa/")
    assert new.successions_in.count() == 2


def test_merge_page_bad_input_saves_nothing(client, site_admin, pair, rayon_factory,
                                            unit_factory):
    client.force_login(site_admin)
    other = unit_factory(parent=rayon_factory(), slug="far-away")
    with translation.override("ru"):
        url = reverse("municipalities:merge")
    for data in [
        {"predecessors": ["ala-archa-aa"], "date": "2024-02-20", "name_ru": "X", "slug": "x",
         "kind": "ayil_aimak"},
        {"predecessors": ["ala-archa-aa", other.slug], "date": "2024-02-20", "name_ru": "X",
         "slug": "x", "kind": "ayil_aimak"},
        {"predecessors": ["ala-archa-aa", "oktyabr-aa"], "date": "", "name_ru": "X",
         "slug": "x", "kind": "ayil_aimak"},
    ]:
        response = client.post(url, data)
        assert response.status_code == 200
    assert not Municipality.objects.filter(slug="x").exists()
    assert not Succession.objects.exists()


# --- pages of retired units, the reform list, the directory's default --------------------------


@pytest.fixture
def retired(unit_factory, rayon_factory):
    """Two units gone by the statistics workbook: one with a successor, one under review."""
    rayon = rayon_factory(slug="sokuluk", name_ky="Сокулук району", name_ru="Сокулукский район")
    new = unit_factory(parent=rayon, slug="new-aa", name_ky="Жаңы айыл аймагы",
                       name_ru="Новый айылный аймак")
    old = unit_factory(parent=rayon, slug="old-aa", name_ky="Эски айыл аймагы",
                       name_ru="Старый айылный аймак", valid_to=datetime.date(2025, 12, 31))
    Succession.objects.create(
        predecessor=old, successor=new, date=datetime.date(2026, 1, 1), kind="absorbed",
        note_ky="Улуттук статистика комитетинин тизмеси", note_ru="Список Нацстаткома",
    )
    unclear = unit_factory(parent=rayon, slug="unclear-aa", name_ky="Белгисиз айыл аймагы",
                           name_ru="Неясный айылный аймак",
                           valid_to=datetime.date(2025, 12, 31))
    return old, new, unclear


def _page(client, name, lang, **kwargs):
    with translation.override(lang):
        url = reverse(f"municipalities:{name}", kwargs=kwargs or None)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("lang", "gone", "successor", "how", "unknown"),
    [
        ("ky", "Бул бирдик мындан ары жок.", "Мураскор бирдик", "кошуп алуу",
         "азырынча катталган эмес"),
        ("ru", "Эта единица больше не существует.", "Правопреемник", "присоединение",
         "пока не записан"),
    ],
)
def test_a_retired_unit_says_where_it_went(client, retired, lang, gone, successor, how,
                                            unknown):
    old, new, unclear = retired
    html = _page(client, "detail", lang, slug=old.slug)
    notice = html[html.index('class="notice"'):]
    notice = notice[: notice.index("</div>")]
    assert gone in notice
    assert successor in notice
    with translation.override(lang):
        assert f'href="{new.get_absolute_url()}"' in notice
        assert f'href="{reverse("municipalities:reform")}"' in notice
    assert how in notice
    assert ("Улуттук статистика" if lang == "ky" else "Список Нацстаткома") in notice
    html = _page(client, "detail", lang, slug=unclear.slug)
    assert gone in html
    assert unknown in html


def test_the_successor_lists_where_it_came_from(client, retired):
    old, new, _unclear = retired
    html = _page(client, "detail", "ru", slug=new.slug)
    assert "Образована из:" in html
    with translation.override("ru"):
        assert f'href="{old.get_absolute_url()}"' in html


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_reform_page_lists_every_retired_unit(client, retired, lang):
    old, new, unclear = retired
    html = _page(client, "reform", lang)
    with translation.override(lang):
        for unit in (old, new, unclear):
            assert f'href="{unit.get_absolute_url()}"' in html
    assert html.count('<th scope="row">') == 2  # the two retired units, not the successor
    assert ("азырынча катталган эмес" if lang == "ky" else "пока не записан") in html
    assert "31.12.2025" in html or "2025" in html


def test_the_reform_page_has_a_print_version_and_an_empty_state(client):
    html = _page(client, "reform", "ru")
    assert "Ни одно изменение реформы пока не записано." in html
    with translation.override("ru"):
        url = reverse("municipalities:reform")
    html = client.get(url + "?print=1").content.decode()
    assert "<nav" not in html


@pytest.mark.parametrize("count", [1, 25])
def test_the_reform_page_runs_a_constant_number_of_queries(
    client, unit_factory, rayon_factory, django_assert_max_num_queries, count
):
    rayon = rayon_factory()
    new = unit_factory(parent=rayon)
    for _ in range(count):
        old = unit_factory(parent=rayon, valid_to=datetime.date(2025, 12, 31))
        Succession.objects.create(predecessor=old, successor=new,
                                  date=datetime.date(2026, 1, 1), kind="merged")
    with translation.override("ru"):
        url = reverse("municipalities:reform")
    # request savepoint (2), count, page, successions (3)
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200


def test_the_directory_lists_current_units_and_reaches_the_retired(client, retired):
    old, new, unclear = retired

    def names(params):
        with translation.override("ru"):
            url = reverse("municipalities:directory")
        html = client.get(url, params).content.decode()
        return html, {u.name_ru for u in (old, new, unclear) if u.name_ru in html}

    html, found = names({})
    assert found == {new.name_ru}
    assert "?status=all" in html  # "show the units that no longer exist too"
    assert names({"status": "all"})[1] == {old.name_ru, new.name_ru, unclear.name_ru}
    assert names({"status": "superseded"})[1] == {old.name_ru, unclear.name_ru}
    assert names({"q": "старый"})[1] == set()
    assert names({"q": "старый", "status": "all"})[1] == {old.name_ru}


def test_the_history_names_the_workbook_a_change_came_from(client, site_admin, retired):
    old, _new, _unclear = retired
    history_services.record(
        actor=None, obj=old, verb="superseded", changes={"valid_to": [None, "2025-12-31"]},
        source_file="op825_2026.xls",
    )
    client.force_login(site_admin)
    html = _page(client, "history", "ru", slug=old.slug)
    assert "загружено из op825_2026.xls" in html
    html = _page(client, "history", "ky", slug=old.slug)
    assert "op825_2026.xls файлынан жүктөлдү" in html

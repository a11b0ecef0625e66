"""Public pages: directory with filters and search, overviews, profile, both languages, print."""

import re
from dataclasses import replace

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from municipalities import profile_blocks
from municipalities import selectors
from municipalities.models import Municipality
from municipalities.models import Succession

pytestmark = pytest.mark.django_db


def _url(name, lang="ru", **kwargs):
    with translation.override(lang):
        return reverse(f"municipalities:{name}", kwargs=kwargs or None)


@pytest.fixture
def chuy(oblast_factory, rayon_factory, unit_factory):
    oblast = oblast_factory(name_ky="Чүй облусу", name_ru="Чуйская область", slug="chuy")
    rayon = rayon_factory(
        parent=oblast, name_ky="Ысык-Ата району", name_ru="Ысык-Атинский район", slug="ysyk-ata"
    )
    units = {
        "koy_tash": unit_factory(
            parent=rayon, name_ky="Көк-Жар айыл аймагы", name_ru="Кок-Жарский айылный аймак",
            slug="kok-zhar",
        ),
        "unku": unit_factory(
            parent=rayon, name_ky="Үңкүр айыл аймагы", name_ru="Ункурский айылный аймак",
            slug="unkur",
        ),
        "town": unit_factory(
            parent=rayon, kind=Municipality.Kind.CITY_RAYON, name_ky="Кант шаары",
            name_ru="г. Кант", slug="kant-town", is_pre_reform=True,
        ),
    }
    return oblast, rayon, units


def _names(response):
    return re.findall(r'<th scope="row"><a href="[^"]+">([^<]+)</a>', response.content.decode())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ҮҢКҮР", "Ункурский айылный аймак"),  # Kyrgyz letters, upper case
        ("үңкүр", "Ункурский айылный аймак"),
        ("көк-жар", "Кок-Жарский айылный аймак"),
        ("КӨК", "Кок-Жарский айылный аймак"),
        ("кок-жарский", "Кок-Жарский айылный аймак"),  # Russian name
        ("УНКУРСКИЙ", "Ункурский айылный аймак"),
    ],
)
def test_search_by_either_language_ignores_case_including_kyrgyz_letters(
    client, chuy, query, expected
):
    response = client.get(_url("directory"), {"q": query})
    assert response.status_code == 200
    assert _names(response) == [expected]


def test_search_selector_folds_case_in_python_so_sqlite_behaves_like_postgres(chuy):
    found = selectors.directory_units(selectors.DirectoryFilters(q="ҮҢКҮР АЙЫЛ"))
    assert [u.slug for u in found] == ["unkur"]
    # The column holds folded names (lower case, ө ү ң as о у н): typed either way, it matches.
    assert Municipality.objects.get(slug="unkur").search_text.startswith("ункур айыл аймагы")
    found = selectors.directory_units(selectors.DirectoryFilters(q="Ункур"))
    assert [u.slug for u in found] == ["unkur"]


def test_filters_by_oblast_rayon_type_and_status(client, chuy, unit_factory, rayon_factory):
    _oblast, _rayon, _units = chuy
    unit_factory(parent=rayon_factory(), name_ru="Чужой аймак", slug="elsewhere")
    by_oblast = client.get(_url("directory"), {"oblast": "chuy"})
    assert set(_names(by_oblast)) == {
        "Ысык-Атинский район", "Кок-Жарский айылный аймак", "Ункурский айылный аймак", "г. Кант",
    }
    by_rayon = client.get(_url("directory"), {"rayon": "ysyk-ata", "kind": "ayil_aimak"})
    assert sorted(_names(by_rayon)) == ["Кок-Жарский айылный аймак", "Ункурский айылный аймак"]
    pre = client.get(_url("directory"), {"oblast": "chuy", "status": "pre_reform"})
    assert _names(pre) == ["г. Кант"]


def test_unknown_filter_values_do_not_break_the_page(client, chuy):
    response = client.get(_url("directory"), {"oblast": "atlantis", "kind": "x", "q": "кок"})
    assert response.status_code == 200


def test_directory_is_paginated_and_keeps_filters(client, settings, unit_factory, rayon_factory):
    rayon = rayon_factory(slug="big-rayon")
    for n in range(settings.PAGE_SIZE + 3):
        unit_factory(parent=rayon, name_ru=f"Аймак {n:03d}", slug=f"aa-{n}")
    response = client.get(_url("directory"), {"rayon": "big-rayon"})
    html = response.content.decode()
    assert len(_names(response)) == settings.PAGE_SIZE
    assert "?rayon=big-rayon&amp;page=2" in html
    page2 = client.get(_url("directory"), {"rayon": "big-rayon", "page": 2})
    assert len(_names(page2)) == 3


def test_directory_links_the_open_data(client):
    html = client.get(_url("directory")).content.decode()
    assert _url("export_csv") in html
    assert _url("export_json") in html
    assert _url("open_data") in html


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_pages_render_in_both_languages(client, chuy, lang):
    oblast, rayon, units = chuy
    for url in [
        _url("landing", lang), _url("directory", lang), _url("open_data", lang),
        _url("detail", lang, slug=oblast.slug), _url("detail", lang, slug=rayon.slug),
        _url("detail", lang, slug=units["unku"].slug),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{lang}">' in response.content.decode()


@pytest.mark.parametrize("name", ["directory", "open_data", "detail-oblast", "detail-unit"])
def test_print_versions_have_no_navigation(client, chuy, name):
    oblast, _rayon, units = chuy
    url = {
        "directory": _url("directory"),
        "open_data": _url("open_data"),
        "detail-oblast": _url("detail", slug=oblast.slug),
        "detail-unit": _url("detail", slug=units["unku"].slug),
    }[name]
    response = client.get(url + "?print=1")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<nav" not in html
    assert 'class="print-header"' in html


def test_profile_has_breadcrumbs_facts_and_honest_empty_states(client, chuy):
    _oblast, _rayon, units = chuy
    unit = units["unku"]
    unit.name_ky = ""
    unit.population = None
    unit.save()
    html = client.get(_url("detail", slug=unit.slug)).content.decode()
    start = html.index('class="breadcrumbs"')
    crumbs = html[start : html.index("</nav>", start)]
    assert crumbs.index("Чуйская область") < crumbs.index("Ысык-Атинский район")
    assert 'aria-current="page">Ункурский айылный аймак' in crumbs
    with translation.override("ru"):
        assert gettext("no Kyrgyz name in the reference data") in html
    assert html.count("<h1") == 1
    # A place for each later section, with its empty state when nothing exists.
    keys = ("participation", "budgets", "monitoring", "practices", "lawmaking", "information",
            "questions")  # events, budget, evaluation, practices, drafts, news, questions
    positions = [html.index(f'id="block-{key}"') for key in keys]
    assert positions == sorted(positions)


def test_profile_shows_bodies_people_villages(client, unit_a, body_factory, member_factory,
                                              village_factory):
    council = body_factory(municipality=unit_a, name_ru="Тестовый кенеш", seats=15,
                           email="kenesh@example.kg", office_hours_ru="Пн–Пт 9–18")
    member_factory(body=council, role="chair", full_name_ru="Асанова Гульнара", gender="female")
    member_factory(body=council, full_name_ru="Осмонов Эрлан", gender="male")
    executive = body_factory(municipality=unit_a, kind="executive", name_ru="Айыл окмоту")
    member_factory(body=executive, role="head", full_name_ru="Жээнбеков Улан", gender="male")
    village_factory(municipality=unit_a, name_ru="Тепке", is_demo=True)
    html = client.get(_url("detail", slug=unit_a.slug)).content.decode()
    for text in ["Тестовый кенеш", "Асанова Гульнара", "Осмонов Эрлан", "kenesh@example.kg",
                 "Пн–Пт 9–18", "Айыл окмоту", "Жээнбеков Улан", "Тепке"]:
        assert text in html
    with translation.override("ru"):
        expected = gettext("%(women)s women, %(men)s men") % {"women": 1, "men": 1}
    assert expected in html


def test_profile_renders_other_sections_blocks_through_the_hook(client, unit_a, monkeypatch):
    block = {
        "title": "Иш-чаралар", "items": [{"label": "Бюджеттик угуу", "url": "/x/", "meta": "2026"}],
        "more_url": "/more/", "empty_text": "",
    }
    def hook(municipality):
        assert municipality == unit_a
        return block

    registered = profile_blocks.BLOCKS["participation"]
    monkeypatch.setitem(profile_blocks.BLOCKS, "participation", replace(registered, hook=hook))
    html = client.get(_url("detail", slug=unit_a.slug)).content.decode()
    assert "Бюджеттик угуу" in html
    assert 'href="/more/"' in html


def test_a_failing_section_hook_leaves_an_empty_state(client, unit_a, monkeypatch):
    def broken(municipality):
        raise RuntimeError("boom")

    registered = profile_blocks.BLOCKS["budgets"]
    monkeypatch.setitem(profile_blocks.BLOCKS, "budgets", replace(registered, hook=broken))
    response = client.get(_url("detail", slug=unit_a.slug))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="block-budgets"' in html
    with translation.override("ru"):
        assert gettext("No budget has been published for this municipality yet.") in html


def test_a_registered_block_shows_on_the_profile_in_its_place(client, unit_a, monkeypatch):
    """What a new section does to appear on the profile: register a block, nothing else."""
    monkeypatch.setitem(
        profile_blocks.BLOCKS,
        "newsection",
        profile_blocks.ProfileBlock(
            key="newsection", title="Жаңы бөлүм", empty_text="Азырынча эч нерсе жок",
            hook=lambda municipality: None, order=15,
        ),
    )
    html = client.get(_url("detail", slug=unit_a.slug)).content.decode()
    assert "Жаңы бөлүм" in html
    assert "Азырынча эч нерсе жок" in html
    assert html.index('id="block-participation"') < html.index('id="block-newsection"')
    assert html.index('id="block-newsection"') < html.index('id="block-budgets"')


def test_superseded_unit_links_its_successor_and_successor_lists_predecessors(
    client, unit_factory, rayon_factory
):
    rayon = rayon_factory()
    old = unit_factory(parent=rayon, name_ru="Старый аймак", slug="old-aa",
                       valid_to="2024-02-19")
    new = unit_factory(parent=rayon, name_ru="Новый аймак", slug="new-aa", valid_from="2024-02-20")
    Succession.objects.create(predecessor=old, successor=new, date="2024-02-20", kind="merged")
    old_html = client.get(_url("detail", slug="old-aa")).content.decode()
    assert 'class="notice"' in old_html
    assert f'href="{_url("detail", slug="new-aa")}"' in old_html
    new_html = client.get(_url("detail", slug="new-aa")).content.decode()
    assert f'href="{_url("detail", slug="old-aa")}"' in new_html


def test_pre_reform_unit_says_so(client, unit_factory):
    unit_factory(slug="pre-aa", is_pre_reform=True)
    with translation.override("ru"):
        html = client.get(_url("detail", slug="pre-aa")).content.decode()
    assert "2024" in html[html.index('class="notice"'):]


def test_unknown_unit_is_404(client):
    assert client.get(_url("detail", slug="no-such-unit")).status_code == 404


# --- query counts ----------------------------------------------------------------------------


def _many_units(rayon, unit_factory, n):
    return [unit_factory(parent=rayon) for _ in range(n)]


@pytest.mark.parametrize("count", [1, 30])
def test_directory_runs_a_constant_number_of_queries(
    client, rayon_factory, unit_factory, django_assert_max_num_queries, count
):
    rayon = rayon_factory(slug="r")
    _many_units(rayon, unit_factory, count)
    with django_assert_max_num_queries(8):
        response = client.get(_url("directory"), {"oblast": rayon.parent.slug})
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_profile_runs_a_constant_number_of_queries(
    client, unit_a, body_factory, member_factory, village_factory,
    django_assert_max_num_queries, count,
):
    council = body_factory(municipality=unit_a)
    executive = body_factory(municipality=unit_a, kind="executive")
    for _ in range(count):
        member_factory(body=council)
        member_factory(body=executive, role="staff")
        village_factory(municipality=unit_a)
    # request savepoint (2); unit, bodies, members, villages, successions (5); each of the
    # four section hooks: one query inside its own savepoint (3 each)
    # 2 for the unit, 5 for bodies, villages and history, 3 per section block (savepoint,
    # query, release) for the four sections, drafts, news and documents, and questions.
    with django_assert_max_num_queries(2 + 5 + 7 * 3):
        response = client.get(_url("detail", slug=unit_a.slug))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 30])
def test_overview_runs_a_constant_number_of_queries(
    client, rayon_factory, unit_factory, django_assert_max_num_queries, count
):
    rayon = rayon_factory(slug="r")
    _many_units(rayon, unit_factory, count)
    # request savepoint (2); unit, count, page, counts by type (4)
    with django_assert_max_num_queries(6):
        response = client.get(_url("detail", slug=rayon.slug))
    assert response.status_code == 200
    with django_assert_max_num_queries(6):
        response = client.get(_url("detail", slug=rayon.parent.slug))
    assert response.status_code == 200


def test_htmx_request_gets_only_the_results(client, chuy):
    response = client.get(_url("directory"), {"q": "үңкүр"}, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html
    assert "Ункурский айылный аймак" in html
    assert "HX-Request" in response["Vary"]


def test_htmx_history_restore_gets_the_whole_page(client, chuy):
    """htmx re-requests a page missing from its history cache and swaps the answer into <body>."""
    headers = {"HX-Request": "true", "HX-History-Restore-Request": "true"}
    response = client.get(_url("directory"), {"q": "үңкүр"}, headers=headers)
    html = response.content.decode()
    assert "<html" in html
    assert "Ункурский айылный аймак" in html
    assert "HX-History-Restore-Request" in response["Vary"]

"""Search as people type: Kyrgyz letters folded, slips forgiven, on PostgreSQL and on SQLite."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from portal import folding
from portal import search
from portal.models import SearchWord
from tests.municipalities.factories import UnitFactory
from tests.participation.factories import EventFactory
from tests.portal.search_cases import CASES
from tests.portal.search_cases import create_content

ROOT = Path(__file__).resolve().parents[2]


# --- folding and slips, without a database ---------------------------------------------------


def test_fold_maps_kyrgyz_letters_and_yo_and_keeps_every_position():
    assert folding.fold("ӨРҮК-ҮҢКҮР, Ёлка") == "орук-ункур, елка"
    text = "İstanbul Түп"  # "İ" grows when lowered: folding must not shift what follows
    assert len(folding.fold(text)) == len(text)
    assert folding.fold(text).endswith("туп")


def test_words_are_folded_and_numbers_and_single_letters_left_out():
    assert folding.words("Айыл кеңеши 2027-ж. ө") == ["айыл", "кенеши"]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("бюжет", "бюджет", 1),  # missing
        ("бюдджет", "бюджет", 1),  # extra
        ("бюджте", "бюджет", 1),
        ("бюдежт", "бюджет", 1),  # neighbours swapped
        ("бюжте", "бюджет", 2),  # one missing, two swapped
        ("тупку", "туп", 2),
        ("кенеш", "бюджет", 3),  # past the limit: limit + 1
    ],
)
def test_slips_count_missing_extra_wrong_and_swapped_letters(a, b, expected):
    assert folding.slips(a, b) == expected


def test_only_the_nearest_spellings_of_words_of_five_letters_or_more():
    assert folding.closest("бюжет", ["бюджет", "бюджета", "билет", "мектеп"]) == ["бюджет"]
    assert folding.closest("бюдежт", ["бюджет", "кенеш"]) == ["бюджет"]
    assert folding.closest("тупку", ["туп", "тепке"]) == ["туп"]  # both 2 away: same start wins
    assert folding.closest("суу", ["суз", "суу"]) == []  # short words are not guessed at


# --- the same cases on PostgreSQL and on SQLite ----------------------------------------------


def _found(query: str) -> list[str]:
    return [entry.title_ky for entry in search.search(query)]


@pytest.mark.django_db
@pytest.mark.parametrize(("typed", "spelt"), CASES)
def test_typed_as_people_type_finds_what_the_right_spelling_finds_postgres(typed, spelt):
    create_content()
    assert _found(spelt), f"{spelt!r} finds nothing: the case is wrong"
    assert sorted(_found(typed)) == sorted(_found(spelt))


@pytest.fixture(scope="module")
def sqlite_results(tmp_path_factory):
    """The cases run on SQLite in a process of their own (the tests' database is PostgreSQL)."""
    database = tmp_path_factory.mktemp("sqlite-search") / "demo.sqlite3"
    env = {**os.environ, "SEARCH_SQLITE_FILE": str(database)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests/portal/sqlite_search_run.py")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize(("typed", "spelt"), CASES)
def test_typed_as_people_type_finds_what_the_right_spelling_finds_sqlite(
    sqlite_results, typed, spelt
):
    assert sqlite_results[spelt], f"{spelt!r} finds nothing on SQLite"
    assert sorted(sqlite_results[typed]) == sorted(sqlite_results[spelt])


def test_sqlite_ranks_title_matches_first_and_marks_the_letters_as_written(sqlite_results):
    assert sqlite_results["бюжет"][0] == "Жергиликтүү бюджет боюнча угуу"
    assert "<mark>түтүгү</mark>" in sqlite_results["_highlight"]["тутугу"][0]
    assert sqlite_results["_meant"]["Тупку"] == ["Түп району"]
    assert sqlite_results["_meant"]["Түп"] == []


# --- PostgreSQL: ranking, the page, the lexicon ----------------------------------------------


@pytest.mark.django_db
def test_a_forgiven_word_still_ranks_title_matches_first():
    create_content()
    EventFactory(title_ky="Жыйын", description_ky="бюджет жөнүндө бир сөз")
    found = _found("бюжет")
    assert found[0] == "Жергиликтүү бюджет боюнча угуу"
    assert "Жыйын" in found


@pytest.mark.django_db
def test_the_page_says_which_spellings_it_also_searched_and_offers_the_unit(client):
    create_content()
    html = client.get("/ky/search/", {"q": "Тупку"}).content.decode()
    assert "Түп айылында жаштар жыйыны" in html
    assert "<q>туп</q>" in html  # said, so nobody wonders why other words are marked
    assert 'class="did-you-mean"' in html
    assert 'href="/ky/municipalities/tup-rayon/"' in html
    html = client.get("/ky/search/", {"q": "Түп"}).content.decode()
    assert 'class="did-you-mean"' not in html  # typed as the name is written: nothing to offer


@pytest.mark.django_db
def test_marks_the_words_as_written_when_typed_without_kyrgyz_letters(client):
    create_content()
    html = client.get("/ky/search/", {"q": "тутугу"}).content.decode()
    assert "<mark>түтүгү</mark>" in html


@pytest.mark.django_db
def test_a_hostile_text_is_escaped_before_it_is_marked(client):
    EventFactory(title_ky="Түтүк", description_ky="1 < 2 & \"түтүгү\" <b")
    html = client.get("/ky/search/", {"q": "тутугу"}).content.decode()
    assert "1 &lt; 2 &amp; &quot;<mark>түтүгү</mark>&quot; &lt;b" in html


@pytest.mark.django_db
def test_a_forgiven_search_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    create_content()
    for n in range(30):
        EventFactory(title_ky=f"Бюджет {n}")
    with django_assert_max_num_queries(8):  # one more than a plain search: the nearest words
        response = client.get("/ky/search/", {"q": "бюжет"})
    assert len(response.context["page"].hits) == 25


@pytest.mark.django_db
def test_the_lexicon_keeps_what_is_saved_and_a_full_rebuild_forgets_what_is_gone():
    event = EventFactory(title_ky="Көпүрөнү оңдоо", description_ky="")
    assert SearchWord.objects.filter(word__in=["копурону", "ондоо"]).count() == 2
    event.title_ky = "Жолду оңдоо"
    event.save()
    call_command("search_reindex", stdout=None)
    words = set(SearchWord.objects.values_list("word", flat=True))
    assert {"жолду", "ондоо"} <= words
    assert "копурону" not in words


@pytest.mark.django_db
def test_a_word_nobody_wrote_and_nothing_near_finds_nothing(client):
    create_content()
    response = client.get("/ky/search/", {"q": "зыгзыгзыг"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 0


@pytest.mark.django_db
def test_the_directory_folds_names_too(client):
    UnitFactory(name_ky="Көк-Жар айыл аймагы", name_ru="Кок-Жарский айылный аймак")
    UnitFactory(name_ky="Тепке айыл аймагы", name_ru="Тепкенский айылный аймак")
    html = client.get("/ky/municipalities/directory/", {"q": "көк-жар"}).content.decode()
    assert "Көк-Жар айыл аймагы" in html
    html = client.get("/ky/municipalities/directory/", {"q": "КОК-ЖАР"}).content.decode()
    assert "Көк-Жар айыл аймагы" in html
    assert "Тепке айыл аймагы" not in html


@pytest.mark.django_db
def test_when_the_lexicon_cannot_place_a_word_similar_titles_are_still_found(
    client, monkeypatch
):
    UnitFactory(name_ky="Каракол шаары", name_ru="г. Каракол")
    monkeypatch.setattr(folding, "closest", lambda word, candidates: [])
    read = search.interpret("Каракл")
    assert not read.forgiven
    assert [entry.title_ky for entry in search.search(read)] == ["Каракол шаары"]

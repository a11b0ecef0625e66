"""Site-wide search on PostgreSQL: both languages, typos, ranking, filters, drafts, bad input."""

import pytest
from django.core.management import call_command

from participation.models import Event
from portal import search
from portal.models import SearchEntry
from tests.participation.factories import EventFactory
from tests.practices.factories import NewsItemFactory
from tests.practices.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def results(client, lang="ky", **params):
    response = client.get(f"/{lang}/search/", params)
    assert response.status_code == 200
    return response, response.content.decode()


def test_empty_search_shows_only_the_form(client):
    _response, html = results(client)
    assert 'name="q"' in html
    assert "search-results" not in html


def test_finds_events_in_both_languages_with_highlight(client):
    EventFactory(
        title_ky="Ичүүчү суу боюнча жыйын",
        title_ru="Сход по питьевой воде",
        description_ky="Суу түтүгүн оңдоо",
        description_ru="Ремонт водопровода",
    )
    _, ky = results(client, "ky", q="суу")
    assert "Ичүүчү суу боюнча жыйын" in ky
    assert "<mark>" in ky
    _, ru = results(client, "ru", q="водопровода")
    assert "Сход по питьевой воде" in ru


def test_case_and_kyrgyz_letters(client, municipality_factory):
    municipality_factory(name_ky="Өрүк-Үңкүр айыл аймагы", name_ru="Орук-Ункурский айылный аймак")
    _, html = results(client, "ky", q="ӨРҮК-ҮҢКҮР")
    assert "Өрүк-Үңкүр айыл аймагы" in html


def test_russian_words_match_other_forms(client):
    EventFactory(title_ru="Слушания о бюджетах", description_ru="")
    _, html = results(client, "ru", q="бюджет")
    assert "Слушания о бюджетах" in html


def test_typos_are_tolerated(client, municipality_factory):
    municipality_factory(name_ky="Каракол шаары", name_ru="г. Каракол")
    _, html = results(client, "ky", q="Каракл")
    assert "Каракол шаары" in html


def test_title_matches_rank_above_text_matches(client):
    EventFactory(title_ky="Жаштар форуму", description_ky="Ташкөмүр жана башка маселелер")
    EventFactory(title_ky="Ташкөмүр жолу", description_ky="жол")
    response, _ = results(client, "ky", q="Ташкөмүр")
    titles = [hit.title for hit in response.context["page"].hits]
    assert titles[0] == "Ташкөмүр жолу"


def test_drafts_are_never_found(client):
    EventFactory(title_ky="Жашыруун долбоор", status=Event.Status.DRAFT)
    PracticeFactory(title_ky="Жашыруун тажрыйба", status="draft")
    _, html = results(client, "ky", q="Жашыруун")
    assert "Жашыруун долбоор" not in html
    assert "Жашыруун тажрыйба" not in html


def test_publishing_updates_the_index(client):
    event = EventFactory(title_ky="Кийин жарыяланат", status=Event.Status.DRAFT)
    event.status = Event.Status.PUBLISHED
    event.save()
    _, html = results(client, "ky", q="жарыяланат")
    assert "Кийин жарыяланат" in html


def test_deleted_objects_leave_the_index():
    event = EventFactory(title_ky="Өчүрүлөт")
    assert SearchEntry.objects.filter(kind="event", object_id=event.pk).exists()
    event.delete()
    assert not SearchEntry.objects.filter(kind="event", object_id=event.pk).exists()


def test_filter_by_type_and_municipality(client, municipality_factory):
    here, there = municipality_factory(), municipality_factory()
    EventFactory(title_ky="Таза суу угуусу", municipality=here)
    EventFactory(title_ky="Таза суу жыйыны", municipality=there)
    NewsItemFactory(title_ky="Таза суу жаңылыгы", municipality=here)
    response, _ = results(client, "ky", q="Таза суу", type="event")
    found = {h.title for h in response.context["page"].hits}
    assert found == {"Таза суу угуусу", "Таза суу жыйыны"}
    response, _ = results(client, "ky", q="Таза суу", municipality=here.slug)
    assert {h.title for h in response.context["page"].hits} == {
        "Таза суу угуусу",
        "Таза суу жаңылыгы",
    }


@pytest.mark.parametrize(
    "query",
    ['"', "%", "'; DROP TABLE portal_searchentry; --", "{{ 7*7 }}", "{% debug %}", "a & | ! :*",
     "<script>alert(1)</script>", "\x00\x01", "ө" * 5000],
)
def test_any_input_is_only_text(client, query):
    EventFactory(title_ky="<script>alert(1)</script> угуу")
    _, html = results(client, "ky", q=query)
    assert "<script>alert(1)</script>" not in html  # neither the query nor the hit is HTML


def test_template_syntax_in_the_query_is_shown_not_run(client):
    _, html = results(client, "ky", q="{{ 7*7 }}")
    assert 'value="{{ 7*7 }}"' in html
    assert 'value="49"' not in html


def test_long_input_is_shortened_and_said(client):
    _, html = results(client, "ru", q="а" * 500)
    assert 'value="' + "а" * 200 + '"' in html


def test_results_are_paginated_and_keep_the_query(client):
    for n in range(30):
        EventFactory(title_ky=f"Жол куруу {n}")
    response, html = results(client, "ky", q="куруу")
    assert response.context["page"].paginator.count == 30
    assert len(response.context["page"].hits) == 25
    assert "?q=%D0%BA%D1%83%D1%80%D1%83%D1%83&amp;page=2" in html


def test_search_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for n in range(20):
        EventFactory(title_ky=f"Көпүрө {n}")
    with django_assert_max_num_queries(7):  # with the words the index knows
        client.get("/ky/search/", {"q": "Көпүрө"})


def test_reindex_command_rebuilds_everything(municipality_factory):
    municipality_factory(name_ky="Кайра индекс")
    SearchEntry.objects.all().delete()
    call_command("search_reindex", stdout=None)
    assert SearchEntry.objects.filter(title_ky="Кайра индекс").exists()
    assert set(search.REGISTRY) >= {"municipality", "event", "practice", "story", "news"}


def _gin_indexes() -> set[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'portal_searchentry' "
            "AND indexdef LIKE '%%USING gin%%'"
        )
        return {row[0] for row in cursor.fetchall()}


def test_the_database_fills_vectors_however_an_entry_is_written(client):
    """A trigger computes the vectors: a queryset update is searchable at once."""
    event = EventFactory(title_ru="Сход", description_ru="О дорогах")
    entry = SearchEntry.objects.get(kind="event", object_id=event.pk)
    assert entry.vector_ru is not None
    assert entry.vector_ky is not None
    SearchEntry.objects.filter(pk=entry.pk).update(text_ru="Ремонт водопровода")
    _, ru = results(client, "ru", q="водопровод")  # the Russian stemmer finds the genitive
    assert "Сход" in ru


def test_reindex_works_in_batches_and_drops_what_is_gone():
    events = [EventFactory(title_ky=f"Партия {n}") for n in range(5)]
    Event.objects.filter(pk=events[0].pk).delete()  # a queryset delete bypasses the signals
    SearchEntry.objects.filter(kind="event").exclude(object_id=events[0].pk).delete()
    written = search.reindex(["event"], batch=2)
    assert written == {"event": 4}
    assert set(SearchEntry.objects.filter(kind="event").values_list("object_id", flat=True)) == {
        e.pk for e in events[1:]
    }


def test_reindex_with_dropped_indexes_builds_them_again(capsys):
    before = _gin_indexes()
    assert len(before) == 3
    EventFactory(title_ky="Индекс")
    call_command("search_reindex", "event", "--drop-indexes")
    assert _gin_indexes() == before
    assert "GIN indexes built" in capsys.readouterr().out
    assert SearchEntry.objects.filter(title_ky="Индекс").exists()


def test_reindex_command_refuses_unknown_types():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Unknown types: nonsense"):
        call_command("search_reindex", "nonsense")


def test_a_common_word_is_ranked_among_its_newest_matches(monkeypatch):
    import datetime

    from django.utils import timezone

    monkeypatch.setattr(search, "RANK_WINDOW", 2)
    now = timezone.now()
    old = EventFactory(title_ky="Жол жол жол", starts_at=now - datetime.timedelta(days=900))
    once = EventFactory(title_ky="Жыйын", description_ky="жол", starts_at=now)
    twice = EventFactory(title_ky="Жол", description_ky="жол жол", starts_at=now)
    found = list(search.search("жол", kinds=["event"]).values_list("object_id", flat=True))
    assert found == [twice.pk, once.pk]  # ranked; the oldest match is outside the window
    assert old.pk not in found

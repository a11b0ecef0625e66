"""Lists, filters, calendar, landings, both languages, print versions, the profile hook."""

import datetime

import pytest
from django.utils import timezone

from participation import selectors
from participation.models import Event

pytestmark = pytest.mark.django_db


def test_filters_by_oblast_rayon_municipality_type_and_period(
    client, event_factory, municipality_factory
):
    oblast = municipality_factory(kind="oblast", slug="talas-oblast")
    rayon = municipality_factory(kind="rayon", parent=oblast, slug="talas-rayon")
    aa = municipality_factory(parent=rayon)
    now = timezone.now()
    inside = event_factory(municipality=aa, kind="kurultai", title_ru="ВНУТРИ")
    past = event_factory(municipality=aa, title_ru="ПРОШЛОЕ", status="held",
                         starts_at=now - datetime.timedelta(days=30),
                         ends_at=now - datetime.timedelta(days=30, hours=-2))
    event_factory(title_ru="СНАРУЖИ")

    def titles(query):
        page = client.get(f"/ru/events/?{query}").context["page"]
        return {e.title_ru for e in page}

    assert titles("oblast=talas-oblast") == {"ВНУТРИ", "ПРОШЛОЕ"}
    assert titles("rayon=talas-rayon") == {"ВНУТРИ", "ПРОШЛОЕ"}
    assert titles(f"municipality={aa.slug}") == {"ВНУТРИ", "ПРОШЛОЕ"}
    assert titles("kind=kurultai") == {"ВНУТРИ"}
    assert titles("when=upcoming&oblast=talas-oblast") == {"ВНУТРИ"}
    assert titles("when=past") == {"ПРОШЛОЕ"}
    day = timezone.localtime(past.starts_at).date().isoformat()
    assert titles(f"date_from={day}&date_to={day}") == {"ПРОШЛОЕ"}
    assert inside.pk


def test_htmx_filter_returns_only_the_results_with_vary(client, event):
    response = client.get("/ky/events/?kind=public_hearing", headers={"HX-Request": "true"})
    body = response.content.decode()
    assert body.startswith('<div id="event-results">')
    assert "HX-Request" in response["Vary"]
    full = client.get("/ky/events/?kind=public_hearing")
    assert "HX-Request" in full["Vary"]
    assert "<html" in full.content.decode()


RESTORE = {"HX-Request": "true", "HX-History-Restore-Request": "true"}


def test_htmx_history_restore_of_the_filtered_list_gets_the_whole_page(client, event):
    """htmx re-requests a page missing from its history cache and swaps it into <body>."""
    response = client.get("/ky/events/?kind=public_hearing", headers=RESTORE)
    assert "<html" in response.content.decode()
    assert "HX-History-Restore-Request" in response["Vary"]


def test_htmx_history_restore_of_older_comments_gets_the_whole_page(
    client, event, comment_factory, settings
):
    settings.PAGE_SIZE = 3
    for number in range(7):
        comment_factory(event=event, text=f"comment number {number}")
    response = client.get(event.get_absolute_url() + "?page=2", headers=RESTORE)
    html = response.content.decode()
    assert "<html" in html
    assert "comment number 3" in html
    assert "HX-History-Restore-Request" in response["Vary"]


def test_calendar_places_events_on_their_days(client, event):
    local = timezone.localtime(event.starts_at)
    response = client.get(f"/ru/events/calendar/?month={local:%Y-%m}")
    weeks = response.context["weeks"]
    days = {d["date"]: d["events"] for week in weeks for d in week}
    assert days[local.date()] == [event]
    assert client.get("/ru/events/calendar/?month=garbage").status_code == 200


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_every_page_renders_in_both_languages_and_in_print(
    client, lang, event, alternative_factory, comment_factory, staff_of, moderator
):
    alternative_factory(event=event)
    comment_factory(event=event)
    public = [
        f"/{lang}/participation/",
        f"/{lang}/events/",
        f"/{lang}/events/calendar/",
        f"/{lang}/events/{event.pk}/",
        f"/{lang}/participation/balance/",
    ]
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'<html lang="{lang}">' in response.content.decode()
        printed = client.get(url + "?print=1").content.decode()
        assert "<nav" not in printed, url
        assert printed.count("<h1") == 1, url
    client.force_login(staff_of(event.municipality))
    for url in [f"/{lang}/events/new/", f"/{lang}/events/{event.pk}/edit/",
                f"/{lang}/events/manage/", f"/{lang}/moderation/",
                f"/{lang}/events/{event.pk}/documents/",
                f"/{lang}/events/comments/{event.comments.first().pk}/hide/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.content.decode().count("<h1") == 1, url


def test_event_title_falls_back_to_the_other_language_with_a_mark(client, event_factory):
    event = event_factory(title_ru="")
    html = client.get(f"/ru/events/{event.pk}/").content.decode()
    assert f'<span lang="ky">{event.title_ky}</span>' in html


def test_profile_block_contract_upcoming_first_then_latest(
    event_factory, municipality, django_assert_num_queries
):
    now = timezone.now()
    for days in (-20, -10, 3, 30):
        event_factory(municipality=municipality, title_ky=f"E{days}", title_ru=f"E{days}",
                      starts_at=now + datetime.timedelta(days=days),
                      ends_at=now + datetime.timedelta(days=days, hours=2))
    event_factory(municipality=municipality, status=Event.Status.DRAFT, title_ky="DRAFT")
    with django_assert_num_queries(1):
        block = selectors.municipality_profile_block(municipality)
    assert set(block) == {"title", "items", "more_url", "empty_text"}
    assert [item["label"] for item in block["items"]] == ["E3", "E30", "E-10", "E-20"]
    assert block["more_url"].endswith(f"?municipality={municipality.slug}")
    assert all(set(item) == {"label", "url", "meta"} for item in block["items"])


def test_profile_block_at_most_five(event_factory, municipality):
    event_factory.create_batch(7, municipality=municipality)
    assert len(selectors.municipality_profile_block(municipality)["items"]) == 5


def test_print_version_of_a_long_list_has_no_navigation(client, event_factory, settings):
    settings.PAGE_SIZE = 2
    event_factory.create_batch(5)
    assert "<nav" in client.get("/ru/events/").content.decode()
    assert "<nav" not in client.get("/ru/events/?print=1").content.decode()


def test_landing_offers_staff_and_moderator_tools_only_to_them(client, citizen, moderator,
                                                             staff_of, municipality):
    client.force_login(citizen)
    html = client.get("/ky/participation/").content.decode()
    assert "/ky/events/new/" not in html
    assert "/ky/moderation/" not in html
    client.force_login(moderator)
    assert "/ky/moderation/" in client.get("/ky/participation/").content.decode()
    client.force_login(staff_of(municipality))
    assert "/ky/events/new/" in client.get("/ky/participation/").content.decode()

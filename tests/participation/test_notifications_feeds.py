"""Following a municipality from the events: e-mails in the follower's language, one-click
unfollow (also the links of e-mails the old following system sent); feeds."""

import re

import pytest
from django.core import mail
from django.core import signing

from participation import services
from participation.models import Event
from participation.tasks import notify_followers_task
from portal import following
from portal.following import LEGACY_UNFOLLOW_SALT
from portal.models import Subscription

pytestmark = pytest.mark.django_db


def test_follow_and_unfollow_from_the_event_list(client, citizen, municipality):
    client.force_login(citizen)
    url = f"/ky/participation/follow/{municipality.slug}/"
    response = client.post(url, {"next": "//evil.example/"})
    assert response["Location"].startswith("/ky/events/?municipality=")  # no open redirect
    subscription = Subscription.objects.get(user=citizen)
    assert subscription.municipality == municipality
    assert subscription.frequency == Subscription.Frequency.IMMEDIATE
    assert following.is_following(citizen, municipality)
    client.post(url)
    assert not Subscription.objects.exists()


def test_follow_needs_login(client, municipality):
    response = client.post(f"/ky/participation/follow/{municipality.slug}/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Subscription.objects.exists()


def test_results_mail_in_each_followers_language_with_unfollow_link(
    client, event_factory, user_factory, django_capture_on_commit_callbacks
):
    event = event_factory(status=Event.Status.HELD, decision_ky="Чечим", decision_ru="Решение")
    ky_user = user_factory(preferred_language="ky")
    ru_user = user_factory(preferred_language="ru")
    inactive = user_factory(is_active=False)
    for user in (ky_user, ru_user, inactive):
        following.toggle_municipality(user=user, municipality=event.municipality)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_transition(event=event, to=Event.Status.RESULTS)
    by_address = {m.to[0]: m for m in mail.outbox}
    assert set(by_address) == {ky_user.email, ru_user.email}
    assert event.title_ru in by_address[ru_user.email].subject
    assert event.title_ky in by_address[ky_user.email].subject
    ru_mail = by_address[ru_user.email]
    assert f"/ru/events/{event.pk}/" in ru_mail.body
    assert f"/ky/events/{event.pk}/" in by_address[ky_user.email].body
    assert ru_mail.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unfollow = re.search(r"http://\S+/ru/unsubscribe/\S+/", ru_mail.body).group(0)
    path = unfollow.split("://", 1)[1].split("/", 1)[1]
    assert client.get("/" + path).status_code == 200  # a page, no change yet
    assert Subscription.objects.filter(user=ru_user).exists()
    assert client.post("/" + path).status_code == 200  # one click
    assert not Subscription.objects.filter(user=ru_user).exists()
    assert Subscription.objects.filter(user=ky_user).exists()


def test_unfollow_links_of_old_emails_still_unfollow(client, user_factory, municipality_factory):
    """E-mails of the old following system carry /participation/unfollow/<token>/."""
    unit, other = municipality_factory(), municipality_factory()
    user = user_factory()
    following.toggle_municipality(user=user, municipality=unit)
    following.toggle_municipality(user=user, municipality=other)
    token = signing.dumps({"u": user.pk, "m": unit.pk}, salt=LEGACY_UNFOLLOW_SALT)
    path = f"/ru/participation/unfollow/{token}/"
    assert client.get(path).status_code == 200  # a page, no change yet
    assert Subscription.objects.filter(user=user).count() == 2
    assert client.post(path).status_code == 200  # one click, no session, no CSRF token
    assert list(Subscription.objects.filter(user=user).values_list("municipality", flat=True)) == [
        other.pk
    ]


def test_forged_unfollow_token_is_refused(client, citizen, municipality):
    following.toggle_municipality(user=citizen, municipality=municipality)
    assert client.post("/ky/participation/unfollow/forged:token/").status_code == 400
    forged = signing.dumps({"u": citizen.pk, "m": municipality.pk}, salt="another.salt")
    assert client.post(f"/ky/participation/unfollow/{forged}/").status_code == 400
    assert Subscription.objects.filter(user=citizen).exists()


def test_task_queued_by_the_old_system_sends_nothing_for_a_draft(event_factory, citizen):
    event = event_factory(status=Event.Status.DRAFT)
    following.toggle_municipality(user=citizen, municipality=event.municipality)
    assert notify_followers_task(event_id=event.pk, kind="event") == 0
    assert notify_followers_task(event_id=0, kind="event") == 0
    assert mail.outbox == []


def test_ical_feeds_link_back_and_escape(client, event_factory, municipality_factory, settings):
    settings.SITE_URL = "https://portal.example.kg"
    unit = municipality_factory()
    event = event_factory(municipality=unit, title_ru="Слушания; бюджет, 2027")
    cancelled = event_factory(municipality=unit, status=Event.Status.CANCELLED)
    event_factory()  # another municipality
    body = client.get(f"/ru/events/municipality/{unit.slug}/feed.ics").content.decode()
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert body.count("BEGIN:VEVENT") == 2
    assert f"URL:https://portal.example.kg/ru/events/{event.pk}/" in body
    assert "Слушания\\; бюджет\\, 2027" in body.replace("\r\n ", "")
    assert "STATUS:CANCELLED" in body
    assert f"UID:event-{cancelled.pk}@lsg-portal" in body
    assert all(len(line.encode()) <= 75 for line in body.split("\r\n"))
    single = client.get(f"/ky/events/{event.pk}/event.ics")
    assert single["Content-Type"] == "text/calendar; charset=utf-8"
    assert single.content.decode().count("BEGIN:VEVENT") == 1
    everything = client.get("/ky/events/feed.ics").content.decode()
    assert everything.count("BEGIN:VEVENT") == 3


def test_ical_feed_reads_back_as_a_calendar(client, event_factory, settings):
    """What the feed says survives a round trip through a standards parser."""
    settings.SITE_URL = "https://portal.example.kg"
    import icalendar

    event = event_factory(title_ru="Слушания; бюджет, 2027", description_ru="Строка 1\nСтрока 2")
    body = client.get(f"/ru/events/{event.pk}/event.ics").content
    calendar = icalendar.Calendar.from_ical(body)
    [entry] = calendar.walk("VEVENT")
    assert str(entry["SUMMARY"]) == "Слушания; бюджет, 2027"
    assert str(entry["DESCRIPTION"]).startswith("Строка 1\nСтрока 2\n\nhttps://portal.example.kg/ru/")
    assert entry.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert entry.decoded("DTEND") == event.ends_at.replace(microsecond=0)
    assert str(entry["UID"]) == f"event-{event.pk}@lsg-portal"


def test_notification_is_queued_after_commit_with_json_arguments(
    event_factory, citizen, django_capture_on_commit_callbacks, monkeypatch
):
    import json

    from portal.models import Delivery
    from portal.tasks import following_send_task

    sent = []
    monkeypatch.setattr(
        following_send_task, "apply_async", lambda kwargs, **opts: sent.append(kwargs)
    )
    event = event_factory(status=Event.Status.DRAFT)
    following.toggle_municipality(user=citizen, municipality=event.municipality)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.event_transition(event=event, to=Event.Status.PUBLISHED)
        assert sent == []
    callbacks[0]()
    assert sent == [{"delivery_id": Delivery.objects.get(user=citizen, object_id=event.pk).pk}]
    json.dumps(sent[0])  # JSON only on the wire

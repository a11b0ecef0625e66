"""Following: subscribe, immediate mail and daily digest once per item, unsubscribe, language."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from portal import following
from portal.models import Delivery
from portal.models import Subscription
from tests.participation.factories import EventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(municipality):
    return EventFactory(municipality=municipality)


def test_immediate_mail_once_per_item(django_capture_on_commit_callbacks, user_factory,
                                      municipality, event):
    ru_user = user_factory(preferred_language="ru")
    ky_user = user_factory(preferred_language="ky")
    following.subscribe(user=ru_user, municipality=municipality, frequency="immediate")
    following.subscribe(user=ky_user, section="participation", frequency="immediate")
    following.subscribe(user=user_factory(), municipality=municipality, frequency="daily")
    with django_capture_on_commit_callbacks(execute=True):
        assert following.notify_new_item(kind="event", obj=event) == 3
    assert len(mail.outbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        following.notify_new_item(kind="event", obj=event)  # called again: nothing new
    assert len(mail.outbox) == 2
    by_to = {m.to[0]: m for m in mail.outbox}
    ru_mail, ky_mail = by_to[ru_user.email], by_to[ky_user.email]
    assert "Мероприятие" in ru_mail.subject or "Событие" in ru_mail.subject
    assert ru_mail.subject != ky_mail.subject
    assert event.title_ru in ru_mail.body
    assert "/ru/" in ru_mail.body
    assert "/ky/" in ky_mail.body
    for message in mail.outbox:
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert message.extra_headers["List-Unsubscribe"].startswith("<http")
    assert Delivery.objects.filter(sent_at__isnull=False).count() == 2


def test_send_task_twice_sends_once(user_factory, municipality, event):
    user = user_factory()
    following.subscribe(user=user, municipality=municipality, frequency="immediate")
    following.notify_new_item(kind="event", obj=event)
    delivery = Delivery.objects.get()
    assert following.send_delivery(delivery.pk) is True
    assert following.send_delivery(delivery.pk) is False
    assert len(mail.outbox) == 1


def test_daily_digest_once(user_factory, municipality, event, django_capture_on_commit_callbacks):
    user = user_factory(preferred_language="ru")
    following.subscribe(user=user, municipality=municipality, frequency="daily")
    other = EventFactory(municipality=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        following.notify_new_item(kind="event", obj=event)
        following.notify_new_item(kind="results", obj=other)
    assert mail.outbox == []  # nothing immediate
    from portal.tasks import following_digest_task

    assert following_digest_task.delay().get() == 1
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert event.title_ru in body
    assert other.title_ru in body
    assert following.send_digests() == 0  # never twice
    following.notify_new_item(kind="event", obj=event)
    assert following.send_digests() == 0
    assert len(mail.outbox) == 1


def test_non_public_items_are_not_sent(user_factory, municipality, event):
    following.subscribe(user=user_factory(), municipality=municipality, frequency="immediate")
    event.status = "draft"
    assert following.notify_new_item(kind="event", obj=event) == 0
    assert not Delivery.objects.exists()


def test_one_click_unsubscribe(client, user_factory, municipality):
    user = user_factory()
    subscription = following.subscribe(user=user, municipality=municipality, frequency="daily")
    following.subscribe(user=user, section="lawmaking", frequency="daily")
    url = following.unsubscribe_url(user, subscription)
    assert client.get(url).status_code == 200  # a confirmation page; GET changes nothing
    assert Subscription.objects.count() == 2
    response = client.post(url)  # what a mail client does (RFC 8058), no session, no CSRF
    assert response.status_code == 200
    assert list(Subscription.objects.values_list("section", flat=True)) == ["lawmaking"]
    client.post(following.unsubscribe_url(user))
    assert not Subscription.objects.exists()
    bad = reverse("portal:unsubscribe", kwargs={"token": "forged"})
    assert client.post(bad).status_code == 400


def test_following_page(client, citizen, municipality):
    url = reverse("portal:following")
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(citizen)
    for lang in ("ky", "ru"):
        with translation.override(lang):
            assert client.get(reverse("portal:following")).status_code == 200
    response = client.post(url, {"municipality": municipality.slug, "frequency": "daily"})
    assert response.status_code == 302
    subscription = Subscription.objects.get()
    assert (subscription.user, subscription.frequency) == (citizen, "daily")
    response = client.post(url, {"section": "lawmaking", "municipality": municipality.slug,
                                 "frequency": "daily"})
    assert response.status_code == 200  # both: refused
    response = client.post(url, {"section": "nope", "frequency": "weekly"})
    assert response.status_code == 200
    assert Subscription.objects.count() == 1
    client.post(reverse("portal:following-remove", args=[subscription.pk]))
    assert not Subscription.objects.exists()


def test_cannot_remove_someone_elses(client, citizen, user_factory, municipality):
    other = following.subscribe(user=user_factory(), municipality=municipality,
                                frequency="daily")
    client.force_login(citizen)
    client.post(reverse("portal:following-remove", args=[other.pk]))
    assert Subscription.objects.filter(pk=other.pk).exists()


def test_draft_publication_notifies_lawmaking_followers(
    user_factory, municipality, django_capture_on_commit_callbacks
):
    from participation.lawmaking import services as lawmaking_services
    from tests.lawmaking.factories import DraftFactory

    follower = user_factory()
    following.subscribe(user=follower, section="lawmaking", frequency="immediate")
    draft = DraftFactory(municipality=municipality, status="draft")
    with django_capture_on_commit_callbacks(execute=True):
        lawmaking_services.draft_publish(user=user_factory(is_superuser=True), draft=draft)
    assert [m.to for m in mail.outbox] == [[follower.email]]


def test_answer_notifies_municipality_followers(
    user_factory, municipality, staff_of, django_capture_on_commit_callbacks
):
    from practices.questions import services as questions_services
    from tests.questions.factories import QuestionFactory

    follower = user_factory()
    following.subscribe(user=follower, municipality=municipality, frequency="immediate")
    question = QuestionFactory(municipality=municipality)
    with django_capture_on_commit_callbacks(execute=True):
        questions_services.question_answer(
            user=staff_of(municipality), question=question, answer="Жооп"
        )
        questions_services.question_answer(
            user=staff_of(municipality), question=question, answer="Оңдолгон жооп"
        )
    assert len(mail.outbox) == 1


def test_published_news_notifies_followers(
    user_factory, municipality, django_capture_on_commit_callbacks
):
    from django.contrib.auth.models import Group

    from practices import services
    from practices.rules import EDITORS_GROUP
    from tests.practices.factories import NewsItemFactory

    follower = user_factory(preferred_language="ru")
    following.subscribe(user=follower, section="information", frequency="immediate")
    editor = user_factory()
    editor.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    news = NewsItemFactory(municipality=municipality, status="submitted")
    with django_capture_on_commit_callbacks(execute=True):
        services.item_publish(item=news, actor=editor)
    assert [m.to for m in mail.outbox] == [[follower.email]]


def test_publishing_an_event_mails_each_follower_once_however_they_follow(
    django_capture_on_commit_callbacks, user_factory, municipality
):
    from participation import services as participation_services
    from participation.models import Event

    subscriber, button, both = user_factory(), user_factory(), user_factory()
    following.subscribe(user=subscriber, section="participation", frequency="immediate")
    following.toggle_municipality(user=button, municipality=municipality)  # the events' button
    following.toggle_municipality(user=both, municipality=municipality)
    following.subscribe(user=both, section="participation", frequency="immediate")
    draft = EventFactory(municipality=municipality, status=Event.Status.DRAFT)
    with django_capture_on_commit_callbacks(execute=True):
        participation_services.event_transition(event=draft, to=Event.Status.PUBLISHED)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([subscriber.email, button.email, both.email])


def test_every_followable_kind_and_section_is_registered_by_its_app():
    """The registries are filled by the apps' registrations.py, not by a list in portal."""
    from django.apps import apps

    assert set(following.KINDS) >= {"event", "results", "draft", "answer", "news"}
    assert following.SECTIONS[:3] == ["participation", "lawmaking", "information"]
    for kind in following.KINDS.values():
        assert apps.get_model(kind.model)  # names a real model
        assert kind.section in following.SECTIONS
    assert [key for key, _title in following.section_choices()] == following.SECTIONS


def test_a_registered_kind_is_followed_without_touching_portal(
    monkeypatch, django_capture_on_commit_callbacks, user_factory, municipality
):
    """What a new section does: register a kind; its followers hear of its items."""
    from municipalities.models import Municipality

    monkeypatch.setitem(
        following.KINDS,
        "unit",
        following.ItemKind("unit", "municipalities.Municipality", "participation", "A unit"),
    )
    monkeypatch.setattr(Municipality, "get_absolute_url", lambda self: "/ky/x/", raising=False)
    user = user_factory()
    following.subscribe(user=user, section="participation", frequency="immediate")
    with django_capture_on_commit_callbacks(execute=True):
        assert following.notify_new_item(kind="unit", obj=municipality) == 1
    assert [m.to for m in mail.outbox] == [[user.email]]

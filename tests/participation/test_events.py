"""Events: staff create and edit, life cycle, drafts invisible everywhere, documents."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils import translation

from participation import selectors
from participation import services
from participation.models import Event
from participation.models import EventDocument
from portal import following
from practices.demo_files import pdf_bytes

pytestmark = pytest.mark.django_db


def event_post(unit, **overrides):
    start = timezone.localtime() + datetime.timedelta(days=5)
    data = {
        "municipality": unit.pk,
        "kind": "budget_hearing",
        "title_ky": "Бюджеттик угуу",
        "title_ru": "Бюджетные слушания",
        "description_ky": "Долбоор",
        "description_ru": "Проект",
        "agenda_ky": "",
        "agenda_ru": "",
        "place_ky": "Тепке",
        "place_ru": "Тепке",
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
        "choice_closes_at": "",
    }
    data.update(overrides)
    return data


def test_staff_create_a_draft_for_own_municipality(client, staff_of, municipality):
    client.force_login(staff_of(municipality))
    response = client.post("/ky/events/new/", event_post(municipality))
    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == event.get_absolute_url()
    assert event.status == Event.Status.DRAFT
    assert (event.title_ky, event.title_ru) == ("Бюджеттик угуу", "Бюджетные слушания")


def test_staff_cannot_create_for_another_municipality(
    client, staff_of, municipality, municipality_factory
):
    other = municipality_factory()
    client.force_login(staff_of(municipality))
    response = client.post("/ky/events/new/", event_post(other))
    assert response.status_code == 200  # not a choice in the form
    assert "municipality" in response.context["form"].errors
    assert not Event.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [("title_ky", ""), ("place_ky", ""), ("kind", "party"), ("starts_at", "yesterday")],
)
def test_bad_input_re_renders_with_message_and_saves_nothing(
    client, staff_of, municipality, field, value
):
    client.force_login(staff_of(municipality))
    response = client.post("/ru/events/new/", event_post(municipality, **{field: value}))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert 'class="error"' in response.content.decode()
    assert not Event.objects.exists()


def test_end_before_start_is_refused(client, staff_of, municipality):
    client.force_login(staff_of(municipality))
    data = event_post(municipality)
    data["ends_at"] = "2020-01-01T10:00"
    response = client.post("/ru/events/new/", data)
    assert response.context["form"].errors["ends_at"]
    assert not Event.objects.exists()


def test_create_page_denied_paths(client, citizen):
    assert client.get("/ky/events/new/").status_code == 302  # anonymous: to login
    client.force_login(citizen)
    assert client.get("/ky/events/new/").status_code == 403


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("citizen", 403),
                                              ("other_staff", 403), ("moderator", 403),
                                              ("staff", 200), ("admin", 200)])
def test_edit_matrix(client, roles, event, role, status):
    if role != "anonymous":
        client.force_login(roles[role])
    assert client.get(f"/ky/events/{event.pk}/edit/").status_code == status


def test_staff_edits_but_cannot_move_the_event_to_another_unit(
    client, staff_of, event, municipality_factory
):
    client.force_login(staff_of(event.municipality))
    data = event_post(municipality_factory(), title_ru="Новое название")
    response = client.post(f"/ru/events/{event.pk}/edit/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.title_ru == "Новое название"
    assert event.municipality_id != data["municipality"]


def test_life_cycle_through_the_view(client, staff_of, event_factory):
    event = event_factory(status=Event.Status.DRAFT)
    client.force_login(staff_of(event.municipality))
    url = f"/ky/events/{event.pk}/status/"
    for status in ["published", "open", "held"]:
        client.post(url, {"to": status})
        event.refresh_from_db()
        assert event.status == status
    # results need a decision first
    client.post(url, {"to": "results"})
    event.refresh_from_db()
    assert event.status == "held"
    event.decision_ky = "Чечим"
    event.save()
    client.post(url, {"to": "results"})
    event.refresh_from_db()
    assert event.status == "results"
    assert event.results_published_at is not None


def test_impossible_transitions_are_refused(event_factory):
    event = event_factory(status=Event.Status.RESULTS)
    with translation.override("en"), pytest.raises(ValidationError, match="not possible"):
        services.event_transition(event=event, to=Event.Status.OPEN)
    draft = event_factory(status=Event.Status.DRAFT)
    with translation.override("en"), pytest.raises(ValidationError, match="not possible"):
        services.event_transition(event=draft, to=Event.Status.HELD)


def test_cancel_needs_a_reason_and_shows_it(client, staff_of, event):
    client.force_login(staff_of(event.municipality))
    url = f"/ru/events/{event.pk}/status/"
    client.post(url, {"to": "cancelled", "reason_ky": "", "reason_ru": ""})
    event.refresh_from_db()
    assert event.status == "open"
    client.post(url, {"to": "cancelled", "reason_ru": "Перенос из-за паводка"})
    event.refresh_from_db()
    assert event.status == "cancelled"
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Перенос из-за паводка" in html


def test_transition_denied_for_other_staff(client, staff_of, event, municipality_factory):
    client.force_login(staff_of(municipality_factory()))
    response = client.post(f"/ru/events/{event.pk}/status/", {"to": "held"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.status == "open"


def test_drafts_are_invisible_to_the_public_everywhere(client, event_factory, citizen):
    draft = event_factory(status=Event.Status.DRAFT, title_ky="ЖАШЫРУУН", title_ru="ЧЕРНОВИК")
    public = event_factory(municipality=draft.municipality)
    client.force_login(citizen)
    assert client.get(draft.get_absolute_url()).status_code == 404
    month = timezone.localtime(draft.starts_at).strftime("%Y-%m")
    for url in [
        "/ky/events/",
        "/ru/events/",
        f"/ru/events/calendar/?month={month}",
        "/ru/events/feed.ics",
        f"/ru/events/municipality/{draft.municipality.slug}/feed.ics",
        "/ky/participation/",
        "/ru/participation/balance.csv",
    ]:
        body = client.get(url).content.decode()
        assert "ЧЕРНОВИК" not in body, url
        assert "ЖАШЫРУУН" not in body, url
    assert client.get(f"/ru/events/{draft.pk}/event.ics").status_code == 404
    assert client.get(f"/ru/events/{draft.pk}/balance.csv").status_code == 404
    block = selectors.municipality_profile_block(draft.municipality)
    assert [item["url"] for item in block["items"]] == [public.get_absolute_url()]


def test_staff_see_their_drafts(client, staff_of, event_factory):
    draft = event_factory(status=Event.Status.DRAFT, title_ru="ЧЕРНОВИК")
    client.force_login(staff_of(draft.municipality))
    assert client.get(f"/ru/events/{draft.pk}/").status_code == 200
    assert "ЧЕРНОВИК" in client.get("/ru/events/manage/").content.decode()


def test_document_upload_checks_type_and_size(client, staff_of, event, settings):
    client.force_login(staff_of(event.municipality))
    url = f"/ru/events/{event.pk}/documents/"
    bad_type = SimpleUploadedFile("virus.exe", b"MZ...", content_type="application/octet-stream")
    response = client.post(url, {"title_ky": "Файл", "file": bad_type})
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    fake_pdf = SimpleUploadedFile("budget.pdf", b"not a pdf", content_type="application/pdf")
    response = client.post(url, {"title_ky": "Файл", "file": fake_pdf})
    assert response.context["form"].errors["file"]
    from participation import forms

    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * 20, content_type="application/pdf")
    original = forms.DOCUMENT_MAX_BYTES
    forms.DOCUMENT_MAX_BYTES = 10
    try:
        response = client.post(url, {"title_ky": "Файл", "file": big})
    finally:
        forms.DOCUMENT_MAX_BYTES = original
    assert response.context["form"].errors["file"]
    assert not EventDocument.objects.exists()
    good = SimpleUploadedFile("budget.pdf", pdf_bytes("Budget"), content_type="application/pdf")
    response = client.post(url, {"title_ky": "Бюджет", "title_ru": "Бюджет", "file": good})
    assert response.status_code == 302
    assert EventDocument.objects.get().title_ru == "Бюджет"
    assert "Бюджет" in client.get(event.get_absolute_url()).content.decode()


def test_alternatives_only_before_the_choice_opens(client, staff_of, event_factory):
    event = event_factory(status=Event.Status.PUBLISHED)
    client.force_login(staff_of(event.municipality))
    url = f"/ky/events/{event.pk}/alternatives/"
    assert client.post(url, {"title_ky": "Жол", "title_ru": "Дорога"}).status_code == 302
    assert event.alternatives.count() == 1
    event.status = Event.Status.HELD
    event.save()
    response = client.post(url, {"title_ky": "Көпүрө"})
    assert response.status_code == 200
    assert event.alternatives.count() == 1


def test_publishing_notifies_followers_once(
    event_factory, citizen, django_capture_on_commit_callbacks
):
    event = event_factory(status=Event.Status.DRAFT)
    following.toggle_municipality(user=citizen, municipality=event.municipality)
    with django_capture_on_commit_callbacks(execute=True):
        services.event_transition(event=event, to=Event.Status.PUBLISHED)
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    with django_capture_on_commit_callbacks(execute=True):
        services.event_transition(event=event, to=Event.Status.OPEN)
    assert len(mail.outbox) == 1  # opening a published event is not news again


@pytest.mark.parametrize(("role", "status"), [("anonymous", 404), ("citizen", 404),
                                              ("other_staff", 404), ("moderator", 404),
                                              ("staff", 200), ("admin", 200)])
def test_draft_page_matrix(client, roles, event, role, status):
    event.status = Event.Status.DRAFT
    event.save()
    if role != "anonymous":
        client.force_login(roles[role])
    assert client.get(event.get_absolute_url()).status_code == status


def test_a_missing_russian_title_is_not_filled_with_the_kyrgyz_one(client, staff_of, municipality):
    client.force_login(staff_of(municipality))
    client.post("/ru/events/new/", event_post(municipality, title_ru="", place_ru=""))
    event = Event.objects.get()
    assert event.title_ky == "Бюджеттик угуу"
    assert not event.title_ru
    assert not event.place_ru
    html = client.get(f"/ru/events/{event.pk}/").content.decode()
    assert '<span lang="ky">Бюджеттик угуу</span>' in html

"""Choosing among alternatives, saying "I will attend", and the results with offline tallies."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from participation import selectors
from participation import services
from participation.models import Attendance
from participation.models import Choice
from participation.models import OfflineTally
from practices.demo_files import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def alternatives(event, alternative_factory):
    return [alternative_factory(event=event, position=n) for n in range(3)]


def test_choose_one_and_change_until_choice_closes(client, citizen, event, alternatives):
    client.force_login(citizen)
    url = f"/ky/events/{event.pk}/choose/"
    client.post(url, {"alternative": alternatives[0].pk})
    client.post(url, {"alternative": alternatives[2].pk})
    assert list(Choice.objects.values_list("alternative", flat=True)) == [alternatives[2].pk]
    event.choice_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    event.save()
    assert client.post(url, {"alternative": alternatives[1].pk}).status_code == 403
    assert Choice.objects.get().alternative == alternatives[2]


def test_cannot_choose_another_events_alternative(client, citizen, event, alternatives,
                                                  alternative_factory):
    foreign = alternative_factory()
    client.force_login(citizen)
    client.post(f"/ky/events/{event.pk}/choose/", {"alternative": foreign.pk})
    client.post(f"/ky/events/{event.pk}/choose/", {"alternative": "nonsense"})
    assert not Choice.objects.exists()


def test_choose_denied_paths(client, event, alternatives):
    response = client.post(f"/ky/events/{event.pk}/choose/", {"alternative": alternatives[0].pk})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Choice.objects.exists()


def test_choose_with_htmx_returns_the_choice_block(client, citizen, event, alternatives):
    client.force_login(citizen)
    response = client.post(
        f"/ru/events/{event.pk}/choose/", {"alternative": alternatives[1].pk},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert body.startswith('<section id="choice"')
    assert f'value="{alternatives[1].pk}" checked' in body
    assert "HX-Request" in response["Vary"]


def test_attend_toggles_with_and_without_htmx(client, citizen, event):
    client.force_login(citizen)
    url = f"/ky/events/{event.pk}/attend/"
    assert client.post(url).status_code == 302
    assert Attendance.objects.filter(user=citizen).exists()
    response = client.post(url, headers={"HX-Request": "true"})
    assert response.content.decode().startswith('<section id="attend"')
    assert not Attendance.objects.exists()


def test_attend_refused_after_the_event(client, citizen, event_factory):
    past = event_factory(
        starts_at=timezone.now() - datetime.timedelta(days=2),
        ends_at=timezone.now() - datetime.timedelta(days=1),
    )
    client.force_login(citizen)
    assert client.post(f"/ky/events/{past.pk}/attend/").status_code == 403


def test_tally_combines_online_and_offline_and_shows_them_apart(
    event, alternatives, user_factory
):
    for user in user_factory.create_batch(3):
        services.choice_set(user=user, event=event, alternative=alternatives[0])
    services.choice_set(user=user_factory(), event=event, alternative=alternatives[1])
    event.status = "held"
    event.save()
    services.results_save(
        event=event, decision_ky="Чечим", decision_ru="", protocol=None,
        tallies={(alternatives[0].pk, "hands"): 10, (alternatives[1].pk, "paper"): 6,
                 (alternatives[2].pk, "hands"): None},
    )
    rows = selectors.alternatives_with_tally(event)
    totals = selectors.tally_totals(rows)
    assert [(a.online, a.hands, a.paper, a.total) for a in rows] == [
        (3, 10, 0, 13), (1, 0, 6, 7), (0, 0, 0, 0)
    ]
    assert totals == {"online": 4, "hands": 10, "paper": 6, "offline": 16, "total": 20}
    assert [str(a.percent) for a in rows] == ["65.0", "35.0", "0.0"]


def test_results_form_saves_decision_protocol_and_tallies(
    client, staff_of, event, alternatives
):
    event.status = "held"
    event.save()
    client.force_login(staff_of(event.municipality))
    protocol = SimpleUploadedFile(
        "protocol.pdf", pdf_bytes("Protocol"), content_type="application/pdf"
    )
    data = {"decision_ky": "Суу түтүгү тандалды", "decision_ru": "Выбран водопровод",
            "protocol": protocol, f"tally_{alternatives[0].pk}_hands": "40"}
    response = client.post(f"/ru/events/{event.pk}/results/", data)
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.decision_ru == "Выбран водопровод"
    assert event.protocol.name.endswith(".pdf")
    assert OfflineTally.objects.get().count == 40
    client.post(f"/ru/events/{event.pk}/status/", {"to": "results"})
    html = client.get(event.get_absolute_url()).content.decode()
    assert "Выбран водопровод" in html
    assert "protocol" in html


def test_results_bad_input(client, staff_of, event, alternatives):
    event.status = "held"
    event.save()
    client.force_login(staff_of(event.municipality))
    response = client.post(
        f"/ru/events/{event.pk}/results/",
        {"decision_ky": "", f"tally_{alternatives[0].pk}_hands": "-3"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"decision_ky",
                                                    f"tally_{alternatives[0].pk}_hands"}
    assert not OfflineTally.objects.exists()


def test_results_before_the_event_is_held_are_refused(client, staff_of, event, alternatives):
    client.force_login(staff_of(event.municipality))
    response = client.post(f"/ru/events/{event.pk}/results/", {"decision_ky": "Чечим"})
    assert response.status_code == 200
    event.refresh_from_db()
    assert not event.decision_ky


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("citizen", 403),
                                              ("other_staff", 403), ("moderator", 403),
                                              ("staff", 200), ("admin", 200)])
def test_results_and_attendance_pages_matrix(client, roles, event, role, status):
    event.status = "held"
    event.save()
    if role != "anonymous":
        client.force_login(roles[role])
    assert client.get(f"/ky/events/{event.pk}/results/").status_code == status
    assert client.get(f"/ky/events/{event.pk}/attendance/").status_code == status

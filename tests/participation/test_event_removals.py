"""Staff take back a document or an alternative of their event: asked first, then removed."""

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from participation import services
from participation.models import Alternative
from participation.models import Event
from participation.models import EventDocument
from tests.participation.factories import AlternativeFactory
from tests.participation.factories import EventFactory

pytestmark = pytest.mark.django_db


def add_document(event, title="Смета"):
    services.document_add(
        event=event, title_ky=title, title_ru=title,
        file=SimpleUploadedFile("smeta.pdf", b"%PDF-1.4 demo", content_type="application/pdf"),
    )
    return event.documents.get(title_ky=title)


def test_staff_confirm_then_remove_a_document_and_its_file(
    client, staff_of, event, django_capture_on_commit_callbacks
):
    document = add_document(event)
    stored = document.file.name
    assert default_storage.exists(stored)
    assert stored.startswith("participation/documents/")
    assert "smeta" not in stored  # stored under a generated name
    client.force_login(staff_of(event.municipality))
    url = f"/ru/events/{event.pk}/documents/{document.pk}/remove/"

    detail = client.get(f"/ru/events/{event.pk}/").content.decode()
    assert url in detail  # the staff panel offers it
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "Удалить «Смета» из мероприятия" in confirm.content.decode()
    assert EventDocument.objects.filter(pk=document.pk).exists()  # asking removes nothing

    with django_capture_on_commit_callbacks(execute=True):  # the file goes once it is committed
        response = client.post(url, follow=True)
    assert response.redirect_chain[-1][0] == f"/ru/events/{event.pk}/"
    assert "Документ удалён." in response.content.decode()
    assert not EventDocument.objects.filter(pk=document.pk).exists()
    assert not default_storage.exists(stored)


def test_removal_is_denied_to_others_and_scoped_to_the_event(client, staff_of, citizen, event):
    document = add_document(event)
    alternative = AlternativeFactory(event=event)
    urls = [f"/ky/events/{event.pk}/documents/{document.pk}/remove/",
            f"/ky/events/{event.pk}/alternatives/{alternative.pk}/remove/"]
    for url in urls:
        assert client.post(url).status_code == 302  # anonymous: to the login page
        assert "/accounts/login/" in client.post(url)["Location"]
    client.force_login(citizen)
    assert {client.post(url).status_code for url in urls} == {403}
    client.force_login(staff_of(EventFactory().municipality))  # staff of another municipality
    assert {client.post(url).status_code for url in urls} == {403}
    assert "remove/" not in client.get(f"/ky/events/{event.pk}/").content.decode()
    # Another event's document is not reachable through this event.
    client.force_login(staff_of(event.municipality))
    other = EventFactory(municipality=event.municipality)
    assert client.post(f"/ky/events/{other.pk}/documents/{document.pk}/remove/").status_code \
        == 404
    assert EventDocument.objects.filter(pk=document.pk).exists()
    assert Alternative.objects.filter(pk=alternative.pk).exists()


def test_alternatives_are_removed_and_renumbered_before_the_choice_opens(
    client, staff_of, event_factory
):
    event = event_factory(status=Event.Status.PUBLISHED)
    first, second, third = (AlternativeFactory(event=event, position=n) for n in (1, 2, 3))
    client.force_login(staff_of(event.municipality))
    response = client.post(f"/ky/events/{event.pk}/alternatives/{first.pk}/remove/")
    assert response.status_code == 302
    assert list(event.alternatives.order_by("position").values_list("pk", "position")) == [
        (second.pk, 1), (third.pk, 2),
    ]


def test_an_alternative_people_may_have_chosen_stays(client, staff_of, event_factory):
    event = event_factory(status=Event.Status.OPEN)
    alternative = AlternativeFactory(event=event)
    client.force_login(staff_of(event.municipality))
    response = client.post(
        f"/ru/events/{event.pk}/alternatives/{alternative.pk}/remove/", follow=True
    )
    assert "Варианты можно удалять только до начала выбора." in response.content.decode()
    assert Alternative.objects.filter(pk=alternative.pk).exists()

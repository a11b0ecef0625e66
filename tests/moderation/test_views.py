"""The moderation pages: one queue across kinds, the acts from it, old addresses, bad input."""

import pytest
from django.urls import reverse

from portal.moderation import services
from portal.moderation.models import Flag
from portal.moderation.models import ModerationRecord
from portal.moderation.models import UserBlock
from tests.moderation.conftest import KINDS

pytestmark = pytest.mark.django_db


@pytest.fixture
def flagged(make_text, author, citizen):
    """One flagged text of every kind, in ``municipality``."""
    texts = {}
    for kind in KINDS:
        texts[kind] = make_text(kind, author, text=f"ДАТТАНУУ {kind}")
        services.flag_create(user=citizen, obj=texts[kind], reason=f"себеп {kind}")
    return texts


def test_the_queue_lists_every_kind_with_its_reports(client, moderator, flagged):
    client.force_login(moderator)
    html = client.get("/ky/moderation/").content.decode()
    for kind, text in flagged.items():
        assert f"ДАТТАНУУ {kind}" in html
        assert f"себеп {kind}" in html
        assert reverse("moderation:hide", args=[kind, text.pk]) in html
    for label in ("Иш-чарага комментарий", "Актынын долбооруна комментарий", "Жарандын суроосу"):
        assert label in html
    assert "/moderation/block/" in html


def test_staff_see_only_their_municipality_and_cannot_block(
    client, staff_of, flagged, municipality, municipality_factory, make_text, citizen,
    event_factory, comment_factory, user_factory,
):
    elsewhere = comment_factory(event=event_factory(municipality=municipality_factory()),
                                text="БАШКА ЖЕРДЕ")
    services.flag_create(user=citizen, obj=elsewhere)
    client.force_login(staff_of(municipality))
    html = client.get("/ky/moderation/").content.decode()
    assert "ДАТТАНУУ questions.question" in html
    assert "БАШКА ЖЕРДЕ" not in html
    assert "/moderation/block/" not in html
    client.force_login(staff_of(municipality_factory()))
    html = client.get("/ky/moderation/").content.decode()
    assert "ДАТТАНУУ" not in html


def test_the_queue_refuses_the_wrong_people(client, citizen):
    response = client.get("/ky/moderation/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    client.force_login(citizen)
    assert client.get("/ky/moderation/").status_code == 403


@pytest.mark.parametrize("kind", KINDS)
def test_hide_from_the_queue_without_js(client, moderator, flagged, kind,
                                        django_capture_on_commit_callbacks):
    from django.core import mail

    text = flagged[kind]
    client.force_login(moderator)
    url = reverse("moderation:hide", args=[kind, text.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"reason": "Сөгүнүү", "next": "/ky/moderation/"})
    assert response.status_code == 302
    assert response["Location"] == "/ky/moderation/"
    text.refresh_from_db()
    assert text.is_hidden
    assert len(mail.outbox) == 1
    assert f"ДАТТАНУУ {kind}" not in client.get("/ky/moderation/").content.decode().split(
        "<h2>"
    )[0]


@pytest.mark.parametrize("kind", KINDS)
def test_an_empty_reason_re_renders_the_form_with_an_error(client, moderator, flagged, kind):
    text = flagged[kind]
    client.force_login(moderator)
    response = client.post(reverse("moderation:hide", args=[kind, text.pk]), {"reason": "  "})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    text.refresh_from_db()
    assert not text.is_hidden
    assert not ModerationRecord.objects.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_dismiss_and_restore_from_the_pages(client, moderator, flagged, kind):
    text = flagged[kind]
    client.force_login(moderator)
    response = client.post(reverse("moderation:dismiss", args=[kind, text.pk]))
    assert response["Location"] == "/ky/moderation/"
    assert not Flag.objects.filter(is_resolved=False, object_id=text.pk,
                                   content_type__model=text._meta.model_name).exists()
    services.item_hide(actor=moderator, obj=text, reason="ката")
    html = client.get("/ky/moderation/").content.decode()
    restore = reverse("moderation:restore", args=[kind, text.pk])
    assert restore in html  # offered in the latest acts
    assert client.get(restore).status_code == 405
    response = client.post(restore, {"next": "/ky/moderation/"}, follow=True)
    text.refresh_from_db()
    assert not text.is_hidden
    assert "Кайра көрсөтүлдү." in response.content.decode()
    response = client.post(restore, follow=True)
    assert "Бул текст жашырылган эмес." in response.content.decode()
    assert list(ModerationRecord.objects.order_by("pk").values_list("action", flat=True)) == [
        "dismiss", "hide", "restore"
    ]


@pytest.mark.parametrize(("role", "status"), [("anonymous", 302), ("citizen", 403),
                                              ("other_staff", 403), ("staff", 302),
                                              ("moderator", 302), ("admin", 302)])
@pytest.mark.parametrize("kind", KINDS)
def test_hide_matrix_on_the_core_pages(client, roles, flagged, kind, role, status):
    text = flagged[kind]
    if role != "anonymous":
        client.force_login(roles[role])
    response = client.post(reverse("moderation:hide", args=[kind, text.pk]), {"reason": "x"})
    assert response.status_code == status
    text.refresh_from_db()
    assert text.is_hidden is (role in ("staff", "moderator", "admin"))


@pytest.mark.parametrize("kind", KINDS)
def test_flag_through_the_core_page(client, make_text, author, user_factory, kind):
    text = make_text(kind, author)
    reporter = user_factory()
    client.force_login(reporter)
    url = reverse("moderation:flag", args=[kind, text.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "жаман сөз"})
    assert response.status_code == 302
    assert text.flags.get().user == reporter
    client.force_login(author)
    assert client.post(url, {"reason": "өзүмө"}).status_code == 403


def test_bad_addresses_are_404(client, moderator, flagged):
    client.force_login(moderator)
    assert client.get("/ky/moderation/nothing.here/1/hide/").status_code == 404
    assert client.get("/ky/moderation/municipalities.municipality/1/hide/").status_code == 404
    assert client.get("/ky/moderation/questions.question/999999/hide/").status_code == 404
    assert client.get("/ky/moderation/?page=abc").status_code == 200
    assert client.get("/ky/moderation/?page=999").status_code == 200


def test_an_unpublished_text_is_404_to_a_resident(client, citizen, make_text, author):
    text = make_text("participation.comment", author)
    text.event.status = "draft"
    text.event.save(update_fields=["status"])
    client.force_login(citizen)
    assert client.get(
        reverse("moderation:flag", args=["participation.comment", text.pk])
    ).status_code == 404


def test_block_and_unblock_at_the_new_and_the_old_addresses(client, moderator, citizen):
    client.force_login(moderator)
    response = client.post(f"/ky/moderation/block/{citizen.pk}/", {"reason": "спам"})
    assert response.status_code == 302
    assert UserBlock.objects.filter(user=citizen).exists()
    html = client.get("/ky/moderation/").content.decode()
    assert f"/ky/moderation/unblock/{citizen.pk}/" in html
    client.post(f"/ky/participation/moderation/unblock/{citizen.pk}/")
    assert not UserBlock.objects.exists()
    response = client.post(f"/ky/moderation/block/{citizen.pk}/", {"reason": ""})
    assert response.status_code == 200
    assert response.context["form"].errors["reason"]
    assert not UserBlock.objects.exists()


@pytest.mark.parametrize("role", ["anonymous", "citizen", "staff", "other_staff"])
def test_block_refused(client, roles, role, user_factory):
    target = user_factory()
    if role != "anonymous":
        client.force_login(roles[role])
    response = client.post(f"/ky/moderation/block/{target.pk}/", {"reason": "x"})
    assert response.status_code in (302, 403)
    assert not UserBlock.objects.exists()


def test_old_queue_addresses_lead_to_the_one_queue(client, moderator):
    client.force_login(moderator)
    for old in ("/ky/participation/moderation/", "/ky/information/questions/moderation/"):
        response = client.get(old + "?page=2")
        assert response.status_code == 302
        assert response["Location"] == "/ky/moderation/?page=2"


def test_draft_comments_are_reported_and_restored_from_their_pages(
    client, make_text, author, citizen, moderator
):
    comment = make_text("lawmaking.draftcomment", author, text="ДОЛБООР ЖӨНҮНДӨ")
    client.force_login(citizen)
    page = client.get(comment.draft.get_absolute_url()).content.decode()
    assert reverse("moderation:flag", args=["lawmaking.draftcomment", comment.pk]) in page
    client.force_login(moderator)
    response = client.post(reverse("lawmaking:hide", args=[comment.pk]), {"reason": "Спам"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.is_hidden
    assert comment.hidden_at is not None
    assert ModerationRecord.objects.get().action == "hide"


def test_a_hidden_question_can_be_shown_again_from_its_page(client, make_text, author,
                                                            moderator):
    question = make_text("questions.question", author)
    services.item_hide(actor=moderator, obj=question, reason="ката")
    client.force_login(moderator)
    page = client.get(question.get_absolute_url()).content.decode()
    restore = reverse("moderation:restore", args=["questions.question", question.pk])
    assert restore in page
    client.post(restore)
    question.refresh_from_db()
    assert not question.is_hidden


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_queue_in_both_languages_and_print(client, moderator, flagged, lang):
    client.force_login(moderator)
    html = client.get(f"/{lang}/moderation/").content.decode()
    assert f'<html lang="{lang}">' in html
    assert "Flagged" not in html
    assert "Moderation" not in html
    printed = client.get(f"/{lang}/moderation/?print=1").content.decode()
    assert "<form" not in printed.split("<main", 1)[-1]

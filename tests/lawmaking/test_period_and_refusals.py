"""The minimum public discussion period, and a true reason for every refusal."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from participation.lawmaking import services
from participation.lawmaking.models import Draft
from participation.lawmaking.models import DraftComment
from participation.lawmaking.models import LawmakingSettings
from portal.moderation.models import UserBlock

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 3, 1, 9, 0, tzinfo=datetime.UTC)
END = START + datetime.timedelta(days=30)
BISHKEK = zoneinfo.ZoneInfo("Asia/Bishkek")
GENERIC = ("Staff may act only", "только в своём муниципалитете", "өз муниципалитети")


def when(value, lang):
    with translation.override(lang):
        return services.when(value)


def form_data(municipality, **changes):
    return {
        "municipality": municipality.pk,
        "title_ky": "Жайыттарды пайдалануу эрежелери",
        "title_ru": "Правила пользования пастбищами",
        "discussion_starts_at": "2026-05-01T09:00",
        "discussion_ends_at": "2026-05-31T09:00",  # exactly 30 days
        "clauses_ky": "Биринчи.",
        **changes,
    }


def set_minimum(days):
    settings_row = LawmakingSettings.current()
    settings_row.min_discussion_days = days
    settings_row.full_clean()
    settings_row.save()


# --- the minimum period ------------------------------------------------------------------------


def test_the_legal_default_is_thirty_days_in_one_row():
    assert LawmakingSettings.objects.count() == 1
    assert services.min_discussion_days() == 30
    LawmakingSettings.objects.all().delete()
    assert services.min_discussion_days() == 30  # without the row, still the legal default
    LawmakingSettings(min_discussion_days=40).save()
    LawmakingSettings(min_discussion_days=45).save()
    assert list(LawmakingSettings.objects.values_list("pk", "min_discussion_days")) == [(1, 45)]


@pytest.mark.parametrize(("lang", "words"), [
    ("ru", "не менее 30 календарных дней"),
    ("ky", "кеминде 30 календардык күн"),
])
def test_creating_a_shorter_discussion_is_refused_in_the_users_language(
    client, municipality, staff_of, lang, words
):
    client.force_login(staff_of(municipality))
    url = f"/{lang}" + reverse("lawmaking:create")[3:]
    response = client.post(url, form_data(municipality, discussion_ends_at="2026-05-31T08:59"))
    assert response.status_code == 200
    errors = response.context["form"].errors["discussion_ends_at"]
    assert words in errors[0]
    assert when(datetime.datetime(2026, 5, 31, 9, 0, tzinfo=BISHKEK), lang) in errors[0]
    assert not Draft.objects.exists()
    assert client.post(url, form_data(municipality)).status_code == 302
    assert Draft.objects.count() == 1


def test_the_form_states_the_minimum(client, municipality, staff_of):
    set_minimum(45)
    client.force_login(staff_of(municipality))
    html = client.get("/ru" + reverse("lawmaking:create")[3:]).content.decode()
    assert "не менее 45 календарных дней" in html
    response = client.post(reverse("lawmaking:create"), form_data(municipality))
    assert response.status_code == 200  # 30 days are no longer enough
    assert not Draft.objects.exists()


@freeze_time("2026-03-10 09:00")
def test_publishing_late_counts_the_days_left(client, draft_factory, staff_of):
    # Announced from 1 March for 30 days, published on 10 March: 21 days left to comment.
    late = draft_factory(status=Draft.Status.DRAFT, discussion_starts_at=START,
                         discussion_ends_at=END)
    client.force_login(staff_of(late.municipality))
    response = client.post("/ru" + reverse("lawmaking:publish", args=[late.pk])[3:],
                           follow=True)
    late.refresh_from_db()
    assert late.status == Draft.Status.DRAFT
    assert late.published_at is None
    html = response.content.decode()
    assert "менее 30 календарных дней" in html
    assert when(datetime.datetime(2026, 4, 9, 9, 0, tzinfo=datetime.UTC), "ru") in html
    # Moved to 9 April (30 days from now), it can be published.
    late.discussion_ends_at = datetime.datetime(2026, 4, 9, 9, 0, tzinfo=datetime.UTC)
    late.save()
    services.draft_publish(user=staff_of(late.municipality), draft=late)
    assert late.status == Draft.Status.PUBLISHED


def test_publishing_ahead_of_the_start_is_checked_from_the_start(draft_factory, staff_of):
    with freeze_time(START - datetime.timedelta(days=5)):
        ahead = draft_factory(status=Draft.Status.DRAFT, discussion_starts_at=START,
                              discussion_ends_at=END)
        services.draft_publish(user=staff_of(ahead.municipality), draft=ahead)
    assert ahead.status == Draft.Status.PUBLISHED


def test_shortening_an_open_draft_is_refused_other_edits_are_not(client, draft_factory,
                                                                 staff_of):
    with freeze_time(START):
        draft = draft_factory(discussion_starts_at=START, discussion_ends_at=END,
                              published_at=START)
    staff = staff_of(draft.municipality)
    client.force_login(staff)
    url = reverse("lawmaking:edit", args=[draft.pk])
    data = {
        "title_ky": draft.title_ky, "title_ru": "Новое название",
        "discussion_starts_at": "2026-03-01T15:00", "discussion_ends_at": "2026-03-20T15:00",
    }
    with freeze_time("2026-03-05"):
        response = client.post(url, data)
        assert response.status_code == 200
        assert response.context["form"].errors["discussion_ends_at"]
        draft.refresh_from_db()
        assert draft.discussion_ends_at == END
        assert draft.title_ru != "Новое название"
        # The minimum is raised later: editing only the title of the open draft still works.
        set_minimum(60)
        data["discussion_ends_at"] = "2026-03-31T15:00"  # the same end, in Bishkek time
        assert client.post(url, data).status_code == 302
    draft.refresh_from_db()
    assert draft.title_ru == "Новое название"
    assert draft.discussion_ends_at == END


def test_site_administrators_set_the_minimum_in_the_admin(client, site_admin, staff_of,
                                                          municipality):
    url = "/admin/lawmaking/lawmakingsettings/1/change/"
    client.force_login(staff_of(municipality))
    assert client.get(url).status_code == 302  # the admin is for superusers only
    client.force_login(site_admin)
    assert client.get(url).status_code == 200
    response = client.post(url, {"min_discussion_days": "0"})
    assert response.status_code == 200  # at least one day
    assert services.min_discussion_days() == 30
    response = client.post(url, {"min_discussion_days": "45"})
    assert response.status_code == 302
    assert services.min_discussion_days() == 45
    assert client.get("/admin/lawmaking/lawmakingsettings/add/").status_code == 403


# --- a true reason for every refusal -------------------------------------------------------


@pytest.fixture
def period_draft(draft_factory):
    return draft_factory(discussion_starts_at=START, discussion_ends_at=END)


def post_comment(client, draft, lang="ru", text="Менин сунушум"):
    url = f"/{lang}" + reverse("lawmaking:comment", args=[draft.pk])[3:]
    return client.post(url, {"text": text})


def assert_refused(response, *words):
    html = response.content.decode()
    assert response.status_code == 403
    for word in words:
        assert word in html, word
    for generic in GENERIC:
        assert generic not in html
    return html


@pytest.mark.parametrize("lang", ["ru", "ky"])
def test_a_citizen_on_a_closed_draft_is_told_it_closed_and_when(client, period_draft, citizen,
                                                               lang):
    client.force_login(citizen)
    with freeze_time(END + datetime.timedelta(days=2)):
        response = post_comment(client, period_draft, lang)
    closed = {"ru": "комментарии больше не принимаются",
              "ky": "комментарийлер мындан ары кабыл алынбайт"}[lang]
    html = assert_refused(response, closed, when(END, lang))
    assert "Менин сунушум" in html  # their text is given back, not lost
    assert period_draft.get_absolute_url()[3:] in html
    assert not DraftComment.objects.exists()


def test_a_citizen_before_the_discussion_opens(client, period_draft, citizen):
    client.force_login(citizen)
    with freeze_time(START - datetime.timedelta(days=1)):
        response = post_comment(client, period_draft)
        page = client.get("/ru" + period_draft.get_absolute_url()[3:]).content.decode()
    assert_refused(response, "ещё не открыто", when(START, "ru"), when(END, "ru"))
    assert "ещё не открыто" in page
    assert not DraftComment.objects.exists()


@pytest.mark.parametrize(("status", "words"), [
    (Draft.Status.ADOPTED, "акт принят"),
    (Draft.Status.WITHDRAWN, "проект отозван"),
])
def test_a_citizen_on_an_adopted_or_withdrawn_draft(client, period_draft, citizen, status,
                                                    words):
    period_draft.status = status
    period_draft.save()
    client.force_login(citizen)
    with freeze_time(END + datetime.timedelta(days=2)):
        assert_refused(post_comment(client, period_draft), words)


def test_a_blocked_resident_is_told_about_the_block(client, draft, citizen, moderator):
    UserBlock.objects.create(user=citizen, reason="спам", blocked_by=moderator)
    client.force_login(citizen)
    assert_refused(post_comment(client, draft), "Модератор запретил")
    page = client.get("/ru" + draft.get_absolute_url()[3:]).content.decode()
    assert "Модератор запретил" in page
    assert "Войдите, чтобы комментировать" not in page


def test_an_anonymous_visitor_is_sent_to_sign_in(client, draft):
    response = post_comment(client, draft)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_draft_page_says_when_the_discussion_closed(client, period_draft):
    with freeze_time(END + datetime.timedelta(days=2)):
        html = client.get("/ru" + period_draft.get_absolute_url()[3:]).content.decode()
    assert f"закрылось {when(END, 'ru')}" in html


def test_staff_refusals_say_what_is_wrong(client, roles, draft, draft_factory, citizen):
    comment = services.comment_create(user=citizen, draft=draft, text="Сунуш")
    edit = "/ru" + reverse("lawmaking:edit", args=[draft.pk])[3:]
    client.force_login(roles["other_staff"])
    assert_refused(client.get(edit), "Только сотрудники этого муниципалитета")
    client.force_login(roles["citizen"])
    assert_refused(client.get(edit), "Только сотрудники этого муниципалитета")
    assert_refused(client.get("/ru" + reverse("lawmaking:create")[3:]),
                   "Только сотрудники муниципалитетов")
    assert_refused(client.get("/ru" + reverse("lawmaking:hide", args=[comment.pk])[3:]),
                   "Только модераторы")
    national = draft_factory(municipality=None)
    client.force_login(roles["staff"])
    assert_refused(client.get("/ru" + reverse("lawmaking:edit", args=[national.pk])[3:]),
                   "администраторы сайта")
    # While the discussion is open, staff cannot yet answer or adopt: they are told when.
    end = when(draft.discussion_ends_at, "ru")
    assert_refused(client.get("/ru" + reverse("lawmaking:decide", args=[comment.pk])[3:]),
                   "после закрытия обсуждения", end)
    assert_refused(client.get("/ru" + reverse("lawmaking:adopt", args=[draft.pk])[3:]),
                   "после закрытия обсуждения", end)
    draft.status = Draft.Status.ADOPTED
    draft.save()
    assert_refused(client.get(edit), "принят: его больше нельзя изменить")


def test_a_refusal_explained_by_law_making_is_audited_too(client, roles, draft):
    from portal.models import RefusedAttempt

    client.force_login(roles["other_staff"])
    assert client.get("/ru" + reverse("lawmaking:edit", args=[draft.pk])[3:]).status_code == 403
    attempt = RefusedAttempt.objects.get()
    assert attempt.user == roles["other_staff"]
    assert attempt.municipality == draft.municipality
    assert attempt.object_id == str(draft.pk)

import datetime
import io

import pytest
import rules
from django.urls import reverse
from django.utils import translation
from freezegun import freeze_time

from portal.moderation import services as moderation
from portal.moderation.models import ModerationRecord
from practices.questions import selectors
from practices.questions import services
from practices.questions.models import Question

pytestmark = pytest.mark.django_db
ROLES = ["anonymous", "citizen", "staff", "other_staff", "moderator", "admin"]


# --- deadline arithmetic -------------------------------------------------------------------------


def test_deadline_is_fourteen_days_and_overdue_after_it(citizen, municipality):
    with freeze_time("2026-02-20 10:00:00"):  # across the end of February
        question = services.question_ask(
            user=citizen, municipality=municipality, title="Суу", text="Качан?"
        )
    assert question.deadline == datetime.datetime(2026, 3, 6, 10, 0, tzinfo=datetime.UTC)
    with freeze_time("2026-03-06 10:00:00"):
        assert not question.is_overdue
        assert question.days_left == 0
        assert list(Question.objects.overdue()) == []
    with freeze_time("2026-03-06 10:00:01"):
        assert question.is_overdue
        assert list(Question.objects.overdue()) == [question]
    with freeze_time("2026-03-01 10:00:00"):
        assert question.days_left == 5


def test_answer_in_time_and_late(question_factory, staff_of, municipality):
    staff = staff_of(municipality)
    with freeze_time("2026-01-01 09:00"):
        on_time = question_factory(municipality=municipality)
        late = question_factory(municipality=municipality)
    with freeze_time("2026-01-10"):
        services.question_answer(user=staff, question=on_time, answer="Жооп")
    with freeze_time("2026-01-20"):
        services.question_answer(user=staff, question=late, answer="Кечиккен жооп")
        assert not on_time.answered_late
        assert late.answered_late
        assert not late.is_overdue


def test_profile_block_counts_overdue_in_one_query(
    question_factory, municipality, django_assert_num_queries
):
    with freeze_time("2026-01-01"):
        question_factory.create_batch(3, municipality=municipality)
    with freeze_time("2026-01-20"):
        question_factory.create_batch(4, municipality=municipality)
        question_factory(municipality=municipality, is_hidden=True)
        with django_assert_num_queries(1):
            block = selectors.municipality_questions_block(municipality)
    assert block["total"] == 7
    assert block["overdue"] == 3
    assert len(block["items"]) == 5
    assert "7" in block["title"]
    with freeze_time("2026-01-20"):
        counts = selectors.question_counts(municipality)
    assert counts == {"total": 7, "answered": 0, "overdue": 3}


def test_empty_profile_block(municipality):
    block = selectors.municipality_questions_block(municipality)
    assert block["items"] == []
    assert block["total"] == 0


# --- permissions ----------------------------------------------------------------------------------


def test_permission_matrix(roles, question):
    expected = {
        "questions.view_question": set(ROLES),
        "questions.answer_question": {"staff", "admin"},
        "moderation.flag_item": {"citizen", "staff", "other_staff", "moderator", "admin"},
        "moderation.hide_item": {"staff", "moderator", "admin"},
    }
    for perm, allowed in expected.items():
        for role, user in roles.items():
            assert rules.has_perm(perm, user, question) is (role in allowed), (perm, role)
    for role, user in roles.items():
        assert rules.has_perm("questions.add_question", user) is (role != "anonymous")
    question.is_hidden = True
    for role, user in roles.items():
        assert rules.has_perm("questions.view_question", user, question) is (
            role in ("staff", "moderator", "admin")
        ), role
        assert not rules.has_perm("questions.answer_question", user, question)


def test_author_cannot_flag_own_question(question):
    assert not rules.has_perm("moderation.flag_item", question.author, question)


@pytest.mark.parametrize("role", ROLES)
def test_views_refuse_the_wrong_people(client, roles, question, role):
    if role != "anonymous":
        client.force_login(roles[role])
    cases = {
        reverse("questions:answer", args=[question.pk]): {"staff", "admin"},
        reverse("questions:hide", args=[question.pk]): {"staff", "moderator", "admin"},
        reverse("questions:ask"): set(ROLES) - {"anonymous"},
        reverse("moderation:queue"): {"staff", "other_staff", "moderator", "admin"},
    }
    for url, allowed in cases.items():
        status = client.get(url).status_code
        expected = 200 if role in allowed else 302 if role == "anonymous" else 403
        assert status == expected, (url, status)


# --- asking, answering, moderation through the pages ---------------------------------------


def test_ask_and_answer_through_the_pages(client, citizen, municipality, staff_of):
    client.force_login(citizen)
    response = client.post(
        reverse("questions:ask"),
        {"municipality": municipality.slug, "title": "Көчө жарыгы", "text": "Качан оңдолот?"},
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert question.author == citizen
    assert question.deadline - question.asked_at == datetime.timedelta(days=14)
    client.force_login(staff_of(municipality))
    client.post(reverse("questions:answer", args=[question.pk]),
                {"answer": "Кийинки айда."})
    question.refresh_from_db()
    assert question.is_answered
    assert "Кийинки айда." in client.get(question.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "bad",
    [
        {"title": "", "text": "x"},
        {"title": "x", "text": "   "},
        {"municipality": "no-such-unit"},
        {"title": "x" * 201},
    ],
)
def test_bad_question_input_rerenders(client, citizen, municipality, bad):
    client.force_login(citizen)
    data = {"municipality": municipality.slug, "title": "Суроо", "text": "Текст", **bad}
    response = client.post(reverse("questions:ask"), data)
    assert response.status_code == 200
    assert b'class="error"' in response.content
    assert not Question.objects.exists()


def test_empty_answer_is_refused(client, question, staff_of):
    client.force_login(staff_of(question.municipality))
    response = client.post(reverse("questions:answer", args=[question.pk]),
                           {"answer": ""})
    assert response.status_code == 200
    question.refresh_from_db()
    assert not question.is_answered


def test_flag_hide_and_record(client, question, citizen, moderator):
    client.force_login(citizen)
    client.post(reverse("questions:flag", args=[question.pk]), {"reason": "Спам"})
    client.post(reverse("questions:flag", args=[question.pk]), {"reason": "Спам"})
    assert question.flags.count() == 1  # once per person
    client.force_login(moderator)
    queue = client.get(reverse("questions:moderation"), follow=True).content.decode()
    assert question.title in queue
    response = client.post(reverse("questions:hide", args=[question.pk]),
                           {"reason": "Жарнама"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.is_hidden
    record = ModerationRecord.objects.get()
    assert (record.actor, record.action, record.reason) == (moderator, "hide", "Жарнама")
    client.logout()
    assert client.get(question.get_absolute_url()).status_code == 404
    assert question.title not in client.get(reverse("questions:list")).content.decode()


def test_hide_needs_a_reason(client, question, moderator):
    client.force_login(moderator)
    response = client.post(reverse("questions:hide", args=[question.pk]),
                           {"reason": ""})
    assert response.status_code == 200
    question.refresh_from_db()
    assert not question.is_hidden


def test_list_filters_by_state_and_municipality(client, question_factory, municipality_factory):
    home, other = municipality_factory(), municipality_factory()
    with freeze_time("2026-01-01"):
        old = question_factory(municipality=home, title="ЭСКИ")
    with freeze_time("2026-01-20"):
        fresh = question_factory(municipality=home, title="ЖАҢЫ")
        elsewhere = question_factory(municipality=other, title="БАШКА")
        answered = question_factory(municipality=home, title="ЖООПТУУ", answer="ок",
                                    answered_at="2026-01-19T00:00Z")
        url = reverse("questions:list")

        def titles(**params):
            html = client.get(url, params).content.decode()
            return {q.title for q in (old, fresh, elsewhere, answered) if q.title in html}

        assert titles() == {"ЭСКИ", "ЖАҢЫ", "БАШКА", "ЖООПТУУ"}
        assert titles(municipality=home.slug) == {"ЭСКИ", "ЖАҢЫ", "ЖООПТУУ"}
        assert titles(state="overdue") == {"ЭСКИ"}
        assert titles(state="open") == {"ЖАҢЫ", "БАШКА"}
        assert titles(state="answered") == {"ЖООПТУУ"}
        assert client.get(url, {"state": "<script>", "municipality": "'%"}).status_code == 200


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_pages_in_both_languages_and_print(client, question, lang):
    with translation.override(lang):
        urls = [reverse("questions:list"), question.get_absolute_url()]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200
        assert f'lang="{lang}"' in response.content.decode()
        printed = client.get(url + "?print=1").content.decode()
        assert "<nav" not in printed


def test_list_query_count_does_not_grow(client, question_factory, django_assert_max_num_queries):
    question_factory()
    with django_assert_max_num_queries(8) as one:
        client.get(reverse("questions:list"))
    question_factory.create_batch(15)
    with django_assert_max_num_queries(len(one.captured_queries)):
        client.get(reverse("questions:list"))


def test_detail_query_count(client, question, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        client.get(question.get_absolute_url())


def test_question_is_searchable_until_hidden(question, moderator):
    from portal.models import SearchEntry

    assert SearchEntry.objects.get(kind="question", object_id=question.pk).is_public
    moderation.item_hide(actor=moderator, obj=question, reason="x")
    assert not SearchEntry.objects.get(kind="question", object_id=question.pk).is_public


def test_demo_is_idempotent(municipality_factory, user_factory):
    from practices.questions import demo as demo_questions

    for slug in ("tepkenskiy-aa", "karakol"):
        municipality_factory(slug=slug)
    for email in ("citizen@demo.kg", "resident1@demo.kg", "resident2@demo.kg",
                  "resident3@demo.kg"):
        user_factory(email=email)
    for _ in range(2):
        demo_questions.seed(stdout=io.StringIO())
    assert Question.objects.count() == 4
    assert Question.objects.overdue().count() == 1
    assert Question.objects.filter(answered_at__isnull=False).count() == 2


def test_question_and_answer_text_are_not_processed_by_htmx(client, question_factory, staff_of):
    from tests.helpers import htmx_disabled_around

    question = question_factory(text="Суу качан <b hx-get='/x'>берилет</b>?")
    services.question_answer(
        user=staff_of(question.municipality), question=question, answer="Кийинки айда."
    )
    html = client.get(question.get_absolute_url()).content.decode()
    assert htmx_disabled_around(html, "Суу качан") == [True]
    assert htmx_disabled_around(html, "Кийинки айда.") == [True]

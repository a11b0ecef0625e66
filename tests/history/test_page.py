"""The history page of an object (staff of its municipality and site administrators only)
and the public block on detail pages."""

import pytest
from django.urls import reverse

from participation import services as event_services
from participation.models import Event
from portal.history import services
from portal.history.models import Verb
from portal.permissions import can
from tests.participation.factories import EventFactory

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous", "citizen", "staff", "manager", "other_staff", "moderator", "django_staff",
    "admin",
]
ALLOWED = {"staff", "manager", "admin"}


def page(obj):
    meta = obj._meta
    return reverse("history:object", args=[meta.app_label, meta.model_name, obj.pk])


@pytest.fixture
def event(unit, roles):
    event = EventFactory(municipality=unit, status=Event.Status.DRAFT)
    services.record(actor=roles["staff"], obj=event, verb=Verb.CREATED)
    return event


@pytest.mark.parametrize("who", ROLES)
def test_permission_matrix(roles, event, unit, who):
    assert can(roles[who], "history.view_history", event) is (who in ALLOWED)
    assert can(roles[who], "history.view_history", unit) is (who in ALLOWED)


@pytest.mark.parametrize("who", ROLES)
def test_page_matrix(client, roles, event, who):
    if who != "anonymous":
        client.force_login(roles[who])
    response = client.get(page(event))
    if who == "anonymous":
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    else:
        assert response.status_code == (200 if who in ALLOWED else 403)


def test_a_national_object_is_for_site_administrators_only(roles, user_factory):
    from tests.lawmaking.factories import DraftFactory

    national = DraftFactory(municipality=None)
    assert can(roles["admin"], "history.view_history", national)
    assert not can(roles["staff"], "history.view_history", national)


def test_an_inactive_superuser_is_refused_like_anyone(client, user_factory, event):
    former = user_factory(is_superuser=True, is_staff=True, is_active=False)
    assert not can(former, "history.view_history", event)


def test_unknown_kind_or_object_is_a_404(client, roles, event):
    client.force_login(roles["admin"])
    for args in (["portal", "user", 1], ["participation", "nothing", 1],
                 ["participation", "event", 99999]):
        assert client.get(reverse("history:object", args=args)).status_code == 404


def test_page_lists_newest_first_with_field_names_and_a_way_back(client, roles, event):
    event.title_ky = "Жаңы аталыш"
    event_services.event_save(event=event, user=roles["staff"])
    client.force_login(roles["staff"])
    html = client.get(page(event)).content.decode()
    assert html.index("Жаңы аталыш") < html.index(str(Verb.CREATED.label).capitalize()[:4])
    assert "(ky)" in html  # the field's verbose name with its language
    assert f'href="{event.get_absolute_url()}"' in html


@pytest.mark.parametrize("count", [1, 40])
def test_page_runs_a_constant_number_of_queries(
    client, roles, event, django_assert_max_num_queries, count
):
    for n in range(count):
        services.record(
            actor=roles["manager"], obj=event, verb=Verb.CHANGED, changes={"title_ky": [n, n + 1]}
        )
    client.force_login(roles["staff"])
    with django_assert_max_num_queries(10):
        response = client.get(page(event))
    assert response.status_code == 200


def test_staff_see_a_history_link_on_the_event_others_do_not(client, roles, event):
    client.force_login(roles["staff"])
    assert page(event) in client.get(event.get_absolute_url()).content.decode()
    client.force_login(roles["other_staff"])
    event_services.event_transition(event=event, to=Event.Status.PUBLISHED, actor=roles["staff"])
    assert page(event) not in client.get(event.get_absolute_url()).content.decode()


def test_citizens_see_the_public_part_only(client, roles, event, django_assert_max_num_queries):
    event_services.event_transition(event=event, to=Event.Status.PUBLISHED, actor=roles["staff"])
    event.title_ru = "Тайное изменение"
    event_services.event_save(event=event, user=roles["staff"])
    client.force_login(roles["citizen"])
    html = client.get(event.get_absolute_url()).content.decode()
    block = html[html.index('id="public-history"'):]
    block = block[: block.index("</section>")]
    assert str(Verb.PUBLISHED.label).capitalize() in block
    assert str(Verb.CHANGED.label) not in block
    assert "Тайное изменение" not in block
    with django_assert_max_num_queries(1):
        from portal.history.selectors import public_timeline

        assert len(public_timeline(event)) == 1
    printed = client.get(event.get_absolute_url(), {"print": "1"}).content.decode()
    assert 'id="public-history"' in printed


def test_the_municipality_history_page_uses_the_one_history(client, roles, unit, event):
    client.force_login(roles["staff"])
    html = client.get(reverse("municipalities:history", args=[unit.slug])).content.decode()
    assert str(event) in html  # everything recorded for the unit, events included


def _public_block(html):
    block = html[html.index('id="public-history"'):]
    return block[: block.index("</section>")]


def test_the_public_block_on_a_question_budget_and_practice(client, unit, roles, codes):
    from budgets import services as budget_services
    from practices import services as practice_services
    from practices.models import Status
    from practices.questions import services as question_services
    from tests.budgets.conftest import STANDARD_LINES
    from tests.practices.factories import PracticeFactory
    from tests.questions.factories import QuestionFactory

    staff = roles["staff"]
    question = QuestionFactory(municipality=unit)
    question_services.question_answer(user=staff, question=question, answer="Жооп")
    budget = budget_services.budget_year_create(municipality=unit, year=2026, actor=staff)
    budget_services.budget_publish(budget=budget, lines=STANDARD_LINES, user=staff)
    practice = PracticeFactory(municipality=unit, status=Status.SUBMITTED, published_at=None)
    practice_services.item_publish(item=practice, actor=roles["admin"])
    client.force_login(roles["citizen"])
    for obj, verb in ((question, Verb.ANSWERED), (budget, Verb.PUBLISHED),
                      (practice, Verb.PUBLISHED)):
        html = client.get(obj.get_absolute_url()).content.decode()
        assert str(verb.label).capitalize() in _public_block(html), obj
        assert page(obj) not in html  # no history link for a citizen
    client.force_login(staff)
    for obj in (question, budget, practice):
        assert page(obj) in client.get(obj.get_absolute_url()).content.decode(), obj

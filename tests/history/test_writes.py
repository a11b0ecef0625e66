"""Every app's staff writes leave entries in the one history (one test per app at least)."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from budgets import services as budget_services
from municipalities import services as unit_services
from participation import services as event_services
from participation.lawmaking import services as draft_services
from participation.lawmaking.models import Draft
from participation.models import Event
from portal.history.models import Change
from portal.history.selectors import object_history
from practices import services as practice_services
from practices.models import Status
from practices.questions import services as question_services
from practices.rules import EDITORS_GROUP
from tests.budgets.conftest import STANDARD_LINES
from tests.lawmaking.factories import DraftFactory
from tests.participation.factories import EventFactory
from tests.practices.factories import NewsItemFactory
from tests.questions.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def verbs(obj):
    return [(e.verb, e.is_public) for e in object_history(obj).order_by("pk")]


def test_directory(unit, staff_of):
    editor = staff_of(unit)
    village = unit_services.village_save(municipality=unit, actor=editor, data={"name_ru": "Тепке"})
    unit_services.village_save(
        municipality=unit, actor=editor, village=village, data={"name_ru": "Жаңы Тепке"}
    )
    entries = Change.objects.filter(municipality=unit).order_by("pk")
    assert [(e.verb, e.actor) for e in entries] == [("created", editor), ("changed", editor)]
    assert entries[1].changes == {"name_ru": ["Тепке", "Жаңы Тепке"]}
    assert entries[1].parent_id == unit.pk  # shown on the unit's own history


def test_events(unit, staff_of):
    editor = staff_of(unit)
    event = EventFactory.build(municipality=unit, status=Event.Status.DRAFT)
    event_services.event_save(event=event, user=editor)
    event.title_ky = "Жаңы аталыш"
    event_services.event_save(event=event, user=editor)
    event_services.event_transition(event=event, to=Event.Status.PUBLISHED, actor=editor)
    event_services.event_transition(
        event=event, to=Event.Status.CANCELLED, reason="Жаан", actor=editor
    )
    assert verbs(event) == [
        ("created", False), ("changed", False), ("published", True), ("cancelled", True),
    ]
    cancelled = object_history(event).first()
    assert cancelled.changes == {"status": ["published", "cancelled"]}
    assert cancelled.comment == "Жаан"


def test_event_parts_and_results(unit, staff_of):
    editor = staff_of(unit)
    event = EventFactory(municipality=unit, status=Event.Status.DRAFT)
    alternative = event_services.alternative_add(
        event=event, title_ky="Биринчи", title_ru="Первый", actor=editor
    )
    event_services.alternative_remove(alternative=alternative, actor=editor)
    Event.objects.filter(pk=event.pk).update(status=Event.Status.HELD)
    event.refresh_from_db()
    event_services.results_save(
        event=event, decision_ky="Чечим", decision_ru="Решение", tallies={}, actor=editor
    )
    assert verbs(event) == [("created", False), ("deleted", False), ("changed", False)]
    assert object_history(event).first().changes["decision_ky"] == [None, "Чечим"]


def test_budgets(unit, staff_of, codes):
    editor = staff_of(unit)
    budget = budget_services.budget_year_create(municipality=unit, year=2026, actor=editor)
    budget_services.budget_publish(
        budget=budget, lines=STANDARD_LINES, user=editor, comment_ky="Кеңештин токтому"
    )
    budget_services.budget_year_update(
        budget=budget, population=4200, note_ky="", note_ru="", actor=editor
    )
    assert verbs(budget) == [("created", False), ("published", True), ("changed", False)]
    published = Change.objects.get(verb="published")
    assert published.changes == {"revision": [None, 1], "lines": [0, len(STANDARD_LINES)]}
    assert published.comment == "Кеңештин токтому"


def test_law_making(unit, staff_of):
    editor = staff_of(unit)
    start = timezone.now() + datetime.timedelta(days=1)
    draft = draft_services.draft_create(
        user=editor,
        data={"municipality": unit, "title_ky": "Долбоор", "title_ru": "Проект",
              "discussion_starts_at": start,
              "discussion_ends_at": start + datetime.timedelta(days=40)},
        clauses=[("Биринчи пункт.", "Первый пункт.")],
    )
    draft_services.draft_publish(user=editor, draft=draft)
    assert verbs(draft) == [("created", False), ("revised", False), ("published", True)]


def test_law_making_adoption_is_public(unit, staff_of):
    draft = DraftFactory(
        municipality=unit,
        discussion_starts_at=timezone.now() - datetime.timedelta(days=40),
        discussion_ends_at=timezone.now() - datetime.timedelta(days=2),
    )
    draft_services.draft_adopt(
        user=staff_of(unit), draft=draft,
        data={"adopted_text_ky": "Кабыл алынган текст", "adopted_text_ru": ""},
    )
    entry = object_history(draft).get()
    assert (entry.verb, entry.is_public) == ("adopted", True)
    assert entry.changes["status"] == [Draft.Status.PUBLISHED, Draft.Status.ADOPTED]


def test_editorial_items(unit, staff_of, user_factory):
    author = staff_of(unit)
    editor = user_factory()
    editor.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
    news = NewsItemFactory(municipality=unit, status=Status.DRAFT, published_at=None)
    news.title_ky = "Жаңылык"
    practice_services.item_save(item=news, actor=author)
    practice_services.item_submit(item=news, actor=author)
    practice_services.item_return(item=news, actor=editor, comment="Сүрөт кошуңуз")
    practice_services.item_submit(item=news, actor=author)
    practice_services.item_publish(item=news, actor=editor)
    practice_services.item_unpublish(item=news, actor=editor)
    assert verbs(news) == [
        ("changed", False), ("submitted", False), ("returned", False), ("submitted", False),
        ("published", True), ("withdrawn", True),
    ]
    assert Change.objects.get(verb="returned").comment == "Сүрөт кошуңуз"


def test_questions_answer(unit, staff_of):
    question = QuestionFactory(municipality=unit)
    staff = staff_of(unit)
    question_services.question_answer(user=staff, question=question, answer="Жооп")
    question_services.question_answer(user=staff, question=question, answer="Тактоо")
    assert verbs(question) == [("answered", True), ("changed", False)]

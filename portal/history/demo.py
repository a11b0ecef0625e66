"""Demo: the history of what the other demos created directly (events, drafts, editorial
items, answers), written through ``history.services`` so that staff pages and the citizens'
timeline have something to show. Runs after the section demos; a second run adds nothing."""

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from municipalities.models import StaffMembership
from participation.lawmaking.models import Draft
from participation.models import Event
from portal.models import User
from practices.models import Document
from practices.models import NewsItem
from practices.models import Practice
from practices.models import Story
from practices.questions.models import Question

from . import services
from .models import Change
from .models import Verb


def _without_history(model):
    content_type = ContentType.objects.get_for_model(model)
    done = set(
        Change.objects.filter(content_type=content_type).values_list("object_id", flat=True)
    )
    return [obj for obj in model.objects.all() if obj.pk not in done]


@transaction.atomic
def seed(*, stdout) -> None:
    admin = User.objects.filter(email="admin@demo.kg").first()
    staff = {
        m.municipality_id: m.user
        for m in StaffMembership.objects.select_related("user").order_by("-level", "pk")
    }
    entries = []

    def add(obj, verb, at, actor=None, **kwargs):
        if at is None:
            return
        who = actor or staff.get(getattr(obj, "municipality_id", None)) or admin
        entries.append(services.build(actor=who, obj=obj, verb=verb, at=at, **kwargs))

    for event in _without_history(Event):
        add(event, Verb.CREATED, event.created)
        if event.status != Event.Status.DRAFT:
            add(event, Verb.PUBLISHED, event.published_at or event.created,
                changes={"status": [Event.Status.DRAFT, Event.Status.PUBLISHED]})
        if event.status == Event.Status.RESULTS:
            add(event, Verb.RESULTS, event.results_published_at,
                changes={"status": [Event.Status.HELD, Event.Status.RESULTS]})
        if event.status == Event.Status.CANCELLED:
            add(event, Verb.CANCELLED, event.modified, comment=event.cancel_reason_ky,
                changes={"status": [Event.Status.PUBLISHED, Event.Status.CANCELLED]})
    for draft in _without_history(Draft):
        add(draft, Verb.CREATED, draft.created)
        if draft.status != Draft.Status.DRAFT:
            add(draft, Verb.PUBLISHED, draft.published_at or draft.created)
        if draft.status == Draft.Status.ADOPTED:
            add(draft, Verb.ADOPTED, draft.modified)
    for model in (Practice, Story, NewsItem, Document):
        for item in _without_history(model):
            add(item, Verb.CREATED, item.created, actor=item.author)
            if item.is_published:
                add(item, Verb.PUBLISHED, item.published_at, actor=item.reviewed_by)
    for question in _without_history(Question):
        if question.answered_at:
            add(question, Verb.ANSWERED, question.answered_at, actor=question.answered_by,
                changes={"answer": [None, question.answer]})
    services.record_many(entries)
    stdout.write(f"history demo: {len(entries)} entries of what the demos created")

"""Questions left practices for their own app: their rows, content types and grants follow."""

import datetime

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from portal.models import User
from portal.moderation.models import ModerationRecord
from practices.questions.models import Question
from tests.helpers import migrate_to
from tests.helpers import migrate_to_latest

BEFORE = [("practices", "0002_questions"), ("questions", None)]


@pytest.mark.django_db(transaction=True)
def test_moving_forward_keeps_questions_flags_moderation_and_permissions(
    municipality_factory, user_factory
):
    unit, asker, moderator = municipality_factory(), user_factory(), user_factory()
    old = migrate_to(BEFORE)
    try:
        with pytest.raises(LookupError):  # the state before the move
            old.get_model("questions", "Question")
        question_type, _new = old.get_model("contenttypes", "ContentType").objects.get_or_create(
            app_label="practices", model="question"
        )
        permission, _new = old.get_model("auth", "Permission").objects.get_or_create(
            content_type=question_type, codename="change_question", defaults={"name": "change"}
        )
        old.get_model("portal", "User").objects.get(pk=moderator.pk).user_permissions.add(
            permission
        )
        now = timezone.now()
        question = old.get_model("practices", "Question").objects.create(
            municipality_id=unit.pk, author_id=asker.pk, title="Суу", text="Суу качан?",
            asked_at=now, deadline=now + datetime.timedelta(days=14),
        )
        old.get_model("practices", "QuestionFlag").objects.create(
            question=question, user_id=moderator.pk, reason="spam"
        )
        old.get_model("practices", "QuestionModeration").objects.create(
            question=question, actor_id=moderator.pk, action="dismiss"
        )
    finally:
        migrate_to_latest()

    moved = Question.objects.get(pk=question.pk)
    assert (moved.municipality, moved.author, moved.title) == (unit, asker, "Суу")
    assert moved.flags.get().reason == "spam"
    record = ModerationRecord.objects.get()
    assert (record.item, record.actor, record.action) == (moved, moderator, "dismiss")
    assert ContentType.objects.get_for_model(Question).pk == question_type.pk
    assert not ContentType.objects.filter(app_label="practices", model="question").exists()
    moderator = User.objects.get(pk=moderator.pk)
    assert ModelBackend().get_all_permissions(moderator) == {"questions.change_question"}

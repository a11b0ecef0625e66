"""Writes of citizens' questions: ask and answer. Flagging, hiding, restoring and dismissing are
the moderation core's (``portal.moderation.services``), as for every kind of citizen text."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality
from portal.history import services as history
from portal.history.models import Verb
from portal.models import User
from portal.moderation.services import check_may_post
from portal.permissions import require

from .models import Question
from .models import deadline_for


@transaction.atomic
def question_ask(
    *, user: User, municipality: Municipality, title: str, text: str
) -> Question:
    require(user, "questions.add_question")
    check_may_post(user)  # blocked? posting too fast? (one limit for every kind of text)
    question = Question(
        municipality=municipality,
        author=user,
        title=(title or "").strip(),
        text=(text or "").strip(),
        asked_at=timezone.now(),
    )
    question.deadline = deadline_for(question.asked_at)
    question.full_clean()
    question.save()
    return question


@transaction.atomic
def question_answer(*, user: User, question: Question, answer: str) -> Question:
    require(user, "questions.answer_question", question)
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer."), code="empty")
    first = question.answered_at is None
    previous = question.answer
    question.answer = answer
    question.answered_by = user
    if first:
        question.answered_at = timezone.now()
    question.full_clean()
    question.save(update_fields=["answer", "answered_by", "answered_at"])
    history.record(
        actor=user,
        obj=question,
        verb=Verb.ANSWERED if first else Verb.CHANGED,
        changes={"answer": [previous or None, answer]},
    )
    if first:
        try:
            from portal.following import notify_new_item
        except ImportError:  # pragma: no cover
            pass
        else:
            transaction.on_commit(lambda: notify_new_item(kind="answer", obj=question))
    return question

"""Writes of citizens' questions: ask, answer, flag, hide (each moderation act recorded)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.history import services as history
from portal.history.models import Verb
from portal.permissions import require

from .models import Question
from .models import QuestionFlag
from .models import QuestionModeration
from .models import deadline_for


@transaction.atomic
def question_ask(*, user, municipality, title: str, text: str) -> Question:
    require(user, "questions.add_question")
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
def question_answer(*, user, question: Question, answer: str) -> Question:
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


@transaction.atomic
def question_flag(*, user, question: Question, reason: str = "") -> QuestionFlag | None:
    require(user, "questions.flag_question", question)
    try:
        with transaction.atomic():
            return QuestionFlag.objects.create(
                question=question, user=user, reason=(reason or "").strip()[:300]
            )
    except IntegrityError:
        return None  # flagged already: once per person


@transaction.atomic
def question_hide(*, actor, question: Question, reason: str) -> Question:
    require(actor, "questions.hide_question", question)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Give the reason for hiding."), code="reason")
    question.is_hidden = True
    question.hidden_reason = reason
    question.save(update_fields=["is_hidden", "hidden_reason"])
    question.flags.update(is_resolved=True)
    QuestionModeration.objects.create(
        actor=actor, action=QuestionModeration.Action.HIDE, question=question, reason=reason
    )
    return question


@transaction.atomic
def question_restore(*, actor, question: Question, reason: str = "") -> Question:
    require(actor, "questions.hide_question", question)
    question.is_hidden = False
    question.hidden_reason = ""
    question.save(update_fields=["is_hidden", "hidden_reason"])
    QuestionModeration.objects.create(
        actor=actor, action=QuestionModeration.Action.RESTORE, question=question, reason=reason
    )
    return question


@transaction.atomic
def flags_dismiss(*, actor, question: Question) -> None:
    require(actor, "questions.hide_question", question)
    question.flags.update(is_resolved=True)
    QuestionModeration.objects.create(
        actor=actor, action=QuestionModeration.Action.DISMISS, question=question
    )

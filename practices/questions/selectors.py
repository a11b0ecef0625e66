"""Reads of citizens' questions: the public list, one question, moderation queue, profile block."""

from typing import TYPE_CHECKING
from typing import Any
from typing import TypedDict
from typing import cast

from django.db.models import Count
from django.db.models import Q
from django.db.models import Window
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality
from portal import formats

from .models import Question
from .models import QuestionQuerySet

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

PROFILE_BLOCK_SIZE = 5


class BlockTotals(TypedDict):
    """The counts every row of the profile block's query carries (window functions)."""

    total: int
    overdue_total: int


def public_questions() -> QuestionQuerySet:
    return Question.objects.visible().select_related("municipality", "author")


def questions_list(
    *, municipality: Municipality | None = None, state: str = ""
) -> QuestionQuerySet:
    questions = public_questions()
    if municipality is not None:
        questions = questions.filter(municipality=municipality)
    now = timezone.now()
    if state == "answered":
        questions = questions.filter(answered_at__isnull=False)
    elif state == "open":
        questions = questions.filter(answered_at__isnull=True, deadline__gte=now)
    elif state == "overdue":
        questions = questions.overdue(now)
    return questions.order_by("-asked_at", "-pk")


def question_for_page(pk: int) -> Question | None:
    return (
        Question.objects.select_related("municipality", "author", "answered_by")
        .filter(pk=pk)
        .first()
    )


def question_counts(municipality: Municipality) -> dict[str, int]:
    now = timezone.now()
    return (
        Question.objects.visible()
        .filter(municipality=municipality)
        .aggregate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            overdue=Count("pk", filter=Q(answered_at__isnull=True, deadline__lt=now)),
        )
    )


def municipality_questions_block(municipality: Municipality) -> dict[str, Any]:
    """The profile block: overdue and recent questions with the counts, in ONE query."""
    now = timezone.now()
    overdue_q = Q(answered_at__isnull=True, deadline__lt=now)
    rows = cast("list[WithAnnotations[Question, BlockTotals]]", list(
        Question.objects.visible()
        .filter(municipality=municipality)
        .annotate(
            total=Window(Count("pk")),
            overdue_total=Window(Count("pk", filter=overdue_q)),
        )
        .only("pk", "title", "asked_at", "deadline", "answered_at")
        .order_by("-asked_at", "-pk")[:PROFILE_BLOCK_SIZE]
    ))
    total = rows[0].total if rows else 0
    overdue = rows[0].overdue_total if rows else 0
    items: list[dict[str, str]] = []
    for q in rows:
        if q.is_answered:
            meta = _("answered")
        elif q.is_overdue:
            meta = _("overdue")
        else:
            meta = _("answer due by %(date)s") % {"date": formats.date_until(q.deadline)}
        items.append({"label": q.title, "url": q.get_absolute_url(), "meta": meta})
    title = _("Citizens' questions")
    if total:
        title = _("Citizens' questions: %(total)s, overdue: %(overdue)s") % {
            "total": total,
            "overdue": overdue,
        }
    return {
        "title": title,
        "items": items,
        "total": total,
        "overdue": overdue,
        "more_url": reverse("questions:list") + f"?municipality={municipality.slug}",
        "empty_text": _("No one has asked this municipality a question yet."),
    }

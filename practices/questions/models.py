"""Citizens' questions: a resident asks a municipality in public, its staff answer in public.

The law gives 14 calendar days for an answer to an appeal: ``deadline`` is fixed when the
question is asked (``asked_at + ANSWER_DAYS``). A question without an answer after its deadline
is overdue; one answered after it was answered late. Moderation is the moderation core's
(``portal.moderation``, registered in ``registrations.py``): anyone signed in may flag,
moderators and the municipality's staff hide with a reason, and every act is recorded.
"""

import datetime
from typing import Any
from typing import Self

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.moderation.models import Hideable

__all__ = ["ANSWER_DAYS", "Question"]

ANSWER_DAYS = 14


def deadline_for(asked_at: datetime.datetime) -> datetime.datetime:
    return asked_at + datetime.timedelta(days=ANSWER_DAYS)


class QuestionQuerySet(models.QuerySet["Question"]):
    def visible(self) -> Self:
        return self.filter(is_hidden=False)

    def overdue(self, now: datetime.datetime | None = None) -> Self:
        return self.filter(answered_at__isnull=True, deadline__lt=now or timezone.now())


class Question(Hideable):
    municipality = models.ForeignKey(
        "municipalities.Municipality",
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="questions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.CASCADE,
        related_name="questions",
    )
    title = models.CharField(_("subject"), max_length=200)
    text = models.TextField(_("question"), max_length=4000)
    asked_at = models.DateTimeField(_("asked at"), default=timezone.now, db_index=True)
    deadline = models.DateTimeField(_("answer due by"), db_index=True)
    answer = models.TextField(_("answer"), blank=True, max_length=8000)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True, db_index=True)
    is_hidden = models.BooleanField(_("hidden"), default=False, db_index=True)
    flags = GenericRelation("moderation.Flag")

    objects = QuestionQuerySet.as_manager()

    class Meta:
        db_table = "practices_question"  # the table from before it had its own app
        verbose_name = _("citizen's question")
        verbose_name_plural = _("citizens' questions")
        ordering = ["-asked_at", "-pk"]
        indexes = [models.Index(fields=["municipality", "is_hidden", "answered_at", "deadline"])]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.deadline is None:
            self.deadline = deadline_for(self.asked_at)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("questions:detail", args=[self.pk])

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_answered and timezone.now() > self.deadline

    @property
    def answered_late(self) -> bool:
        return self.answered_at is not None and self.answered_at > self.deadline

    @property
    def days_left(self) -> int:
        """Whole days until the deadline (negative when overdue)."""
        delta = self.deadline - timezone.now()
        return delta.days

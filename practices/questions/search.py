"""Citizens' questions in the site-wide search: the question and its answer, unless hidden."""

from django.utils.translation import gettext_lazy as _

from portal.search import Searchable
from portal.search import register

from .models import Question

register(
    Searchable(
        kind="question",
        label=_("Citizens' questions"),
        model=Question,
        title="title",
        texts=("text", "answer"),
        is_public=lambda question: not question.is_hidden,
        date=lambda question: question.asked_at.date(),
    )
)

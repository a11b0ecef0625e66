from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QuestionsConfig(AppConfig):
    """Citizens' questions, part of information exchange, nested in practices (see docs)."""

    name = "practices.questions"
    label = "questions"
    verbose_name = _("Citizens' questions")

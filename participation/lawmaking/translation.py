"""Translated fields of law-making (modeltranslation: a _ky and a _ru column each)."""

from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import ClauseText
from .models import Draft
from .models import DraftComment
from .models import DraftRevision


@register(Draft)
class DraftTranslationOptions(TranslationOptions):
    fields = ("title", "explanatory_note", "adopted_text")


@register(DraftRevision)
class DraftRevisionTranslationOptions(TranslationOptions):
    fields = ("note",)


@register(ClauseText)
class ClauseTextTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(DraftComment)
class DraftCommentTranslationOptions(TranslationOptions):
    fields = ("decision_reason",)

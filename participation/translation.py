from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import Alternative
from .models import BalanceGroup
from .models import Event
from .models import EventDocument
from .models import ReferenceShare


@register(Event)
class EventTranslationOptions(TranslationOptions):
    fields = ("title", "description", "agenda", "place", "cancel_reason", "decision")


@register(EventDocument)
class EventDocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Alternative)
class AlternativeTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(BalanceGroup)
class BalanceGroupTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(ReferenceShare)
class ReferenceShareTranslationOptions(TranslationOptions):
    """The source of a population share is shown to citizens in both languages."""

    fields = ("source",)

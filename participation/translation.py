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


# --- Law-making -------------------------------------------------------------------------------
from .models_lawmaking import ClauseText  # noqa: E402
from .models_lawmaking import Draft  # noqa: E402
from .models_lawmaking import DraftComment  # noqa: E402
from .models_lawmaking import DraftRevision  # noqa: E402


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


@register(ReferenceShare)
class ReferenceShareTranslationOptions(TranslationOptions):
    """The source of a population share is shown to citizens in both languages."""

    fields = ("source",)

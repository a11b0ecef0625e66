from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import Document
from .models import FundingSource
from .models import NewsItem
from .models import Practice
from .models import PracticeAttachment
from .models import PracticePhoto
from .models import ResultIndicator
from .models import Story
from .models import StoryPhoto


@register(Practice)
class PracticeTranslationOptions(TranslationOptions):
    fields = (
        "title", "summary", "problem", "solution", "steps", "resources", "results",
        "contact_position",
    )
    empty_values = ""


@register(FundingSource)
class FundingSourceTranslationOptions(TranslationOptions):
    fields = ("name",)
    empty_values = ""


@register(ResultIndicator)
class ResultIndicatorTranslationOptions(TranslationOptions):
    fields = ("label", "unit")
    empty_values = ""


@register(PracticePhoto)
class PracticePhotoTranslationOptions(TranslationOptions):
    fields = ("caption",)
    empty_values = ""


@register(PracticeAttachment)
class PracticeAttachmentTranslationOptions(TranslationOptions):
    fields = ("title",)
    empty_values = ""


@register(Story)
class StoryTranslationOptions(TranslationOptions):
    fields = ("title", "lead", "body", "told_by")
    empty_values = ""


@register(StoryPhoto)
class StoryPhotoTranslationOptions(TranslationOptions):
    fields = ("caption",)
    empty_values = ""


@register(NewsItem)
class NewsItemTranslationOptions(TranslationOptions):
    fields = ("title", "summary", "body")
    empty_values = ""


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title", "issuer", "description")
    empty_values = ""

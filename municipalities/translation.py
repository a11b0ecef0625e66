from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import Municipality


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("name",)
    # The reference data lacks many Kyrgyz names: keep them empty, never invent them.
    empty_values = {"name": ""}
    required_languages = ("ru",)

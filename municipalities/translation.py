from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import Body
from .models import Charter
from .models import Member
from .models import Municipality
from .models import Succession
from .models import Village


@register(Municipality)
class MunicipalityTranslationOptions(TranslationOptions):
    fields = ("name", "description")
    # The reference data lacks many Kyrgyz names: keep them empty, never invent them.
    empty_values = {"name": "", "description": ""}
    required_languages = ("ru",)


@register(Village)
class VillageTranslationOptions(TranslationOptions):
    fields = ("name",)
    empty_values = ""
    required_languages = ()  # one of the two is enough: Model.clean() asks for it


@register(Succession)
class SuccessionTranslationOptions(TranslationOptions):
    fields = ("note",)
    empty_values = ""
    required_languages = ()  # one of the two is enough: Model.clean() asks for it


@register(Body)
class BodyTranslationOptions(TranslationOptions):
    fields = ("name", "address", "office_hours")
    empty_values = ""
    required_languages = ()  # one of the two is enough: Model.clean() asks for it


@register(Member)
class MemberTranslationOptions(TranslationOptions):
    fields = ("full_name", "position")
    empty_values = ""
    required_languages = ()  # one of the two is enough: Model.clean() asks for it


@register(Charter)
class CharterTranslationOptions(TranslationOptions):
    fields = ("title", "adopted_by")
    empty_values = ""
    required_languages = ()  # one of the two is enough: Model.clean() asks for it

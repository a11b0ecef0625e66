from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from .models import BudgetLine
from .models import BudgetRevision
from .models import BudgetYear
from .models import CalendarStage
from .models import ClassificationCode
from .models import Transfer


@register(ClassificationCode)
class ClassificationCodeTranslationOptions(TranslationOptions):
    fields = ("name", "note")
    empty_values = ""


@register(BudgetYear)
class BudgetYearTranslationOptions(TranslationOptions):
    fields = ("note",)
    empty_values = ""


@register(BudgetLine)
class BudgetLineTranslationOptions(TranslationOptions):
    fields = ("name",)
    empty_values = ""


@register(BudgetRevision)
class BudgetRevisionTranslationOptions(TranslationOptions):
    fields = ("comment",)
    empty_values = ""


@register(Transfer)
class TransferTranslationOptions(TranslationOptions):
    fields = ("purpose", "legal_basis")
    empty_values = ""


@register(CalendarStage)
class CalendarStageTranslationOptions(TranslationOptions):
    fields = ("note",)
    empty_values = ""

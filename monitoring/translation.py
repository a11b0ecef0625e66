from modeltranslation.translator import TranslationOptions
from modeltranslation.translator import register

from . import models


@register(models.ServiceArea)
class ServiceAreaTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(models.Indicator)
class IndicatorTranslationOptions(TranslationOptions):
    fields = ("name", "definition")


@register(models.MonitoringGroup)
class MonitoringGroupTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(models.Cycle)
class CycleTranslationOptions(TranslationOptions):
    fields = ("title", "schedule")


@register(models.PlanItem)
class PlanItemTranslationOptions(TranslationOptions):
    fields = ("objects_to_visit",)


@register(models.MonitoringAct)
class MonitoringActTranslationOptions(TranslationOptions):
    fields = ("title", "place", "review_comment")


@register(models.Evaluation)
class EvaluationTranslationOptions(TranslationOptions):
    fields = ("evidence", "place")


@register(models.Evidence)
class EvidenceTranslationOptions(TranslationOptions):
    fields = ("caption",)


@register(models.DissentingOpinion)
class DissentingOpinionTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(models.Findings)
class FindingsTranslationOptions(TranslationOptions):
    fields = ("works_well", "does_not_work", "help_needed", "recommendations")


@register(models.MunicipalResponse)
class MunicipalResponseTranslationOptions(TranslationOptions):
    fields = ("text",)


@register(models.Action)
class ActionTranslationOptions(TranslationOptions):
    fields = ("text", "responsible")


@register(models.ActionProgress)
class ActionProgressTranslationOptions(TranslationOptions):
    fields = ("note",)

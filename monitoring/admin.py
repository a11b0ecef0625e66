"""The catalogue and the groups are maintained here by site administrators.

Evaluations, acts and the history are shown read-only: they change only through the
workflow (services), so the admin cannot rewrite what a group has filed or published.
"""

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from modeltranslation.admin import TranslationTabularInline

from portal.admin_base import ReadOnlyAdmin

from . import models


@admin.register(models.ServiceArea)
class ServiceAreaAdmin(TranslationAdmin):
    list_display = ["name", "code", "order"]
    list_editable = ["order"]


@admin.register(models.Indicator)
class IndicatorAdmin(TranslationAdmin):
    list_display = ["name", "area", "scale", "direction", "method", "is_active"]
    list_filter = ["area", "scale", "method", "is_active"]
    search_fields = ["code", "name_ky", "name_ru"]


class GroupMemberInline(admin.TabularInline):
    model = models.GroupMember
    raw_id_fields = ["user"]
    extra = 1


@admin.register(models.MonitoringGroup)
class MonitoringGroupAdmin(TranslationAdmin):
    list_display = ["name", "municipality", "basis", "decision_date"]
    list_filter = ["basis"]
    raw_id_fields = ["municipality"]
    search_fields = ["name_ky", "name_ru", "municipality__name_ru"]
    inlines = [GroupMemberInline]


class PlanItemInline(TranslationTabularInline):
    model = models.PlanItem
    extra = 1


@admin.register(models.Cycle)
class CycleAdmin(TranslationAdmin):
    list_display = ["title", "municipality", "period_start", "period_end", "status"]
    list_filter = ["status"]
    raw_id_fields = ["municipality", "group"]
    readonly_fields = ["status", "published_at"]
    inlines = [PlanItemInline]


@admin.register(models.MonitoringAct)
class MonitoringActAdmin(ReadOnlyAdmin):
    list_display = ["title", "cycle", "author", "visited_on", "status"]
    list_filter = ["status"]

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from modeltranslation.admin import TranslationTabularInline

from .models import BudgetLine
from .models import BudgetRevision
from .models import BudgetYear
from .models import CalendarStage
from .models import ClassificationCode
from .models import PendingImport
from .models import Transfer


@admin.register(ClassificationCode)
class ClassificationCodeAdmin(TranslationAdmin):
    list_display = ["code", "name", "direction", "category"]
    list_filter = ["direction", "category"]
    search_fields = ["code", "name_ky", "name_ru"]


class BudgetLineInline(TranslationTabularInline):
    model = BudgetLine
    extra = 0


@admin.register(BudgetYear)
class BudgetYearAdmin(TranslationAdmin):
    list_display = ["municipality", "year", "published_at"]
    list_filter = ["year"]
    search_fields = ["municipality__name_ky", "municipality__name_ru", "municipality__slug"]
    raw_id_fields = ["municipality"]
    inlines = [BudgetLineInline]


@admin.register(BudgetRevision)
class BudgetRevisionAdmin(TranslationAdmin):
    list_display = ["budget", "number", "published_at", "published_by", "source"]
    raw_id_fields = ["budget", "published_by"]
    readonly_fields = ["lines"]


@admin.register(Transfer)
class TransferAdmin(TranslationAdmin):
    list_display = ["municipality", "year", "kind", "amount", "date"]
    list_filter = ["year", "kind"]
    search_fields = ["municipality__name_ky", "municipality__name_ru", "municipality__slug"]
    raw_id_fields = ["municipality"]


@admin.register(CalendarStage)
class CalendarStageAdmin(TranslationAdmin):
    list_display = ["budget", "stage", "due_date", "actual_date"]
    list_filter = ["stage"]
    raw_id_fields = ["budget"]


@admin.register(PendingImport)
class PendingImportAdmin(admin.ModelAdmin):
    list_display = ["budget", "filename", "uploaded_by", "created", "confirmed_at"]
    raw_id_fields = ["budget", "uploaded_by"]
    readonly_fields = ["rows", "errors"]

from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from .models import Municipality
from .models import StaffMembership


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin):
    list_display = ["name", "kind", "soate", "population", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name_ky", "name_ru", "soate"]
    raw_id_fields = ["parent"]
    prepopulated_fields = {}


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "level"]
    list_filter = ["level"]
    raw_id_fields = ["user", "municipality"]
    search_fields = ["user__email", "municipality__name_ky", "municipality__name_ru"]

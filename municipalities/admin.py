from urllib.parse import urlencode

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.admin import TranslationTabularInline

from . import services
from .models import Body
from .models import ChangeRecord
from .models import Charter
from .models import Member
from .models import Municipality
from .models import StaffMembership
from .models import Succession
from .models import Village


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin):
    list_display = [
        "name", "kind", "soate", "population", "is_pre_reform", "valid_from", "valid_to",
    ]
    list_filter = ["kind", "is_pre_reform"]
    search_fields = ["name_ky", "name_ru", "soate", "slug"]
    raw_id_fields = ["parent"]
    readonly_fields = ["source_block"]
    actions = ["record_merger"]

    @admin.action(description=_("Record a merger of the selected units"))
    def record_merger(self, request, queryset):
        """Open the merger page with the selected units already chosen."""
        slugs = list(queryset.values_list("slug", flat=True))
        query = urlencode([("predecessors", slug) for slug in slugs])
        return redirect(f"{reverse('municipalities:merge')}?{query}")

    def save_model(self, request, obj, form, change):
        """Keep the search column filled and write the change into the history."""
        obj.search_text = services.unit_search_text(obj)
        super().save_model(request, obj, form, change)
        services.record_admin_change(
            obj=obj, municipality=obj, actor=request.user, form=form, created=not change
        )


@admin.register(StaffMembership)
class StaffMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "municipality", "level"]
    list_filter = ["level"]
    raw_id_fields = ["user", "municipality"]
    search_fields = ["user__email", "municipality__name_ky", "municipality__name_ru"]


@admin.register(Village)
class VillageAdmin(TranslationAdmin):
    list_display = ["name", "municipality", "soate", "population", "is_demo"]
    list_filter = ["is_demo"]
    raw_id_fields = ["municipality"]
    search_fields = ["name_ky", "name_ru", "soate"]


@admin.register(Succession)
class SuccessionAdmin(TranslationAdmin):
    list_display = ["predecessor", "successor", "date", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["predecessor", "successor"]


class MemberInline(TranslationTabularInline):
    model = Member
    extra = 0


@admin.register(Body)
class BodyAdmin(TranslationAdmin):
    list_display = ["name", "municipality", "kind"]
    list_filter = ["kind"]
    raw_id_fields = ["municipality"]
    inlines = [MemberInline]


@admin.register(Charter)
class CharterAdmin(TranslationAdmin):
    list_display = ["title", "municipality", "adopted_on", "content_type", "size"]
    raw_id_fields = ["municipality"]
    readonly_fields = ["content_type", "size"]


@admin.register(ChangeRecord)
class ChangeRecordAdmin(admin.ModelAdmin):
    """The change history, for site administrators to read; nobody edits it."""

    list_display = [
        "at", "municipality", "actor", "source_file", "action", "object_type", "object_label",
    ]
    list_filter = ["action", "object_type", "source_file"]
    list_select_related = ["municipality", "actor"]
    search_fields = ["municipality__name_ru", "municipality__name_ky", "object_label"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

from urllib.parse import urlencode

from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin
from modeltranslation.admin import TranslationTabularInline

from . import services
from .models import Body
from .models import Charter
from .models import Member
from .models import Municipality
from .models import StaffMembership
from .models import Succession
from .models import Village


class KyrgyzNameToCheckFilter(admin.SimpleListFilter):
    """Names derived by rule from the Russian form wait for a person to check them."""

    title = _("Kyrgyz name to check")
    parameter_name = "ky_name"

    def lookups(self, request, model_admin):
        return [
            ("to_check", _("to check (derived by rule)")),
            ("missing", _("no Kyrgyz name")),
            ("done", _("from a source or checked")),
        ]

    def queryset(self, request, queryset):
        origin = Municipality.NameOrigin
        if self.value() == "to_check":
            return queryset.filter(name_ky_origin=origin.RULE).exclude(name_ky="")
        if self.value() == "missing":
            return queryset.filter(name_ky="")
        if self.value() == "done":
            return queryset.filter(name_ky_origin__in=[origin.SOURCE, origin.CHECKED]).exclude(
                name_ky=""
            )
        return queryset


@admin.register(Municipality)
class MunicipalityAdmin(TranslationAdmin):
    list_display = [
        "name_ky", "name_ru", "name_ky_origin", "kind", "soate", "population", "is_pre_reform",
        "valid_from", "valid_to",
    ]
    list_filter = [KyrgyzNameToCheckFilter, "name_ky_origin", "kind", "is_pre_reform"]
    search_fields = ["name_ky", "name_ru", "soate", "slug"]
    raw_id_fields = ["parent"]
    readonly_fields = ["source_block"]
    actions = ["record_merger", "mark_names_checked"]

    @admin.action(description=_("Mark the Kyrgyz names of the selected units as checked"))
    def mark_names_checked(self, request, queryset):
        count = services.unit_names_mark_checked(units=queryset, actor=request.user)
        self.message_user(
            request,
            ngettext(
                "%(count)d Kyrgyz name marked as checked.",
                "%(count)d Kyrgyz names marked as checked.",
                count,
            ) % {"count": count},
        )

    @admin.action(description=_("Record a merger of the selected units"))
    def record_merger(self, request, queryset):
        """Open the merger page with the selected units already chosen."""
        slugs = list(queryset.values_list("slug", flat=True))
        query = urlencode([("predecessors", slug) for slug in slugs])
        return redirect(f"{reverse('municipalities:merge')}?{query}")

    def save_model(self, request, obj, form, change):
        """Keep the search column filled and write the change into the history.

        An administrator who changes a name has checked it, unless they set the origin
        themselves.
        """
        extra = {}
        names_changed = {"name_ky", "name_ru"} & set(form.changed_data)
        checked = Municipality.NameOrigin.CHECKED
        if (
            change and names_changed and obj.name_ky
            and "name_ky_origin" not in form.changed_data and obj.name_ky_origin != checked
        ):
            extra["name_ky_origin"] = [obj.name_ky_origin or None, checked]
            obj.name_ky_origin = checked
        obj.search_text = services.unit_search_text(obj)
        super().save_model(request, obj, form, change)
        services.record_admin_change(
            obj=obj, municipality=obj, actor=request.user, form=form, created=not change,
            extra=extra,
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

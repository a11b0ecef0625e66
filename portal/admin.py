from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["email", "display_name", "is_moderator", "is_monitor", "is_superuser"]
    list_filter = ["is_moderator", "is_monitor", "is_superuser", "is_active"]
    search_fields = ["email", "display_name", "username"]
    ordering = ["email"]
    fieldsets = (
        *(DjangoUserAdmin.fieldsets or ()),
        (
            _("Portal"),
            {
                "fields": (
                    "display_name",
                    "preferred_language",
                    "home_municipality",
                    "is_moderator",
                    "is_monitor",
                )
            },
        ),
    )
    raw_id_fields = ["home_municipality"]

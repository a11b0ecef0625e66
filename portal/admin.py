from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.admin_base import ReadOnlyAdmin

from .models import OutboxMessage
from .models import RefusedAttempt
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


@admin.register(RefusedAttempt)
class RefusedAttemptAdmin(ReadOnlyAdmin):
    """Read only: the gate writes these rows, nobody edits them."""

    list_display = ("at", "user", "permission", "content_type", "object_id", "municipality", "path")
    list_filter = ["permission", "content_type"]
    search_fields = ["user__email", "permission", "path"]
    list_select_related = ["user", "content_type", "municipality"]
    date_hierarchy = "at"
    readonly_fields = list_display


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Read only, to see what waits for the broker. The arguments are not shown: a mail's
    arguments hold its text, password-reset links included."""

    list_display = ("created", "task", "attempts", "sent_at", "last_error")
    list_filter = [("sent_at", admin.EmptyFieldListFilter), "task"]
    fields = list_display
    readonly_fields = list_display
    date_hierarchy = "created"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

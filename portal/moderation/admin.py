from django.contrib import admin

from portal.admin_base import ReadOnlyAdmin

from .models import Flag
from .models import ModerationRecord
from .models import UserBlock


@admin.register(Flag)
class FlagAdmin(admin.ModelAdmin):
    list_display = ("content_type", "object_id", "user", "reason", "is_resolved", "created")
    list_filter = ("is_resolved", "content_type")
    raw_id_fields = ("user",)


@admin.register(UserBlock)
class UserBlockAdmin(admin.ModelAdmin):
    list_display = ("user", "reason", "blocked_by", "created")
    raw_id_fields = ("user", "blocked_by")


@admin.register(ModerationRecord)
class ModerationRecordAdmin(ReadOnlyAdmin):
    """The audit trail is read-only: nothing is removed or changed silently."""

    list_display = ("created", "actor", "action", "content_type", "object_id", "target_user",
                    "reason")
    list_filter = ("action", "content_type")

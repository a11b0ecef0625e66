from django.contrib import admin

from .models import LawmakingSettings


@admin.register(LawmakingSettings)
class LawmakingSettingsAdmin(admin.ModelAdmin):
    """One row: the minimum public discussion period the portal enforces on draft acts."""

    list_display = ["__str__", "min_discussion_days", "modified"]
    readonly_fields = ["modified"]

    def has_add_permission(self, request) -> bool:
        return super().has_add_permission(request) and not LawmakingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None) -> bool:
        return False  # without the row the legal default applies; nothing to delete

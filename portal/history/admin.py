from django.contrib import admin

from .models import Change


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    """The history, for site administrators to read; nobody edits it."""

    list_display = [
        "at", "municipality", "actor", "source_file", "verb", "content_type", "object_label",
        "is_public",
    ]
    list_filter = ["verb", "is_public", "content_type"]
    list_select_related = ["municipality", "actor", "content_type"]
    search_fields = ["municipality__name_ru", "municipality__name_ky", "object_label"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

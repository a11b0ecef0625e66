from django.contrib import admin

from portal.admin_base import ReadOnlyAdmin

from .models import Change


@admin.register(Change)
class ChangeAdmin(ReadOnlyAdmin):
    """The history, for site administrators to read; nobody edits it."""

    list_display = [
        "at", "municipality", "actor", "source_file", "verb", "content_type", "object_label",
        "is_public",
    ]
    list_filter = ["verb", "is_public", "content_type"]
    list_select_related = ["municipality", "actor", "content_type"]
    search_fields = ["municipality__name_ru", "municipality__name_ky", "object_label"]
    date_hierarchy = "at"

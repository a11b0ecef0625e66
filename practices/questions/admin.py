from django.contrib import admin

from .models import Question


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    """For site administrators to look things up. Staff answer and moderators hide on the site,
    where each act is recorded and notified; here those fields are read-only."""

    list_display = ["title", "municipality", "asked_at", "deadline", "answered_at", "is_hidden"]
    list_filter = ["is_hidden"]
    search_fields = ["title", "text"]
    raw_id_fields = ["municipality", "author", "answered_by"]
    date_hierarchy = "asked_at"
    readonly_fields = ["deadline", "answer", "answered_by", "answered_at", "is_hidden",
                       "hidden_reason", "hidden_at"]

    def has_add_permission(self, request) -> bool:
        return False  # a question is asked by a resident, on the site


from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from modeltranslation.admin import TranslationTabularInline

from .models import Alternative
from .models import AttendanceCount
from .models import BalanceGroup
from .models import Comment
from .models import Event
from .models import EventDocument
from .models import ReferenceShare


class AlternativeInline(TranslationTabularInline):
    model = Alternative
    extra = 0


class DocumentInline(TranslationTabularInline):
    model = EventDocument
    extra = 0


@admin.register(Event)
class EventAdmin(TranslationAdmin):
    list_display = ["title", "municipality", "kind", "status", "starts_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title_ky", "title_ru"]
    raw_id_fields = ["municipality", "created_by"]
    inlines = [AlternativeInline, DocumentInline]


@admin.register(BalanceGroup)
class BalanceGroupAdmin(TranslationAdmin):
    list_display = ["name", "dimension", "key", "position", "is_active"]
    list_filter = ["dimension", "is_active"]


@admin.register(ReferenceShare)
class ReferenceShareAdmin(admin.ModelAdmin):
    list_display = ["group", "municipality", "percent", "source"]
    list_filter = ["group__dimension"]
    raw_id_fields = ["municipality"]


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["pk", "event", "author", "is_hidden", "created"]
    list_filter = ["is_hidden"]
    raw_id_fields = ["event", "parent", "author"]


admin.site.register(AttendanceCount, admin.ModelAdmin)


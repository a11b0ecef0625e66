from django.contrib import admin
from modeltranslation.admin import TranslationAdmin
from modeltranslation.admin import TranslationTabularInline

from .models import Document
from .models import FundingSource
from .models import NewsItem
from .models import Practice
from .models import PracticeAttachment
from .models import PracticePhoto
from .models import ResultIndicator
from .models import Story
from .models import StoryPhoto

READONLY_FILE = ["file", "original_name", "content_type", "size"]


class FundingSourceInline(TranslationTabularInline):
    model = FundingSource
    extra = 0


class ResultIndicatorInline(TranslationTabularInline):
    model = ResultIndicator
    extra = 0


class PracticePhotoInline(TranslationTabularInline):
    model = PracticePhoto
    extra = 0
    readonly_fields = READONLY_FILE


class PracticeAttachmentInline(TranslationTabularInline):
    model = PracticeAttachment
    extra = 0
    readonly_fields = READONLY_FILE


class StoryPhotoInline(TranslationTabularInline):
    model = StoryPhoto
    extra = 0
    readonly_fields = READONLY_FILE


@admin.register(Practice)
class PracticeAdmin(TranslationAdmin):
    list_display = ["title", "municipality", "theme", "status", "published_at"]
    list_filter = ["status", "theme"]
    search_fields = ["title_ky", "title_ru"]
    raw_id_fields = ["municipality", "original", "author", "reviewed_by"]
    readonly_fields = ["search_text"]
    inlines = [
        FundingSourceInline, ResultIndicatorInline, PracticePhotoInline, PracticeAttachmentInline,
    ]


@admin.register(Story)
class StoryAdmin(TranslationAdmin):
    list_display = ["title", "municipality", "theme", "status", "published_at"]
    list_filter = ["status", "theme"]
    search_fields = ["title_ky", "title_ru"]
    raw_id_fields = ["municipality", "practice", "author", "reviewed_by"]
    inlines = [StoryPhotoInline]


@admin.register(NewsItem)
class NewsItemAdmin(TranslationAdmin):
    list_display = ["title", "kind", "municipality", "status", "published_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title_ky", "title_ru"]
    raw_id_fields = ["municipality", "author", "reviewed_by"]


@admin.register(Document)
class DocumentAdmin(TranslationAdmin):
    list_display = ["title", "doc_type", "number", "adopted_on", "status"]
    list_filter = ["status", "doc_type"]
    search_fields = ["title_ky", "title_ru", "number"]
    raw_id_fields = ["municipality", "author", "reviewed_by"]
    readonly_fields = READONLY_FILE

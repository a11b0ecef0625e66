"""Reads: public lists (published only), workspaces, related items and the profile blocks."""

from typing import Any

from django.db.models import Count
from django.db.models import F
from django.db.models import IntegerField
from django.db.models import Model
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models import Sum
from django.db.models import Value
from django.db.models.functions import Coalesce
from django.db.models.functions import ExtractYear
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _

from municipalities.models import Municipality
from portal import formats

from .models import Document
from .models import FundingSource
from .models import NewsItem
from .models import Practice
from .models import PracticePhoto
from .models import Status
from .models import Story
from .models import StoryPhoto
from .models import Theme

PROFILE_BLOCK_SIZE = 5


def _search(qs: QuerySet, text: str) -> QuerySet:
    """Casefolded search over a column the services fill (Cyrillic-safe on SQLite too)."""
    for word in (text or "").casefold().split()[:5]:
        qs = qs.filter(search_text__contains=word)
    return qs


def _first_photos(model) -> Prefetch:
    return Prefetch("photos", queryset=model.objects.order_by("pk"), to_attr="photo_list")


# --- Practices ---------------------------------------------------------------------------

def practice_list(*, theme: str = "", municipality: Municipality | None = None, q: str = "",
                  replicated: bool = False, funding: str = "") -> QuerySet:
    qs = (
        Practice.objects.published()
        .select_related("municipality", "original__municipality")
        .annotate(replication_count=_published_replications())
        .prefetch_related(_first_photos(PracticePhoto))
        .order_by("-published_at", "-pk")
    )
    if theme:
        qs = qs.filter(theme=theme)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if replicated:
        qs = qs.filter(replication_count__gt=0)
    if funding:
        qs = qs.filter(
            pk__in=FundingSource.objects.filter(kind=funding).values("practice_id")
        )
    return _search(qs, q)


def _published_replications() -> Coalesce:
    """A count per row, not a join grouped over every practice before the page is cut."""
    replications = (
        Practice.objects.filter(original=OuterRef("pk"), status=Status.PUBLISHED)
        .order_by()
        .values("original")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(replications, output_field=IntegerField()), 0)


def practice_detail_queryset() -> QuerySet:
    return Practice.objects.select_related(
        "municipality__parent", "original__municipality", "author", "reviewed_by"
    ).prefetch_related(
        "funding_sources",
        "indicators",
        "photos",
        "attachments",
        Prefetch(
            "replications",
            queryset=Practice.objects.published()
            .select_related("municipality")
            .order_by("published_at"),
            to_attr="published_replications",
        ),
        Prefetch(
            "stories",
            queryset=Story.objects.published().select_related("municipality"),
            to_attr="published_stories",
        ),
    )


def practice_cost(practice: Practice):
    """The total cost in som: the sum of the (prefetched) funding sources."""
    return sum((source.amount for source in practice.funding_sources.all()), start=0)


def practice_related(practice: Practice, *, limit: int = 3) -> list[Practice]:
    """Other published practices on the same theme, newest first."""
    return list(
        Practice.objects.published()
        .filter(theme=practice.theme)
        .exclude(pk=practice.pk)
        .select_related("municipality")
        .order_by("-published_at")[:limit]
    )


def theme_counts() -> list[dict]:
    """Each theme with the number of published practices on it (one query)."""
    counts = dict(
        Practice.objects.published()
        .values_list("theme")
        .annotate(n=Count("pk"))
        .order_by()
    )
    return [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Theme.choices
    ]


def practice_totals() -> dict:
    return Practice.objects.published().aggregate(
        practices=Count("pk", distinct=True),
        municipalities=Count("municipality", distinct=True),
        replications=Count("pk", filter=Q(original__isnull=False), distinct=True),
    )


def practice_choices_for_replication(*, exclude: Practice | None = None) -> QuerySet:
    qs = Practice.objects.published().filter(original__isnull=True).select_related("municipality")
    if exclude is not None and exclude.pk:
        qs = qs.exclude(pk=exclude.pk)
    return qs.order_by("title")


def item_queryset(model: type[Model]) -> QuerySet[Any]:
    """Any kind's items (practice, story, news, document) with their municipality."""
    return model._default_manager.select_related("municipality")


def stored_file_queryset(model: type[Model], owner_attr: str | None) -> QuerySet[Any]:
    """Attachments or photos with the item they belong to (files stored on the item: none)."""
    related = [owner_attr] if owner_attr else []
    return model._default_manager.select_related(*related)


def municipalities_with(model, *, field: str = "municipality") -> QuerySet:
    """Municipalities that have published items of a kind: the options of a filter."""
    ids = model.objects.published().exclude(**{f"{field}__isnull": True}).values(field)
    return Municipality.objects.filter(pk__in=ids).order_by("name")


# --- Stories -----------------------------------------------------------------------------

def story_list(*, theme: str = "", municipality: Municipality | None = None, q: str = "",
               practice: Practice | None = None) -> QuerySet:
    qs = (
        Story.objects.published()
        .select_related("municipality", "practice")
        .prefetch_related(_first_photos(StoryPhoto))
        .order_by("-published_at", "-pk")
    )
    if theme:
        qs = qs.filter(theme=theme)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if practice is not None:
        qs = qs.filter(practice=practice)
    return _search(qs, q)


def story_detail_queryset() -> QuerySet:
    return Story.objects.select_related(
        "municipality__parent", "practice__municipality", "author", "reviewed_by"
    ).prefetch_related("photos")


def story_related(story: Story, *, limit: int = 3) -> list[Story]:
    return list(
        Story.objects.published()
        .filter(Q(theme=story.theme) | Q(municipality_id=story.municipality_id))
        .exclude(pk=story.pk)
        .select_related("municipality")
        .order_by("-published_at")[:limit]
    )


# --- News and documents ------------------------------------------------------------------

def news_list(*, kind: str = "", scope: str = "", municipality: Municipality | None = None,
              year: int | None = None, theme: str = "", q: str = "") -> QuerySet:
    qs = NewsItem.objects.published().select_related("municipality").order_by(
        "-published_at", "-pk"
    )
    if kind:
        qs = qs.filter(kind=kind)
    if scope == "national":
        qs = qs.filter(municipality__isnull=True)
    elif scope == "local":
        qs = qs.filter(municipality__isnull=False)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if year:
        qs = qs.filter(published_at__year=year)
    if theme:
        qs = qs.filter(theme=theme)
    return _search(qs, q)


def news_detail_queryset() -> QuerySet[NewsItem]:
    return NewsItem.objects.select_related("municipality", "author", "reviewed_by")


def news_related(item: NewsItem, *, limit: int = 3) -> list[NewsItem]:
    qs = NewsItem.objects.published().exclude(pk=item.pk).select_related("municipality")
    if item.municipality_id:
        qs = qs.filter(Q(municipality_id=item.municipality_id) | Q(municipality__isnull=True))
    return list(qs.order_by("-published_at")[:limit])


def news_years() -> list[int]:
    return sorted(
        {
            year
            for year in NewsItem.objects.published()
            .annotate(year=ExtractYear("published_at"))
            .values_list("year", flat=True)
            .distinct()
            if year
        },
        reverse=True,
    )


def document_list(*, doc_type: str = "", scope: str = "", municipality: Municipality | None = None,
                  year: int | None = None, theme: str = "", q: str = "") -> QuerySet:
    qs = Document.objects.published().select_related("municipality").order_by(
        "-adopted_on", "-pk"
    )
    if doc_type:
        qs = qs.filter(doc_type=doc_type)
    if scope == "national":
        qs = qs.filter(municipality__isnull=True)
    elif scope == "local":
        qs = qs.filter(municipality__isnull=False)
    if municipality is not None:
        qs = qs.filter(municipality=municipality)
    if year:
        qs = qs.filter(adopted_on__year=year)
    if theme:
        qs = qs.filter(theme=theme)
    return _search(qs, q)


def document_detail_queryset() -> QuerySet[Document]:
    return Document.objects.select_related("municipality", "author", "reviewed_by")


def document_related(document: Document, *, limit: int = 3) -> list[Document]:
    return list(
        Document.objects.published()
        .filter(doc_type=document.doc_type)
        .exclude(pk=document.pk)
        .select_related("municipality")
        .order_by("-adopted_on")[:limit]
    )


def document_years() -> list[int]:
    return sorted(
        set(
            Document.objects.published()
            .annotate(year=ExtractYear("adopted_on"))
            .values_list("year", flat=True)
            .distinct()
        ),
        reverse=True,
    )


def document_type_counts() -> list[dict]:
    counts = dict(
        Document.objects.published().values_list("doc_type").annotate(n=Count("pk")).order_by()
    )
    return [
        {"value": value, "label": label, "count": counts.get(value, 0)}
        for value, label in Document.Type.choices
    ]


# --- The editorial desk ------------------------------------------------------------------

DESK_MODELS = (Practice, Story, NewsItem, Document)


def desk_items(user, *, review_queue: bool) -> list:
    """For editors: everything submitted. For staff: their municipalities' unpublished items."""
    items = []
    own = list(user.staff_memberships.values_list("municipality_id", flat=True))
    for model in DESK_MODELS:
        qs = model.objects.select_related("municipality", "author")
        if review_queue:
            qs = qs.filter(status=Status.SUBMITTED)
        else:
            qs = qs.filter(municipality_id__in=own).exclude(status=Status.PUBLISHED)
        items += list(qs.order_by("-modified")[:100])
    return sorted(items, key=lambda item: item.modified, reverse=True)


# --- The municipality profile hook -------------------------------------------------------

def _title_column(lang: str) -> str:
    return "title_ru" if lang == "ru" else "title_ky"


def municipality_profile_block(municipality) -> dict:
    """Published practices and success stories of a municipality: ONE query, at most 5 items.

    Practices this municipality replicated from another one are marked as such.
    """
    from django.utils.translation import get_language

    lang = (get_language() or "ky")[:2]
    practices = (
        Practice.objects.published()
        .filter(municipality=municipality)
        .annotate(src=Value(1, IntegerField()), replicates=F("original_id"))
        .values("pk", "title_ky", "title_ru", "theme", "published_at", "src", "replicates")
        .order_by()  # SQLite refuses ORDER BY inside the parts of a UNION
    )
    stories = (
        Story.objects.published()
        .filter(municipality=municipality)
        .annotate(src=Value(2, IntegerField()), replicates=Value(None, IntegerField()))
        .values("pk", "title_ky", "title_ru", "theme", "published_at", "src", "replicates")
        .order_by()  # SQLite refuses ORDER BY inside the parts of a UNION
    )
    rows = list(practices.union(stories, all=True).order_by("-published_at")[:PROFILE_BLOCK_SIZE])
    themes = dict(Theme.choices)
    items = []
    for row in rows:
        other = "title_ky" if lang == "ru" else "title_ru"
        title = row[_title_column(lang)] or row[other]
        if row["src"] == 1:
            url = reverse("practices:detail", kwargs={"pk": row["pk"]})
            meta = _("Best practice") + " · " + str(themes.get(row["theme"], ""))
            if row["replicates"]:
                meta += " · " + _("replicated from another municipality")
        else:
            url = reverse("stories:detail", kwargs={"pk": row["pk"]})
            meta = _("Success story") + " · " + str(themes.get(row["theme"], ""))
        items.append({"label": title, "url": url, "meta": meta})
    return {
        "title": _("Best practices and success stories"),
        "items": items,
        "more_url": reverse("practices:landing") + f"?municipality={municipality.slug}",
        "empty_text": _("This municipality has not published a best practice or a story yet."),
    }


def municipality_information_block(municipality) -> dict:
    """Published news and library documents of a municipality: ONE query, at most 5 items."""
    from django.utils.translation import get_language

    lang = (get_language() or "ky")[:2]
    news = (
        NewsItem.objects.published()
        .filter(municipality=municipality)
        .annotate(src=Value(1, IntegerField()), day=TruncDate("published_at"))
        .values("pk", "title_ky", "title_ru", "day", "src")
        .order_by()
    )
    documents = (
        Document.objects.published()
        .filter(municipality=municipality)
        .annotate(src=Value(2, IntegerField()), day=F("adopted_on"))
        .values("pk", "title_ky", "title_ru", "day", "src")
        .order_by()
    )
    rows = list(news.union(documents, all=True).order_by("-day")[:PROFILE_BLOCK_SIZE])
    items = []
    for row in rows:
        other = "title_ky" if lang == "ru" else "title_ru"
        title = row[_title_column(lang)] or row[other]
        if row["src"] == 1:
            url = reverse("information:news-detail", kwargs={"pk": row["pk"]})
            label = _("News item")
        else:
            url = reverse("information:document-detail", kwargs={"pk": row["pk"]})
            label = _("Document")
        day = formats.date_numeric(row["day"])
        items.append({"label": title, "url": url, "meta": f"{label} · {day}"})
    return {
        "title": _("News and documents"),
        "items": items,
        "more_url": reverse("information:news") + f"?municipality={municipality.slug}",
        "empty_text": _("This municipality has not published news or documents yet."),
    }


def funding_totals(practice_ids) -> dict:
    """Total cost per practice id (used where funding sources were not prefetched)."""
    return dict(
        FundingSource.objects.filter(practice_id__in=practice_ids)
        .values_list("practice_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )

"""Site-wide search: one index table filled from every section, queried in one place.

Each app registers what it makes searchable in <app>/search.py (autodiscovered). Saving or
deleting a registered object updates its ``SearchEntry``; ``manage.py search_reindex``
rebuilds everything. On PostgreSQL the search is full-text (a 'simple' dictionary for Kyrgyz,
'russian' for Russian) plus trigram similarity for typos, ranked, with highlighted matches.
On the SQLite demo it falls back to casefolded substring matching of every word.
"""

import datetime
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db import models
from django.db.models.signals import post_delete
from django.db.models.signals import post_save
from django.utils import translation
from django.utils.functional import Promise
from django.utils.html import escape
from django.utils.html import strip_tags
from django.utils.safestring import SafeString
from django.utils.safestring import mark_safe

LANGUAGES = ("ky", "ru")
TEXT_CONFIG = {"ky": "simple", "ru": "russian"}
MAX_QUERY_LENGTH = 200
MAX_TEXT = 20_000
RANK_WINDOW = 2_000
_MARK_START, _MARK_END = "\x02", "\x03"
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Searchable:
    kind: str
    label: str | Promise
    model: type[models.Model]
    title: str  # a translated field name ("title" -> title_ky / title_ru)
    texts: tuple[str, ...] = ()  # translated text fields; HTML is stripped
    is_public: Callable[[Any], bool] = lambda obj: True
    municipality: Callable[[Any], Any] = lambda obj: getattr(obj, "municipality", None)
    date: Callable[[Any], datetime.date | None] = lambda obj: None
    # Only objects this queryset returns are indexed by search_reindex.
    queryset: Callable[[], models.QuerySet] | None = None


REGISTRY: dict[str, Searchable] = {}
_BY_MODEL: dict[type, Searchable] = {}


def register(searchable: Searchable) -> Searchable:
    REGISTRY[searchable.kind] = searchable
    _BY_MODEL[searchable.model] = searchable
    post_save.connect(_saved, sender=searchable.model, weak=False, dispatch_uid=searchable.kind)
    post_delete.connect(
        _deleted, sender=searchable.model, weak=False, dispatch_uid=f"{searchable.kind}-del"
    )
    return searchable


def fold(text: str) -> str:
    return " ".join(text.casefold().split())


def clean_query(raw: str | None) -> str:
    """Search input is only ever text: control characters dropped, length bounded."""
    return " ".join(_CONTROL.sub(" ", raw or "").split())[:MAX_QUERY_LENGTH]


def _value(obj, field: str, lang: str) -> str:
    value = getattr(obj, f"{field}_{lang}", None)
    if value is None:
        value = getattr(obj, field, "")
    return strip_tags(str(value or ""))


def _entry_values(searchable: Searchable, obj) -> dict:
    values: dict[str, Any] = {}
    folded = []
    for lang in LANGUAGES:
        title = _value(obj, searchable.title, lang)
        text = " ".join(_value(obj, f, lang) for f in searchable.texts)[:MAX_TEXT]
        with translation.override(lang):
            url = obj.get_absolute_url()
        values.update({f"title_{lang}": title[:300], f"text_{lang}": text, f"url_{lang}": url})
        folded += [title, text]
    municipality = searchable.municipality(obj)
    values.update(
        {
            "municipality": municipality,
            "is_public": bool(searchable.is_public(obj)),
            "date": searchable.date(obj),
            "folded": fold(" ".join(folded)),
            "title_folded": fold(f"{values['title_ky']} {values['title_ru']}"),
        }
    )
    return values


def index_object(obj) -> None:
    """Write the object's entry; on PostgreSQL a trigger fills its vectors (migration 0006)."""
    from portal.models import SearchEntry

    searchable = _BY_MODEL.get(type(obj))
    if searchable is None:
        return
    SearchEntry.objects.update_or_create(
        kind=searchable.kind, object_id=obj.pk, defaults=_entry_values(searchable, obj)
    )


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        index_object(instance)


def _deleted(sender, instance, **kwargs) -> None:
    from portal.models import SearchEntry

    searchable = _BY_MODEL.get(sender)
    if searchable is not None:
        SearchEntry.objects.filter(kind=searchable.kind, object_id=instance.pk).delete()


ENTRY_FIELDS = [
    "title_ky", "title_ru", "text_ky", "text_ru", "url_ky", "url_ru",
    "municipality", "is_public", "date", "folded", "title_folded",
]


def reindex(
    kinds: list[str] | None = None,
    *,
    batch: int = 2_000,
    drop_indexes: bool = False,
    log: Callable[[str], None] | None = None,
) -> dict[str, int]:
    """Rebuild the index for the given kinds (all by default); returns entries written per kind.

    A batch at a time, so memory stays bounded at national scale. ``drop_indexes`` (PostgreSQL)
    drops the GIN indexes for the rebuild and builds them again afterwards: much faster for a
    large rebuild, but searches are slow meanwhile, so it is for benchmark and maintenance runs.
    """
    from portal.models import SearchEntry

    dropped = _drop_gin_indexes() if drop_indexes else []
    written: dict[str, int] = {}
    try:
        for kind, searchable in REGISTRY.items():
            if kinds and kind not in kinds:
                continue
            started = time.monotonic()
            queryset = (
                searchable.queryset() if searchable.queryset else searchable.model.objects.all()
            )
            if any(
                f.name == "municipality" and f.many_to_one for f in searchable.model._meta.fields
            ):
                queryset = queryset.select_related("municipality")  # not one query per object
            SearchEntry.objects.filter(kind=kind).exclude(
                object_id__in=queryset.values("pk")
            ).delete()
            ids = list(queryset.order_by("pk").values_list("pk", flat=True))
            for offset in range(0, len(ids), batch):
                objs = queryset.filter(pk__in=ids[offset : offset + batch])
                SearchEntry.objects.bulk_create(
                    [
                        SearchEntry(kind=kind, object_id=obj.pk, **_entry_values(searchable, obj))
                        for obj in objs
                    ],
                    batch_size=500,
                    update_conflicts=True,
                    unique_fields=["kind", "object_id"],
                    update_fields=ENTRY_FIELDS,
                )
            written[kind] = len(ids)
            if log:
                log(f"  search: {kind} {len(ids)} in {time.monotonic() - started:.1f}s")
    finally:
        _create_indexes(dropped, log)
    return written


def _drop_gin_indexes() -> list[str]:
    """Drop the search table's GIN indexes; returns their definitions to build them again."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        _no_pending_checks(cursor)
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename = 'portal_searchentry' AND indexdef LIKE '%%USING gin%%'"
        )
        found = cursor.fetchall()
        for name, _definition in found:
            cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
    return [definition for _name, definition in found]


def _no_pending_checks(cursor) -> None:
    """Inside a transaction, deferred foreign-key checks must run before DDL on the table."""
    if connection.in_atomic_block:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")


def _create_indexes(definitions: list[str], log: Callable[[str], None] | None) -> None:
    if not definitions:
        return
    started = time.monotonic()
    with connection.cursor() as cursor:
        _no_pending_checks(cursor)
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for definition in definitions:
            cursor.execute(definition)
        cursor.execute("RESET maintenance_work_mem")
    if log:
        log(f"  search: {len(definitions)} GIN indexes built in {time.monotonic() - started:.1f}s")


# --- querying --------------------------------------------------------------------------------


@dataclass
class Hit:
    kind: str
    label: str
    title: str
    url: str
    snippet: SafeString
    municipality: Any
    date: datetime.date | None


def search(query: str, *, kinds: list[str] | None = None, municipality=None):
    """Public entries matching the query, best first, as a queryset of SearchEntry."""
    from portal.models import SearchEntry

    entries = SearchEntry.objects.filter(is_public=True).select_related(
        "municipality", "municipality__parent"
    )
    if kinds:
        entries = entries.filter(kind__in=kinds)
    if municipality is not None:
        entries = entries.filter(municipality=municipality)
    if connection.vendor == "postgresql":
        return _search_postgres(entries, query)
    return _search_fallback(entries, query)


def _search_postgres(entries, query: str):
    """Full text first; trigram similarity on titles only when full text finds nothing.

    The OR of both would scan every entry for similarity; common words already match many
    entries, and a typo usually matches none, which is when similarity is worth its cost.
    Ranking costs a read of both vectors per match, so a common word's matches are ranked
    among the newest ``RANK_WINDOW`` of them (undated entries, the municipalities, always
    among them): beyond that, nobody reads on, and the search view shows at most 1,000.
    """
    from django.contrib.postgres.search import SearchQuery
    from django.contrib.postgres.search import SearchRank
    from django.contrib.postgres.search import TrigramWordSimilarity
    from django.db.models import F
    from django.db.models import Q
    from django.db.models import Value

    lang = (translation.get_language() or "ky")[:2]
    other = "ru" if lang == "ky" else "ky"
    here = SearchQuery(query, config=TEXT_CONFIG[lang], search_type="websearch")
    there = SearchQuery(query, config=TEXT_CONFIG[other], search_type="websearch")
    full_text = entries.filter(Q(**{f"vector_{lang}": here}) | Q(**{f"vector_{other}": there}))
    if full_text.exists():
        newest = full_text.order_by(F("date").desc(nulls_first=True), "-pk").values("pk")
        return (
            entries.filter(pk__in=newest[:RANK_WINDOW])
            .annotate(
                # titles weigh more than texts through the vectors' weights (A and B)
                score=SearchRank(F(f"vector_{lang}"), here)
                + SearchRank(F(f"vector_{other}"), there) * 0.5
            )
            .order_by("-score", "-date", "pk")
        )
    return (
        entries.annotate(similarity=TrigramWordSimilarity(Value(fold(query)), "title_folded"))
        .filter(similarity__gte=0.45)
        .order_by("-similarity", "-date", "pk")
    )


def headlines(entries: list, query: str) -> dict[int, str]:
    """Highlighted excerpts for the entries of one page only (one query on PostgreSQL)."""
    if connection.vendor != "postgresql" or not entries:
        return {}
    from django.contrib.postgres.search import SearchHeadline
    from django.contrib.postgres.search import SearchQuery

    from portal.models import SearchEntry

    lang = (translation.get_language() or "ky")[:2]
    here = SearchQuery(query, config=TEXT_CONFIG[lang], search_type="websearch")
    rows = SearchEntry.objects.filter(pk__in=[e.pk for e in entries]).annotate(
        headline=SearchHeadline(
            f"text_{lang}",
            here,
            config=TEXT_CONFIG[lang],
            start_sel=_MARK_START,
            stop_sel=_MARK_END,
            max_words=35,
            min_words=15,
            max_fragments=2,
        )
    )
    return dict(rows.values_list("pk", "headline"))


def _search_fallback(entries, query: str):
    words = fold(query).split()
    for word in words[:10]:
        entries = entries.filter(folded__contains=word)
    return entries.order_by("-date", "pk")


def highlight(text: str, query: str, headline: str | None = None) -> SafeString:
    """Escape first, then mark: user text can never become HTML."""
    if headline:
        marked = escape(headline)
        return mark_safe(
            marked.replace(_MARK_START, "<mark>").replace(_MARK_END, "</mark>")
        )
    words = [w for w in fold(query).split() if len(w) > 1]
    folded = text.casefold()
    start = min((i for i in (folded.find(w) for w in words) if i >= 0), default=0)
    snippet = text[max(0, start - 80) : start + 220]
    marked = escape(snippet)
    for word in sorted(set(words), key=len, reverse=True):
        marked = re.sub(
            re.escape(escape(word)), lambda m: f"<mark>{m.group(0)}</mark>", marked, flags=re.I
        )
    prefix = "… " if start > 80 else ""
    return mark_safe(prefix + marked + (" …" if len(text) > start + 220 else ""))


def to_hit(entry, query: str, headline: str | None = None) -> Hit:
    lang = (translation.get_language() or "ky")[:2]
    other = "ru" if lang == "ky" else "ky"
    title = getattr(entry, f"title_{lang}") or getattr(entry, f"title_{other}")
    text = getattr(entry, f"text_{lang}") or getattr(entry, f"text_{other}")
    searchable = REGISTRY.get(entry.kind)
    return Hit(
        kind=entry.kind,
        label=str(searchable.label) if searchable else entry.kind,
        title=title,
        url=getattr(entry, f"url_{lang}"),
        snippet=highlight(text, query, headline if headline and _MARK_START in headline else None),
        municipality=entry.municipality,
        date=entry.date,
    )

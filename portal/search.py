"""Site-wide search: one index table filled from every section, queried in one place.

Each app registers what it makes searchable in <app>/search.py (autodiscovered). Saving or
deleting a registered object updates its ``SearchEntry``; ``manage.py search_reindex``
rebuilds everything. Index and query are folded alike (portal.folding: ө→о, ү→у, ң→н, ё→е),
and a query word of five letters or more that no entry contains is read as the indexed words
one or two slips away (``SearchWord``, the lexicon). On PostgreSQL the search is full-text (a
'simple' dictionary for Kyrgyz, 'russian' for Russian), ranked; on the SQLite demo every word
(or one of its forgiven spellings) must occur in the folded text, title matches first.
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

from . import folding

LANGUAGES = ("ky", "ru")
TEXT_CONFIG = {"ky": "simple", "ru": "russian"}
MAX_QUERY_LENGTH = 200
MAX_TEXT = 20_000
RANK_WINDOW = 2_000
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


fold = folding.squeeze


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
    values = _entry_values(searchable, obj)
    SearchEntry.objects.update_or_create(
        kind=searchable.kind, object_id=obj.pk, defaults=values
    )
    _add_words(folding.words(values["folded"]))


def _add_words(found) -> None:
    from portal.models import SearchWord

    SearchWord.objects.bulk_create(
        [SearchWord(word=w, length=len(w)) for w in set(found)],
        batch_size=1_000,
        ignore_conflicts=True,
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
    lexicon: set[str] = set()
    try:
        for kind, searchable in REGISTRY.items():
            if kinds and kind not in kinds:
                continue
            started = time.monotonic()
            queryset = (
                searchable.queryset()
                if searchable.queryset
                else searchable.model._default_manager.all()
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
                rows = [
                    SearchEntry(kind=kind, object_id=obj.pk, **_entry_values(searchable, obj))
                    for obj in objs
                ]
                for row in rows:
                    lexicon.update(folding.words(row.folded))
                SearchEntry.objects.bulk_create(
                    rows,
                    batch_size=500,
                    update_conflicts=True,
                    unique_fields=["kind", "object_id"],
                    update_fields=ENTRY_FIELDS,
                )
            written[kind] = len(ids)
            if log:
                log(f"  search: {kind} {len(ids)} in {time.monotonic() - started:.1f}s")
        _refresh_lexicon(lexicon, complete=not kinds)
        if log:
            log(f"  search: {len(lexicon)} words in the lexicon")
    finally:
        _create_indexes(dropped, log)
    return written


def _refresh_lexicon(found: set[str], *, complete: bool) -> None:
    """Add the words found; a rebuild of every kind also forgets words no entry has any more."""
    from portal.models import SearchWord

    if complete:
        known = set(SearchWord.objects.values_list("word", flat=True).iterator())
        gone = list(known - found)
        for offset in range(0, len(gone), 5_000):
            SearchWord.objects.filter(word__in=gone[offset : offset + 5_000]).delete()
        found = found - known
    _add_words(found)


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

MAX_WORDS = 10
MAX_SPELLINGS = 6  # forgiven spellings tried for one word
KNN_CANDIDATES = 60  # lexicon words nearest by trigrams, checked for slips (PostgreSQL)


@dataclass
class Query:
    """What was typed, read as folded words, each with the spellings it stands for."""

    typed: str
    terms: list[list[str]]  # per word: the word itself, then forgiven spellings, nearest first

    @property
    def forgiven(self) -> bool:
        return any(len(spellings) > 1 for spellings in self.terms)

    @property
    def also(self) -> list[str]:
        """The forgiven spellings that were searched too, to say so on the page."""
        return [spelling for spellings in self.terms for spelling in spellings[1:]]

    @property
    def meant(self) -> str:
        """The folded words as most likely meant: a forgiven spelling where the word is unknown."""
        return " ".join(spellings[1] if len(spellings) > 1 else spellings[0]
                        for spellings in self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)


def interpret(typed: str) -> Query:
    """The query's words, and for an unknown word of five letters or more the ones meant.

    One query for the words the index knows, and one per unknown word on PostgreSQL (the
    lexicon's trigram index finds its nearest words); SQLite compares with the lexicon's words
    of about the same length, which is quick at the demo's size.
    """
    from portal.models import SearchWord

    typed_words = list(dict.fromkeys(folding.words(typed)))[:MAX_WORDS]
    if not typed_words:
        return Query(typed, [])
    unknown = [w for w in typed_words if len(w) >= folding.FORGIVING_FROM]
    if unknown:
        known = set(SearchWord.objects.filter(word__in=unknown).values_list("word", flat=True))
        unknown = [w for w in unknown if w not in known]
    terms = []
    for word in typed_words:
        spellings = [word]
        if word in unknown:
            spellings += folding.closest(word, _lexicon_near(word))[:MAX_SPELLINGS]
        terms.append(spellings)
    return Query(typed, terms)


def _lexicon_near(word: str) -> list[str]:
    from portal.models import SearchWord

    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramDistance

        return list(
            SearchWord.objects.annotate(distance=TrigramDistance("word", word))
            .order_by("distance")
            .values_list("word", flat=True)[:KNN_CANDIDATES]
        )
    near = SearchWord.objects.filter(
        length__gte=len(word) - folding.MAX_SLIPS, length__lte=len(word) + folding.MAX_SLIPS
    )
    return list(near.values_list("word", flat=True).iterator())


@dataclass
class Hit:
    kind: str
    label: str
    title: str
    url: str
    snippet: SafeString
    municipality: Any
    date: datetime.date | None


def search(query: "str | Query", *, kinds: list[str] | None = None, municipality=None):
    """Public entries matching the query, best first, as a queryset of SearchEntry."""
    from portal.models import SearchEntry

    if not isinstance(query, Query):
        query = interpret(query)
    entries = SearchEntry.objects.filter(is_public=True).select_related(
        "municipality", "municipality__parent"
    )
    if kinds:
        entries = entries.filter(kind__in=kinds)
    if municipality is not None:
        entries = entries.filter(municipality=municipality)
    if not query:
        return entries.none()
    if connection.vendor == "postgresql":
        return _search_postgres(entries, query)
    return _search_fallback(entries, query)


def _tsquery(query: Query) -> str:
    """Every word (one of its spellings) must occur; the words are letters and digits only."""
    return " & ".join(
        "(" + " | ".join(f"'{spelling}'" for spelling in spellings) + ")"
        for spellings in query.terms
    )


def _search_postgres(entries, query: Query):
    """Full text first; trigram similarity on titles only when full text finds nothing.

    The OR of both would scan every entry for similarity; common words already match many
    entries, and a typo the lexicon cannot place matches none, which is when similarity is
    worth trying. Ranking costs a read of both vectors per match, so a common word's
    matches are ranked among the newest ``RANK_WINDOW`` of them (undated entries, the
    municipalities, always among them): beyond that, nobody reads on, and the search view
    shows at most 1,000.
    """
    from django.contrib.postgres.lookups import TrigramWordSimilar
    from django.contrib.postgres.search import SearchQuery
    from django.contrib.postgres.search import SearchRank
    from django.contrib.postgres.search import TrigramWordSimilarity
    from django.db.models import F
    from django.db.models import Q
    from django.db.models import Value

    lang = (translation.get_language() or "ky")[:2]
    other = "ru" if lang == "ky" else "ky"
    raw = _tsquery(query)
    here = SearchQuery(raw, config=TEXT_CONFIG[lang], search_type="raw")
    there = SearchQuery(raw, config=TEXT_CONFIG[other], search_type="raw")
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
    typed = fold(query.typed)
    return (
        # the operator (word similarity of at least pg_trgm's 0.6) lets the trigram index
        # choose the titles; measuring similarity over every title took seconds
        entries.filter(TrigramWordSimilar(F("title_folded"), Value(typed)))
        .annotate(similarity=TrigramWordSimilarity(typed, "title_folded"))
        .order_by("-similarity", "-date", "pk")
    )


def _search_fallback(entries, query: Query):
    """SQLite: each word, or one of its spellings, occurs in the folded text; titles first."""
    from django.db.models import Case
    from django.db.models import IntegerField
    from django.db.models import Q
    from django.db.models import Value
    from django.db.models import When

    in_title = []
    for spellings in query.terms:
        anywhere, titled = Q(), Q()
        for spelling in spellings:
            anywhere |= Q(folded__contains=spelling)
            titled |= Q(title_folded__contains=spelling)
        entries = entries.filter(anywhere)
        in_title.append(Case(When(titled, then=Value(1)), default=Value(0)))
    score = sum(in_title[1:], in_title[0])
    return entries.annotate(
        score=models.ExpressionWrapper(score, output_field=IntegerField())
    ).order_by("-score", "-date", "pk")


def units_meant(query: Query, limit: int = 3) -> list[Hit]:
    """Units whose name is what the query spells once folded or forgiven, but not as typed.

    "Did you mean Түп району?" for "туп" or "Тупку": the link goes to the unit's page.
    """
    from portal.models import SearchEntry

    if not query:
        return []
    typed = " ".join(query.typed.lower().split())
    candidates = SearchEntry.objects.filter(
        kind="municipality", is_public=True, title_folded__contains=query.meant
    ).order_by("title_folded", "pk")[: limit * 4]
    return [
        to_hit(entry, query)
        for entry in candidates
        if typed not in " ".join((entry.title_ky + " " + entry.title_ru).lower().split())
    ][:limit]


def _marks(text: str, query: Query) -> list[tuple[int, int]]:
    """Where the query's words start in the text, to the end of each word (folded alike)."""
    stems = {
        spelling[: max(4, len(spelling) - 2)] if len(spelling) > 5 else spelling
        for spellings in query.terms
        for spelling in spellings
    }
    if not stems:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
        + r")\w*"
    )
    return [m.span() for m in pattern.finditer(folding.fold(text))]


def highlight(text: str, query: Query, *, width: int = 300) -> SafeString:
    """An excerpt around the first match with every match marked; escaped before marking,
    so user text can never become HTML."""
    spans = _marks(text, query)
    start = max(0, spans[0][0] - 80) if spans else 0
    end = start + width
    out, position = [], start
    for a, b in spans:
        if a < start or b > end:
            continue
        out += [escape(text[position:a]), "<mark>", escape(text[a:b]), "</mark>"]
        position = b
    out.append(escape(text[position:end]))
    prefix = "… " if start > 0 else ""
    suffix = " …" if len(text) > end else ""
    return mark_safe(prefix + "".join(out) + suffix)


def to_hit(entry, query: Query) -> Hit:
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
        snippet=highlight(text, query) if text else mark_safe(""),
        municipality=entry.municipality,
        date=entry.date,
    )

"""Reads of events: lists, pages, comments, the calendar and the municipality profile block."""

import calendar
import datetime
from decimal import ROUND_HALF_UP
from decimal import Decimal

from django.core.paginator import Paginator
from django.db.models import Case
from django.db.models import Count
from django.db.models import F
from django.db.models import IntegerField
from django.db.models import OuterRef
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models import When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality
from portal import formats
from portal.i18n import translated
from portal.permissions import can

from ..models import Alternative
from ..models import Comment
from ..models import CommentFlag
from ..models import Event
from ..models import OfflineTally

EVENT_RELATED = ("municipality", "municipality__parent", "municipality__parent__parent")


def public_events() -> QuerySet[Event]:
    """Events anyone may see: never drafts."""
    return Event.objects.filter(status__in=Event.PUBLIC_STATUSES)


def _percent(value: Decimal) -> Decimal:
    return (value * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _within(unit_field: str, slug: str) -> Q:
    """Events whose municipality is the unit or lies (up to two levels) under it."""
    return (
        Q(**{f"{unit_field}__slug": slug})
        | Q(**{f"{unit_field}__parent__slug": slug})
        | Q(**{f"{unit_field}__parent__parent__slug": slug})
    )


def event_list(*, filters: dict | None = None, queryset: QuerySet | None = None) -> QuerySet:
    """Public events with their place in the tree and visible comment counts, filtered."""
    filters = filters or {}
    qs = (queryset if queryset is not None else public_events()).select_related(*EVENT_RELATED)
    for key in ("oblast", "rayon", "municipality"):
        if filters.get(key):
            qs = qs.filter(_within("municipality", filters[key]))
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("date_from"):
        qs = qs.filter(ends_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(starts_at__date__lte=filters["date_to"])
    now = timezone.now()
    when = filters.get("when")
    if when == "upcoming":
        qs = qs.filter(ends_at__gte=now).order_by("starts_at", "pk")
    elif when == "past":
        qs = qs.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        qs = qs.order_by("-starts_at", "-pk")
    # A correlated count per listed event: joining all comments and grouping every public
    # event took seconds at national scale; this reads only the page's events' comments.
    visible_comments = (
        Comment.objects.filter(event=OuterRef("pk"), is_hidden=False)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return qs.annotate(
        comment_count=Coalesce(Subquery(visible_comments, output_field=IntegerField()), 0)
    )


UPCOMING_LOOKBACK = datetime.timedelta(days=31)


def upcoming_events(limit: int = 5) -> list[Event]:
    """Events not yet over. Events started more than a month ago are not looked at: the
    starts_at index then stays selective instead of walking years of past events."""
    now = timezone.now()
    return list(
        public_events()
        .exclude(status=Event.Status.CANCELLED)
        .filter(ends_at__gte=now, starts_at__gte=now - UPCOMING_LOOKBACK)
        .select_related("municipality")
        .order_by("starts_at", "pk")[:limit]
    )


def managed_events(user) -> QuerySet[Event]:
    """Every event (drafts too) of the municipalities the user works for; all for admins."""
    qs = Event.objects.select_related(*EVENT_RELATED).order_by("-starts_at", "-pk")
    if can(user, "participation.manage_all_events"):
        return qs
    return qs.filter(municipality__staff_memberships__user=user)


def event_for_page(pk: int) -> Event | None:
    return Event.objects.select_related(*EVENT_RELATED).filter(pk=pk).first()


def comments_page(*, event: Event, page_number, per_page: int):
    """One page of top-level comments, newest first, with authors and replies (3 queries)."""
    replies = Comment.objects.select_related("author").order_by("created", "pk")
    qs = (
        Comment.objects.filter(event=event, parent__isnull=True)
        .select_related("author")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("-created", "-pk")
    )
    paginator = Paginator(qs, per_page)
    page = paginator.get_page(page_number)
    for comment in page.object_list:
        comment.event = event
        for reply in comment.replies.all():
            reply.event = event
    return page


def alternatives_with_tally(event: Event) -> list[Alternative]:
    """Alternatives with online, hands and paper counts, in one query."""

    def offline(method: str) -> Subquery:
        return Subquery(
            OfflineTally.objects.filter(alternative=OuterRef("pk"), method=method).values(
                "count"
            )[:1],
            output_field=IntegerField(),
        )

    alternatives = list(
        Alternative.objects.filter(event=event)
        .annotate(
            online=Count("choices", distinct=True),
            hands=Coalesce(offline(OfflineTally.Method.HANDS), 0),
            paper=Coalesce(offline(OfflineTally.Method.PAPER), 0),
        )
        .order_by("position", "pk")
    )
    for alternative in alternatives:
        alternative.offline = alternative.hands + alternative.paper
        alternative.total = alternative.online + alternative.offline
    return alternatives


def tally_totals(alternatives: list[Alternative]) -> dict:
    totals = {
        key: sum(getattr(a, key) for a in alternatives)
        for key in ("online", "hands", "paper", "offline", "total")
    }
    for alternative in alternatives:
        alternative.percent = (
            _percent(Decimal(alternative.total) / Decimal(totals["total"]))
            if totals["total"]
            else None
        )
    return totals


def flagged_comments(user) -> QuerySet[Comment]:
    """Visible comments with unresolved flags the user may moderate, most flagged first."""
    qs = (
        Comment.objects.filter(is_hidden=False, flags__is_resolved=False)
        .select_related("author", "event", "event__municipality")
        .annotate(open_flags=Count("flags", filter=Q(flags__is_resolved=False), distinct=True))
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=CommentFlag.objects.filter(is_resolved=False).order_by("created"),
                to_attr="open_flag_list",
            )
        )
        .order_by("-open_flags", "created")
        .distinct()
    )
    if can(user, "participation.moderate_all_comments"):
        return qs
    return qs.filter(event__municipality__staff_memberships__user=user)


# --- Calendar -------------------------------------------------------------------------------


def month_calendar(*, year: int, month: int, filters: dict) -> list[list[dict]]:
    """Weeks of days, each with that day's public events (one query)."""
    tz = timezone.get_current_timezone()
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    start = datetime.datetime.combine(weeks[0][0], datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(
        weeks[-1][-1] + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz
    )
    filters = {k: v for k, v in filters.items() if k not in ("when", "date_from", "date_to")}
    events = event_list(filters=filters).filter(starts_at__lt=end, ends_at__gte=start)
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events.order_by("starts_at", "pk"):
        first = timezone.localtime(event.starts_at, tz).date()
        last = timezone.localtime(event.ends_at, tz).date()
        day = max(first, weeks[0][0])
        while day <= min(last, weeks[-1][-1]):
            by_day.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    return [
        [{"date": day, "in_month": day.month == month, "events": by_day.get(day, [])}
         for day in week]
        for week in weeks
    ]


# --- The municipality profile hook -----------------------------------------------------------


def municipality_profile_block(municipality: Municipality) -> dict:
    """Upcoming (else latest) public events of a municipality, for its profile page."""
    from django.urls import reverse

    now = timezone.now()
    soonest_first = Case(When(ends_at__gte=now, then=F("starts_at")), default=None)
    events = list(
        public_events()
        .filter(municipality=municipality)
        .order_by(soonest_first.asc(nulls_last=True), "-starts_at", "-pk")[:5]
    )
    items = [
        {
            "label": str(translated(event, "title")),
            "url": event.get_absolute_url(),
            "meta": f"{event.get_kind_display()} · "
            f"{formats.datetime_numeric(event.starts_at)}"
            + (f" · {event.get_status_display()}" if event.status == Event.Status.CANCELLED
               else ""),
        }
        for event in events
    ]
    return {
        "title": _("Events and hearings"),
        "items": items,
        "more_url": f"{reverse('events:landing')}?municipality={municipality.slug}",
        "empty_text": _("This municipality has not published any events yet."),
    }

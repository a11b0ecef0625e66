"""Public pages of civic participation (landing, lists, calendar, feeds, event pages, the
balance of attendance) and residents' actions (comment, flag, choose, attend, follow), with
the moderation of event comments. Views are thin: check the rule, call a selector or service;
the staff pages are in staff_views.py."""

import contextlib
import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import Http404
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from municipalities.models import Municipality
from portal import files
from portal import following as portal_following
from portal.exports import csv_response
from portal.htmx import vary_on_htmx
from portal.htmx import wants_fragment
from portal.i18n import translated
from portal.moderation import services as moderation
from portal.moderation.forms import FlagForm
from portal.moderation.forms import ReasonForm
from portal.permissions import can
from portal.permissions import require
from portal.sections import SECTIONS_BY_KEY
from portal.urls_abs import absolute
from portal.views import section_landing

from . import selectors
from . import services
from .forms import CommentForm
from .forms import EventFilterForm
from .ical import calendar_text
from .models import Attendance
from .models import Choice
from .models import Comment
from .models import Event
from .services import TRANSITIONS


def _vary(response):
    vary_on_htmx(response)
    return response


def _visible_event(request, pk: int) -> Event:
    event = selectors.event_for_page(pk)
    if event is None or not can(request.user, "participation.view_event", event):
        raise Http404  # drafts do not exist for the public
    return event


def _filter_form(request) -> EventFilterForm:
    units = list(
        Municipality.objects.filter(kind__in=("oblast", "city_republican", "rayon"))
        .only("pk", "slug", "name", "name_ky", "name_ru", "kind")
        .order_by("kind", "name")
    )
    return EventFilterForm(request.GET or None, units=units)


# --- Landing pages and lists ----------------------------------------------------------------


def landing(request):
    """What participation is, what comes next, and how balanced attendance has been."""
    year = timezone.localdate().year
    balance = selectors.scope_balance(unit=None, year=None)
    return section_landing(
        request,
        "participation",
        {
            "upcoming": selectors.upcoming_events(5),
            "balance": balance,
            "year": year,
        },
    )


def event_list(request):
    form = _filter_form(request)
    filters = form.filters()
    page = Paginator(selectors.event_list(filters=filters), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    municipality = None
    is_following = False
    if filters.get("municipality"):
        municipality = Municipality.objects.filter(slug=filters["municipality"]).first()
        if municipality and request.user.is_authenticated:
            is_following = portal_following.is_following(request.user, municipality)
    context = {
        "form": form,
        "page": page,
        "filter_query": _query_without_page(request),
        "municipality": municipality,
        "is_following": is_following,
        "can_add": can(request.user, "participation.add_event"),
    }
    template = "participation/event_list.html"
    if wants_fragment(request):
        template = "participation/partials/event_results.html"
    context["section"] = SECTIONS_BY_KEY["events"]
    return _vary(render(request, template, context))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("print", None)
    return query.urlencode()


def event_calendar(request):
    today = timezone.localdate()
    try:
        month = datetime.date.fromisoformat(request.GET.get("month", "") + "-01")
    except ValueError:
        month = today.replace(day=1)
    form = _filter_form(request)
    weeks = selectors.month_calendar(year=month.year, month=month.month, filters=form.filters())
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    query = request.GET.copy()
    query.pop("month", None)
    query.pop("print", None)
    return render(
        request,
        "participation/event_calendar.html",
        {
            "form": form,
            "weeks": weeks,
            "month": month,
            "previous": previous.strftime("%Y-%m"),
            "following": following.strftime("%Y-%m"),
            "extra_query": query.urlencode(),
            "today": today,
        },
    )


# --- Feeds ----------------------------------------------------------------------------------


def _ics(request, events, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(
        calendar_text(events=events, name=name, absolute=absolute),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


FEED_LIMIT = 500


def feed_all(request):
    events = selectors.event_list()[:FEED_LIMIT]
    return _ics(request, events, _("Events of municipalities"), "events.ics")


def feed_municipality(request, slug: str):
    unit = get_object_or_404(Municipality, slug=slug)
    events = selectors.event_list(filters={"municipality": slug})[:FEED_LIMIT]
    return _ics(request, events, str(translated(unit, "name")), f"{slug}.ics")


def feed_event(request, pk: int):
    event = selectors.event_for_page(pk)
    if event is None or not event.is_public:
        raise Http404  # a feed is public: drafts are never in it, not even for staff
    return _ics(request, [event], str(translated(event, "title")), f"event-{pk}.ics")


# --- The event page -------------------------------------------------------------------------


def _comment_section_context(request, event: Event) -> dict:
    page = selectors.comments_page(
        event=event, page_number=request.GET.get("page"), per_page=settings.PAGE_SIZE
    )
    user = request.user
    return {
        "event": event,
        "comments": page,
        "can_comment": can(user, "participation.comment_event", event),
        "can_moderate_here": can(user, "moderation.hide_item", Comment(event=event)),
        "can_take_part": can(user, "participation.take_part"),
        "comment_form": CommentForm(),
    }


def _choice_context(request, event: Event) -> dict:
    user = request.user
    alternatives = selectors.alternatives_with_tally(event)
    totals = selectors.tally_totals(alternatives)
    my_choice = None
    if user.is_authenticated:
        my_choice = (
            Choice.objects.filter(event=event, user=user).values_list("alternative_id", flat=True)
            .first()
        )
    return {
        "event": event,
        "alternatives": alternatives,
        "totals": totals,
        "my_choice": my_choice,
        "can_choose": can(user, "participation.choose_event", event),
    }


def _attend_context(request, event: Event) -> dict:
    user = request.user
    attending = False
    if user.is_authenticated:
        attending = Attendance.objects.filter(event=event, user=user).exists()
    return {
        "event": event,
        "attending": attending,
        "attend_count": Attendance.objects.filter(event=event).count(),
        "can_attend": can(user, "participation.attend_event", event),
    }


def event_detail(request, pk: int):
    event = _visible_event(request, pk)
    if wants_fragment(request) and request.GET.get("page"):
        # "Load more comments": only the next page of comments.
        return _vary(
            render(request, "participation/partials/comment_page.html",
                   _comment_section_context(request, event))
        )
    user = request.user
    can_change = can(user, "participation.change_event", event)
    context = {
        "event": event,
        "documents": list(event.documents.all()),
        "can_change": can_change,
        "transitions": [
            (value, label) for value, label in Event.Status.choices
            if value in TRANSITIONS.get(event.status, ())
        ] if can_change else [],
        "is_following": portal_following.is_following(user, event.municipality),
        **_comment_section_context(request, event),
        **_choice_context(request, event),
        **_attend_context(request, event),
    }
    if event.status in (Event.Status.HELD, Event.Status.RESULTS):
        context["balance"] = selectors.event_balance(event)
    return _vary(render(request, "participation/event_detail.html", context))


def _event_file_name(event: Event, field_file, what: str) -> str:
    extension = field_file.name.rsplit(".", 1)[-1].lower() if "." in field_file.name else "bin"
    return f"event-{event.pk}-{what}.{extension}"


def document_download(request, pk: int, document_pk: int):
    """An event document, only where the event itself may be seen (a draft's is a 404)."""
    event = _visible_event(request, pk)
    document = get_object_or_404(event.documents, pk=document_pk)
    return files.serve(
        request,
        document.file,
        filename=_event_file_name(event, document.file, f"document-{document.pk}"),
        content_type=files.content_type_of(document.file),
        private=not event.is_public,
    )


def protocol_download(request, pk: int):
    event = _visible_event(request, pk)
    return files.serve(
        request,
        event.protocol,
        filename=_event_file_name(event, event.protocol, "protocol"),
        content_type=files.content_type_of(event.protocol),
        private=not event.is_public,
    )


# --- Residents: comment, reply, flag, choose, attend, follow ---------------------------------


@require_POST
def comment_create(request, pk: int):
    event = _visible_event(request, pk)
    require(request, "participation.comment_event", event)
    form = CommentForm(request.POST)
    parent = None
    error = None
    if form.is_valid():
        if form.cleaned_data.get("parent"):
            parent = Comment.objects.filter(pk=form.cleaned_data["parent"], event=event).first()
            if parent is None:
                error = _("You can reply only to a comment on this event.")
        if error is None:
            try:
                services.comment_create(
                    user=request.user, event=event, text=form.cleaned_data["text"], parent=parent
                )
            except ValidationError as exc:
                error = " ".join(exc.messages)
    else:
        error = " ".join(str(e) for errs in form.errors.values() for e in errs)
    if wants_fragment(request):
        context = _comment_section_context(request, event)
        if error:
            context["comment_error"] = error
            context["comment_form"] = form
        # 200 even on an error: htmx swaps only successful responses, and the message
        # must replace the form the resident is looking at.
        response = render(request, "participation/partials/comments.html", context)
        response["HX-Retarget"] = "#comments"
        response["HX-Reswap"] = "outerHTML"
        return _vary(response)
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Your comment has been published."))
    return redirect(f"{event.get_absolute_url()}#comments")


def _comment(pk: int) -> Comment:
    return get_object_or_404(
        Comment.objects.select_related("event", "event__municipality", "author"), pk=pk
    )


def comment_flag(request, pk: int):
    comment = _comment(pk)
    if not comment.event.is_public:
        raise Http404
    require(request, "moderation.flag_item", comment)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        moderation.flag_create(user=request.user, obj=comment, reason=reason)
        if wants_fragment(request):
            return _vary(HttpResponse(
                '<p class="notice" role="status">'
                + _("Thank you: moderators will look at this comment.") + "</p>"
            ))
        messages.success(request, _("Thank you: moderators will look at this comment."))
        return redirect(f"{comment.event.get_absolute_url()}#comment-{comment.pk}")
    return render(request, "participation/comment_flag.html", {"form": form, "comment": comment})


def comment_hide(request, pk: int):
    comment = _comment(pk)
    require(request, "moderation.hide_item", comment)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            moderation.item_hide(
                actor=request.user, obj=comment, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if wants_fragment(request):
                replies = list(
                    comment.replies.select_related("author").order_by("created", "pk")
                )
                return _vary(render(
                    request,
                    "participation/partials/comment.html",
                    {"comment": comment, "event": comment.event, "can_moderate_here": True,
                     "can_take_part": True, "reply_list": replies},
                ))
            messages.success(request, _("The comment has been hidden and its author told."))
            return redirect(f"{comment.event.get_absolute_url()}#comment-{comment.pk}")
    return render(request, "participation/comment_hide.html", {"form": form, "comment": comment})


@require_POST
def comment_restore(request, pk: int):
    comment = _comment(pk)
    require(request, "moderation.hide_item", comment)
    try:
        moderation.item_restore(actor=request.user, obj=comment)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The comment is shown again."))
    return redirect(f"{comment.event.get_absolute_url()}#comment-{comment.pk}")


@require_POST
def comment_dismiss(request, pk: int):
    comment = _comment(pk)
    require(request, "moderation.hide_item", comment)
    moderation.flags_dismiss(actor=request.user, obj=comment)
    messages.success(request, _("The flags have been dismissed; the comment stays."))
    return redirect("moderation:queue")


@require_POST
def choose(request, pk: int):
    event = _visible_event(request, pk)
    require(request, "participation.choose_event", event)
    raw = request.POST.get("alternative", "")
    alternative = event.alternatives.filter(pk=int(raw)).first() if raw.isdigit() else None
    error = None
    if alternative is None:
        error = _("Choose one of this event's alternatives.")
    else:
        services.choice_set(user=request.user, event=event, alternative=alternative)
    if wants_fragment(request):
        context = _choice_context(request, event)
        context["choice_error"] = error
        context["choice_saved"] = error is None
        return _vary(render(request, "participation/partials/choice.html", context))
    if error:
        messages.error(request, error)
    else:
        messages.success(
            request, _("Your choice has been saved. You may change it until the choice closes.")
        )
    return redirect(f"{event.get_absolute_url()}#choice")


@require_POST
def attend(request, pk: int):
    event = _visible_event(request, pk)
    require(request, "participation.attend_event", event)
    with contextlib.suppress(IntegrityError):  # a double click races itself
        services.attendance_toggle(user=request.user, event=event)
    if wants_fragment(request):
        return _vary(render(request, "participation/partials/attend.html",
                            _attend_context(request, event)))
    return redirect(f"{event.get_absolute_url()}#attend")


@require_POST
def follow_toggle(request, slug: str):
    unit = get_object_or_404(Municipality, slug=slug)
    require(request, "participation.follow_municipality", unit)
    if portal_following.toggle_municipality(user=request.user, municipality=unit):
        messages.success(
            request,
            _(
                "You follow this municipality: we will e-mail you what it publishes. "
                "Choose how often on your following page."
            ),
        )
    else:
        messages.success(request, _("You no longer follow this municipality."))
    target = request.POST.get("next", "")
    if not target.startswith("/") or target.startswith("//"):
        target = f"{reverse('events:landing')}?municipality={unit.slug}"
    return redirect(target)


# --- Balance ----------------------------------------------------------------------------------


def _balance_scope(request):
    unit = None
    if request.GET.get("unit"):
        unit = Municipality.objects.filter(slug=request.GET["unit"]).first()
        if unit is None:
            raise Http404
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    return unit, year


def balance(request):
    unit, year = _balance_scope(request)
    units = list(
        Municipality.objects.filter(kind__in=("oblast", "city_republican", "rayon"))
        .only("pk", "slug", "name", "name_ky", "name_ru", "kind")
        .order_by("kind", "name")
    )
    return render(
        request,
        "participation/balance.html",
        {
            "balance": selectors.scope_balance(unit=unit, year=year),
            "unit": unit,
            "year": year,
            "years": selectors.balance_years(),
            "units": units,
            "csv_query": request.GET.urlencode(),
            "can_edit_shares": unit is not None
            and can(request.user, "participation.manage_events", unit),
        },
    )


BALANCE_CSV_HEADER = [
    "scope", "dimension", "group", "participants", "share_participants_percent",
    "share_population_percent", "expected_participants", "representation_ratio", "assessment",
    "under_represented", "over_represented", "representativeness_score", "events",
    "events_with_national_shares",
]


def _balance_csv(balance, filename: str, scope: str) -> HttpResponse:
    """Open data: one row per group (expected participants from each event's own
    municipality's shares, see selectors), then villages, parameters and sources."""
    return csv_response(filename, _balance_rows(balance, scope), header=BALANCE_CSV_HEADER,
                        bom=False)


def _balance_rows(balance, scope: str):
    blank = [""] * (len(BALANCE_CSV_HEADER) - 4)
    for dimension in balance.dimensions:
        for row in dimension.rows:
            yield [
                scope, dimension.dimension, row.group.key, row.count,
                row.share_percent, row.population_percent,
                row.expected_display, row.ratio, row.assessment,
                "yes" if row.under_represented else "no",
                "yes" if row.over_represented else "no",
                dimension.score, dimension.events, dimension.national_events,
            ]
    for village in balance.villages:
        yield [scope, "village", village["village"], village["count"], village["percent"],
               *blank[1:]]
    yield ["parameter", "", "min_expected_participants", balance.min_expected, *blank]
    for source in balance.sources:
        yield ["source", "", source, "", *blank]


def balance_csv(request):
    unit, year = _balance_scope(request)
    scope = f"{unit.slug if unit else 'kyrgyzstan'}/{year or 'all-years'}"
    return _balance_csv(
        selectors.scope_balance(unit=unit, year=year), "participation-balance.csv", scope
    )


def event_balance_csv(request, pk: int):
    event = selectors.event_for_page(pk)
    if event is None or not event.is_public:
        raise Http404  # open data: public events only
    return _balance_csv(selectors.event_balance(event), f"event-{pk}-balance.csv", f"event-{pk}")

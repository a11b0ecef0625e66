"""Printable reports of civic participation: the notice-board announcement and the protocol."""

import segno
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from portal.reports.registry import ReportType
from portal.reports.registry import register

from . import selectors
from .models import Event

RESULT_STATUSES = (Event.Status.HELD, Event.Status.RESULTS)


def _load(object_id: int) -> Event:
    return Event.objects.select_related(*selectors.EVENT_RELATED).get(pk=object_id)


def qr_svg(url: str) -> str:
    """An SVG QR code of the page's address, drawn in black so any printer renders it."""
    return mark_safe(  # segno writes the SVG itself; the URL is ours
        segno.make(url, error="m").svg_inline(scale=4, dark="#000", light="#fff", omitsize=False)
    )


def _announcement_context(event: Event) -> dict:
    return {
        "event": event,
        "alternatives": list(event.alternatives.order_by("position", "pk")),
    }


def _protocol_context(event: Event) -> dict:
    alternatives = selectors.alternatives_with_tally(event)
    return {
        "event": event,
        "alternatives": alternatives,
        "totals": selectors.tally_totals(alternatives),
        "balance": selectors.event_balance(event),
    }


def _sample(statuses) -> int | None:
    events = Event.objects.filter(status__in=statuses).order_by("-starts_at")
    return events.values_list("pk", flat=True).first()


register(
    ReportType(
        key="event-announcement",
        title=_("Event announcement for the notice board"),
        template="participation/reports/announcement_pdf.html",
        load=_load,
        is_public=lambda event: event.is_public,
        context=_announcement_context,
        large_type=True,
        sample=lambda: _sample([s for s in Event.Status.values if s != Event.Status.DRAFT]),
    )
)
register(
    ReportType(
        key="event-protocol",
        title=_("Event results protocol"),
        template="participation/reports/protocol_pdf.html",
        load=_load,
        is_public=lambda event: event.status in RESULT_STATUSES,
        context=_protocol_context,
        sample=lambda: _sample(RESULT_STATUSES),
    )
)

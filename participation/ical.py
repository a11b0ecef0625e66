"""iCalendar (RFC 5545) feeds of public events, written with the ``icalendar`` package
(escaping, line folding at 75 octets and UTC times are its business, not ours)."""

import datetime

import icalendar
from django.utils import timezone

from portal.i18n import translated

from .models import Event

PRODID = "-//LSG portal of the Kyrgyz Republic//participation//EN"


def _entry(event: Event, *, url: str, now: datetime.datetime) -> icalendar.Event:
    description = translated(event, "description").text
    summary = translated(event, "title").text
    cancelled = event.status == Event.Status.CANCELLED
    if cancelled:
        summary = f"[{event.get_status_display()}] {summary}"
    entry = icalendar.Event()
    entry.add("uid", f"event-{event.pk}@lsg-portal")
    entry.add("dtstamp", now)
    entry.add("last-modified", event.modified.astimezone(datetime.UTC))
    entry.add("dtstart", event.starts_at.astimezone(datetime.UTC))
    entry.add("dtend", event.ends_at.astimezone(datetime.UTC))
    entry.add("summary", summary)
    entry.add("description", (description + "\n\n" + url).strip())
    entry.add("location", translated(event, "place").text)
    entry.add("url", url)
    entry.add("categories", [str(event.get_kind_display())])
    entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    return entry


def calendar_text(*, events, name: str, absolute) -> str:
    """The feed; `absolute(path)` makes a full address so each entry links back."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", icalendar.vText(str(name)))  # an X- property: say it is text
    now = timezone.now().astimezone(datetime.UTC)
    for event in events:
        if not event.is_public:  # drafts never leave the house
            continue
        calendar.add_component(_entry(event, url=absolute(event.get_absolute_url()), now=now))
    return calendar.to_ical().decode("utf-8")

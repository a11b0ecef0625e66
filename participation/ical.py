"""iCalendar (RFC 5545) feeds of public events, written by hand: no dependency needed."""

import datetime

from django.utils import timezone

from portal.i18n import translated

from .models import Event


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space."""
    raw = line.encode("utf-8")
    if len(raw) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def _stamp(value: datetime.datetime) -> str:
    return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


def calendar_text(*, events, name: str, absolute) -> str:
    """The feed; `absolute(path)` makes a full address so each entry links back."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//LSG portal of the Kyrgyz Republic//participation//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_escape(name)}",
    ]
    now = timezone.now()
    for event in events:
        if not event.is_public:  # drafts never leave the house
            continue
        url = absolute(event.get_absolute_url())
        description = translated(event, "description").text
        summary = translated(event, "title").text
        if event.status == Event.Status.CANCELLED:
            summary = f"[{event.get_status_display()}] {summary}"
        lines += [
            "BEGIN:VEVENT",
            f"UID:event-{event.pk}@lsg-portal",
            f"DTSTAMP:{_stamp(now)}",
            f"LAST-MODIFIED:{_stamp(event.modified)}",
            f"DTSTART:{_stamp(event.starts_at)}",
            f"DTEND:{_stamp(event.ends_at)}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape((description + chr(10) + chr(10) + url).strip())}",
            f"LOCATION:{_escape(translated(event, 'place').text)}",
            f"URL:{url}",
            f"CATEGORIES:{_escape(event.get_kind_display())}",
            "STATUS:" + ("CANCELLED" if event.status == Event.Status.CANCELLED else "CONFIRMED"),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"

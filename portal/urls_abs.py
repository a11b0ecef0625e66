"""The site's own absolute addresses: one place, one setting (``SITE_URL``).

Everything that leaves the browser — e-mails, PDF reports and their QR codes, iCalendar feeds,
open data, unsubscribe links — carries addresses built here, never from the request's host
(which behind a proxy or in a Celery task is wrong or absent). ``SITE_URL`` is checked at start-up
by ``portal.checks.check_site_url``.
"""

from urllib.parse import urlsplit
from urllib.parse import urlunsplit

from django.conf import settings


def absolute(path: str) -> str:
    """``SITE_URL`` + a site path ("/ru/events/1/" -> "https://portal.example.kg/ru/events/1/")."""
    if not path.startswith("/") or path.startswith("//"):
        raise ValueError(f"not a site path: {path!r}")
    return f"{str(settings.SITE_URL).rstrip('/')}{path}"


def rebase(url: str) -> str:
    """The same path, query and fragment under ``SITE_URL`` (for URLs a library built itself)."""
    parts = urlsplit(url)
    return absolute(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))

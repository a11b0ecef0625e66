"""Start-up checks for settings the portal cannot run well without."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error
from django.core.checks import register

HINT = 'Set SITE_URL to the public address, e.g. SITE_URL="https://portal.example.kg".'


@register()
def check_site_url(app_configs=None, **kwargs) -> list[Error]:
    """SITE_URL: present, http(s), a bare origin (no path, query or fragment)."""
    value = str(getattr(settings, "SITE_URL", "") or "")
    if not value:
        return [Error("SITE_URL is not set: e-mails, PDFs, QR codes and feeds need the "
                      "site's public address.", hint=HINT, id="portal.E001")]
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return [Error(f"SITE_URL={value!r} is not an http:// or https:// address.",
                      hint=HINT, id="portal.E002")]
    if parts.path.strip("/") or parts.query or parts.fragment:
        return [Error(f"SITE_URL={value!r} must be only scheme and host (and port), "
                      "without a path, query or fragment.", hint=HINT, id="portal.E003")]
    return []

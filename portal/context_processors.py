"""What every page's frame needs: sections, the other language's address, the print address."""

from django.conf import settings
from django.urls import translate_url
from django.utils import timezone
from django.utils.translation import get_language

from .i18n import language_name
from .middleware import print_url
from .sections import SECTIONS


def site_frame(request) -> dict:
    current = get_language()
    path = request.get_full_path()
    alternates = [
        {
            "code": code,
            "name": language_name(code),
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
    return {
        "sections": SECTIONS,
        "language_alternates": alternates,
        "print_url": print_url(request),
        "print_version": getattr(request, "print_version", False),
        "page_address": request.build_absolute_uri(),
        "now": timezone.now(),
    }

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HistoryConfig(AppConfig):
    """One history of staff changes across the apps (see docs/architecture.md)."""

    name = "portal.history"
    label = "history"
    verbose_name = _("History of changes")

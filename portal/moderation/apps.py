from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    """One moderation core for every kind of citizen text (see docs/architecture.md)."""

    name = "portal.moderation"
    label = "moderation"
    verbose_name = _("Moderation")

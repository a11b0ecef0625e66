from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LawmakingConfig(AppConfig):
    """Law-making: public discussion of draft acts, nested in participation (see docs)."""

    name = "participation.lawmaking"
    label = "lawmaking"
    verbose_name = _("Law-making")

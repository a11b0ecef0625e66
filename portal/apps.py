from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        from django.contrib import admin
        from django.utils.module_loading import autodiscover_modules

        from . import checks  # noqa: F401  (registers the start-up checks)
        from .permissions import can

        # The Django admin is for site administrators only, not for every is_staff account.
        admin.site.has_permission = (  # type: ignore[method-assign]
            lambda request: can(request.user, "portal.view_admin")
        )
        # Each app registers its printable report types in <app>/reports.py.
        autodiscover_modules("reports")
        # ...and what it makes searchable in <app>/search.py.
        autodiscover_modules("search")
        # ...and, in <app>/registrations.py, what can be followed (portal.following), what its
        # sections' cached pages show (portal.page_cache) and its municipality profile blocks.
        autodiscover_modules("registrations")
        from . import page_cache

        page_cache.connect_signals()

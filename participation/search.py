from django.utils.translation import gettext_lazy as _

from portal.search import Searchable
from portal.search import register

from .models import Event

register(
    Searchable(
        kind="event",
        label=_("Events"),
        model=Event,
        title="title",
        texts=("description", "agenda", "decision"),
        is_public=lambda event: event.is_public,
        date=lambda event: event.starts_at.date() if event.starts_at else None,
    )
)

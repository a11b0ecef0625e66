from django.utils.translation import gettext_lazy as _

from portal.search import Searchable
from portal.search import register

from .models import Municipality

register(
    Searchable(
        kind="municipality",
        label=_("LSG bodies"),
        model=Municipality,
        title="name",
        municipality=lambda unit: unit,
    )
)

"""Draft acts in the site-wide search: public once published for discussion."""

from django.utils.translation import gettext_lazy as _

from portal.search import Searchable
from portal.search import register

from .models import Draft

register(
    Searchable(
        kind="draft",
        label=_("Draft acts"),
        model=Draft,
        title="title",
        texts=("explanatory_note", "adopted_text"),
        is_public=lambda draft: draft.is_public,
        date=lambda draft: draft.discussion_starts_at.date(),
    )
)

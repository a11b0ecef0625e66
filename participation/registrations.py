"""What civic participation adds to the portal's shared registries.

Autodiscovered by portal.apps: what can be followed, what each section's cached pages show,
the blocks on a municipality's profile, and event comments as a kind of moderated text.
"""

from django.utils.translation import gettext_lazy as _

from municipalities import profile_blocks
from portal import following
from portal import moderation
from portal import page_cache

from . import selectors
from .models import Comment

page_cache.register_content_app("participation")
page_cache.register_section("events", ("participation", "municipalities"))
page_cache.register_section("participation", ("participation", "municipalities"))

following.register_section("participation")
following.register_kind(
    following.ItemKind("event", "participation.Event", "participation", _("Event"))
)
following.register_kind(
    following.ItemKind("results", "participation.Event", "participation", _("Event results"))
)

profile_blocks.register(
    profile_blocks.ProfileBlock(
        key="participation",
        title=_("Events and participation"),
        empty_text=_("No events have been published for this municipality yet."),
        hook=selectors.municipality_profile_block,
        order=10,
    )
)

moderation.register(
    Comment,
    label=_("Comment on an event"),
    municipality="event__municipality",
    url=lambda comment: f"{comment.event.get_absolute_url()}#comment-{comment.pk}",
    is_public=lambda comment: comment.event.is_public,
    related=("event",),
)

"""What law-making adds to the portal's shared registries (autodiscovered by portal.apps)."""

from django.utils.translation import gettext_lazy as _

from municipalities import profile_blocks
from portal import following
from portal import moderation
from portal import page_cache

from . import selectors
from .models import DraftComment

page_cache.register_content_app("lawmaking")
page_cache.register_section("law-making", ("lawmaking", "municipalities"))

following.register_section("lawmaking")
following.register_kind(
    following.ItemKind("draft", "lawmaking.Draft", "lawmaking", _("Draft act"))
)

profile_blocks.register(
    profile_blocks.ProfileBlock(
        key="lawmaking",
        title=_("Draft acts"),
        empty_text=_("No draft acts have been published for discussion."),
        hook=selectors.municipality_profile_block,
        order=50,
    )
)

moderation.register(
    DraftComment,
    label=_("Comment on a draft act"),
    municipality="draft__municipality",
    url=lambda comment: f"{comment.draft.get_absolute_url()}#comment-{comment.pk}",
    is_public=lambda comment: comment.draft.is_public,
    related=("draft",),
)

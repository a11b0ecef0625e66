"""What practices and information exchange (news, documents) add to the shared registries.

Autodiscovered by portal.apps: what can be followed, what each section's cached pages show,
and the blocks on a municipality's profile.
"""

from django.utils.translation import gettext_lazy as _

from municipalities import profile_blocks
from portal import following
from portal import page_cache

from . import selectors

page_cache.register_content_app("practices")
for path in ("practices", "stories", "information"):
    page_cache.register_section(path, ("practices", "municipalities"))

following.register_section("information")
following.register_kind(
    following.ItemKind(
        "news",
        "practices.NewsItem",
        "information",
        _("News"),
        lambda item: item.status == "published",
    )
)

profile_blocks.register(
    profile_blocks.ProfileBlock(
        key="practices",
        title=_("Practices and stories"),
        empty_text=_("No practice or story has been published for this municipality yet."),
        hook=selectors.municipality_profile_block,
        order=40,
    )
)
profile_blocks.register(
    profile_blocks.ProfileBlock(
        key="information",
        title=_("News and documents"),
        empty_text=_("This municipality has not published news or documents yet."),
        hook=selectors.municipality_information_block,
        order=60,
    )
)

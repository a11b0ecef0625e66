"""What monitoring and evaluation add to the portal's shared registries (autodiscovered)."""

from django.utils.translation import gettext_lazy as _

from municipalities import profile_blocks
from portal import page_cache

from . import selectors

page_cache.register_section("monitoring", ("monitoring", "municipalities"))

profile_blocks.register(
    profile_blocks.ProfileBlock(
        key="monitoring",
        title=_("Monitoring and evaluation"),
        empty_text=_("No evaluation has been published for this municipality yet."),
        hook=selectors.municipality_profile_block,
        order=30,
    )
)

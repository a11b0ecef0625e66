"""What inter-budget relations add to the portal's shared registries (autodiscovered)."""

from django.utils.translation import gettext_lazy as _

from municipalities import profile_blocks
from portal import page_cache

from . import selectors

# The budget calendar links the hearings, which are participation's events.
page_cache.register_section("budgets", ("budgets", "participation", "municipalities"))

profile_blocks.register(
    profile_blocks.ProfileBlock(
        key="budgets",
        title=_("Budget"),
        empty_text=_("No budget has been published for this municipality yet."),
        hook=selectors.municipality_profile_block,
        order=20,
    )
)

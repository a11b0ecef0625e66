"""What practices, information exchange and citizens' questions add to the shared registries.

Autodiscovered by portal.apps: what can be followed, what each section's cached pages show,
and the blocks on a municipality's profile.
"""

from django.utils.translation import gettext_lazy as _

from municipalities import profile_blocks
from portal import following
from portal import page_cache

from . import questions_selectors
from . import selectors

page_cache.register_content_app("practices")
for path in ("practices", "stories", "information"):
    page_cache.register_section(path, ("practices", "municipalities"))

following.register_section("information")
following.register_kind(
    following.ItemKind(
        "answer",
        "practices.Question",
        "information",
        _("Answer to a citizen's question"),
        lambda question: question.is_answered and not question.is_hidden,
    )
)
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
profile_blocks.register(
    profile_blocks.ProfileBlock(
        key="questions",
        title=_("Citizens' questions"),
        empty_text=_("No one has asked this municipality a question yet."),
        hook=questions_selectors.municipality_questions_block,
        order=70,
    )
)

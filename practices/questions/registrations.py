"""What citizens' questions add to the portal's shared registries (autodiscovered by portal.apps).

Their pages live under /information/questions/: the page cache keeps them apart from news
and documents, and answers are followed with the information section.
"""

from django.utils.translation import gettext_lazy as _

from municipalities import profile_blocks
from portal import following
from portal import moderation
from portal import page_cache

from . import selectors
from .models import Question

page_cache.register_content_app("questions")
page_cache.register_section("information/questions", ("questions", "municipalities"))

following.register_kind(
    following.ItemKind(
        "answer",
        "questions.Question",
        "information",
        _("Answer to a citizen's question"),
        lambda question: question.is_answered and not question.is_hidden,
    )
)

profile_blocks.register(
    profile_blocks.ProfileBlock(
        key="questions",
        title=_("Citizens' questions"),
        empty_text=_("No one has asked this municipality a question yet."),
        hook=selectors.municipality_questions_block,
        order=70,
    )
)

# A question is citizen text; the answer is the municipality's (staff), so it is not a kind.
moderation.register(
    Question,
    label=_("Citizen's question"),
    url=lambda question: question.get_absolute_url(),
    date="asked_at",
    text=lambda question: f"{question.title}\n\n{question.text}",
)

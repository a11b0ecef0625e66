"""Who may moderate what, for every registered kind of citizen text.

The municipality always comes from the object (``obj.municipality``: every registered model
has it). Moderators and site administrators moderate everywhere; a municipality's staff
moderate the texts of their own municipality. Blocked people take part in nothing.
"""

import rules

from portal.predicates import is_moderator
from portal.predicates import is_municipal_staff
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of

from . import registry


@rules.predicate
def is_blocked(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_moderation_blocked", None)
    if cached is None:
        from .models import UserBlock

        cached = UserBlock.objects.filter(user=user).exists()
        user._moderation_blocked = cached
    return cached


@rules.predicate
def is_active_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_moderated_text(user, obj) -> bool:
    return registry.kind_of(obj) is not None


@rules.predicate
def text_is_visible(user, obj) -> bool:
    kind = registry.kind_of(obj)
    return kind is not None and not obj.is_hidden and bool(kind.is_public(obj))


@rules.predicate
def is_text_author(user, obj) -> bool:
    kind = registry.kind_of(obj)
    return kind is not None and kind.author_id_of(obj) == user.pk


# Signed in, active and not blocked: may write any kind of citizen text (each kind's own
# permission adds its own conditions, e.g. an open event) and flag.
can_take_part = is_active_user & ~is_blocked
can_moderate = is_site_admin | is_moderator

rules.add_perm("moderation.take_part", can_take_part)
rules.add_perm(
    "moderation.flag_item", can_take_part & text_is_visible & ~is_text_author
)
rules.add_perm("moderation.hide_item", is_moderated_text & (can_moderate | is_staff_of))
# The queue: moderators everywhere, municipal staff for their own municipalities.
rules.add_perm("moderation.view_queue", can_moderate | is_municipal_staff)
# No object: moderates the texts of every municipality, not only of one's own units.
rules.add_perm("moderation.moderate_all", can_moderate)
rules.add_perm("moderation.block_user", can_moderate)

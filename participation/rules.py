"""Who may do what in civic participation. The municipality always comes from the object."""

import rules

from portal.predicates import is_moderator
from portal.predicates import is_municipal_staff
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of


@rules.predicate
def is_blocked(user) -> bool:
    if not user.is_authenticated:
        return False
    cached = getattr(user, "_participation_blocked", None)
    if cached is None:
        from .models import UserBlock

        cached = UserBlock.objects.filter(user=user).exists()
        user._participation_blocked = cached
    return cached


@rules.predicate
def is_active_user(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def event_is_public(user, event) -> bool:
    return event is not None and event.is_public


@rules.predicate
def event_is_open(user, event) -> bool:
    return event is not None and event.is_open


@rules.predicate
def event_choice_is_open(user, event) -> bool:
    return event is not None and event.choice_is_open


@rules.predicate
def event_accepts_attendance(user, event) -> bool:
    from .models import Event

    return (
        event is not None
        and event.status in (Event.Status.PUBLISHED, Event.Status.OPEN)
        and event.is_upcoming
    )


@rules.predicate
def comment_is_visible(user, comment) -> bool:
    return comment is not None and not comment.is_hidden and comment.event.is_public


@rules.predicate
def is_comment_author(user, comment) -> bool:
    return comment is not None and comment.author_id == user.pk


@rules.predicate
def is_national(user, share) -> bool:
    return share is not None and share.municipality_id is None


can_take_part = is_active_user & ~is_blocked
can_manage = is_site_admin | is_staff_of
can_moderate = is_site_admin | is_moderator

rules.add_perm("participation.view_event", event_is_public | can_manage)
# No object: signed in, active and not blocked (comment, flag, choose, attend anywhere open).
rules.add_perm("participation.take_part", can_take_part)
# May this user create events at all (no object), and for this municipality (object).
rules.add_perm("participation.add_event", is_site_admin | is_municipal_staff)
rules.add_perm("participation.manage_events", can_manage)
# No object: manages the events of every municipality (lists, the unit field of the form).
rules.add_perm("participation.manage_all_events", is_site_admin)
rules.add_perm("participation.change_event", can_manage)
rules.add_perm("participation.comment_event", can_take_part & event_is_open)
rules.add_perm("participation.choose_event", can_take_part & event_choice_is_open)
rules.add_perm("participation.attend_event", can_take_part & event_accepts_attendance)
rules.add_perm(
    "participation.flag_comment", can_take_part & comment_is_visible & ~is_comment_author
)
rules.add_perm("participation.hide_comment", can_moderate | is_staff_of)
rules.add_perm("participation.view_moderation_queue", can_moderate | is_municipal_staff)
# No object: moderates the comments of every municipality, not only of one's own units.
rules.add_perm("participation.moderate_all_comments", can_moderate)
rules.add_perm("participation.block_user", can_moderate)
rules.add_perm("participation.follow_municipality", is_active_user)
rules.add_perm("participation.change_referenceshare", is_site_admin | (~is_national & is_staff_of))

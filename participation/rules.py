"""Who may do what in civic participation. The municipality always comes from the object."""

import rules

from portal.moderation.rules import can_take_part
from portal.moderation.rules import is_active_user
from portal.predicates import is_municipal_staff
from portal.predicates import is_site_admin
from portal.predicates import is_staff_of


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
def is_national(user, share) -> bool:
    return share is not None and share.municipality_id is None


# Taking part (and being blocked from it) is the moderation core's: one block for every kind.
can_manage = is_site_admin | is_staff_of

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
# Flagging, hiding, the queue and blocking: portal/moderation/rules.py (every kind of text).
rules.add_perm("participation.follow_municipality", is_active_user)
rules.add_perm("participation.change_referenceshare", is_site_admin | (~is_national & is_staff_of))

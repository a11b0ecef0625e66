"""Who may do what in joint monitoring.

Membership of the cycle's group decides who files evaluations; the group's lead reviews and
publishes; municipal staff give the official response and follow the action plan but never
touch evaluations; whatever is published is read-only. The municipality and the group always
come from the object, never from the URL.
"""

import rules

from portal.predicates import is_site_admin
from portal.predicates import is_staff_of

from .models import Cycle
from .models import MonitoringAct
from .models import MonitoringGroup


def group_of(obj) -> MonitoringGroup | None:
    if obj is None:
        return None
    if isinstance(obj, MonitoringGroup):
        return obj
    if isinstance(obj, Cycle):
        return obj.group
    if isinstance(obj, MonitoringAct):
        return obj.cycle.group
    cycle = getattr(obj, "cycle", None)
    return cycle.group if cycle is not None else None


def cycle_of(obj) -> Cycle | None:
    if obj is None:
        return None
    if isinstance(obj, Cycle):
        return obj
    return getattr(obj, "cycle", None)


def _member_roles(user) -> dict[int, bool]:
    """group id -> is lead, read once per user object (i.e. once per request)."""
    cached = getattr(user, "_monitoring_groups", None)
    if cached is None:
        cached = dict(user.monitoring_memberships.values_list("group_id", "is_lead"))
        user._monitoring_groups = cached
    return cached


def _active(user) -> bool:
    return bool(user.is_authenticated and user.is_active)


@rules.predicate
def is_group_member(user, obj) -> bool:
    group = group_of(obj)
    return bool(group is not None and _active(user) and group.pk in _member_roles(user))


@rules.predicate
def is_group_lead(user, obj) -> bool:
    group = group_of(obj)
    return bool(group is not None and _active(user) and _member_roles(user).get(group.pk))


@rules.predicate
def is_cycle_open(user, obj) -> bool:
    cycle = cycle_of(obj)
    return cycle is not None and not cycle.is_published


@rules.predicate
def is_cycle_published(user, obj) -> bool:
    cycle = cycle_of(obj)
    return cycle is not None and cycle.is_published


@rules.predicate
def is_act_author(user, act) -> bool:
    return bool(_active(user) and act is not None and act.author.user_id == user.pk)


@rules.predicate
def is_act_editable(user, act) -> bool:
    return act is not None and act.is_editable


@rules.predicate
def is_act_submitted(user, act) -> bool:
    return act is not None and act.status == MonitoringAct.Status.SUBMITTED


@rules.predicate
def is_act_accepted(user, act) -> bool:
    return act is not None and act.status == MonitoringAct.Status.ACCEPTED


@rules.predicate
def is_act_published(user, act) -> bool:
    return act is not None and act.status == MonitoringAct.Status.PUBLISHED


@rules.predicate
def has_no_response(user, cycle) -> bool:
    return cycle is not None and not hasattr(cycle, "response")


@rules.predicate
def is_action_open(user, action) -> bool:
    return action is not None and action.is_open


@rules.predicate
def is_staff_of_cycle(user, obj) -> bool:
    cycle = cycle_of(obj)
    return cycle is not None and is_staff_of(user, cycle.municipality)


rules.add_perm("monitoring.view_cycle", rules.always_allow)
# Set-up: site administrators (the catalogue and groups also live in the admin) and the lead.
rules.add_perm("monitoring.add_cycle", is_site_admin | is_group_lead)
rules.add_perm("monitoring.change_plan", (is_site_admin | is_group_lead) & is_cycle_open)
# Filing: members only, in an open cycle; their own drafts (or returned acts) only.
rules.add_perm("monitoring.add_act", is_group_member & is_cycle_open)
rules.add_perm(
    "monitoring.view_act",
    is_act_published | is_group_member | is_site_admin,
)
# obj = the cycle: its unpublished acts, its whole history and dissents before publication.
rules.add_perm("monitoring.view_cycle_internals", is_group_member | is_site_admin)
rules.add_perm(
    "monitoring.change_act", is_act_author & is_act_editable & is_group_member & is_cycle_open
)
# Review: the lead accepts or returns submitted acts and publishes accepted ones.
rules.add_perm("monitoring.review_act", is_group_lead & is_act_submitted & is_cycle_open)
rules.add_perm("monitoring.publish_act", is_group_lead & is_act_accepted)
rules.add_perm("monitoring.add_dissent", is_group_member & is_cycle_open)
rules.add_perm("monitoring.change_findings", is_group_lead & is_cycle_open)
rules.add_perm("monitoring.publish_cycle", is_group_lead & is_cycle_open)
# The municipality answers the published results, once; it never edits evaluations.
rules.add_perm(
    "monitoring.respond_cycle", is_staff_of_cycle & is_cycle_published & has_no_response
)
# The action plan is joint and alive after publication: lead and municipal staff follow it.
rules.add_perm("monitoring.add_action", is_group_lead | is_staff_of_cycle)
rules.add_perm(
    "monitoring.change_action", (is_group_lead | is_staff_of_cycle) & is_action_open
)


"""The permission matrix: every permission × every role, in the states that matter."""

import pytest
from django.contrib.auth.models import AnonymousUser

from monitoring.models import Action
from monitoring.models import Cycle
from monitoring.models import MonitoringAct
from monitoring.models import MunicipalResponse
from portal.permissions import can

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "citizen", "staff", "other_staff", "moderator", "admin",
         "monitor_elsewhere", "member", "lead"]


def user_for(world, role):
    if role == "anonymous":
        return AnonymousUser()
    return getattr(world, role)


def fresh(user):
    """Predicates cache memberships on the user object; start each check clean."""
    for attr in ("_monitoring_groups", "_staff_levels"):
        if hasattr(user, attr):
            delattr(user, attr)
    return user


def allowed(world, perm, obj):
    return {role for role in ROLES if can(fresh(user_for(world, role)), perm, obj)}


def act_of(world, factory, author="member", status=MonitoringAct.Status.DRAFT):
    member = world.member_member if author == "member" else world.lead_member
    return factory(cycle=world.cycle, author=member, status=status)


def publish(cycle):
    cycle.status = Cycle.Status.PUBLISHED
    cycle.save()


def test_anyone_views_a_cycle(world):
    assert allowed(world, "monitoring.view_cycle", world.cycle) == set(ROLES)


def test_add_cycle_admin_and_lead(world):
    assert allowed(world, "monitoring.add_cycle", world.group) == {"admin", "lead"}


def test_change_plan_admin_and_lead_while_open(world):
    assert allowed(world, "monitoring.change_plan", world.cycle) == {"admin", "lead"}
    publish(world.cycle)
    assert allowed(world, "monitoring.change_plan", world.cycle) == set()


def test_only_members_file_acts_in_an_open_cycle(world):
    assert allowed(world, "monitoring.add_act", world.cycle) == {"member", "lead"}
    publish(world.cycle)
    assert allowed(world, "monitoring.add_act", world.cycle) == set()


def test_drafts_are_seen_by_the_group_published_acts_by_all(world, monitoring_act_factory):
    draft = act_of(world, monitoring_act_factory)
    assert allowed(world, "monitoring.view_act", draft) == {"member", "lead", "admin"}
    draft.status = MonitoringAct.Status.PUBLISHED
    assert allowed(world, "monitoring.view_act", draft) == set(ROLES)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (MonitoringAct.Status.DRAFT, {"member"}),
        (MonitoringAct.Status.RETURNED, {"member"}),
        (MonitoringAct.Status.SUBMITTED, set()),
        (MonitoringAct.Status.ACCEPTED, set()),
        (MonitoringAct.Status.PUBLISHED, set()),
    ],
)
def test_only_the_author_edits_own_draft_or_returned_act(
    world, monitoring_act_factory, status, expected
):
    act = act_of(world, monitoring_act_factory, status=status)
    assert allowed(world, "monitoring.change_act", act) == expected


def test_no_editing_once_the_cycle_is_published(world, monitoring_act_factory):
    act = act_of(world, monitoring_act_factory)
    publish(world.cycle)
    assert allowed(world, "monitoring.change_act", act) == set()


def test_a_member_who_left_the_group_cannot_edit(world, monitoring_act_factory):
    act = act_of(world, monitoring_act_factory)
    # Members who filed acts stay on record (PROTECT); leaving unlinks their account.
    world.member_member.user = None
    world.member_member.save()
    act.refresh_from_db()
    assert "member" not in allowed(world, "monitoring.change_act", act)


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (MonitoringAct.Status.SUBMITTED, {"lead"}),
        (MonitoringAct.Status.DRAFT, set()),
        (MonitoringAct.Status.ACCEPTED, set()),
    ],
)
def test_only_the_lead_reviews_submitted_acts(world, monitoring_act_factory, status, expected):
    act = act_of(world, monitoring_act_factory, status=status)
    assert allowed(world, "monitoring.review_act", act) == expected


def test_only_the_lead_publishes_accepted_acts(world, monitoring_act_factory):
    act = act_of(world, monitoring_act_factory, status=MonitoringAct.Status.ACCEPTED)
    assert allowed(world, "monitoring.publish_act", act) == {"lead"}
    act.status = MonitoringAct.Status.SUBMITTED
    assert allowed(world, "monitoring.publish_act", act) == set()


def test_members_record_dissent_while_open(world):
    assert allowed(world, "monitoring.add_dissent", world.cycle) == {"member", "lead"}
    publish(world.cycle)
    assert allowed(world, "monitoring.add_dissent", world.cycle) == set()


def test_lead_writes_findings_and_publishes_while_open(world):
    for perm in ("monitoring.change_findings", "monitoring.publish_cycle"):
        assert allowed(world, perm, world.cycle) == {"lead"}
    publish(world.cycle)
    for perm in ("monitoring.change_findings", "monitoring.publish_cycle"):
        assert allowed(world, perm, world.cycle) == set()


def test_staff_of_this_municipality_respond_once_after_publication(world):
    assert allowed(world, "monitoring.respond_cycle", world.cycle) == set()
    publish(world.cycle)
    cycle = Cycle.objects.get(pk=world.cycle.pk)
    assert allowed(world, "monitoring.respond_cycle", cycle) == {"staff"}
    MunicipalResponse.objects.create(cycle=cycle, text="ok", responded_by=world.staff)
    cycle = Cycle.objects.get(pk=world.cycle.pk)
    assert allowed(world, "monitoring.respond_cycle", cycle) == set()


def test_municipal_staff_never_alter_evaluations(world, monitoring_act_factory):
    for status in MonitoringAct.Status.values:
        act = act_of(world, monitoring_act_factory, status=status)
        for perm in ("monitoring.change_act", "monitoring.review_act", "monitoring.publish_act"):
            assert "staff" not in allowed(world, perm, act)


def test_action_plan_is_kept_by_lead_and_staff(world):
    assert allowed(world, "monitoring.add_action", world.cycle) == {"lead", "staff"}
    action = Action.objects.create(cycle=world.cycle, text="x", responsible="y",
                                   deadline="2026-12-31")
    assert allowed(world, "monitoring.change_action", action) == {"lead", "staff"}
    action.status = Action.Status.DONE
    assert allowed(world, "monitoring.change_action", action) == set()


def test_inactive_member_has_no_rights(world):
    world.member.is_active = False
    world.member.save()
    assert "member" not in allowed(world, "monitoring.add_act", world.cycle)

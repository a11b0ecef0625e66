import pytest
from pytest_factoryboy import register

from tests.monitoring.factories import CycleFactory
from tests.monitoring.factories import EvaluationFactory
from tests.monitoring.factories import GroupMemberFactory
from tests.monitoring.factories import IndicatorFactory
from tests.monitoring.factories import MonitoringActFactory
from tests.monitoring.factories import MonitoringGroupFactory
from tests.monitoring.factories import PlanItemFactory
from tests.monitoring.factories import ServiceAreaFactory

register(ServiceAreaFactory)
register(IndicatorFactory)
register(MonitoringGroupFactory)
register(GroupMemberFactory)
register(CycleFactory)
register(PlanItemFactory)
register(MonitoringActFactory)
register(EvaluationFactory)


class World:
    """One municipality with its group (a lead and a member), an open cycle, and the other
    roles the permission matrix needs."""

    def __init__(self, f):
        self.unit = f["municipality_factory"]()
        self.other_unit = f["municipality_factory"]()
        self.group = f["monitoring_group_factory"](municipality=self.unit)
        self.lead_member = f["group_member_factory"](group=self.group, is_lead=True)
        self.member_member = f["group_member_factory"](group=self.group)
        self.lead = self.lead_member.user
        self.member = self.member_member.user
        self.cycle = f["cycle_factory"](group=self.group)
        self.indicator = f["indicator_factory"]()
        f["plan_item_factory"](cycle=self.cycle, indicator=self.indicator)
        self.citizen = f["user_factory"]()
        self.staff = f["staff_of"](self.unit)
        self.other_staff = f["staff_of"](self.other_unit)
        self.moderator = f["user_factory"](is_moderator=True)
        self.admin = f["user_factory"](is_superuser=True, is_staff=True)
        self.monitor_elsewhere = f["user_factory"](is_monitor=True)


@pytest.fixture
def world(
    municipality_factory,
    monitoring_group_factory,
    group_member_factory,
    cycle_factory,
    indicator_factory,
    plan_item_factory,
    user_factory,
    staff_of,
):
    return World(locals())

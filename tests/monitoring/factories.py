from datetime import date
from decimal import Decimal

import factory

from monitoring.models import Cycle
from monitoring.models import Evaluation
from monitoring.models import GroupMember
from monitoring.models import Indicator
from monitoring.models import MonitoringAct
from monitoring.models import MonitoringGroup
from monitoring.models import PlanItem
from monitoring.models import ServiceArea
from tests.factories import MunicipalityFactory
from tests.factories import UserFactory


class ServiceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceArea
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"area-{n}")
    name_ky = factory.Sequence(lambda n: f"Кызмат {n}")
    name_ru = factory.Sequence(lambda n: f"Услуга {n}")
    order = factory.Sequence(lambda n: n)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    area = factory.SubFactory(ServiceAreaFactory)
    code = factory.Sequence(lambda n: f"indicator-{n}")
    name_ky = factory.Sequence(lambda n: f"Көрсөткүч {n}")
    name_ru = factory.Sequence(lambda n: f"Показатель {n}")
    definition_ky = "Аныктама"
    definition_ru = "Определение"
    scale = Indicator.Scale.SCORE
    direction = Indicator.Direction.HIGHER
    method = Indicator.Method.SURVEY


class MonitoringGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoringGroup

    municipality = factory.SubFactory(MunicipalityFactory)
    name_ky = "БМжБ тобу"
    name_ru = "Группа СМиО"
    basis = MonitoringGroup.Basis.COUNCIL
    decision_number = "1/2"
    decision_date = date(2025, 1, 15)


class GroupMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMember

    group = factory.SubFactory(MonitoringGroupFactory)
    user = factory.SubFactory(UserFactory)
    full_name = factory.Faker("name", locale="ru_RU")
    role = GroupMember.Role.RESIDENT
    gender = GroupMember.Gender.FEMALE
    birth_year = 1990
    is_lead = False


class CycleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cycle

    group = factory.SubFactory(MonitoringGroupFactory)
    municipality = factory.SelfAttribute("group.municipality")
    title_ky = factory.Sequence(lambda n: f"БМжБ цикли {n}")
    title_ru = factory.Sequence(lambda n: f"Цикл СМиО {n}")
    period_start = date(2026, 3, 1)
    period_end = date(2026, 6, 30)


class PlanItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlanItem

    cycle = factory.SubFactory(CycleFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    target = Decimal(4)


class MonitoringActFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MonitoringAct

    cycle = factory.SubFactory(CycleFactory)
    author = factory.SubFactory(GroupMemberFactory, group=factory.SelfAttribute("..cycle.group"))
    title_ky = "Суу түтүгү"
    title_ru = "Водопровод"
    place_ky = "Борбордук айыл"
    place_ru = "Центральное село"
    visited_on = date(2026, 4, 10)


class EvaluationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Evaluation

    act = factory.SubFactory(MonitoringActFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    value = Decimal(3)
    observed_on = date(2026, 4, 10)
    method = Indicator.Method.SURVEY

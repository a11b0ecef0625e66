"""Factories of the budgets section."""

from datetime import date
from decimal import Decimal

import factory

from budgets.models import BudgetYear
from budgets.models import CalendarStage
from budgets.models import ClassificationCode
from budgets.models import Transfer
from tests.factories import MunicipalityFactory


class ClassificationCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ClassificationCode
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"T{n:04d}")
    direction = "revenue"
    category = "local_taxes"
    name_ky = factory.Sequence(lambda n: f"Салык {n}")
    name_ru = factory.Sequence(lambda n: f"Налог {n}")


class BudgetYearFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetYear

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2025
    population = None


class TransferFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transfer

    municipality = factory.SubFactory(MunicipalityFactory)
    year = 2025
    kind = Transfer.Kind.EQUALIZATION
    amount = Decimal("1000000.00")
    purpose_ky = "Бюджетти теңдөө"
    purpose_ru = "Выравнивание"
    legal_basis_ky = "Бюджеттик кодекс, 54-берене"
    legal_basis_ru = "Бюджетный кодекс, ст. 54"
    date = date(2025, 2, 15)


class CalendarStageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalendarStage

    budget = factory.SubFactory(BudgetYearFactory)
    stage = CalendarStage.Stage.APPROVAL
    due_date = date(2025, 1, 31)

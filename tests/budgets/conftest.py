from decimal import Decimal

import pytest
from pytest_factoryboy import register

from budgets import services
from municipalities.models import Municipality
from tests.budgets.factories import BudgetYearFactory
from tests.budgets.factories import CalendarStageFactory
from tests.budgets.factories import ClassificationCodeFactory
from tests.budgets.factories import TransferFactory

register(ClassificationCodeFactory)
register(BudgetYearFactory)
register(TransferFactory)
register(CalendarStageFactory)

# code, direction, category
CODES = [
    ("1101", "revenue", "local_taxes"),
    ("1102", "revenue", "local_taxes"),
    ("1201", "revenue", "shared_taxes"),
    ("1301", "revenue", "non_tax"),
    ("1401", "revenue", "equalization"),
    ("1402", "revenue", "target"),
    ("2101", "expenditure", "general_services"),
    ("2901", "expenditure", "education"),
    ("2801", "expenditure", "culture_sport"),
]


@pytest.fixture
def codes(classification_code_factory):
    return {
        code: classification_code_factory(code=code, direction=direction, category=category)
        for code, direction, category in CODES
    }


@pytest.fixture
def oblast(municipality_factory):
    return municipality_factory(kind=Municipality.Kind.OBLAST, slug="test-oblast", population=None)


@pytest.fixture
def rayon(municipality_factory, oblast):
    return municipality_factory(
        kind=Municipality.Kind.RAYON, parent=oblast, slug="test-rayon", population=None
    )


@pytest.fixture
def aa(municipality_factory, rayon):
    return municipality_factory(parent=rayon, slug="test-aa", population=5000)


@pytest.fixture
def other_aa(municipality_factory, rayon):
    return municipality_factory(parent=rayon, slug="other-aa", population=2000)


def line(code, direction, category, approved, revised=None, executed=None):
    return {
        "direction": direction,
        "category": category,
        "code": code,
        "name_ky": f"Сап {code}",
        "name_ru": f"Строка {code}",
        "approved": Decimal(approved),
        "revised": None if revised is None else Decimal(revised),
        "executed": None if executed is None else Decimal(executed),
    }


STANDARD_LINES = [
    line("1101", "revenue", "local_taxes", "1000000", "1200000", "1100000"),
    line("1201", "revenue", "shared_taxes", "2000000", None, "1900000"),
    line("1401", "revenue", "equalization", "6000000", None, "6000000"),
    line("1402", "revenue", "target", "1000000", None, None),
    line("2101", "expenditure", "general_services", "4000000", None, "3900000"),
    line("2901", "expenditure", "education", "6000000", "6200000", "5000000"),
]


@pytest.fixture
def published(aa, codes, budget_year_factory, staff_of):
    """A budget of the test ayil aimak for 2025 with one published revision."""
    budget = budget_year_factory(municipality=aa, year=2025)
    services.budget_publish(budget=budget, lines=STANDARD_LINES, user=staff_of(aa))
    return budget

"""Budget arithmetic: totals, plan vs executed, per resident, shares, empty years."""

from decimal import Decimal

import pytest

from budgets import formatting
from budgets.figures import figures_from_lines
from budgets.figures import figures_from_sums
from budgets.selectors import budget_figures
from tests.budgets.conftest import STANDARD_LINES

pytestmark = pytest.mark.django_db


class L:
    def __init__(self, data):
        self.__dict__.update(data)
        self.planned = data["revised"] if data["revised"] is not None else data["approved"]


def test_totals_use_revised_amount_where_there_is_one():
    f = figures_from_lines([L(d) for d in STANDARD_LINES], 5000)
    # 1 200 000 (revised) + 2 000 000 + 6 000 000 + 1 000 000
    assert f.revenue_planned == Decimal("10200000")
    assert f.expenditure_planned == Decimal("10200000")  # 4 000 000 + 6 200 000
    assert f.revenue_executed == Decimal("9000000")  # lines without execution add nothing
    assert f.expenditure_executed == Decimal("8900000")
    assert f.balance_planned == 0


def test_transfer_dependence_and_own_revenue_share():
    f = figures_from_lines([L(d) for d in STANDARD_LINES], 5000)
    assert f.transfers_planned == Decimal("7000000")
    assert f.own_revenue_planned == Decimal("3200000")
    assert f.transfer_dependence == Decimal("7000000") / Decimal("10200000")
    assert f.own_revenue_share + f.transfer_dependence == 1
    assert f.transfer_dependence_executed == Decimal("6000000") / Decimal("9000000")


def test_per_resident_figures():
    f = figures_from_lines([L(d) for d in STANDARD_LINES], 5000)
    assert f.expenditure_per_resident == Decimal("2040")
    assert f.function_per_resident()["education"] == Decimal("1240")
    assert f.function_per_resident()["health"] == 0


@pytest.mark.parametrize("population", [None, 0])
def test_no_per_resident_figures_without_population(population):
    f = figures_from_lines([L(d) for d in STANDARD_LINES], population)
    assert f.expenditure_per_resident is None
    assert f.revenue_per_resident is None
    assert f.function_per_resident()["education"] is None


def test_an_empty_year_has_zero_totals_and_no_shares():
    f = figures_from_lines([], 5000)
    assert f.is_empty
    assert f.revenue_planned == 0
    assert f.revenue_executed is None
    assert f.transfer_dependence is None
    assert f.own_revenue_share is None
    assert f.revenue_execution_rate is None
    assert f.expenditure_per_resident == 0


def test_sums_from_the_database_match_the_lines(published):
    from budgets.selectors import municipality_budget_years

    [year] = municipality_budget_years(published.municipality)
    from_db = year["figures"]
    from_lines = budget_figures(published)
    for attr in (
        "revenue_planned",
        "revenue_executed",
        "expenditure_planned",
        "expenditure_executed",
        "transfer_dependence",
        "expenditure_per_resident",
    ):
        assert getattr(from_db, attr) == getattr(from_lines, attr), attr


def test_figures_from_sums_treats_no_execution_as_unknown():
    rows = [
        {
            "direction": "revenue",
            "category": "non_tax",
            "planned_sum": Decimal(5),
            "executed_sum": None,
            "executed_count": 0,
        }
    ]
    assert figures_from_sums(rows, 1).revenue_executed is None


def test_budget_population_overrides_the_directory(published):
    assert published.residents == 5000
    published.population = 4000
    assert published.residents == 4000
    published.population = None
    published.municipality.population = 0
    assert published.residents is None


def test_money_reads_the_same_in_both_languages():
    """Kyrgyz and Russian both write "1 234 567,50" (portal.formats); open data keeps a dot."""
    from django.utils import translation

    with translation.override("ru"):
        assert formatting.som(Decimal("1234567.5")) == "1\xa0234\xa0567,50"
        assert formatting.percent(Decimal("0.4567")) == "45,7\xa0%"
    with translation.override("ky"):
        assert formatting.som(Decimal("1234567.5")) == "1\xa0234\xa0567,50"
        assert formatting.percent(Decimal("0.4567")) == "45,7\xa0%"
    assert formatting.som(None) == "—"
    assert formatting.plain(Decimal("12.5")) == "12.50"

"""Scale: budget pages and comparisons run a fixed number of queries, however many rows.

Each page is measured with one row, then with many (all units of an oblast, ten years, many
lines, transfers and stages); the count must not grow, and stays under a pinned ceiling.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from budgets import services
from budgets.models import BudgetYear
from budgets.models import CalendarStage
from budgets.models import Transfer
from municipalities.models import Municipality
from tests.budgets.conftest import STANDARD_LINES

pytestmark = pytest.mark.django_db

CEILING = 12  # session, user and memberships included for signed-in visitors
YEARS = range(2016, 2026)


def count(client, address) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(address)
    assert response.status_code == 200, address
    return len(ctx.captured_queries)


def add_budget(unit, year, user, lines=STANDARD_LINES):
    budget = BudgetYear.objects.create(municipality=unit, year=year, population=1000 + year)
    services.budget_publish(budget=budget, lines=lines, user=user)
    for kind in Transfer.Kind.values:
        Transfer.objects.create(
            municipality=unit,
            year=year,
            kind=kind,
            amount=Decimal("100"),
            purpose_ru="p",
            legal_basis_ru="b",
            date=date(year, 3, 1),
        )
    for index, stage in enumerate(CalendarStage.Stage.values):
        CalendarStage.objects.create(
            budget=budget, stage=stage, due_date=date(year - 1, 6, 1 + index)
        )
    return budget


def ky(name, **kwargs):
    with translation.override("ky"):
        return reverse(f"budgets:{name}", kwargs=kwargs)


@pytest.fixture
def grow(aa, rayon, oblast, municipality_factory, codes, staff_of):
    """Returns a function that fills the oblast with many units, each with ten years."""
    user = staff_of(aa)

    def fill():
        second_rayon = municipality_factory(
            kind=Municipality.Kind.RAYON, parent=oblast, population=None
        )
        units = (
            [aa]
            + [municipality_factory(parent=rayon) for _ in range(5)]
            + [municipality_factory(parent=second_rayon) for _ in range(4)]
            + [municipality_factory(kind=Municipality.Kind.CITY_OBLAST, parent=oblast)]
        )
        for unit in units:
            for year in YEARS:
                if not BudgetYear.objects.filter(municipality=unit, year=year).exists():
                    add_budget(unit, year, user)
        return units

    return user, fill


@pytest.mark.parametrize("signed_in", [False, True])
def test_query_counts_do_not_grow_with_rows(client, aa, grow, signed_in):
    user, fill = grow
    if signed_in:
        client.force_login(user)
    add_budget(aa, 2025, user, lines=STANDARD_LINES[:1])
    pages = [
        ky("landing"),
        ky("transfers"),
        ky("transfers") + "?year=2025",
        ky("municipality", slug=aa.slug),
        ky("budget-detail", slug=aa.slug, year=2025),
        ky("citizen", slug=aa.slug, year=2025),
        ky("revisions", slug=aa.slug, year=2025),
        ky("revision-detail", slug=aa.slug, year=2025, number=1),
        ky("compare", slug="test-rayon"),
        ky("compare", slug="test-oblast") + "?year=2020",
        ky("budget-export", slug=aa.slug, year=2025, fmt="csv"),
        ky("transfers-export", fmt="json"),
    ]
    small = {page: count(client, page) for page in pages}
    # The 2025 budget gets all lines, and a second revision; the oblast fills up.
    services.budget_publish(
        budget=BudgetYear.objects.get(municipality=aa, year=2025), lines=STANDARD_LINES, user=user
    )
    fill()
    assert BudgetYear.objects.count() == 11 * len(YEARS)
    for page in pages:
        large = count(client, page)
        assert large <= small[page], (page, small[page], large)
        assert large <= CEILING, (page, large)


def test_comparison_over_all_units_and_ten_years_is_pinned(
    client, grow, django_assert_max_num_queries
):
    _user, fill = grow
    fill()
    # area, units, years, budgets, line sums + the request's savepoint and its release
    with django_assert_max_num_queries(7):
        response = client.get(ky("compare", slug="test-oblast"))
    html = response.content.decode()
    assert html.count('<th scope="row"><a href=') == 11  # every unit of the oblast, one row

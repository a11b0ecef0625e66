"""The demo content of the section: plausible, bilingual, and idempotent."""

import io

import pytest

from budgets import demo
from budgets.models import BudgetRevision
from budgets.models import BudgetYear
from budgets.models import CalendarStage
from budgets.models import ClassificationCode
from budgets.models import Transfer
from budgets.selectors import budget_figures
from municipalities.models import Municipality

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_units(municipality_factory, rayon, oblast):
    for slug in ("tepkenskiy-aa", "ak-bulunskiy-aa", "kochkorskiy-aa"):
        municipality_factory(slug=slug, parent=rayon, population=None)
    municipality_factory(slug="karakol", kind=Municipality.Kind.CITY_OBLAST, parent=oblast)


def counts():
    return [
        m.objects.count()
        for m in (ClassificationCode, BudgetYear, BudgetRevision, Transfer, CalendarStage)
    ]


def test_demo_seed_is_idempotent_and_bilingual(demo_units):
    demo.seed(stdout=io.StringIO())
    first = counts()
    demo.seed(stdout=io.StringIO())
    assert counts() == first
    assert first[1] == 5 + 4 + 3 + 3
    assert first[2] == 2 * first[1]  # approved, then revised with execution
    for code in ClassificationCode.objects.all():
        assert code.name_ky
        assert code.name_ru
    for transfer in Transfer.objects.all():
        assert transfer.purpose_ky
        assert transfer.legal_basis_ru


def test_demo_amounts_are_plausible(demo_units):
    demo.seed(stdout=io.StringIO())
    aa = BudgetYear.objects.get(municipality__slug="tepkenskiy-aa", year=2024)
    figures = budget_figures(aa)
    # An ayil aimak budget is typically tens of millions of som.
    assert 10_000_000 < figures.revenue_planned < 100_000_000
    assert abs(figures.balance_planned) < 1000
    city = BudgetYear.objects.get(municipality__slug="karakol", year=2025)
    assert budget_figures(city).transfer_dependence < figures.transfer_dependence


def test_demo_calendar_document_is_served_by_its_view(demo_units, client):
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())  # the document is kept, not stored twice
    stage = CalendarStage.objects.get(stage="approval", document__gt="")
    budget = stage.budget
    url = f"/ru/budgets/{budget.municipality.slug}/{budget.year}/calendar/{stage.pk}/document/"
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")

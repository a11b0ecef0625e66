"""The annual budget as a printable report: the same figures, charts and tables as the page."""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from portal.reports.registry import ReportType
from portal.reports.registry import register

from . import selectors
from .models import BudgetYear
from .models import Direction


def _load(object_id: int) -> BudgetYear:
    return (
        BudgetYear.objects.select_related("municipality__parent__parent")
        .prefetch_related("lines")
        .get(pk=object_id)
    )


def _data(budget: BudgetYear) -> dict:
    transfers = selectors.budget_transfers(budget)
    return {
        "budget": budget,
        "unit": budget.municipality,
        "figures": selectors.budget_figures(budget),
        "lines": selectors.budget_lines_by_direction(budget),
        "transfers": transfers,
        "transfers_total": sum((t.amount for t in transfers), Decimal(0)),
        "stages": selectors.budget_calendar(budget),
    }


def _context(budget: BudgetYear) -> dict:
    from .views import _structure_chart  # the page's own charts, so paper and screen agree

    data = _data(budget)
    figures = data["figures"]
    return {
        **data,
        "revenue_chart": _structure_chart(figures, Direction.REVENUE, budget.year),
        "expenditure_chart": _structure_chart(figures, Direction.EXPENDITURE, budget.year),
    }


def _content_key(budget: BudgetYear) -> str:
    """The data only: the charts are drawn from it, with element ids numbered per drawing."""
    from portal.reports.services import fingerprint

    return fingerprint(_data(budget))


register(
    ReportType(
        key="budget-year",
        title=_("Annual budget"),
        template="budgets/reports/budget_pdf.html",
        load=_load,
        is_public=lambda budget: budget.published_at is not None,
        context=_context,
        content_key=_content_key,
        sample=lambda: BudgetYear.objects.filter(published_at__isnull=False)
        .order_by("-year")
        .values_list("pk", flat=True)
        .first(),
    )
)

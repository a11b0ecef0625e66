"""Budget arithmetic, kept apart from the database so it is exact and easy to test.

Figures are built from per-category sums: planned (the revised amount where there is one,
else the approved one) and executed (None while no line reports execution).
Own revenue is every revenue that is not a transfer from the republican budget; transfer
dependence is transfers ÷ revenues. Per-resident figures need a known, non-zero population.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from typing import TYPE_CHECKING

from .models import EXPENDITURE_CATEGORIES
from .models import REVENUE_CATEGORIES
from .models import TRANSFER_CATEGORIES
from .models import Direction

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

ZERO = Decimal("0")


def ratio(part: Decimal | None, whole: Decimal | None) -> Decimal | None:
    if part is None or not whole:
        return None
    return Decimal(part) / Decimal(whole)


@dataclass
class CategoryFigure:
    category: str
    label: StrOrPromise
    planned: Decimal = ZERO
    executed: Decimal | None = None

    @property
    def execution_rate(self) -> Decimal | None:
        return ratio(self.executed, self.planned)


@dataclass
class Figures:
    population: int | None
    revenue: dict[str, CategoryFigure] = field(default_factory=dict)
    expenditure: dict[str, CategoryFigure] = field(default_factory=dict)

    def add(
        self, direction: str, category: str, planned: Decimal, executed: Decimal | None
    ) -> None:
        side = self.revenue if direction == Direction.REVENUE else self.expenditure
        figure = side[category]
        figure.planned += planned or ZERO
        if executed is not None:
            figure.executed = (figure.executed or ZERO) + executed

    @staticmethod
    def _planned(side: dict[str, CategoryFigure]) -> Decimal:
        return sum((f.planned for f in side.values()), ZERO)

    @staticmethod
    def _executed(side: dict[str, CategoryFigure]) -> Decimal | None:
        values = [f.executed for f in side.values() if f.executed is not None]
        return sum(values, ZERO) if values else None

    @property
    def is_empty(self) -> bool:
        return not any(
            f.planned or f.executed for f in [*self.revenue.values(), *self.expenditure.values()]
        )

    # totals ----------------------------------------------------------------------------
    @property
    def revenue_planned(self) -> Decimal:
        return self._planned(self.revenue)

    @property
    def revenue_executed(self) -> Decimal | None:
        return self._executed(self.revenue)

    @property
    def expenditure_planned(self) -> Decimal:
        return self._planned(self.expenditure)

    @property
    def expenditure_executed(self) -> Decimal | None:
        return self._executed(self.expenditure)

    @property
    def balance_planned(self) -> Decimal:
        return self.revenue_planned - self.expenditure_planned

    @property
    def transfers_planned(self) -> Decimal:
        return sum((self.revenue[c].planned for c in TRANSFER_CATEGORIES), ZERO)

    @property
    def transfers_executed(self) -> Decimal | None:
        executed = (self.revenue[c].executed for c in TRANSFER_CATEGORIES)
        values = [v for v in executed if v is not None]
        return sum(values, ZERO) if values else None

    @property
    def own_revenue_planned(self) -> Decimal:
        return self.revenue_planned - self.transfers_planned

    @property
    def own_revenue_executed(self) -> Decimal | None:
        if self.revenue_executed is None:
            return None
        return self.revenue_executed - (self.transfers_executed or ZERO)

    # shares ----------------------------------------------------------------------------
    @property
    def transfer_dependence(self) -> Decimal | None:
        return ratio(self.transfers_planned, self.revenue_planned)

    @property
    def transfer_dependence_executed(self) -> Decimal | None:
        return ratio(self.transfers_executed, self.revenue_executed)

    @property
    def own_revenue_share(self) -> Decimal | None:
        return ratio(self.own_revenue_planned, self.revenue_planned)

    @property
    def own_revenue_share_executed(self) -> Decimal | None:
        return ratio(self.own_revenue_executed, self.revenue_executed)

    @property
    def revenue_execution_rate(self) -> Decimal | None:
        return ratio(self.revenue_executed, self.revenue_planned)

    @property
    def expenditure_execution_rate(self) -> Decimal | None:
        return ratio(self.expenditure_executed, self.expenditure_planned)

    # per resident ------------------------------------------------------------------------
    def per_resident(self, amount: Decimal | None) -> Decimal | None:
        if amount is None or not self.population:
            return None
        return Decimal(amount) / self.population

    @property
    def revenue_per_resident(self) -> Decimal | None:
        return self.per_resident(self.revenue_planned)

    @property
    def expenditure_per_resident(self) -> Decimal | None:
        return self.per_resident(self.expenditure_planned)

    @property
    def expenditure_executed_per_resident(self) -> Decimal | None:
        return self.per_resident(self.expenditure_executed)

    @property
    def own_revenue_per_resident(self) -> Decimal | None:
        return self.per_resident(self.own_revenue_planned)

    def function_per_resident(self) -> dict[str, Decimal | None]:
        return {c: self.per_resident(f.planned) for c, f in self.expenditure.items()}

    # structure ---------------------------------------------------------------------------
    def revenue_rows(self) -> list[CategoryFigure]:
        return [f for f in self.revenue.values() if f.planned or f.executed]

    def expenditure_rows(self) -> list[CategoryFigure]:
        return [f for f in self.expenditure.values() if f.planned or f.executed]

    def share_of_revenue(self, figure: CategoryFigure) -> Decimal | None:
        return ratio(figure.planned, self.revenue_planned)

    def share_of_expenditure(self, figure: CategoryFigure) -> Decimal | None:
        return ratio(figure.planned, self.expenditure_planned)


def empty_figures(population: int | None) -> Figures:
    from .models import Category

    labels = dict(Category.choices)
    return Figures(
        population=population or None,
        revenue={c.value: CategoryFigure(c.value, labels[c]) for c in REVENUE_CATEGORIES},
        expenditure={c.value: CategoryFigure(c.value, labels[c]) for c in EXPENDITURE_CATEGORIES},
    )


def figures_from_lines(lines: Iterable, population: int | None) -> Figures:
    """From BudgetLine objects (or anything with direction, category, planned, executed)."""
    figures = empty_figures(population)
    for line in lines:
        figures.add(line.direction, line.category, line.planned, line.executed)
    return figures


def figures_from_sums(rows: Iterable[dict], population: int | None) -> Figures:
    """From aggregated rows: {direction, category, planned_sum, executed_sum, executed_count}."""
    figures = empty_figures(population)
    for row in rows:
        executed = row["executed_sum"] if row.get("executed_count") else None
        figures.add(row["direction"], row["category"], row["planned_sum"] or ZERO, executed)
    return figures

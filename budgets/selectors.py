"""Reads of the budgets section. Every page's reads are a small, fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING
from typing import Any
from typing import TypedDict

from django.db.models import Count
from django.db.models import Max
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Subquery
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _

from municipalities.models import Municipality

from . import formatting
from .figures import Figures
from .figures import figures_from_lines
from .figures import figures_from_sums
from .models import BudgetLine
from .models import BudgetRevision
from .models import BudgetYear
from .models import CalendarStage
from .models import ClassificationCode
from .models import Direction
from .models import PendingImport
from .models import Transfer

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise
    from django_stubs_ext import WithAnnotations


class Totals(TypedDict):
    """Planned revenue and expenditure of a budget, summed over its lines (None: no lines)."""

    revenue: Decimal | None
    expenditure: Decimal | None


if TYPE_CHECKING:
    BudgetWithTotals = WithAnnotations[BudgetYear, Totals]

PLANNED = Coalesce("revised", "approved")
LINES_PLANNED = Coalesce("lines__revised", "lines__approved")
LINE_SUMS = {
    "planned_sum": Sum(PLANNED),
    "executed_sum": Sum("executed"),
    "executed_count": Count("executed"),
}


def budget_for_page(*, slug: str, year: int) -> BudgetYear:
    """The budget with its unit (and the unit's parents) and all lines: two queries."""
    return get_object_or_404(
        BudgetYear.objects.select_related("municipality__parent__parent").prefetch_related("lines"),
        municipality__slug=slug,
        year=year,
    )


def budget_figures(budget: BudgetYear) -> Figures:
    return figures_from_lines(budget.lines.all(), budget.residents)


def budget_lines_by_direction(budget: BudgetYear) -> dict[str, list[BudgetLine]]:
    lines: dict[str, list[BudgetLine]] = {
        Direction.REVENUE.value: [],
        Direction.EXPENDITURE.value: [],
    }
    for line in budget.lines.all():
        lines[line.direction].append(line)
    return lines


def budget_transfers(budget: BudgetYear) -> list[Transfer]:
    return list(
        Transfer.objects.filter(municipality_id=budget.municipality_id, year=budget.year).order_by(
            "date", "kind"
        )
    )


def budget_calendar(budget: BudgetYear) -> list[CalendarStage]:
    stages = list(budget.calendar_stages.all())
    stages.sort(key=lambda s: (s.due_date, CalendarStage.STAGE_ORDER.get(s.stage, 99)))
    return stages


def missing_stages(stages: list[CalendarStage]) -> list[StrOrPromise]:
    """Labels of standard stages that have not been put in the calendar at all."""
    present = {s.stage for s in stages}
    return [label for value, label in CalendarStage.Stage.choices if value not in present]


def budget_revisions(budget: BudgetYear) -> QuerySet[BudgetRevision]:
    return budget.revisions.select_related("published_by").order_by("-number")


def municipality_budget_years(municipality: Municipality) -> list[dict[str, Any]]:
    """Every year of a unit with its figures (one query, however many years)."""
    rows = (
        BudgetLine.objects.filter(budget__municipality=municipality)
        .values("budget__year", "budget__population", "direction", "category")
        .annotate(**LINE_SUMS)
        .order_by("budget__year")
    )
    by_year: dict[int, list[dict[str, Any]]] = defaultdict(list)
    populations: dict[int, int | None] = {}
    for row in rows:
        by_year[row["budget__year"]].append(row)
        populations[row["budget__year"]] = row["budget__population"]
    years = (
        BudgetYear.objects.filter(municipality=municipality)
        .values_list("year", "population")
        .order_by("year")
    )
    result = []
    for year, population in years:
        residents = population or municipality.population
        result.append(
            {"year": year, "figures": figures_from_sums(by_year.get(year, []), residents)}
        )
    return result


def latest_budgets(limit: int = 10) -> list[BudgetWithTotals]:
    """The last published budgets with their totals: the newest few are chosen first, so only
    their lines are summed (not every line of every budget before the sort)."""
    newest = (
        BudgetYear.objects.filter(published_at__isnull=False)
        .order_by("-published_at")
        .values("pk")[:limit]
    )
    return list(
        BudgetYear.objects.filter(pk__in=Subquery(newest))
        .select_related("municipality")
        .annotate(
            revenue=Sum(LINES_PLANNED, filter=Q(lines__direction=Direction.REVENUE)),
            expenditure=Sum(LINES_PLANNED, filter=Q(lines__direction=Direction.EXPENDITURE)),
        )
        .order_by("-published_at")[:limit]
    )


def _within(slug: str) -> Q:
    """Budgets of the unit with this address name or of a unit up to two levels under it."""
    return (
        Q(municipality__slug=slug)
        | Q(municipality__parent__slug=slug)
        | Q(municipality__parent__parent__slug=slug)
    )


def published_budgets(filters: dict[str, Any] | None = None) -> QuerySet[BudgetWithTotals]:
    """Every published budget year with its totals, newest year first, then by unit name.

    `filters` may hold `oblast`, `rayon`, `municipality` (address names) and `year`; an unknown
    address name simply matches nothing. One query per page, however many budgets.
    """
    filters = filters or {}
    qs = BudgetYear.objects.filter(published_at__isnull=False)
    for key in ("oblast", "rayon", "municipality"):
        if filters.get(key):
            qs = qs.filter(_within(filters[key]))
    if filters.get("year"):
        qs = qs.filter(year=filters["year"])
    return (
        qs.select_related("municipality")
        .annotate(
            revenue=Sum(LINES_PLANNED, filter=Q(lines__direction=Direction.REVENUE)),
            expenditure=Sum(LINES_PLANNED, filter=Q(lines__direction=Direction.EXPENDITURE)),
        )
        .order_by("-year", "municipality__name", "pk")
    )


def published_budget_years() -> list[int]:
    """The years for which at least one budget is published, newest first."""
    return list(
        BudgetYear.objects.filter(published_at__isnull=False)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def budget_years_with_totals(municipality: Municipality) -> QuerySet[BudgetWithTotals]:
    return (
        BudgetYear.objects.filter(municipality=municipality)
        .annotate(
            revenue=Sum(LINES_PLANNED, filter=Q(lines__direction=Direction.REVENUE)),
            expenditure=Sum(LINES_PLANNED, filter=Q(lines__direction=Direction.EXPENDITURE)),
        )
        .order_by("-year")
    )


def municipality_profile_block(municipality: Municipality) -> dict[str, Any]:
    """The budgets block on a municipality's profile page: the latest years, one query."""
    years = list(budget_years_with_totals(municipality)[:5])
    items = [
        {
            "label": _("Budget %(year)s") % {"year": budget.year},
            "url": reverse(
                "budgets:budget-detail", kwargs={"slug": municipality.slug, "year": budget.year}
            ),
            "meta": _("revenue %(revenue)s som, expenditure %(expenditure)s som")
            % {
                "revenue": formatting.som(budget.revenue, 0),
                "expenditure": formatting.som(budget.expenditure, 0),
            },
        }
        for budget in years
    ]
    return {
        "title": _("Local budget"),
        "items": items,
        "more_url": reverse("budgets:municipality", kwargs={"slug": municipality.slug})
        if items
        else None,
        "empty_text": _("No budget has been published for this unit yet."),
    }


# --- transfers -----------------------------------------------------------------------------


@dataclass
class TransferOverview:
    year: int | None
    years: list[int]
    kinds: list[tuple[str, StrOrPromise]]
    by_kind: dict[str, Decimal]
    total: Decimal
    by_oblast: list[dict[str, Any]]
    by_rayon: list[dict[str, Any]]
    by_year: list[dict[str, Any]]
    count: int


def _area_of(
    parent_kind: str | None, parent_id: int | None, grandparent_id: int | None
) -> tuple[int | None, int | None]:
    """(oblast id, rayon id) of a recipient from its parent's kind."""
    if parent_kind == Municipality.Kind.OBLAST:
        return parent_id, None
    if parent_kind == Municipality.Kind.RAYON:
        return grandparent_id, parent_id
    return None, None


def transfer_overview(year: int | None) -> TransferOverview:
    """National totals by type, oblast and rayon for a year, and by year: four queries."""
    kinds: list[tuple[str, StrOrPromise]] = list(Transfer.Kind.choices)
    by_year_rows = Transfer.objects.values("year", "kind").annotate(total=Sum("amount"))
    by_year: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for row in by_year_rows:
        by_year[row["year"]][row["kind"]] = row["total"]
    years = sorted(by_year, reverse=True)
    if year is None and years:
        year = years[0]
    of_year = Transfer.objects.filter(year=year) if year is not None else Transfer.objects.none()
    rows = (
        of_year.values(
            "kind",
            "municipality__parent_id",
            "municipality__parent__kind",
            "municipality__parent__parent_id",
        )
        .annotate(total=Sum("amount"), n=Count("id"))
    )
    by_kind: dict[str, Decimal] = {k: Decimal(0) for k, _label in kinds}
    areas: dict[tuple[str, int | None], dict[str, Decimal]] = defaultdict(
        lambda: {k: Decimal(0) for k, _label in kinds}
    )
    n = 0
    for row in rows:
        by_kind[row["kind"]] += row["total"]
        n += row["n"]
        oblast, rayon = _area_of(
            row["municipality__parent__kind"],
            row["municipality__parent_id"],
            row["municipality__parent__parent_id"],
        )
        areas[("oblast", oblast)][row["kind"]] += row["total"]
        if rayon:
            areas[("rayon", rayon)][row["kind"]] += row["total"]
    unit_ids = {unit_id for (_level, unit_id) in areas if unit_id}
    units = Municipality.objects.in_bulk(unit_ids) if unit_ids else {}

    def area_rows(level: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for (area_level, unit_id), totals in areas.items():
            if area_level != level:
                continue
            result.append(
                {
                    "unit": units.get(unit_id),
                    "by_kind": totals,
                    "total": sum(totals.values(), Decimal(0)),
                }
            )
        result.sort(key=lambda r: (r["unit"] is None, -r["total"]))
        return result

    return TransferOverview(
        year=year,
        years=years,
        kinds=kinds,
        by_kind=by_kind,
        total=sum(by_kind.values(), Decimal(0)),
        by_oblast=area_rows("oblast"),
        by_rayon=area_rows("rayon"),
        by_year=[
            {
                "year": y,
                "by_kind": by_year[y],
                "total": sum(by_year[y].values(), Decimal(0)),
            }
            for y in sorted(by_year)
        ],
        count=n,
    )


def transfers_for_export(year: int | None) -> QuerySet[Transfer]:
    qs = Transfer.objects.select_related("municipality").order_by("year", "municipality__slug")
    if year:
        qs = qs.filter(year=year)
    return qs


# --- comparisons ---------------------------------------------------------------------------


def comparison_units(area: Municipality) -> QuerySet[Municipality]:
    """Self-governing units inside a rayon or an oblast (children and grandchildren)."""
    return Municipality.objects.filter(
        Q(parent=area) | Q(parent__parent=area),
        kind__in=Municipality.SELF_GOVERNING_KINDS,
    ).order_by("name")


def comparison(area: Municipality, year: int | None) -> dict[str, Any]:
    """Per-resident spending by function and own-revenue share of the units in an area.

    Four queries, whatever the number of units and years.
    """
    units = list(comparison_units(area))
    unit_ids = [u.pk for u in units]
    years = sorted(
        BudgetYear.objects.filter(municipality_id__in=unit_ids)
        .values_list("year", flat=True)
        .distinct(),
        reverse=True,
    )
    if year is None and years:
        year = years[0]
    if year is None:  # no unit of the area has a budget
        return {"year": None, "years": years, "rows": [], "units_count": len(units)}
    budgets = dict(
        BudgetYear.objects.filter(municipality_id__in=unit_ids, year=year).values_list(
            "municipality_id", "population"
        )
    )
    sums: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        BudgetLine.objects.filter(budget__municipality_id__in=unit_ids, budget__year=year)
        .values("budget__municipality_id", "direction", "category")
        .annotate(**LINE_SUMS)
    ):
        sums[row["budget__municipality_id"]].append(row)
    rows = []
    for unit in units:
        if unit.pk not in budgets:
            continue
        residents = budgets[unit.pk] or unit.population
        rows.append({"unit": unit, "figures": figures_from_sums(sums[unit.pk], residents)})
    return {"year": year, "years": years, "rows": rows, "units_count": len(units)}


def area_for_comparison(slug: str) -> Municipality:
    return get_object_or_404(
        Municipality.objects.select_related("parent"),
        slug=slug,
        kind__in=[Municipality.Kind.OBLAST, Municipality.Kind.RAYON],
    )


def budget_areas() -> list[Municipality]:
    """Oblasts and rayons that have at least one unit with a budget (for the landing)."""
    ids: set[int] = set()
    for parent_id, parent_kind, grand_id in BudgetYear.objects.values_list(
        "municipality__parent_id", "municipality__parent__kind", "municipality__parent__parent_id"
    ).distinct():
        oblast, rayon = _area_of(parent_kind, parent_id, grand_id)
        ids.update(i for i in (oblast, rayon) if i)
    return list(Municipality.objects.filter(pk__in=ids).order_by("kind", "name"))


def latest_revision_number(budget: BudgetYear) -> int:
    return budget.revisions.aggregate(n=Max("number"))["n"] or 0


# --- revisions ------------------------------------------------------------------------------

DIFF_FIELDS = ("name_ky", "name_ru", "category", "approved", "revised", "executed")


def revision_diff(older: BudgetRevision | None, newer: BudgetRevision) -> list[dict[str, Any]]:
    """Lines added, removed and changed between two revisions, keyed by side and code."""
    before = {(d["direction"], d["code"]): d for d in (older.lines if older else [])}
    after = {(d["direction"], d["code"]): d for d in newer.lines}
    changes = []
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        if old is None:
            kind = "added"
        elif new is None:
            kind = "removed"
        else:
            kind = "changed"
        fields = [
            {
                "field": name,
                "old": (old or {}).get(name),
                "new": (new or {}).get(name),
            }
            for name in DIFF_FIELDS
            if (old or {}).get(name) != (new or {}).get(name)
        ]
        line = new or old
        assert line is not None  # the key is on one side at least
        changes.append(
            {
                "kind": kind,
                "direction": key[0],
                "code": key[1],
                "name_ky": line["name_ky"],
                "name_ru": line["name_ru"],
                "fields": fields,
            }
        )
    return changes


# --- single reads of the pages --------------------------------------------------------------


def municipality_for_budgets(slug: str) -> Municipality:
    """A unit with its two levels of parents (for the links to the area comparisons)."""
    return get_object_or_404(Municipality.objects.select_related("parent__parent"), slug=slug)


def self_governing_unit(slug: str) -> Municipality:
    """A unit that keeps its own budget (an ayil aimak or a city), else 404."""
    return get_object_or_404(Municipality, slug=slug, kind__in=Municipality.SELF_GOVERNING_KINDS)


def revision_pair(
    budget: BudgetYear, number: int
) -> tuple[BudgetRevision | None, BudgetRevision | None]:
    """Revision ``number`` of the budget and the one before it (each None if missing)."""
    pair = list(budget_revisions(budget).filter(number__in=[number, number - 1]))
    newer = next((r for r in pair if r.number == number), None)
    older = next((r for r in pair if r.number == number - 1), None)
    return older, newer


def budget_year_exists(*, municipality: Municipality, year: int) -> bool:
    return BudgetYear.objects.filter(municipality=municipality, year=year).exists()


def classification_codes() -> QuerySet[ClassificationCode]:
    return ClassificationCode.objects.order_by("direction", "code")


def pending_import_for_page(*, slug: str, year: int, pk: int) -> PendingImport:
    return get_object_or_404(
        PendingImport.objects.select_related("budget__municipality"),
        pk=pk,
        budget__municipality__slug=slug,
        budget__year=year,
    )


AMOUNT_FIELDS = ("approved", "revised", "executed")


def pending_import_lines(
    pending: PendingImport,
) -> tuple[list[dict[str, Any]], dict[str, dict[str, Decimal]]]:
    """The staged rows with their amounts as numbers, and the totals of each side."""
    lines = [
        {
            **row,
            **{k: None if row[k] is None else Decimal(row[k]) for k in AMOUNT_FIELDS},
        }
        for row in pending.rows
    ]
    totals = {}
    for direction in (Direction.REVENUE, Direction.EXPENDITURE):
        side = [row for row in lines if row["direction"] == direction]
        totals[direction.value] = {
            k: sum((row[k] for row in side if row[k] is not None), Decimal(0))
            for k in AMOUNT_FIELDS
        }
    return lines, totals


def calendar_stage_for_edit(budget: BudgetYear, pk: int | None) -> CalendarStage:
    """The budget's stage ``pk``, or a new, unsaved stage of the budget."""
    if pk:
        return get_object_or_404(CalendarStage, pk=pk, budget=budget)
    return CalendarStage(budget=budget)


def transfer_for_edit(pk: int | None) -> Transfer | None:
    """The transfer ``pk`` with its recipient, or None for a new one."""
    if not pk:
        return None
    return get_object_or_404(Transfer.objects.select_related("municipality"), pk=pk)

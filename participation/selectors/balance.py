"""Reads of the participation balance: who took part, compared with who lives there."""

from dataclasses import dataclass
from dataclasses import field
from decimal import ROUND_HALF_UP
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Case
from django.db.models import F
from django.db.models import IntegerField
from django.db.models import Max
from django.db.models import Q
from django.db.models import QuerySet
from django.db.models import Sum
from django.db.models import Value
from django.db.models import When

from municipalities.models import Municipality
from portal.i18n import translated

from ..models import AttendanceCount
from ..models import BalanceGroup
from ..models import Event
from ..models import ReferenceShare
from ..models import VillageAttendance
from .events import _percent
from .events import _within
from .events import public_events

# --- Balance ---------------------------------------------------------------------------------
#
# Who took part, compared with who lives there. For every event the number of participants
# counted in a dimension (gender, age, ethnic group) is split by the population shares of the
# event's OWN municipality (the national census shares for groups the municipality has no
# figure for): that is how many people of each group one would expect if every group came in
# proportion to its share. Observed and expected people are summed over all events of the
# scope, and a group's representation ratio is observed ÷ expected. One event is the case of
# a single event, so an event, a rayon and the country mean the same thing. Summing attendance
# first and comparing it with one set of shares (the old way) mixes north and south: Russians
# of Karakol looked over-represented nationally while every Karakol event showed them under.

UNDER_REPRESENTED = Decimal("0.8")
OVER_REPRESENTED = Decimal("1.25")  # 1 ÷ 0.8: the same distance from 1 on the other side
MIN_EXPECTED_DEFAULT = 5


def min_expected() -> Decimal:
    """Below this many expected people a group is not judged (a setting, default 5)."""
    return Decimal(str(getattr(settings, "PARTICIPATION_BALANCE_MIN_EXPECTED",
                               MIN_EXPECTED_DEFAULT)))


@dataclass
class UnitAttendance:
    """Attendance summed over one municipality's events, with the shares that apply there."""

    unit_id: int | None
    counts: dict[int, int]  # group id -> participants
    events: dict[str, int]  # dimension -> events with participants counted in it
    shares: dict[int, Decimal]  # group id -> percent: the unit's own figure, else national
    national: frozenset[int] = frozenset()  # groups whose figure is the national default


class Assessment:
    UNDER = "under_represented"
    OVER = "over_represented"
    FAIR = "in_proportion"
    TOO_FEW = "too_few_to_judge"
    NO_FIGURE = "no_population_figure"
    NO_DATA = "no_participants"


@dataclass
class BalanceRow:
    group: BalanceGroup
    count: int  # participants of the group, all events
    share: Decimal | None  # among participants, 0..1
    population_share: Decimal | None  # expected share, 0..1 (each event weighted by its size)
    expected: Decimal | None  # people one would expect; None without a population figure
    ratio: Decimal | None  # observed ÷ expected, rounded to 0.01
    judged: bool = False  # expected reached the minimum: the ratio counts

    @property
    def share_percent(self) -> Decimal | None:
        return None if self.share is None else _percent(self.share)

    @property
    def population_percent(self) -> Decimal | None:
        return None if self.population_share is None else _percent(self.population_share)

    @property
    def expected_display(self) -> Decimal | None:
        return None if self.expected is None else self.expected.quantize(
            Decimal("0.1"), rounding=ROUND_HALF_UP
        )

    @property
    def under_represented(self) -> bool:
        return self.judged and self.ratio is not None and self.ratio < UNDER_REPRESENTED

    @property
    def over_represented(self) -> bool:
        return self.judged and self.ratio is not None and self.ratio > OVER_REPRESENTED

    @property
    def too_few(self) -> bool:
        return self.share is not None and self.expected is not None and not self.judged

    @property
    def assessment(self) -> str:
        if self.share is None:
            return Assessment.NO_DATA
        if self.expected is None:
            return Assessment.NO_FIGURE
        if not self.judged:
            return Assessment.TOO_FEW
        if self.under_represented:
            return Assessment.UNDER
        if self.over_represented:
            return Assessment.OVER
        return Assessment.FAIR


@dataclass
class DimensionBalance:
    dimension: str
    label: str
    total: int
    rows: list[BalanceRow] = field(default_factory=list)
    score: Decimal | None = None
    events: int = 0  # events with participants counted in this dimension
    national_events: int = 0  # of them, events that used national shares (wholly or in part)
    national_unit_ids: list[int] = field(default_factory=list)
    national_units: list = field(default_factory=list)  # Municipality objects, for the page

    @property
    def under_represented(self) -> list[BalanceRow]:
        return [row for row in self.rows if row.under_represented]

    @property
    def over_represented(self) -> list[BalanceRow]:
        return [row for row in self.rows if row.over_represented]

    @property
    def too_few(self) -> list[BalanceRow]:
        return [row for row in self.rows if row.too_few]

    @property
    def more_national_units(self) -> int:
        return max(0, len(self.national_unit_ids) - len(self.national_units))


def _ratio(observed: int, expected: Decimal) -> Decimal:
    return (Decimal(observed) / expected).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def balance_compute(
    *,
    groups: list[BalanceGroup],
    units: list[UnitAttendance],
    minimum: Decimal | None = None,
) -> list[DimensionBalance]:
    """Shares, expected people, representation ratios and the score per dimension.

    For each unit (the events of one municipality) and dimension: n = participants counted in
    the dimension; the unit's shares are normalised over the dimension's groups that have a
    figure; expected(group) += n × normalised share. ratio = observed ÷ expected, summed over
    the units where the group has a figure. A group is judged only when its expected number
    reaches ``minimum`` (default: the setting); only judged groups are flagged (under 0.8,
    over 1.25) and enter the score = smallest ratio ÷ largest ratio (two judged groups at
    least, else no score). No participants: no shares, no ratios, no score.
    """
    minimum = min_expected() if minimum is None else Decimal(minimum)
    labels = dict(BalanceGroup.Dimension.choices)
    result = []
    for dimension in BalanceGroup.Dimension.values:
        in_dim = [g for g in groups if g.dimension == dimension]
        if not in_dim:
            continue
        ids = [g.pk for g in in_dim]
        observed = dict.fromkeys(ids, 0)  # all participants of the group
        known = dict.fromkeys(ids, 0)  # participants where the group has a population figure
        expected: dict[int, Decimal | None] = dict.fromkeys(ids)
        weight = dict.fromkeys(ids, 0)  # participants of the dimension where the group has one
        balance = DimensionBalance(dimension, str(labels[dimension]), 0)
        for unit in units:
            n = sum(unit.counts.get(pk, 0) for pk in ids)
            if not n:
                continue
            balance.total += n
            balance.events += unit.events.get(dimension, 0)
            ref_total = sum((unit.shares[pk] for pk in ids if pk in unit.shares), Decimal(0))
            if any(pk in unit.national for pk in ids):
                balance.national_events += unit.events.get(dimension, 0)
                if unit.unit_id is not None:
                    balance.national_unit_ids.append(unit.unit_id)
            for pk in ids:
                count = unit.counts.get(pk, 0)
                observed[pk] += count
                if pk in unit.shares and ref_total > 0:
                    known[pk] += count
                    weight[pk] += n
                    expected[pk] = (expected[pk] or Decimal(0)) + (
                        Decimal(n) * unit.shares[pk] / ref_total
                    )
        judged_ratios = []
        for group in in_dim:
            pk = group.pk
            total = balance.total
            share = Decimal(observed[pk]) / Decimal(total) if total else None
            exp = expected[pk] if total else None
            population = exp / Decimal(weight[pk]) if exp is not None and weight[pk] else None
            ratio = _ratio(known[pk], exp) if exp else None
            judged = ratio is not None and exp >= minimum
            if judged:
                judged_ratios.append(Decimal(known[pk]) / exp)
            balance.rows.append(BalanceRow(group, observed[pk], share, population, exp, ratio,
                                           judged))
        if len(judged_ratios) >= 2 and max(judged_ratios) > 0:
            balance.score = (min(judged_ratios) / max(judged_ratios)).quantize(
                Decimal("0.01"), rounding=ROUND_HALF_UP
            )
        result.append(balance)
    return result


def active_groups() -> list[BalanceGroup]:
    return list(BalanceGroup.objects.filter(is_active=True).order_by("dimension", "position"))


def reference_shares(municipality: Municipality | None) -> tuple[dict[int, Decimal], list[str]]:
    """The unit's own figure per group, else the national default; and the sources cited."""
    rows = ReferenceShare.objects.filter(
        Q(municipality__isnull=True) | Q(municipality=municipality)
    ).order_by("municipality_id")
    national: dict[int, Decimal] = {}
    own: dict[int, Decimal] = {}
    sources: dict[str, None] = {}
    for row in rows:
        (national if row.municipality_id is None else own)[row.group_id] = row.percent
        sources[row.source] = None
    merged = {**national, **own}
    return merged, list(sources)


@dataclass
class Balance:
    dimensions: list[DimensionBalance]
    villages: list[dict]
    sources: list[str]
    event_count: int = 0
    min_expected: Decimal = Decimal(MIN_EXPECTED_DEFAULT)
    is_event: bool = False  # one event (the page says "this event", not "N of M events")

    @property
    def is_empty(self) -> bool:
        return not any(d.total for d in self.dimensions) and not self.villages


def _villages(rows) -> list[dict]:
    rows = list(rows)
    total = sum(r["count"] for r in rows)
    return [
        {
            "village": r["village"],
            "count": r["count"],
            "percent": _percent(Decimal(r["count"]) / Decimal(total)) if total else None,
        }
        for r in rows
    ]


NATIONAL_UNITS_SHOWN = 12


def _event_counts(counts_qs: QuerySet, groups: list[BalanceGroup]
                  ) -> tuple[dict[int, dict[str, int]], int]:
    """Per municipality, how many events counted people in each dimension; and how many
    events have attendance at all. One pass over the counts: grouped by event first (a flag
    per dimension), then by municipality, where COUNT(DISTINCT …) would sort every row."""
    dimensions = BalanceGroup.Dimension.values
    flags = {
        f"d_{dim}": Max(Case(
            When(count__gt=0, group_id__in=[g.pk for g in groups if g.dimension == dim],
                 then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        ))
        for dim in dimensions
    }
    per_event = (
        counts_qs.order_by()
        .values("event_id")
        .annotate(unit=F("event__municipality_id"), **flags)
        .values_list("unit", *flags)
    )
    try:
        sql, params = per_event.query.sql_with_params()  # Django's own SQL, values as params
    except EmptyResultSet:  # no group in use at all
        return {}, 0
    sums = ", ".join(f"SUM({name})" for name in flags)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT unit, COUNT(*), {sums} FROM ({sql}) AS per_event GROUP BY unit",  # noqa: S608
            params,
        )
        rows = cursor.fetchall()
    by_unit = {row[0]: dict(zip(dimensions, row[2:], strict=True)) for row in rows}
    return by_unit, sum(row[1] for row in rows)


def _balance(counts_qs: QuerySet, villages, *, is_event=False) -> Balance:
    """The balance of the attendance counts in ``counts_qs``, in a fixed number of queries
    however many events and municipalities it spans: attendance summed by municipality ×
    group in SQL, then the shares of exactly those municipalities."""
    groups = active_groups()
    active = [g.pk for g in groups]
    counts_qs = counts_qs.filter(group_id__in=active).order_by()
    by_unit: dict[int, dict[int, int]] = {}
    for unit_id, group_id, total in counts_qs.values("event__municipality_id", "group_id").annotate(
        total=Sum("count")
    ).values_list("event__municipality_id", "group_id", "total"):
        by_unit.setdefault(unit_id, {})[group_id] = total or 0
    events, event_count = _event_counts(counts_qs, groups)
    national: dict[int, Decimal] = {}
    own: dict[int, dict[int, Decimal]] = {}
    sources_of: dict[int | None, dict[str, None]] = {}
    if by_unit:
        for unit_id, group_id, percent, source in ReferenceShare.objects.filter(
            Q(municipality__isnull=True) | Q(municipality_id__in=list(by_unit))
        ).values_list("municipality_id", "group_id", "percent", "source"):
            (national if unit_id is None else own.setdefault(unit_id, {}))[group_id] = percent
            sources_of.setdefault(unit_id, {})[source] = None
    units, sources = [], {}
    for unit_id, counts in sorted(by_unit.items()):
        mine = own.get(unit_id, {})
        fallback = frozenset(pk for pk in national if pk not in mine)
        units.append(UnitAttendance(unit_id, counts, events.get(unit_id, {}),
                                    {**national, **mine}, fallback))
        if fallback:
            sources.update(sources_of.get(None, {}))
        sources.update(sources_of.get(unit_id, {}))
    minimum = min_expected()
    dimensions = balance_compute(groups=groups, units=units, minimum=minimum)
    wanted = {pk for d in dimensions if d.total for pk in d.national_unit_ids}
    if wanted and not is_event:
        names = Municipality.objects.in_bulk(list(wanted))
        for dim in dimensions:
            listed = sorted(
                (names[pk] for pk in dim.national_unit_ids if pk in names),
                key=lambda unit: str(translated(unit, "name")),
            )
            dim.national_units = listed[:NATIONAL_UNITS_SHOWN]
    return Balance(dimensions, villages, list(sources), event_count, minimum, is_event)


def event_balance(event: Event) -> Balance:
    villages = _villages(
        VillageAttendance.objects.filter(event=event).values("village", "count").order_by(
            "-count", "village"
        )
    )
    return _balance(AttendanceCount.objects.filter(event=event), villages, is_event=True)


def _scope_filter(*, unit: Municipality | None, year: int | None, prefix: str = "") -> Q:
    """Held public events in a unit (and below it) and year; with ``prefix`` ("event") the
    same as a filter on a related event, so attendance counts join the events once instead
    of testing membership in a subquery of events."""
    path = f"{prefix}__" if prefix else ""
    q = Q(**{f"{path}status__in": (Event.Status.HELD, Event.Status.RESULTS)})
    if unit is not None:
        q &= _within(f"{path}municipality", unit.slug)
    if year:
        q &= Q(**{f"{path}starts_at__year": year})
    return q


def scope_events(*, unit: Municipality | None, year: int | None) -> QuerySet[Event]:
    return public_events().filter(_scope_filter(unit=unit, year=year))


def scope_balance(*, unit: Municipality | None, year: int | None) -> Balance:
    """Every held public event in a unit (and below it) and year: observed and expected
    people summed over the events, each event with its own municipality's shares."""
    scope = _scope_filter(unit=unit, year=year, prefix="event")
    villages = _villages(
        VillageAttendance.objects.filter(scope)
        .values("village")
        .annotate(count=Sum("count"))
        .order_by("-count", "village")
    )
    return _balance(AttendanceCount.objects.filter(scope), villages)


def balance_years() -> list[int]:
    return sorted(
        {d.year for d in scope_events(unit=None, year=None).dates("starts_at", "year")},
        reverse=True,
    )

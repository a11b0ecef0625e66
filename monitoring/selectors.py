"""Reads of joint monitoring: pages, scorecards and comparisons at a constant number of queries.

Scorecards count only evaluations of published acts. Each indicator's value is the mean of its
evaluations in the cycle; it is put on the common 0–100 scale by ``scoring.normalise`` (100 is
best whatever the direction); a service area's score is the mean of its indicators that have a
value. Missing values stay missing: they are never counted as zero.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Avg
from django.db.models import Count
from django.db.models import Prefetch
from django.db.models import Q
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality
from portal import formats
from portal.history import selectors as history_selectors
from portal.history.models import Change
from portal.i18n import translated
from portal.models import User
from portal.permissions import can

from .models import Action
from .models import ActionProgress
from .models import Cycle
from .models import DissentingOpinion
from .models import Evaluation
from .models import Evidence
from .models import GroupMember
from .models import Indicator
from .models import MonitoringAct
from .models import MonitoringGroup
from .models import PlanItem
from .models import ServiceArea
from .scoring import delta
from .scoring import mean
from .scoring import normalise

TWO_PLACES = Decimal("0.01")


# --- catalogue ---------------------------------------------------------------------------


def catalogue() -> list[tuple[ServiceArea, list[Indicator]]]:
    areas = ServiceArea.objects.prefetch_related(
        Prefetch("indicators", queryset=Indicator.objects.filter(is_active=True))
    )
    return [(area, list(area.indicators.all())) for area in areas]


# --- cycles ------------------------------------------------------------------------------


def cycle_queryset() -> QuerySet[Cycle]:
    return Cycle.objects.select_related(
        "municipality__parent", "group", "findings", "response__responded_by"
    )


def previous_cycle(cycle: Cycle) -> Cycle | None:
    """The municipality's last published cycle that started before this one."""
    return (
        Cycle.objects.filter(
            municipality_id=cycle.municipality_id,
            status=Cycle.Status.PUBLISHED,
            period_start__lt=cycle.period_start,
        )
        .order_by("-period_start")
        .first()
    )


def municipality_cycles(municipality: Municipality) -> QuerySet[Cycle]:
    return (
        Cycle.objects.filter(municipality=municipality)
        .select_related("group")
        .annotate(
            published_acts=Count(
                "acts", filter=Q(acts__status=MonitoringAct.Status.PUBLISHED), distinct=True
            ),
            action_count=Count("actions", distinct=True),
        )
        .order_by("-period_start")
    )


def municipality_groups(municipality: Municipality) -> QuerySet[MonitoringGroup]:
    return MonitoringGroup.objects.filter(municipality=municipality).annotate(
        member_count=Count("members", distinct=True),
        women_count=Count(
            "members", filter=Q(members__gender=GroupMember.Gender.FEMALE), distinct=True
        ),
    )


def visible_acts(cycle: Cycle, user: User | AnonymousUser) -> QuerySet[MonitoringAct]:
    """Published acts for everyone; the whole group's acts for members and site admins."""
    acts = cycle.acts.select_related("author").annotate(
        evaluation_count=Count("evaluations", distinct=True)
    )
    if can(user, "monitoring.view_cycle_internals", cycle):
        return acts
    return acts.filter(status=MonitoringAct.Status.PUBLISHED)


def act_detail(pk: int) -> QuerySet[MonitoringAct]:
    return MonitoringAct.objects.select_related(
        "cycle__municipality", "cycle__group", "author__user"
    ).prefetch_related(
        Prefetch(
            "evaluations",
            queryset=Evaluation.objects.select_related("indicator__area").prefetch_related(
                "attachments"
            ),
        ),
    ).filter(pk=pk)


HISTORY_SHOWN = 30


def cycle_history(obj: Cycle | MonitoringAct, user: User | AnonymousUser) -> list[Change]:
    """The latest entries of the one history about a cycle (and its acts and actions) or an
    act: all of them for the group and site administrators, the public ones for everyone
    else (published acts and results, the response, the action plan)."""
    cycle = obj if isinstance(obj, Cycle) else obj.cycle
    insider = can(user, "monitoring.view_cycle_internals", cycle)
    entries = history_selectors.object_history(obj, public_only=not insider)
    return list(entries[:HISTORY_SHOWN])


# --- the group ---------------------------------------------------------------------------


@dataclass
class Balance:
    total: int
    women: int
    men: int
    youth: int  # under 30
    middle: int  # 30–59
    senior: int  # 60 and over
    by_role: list[tuple[str, int]]

    def share(self, count: int) -> int:
        return round(100 * count / self.total) if self.total else 0

    @property
    def women_share(self) -> int:
        return self.share(self.women)

    @property
    def youth_share(self) -> int:
        return self.share(self.youth)


def group_balance(members: list[GroupMember], year: int | None = None) -> Balance:
    year = year or timezone.localdate().year
    ages = [member.age_on(year) for member in members]
    roles: defaultdict[str, int] = defaultdict(int)
    for member in members:
        roles[member.get_role_display()] += 1
    return Balance(
        total=len(members),
        women=sum(1 for m in members if m.gender == GroupMember.Gender.FEMALE),
        men=sum(1 for m in members if m.gender == GroupMember.Gender.MALE),
        youth=sum(1 for age in ages if age < 30),
        middle=sum(1 for age in ages if 30 <= age < 60),
        senior=sum(1 for age in ages if age >= 60),
        by_role=sorted(roles.items()),
    )


# --- scores ------------------------------------------------------------------------------


def _published_means(cycle_ids: Iterable[int]) -> dict[int, dict[int, tuple[Decimal, int]]]:
    """cycle id -> indicator id -> (mean value, number of evaluations). One query."""
    rows = (
        Evaluation.objects.filter(
            act__cycle_id__in=list(cycle_ids), act__status=MonitoringAct.Status.PUBLISHED
        )
        .values("act__cycle_id", "indicator_id")
        .annotate(avg=Avg("value"), n=Count("id"))
        .order_by()
    )
    result: dict[int, dict[int, tuple[Decimal, int]]] = defaultdict(dict)
    for row in rows:
        value = Decimal(str(row["avg"])).quantize(TWO_PLACES)
        result[row["act__cycle_id"]][row["indicator_id"]] = (value, row["n"])
    return result


@dataclass
class IndicatorScore:
    indicator: Indicator
    target: Decimal | None
    value: Decimal | None
    evaluations: int
    previous_value: Decimal | None
    score: Decimal | None = None
    target_score: Decimal | None = None
    previous_score: Decimal | None = None
    change: Decimal | None = None
    meets_target: bool | None = None

    def __post_init__(self) -> None:
        self.score = normalise(self.indicator, self.value)
        self.target_score = normalise(self.indicator, self.target)
        self.previous_score = normalise(self.indicator, self.previous_value)
        self.change = delta(self.score, self.previous_score)
        self.meets_target = _meets(self.indicator, self.value, self.target)


def _meets(
    indicator: Indicator, value: Decimal | None, target: Decimal | None
) -> bool | None:
    if value is None or target is None:
        return None
    if indicator.direction == Indicator.Direction.LOWER:
        return value <= target
    return value >= target


@dataclass
class AreaScore:
    area: ServiceArea
    indicators: list[IndicatorScore] = field(default_factory=list)

    @property
    def score(self) -> Decimal | None:
        return mean(row.score for row in self.indicators)

    @property
    def target_score(self) -> Decimal | None:
        return mean(row.target_score for row in self.indicators)

    @property
    def previous_score(self) -> Decimal | None:
        return mean(row.previous_score for row in self.indicators)

    @property
    def change(self) -> Decimal | None:
        return delta(self.score, self.previous_score)

    @property
    def missing(self) -> int:
        return sum(1 for row in self.indicators if row.value is None)

    @property
    def not_comparable(self) -> int:
        """Indicators with a value that has no honest place on the 0–100 scale."""
        return sum(1 for row in self.indicators if row.value is not None and row.score is None)


@dataclass
class Scorecard:
    cycle: Cycle
    previous: Cycle | None
    areas: list[AreaScore]

    @property
    def score(self) -> Decimal | None:
        return mean(area.score for area in self.areas)

    @property
    def previous_score(self) -> Decimal | None:
        return mean(area.previous_score for area in self.areas)

    @property
    def rows(self) -> list[IndicatorScore]:
        return [row for area in self.areas for row in area.indicators]


def scorecard(cycle: Cycle) -> Scorecard:
    """The cycle's scorecard against its targets and the previous cycle: at most 4 queries."""
    previous = previous_cycle(cycle)
    plan = list(cycle.plan_items.select_related("indicator__area"))
    means = _published_means([cycle.pk] + ([previous.pk] if previous else []))
    current = means.get(cycle.pk, {})
    before = means.get(previous.pk, {}) if previous else {}
    targets = {item.indicator_id: item.target for item in plan}
    indicators = {item.indicator_id: item.indicator for item in plan}
    unplanned = set(current) - set(indicators)
    if unplanned:
        indicators.update(
            {i.pk: i for i in Indicator.objects.filter(pk__in=unplanned).select_related("area")}
        )
    areas: dict[int, AreaScore] = {}
    ordered = sorted(indicators.values(), key=lambda i: (i.area.order, i.area_id, i.order, i.pk))
    for indicator in ordered:
        value, count = current.get(indicator.pk, (None, 0))
        row = IndicatorScore(
            indicator=indicator,
            target=targets.get(indicator.pk),
            value=value,
            evaluations=count,
            previous_value=before.get(indicator.pk, (None, 0))[0],
        )
        areas.setdefault(indicator.area_id, AreaScore(area=indicator.area)).indicators.append(row)
    return Scorecard(cycle=cycle, previous=previous, areas=list(areas.values()))


def _area_scores(
    cycle_means: dict[int, tuple[Decimal, int]], indicators: dict[int, Indicator]
) -> dict[int, Decimal | None]:
    per_area: dict[int, list[Decimal | None]] = defaultdict(list)
    for indicator_id, (value, _count) in cycle_means.items():
        indicator = indicators.get(indicator_id)
        if indicator is not None:
            per_area[indicator.area_id].append(normalise(indicator, value))
    return {area_id: mean(scores) for area_id, scores in per_area.items()}


@dataclass
class ComparisonRow:
    municipality: Municipality
    cycle: Cycle | None
    scores: list[Decimal | None]
    score: Decimal | None


@dataclass
class Comparison:
    rayon: Municipality
    areas: list[ServiceArea]
    rows: list[ComparisonRow]


def rayon_comparison(rayon: Municipality) -> Comparison:
    """Every unit of the rayon with its latest published cycle, by service area: 4 queries."""
    units = list(rayon.children.order_by("name"))
    latest: dict[int, Cycle] = {}
    for published in Cycle.objects.filter(
        municipality__in=units, status=Cycle.Status.PUBLISHED
    ).order_by("-period_start"):
        latest.setdefault(published.municipality_id, published)
    means = _published_means(c.pk for c in latest.values())
    indicators = {i.pk: i for i in Indicator.objects.select_related("area")}
    area_scores = {cycle_id: _area_scores(m, indicators) for cycle_id, m in means.items()}
    used = {area_id for scores in area_scores.values() for area_id in scores}
    areas = sorted(
        {i.area_id: i.area for i in indicators.values() if i.area_id in used}.values(),
        key=lambda a: (a.order, a.pk),
    )
    rows = []
    for unit in units:
        cycle = latest.get(unit.pk)
        scores_by_area = area_scores.get(cycle.pk, {}) if cycle else {}
        scores = [scores_by_area.get(area.pk) for area in areas]
        rows.append(ComparisonRow(unit, cycle, scores, mean(scores)))
    rows.sort(key=lambda row: (row.cycle is None, row.municipality.name))
    return Comparison(rayon=rayon, areas=areas, rows=rows)


@dataclass
class LatestResult:
    cycle: Cycle
    score: Decimal | None


def latest_published(limit: int = 6) -> list[LatestResult]:
    """The latest published scorecards for the landing page: 3 queries."""
    cycles = list(
        Cycle.objects.filter(status=Cycle.Status.PUBLISHED)
        .select_related("municipality")
        .order_by("-published_at")[:limit]
    )
    if not cycles:
        return []
    means = _published_means(c.pk for c in cycles)
    indicators = {i.pk: i for i in Indicator.objects.all()}
    return [
        LatestResult(cycle, mean(_area_scores(means.get(cycle.pk, {}), indicators).values()))
        for cycle in cycles
    ]


# --- action plan ---------------------------------------------------------------------------


def action_plan(cycle: Cycle) -> QuerySet[Action]:
    """This cycle's actions plus the open ones carried over from the municipality's earlier
    cycles, with their progress notes."""
    return (
        Action.objects.filter(
            Q(cycle=cycle)
            | Q(
                cycle__municipality_id=cycle.municipality_id,
                cycle__period_start__lt=cycle.period_start,
                status__in=Action.OPEN,
            )
        )
        .select_related("cycle")
        .prefetch_related(
            Prefetch("progress", queryset=ActionProgress.objects.select_related("author"))
        )
        .order_by("deadline", "pk")
    )


@dataclass
class Progress:
    total: int
    done: int
    open: int
    overdue: int

    @property
    def done_share(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def action_progress(actions: Iterable[Action], today: date | None = None) -> Progress:
    today = today or timezone.localdate()
    actions = list(actions)
    return Progress(
        total=len(actions),
        done=sum(1 for a in actions if a.status == Action.Status.DONE),
        open=sum(1 for a in actions if a.is_open),
        overdue=sum(1 for a in actions if a.is_open and a.deadline < today),
    )


# --- the member's desk ---------------------------------------------------------------------


def my_memberships(user: User) -> QuerySet[GroupMember]:
    return (
        GroupMember.objects.filter(user=user)
        .select_related("group__municipality")
        .prefetch_related(
            Prefetch(
                "group__cycles",
                queryset=Cycle.objects.filter(status=Cycle.Status.IN_PROGRESS),
                to_attr="open_cycles",
            )
        )
    )


def my_acts(user: User) -> QuerySet[MonitoringAct]:
    return MonitoringAct.objects.filter(author__user=user).select_related("cycle__municipality")


def acts_to_review(user: User) -> QuerySet[MonitoringAct]:
    return MonitoringAct.objects.filter(
        cycle__group__members__user=user,
        cycle__group__members__is_lead=True,
        status=MonitoringAct.Status.SUBMITTED,
    ).select_related("cycle__municipality", "author")


# --- contract with the municipalities app ---------------------------------------------------


def municipality_profile_block(municipality: Municipality) -> dict[str, Any]:
    """The monitoring block of a municipality's profile: at most 5 cycles, one query."""
    cycles = list(
        Cycle.objects.filter(municipality=municipality).order_by("-period_start")[:5]
    )
    items = [
        {
            "label": translated(cycle, "title").text,
            "url": cycle.get_absolute_url(),
            "meta": f"{formats.date_numeric(cycle.period_start)}–"
            f"{formats.date_numeric(cycle.period_end)} · {cycle.get_status_display()}",
        }
        for cycle in cycles
    ]
    return {
        "title": _("Joint monitoring and evaluation"),
        "items": items,
        "more_url": reverse("monitoring:municipality", kwargs={"slug": municipality.slug})
        if items
        else None,
        "empty_text": _("This municipality has not published joint monitoring yet."),
    }


# --- single reads of the pages ----------------------------------------------------------------


def municipality_for_page(slug: str) -> Municipality:
    return get_object_or_404(Municipality.objects.select_related("parent"), slug=slug)


def rayon_for_page(slug: str) -> Municipality:
    return get_object_or_404(Municipality, slug=slug, kind=Municipality.Kind.RAYON)


def cycle_for_page(pk: int) -> Cycle:
    return get_object_or_404(cycle_queryset(), pk=pk)


def act_for_page(pk: int) -> MonitoringAct:
    return get_object_or_404(
        MonitoringAct.objects.select_related("cycle__municipality", "cycle__group", "author"),
        pk=pk,
    )


def cycle_members(cycle: Cycle) -> list[GroupMember]:
    """The group's members, each with ``age`` at the end of the cycle's period."""
    members = list(cycle.group.members.all())
    for member in members:
        member.age = member.age_on(cycle.period_end.year)  # type: ignore[attr-defined]
    return members


def cycle_plan(cycle: Cycle) -> QuerySet[PlanItem]:
    return cycle.plan_items.select_related("indicator__area")


def cycle_dissents(cycle: Cycle) -> QuerySet[DissentingOpinion]:
    return cycle.dissents.select_related("member")


def plan_has_indicator(cycle: Cycle, indicator: Indicator) -> bool:
    return cycle.plan_items.filter(indicator=indicator).exists()


def evaluation_for_edit(pk: int) -> Evaluation:
    return get_object_or_404(Evaluation.objects.select_related("indicator"), pk=pk)


def evidence_for_download(pk: int) -> Evidence:
    return get_object_or_404(
        Evidence.objects.select_related("evaluation__act__cycle__group", "evaluation__act__author"),
        pk=pk,
    )


def evidence_for_edit(pk: int) -> Evidence:
    return get_object_or_404(Evidence.objects.select_related("evaluation"), pk=pk)


def group_for_page(pk: int) -> MonitoringGroup:
    return get_object_or_404(MonitoringGroup.objects.select_related("municipality"), pk=pk)


def action_for_page(pk: int) -> Action:
    return get_object_or_404(
        Action.objects.select_related("cycle__municipality", "cycle__group"), pk=pk
    )

"""Scorecard arithmetic: mixed scales normalised honestly, missing values kept missing."""

from datetime import date
from decimal import Decimal

import pytest

from monitoring import selectors
from monitoring.models import Cycle
from monitoring.models import Indicator
from monitoring.models import MonitoringAct
from monitoring.scoring import delta
from monitoring.scoring import mean
from monitoring.scoring import normalise

D = Decimal


def ind(scale, direction=Indicator.Direction.HIGHER, reference_max=None) -> Indicator:
    return Indicator(scale=scale, direction=direction, reference_max=reference_max)


@pytest.mark.parametrize(
    ("indicator", "value", "expected"),
    [
        (ind("score"), D(1), D(0)),
        (ind("score"), D(3), D(50)),
        (ind("score"), D(5), D(100)),
        (ind("score"), D("4.5"), D("87.5")),
        (ind("score", "lower"), D(2), D(75)),
        (ind("percent"), D("62.5"), D("62.5")),
        (ind("percent", "lower"), D(20), D(80)),
        (ind("yes_no"), D(1), D(100)),
        (ind("yes_no"), D(0), D(0)),
        (ind("yes_no"), D("0.5"), D(50)),  # the mean of one "yes" and one "no"
        (ind("count", reference_max=D(10)), D(4), D(40)),
        (ind("count", "lower", D(30)), D(6), D(80)),
        (ind("count", reference_max=D(4)), D(9), D(100)),  # capped at the reference
        (ind("count", "lower", D(10)), D(25), D(0)),
    ],
)
def test_normalise_puts_every_scale_on_0_to_100_with_direction(indicator, value, expected):
    assert normalise(indicator, value) == expected


def test_count_without_reference_is_not_forced_onto_the_scale():
    assert normalise(ind("count"), D(7)) is None


def test_missing_stays_missing_and_is_not_zero():
    assert normalise(ind("score"), None) is None
    assert mean([None, None]) is None
    assert mean([D(40), None, D(60)]) == D(50)  # not (40 + 0 + 60) / 3
    assert delta(D(50), None) is None
    assert delta(D(50), D("42.5")) == D("7.5")


pytestmark_db = pytest.mark.django_db


def _publish(act):
    MonitoringAct.objects.filter(pk=act.pk).update(status=MonitoringAct.Status.PUBLISHED)


@pytest.mark.django_db
def test_scorecard_by_area_against_target_and_previous_cycle(
    world, service_area_factory, indicator_factory, plan_item_factory, cycle_factory,
    monitoring_act_factory, evaluation_factory,
):
    water = service_area_factory(code="water", order=1)
    roads = service_area_factory(code="roads", order=2)
    satisfaction = indicator_factory(area=water, scale="score")
    outages = indicator_factory(area=water, scale="count", direction="lower",
                                reference_max=D(30))
    unmeasured = indicator_factory(area=roads, scale="percent")
    previous = cycle_factory(group=world.group, period_start=date(2025, 3, 1),
                             period_end=date(2025, 6, 30), status=Cycle.Status.PUBLISHED)
    cycle = world.cycle
    plan_item_factory(cycle=cycle, indicator=satisfaction, target=D(4))
    plan_item_factory(cycle=cycle, indicator=outages, target=D(3))
    plan_item_factory(cycle=cycle, indicator=unmeasured, target=D(90))

    act = monitoring_act_factory(cycle=cycle, author=world.member_member)
    evaluation_factory(act=act, indicator=satisfaction, value=D(3))
    evaluation_factory(act=act, indicator=outages, value=D(6))
    second = monitoring_act_factory(cycle=cycle, author=world.lead_member)
    evaluation_factory(act=second, indicator=satisfaction, value=D(4))
    draft = monitoring_act_factory(cycle=cycle, author=world.member_member)
    evaluation_factory(act=draft, indicator=unmeasured, value=D(10))  # a draft never counts
    old = monitoring_act_factory(cycle=previous, author=world.member_member)
    evaluation_factory(act=old, indicator=satisfaction, value=D(2))
    for published in (act, second, old):
        _publish(published)

    card = selectors.scorecard(cycle)

    assert card.previous == previous
    rows = {row.indicator.pk: row for row in card.rows}
    assert rows[satisfaction.pk].value == D("3.50")
    assert rows[satisfaction.pk].evaluations == 2
    assert rows[satisfaction.pk].score == D("62.5")
    assert rows[satisfaction.pk].target_score == D(75)
    assert rows[satisfaction.pk].meets_target is False
    assert rows[satisfaction.pk].previous_score == D(25)
    assert rows[satisfaction.pk].change == D("37.5")
    assert rows[outages.pk].score == D(80)
    assert rows[outages.pk].meets_target is False  # 6 outage days against a target of 3
    assert rows[outages.pk].previous_score is None
    assert rows[unmeasured.pk].value is None
    assert rows[unmeasured.pk].score is None

    water_area, roads_area = [a for a in card.areas if a.area.pk in (water.pk, roads.pk)]
    assert water_area.score == D("71.3")  # mean(62.5, 80) = 71.25
    assert water_area.previous_score == D(25)  # only satisfaction had a value before
    assert roads_area.score is None  # missing, not zero
    assert roads_area.missing == 1
    # The overall score averages the areas that have a score; roads is not counted as 0.
    assert card.score == mean([water_area.score, *[
        a.score for a in card.areas if a.area.pk not in (water.pk, roads.pk)
    ]])


@pytest.mark.django_db
def test_less_is_better_target_is_met_when_value_is_below(
    world, indicator_factory, plan_item_factory, monitoring_act_factory, evaluation_factory
):
    outages = indicator_factory(scale="count", direction="lower", reference_max=D(30))
    plan_item_factory(cycle=world.cycle, indicator=outages, target=D(5))
    act = monitoring_act_factory(cycle=world.cycle, author=world.member_member)
    evaluation_factory(act=act, indicator=outages, value=D(2))
    _publish(act)
    row = next(r for r in selectors.scorecard(world.cycle).rows if r.indicator == outages)
    assert row.meets_target is True


@pytest.mark.django_db
def test_rayon_comparison_uses_latest_published_cycle_per_unit(
    municipality_factory, monitoring_group_factory, group_member_factory, cycle_factory,
    indicator_factory, monitoring_act_factory, evaluation_factory,
):
    rayon = municipality_factory(kind="rayon")
    first = municipality_factory(parent=rayon, name_ru="А-аймак")
    second = municipality_factory(parent=rayon, name_ru="Б-аймак")
    municipality_factory(parent=rayon, name_ru="В-аймак")  # nothing published
    indicator = indicator_factory(scale="percent")
    for unit, old_value, new_value in ((first, D(10), D(70)), (second, D(90), None)):
        group = monitoring_group_factory(municipality=unit)
        member = group_member_factory(group=group)
        old = cycle_factory(group=group, period_start=date(2024, 1, 1),
                            period_end=date(2024, 6, 1), status="published")
        new = cycle_factory(group=group, period_start=date(2025, 1, 1),
                            period_end=date(2025, 6, 1),
                            status="published" if new_value is not None else "in_progress")
        act = monitoring_act_factory(cycle=old, author=member, status="published")
        evaluation_factory(act=act, indicator=indicator, value=old_value)
        if new_value is not None:
            act = monitoring_act_factory(cycle=new, author=member, status="published")
            evaluation_factory(act=act, indicator=indicator, value=new_value)

    comparison = selectors.rayon_comparison(rayon)

    scores = {row.municipality.pk: row.score for row in comparison.rows}
    assert scores[first.pk] == D(70)  # its 2025 cycle, not 2024
    assert scores[second.pk] == D(90)  # 2025 not published: the 2024 cycle stands
    assert comparison.rows[-1].cycle is None  # the unit without results comes last
    assert comparison.rows[-1].score is None

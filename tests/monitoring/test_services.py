"""The workflow: draft → submitted → accepted/returned → published, with its history."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils.translation import gettext

from monitoring import services
from monitoring.catalogue import AREAS
from monitoring.catalogue import INDICATORS
from monitoring.models import Action
from monitoring.models import Cycle
from monitoring.models import Evaluation
from monitoring.models import Indicator
from monitoring.models import MonitoringAct
from monitoring.models import ServiceArea
from portal.history.models import Change

pytestmark = pytest.mark.django_db
Status = MonitoringAct.Status


def new_act(world, user=None):
    return services.act_create(cycle=world.cycle, user=user or world.member, title="Акт",
                               place="Айыл", visited_on=date(2026, 4, 1))


def add_eval(act, indicator, value=Decimal(3)):
    return services.evaluation_save(act=act, evaluation=Evaluation(
        indicator=indicator, value=value, observed_on=date(2026, 4, 1)))


def test_full_workflow_leaves_a_history_row_per_state_change(world):
    act = new_act(world)
    evaluation = add_eval(act, world.indicator)
    assert evaluation.method == world.indicator.method  # defaults to the indicator's method
    services.act_submit(act=act, user=world.member)
    services.act_review(act=act, user=world.lead, accept=False, comment="Фото кошуңуз")
    assert act.status == Status.RETURNED
    assert act.review_comment == "Фото кошуңуз"
    services.act_submit(act=act, user=world.member)
    services.act_review(act=act, user=world.lead, accept=True)
    services.findings_save(cycle=world.cycle, works_well_ky="Суу бар")
    services.cycle_publish(cycle=world.cycle, user=world.lead)

    act.refresh_from_db()
    assert act.status == Status.PUBLISHED
    assert Cycle.objects.get(pk=world.cycle.pk).is_published
    steps = Change.objects.filter(
        municipality=world.cycle.municipality, content_type__model__in=["monitoringact", "cycle"]
    ).exclude(verb="changed").order_by("pk")
    assert [(entry.content_type.model, entry.verb) for entry in steps] == [
        ("monitoringact", "created"), ("monitoringact", "submitted"),
        ("monitoringact", "returned"), ("monitoringact", "submitted"),
        ("monitoringact", "accepted"), ("monitoringact", "published"), ("cycle", "published"),
    ]
    returned = Change.objects.get(verb="returned")
    assert (returned.changes["status"], returned.actor) == (["submitted", "returned"], world.lead)
    assert returned.parent_id == world.cycle.pk
    assert not returned.is_public
    assert steps.last().is_public


def test_non_member_cannot_file(world):
    with pytest.raises(PermissionDenied):
        new_act(world, user=world.staff)
    assert not MonitoringAct.objects.exists()


def test_an_empty_act_cannot_be_submitted(world):
    act = new_act(world)
    with pytest.raises(ValidationError):
        services.act_submit(act=act, user=world.member)
    assert act.status == Status.DRAFT


def test_returning_needs_a_comment(world):
    act = new_act(world)
    add_eval(act, world.indicator)
    services.act_submit(act=act, user=world.member)
    with pytest.raises(ValidationError):
        services.act_review(act=act, user=world.lead, accept=False, comment="  ")
    assert MonitoringAct.objects.get(pk=act.pk).status == Status.SUBMITTED


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ACCEPTED, Status.PUBLISHED])
def test_submitted_and_later_acts_are_read_only(world, status):
    act = new_act(world)
    evaluation = add_eval(act, world.indicator)
    MonitoringAct.objects.filter(pk=act.pk).update(status=status)
    act.refresh_from_db()
    evaluation.refresh_from_db()
    evaluation.value = Decimal(5)
    with pytest.raises(PermissionDenied):
        services.evaluation_save(act=act, evaluation=evaluation)
    with pytest.raises(PermissionDenied):
        services.act_update(act=act, title="changed")
    with pytest.raises(PermissionDenied):
        services.evaluation_delete(evaluation=evaluation)
    assert Evaluation.objects.get(pk=evaluation.pk).value == Decimal(3)


def test_nothing_changes_after_the_cycle_is_published(world):
    act = new_act(world)
    add_eval(act, world.indicator)
    Cycle.objects.filter(pk=world.cycle.pk).update(status=Cycle.Status.PUBLISHED)
    world.cycle.refresh_from_db()
    act.refresh_from_db()
    for call in (
        lambda: services.act_submit(act=act, user=world.member),
        lambda: services.findings_save(cycle=world.cycle, works_well_ky="x"),
        lambda: services.dissent_save(cycle=world.cycle, user=world.member, text="x"),
        lambda: services.cycle_publish(cycle=world.cycle, user=world.lead),
        lambda: new_act(world),
    ):
        with pytest.raises(PermissionDenied):
            call()


@pytest.mark.parametrize(
    ("value", "scale", "ok"),
    [
        (Decimal(0), "score", False),
        (Decimal(6), "score", False),
        (Decimal("2.5"), "score", False),
        (Decimal(5), "score", True),
        (Decimal(101), "percent", False),
        (Decimal("99.5"), "percent", True),
        (Decimal(2), "yes_no", False),
        (Decimal(1), "yes_no", True),
        (Decimal(-1), "count", False),
        (Decimal(12), "count", True),
    ],
)
def test_values_are_checked_against_the_scale(world, indicator_factory, value, scale, ok):
    indicator = indicator_factory(scale=scale)
    act = new_act(world)
    if ok:
        add_eval(act, indicator, value)
    else:
        with pytest.raises(ValidationError):
            add_eval(act, indicator, value)
        assert not Evaluation.objects.exists()


def test_publishing_needs_reviews_done_an_accepted_act_and_findings(world):
    act = new_act(world)
    add_eval(act, world.indicator)
    def refused_with(msgid):
        with pytest.raises(ValidationError) as refusal:
            services.cycle_publish(cycle=world.cycle, user=world.lead)
        assert refusal.value.messages == [gettext(msgid)]

    refused_with("Accept at least one act before publishing the results.")
    services.act_submit(act=act, user=world.member)
    refused_with("Review every submitted act before publishing the results.")
    services.act_review(act=act, user=world.lead, accept=True)
    refused_with("Write the findings before publishing the results.")
    assert not Cycle.objects.get(pk=world.cycle.pk).is_published


def test_a_draft_stays_a_draft_and_private_when_results_are_published(world):
    draft = new_act(world)
    accepted = new_act(world, user=world.lead)
    add_eval(accepted, world.indicator)
    services.act_submit(act=accepted, user=world.lead)
    services.act_review(act=accepted, user=world.lead, accept=True)
    services.findings_save(cycle=world.cycle, works_well_ru="Работает")
    services.cycle_publish(cycle=world.cycle, user=world.lead)
    assert MonitoringAct.objects.get(pk=draft.pk).status == Status.DRAFT


def test_dissent_one_per_member_is_updated_and_logged(world):
    services.dissent_save(cycle=world.cycle, user=world.member, text="Не согласен")
    services.dissent_save(cycle=world.cycle, user=world.member, text="Не согласна с оценкой воды")
    assert world.cycle.dissents.get().text == "Не согласна с оценкой воды"
    assert Change.objects.filter(verb="dissent", is_public=False).count() == 2
    with pytest.raises(PermissionDenied):
        services.dissent_save(cycle=world.cycle, user=world.citizen, text="x")


def test_response_only_after_publication_and_only_once(world):
    with pytest.raises(PermissionDenied):
        services.response_give(cycle=world.cycle, user=world.staff, text_ru="Ответ")
    Cycle.objects.filter(pk=world.cycle.pk).update(status=Cycle.Status.PUBLISHED)
    world.cycle.refresh_from_db()
    services.response_give(cycle=world.cycle, user=world.staff, text_ru="Ответ")
    with pytest.raises(PermissionDenied):
        services.response_give(cycle=world.cycle, user=world.staff, text_ru="Другой ответ")


def test_action_followed_until_done_and_carried_into_the_next_cycle(world, cycle_factory):
    from monitoring import selectors

    action = services.action_add(cycle=world.cycle, user=world.lead, action=Action(
        text_ru="Заменить фонари", responsible_ru="Коммунальная служба",
        deadline=date(2026, 9, 1)))
    done = services.action_add(cycle=world.cycle, user=world.lead, action=Action(
        text_ru="Опубликовать график", responsible_ru="Айыл окмоту", deadline=date(2026, 7, 1)))
    services.action_progress(action=action, user=world.staff, note="16 из 40", status="in_progress")
    services.action_progress(action=done, user=world.staff, note="Опубликован", status="done")
    with pytest.raises(PermissionDenied):
        services.action_progress(action=done, user=world.staff, note="ещё", status="planned")
    later = cycle_factory(group=world.group, period_start=date(2027, 3, 1),
                          period_end=date(2027, 6, 30))
    carried = list(selectors.action_plan(later))
    assert carried == [action]  # the open one comes along; the done one stays behind
    progress = selectors.action_progress(selectors.action_plan(world.cycle), date(2026, 8, 1))
    assert (progress.total, progress.done, progress.open, progress.overdue) == (2, 1, 1, 0)
    assert selectors.action_progress([action], date(2026, 10, 1)).overdue == 1


def test_catalogue_loader_is_idempotent_and_covers_every_area(capsys):
    call_command("monitoring_catalogue")
    call_command("monitoring_catalogue")
    assert ServiceArea.objects.count() == len(AREAS) == 9
    assert Indicator.objects.count() == len(INDICATORS)
    assert set(Indicator.objects.values_list("scale", flat=True)) == set(Indicator.Scale.values)
    assert set(Indicator.objects.values_list("method", flat=True)) == set(
        Indicator.Method.values)
    assert "unchanged" in capsys.readouterr().out
    for indicator in Indicator.objects.all():
        assert indicator.name_ky
        assert indicator.name_ru
        assert indicator.definition_ky
        assert indicator.definition_ru
        if indicator.scale == "count":
            assert indicator.reference_max


def test_demo_seed_is_idempotent(settings):
    from io import StringIO

    from monitoring import demo
    from municipalities.services import admin_units_load

    admin_units_load()
    demo.seed(stdout=StringIO())
    counts = (Cycle.objects.count(), MonitoringAct.objects.count(), Evaluation.objects.count(),
              Change.objects.count(), Action.objects.count())
    demo.seed(stdout=StringIO())
    assert counts == (Cycle.objects.count(), MonitoringAct.objects.count(),
                      Evaluation.objects.count(), Change.objects.count(),
                      Action.objects.count())
    assert Cycle.objects.filter(status="published").count() == 3
    assert Cycle.objects.filter(status="in_progress", municipality__slug="tepkenskiy-aa").exists()

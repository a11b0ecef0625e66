"""Writes of joint monitoring. Each checks the state it may act in and leaves a history row.

Permissions are decided in rules.py and asked through the gate (portal.permissions): a write
made for a person requires that person's permission here too, and every write refuses a state
change the workflow does not allow, whoever calls, so nothing published can change.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.history import services as history
from portal.history.models import Verb
from portal.models import User
from portal.permissions import require

from .models import Action
from .models import ActionProgress
from .models import Cycle
from .models import DissentingOpinion
from .models import Evaluation
from .models import Evidence
from .models import Findings
from .models import GroupMember
from .models import MonitoringAct
from .models import MonitoringGroup
from .models import MunicipalResponse
from .models import PlanItem
from .uploads import checked_upload

Status = MonitoringAct.Status


def _log(
    *, cycle: Cycle, actor: User | None, verb: str, obj: models.Model | None = None,
    from_status: str = "", to_status: str = "", comment: str = "", **extra: Any,
) -> None:
    """One entry of the one history: about the cycle, or about one of its parts (an act, an
    action), with the cycle as parent so that the cycle's pages show it."""
    changes: dict[str, Any] = {"status": [from_status or None, to_status or None]} if (
        from_status or to_status
    ) else {}
    history.record(
        actor=actor,
        obj=obj if obj is not None else cycle,
        verb=verb,
        changes=changes,
        comment=comment,
        parent=cycle if obj is not None else None,
        **extra,
    )


def _member_of(user: User, cycle: Cycle) -> GroupMember:
    """The person's row in the cycle's group (the gate has let only members through)."""
    return GroupMember.objects.get(group_id=cycle.group_id, user=user)


def _require_open(cycle: Cycle) -> None:
    if cycle.is_published:
        raise PermissionDenied(_("The results of this cycle are published and cannot change."))


def _require_editable(act: MonitoringAct) -> None:
    _require_open(act.cycle)
    if not act.is_editable:
        raise PermissionDenied(_("Only drafts and returned acts can be edited."))


@transaction.atomic
def cycle_create(*, group: MonitoringGroup, cycle: Cycle, actor: User | None = None) -> Cycle:
    cycle.group = group
    cycle.municipality = group.municipality
    cycle.status = Cycle.Status.IN_PROGRESS
    cycle.full_clean()
    cycle.save()
    history.record_saved(actor=actor, obj=cycle, before={}, created=True)
    return cycle


@transaction.atomic
def plan_item_save(*, cycle: Cycle, item: PlanItem, actor: User | None = None) -> PlanItem:
    _require_open(cycle)
    created, before = item.pk is None, history.before(item)
    item.cycle = cycle
    item.full_clean()
    item.save()
    history.record_saved(actor=actor, obj=item, before=before, created=created, parent=cycle)
    return item


@transaction.atomic
def act_create(
    *, cycle: Cycle, user: User, title: str, place: str, visited_on: datetime.date
) -> MonitoringAct:
    _require_open(cycle)
    require(user, "monitoring.add_act", cycle)
    member = _member_of(user, cycle)
    act = MonitoringAct(cycle=cycle, author=member, title=title, place=place, visited_on=visited_on)
    act.full_clean()
    act.save()
    _log(cycle=cycle, obj=act, actor=user, verb=Verb.CREATED, to_status=Status.DRAFT)
    return act


@transaction.atomic
def act_update(
    *, act: MonitoringAct, actor: User | None = None, **fields: Any
) -> MonitoringAct:
    _require_editable(act)
    before = history.before(act)
    for name, value in fields.items():
        setattr(act, name, value)
    act.full_clean()
    act.save()
    history.record_saved(actor=actor, obj=act, before=before, created=False, parent=act.cycle)
    return act


@transaction.atomic
def evaluation_save(
    *, act: MonitoringAct, evaluation: Evaluation, actor: User | None = None
) -> Evaluation:
    """Create or update one evaluation of a draft act (the form already set its fields)."""
    _require_editable(act)
    created, before = evaluation.pk is None, history.before(evaluation)
    evaluation.act = act
    if not evaluation.method and evaluation.indicator_id:
        evaluation.method = evaluation.indicator.method
    evaluation.full_clean()
    evaluation.save()
    history.record_saved(actor=actor, obj=evaluation, before=before, created=created, parent=act)
    return evaluation


@transaction.atomic
def evaluation_delete(*, evaluation: Evaluation, actor: User | None = None) -> None:
    _require_editable(evaluation.act)
    history.record_deleted(actor=actor, obj=evaluation, parent=evaluation.act)
    for attachment in evaluation.attachments.all():
        attachment.file.delete(save=False)
    evaluation.delete()


@transaction.atomic
def evidence_add(
    *, evaluation: Evaluation, upload: File[bytes], caption: str = "",
    actor: User | None = None,
) -> Evidence:
    _require_editable(evaluation.act)
    checked = checked_upload(upload)
    upload.name = f"evidence.{checked.extension}"
    evidence = Evidence(
        evaluation=evaluation,
        file=upload,
        kind=checked.kind,
        content_type=checked.content_type,
        size=checked.size,
        caption=caption,
    )
    evidence.full_clean()
    evidence.save()
    history.record_saved(
        actor=actor, obj=evidence, before={}, created=True, parent=evaluation.act
    )
    return evidence


@transaction.atomic
def evidence_delete(*, evidence: Evidence, actor: User | None = None) -> None:
    _require_editable(evidence.evaluation.act)
    history.record_deleted(actor=actor, obj=evidence, parent=evidence.evaluation.act)
    evidence.file.delete(save=False)
    evidence.delete()


def _transition(
    act: MonitoringAct, *, user: User, allowed: tuple[str, ...], to: str, verb: str,
    comment: str = "",
) -> MonitoringAct:
    if act.status not in allowed:
        raise PermissionDenied(_("This act cannot make that step from its present state."))
    previous = act.status
    act.status = to
    fields = ["status", "modified"]
    if verb == Verb.RETURNED:
        act.review_comment = comment
        fields.append("review_comment")
    act.save(update_fields=fields)
    _log(
        cycle=act.cycle,
        obj=act,
        actor=user,
        verb=verb,
        from_status=previous,
        to_status=to,
        comment=comment,
    )
    return act


@transaction.atomic
def act_submit(*, act: MonitoringAct, user: User) -> MonitoringAct:
    _require_editable(act)
    require(user, "monitoring.change_act", act)
    if not act.evaluations.exists():
        raise ValidationError(_("Add at least one evaluation before submitting the act."))
    return _transition(
        act, user=user, allowed=MonitoringAct.EDITABLE, to=Status.SUBMITTED,
        verb=Verb.SUBMITTED,
    )


@transaction.atomic
def act_review(*, act: MonitoringAct, user: User, accept: bool, comment: str = "") -> MonitoringAct:
    _require_open(act.cycle)
    if act.status != Status.SUBMITTED:
        raise PermissionDenied(_("This act cannot make that step from its present state."))
    require(user, "monitoring.review_act", act)
    if not accept and not comment.strip():
        raise ValidationError(_("Say what the author should change when returning an act."))
    if accept:
        return _transition(
            act, user=user, allowed=(Status.SUBMITTED,), to=Status.ACCEPTED,
            verb=Verb.ACCEPTED, comment=comment,
        )
    return _transition(
        act, user=user, allowed=(Status.SUBMITTED,), to=Status.RETURNED,
        verb=Verb.RETURNED, comment=comment,
    )


@transaction.atomic
def act_publish(*, act: MonitoringAct, user: User) -> MonitoringAct:
    if act.status != Status.ACCEPTED:
        raise PermissionDenied(_("This act cannot make that step from its present state."))
    require(user, "monitoring.publish_act", act)
    return _transition(
        act, user=user, allowed=(Status.ACCEPTED,), to=Status.PUBLISHED,
        verb=Verb.PUBLISHED,
    )


@transaction.atomic
def findings_save(*, cycle: Cycle, actor: User | None = None, **texts: str) -> Findings:
    _require_open(cycle)
    findings, created = Findings.objects.get_or_create(cycle=cycle)
    before = {} if created else history.before(findings)
    for name, value in texts.items():
        setattr(findings, name, value)
    findings.full_clean()
    findings.save()
    history.record_saved(
        actor=actor, obj=findings, before=before, created=created, parent=cycle
    )
    return findings


@transaction.atomic
def dissent_save(*, cycle: Cycle, user: User, text: str) -> DissentingOpinion:
    _require_open(cycle)
    require(user, "monitoring.add_dissent", cycle)
    member = _member_of(user, cycle)
    if not text.strip():
        raise ValidationError(_("Write the opinion."))
    dissent, _created = DissentingOpinion.objects.update_or_create(
        cycle=cycle, member=member, defaults={"text": text}
    )
    _log(cycle=cycle, actor=user, verb=Verb.DISSENT, comment=text)
    return dissent


@transaction.atomic
def cycle_publish(*, cycle: Cycle, user: User) -> Cycle:
    """Publish the results: accepted acts go public; nothing may wait for review."""
    _require_open(cycle)
    require(user, "monitoring.publish_cycle", cycle)
    acts = list(cycle.acts.select_for_update())
    if any(act.status == Status.SUBMITTED for act in acts):
        raise ValidationError(_("Review every submitted act before publishing the results."))
    if not any(act.status in (Status.ACCEPTED, Status.PUBLISHED) for act in acts):
        raise ValidationError(_("Accept at least one act before publishing the results."))
    if not hasattr(cycle, "findings"):
        raise ValidationError(_("Write the findings before publishing the results."))
    for act in acts:
        if act.status == Status.ACCEPTED:
            act_publish(act=act, user=user)
    cycle.status = Cycle.Status.PUBLISHED
    cycle.published_at = timezone.now()
    cycle.save(update_fields=["status", "published_at", "modified"])
    _log(
        cycle=cycle,
        actor=user,
        verb=Verb.PUBLISHED,
        from_status=Cycle.Status.IN_PROGRESS,
        to_status=Cycle.Status.PUBLISHED,
    )
    return cycle


@transaction.atomic
def response_give(*, cycle: Cycle, user: User, **texts: str) -> MunicipalResponse:
    if not cycle.is_published:
        raise PermissionDenied(_("The municipality responds to published results."))
    if MunicipalResponse.objects.filter(cycle=cycle).exists():
        raise PermissionDenied(_("The official response has already been given."))
    require(user, "monitoring.respond_cycle", cycle)
    response = MunicipalResponse(cycle=cycle, responded_by=user, **texts)
    response.full_clean()
    response.save()
    _log(cycle=cycle, actor=user, verb=Verb.RESPONDED)
    return response


@transaction.atomic
def action_add(*, cycle: Cycle, user: User, action: Action) -> Action:
    require(user, "monitoring.add_action", cycle)
    action.cycle = cycle
    action.full_clean()
    action.save()
    _log(cycle=cycle, obj=action, actor=user, verb=Verb.ACTION_ADDED, comment=action.text)
    return action


@transaction.atomic
def action_progress(*, action: Action, user: User, note: str, status: str) -> ActionProgress:
    if not action.is_open:
        raise PermissionDenied(_("This action is closed."))
    require(user, "monitoring.change_action", action)
    entry = ActionProgress(action=action, note=note, status=status, author=user)
    entry.full_clean()
    entry.save()
    previous = action.status
    action.status = status
    action.save(update_fields=["status", "modified"])
    _log(
        cycle=action.cycle,
        obj=action,
        actor=user,
        verb=Verb.PROGRESS,
        from_status=previous,
        to_status=status,
        comment=note,
    )
    return entry

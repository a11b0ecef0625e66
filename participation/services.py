"""Writes in civic participation: each function one act, atomic, validated, audited.

Moderating comments (flag, hide, restore, dismiss, block) is the moderation core's
(``portal.moderation.services``), as for every kind of citizen text."""

import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from municipalities.models import Municipality
from portal.history import services as history
from portal.history.models import Verb
from portal.models import User
from portal.moderation.services import check_may_post
from portal.permissions import require

from .models import Alternative
from .models import Attendance
from .models import AttendanceCount
from .models import BalanceGroup
from .models import Choice
from .models import Comment
from .models import Event
from .models import EventDocument
from .models import OfflineTally
from .models import ReferenceShare
from .models import VillageAttendance

S = Event.Status
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.PUBLISHED, S.OPEN, S.CANCELLED),
    S.PUBLISHED: (S.OPEN, S.HELD, S.CANCELLED),
    S.OPEN: (S.HELD, S.CANCELLED),
    S.HELD: (S.RESULTS,),
    S.RESULTS: (),
    S.CANCELLED: (),
}
logger = logging.getLogger(__name__)


def _notify_followers(event: Event, kind: str) -> None:
    """Tell the followers of the event's municipality and section (portal.following)."""
    from portal.following import notify_new_item

    notify_new_item(kind=kind, obj=event)


@transaction.atomic
def event_save(*, event: Event, user: User) -> Event:
    """Create or update an event (a new one starts as a draft)."""
    created, before = event.pk is None, history.before(event)
    if created:
        event.status = Event.Status.DRAFT
        event.created_by = user
    event.full_clean()
    event.save()
    history.record_saved(actor=user, obj=event, before=before, created=created)
    return event


# The history's word for each step an event takes (all of them public).
TRANSITION_VERBS: dict[str, Verb] = {
    S.PUBLISHED: Verb.PUBLISHED,
    S.OPEN: Verb.OPENED,
    S.HELD: Verb.HELD,
    S.RESULTS: Verb.RESULTS,
    S.CANCELLED: Verb.CANCELLED,
}


@transaction.atomic
def event_transition(
    *, event: Event, to: str, reason: str = "", reason_ru: str = "", actor: User | None = None
) -> Event:
    if to not in TRANSITIONS.get(event.status, ()):
        raise ValidationError(_("This change of status is not possible."))
    fields = ["status", "modified"]
    now = timezone.now()
    if to == S.CANCELLED:
        if not (reason.strip() or reason_ru.strip()):
            raise ValidationError(_("Give the reason for cancelling."))
        event.cancel_reason_ky = reason.strip()
        event.cancel_reason_ru = reason_ru.strip()
        fields += ["cancel_reason_ky", "cancel_reason_ru"]
    if to == S.RESULTS and not (event.decision_ky or event.decision_ru):
        raise ValidationError(_("Write the decision before publishing the results."))
    was_draft, previous = event.status == S.DRAFT, event.status
    event.status = to
    if was_draft and to in (S.PUBLISHED, S.OPEN):
        event.published_at = now
        fields.append("published_at")
        _notify_followers(event, "event")
    if to == S.RESULTS:
        event.results_published_at = now
        fields.append("results_published_at")
        _notify_followers(event, "results")
    event.save(update_fields=fields)
    history.record(
        actor=actor,
        obj=event,
        verb=TRANSITION_VERBS[to],
        changes={"status": [previous, to]},
        comment=reason.strip() or reason_ru.strip() if to == S.CANCELLED else "",
    )
    return event


@transaction.atomic
def document_add(
    *, event: Event, title_ky: str, title_ru: str, file: UploadedFile,
    actor: User | None = None,
) -> None:
    document = event.documents.model(event=event, title_ky=title_ky, title_ru=title_ru, file=file)
    document.full_clean()
    document.save()
    history.record_saved(actor=actor, obj=document, before={}, created=True, parent=event)


@transaction.atomic
def document_remove(*, document: EventDocument, actor: User | None = None) -> None:
    """Staff take back a document published by mistake; its file goes with it."""
    history.record_deleted(actor=actor, obj=document, parent=document.event)
    stored = document.file
    document.delete()
    transaction.on_commit(lambda: stored.storage.delete(stored.name) if stored.name else None)


@transaction.atomic
def alternative_remove(*, alternative: Alternative, actor: User | None = None) -> None:
    """Only before the choice opens: afterwards people may have chosen it."""
    event = Event.objects.select_for_update().get(pk=alternative.event_id)
    if event.status not in (S.DRAFT, S.PUBLISHED) or alternative.choices.exists():
        raise ValidationError(_("Alternatives can only be removed before the choice opens."))
    history.record_deleted(actor=actor, obj=alternative, parent=event)
    alternative.delete()
    for position, remaining in enumerate(event.alternatives.order_by("position", "pk"), 1):
        if remaining.position != position:
            remaining.position = position
            remaining.save(update_fields=["position", "modified"])


@transaction.atomic
def alternative_add(*, event: Event, title_ky: str, title_ru: str, description_ky: str = "",
                    description_ru: str = "", actor: User | None = None) -> Alternative:
    if event.status not in (S.DRAFT, S.PUBLISHED):
        raise ValidationError(_("Alternatives can only be added before the choice opens."))
    alternative = Alternative(
        event=event,
        title_ky=title_ky,
        title_ru=title_ru,
        description_ky=description_ky,
        description_ru=description_ru,
        position=event.alternatives.count() + 1,
    )
    alternative.full_clean()
    alternative.save()
    history.record_saved(actor=actor, obj=alternative, before={}, created=True, parent=event)
    return alternative


@transaction.atomic
def comment_create(
    *, user: User, event: Event, text: str, parent: Comment | None = None
) -> Comment:
    require(user, "participation.comment_event", event)
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Write something first."))
    if parent is not None:
        if parent.event_id != event.pk or parent.parent_id is not None:
            raise ValidationError(_("You can reply only to a comment on this event."))
        if parent.is_hidden:
            raise ValidationError(_("This comment has been hidden; it cannot be answered."))
    check_may_post(user)  # blocked? posting too fast? (one limit for every kind of text)
    comment = Comment(event=event, author=user, text=text, parent=parent)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def choice_set(*, user: User, event: Event, alternative: Alternative) -> Choice:
    require(user, "participation.choose_event", event)
    if alternative.event_id != event.pk:
        raise ValidationError(_("Choose one of this event's alternatives."))
    choice, _created = Choice.objects.update_or_create(
        event=event, user=user, defaults={"alternative": alternative}
    )
    return choice


@transaction.atomic
def attendance_toggle(*, user: User, event: Event) -> bool:
    """Say "I will attend", or take it back. Returns whether the user now attends."""
    require(user, "participation.attend_event", event)
    deleted, _rows = Attendance.objects.filter(event=event, user=user).delete()
    if deleted:
        return False
    Attendance.objects.create(event=event, user=user)
    return True


@transaction.atomic
def results_save(
    *, event: Event, decision_ky: str, decision_ru: str, protocol: UploadedFile | None = None,
    tallies: dict[tuple[int, str], int | None], actor: User | None = None,
) -> Event:
    """The decision, the protocol and the offline tallies {(alternative id, method): count}."""
    if event.status not in (S.HELD, S.RESULTS):
        raise ValidationError(_("Results can be recorded once the event has been held."))
    result_fields = ["decision_ky", "decision_ru", "protocol"]
    before = history.before(event, result_fields)
    before_tallies = _tallies(event)
    event.decision_ky = decision_ky
    event.decision_ru = decision_ru
    fields = ["decision_ky", "decision_ru", "modified"]
    if protocol:
        event.protocol = protocol
        fields.append("protocol")
    event.full_clean()
    event.save(update_fields=fields)
    alternatives = {a.pk: a for a in event.alternatives.all()}
    for (alternative_id, method), count in tallies.items():
        if alternative_id not in alternatives:
            raise ValidationError(_("Choose one of this event's alternatives."))
        if count is None:
            OfflineTally.objects.filter(alternative_id=alternative_id, method=method).delete()
        else:
            OfflineTally.objects.update_or_create(
                alternative_id=alternative_id, method=method, defaults={"count": count}
            )
    changes = history.diff(before, history.snapshot(event, result_fields))
    after_tallies = _tallies(event)
    if after_tallies != before_tallies:
        changes["tallies"] = [before_tallies or None, after_tallies or None]
    if changes:
        history.record(actor=actor, obj=event, verb=Verb.CHANGED, changes=changes)
    return event


def _tallies(event: Event) -> dict[str, int]:
    """The offline tallies as the history keeps them: {"alternative: method": count}."""
    rows = OfflineTally.objects.filter(alternative__event=event).select_related("alternative")
    return {f"{row.alternative}: {row.get_method_display()}": row.count for row in rows}


@transaction.atomic
def attendance_counts_save(*, event: Event, counts: dict[int, int | None],
                           villages: list[tuple[str, int]], actor: User | None = None) -> None:
    """Aggregate attendance {group id: count}; villages [(name, count)] replace the old list."""
    if event.status not in (S.HELD, S.RESULTS):
        raise ValidationError(_("Attendance can be recorded once the event has been held."))
    before = _attendance(event)
    groups = set(BalanceGroup.objects.values_list("pk", flat=True))
    for group_id, count in counts.items():
        if group_id not in groups:
            raise ValidationError(_("Unknown group."))
        if count is None:
            AttendanceCount.objects.filter(event=event, group_id=group_id).delete()
        else:
            AttendanceCount.objects.update_or_create(
                event=event, group_id=group_id, defaults={"count": count}
            )
    VillageAttendance.objects.filter(event=event).delete()
    merged: dict[str, int] = {}
    for name, count in villages:
        name = name.strip()
        if name and count:
            merged[name] = merged.get(name, 0) + count
    VillageAttendance.objects.bulk_create(
        VillageAttendance(event=event, village=name, count=count) for name, count in merged.items()
    )
    changes = history.diff(before, _attendance(event))
    if changes:
        history.record(actor=actor, obj=event, verb=Verb.CHANGED, changes=changes)


def _attendance(event: Event) -> dict[str, object]:
    """Attendance as the history keeps it: by group, by village."""
    groups = {
        str(row.group): row.count
        for row in AttendanceCount.objects.filter(event=event).select_related("group")
    }
    villages = {
        row.village: row.count for row in VillageAttendance.objects.filter(event=event)
    }
    return {"attendance": groups or None, "villages": villages or None}


@transaction.atomic
def reference_shares_save(
    *, municipality: Municipality, shares: dict[int, Decimal | None], source: str,
    actor: User | None = None,
) -> None:
    """A municipality's own population shares {group id: percent or None (use national)}."""
    before = _shares(municipality)
    source = (source or "").strip()
    if not source and any(v is not None for v in shares.values()):
        raise ValidationError(_("Cite the source of the figures."))
    for group_id, percent in shares.items():
        if percent is None:
            ReferenceShare.objects.filter(municipality=municipality, group_id=group_id).delete()
            continue
        share = ReferenceShare(
            municipality=municipality, group_id=group_id, percent=percent, source=source
        )
        share.full_clean(validate_unique=False, validate_constraints=False)
        ReferenceShare.objects.update_or_create(
            municipality=municipality,
            group_id=group_id,
            defaults={"percent": percent, "source": source},
        )
    changes = history.diff(before, _shares(municipality))
    if changes:
        history.record(actor=actor, obj=municipality, verb=Verb.CHANGED, changes=changes)


def _shares(municipality: Municipality) -> dict[str, object]:
    rows = ReferenceShare.objects.filter(municipality=municipality).select_related("group")
    shares = {str(row.group): str(row.percent) for row in rows}
    return {"reference_shares": shares or None}

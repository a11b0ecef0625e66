"""Writes of law-making. Every write checks the rule on the object, validates and is atomic."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from portal import formats
from portal.history import services as history
from portal.history.models import Verb
from portal.models import User
from portal.moderation.services import check_may_post
from portal.permissions import require

from .models import ClauseText
from .models import Draft
from .models import DraftClause
from .models import DraftComment
from .models import DraftRevision
from .models import LawmakingSettings

# One clause of a text to write: (the clause it continues, or None for a new one, ky, ru).
ClauseRow = tuple[DraftClause | None, str, str]


def _notify(kind: str, obj: Draft) -> None:
    """Tell followers about a new item, once the transaction has committed."""
    try:
        from portal.following import notify_new_item
    except ImportError:  # pragma: no cover - following not installed
        return
    transaction.on_commit(lambda: notify_new_item(kind=kind, obj=obj))


def _write_revision(draft: Draft, clauses: list[ClauseRow], note: str = "") -> DraftRevision:
    """clauses: [(DraftClause | None, text_ky, text_ru)] in order; empty texts are dropped."""
    clauses = [(c, (ky or "").strip(), (ru or "").strip()) for c, ky, ru in clauses]
    clauses = [(c, ky, ru) for c, ky, ru in clauses if ky or ru]
    if not clauses:
        raise ValidationError(_("A draft needs at least one clause."), code="no_clauses")
    last = draft.revisions.aggregate(n=Max("number"))["n"] or 0
    revision = DraftRevision.objects.create(
        draft=draft, number=last + 1, note_ky=note, note_ru=note
    )
    for number, (clause, ky, ru) in enumerate(clauses, start=1):
        if clause is None:
            clause = DraftClause.objects.create(draft=draft)
        elif clause.draft_id != draft.pk:
            raise ValidationError(_("This clause belongs to another draft."), code="clause")
        text = ClauseText(
            revision=revision,
            clause=clause,
            number=number,
            text=ky or ru,
            text_ky=ky,
            text_ru=ru,
        )
        text.full_clean()
        text.save()
    return revision


def min_discussion_days() -> int:
    """The minimum public discussion period, in calendar days (site administrators set it)."""
    return LawmakingSettings.current().min_discussion_days


def when(value: datetime.datetime) -> str:
    """A moment as running text shows it ("2026-жылдын 13-декабры саат 14:30"); the messages
    that use it put it after a colon in Kyrgyz, so no case ending is needed."""
    return formats.datetime_text(value)


def check_discussion_period(draft: Draft, *, opens_at: datetime.datetime | None = None) -> None:
    """Refuse a discussion shorter than the minimum. ``opens_at``: when residents can start
    commenting, if later than the announced start (a draft published late, or now)."""
    days = min_discussion_days()
    starts, ends = draft.discussion_starts_at, draft.discussion_ends_at
    if not (starts and ends):
        return
    opens = max(starts, opens_at) if opens_at else starts
    if ends - opens >= datetime.timedelta(days=days):
        return
    earliest = when(opens + datetime.timedelta(days=days))
    if opens > starts:
        message = ngettext(
            "Published now, the draft would be open for comments for less than %(days)s "
            "calendar day. Move the end of the discussion to %(earliest)s or later.",
            "Published now, the draft would be open for comments for less than %(days)s "
            "calendar days. Move the end of the discussion to %(earliest)s or later.",
            days,
        ) % {"days": days, "earliest": earliest}
    else:
        message = ngettext(
            "The public discussion must last at least %(days)s calendar day: starting at "
            "%(start)s, it may end no earlier than %(earliest)s.",
            "The public discussion must last at least %(days)s calendar days: starting at "
            "%(start)s, it may end no earlier than %(earliest)s.",
            days,
        ) % {"days": days, "start": when(starts), "earliest": earliest}
    raise ValidationError({"discussion_ends_at": [ValidationError(message, code="too_short")]})


@transaction.atomic
def draft_create(*, user: User, data: dict[str, Any], clauses: list[tuple[str, str]]) -> Draft:
    draft = Draft(created_by=user, **data)
    draft.title = draft.title_ky or draft.title_ru or ""
    require(user, "lawmaking.change_draft", draft)
    draft.full_clean()
    check_discussion_period(draft)
    draft.save()
    revision = _write_revision(draft, [(None, ky, ru) for ky, ru in clauses])
    history.record_saved(actor=user, obj=draft, before={}, created=True)
    history.record(
        actor=user, obj=draft, verb=Verb.REVISED,
        changes={"revision": [None, revision.number]},
    )
    return draft


@transaction.atomic
def draft_update(*, user: User, draft: Draft, data: dict[str, Any]) -> Draft:
    require(user, "lawmaking.change_draft", draft)
    snapshot = history.before(draft)
    # The form may already have written the new values on this object: compare with the row.
    before: Mapping[str, object] = Draft.objects.filter(pk=draft.pk).values(
        "discussion_starts_at", "discussion_ends_at"
    ).first() or {}
    for field, value in data.items():
        setattr(draft, field, value)
    draft.title = draft.title_ky or draft.title_ru or ""
    draft.full_clean()
    if any(getattr(draft, field) != value for field, value in before.items()):
        # An open draft's period counts from its publication, not from an earlier start.
        opens_at = draft.published_at if draft.status == Draft.Status.PUBLISHED else None
        check_discussion_period(draft, opens_at=opens_at)
    draft.save()
    history.record_saved(actor=user, obj=draft, before=snapshot, created=False)
    return draft


@transaction.atomic
def draft_revise(
    *, user: User, draft: Draft, clauses: list[ClauseRow], note: str = ""
) -> DraftRevision:
    """A new revision of the text; each clause keeps its identity (and its comments)."""
    require(user, "lawmaking.change_draft", draft)
    Draft.objects.select_for_update().filter(pk=draft.pk).first()
    revision = _write_revision(draft, clauses, note)
    history.record(
        actor=user, obj=draft, verb=Verb.REVISED,
        changes={"revision": [revision.number - 1 or None, revision.number]}, comment=note,
    )
    return revision


@transaction.atomic
def draft_publish(*, user: User, draft: Draft) -> Draft:
    require(user, "lawmaking.change_draft", draft)
    if draft.status != Draft.Status.DRAFT:
        raise ValidationError(_("This draft has already been published."), code="state")
    now = timezone.now()
    check_discussion_period(draft, opens_at=now)
    draft.status = Draft.Status.PUBLISHED
    draft.published_at = now
    draft.full_clean()
    draft.save(update_fields=["status", "published_at", "modified"])
    history.record(
        actor=user, obj=draft, verb=Verb.PUBLISHED,
        changes={"status": [Draft.Status.DRAFT, Draft.Status.PUBLISHED]},
    )
    _notify("draft", draft)
    return draft


def current_revision(draft: Draft) -> DraftRevision | None:
    return draft.revisions.order_by("-number").first()


@transaction.atomic
def comment_create(*, user: User, draft: Draft, text: str, clause: DraftClause | None = None
) -> DraftComment:
    require(user, "lawmaking.comment_draft", draft)
    check_may_post(user)  # blocked? posting too fast? (one limit for every kind of text)
    revision = current_revision(draft)
    if (
        clause is not None
        and not ClauseText.objects.filter(revision=revision, clause=clause).exists()
    ):
        raise ValidationError(_("Choose a clause of the current text."), code="clause")
    comment = DraftComment(
        draft=draft, clause=clause, revision=revision, author=user, text=(text or "").strip()
    )
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_decide(
    *, user: User, comment: DraftComment, decision: str, reason_ky: str, reason_ru: str
) -> DraftComment:
    require(user, "lawmaking.decide_draftcomment", comment)
    reason_ky, reason_ru = (reason_ky or "").strip(), (reason_ru or "").strip()
    if not (reason_ky or reason_ru):
        raise ValidationError(_("Give the reason for the decision."), code="reason")
    comment.decision = decision
    comment.decision_reason = reason_ky or reason_ru
    comment.decision_reason_ky = reason_ky
    comment.decision_reason_ru = reason_ru
    comment.decided_by = user
    comment.decided_at = timezone.now()
    comment.full_clean()
    comment.save()
    history.record(
        actor=user, obj=comment, verb=Verb.DECIDED, parent=comment.draft,
        changes={"decision": [None, comment.get_decision_display()]},
        comment=reason_ky or reason_ru, public=False,
    )
    return comment


@transaction.atomic
def draft_adopt(*, user: User, draft: Draft, data: dict[str, Any]) -> Draft:
    """The adopted text and the council decision, once every comment has its answer."""
    require(user, "lawmaking.adopt_draft", draft)
    if draft.comments.filter(is_hidden=False, decision="").exists():
        raise ValidationError(
            _("Answer every comment before publishing the adopted text."), code="unanswered"
        )
    previous = draft.status
    for field, value in data.items():
        setattr(draft, field, value)
    draft.adopted_text = draft.adopted_text_ky or draft.adopted_text_ru or ""
    draft.status = Draft.Status.ADOPTED
    draft.full_clean()
    draft.save()
    changes: dict[str, list[Any]] = {"status": [previous, Draft.Status.ADOPTED]}
    changes.update({
        name: [None, history.plain(getattr(draft, name))]
        for name in data if getattr(draft, name, None) not in (None, "")
    })
    history.record(actor=user, obj=draft, verb=Verb.ADOPTED, changes=changes)
    return draft

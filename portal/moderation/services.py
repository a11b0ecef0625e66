"""The moderation acts, for every registered kind of citizen text: each one atomic, required
through the permission gate and written to the one audit trail (``ModerationRecord``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal import outbox
from portal import ratelimit
from portal.permissions import forget
from portal.permissions import require

from . import registry
from .models import Flag
from .models import ModerationRecord
from .models import UserBlock
from .registry import Kind

REASON_MAX = 300


def post_rate() -> tuple[int, int]:
    """(how many texts, per how many seconds) one person may post, of all kinds together."""
    rate: tuple[int, int] = getattr(settings, "PARTICIPATION_COMMENT_RATE", (5, 60))
    return rate


def _kind(obj: Any) -> Kind:
    kind = registry.kind_of(obj)
    if kind is None:
        raise ImproperlyConfigured(f"{type(obj).__name__} is not a registered kind of text.")
    return kind


def _clean_reason(reason: str | None, message: str) -> str:
    cleaned = (reason or "").strip()
    if not cleaned:
        raise ValidationError(message, code="reason")
    return cleaned[:REASON_MAX]


def _record(
    *, actor: Any, action: str, obj: Any = None, target_user_id: int | None = None,
    reason: str = "",
) -> ModerationRecord:
    record = ModerationRecord(actor=actor, action=action, target_user_id=target_user_id,
                              reason=reason)
    if obj is not None:
        kind = _kind(obj)
        record.content_type = ContentType.objects.get_for_model(kind.model)
        record.object_id = obj.pk
        record.municipality_id = kind.municipality_id_of(obj)
        record.target_user_id = kind.author_id_of(obj)
    record.full_clean()
    record.save()
    return record


def _open_flags(obj: Any) -> Any:
    kind = _kind(obj)
    return Flag.objects.filter(
        content_type=ContentType.objects.get_for_model(kind.model),
        object_id=obj.pk,
        is_resolved=False,
    )


def check_may_post(user: Any) -> None:
    """Before any citizen text is saved: a blocked person is refused (PermissionDenied), and
    everyone shares one rate limit across all kinds (``RateLimitedError``, a ValidationError)."""
    require(user, "moderation.take_part")
    limit, seconds = post_rate()
    ratelimit.check(
        f"moderation:post:{user.pk}", limit=limit, seconds=seconds,
        message=_("You are posting too fast. Please wait a minute and try again."),
    )


@transaction.atomic
def flag_create(*, user: Any, obj: Any, reason: str = "") -> Flag:
    """Report a text to the moderators; a second report by the same person updates the first."""
    require(user, "moderation.flag_item", obj)
    kind = _kind(obj)
    content_type = ContentType.objects.get_for_model(kind.model)
    reason = (reason or "").strip()[:REASON_MAX]
    flag = Flag.objects.filter(
        content_type=content_type, object_id=obj.pk, user=user, is_resolved=False
    ).first()
    if flag is not None:
        if reason and reason != flag.reason:
            flag.reason = reason
            flag.save(update_fields=["reason"])
        return flag
    flag = Flag(
        content_type=content_type,
        object_id=obj.pk,
        user=user,
        reason=reason,
    )
    flag.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            flag.save()
    except IntegrityError:  # a double click raced itself: the first flag stands
        return Flag.objects.get(
            content_type=content_type, object_id=obj.pk, user=user, is_resolved=False
        )
    return flag


@transaction.atomic
def item_hide(*, actor: Any, obj: Any, reason: str) -> Any:
    """Hide a text with a reason: its flags are resolved, the act recorded, the author told."""
    require(actor, "moderation.hide_item", obj)
    reason = _clean_reason(reason, _("Give the reason for hiding."))
    kind = _kind(obj)
    locked: Any = kind.model._default_manager.select_for_update().get(pk=obj.pk)
    if locked.is_hidden:
        raise ValidationError(_("This text is already hidden."), code="hidden")
    obj.is_hidden = True
    obj.hidden_reason = reason
    obj.hidden_at = timezone.now()
    fields = ["is_hidden", "hidden_reason", "hidden_at"]
    if any(f.name == "modified" for f in kind.model._meta.concrete_fields):
        fields.append("modified")
    obj.save(update_fields=fields)
    _open_flags(obj).update(is_resolved=True)
    _record(actor=actor, action=ModerationRecord.Action.HIDE, obj=obj, reason=reason)
    from .tasks import hidden_notice_task

    content_type_id = ContentType.objects.get_for_model(kind.model).pk
    object_id = obj.pk
    outbox.enqueue(hidden_notice_task, content_type_id=content_type_id, object_id=object_id)
    return obj


@transaction.atomic
def item_restore(*, actor: Any, obj: Any) -> Any:
    """Undo a hide made in error; the hide and the restore both stay on record."""
    require(actor, "moderation.hide_item", obj)
    kind = _kind(obj)
    locked: Any = kind.model._default_manager.select_for_update().get(pk=obj.pk)
    if not locked.is_hidden:
        raise ValidationError(_("This text is not hidden."), code="visible")
    obj.is_hidden = False
    obj.hidden_reason = ""
    obj.hidden_at = None
    fields = ["is_hidden", "hidden_reason", "hidden_at"]
    if any(f.name == "modified" for f in kind.model._meta.concrete_fields):
        fields.append("modified")
    obj.save(update_fields=fields)
    _record(actor=actor, action=ModerationRecord.Action.RESTORE, obj=obj)
    return obj


@transaction.atomic
def flags_dismiss(*, actor: Any, obj: Any) -> int:
    """The text stays: its open flags are resolved. Returns how many were open."""
    require(actor, "moderation.hide_item", obj)
    resolved: int = _open_flags(obj).update(is_resolved=True)
    _record(actor=actor, action=ModerationRecord.Action.DISMISS, obj=obj)
    return resolved


@transaction.atomic
def user_block(*, actor: Any, user: Any, reason: str) -> UserBlock:
    """Stop a person from writing or flagging anything, with a reason."""
    require(actor, "moderation.block_user")
    reason = _clean_reason(reason, _("Give the reason for blocking."))
    if user.pk == actor.pk:
        raise ValidationError(_("You cannot block yourself."), code="self")
    block, _created = UserBlock.objects.update_or_create(
        user=user, defaults={"reason": reason, "blocked_by": actor}
    )
    forget(user)
    _record(actor=actor, action=ModerationRecord.Action.BLOCK, target_user_id=user.pk,
            reason=reason)
    return block


@transaction.atomic
def user_unblock(*, actor: Any, user: Any) -> bool:
    """Let a blocked person take part again. Returns whether they were blocked."""
    require(actor, "moderation.block_user")
    deleted, _rows = UserBlock.objects.filter(user=user).delete()
    forget(user)
    if deleted:
        _record(actor=actor, action=ModerationRecord.Action.UNBLOCK, target_user_id=user.pk)
    return bool(deleted)

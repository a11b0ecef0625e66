"""Demo helpers for the apps' ``demo.py``: flag or hide a demo text idempotently.

Written straight (not through the services): the demo must not mail anyone and may run
when the texts' discussions are over. The rows are the same the services write.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from . import registry
from .models import Flag
from .models import ModerationRecord


def demo_flag(obj: Any, user: Any, reason: str) -> None:
    """An open flag by ``user`` on ``obj`` (once)."""
    kind = registry.kind_of(obj)
    if kind is None or user is None or obj.is_hidden:
        return
    Flag.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(kind.model),
        object_id=obj.pk,
        user=user,
        is_resolved=False,
        defaults={"reason": reason},
    )


def demo_hide(obj: Any, actor: Any, reason: str) -> None:
    """Hide ``obj`` with a reason and record it (once); its open flags are resolved."""
    kind = registry.kind_of(obj)
    if kind is None or obj.is_hidden:
        return
    content_type = ContentType.objects.get_for_model(kind.model)
    now = timezone.now()
    kind.model._default_manager.filter(pk=obj.pk).update(
        is_hidden=True, hidden_reason=reason, hidden_at=now
    )
    Flag.objects.filter(content_type=content_type, object_id=obj.pk).update(is_resolved=True)
    ModerationRecord.objects.create(
        actor=actor,
        action=ModerationRecord.Action.HIDE,
        content_type=content_type,
        object_id=obj.pk,
        target_user_id=kind.author_id_of(obj),
        municipality_id=kind.municipality_id_of(obj),
        reason=reason,
        created=now,
    )

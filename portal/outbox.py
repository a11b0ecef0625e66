"""The transactional outbox: every task a request queues is first a row in the database.

``enqueue(task, **kwargs)`` writes an ``OutboxMessage`` in the caller's transaction (so a
rolled-back request queues nothing, and a committed one loses nothing); after the commit it
tries once to hand the row to Celery — with the broker timeouts in settings a web request never
waits on Redis more than about a second — and marks it sent. Rows the broker did not take
(Redis away, or restarted with its data lost) stay unsent and are sent again, oldest first,
by ``dispatch()``: the Celery beat task ``portal.outbox_dispatch`` every minute, and the
``outbox_dispatch`` management command for when beat itself cannot reach the broker.

Delivery is at least once: a task may arrive twice (sent, then its row not marked because
the process died), so every task queued here must be idempotent or harmless when repeated.
"""

from __future__ import annotations

import datetime
import json
import logging
import time
from functools import partial
from typing import Any

from celery import Task
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from portal.models import OutboxMessage

logger = logging.getLogger(__name__)

BATCH = 100


def enqueue(task: Task | str, /, **kwargs: Any) -> OutboxMessage:
    """Record ``task(**kwargs)`` in the current transaction; send it after commit.

    Pass ids and plain values (JSON): the row is read back as JSON by the dispatcher.
    """
    name = task if isinstance(task, str) else task.name
    json.dumps(kwargs)  # refuse what the broker would refuse, now, in the caller
    message = OutboxMessage.objects.create(task=name, kwargs=kwargs)
    transaction.on_commit(partial(_send_after_commit, message.pk))
    return message


# After a refusal this process leaves new rows to the dispatcher for a while, so a request
# queuing many tasks (one per follower) waits on an unreachable broker once, not once each.
BROKER_PAUSE_SECONDS = 10.0
_broker_paused_until = 0.0


def _send_after_commit(message_id: int) -> None:
    global _broker_paused_until
    if time.monotonic() < _broker_paused_until:
        return
    try:
        sent = send(message_id)
    except Exception:  # the request has committed: it must not turn into a 500 now
        logger.exception("outbox message %s not sent; the dispatcher will retry", message_id)
        sent = False
    if sent or _eager():
        return  # run in-process, a failure is the task's own, not the broker's
    if OutboxMessage.objects.filter(pk=message_id, sent_at__isnull=True).exists():
        _broker_paused_until = time.monotonic() + BROKER_PAUSE_SECONDS


def _eager() -> bool:
    from portal.celery import app

    return bool(app.conf.task_always_eager)


def _publish(message: OutboxMessage) -> None:
    from portal.celery import app

    # No result is awaited: ignore_result keeps the publisher off the result store (whose
    # reconnecting would otherwise hold the request ~19 s while Redis is away).
    options = {"retry": False, "ignore_result": True}
    task = app.tasks.get(message.task)
    if task is None:
        app.send_task(message.task, kwargs=message.kwargs, **options)
    else:
        # apply_async honours CELERY_TASK_ALWAYS_EAGER (development without Redis, tests).
        task.apply_async(kwargs=message.kwargs, **options)


def _try(message: OutboxMessage) -> bool:
    """Publish one locked row; record the outcome on it. True when the broker took it."""
    message.attempts += 1
    try:
        _publish(message)
    except Exception as exc:
        message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
        message.save(update_fields=["attempts", "last_error"])
        logger.warning("outbox message %s (%s) not sent: %s", message.pk, message.task, exc)
        return False
    message.sent_at = timezone.now()
    message.save(update_fields=["attempts", "sent_at"])
    return True


def send(message_id: int) -> bool:
    """Send one unsent row now; False if it is sent already, being sent, or refused."""
    with transaction.atomic():
        message = (
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(pk=message_id, sent_at__isnull=True)
            .first()
        )
        if message is None:
            return False
        return _try(message)


def dispatch(*, limit: int = 1000) -> dict[str, int]:
    """Send unsent rows, oldest first; stop at the first refusal (the broker is away).

    Rows another dispatcher (or a request) is sending are skipped, never sent twice by two
    dispatchers. Sent rows older than ``OUTBOX_KEEP_DAYS`` are deleted (they may hold mail).
    """
    result = {"sent": 0, "failed": 0, "deleted": 0}
    while result["sent"] < limit:
        with transaction.atomic():
            batch = list(
                OutboxMessage.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True)
                .order_by("created", "pk")[: min(BATCH, limit - result["sent"])]
            )
            if not batch:
                break
            for message in batch:
                if not _try(message):
                    result["failed"] += 1
                    break
                result["sent"] += 1
            else:
                continue
        break  # the broker refused: the rest waits for the next run
    cutoff = timezone.now() - datetime.timedelta(days=settings.OUTBOX_KEEP_DAYS)
    result["deleted"] = OutboxMessage.objects.filter(sent_at__lt=cutoff).delete()[0]
    return result


def unsent_count() -> int:
    return OutboxMessage.objects.filter(sent_at__isnull=True).count()

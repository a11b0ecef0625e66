"""Site-wide Celery helpers and tasks."""

from collections.abc import Callable

from celery import shared_task
from django.db import transaction


def enqueue_on_commit(task, /, **kwargs) -> None:
    """Queue a task only once the current transaction has committed.

    A task queued inside a transaction that later rolls back would act on rows that never
    existed, and a worker may pick it up before the rows are visible. Pass ids, not objects.
    """
    send: Callable[[], object] = lambda: task.delay(**kwargs)  # noqa: E731
    transaction.on_commit(send)


@shared_task(name="portal.ping")
def ping(*, value: str = "pong") -> str:
    """A no-op that proves a worker is alive and reads JSON."""
    return value

"""Site-wide Celery helpers and tasks."""

import logging
from collections.abc import Callable

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import transaction

from portal import following
from portal.reports import services as report_services

logger = logging.getLogger(__name__)


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


REPORT_MAX_RETRIES = 3


@shared_task(
    bind=True,
    name="portal.report_render",
    acks_late=True,
    reject_on_worker_lost=True,
    soft_time_limit=settings.REPORT_TIME_LIMIT,
    time_limit=settings.REPORT_TIME_LIMIT + 15,
    max_retries=REPORT_MAX_RETRIES,
)
def report_render_task(self, *, report_id: int) -> str:
    """Render one report. Transient failures retry with backoff; then it fails for good."""
    try:
        report = report_services.report_render(report_id=report_id)
    except SoftTimeLimitExceeded:
        report_services.report_fail(report_id=report_id, message="rendering took too long")
        return "failed"
    except Exception as exc:
        if self.request.retries >= REPORT_MAX_RETRIES:
            logger.exception("report %s failed for good", report_id)
            report_services.report_fail(report_id=report_id, message=f"{type(exc).__name__}: {exc}")
            return "failed"
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
    return report.status if report else "missing"


@shared_task(name="portal.following_send", acks_late=True, max_retries=3)
def following_send_task(*, delivery_id: int) -> bool:
    """E-mail one immediate delivery (portal/following.py); a sent row is never sent again."""
    return following.send_delivery(delivery_id)


@shared_task(name="portal.following_digest", acks_late=True)
def following_digest_task() -> int:
    """The daily digest of followed municipalities and sections (scheduled by Celery beat)."""
    return following.send_digests()

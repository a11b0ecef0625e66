"""Site-wide Celery helpers and tasks."""

import dataclasses
import logging

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from portal import following
from portal import outbox
from portal.reports import services as report_services

logger = logging.getLogger(__name__)


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
    """Render one report. Transient failures retry with backoff; then it fails for good.

    Every run, retry or redelivery (a killed worker's task comes back) counts one attempt in
    the database before rendering; with none left the service marks the report failed.
    """
    try:
        report = report_services.report_render(report_id=report_id)
    except SoftTimeLimitExceeded:
        report_services.report_fail(report_id=report_id, message="rendering took too long")
        return "failed"
    except Exception as exc:
        if self.request.retries >= REPORT_MAX_RETRIES or not (
            report_services.report_attempts_left(report_id)
        ):
            logger.exception("report %s failed for good", report_id)
            report_services.report_fail(report_id=report_id, message=f"{type(exc).__name__}: {exc}")
            return "failed"
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
    return report.status if report else "missing"


@shared_task(name="portal.reports_sweep")
def reports_sweep_task() -> dict[str, int]:
    """Beat, every ten minutes: remove reports of withdrawn content, take over stuck renders."""
    return dataclasses.asdict(report_services.reports_sweep())


@shared_task(name="portal.following_send", acks_late=True, max_retries=3)
def following_send_task(*, delivery_id: int) -> bool:
    """E-mail one immediate delivery (portal/following.py); a sent row is never sent again."""
    return following.send_delivery(delivery_id)


@shared_task(name="portal.following_digest", acks_late=True)
def following_digest_task() -> int:
    """The daily digest of followed municipalities and sections (scheduled by Celery beat)."""
    return following.send_digests()


@shared_task(name="portal.outbox_dispatch")
def outbox_dispatch_task() -> dict[str, int]:
    """Beat, every minute: send the outbox rows the broker did not take (portal/outbox.py)."""
    return outbox.dispatch()


MAIL_MAX_RETRIES = 8


@shared_task(bind=True, name="portal.send_mail", acks_late=True, max_retries=MAIL_MAX_RETRIES)
def send_mail_task(
    self,
    *,
    subject: str,
    body: str,
    to: list[str],
    from_email: str | None = None,
    html: str = "",
    headers: dict[str, str] | None = None,
) -> bool:
    """Send one mail rendered in the request (allauth's sign-up and reset mails).

    The SMTP connection has a timeout (``EMAIL_TIMEOUT``). A worker retries a refused or
    timed-out send with backoff; run eagerly (no broker) the error goes back to the outbox,
    whose row stays unsent for the dispatcher.
    """
    message = EmailMultiAlternatives(
        subject=subject, body=body, from_email=from_email, to=to, headers=headers or {}
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send()
    except Exception as exc:
        if self.request.is_eager:
            raise
        raise self.retry(exc=exc, countdown=min(30 * 2**self.request.retries, 3600)) from exc
    return True

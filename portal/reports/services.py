"""Writes of the report pipeline. Views call report_request; the task calls report_render."""

import datetime
import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils import translation

from portal.models import Report

from . import registry
from .fetcher import SafeURLFetcher

logger = logging.getLogger(__name__)


class ReportNotAvailableError(Exception):
    """The object does not exist or is not public: there is nothing to report."""


class BrokerUnavailableError(Exception):
    """The task queue cannot be reached: the reader should try again later."""


def _online_url(obj: Any, language: str) -> str:
    with translation.override(language):
        return str(settings.SITE_URL + obj.get_absolute_url())


def render_report_html(
    report_type: registry.ReportType, obj: Any, *, language: str,
    report_date: datetime.date | None = None,
) -> str:
    """The report's HTML in its own language (outside a request nothing else sets it)."""
    with translation.override(language):
        context = {
            "object": obj,
            "report_type": report_type,
            "report_date": report_date,
            "online_url": _online_url(obj, language),
            "LANGUAGE_CODE": language,
            "large_type": report_type.large_type,
            **report_type.context(obj),
        }
        return render_to_string(report_type.template, context)


def _content_hash(html: str) -> str:
    return hashlib.sha256(html.encode()).hexdigest()


def report_request(*, kind: str, object_id: int, language: str) -> tuple[Report, bool]:
    """Find or create the report of the object's current content; True if it must be queued.

    The same content asked for twice gets the same row: a ready report is served from its
    file, a pending one is not queued again, a failed one is queued afresh.
    """
    report_type = registry.get(kind)
    if report_type is None or language not in dict(settings.LANGUAGES):
        raise ReportNotAvailableError
    try:
        obj = report_type.load(object_id)
    except Exception as exc:  # DoesNotExist of any model
        raise ReportNotAvailableError from exc
    if not report_type.is_public(obj):
        raise ReportNotAvailableError
    html = render_report_html(report_type, obj, language=language)
    with transaction.atomic():
        report, created = Report.objects.select_for_update().get_or_create(
            kind=kind,
            object_id=object_id,
            language=language,
            content_hash=_content_hash(html),
            defaults={
                "online_url": _online_url(obj, language),
                "title": str(obj)[:300],
            },
        )
        if created:
            return report, True
        if report.status == Report.Status.FAILED:
            report.status = Report.Status.QUEUED
            report.error = ""
            report.attempts = 0
            report.save(update_fields=["status", "error", "attempts", "modified"])
            return report, True
    return report, False


def report_enqueue(report: Report) -> None:
    """Queue the rendering; called after the report row has been committed."""
    from portal.tasks import report_render_task

    try:
        report_render_task.delay(report_id=report.pk)
    except Exception as exc:  # kombu OperationalError, redis ConnectionError...
        logger.warning("report %s not queued: %s", report.pk, exc)
        Report.objects.filter(pk=report.pk).update(
            status=Report.Status.FAILED, error="queue unavailable"
        )
        raise BrokerUnavailableError from exc


def report_render(*, report_id: int) -> Report | None:
    """Render and store the PDF. Safe to run twice: the file name is fixed, one file stays."""
    report = Report.objects.filter(pk=report_id).first()
    if report is None or report.status == Report.Status.READY:
        return report
    report_type = registry.get(report.kind)
    if report_type is None:
        report_fail(report_id=report_id, message="unknown report type")
        return None
    Report.objects.filter(pk=report_id).update(
        status=Report.Status.RUNNING, attempts=report.attempts + 1
    )
    obj = report_type.load(report.object_id)
    html = render_report_html(
        report_type, obj, language=report.language, report_date=report.created
    )
    pdf = pdf_document(html).write_pdf()
    name = (
        f"reports/{report.kind}/"
        f"{report.object_id}-{report.language}-{report.content_hash[:16]}.pdf"
    )
    storage = report.file.storage
    if storage.exists(name):
        storage.delete(name)  # a re-delivered task replaces, never duplicates, the file
    stored = storage.save(name, ContentFile(pdf))
    Report.objects.filter(pk=report_id).update(
        status=Report.Status.READY, file=stored, error="", finished=timezone.now()
    )
    report.refresh_from_db()
    return report


def pdf_document(html: str) -> Any:  # a weasyprint Document (the package has no types)
    """Lay the report out: our fonts and files only, through the safe fetcher."""
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.SITE_URL, url_fetcher=SafeURLFetcher()).render()


def report_fail(*, report_id: int, message: str) -> None:
    Report.objects.filter(pk=report_id).update(
        status=Report.Status.FAILED, error=message[:300], finished=timezone.now()
    )

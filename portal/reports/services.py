"""Writes of the report pipeline. Views call report_request/report_find; tasks call
report_render and reports_sweep.

- A report is keyed by its content key: a fingerprint of what it shows, computed without
  rendering it (``content_key``); unchanged content reuses the stored file.
- Pages reach a report by its random token (``report_find``), and only while its object is
  still public: a report of withdrawn content is removed, file and row, when it is asked for
  and by the periodic ``reports_sweep``.
- A report is rendered at most ``REPORT_MAX_ATTEMPTS`` times in all: each attempt is counted
  in the database before the work starts, so a worker killed every time still ends "failed".
  A failed report may be asked for again only after ``REPORT_RETRY_AFTER`` seconds, and only
  while attempts are left; a render stuck "running" past the hard time limit is taken over.
"""

import dataclasses
import datetime
import functools
import hashlib
import logging
from collections.abc import Iterable
from pathlib import Path
from typing import Any
from typing import cast

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import models
from django.db import transaction
from django.db.models import F
from django.db.models import Q
from django.template.loader import get_template
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils import translation
from django.utils.functional import Promise

from portal.models import Report
from portal.urls_abs import absolute

from . import registry
from .fetcher import SafeURLFetcher

logger = logging.getLogger(__name__)
PENDING = (Report.Status.QUEUED, Report.Status.RUNNING)
MAX_DEPTH = 30


class ReportNotAvailableError(Exception):
    """The object does not exist or is not public: there is nothing to report."""


def _online_url(obj: Any, language: str) -> str:
    with translation.override(language):
        return absolute(str(obj.get_absolute_url()))


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


# --- the content key ------------------------------------------------------------------------


@functools.cache
def _layout_fingerprint(template_name: str) -> str:
    """The report's templates as deployed: every file beside its template and in pdf/.

    A new layout is new content; read once per process.
    """
    digest = hashlib.sha256()
    folders = {
        Path(str(cast(Any, get_template(name)).origin.name)).parent
        for name in (template_name, "pdf/base_pdf.html")
    }
    for folder in sorted(folders):
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


def _fingerprint(  # one branch per kind of value
    value: Any, out: list[str], seen: set[tuple[str, Any]], depth: int = 0
) -> None:
    """Write down what ``value`` holds: rows by their field values and what was loaded with
    them (select_related, prefetch_related), containers item by item. No query is made but
    for querysets the context hands over unevaluated (the template would run them too)."""
    if depth > MAX_DEPTH:
        raise ValueError("report context nested too deeply for a content key")
    depth += 1
    if value is None or isinstance(value, str | int | float | bool | Promise):
        out.append(str(value))
    elif isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        out.append(value.isoformat() if hasattr(value, "isoformat") else str(value))
    elif isinstance(value, models.Model):
        ident = (value._meta.label, value.pk)
        out.append(f"<{ident}>")
        if value.pk is not None and ident in seen:
            return
        seen.add(ident)
        for field in value._meta.concrete_fields:
            out.append(str(field.value_from_object(value)))
        for name, related in sorted(value._state.fields_cache.items()):
            out.append(name)
            _fingerprint(related, out, seen, depth)
        prefetched = getattr(value, "_prefetched_objects_cache", {})
        for name in sorted(prefetched):
            out.append(name)
            _fingerprint(list(prefetched[name]), out, seen, depth)
    elif isinstance(value, models.QuerySet):
        _fingerprint(list(value), out, seen, depth)
    elif isinstance(value, dict):
        for key in sorted(value, key=str):
            out.append(str(key))
            _fingerprint(value[key], out, seen, depth)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for item in dataclasses.fields(value):
            out.append(item.name)
            _fingerprint(getattr(value, item.name), out, seen, depth)
    elif isinstance(value, Iterable):  # lists, tuples, sets of rows, generators
        items = sorted(value, key=str) if isinstance(value, set | frozenset) else list(value)
        out.append(f"[{len(items)}]")
        for item in items:
            _fingerprint(item, out, seen, depth)
    elif hasattr(value, "__dict__"):
        public = {k: v for k, v in vars(value).items() if not k.startswith("_")}
        _fingerprint(public, out, seen, depth)
    else:  # a Decimal, a UUID...: their str is their value
        out.append(str(value))


def fingerprint(*values: Any) -> str:
    """What the values hold, as one string (for a type's own ``content_key``)."""
    out: list[str] = []
    seen: set[tuple[str, Any]] = set()
    for value in values:
        _fingerprint(value, out, seen)
    return "\x1f".join(out)


def default_content_key(report_type: registry.ReportType, obj: Any) -> str:
    """The object and the report's context data, fingerprinted (no template is rendered)."""
    return fingerprint(obj, report_type.context(obj))


def content_key(report_type: registry.ReportType, obj: Any, *, language: str) -> str:
    """The hash naming this content: type, language, layout and what the report shows."""
    with translation.override(language):
        key = (
            report_type.content_key(obj)
            if report_type.content_key is not None
            else default_content_key(report_type, obj)
        )
    raw = "\x1e".join(
        (report_type.key, language, _layout_fingerprint(report_type.template), key)
    )
    return hashlib.sha256(raw.encode()).hexdigest()


# --- asking for a report --------------------------------------------------------------------


def report_object(*, kind: str, object_id: int, language: str) -> tuple[registry.ReportType, Any]:
    """The report type and its object, if the public may have it in that language."""
    report_type = registry.get(kind)
    if report_type is None or language not in dict(settings.LANGUAGES):
        raise ReportNotAvailableError
    try:
        obj = report_type.load(object_id)
    except Exception as exc:  # DoesNotExist of any model
        raise ReportNotAvailableError from exc
    with translation.override(language):
        if not report_type.is_public(obj):
            raise ReportNotAvailableError
    return report_type, obj


def _stuck_before() -> datetime.datetime:
    """A render started before this has outlived the hard time limit: its worker is gone."""
    return timezone.now() - datetime.timedelta(seconds=settings.REPORT_TIME_LIMIT + 15 + 60)


def _is_stuck(report: Report) -> bool:
    started = report.started or report.modified
    return report.status == Report.Status.RUNNING and started < _stuck_before()


def report_can_retry(report: Report) -> bool:
    """May a reader's request queue this failed report again now?"""
    if report.status != Report.Status.FAILED:
        return False
    if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
        return False
    if report.finished is None:  # never rendered (the queue was away): at once
        return True
    cool_down = datetime.timedelta(seconds=settings.REPORT_RETRY_AFTER)
    return report.finished <= timezone.now() - cool_down


def _gave_up_message(report: Report) -> str:
    return f"gave up after {report.attempts} attempts (the last did not finish)"


def report_request(*, kind: str, object_id: int, language: str) -> tuple[Report, bool]:
    """Find or create the report of the object's current content; True if it must be queued.

    The same content asked for twice gets the same row: a ready report is served from its
    file, a pending one is not queued again, a render stuck past the time limit is taken over
    within the attempt limit, and a failed one is queued again only when
    ``report_can_retry`` says so (attempts are never reset).
    """
    report_type, obj = report_object(kind=kind, object_id=object_id, language=language)
    key = content_key(report_type, obj, language=language)
    with transaction.atomic():
        report, created = Report.objects.select_for_update().get_or_create(
            kind=kind,
            object_id=object_id,
            language=language,
            content_hash=key,
            defaults={
                "online_url": _online_url(obj, language),
                "title": str(obj)[:300],
            },
        )
        if created:
            return report, True
        if _is_stuck(report):
            if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
                report_fail(report_id=report.pk, message=_gave_up_message(report))
                report.refresh_from_db()
                return report, False
            report.status = Report.Status.QUEUED
            report.save(update_fields=["status", "modified"])
            return report, True
        if report_can_retry(report):
            report.status = Report.Status.QUEUED
            report.error = ""
            report.save(update_fields=["status", "error", "modified"])
            return report, True
    return report, False


def report_enqueue(report: Report) -> None:
    """Queue the rendering through the outbox (``portal/outbox.py``): never lost, never waits.

    The row is written in the caller's transaction (or at once outside one); while the broker
    is away the report stays ``queued`` and the outbox dispatcher sends it when it is back.
    """
    from portal import outbox
    from portal.tasks import report_render_task

    outbox.enqueue(report_render_task, report_id=report.pk)


# --- reading a report -----------------------------------------------------------------------


def report_withdraw(report: Report) -> None:
    """Remove a report whose object is gone or no longer public: its file, then its row."""
    name = report.file.name
    Report.objects.filter(pk=report.pk).delete()
    if name:
        report.file.storage.delete(name)
    logger.info("report %s of withdrawn %s #%s removed", report.pk, report.kind, report.object_id)


def report_find(*, token: str) -> Report:
    """The report behind a page's address, if its object is public right now.

    Checked at every request: a report of withdrawn content is removed on the spot and the
    reader gets ReportNotAvailableError (404), as for an address that never existed.
    """
    report = Report.objects.filter(token=token).first()
    if report is None:
        raise ReportNotAvailableError
    try:
        report_object(kind=report.kind, object_id=report.object_id, language=report.language)
    except ReportNotAvailableError:
        report_withdraw(report)
        raise
    return report


# --- rendering ------------------------------------------------------------------------------


def report_attempts_left(report_id: int) -> bool:
    """Whether the report may be rendered once more (a task deciding to retry asks)."""
    attempts = Report.objects.filter(pk=report_id).values_list("attempts", flat=True).first()
    return attempts is not None and attempts < settings.REPORT_MAX_ATTEMPTS


def _claim(report_id: int) -> bool:
    """Count one attempt, committed before any work; False when none is left or not pending."""
    return bool(
        Report.objects.filter(
            pk=report_id, status__in=PENDING, attempts__lt=settings.REPORT_MAX_ATTEMPTS
        ).update(
            status=Report.Status.RUNNING, attempts=F("attempts") + 1, started=timezone.now()
        )
    )


def report_render(*, report_id: int) -> Report | None:
    """Render and store the PDF. Safe to run twice: the file name is fixed, one file stays."""
    claimed = _claim(report_id)
    report = Report.objects.filter(pk=report_id).first()
    if report is None or report.status == Report.Status.READY:
        return report
    if not claimed:
        if report.status in PENDING:  # every attempt used up: say so, render nothing more
            report_fail(report_id=report_id, message=_gave_up_message(report))
            report.refresh_from_db()
        return report
    try:
        report_type, obj = report_object(
            kind=report.kind, object_id=report.object_id, language=report.language
        )
    except ReportNotAvailableError:
        report_withdraw(report)  # withdrawn since it was asked for: nothing to render
        return None
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
    done = Report.objects.filter(pk=report_id).update(
        status=Report.Status.READY, file=stored, error="", finished=timezone.now()
    )
    if not done:  # withdrawn while it was being rendered
        storage.delete(stored)
        return None
    report.refresh_from_db()
    return report


def pdf_document(html: str) -> Any:  # a weasyprint Document (the package has no types)
    """Lay the report out: our fonts and files only, through the safe fetcher."""
    from weasyprint import HTML

    return HTML(string=html, base_url=settings.SITE_URL, url_fetcher=SafeURLFetcher()).render()


def report_fail(*, report_id: int, message: str) -> None:
    Report.objects.filter(pk=report_id).exclude(status=Report.Status.READY).update(
        status=Report.Status.FAILED, error=message[:300], finished=timezone.now()
    )


# --- the periodic sweep ---------------------------------------------------------------------


@dataclasses.dataclass
class SweepResult:
    withdrawn: int = 0
    requeued: int = 0
    failed: int = 0


def reports_sweep() -> SweepResult:
    """Remove reports of withdrawn content; take over renders stuck "running".

    Runs from Celery beat (``reports-sweep``). Reading a report checks its object too, so
    nothing leaks between sweeps; the sweep removes the files nobody asks for.
    """
    result = SweepResult()
    objects = Report.objects.values_list("kind", "object_id", "language").distinct()
    for kind, object_id, language in objects.iterator():
        try:
            report_object(kind=kind, object_id=object_id, language=language)
        except ReportNotAvailableError:
            for report in Report.objects.filter(
                kind=kind, object_id=object_id, language=language
            ):
                report_withdraw(report)
                result.withdrawn += 1
    cutoff = _stuck_before()
    stuck = Report.objects.filter(status=Report.Status.RUNNING).filter(
        Q(started__lt=cutoff) | Q(started__isnull=True, modified__lt=cutoff)
    )
    for report in stuck:
        if report.attempts >= settings.REPORT_MAX_ATTEMPTS:
            report_fail(report_id=report.pk, message=_gave_up_message(report))
            result.failed += 1
            continue
        taken = Report.objects.filter(pk=report.pk, status=Report.Status.RUNNING).update(
            status=Report.Status.QUEUED
        )
        if taken:
            report_enqueue(report)
            result.requeued += 1
    return result

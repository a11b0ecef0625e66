"""Ask for a report, watch it being prepared, download it."""

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_POST
from django.views.decorators.vary import vary_on_headers

from portal.models import Report

from . import registry
from .services import BrokerUnavailableError
from .services import ReportNotAvailableError
from .services import report_enqueue
from .services import report_request


@csrf_exempt  # public content only; see templates/includes/report_button.html
@transaction.non_atomic_requests  # the report row must be committed before it is queued
@require_POST
def report_create(request, kind: str, object_id: int):
    language = request.POST.get("language") or get_language()
    try:
        report, must_queue = report_request(kind=kind, object_id=object_id, language=language)
    except ReportNotAvailableError:
        raise Http404 from None
    if must_queue:
        try:
            report_enqueue(report)
        except BrokerUnavailableError:
            return render(
                request, "reports/report_unavailable.html", {"report": report}, status=503
            )
    elif report.status == Report.Status.READY:
        messages.success(request, _("The report is ready."))
    return redirect("reports:status", pk=report.pk)


@require_GET
@vary_on_headers("HX-Request")
def report_status(request, pk: int):
    report = get_object_or_404(Report, pk=pk)
    report_type = registry.get(report.kind)
    template = "reports/report_status.html"
    if request.htmx:
        template += "#report-state"
    return render(request, template, {"report": report, "report_type": report_type})


@require_GET
def report_download(request, pk: int):
    report = get_object_or_404(Report, pk=pk, status=Report.Status.READY)
    if not report.file:
        raise Http404
    filename = f"{report.kind}-{report.object_id}-{report.language}.pdf"
    return FileResponse(
        report.file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )

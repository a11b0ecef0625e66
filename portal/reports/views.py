"""Ask for a report, watch it being prepared, download it.

The report button on public pages is a GET form to ``report_create``, which answers a small
confirmation page (never cached: it carries a CSRF token); its POST asks for the report,
throttled per visitor and per address. Status and download pages find the report by its random
token and check, at every request, that its object is still public.
"""

import hashlib

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.http import HttpRequest
from django.http import HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from portal import files
from portal import ratelimit
from portal.htmx import HTMX_VARY
from portal.htmx import wants_fragment
from portal.models import Report

from . import registry
from . import services
from .services import ReportNotAvailableError


def _visitor(request: HttpRequest) -> str:
    """The account, else the browser (its CSRF cookie, which a POST here always carries)."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    cookie = request.COOKIES.get(settings.CSRF_COOKIE_NAME, "")
    return "browser:" + hashlib.sha256(cookie.encode()).hexdigest()[:32]


def _address(request: HttpRequest) -> str:
    try:
        return get_adapter(request).get_client_ip(request)
    except PermissionDenied:
        return request.META.get("REMOTE_ADDR", "")


def _throttled(request: HttpRequest) -> HttpResponse | None:
    """The 429 page in the visitor's language once a visitor or an address asked too often."""
    for key, (limit, seconds) in (
        (f"report:{_visitor(request)}", settings.REPORT_RATE_VISITOR),
        (f"report:ip:{_address(request)}", settings.REPORT_RATE_ADDRESS),
    ):
        if not ratelimit.allow(key, limit=limit, seconds=seconds):
            message = None if ratelimit.shared_store_away() else _(
                "You have asked for many reports in a short time. "
                "Please wait a few minutes and ask again."
            )
            response = ratelimit.too_many_requests(request, message)
            response["Retry-After"] = str(seconds)
            return response
    return None


@never_cache
@transaction.non_atomic_requests  # the report row must be committed before it is queued
@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest, kind: str, object_id: int) -> HttpResponse:
    """GET: the confirmation page with the form; POST (CSRF-checked): ask for the report."""
    source = request.POST if request.method == "POST" else request.GET
    language = source.get("language") or get_language()
    try:
        report_type, obj = services.report_object(kind=kind, object_id=object_id, language=language)
    except ReportNotAvailableError:
        raise Http404 from None
    if request.method == "GET":
        context = {"report_type": report_type, "object": obj, "kind": kind,
                   "object_id": object_id, "language": language}
        return render(request, "reports/report_confirm.html", context)
    if throttled := _throttled(request):
        return throttled
    try:
        report, must_queue = services.report_request(
            kind=kind, object_id=object_id, language=language
        )
    except ReportNotAvailableError:
        raise Http404 from None
    if must_queue:
        services.report_enqueue(report)
    elif report.status == Report.Status.READY:
        messages.success(request, _("The report is ready."))
    return redirect("reports:status", token=report.token)


def _report_or_404(token: str) -> Report:
    try:
        return services.report_find(token=token)
    except ReportNotAvailableError:
        raise Http404 from None


@never_cache
@transaction.non_atomic_requests  # a withdrawn report's removal must stay removed on the 404
@require_GET
@vary_on_headers(*HTMX_VARY)
def report_status(request: HttpRequest, token: str) -> HttpResponse:
    report = _report_or_404(token)
    template = "reports/report_status.html"
    if wants_fragment(request, boosted=True):
        template += "#report-state"
    context = {
        "report": report,
        "report_type": registry.get(report.kind),
        "can_retry": services.report_can_retry(report),
        "gave_up": report.status == Report.Status.FAILED
        and report.attempts >= settings.REPORT_MAX_ATTEMPTS,
    }
    return render(request, template, context)


@never_cache
@transaction.non_atomic_requests
@require_GET
def report_download(request: HttpRequest, token: str) -> HttpResponseBase:
    report = _report_or_404(token)
    if report.status != Report.Status.READY or not report.file:
        raise Http404
    filename = f"{report.kind}-{report.object_id}-{report.language}.pdf"
    return files.serve(request, report.file, filename=filename, content_type="application/pdf")

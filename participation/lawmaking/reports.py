"""The printable summary table of proposals on a draft act (PDF report "draft-summary")."""

from django.utils.translation import gettext_lazy as _

from portal.reports.registry import ReportType
from portal.reports.registry import register

from . import selectors
from .models import Draft


def _load(object_id: int) -> Draft:
    return Draft.objects.select_related("municipality").get(pk=object_id)


def _context(draft: Draft) -> dict:
    return {"draft": draft, **selectors.summary(draft), "print_version": True}


register(
    ReportType(
        key="draft-summary",
        title=_("Summary table of proposals on a draft act"),
        template="lawmaking/reports/summary_pdf.html",
        load=_load,
        is_public=lambda draft: draft.is_public and draft.period_is_over,
        context=_context,
        sample=lambda: (
            Draft.objects.filter(status=Draft.Status.ADOPTED).values_list("pk", flat=True).first()
        ),
    )
)

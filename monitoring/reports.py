"""The monitoring report: scorecard, findings, the municipality's response and the action plan."""

from django.utils.translation import gettext_lazy as _

from portal.reports.registry import ReportType
from portal.reports.registry import register

from . import selectors
from .models import Cycle


def _context(cycle: Cycle) -> dict:
    actions = list(selectors.action_plan(cycle))
    return {
        "cycle": cycle,
        "card": selectors.scorecard(cycle),
        "actions": actions,
        "progress": selectors.action_progress(actions),
    }


register(
    ReportType(
        key="monitoring-report",
        title=_("Monitoring report"),
        template="monitoring/reports/cycle_pdf.html",
        load=lambda object_id: selectors.cycle_queryset().get(pk=object_id),
        is_public=lambda cycle: cycle.is_published,
        context=_context,
        sample=lambda: Cycle.objects.filter(status=Cycle.Status.PUBLISHED)
        .values_list("pk", flat=True)
        .first(),
    )
)

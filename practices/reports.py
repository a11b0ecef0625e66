"""A best practice as a clean one-page handout."""

from django.utils.translation import gettext_lazy as _

from portal.reports.registry import ReportType
from portal.reports.registry import register

from . import selectors
from .models import Practice


def _context(practice: Practice) -> dict:
    photos = list(practice.photos.all())
    return {
        "practice": practice,
        "cost": selectors.practice_cost(practice),
        "photo": photos[0] if photos else None,
    }


register(
    ReportType(
        key="practice",
        title=_("Best practice one-pager"),
        template="practices/reports/practice_pdf.html",
        load=lambda object_id: selectors.practice_detail_queryset().get(pk=object_id),
        is_public=lambda practice: practice.is_published,
        context=_context,
        sample=lambda: Practice.objects.published().values_list("pk", flat=True).first(),
    )
)

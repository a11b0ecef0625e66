"""Printable reports of the municipalities section."""

from django.utils.translation import gettext_lazy as _

from portal.reports.registry import ReportType
from portal.reports.registry import register

from . import selectors
from .models import Municipality


def _load(object_id: int) -> Municipality:
    return Municipality.objects.select_related("parent__parent__parent").get(pk=object_id)


def _context(unit: Municipality) -> dict:
    return {
        "unit": unit,
        "ancestors": selectors.unit_ancestors(unit),
        **selectors.unit_profile(unit),
    }


def _sample() -> int | None:
    """A unit with its council and executive recorded; else any self-governing unit."""
    units = Municipality.objects.order_by("pk").values_list("pk", flat=True)
    return (
        units.filter(bodies__isnull=False).first()
        or units.filter(kind__in=Municipality.SELF_GOVERNING_KINDS).first()
    )


register(
    ReportType(
        key="municipality-profile",
        title=_("Municipality profile"),
        template="municipalities/reports/profile_pdf.html",
        load=_load,
        is_public=lambda unit: True,
        context=_context,
        sample=_sample,
    )
)

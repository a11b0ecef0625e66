from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.formats import number as number_format

register = template.Library()

BAR_WIDTH = 300


@register.simple_tag
def score(value, places: int = 1):
    """A number, or a visible "no data" mark: missing is never shown as zero."""
    if value is None:
        return format_html('<span class="missing">{}</span>', _("no data"))
    return number_format(value, places)


@register.simple_tag
def change(value):
    if value is None:
        return "—"
    if value > 0:
        return format_html('<span class="up">+{}</span>', number_format(value, 1))
    if value < 0:
        return format_html('<span class="down">−{}</span>', number_format(-value, 1))
    return number_format(value, 1)


@register.filter
def bar(value) -> int:
    """Width in the chart for a 0–100 score."""
    if value is None:
        return 0
    return int(Decimal(value) * BAR_WIDTH / 100)


@register.filter
def raw_value(row) -> str:
    """The indicator's mean in its own scale, with the unit a reader expects."""
    value = row.value
    if value is None:
        return ""
    scale = row.indicator.scale
    if scale == "percent":
        return f"{number_format(value, 1)} %"
    if scale == "yes_no":
        return _("%(share)s %% yes") % {"share": number_format(value * 100, 0)}
    if scale == "score":
        return f"{number_format(value, 2)} / 5"
    return number_format(value, 1)


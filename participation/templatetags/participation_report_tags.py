from django import template

from participation.reports import qr_svg
from portal.i18n import translated as translated_value

register = template.Library()


@register.simple_tag
def qr_code(url: str):
    return qr_svg(url)


@register.filter
def translated(obj, field: str) -> str:
    """The field's text in the active language, or the other one's (for plain-text blocks)."""
    return translated_value(obj, field).text

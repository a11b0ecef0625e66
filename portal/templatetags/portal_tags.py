from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.i18n import language_name
from portal.i18n import translated

register = template.Library()


@register.simple_tag
def tr(obj, field: str):
    """A translated field; a value borrowed from the other language is marked as such.

    A unit's name (a proper name) borrowed from the other language only gets its ``lang``.
    Inside ``<title>``, ``<option>`` or an attribute use ``tr_text``: this tag writes HTML.
    """
    value = translated(obj, field)
    if not value.is_fallback:
        return value.text
    if value.is_proper_name:
        return format_html('<span lang="{}">{}</span>', value.language, value.text)
    return format_html(
        '<span lang="{}">{}</span> <small class="fallback" title="{}">({})</small>',
        value.language,
        value.text,
        _("No translation yet: shown in the other language"),
        language_name(value.language),
    )


@register.simple_tag
def tr_text(obj, field: str) -> str:
    """A translated field as plain text, for page titles, <option> labels and attributes.

    The value of the other language is used when the active one is empty, without any mark:
    the page's heading (``tr``) says it was borrowed.
    """
    return translated(obj, field).text


@register.filter
def startswith(text, prefix) -> bool:
    return str(text).startswith(str(prefix))

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal.i18n import language_name
from portal.i18n import translated

register = template.Library()


@register.simple_tag
def tr(obj, field: str):
    """A translated field; a value borrowed from the other language is marked as such."""
    value = translated(obj, field)
    if not value.is_fallback:
        return value.text
    return format_html(
        '<span lang="{}">{}</span> <small class="fallback" title="{}">({})</small>',
        value.language,
        value.text,
        _("No translation yet: shown in the other language"),
        language_name(value.language),
    )


@register.filter
def startswith(text, prefix) -> bool:
    return str(text).startswith(str(prefix))

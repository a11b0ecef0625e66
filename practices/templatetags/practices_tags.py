from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from portal import formats
from portal.i18n import language_name
from portal.i18n import translated
from portal.permissions import can
from practices.sanitize import sanitize_html
from practices.services import perm_name

register = template.Library()


@register.simple_tag
def tr_rich(obj, field: str):
    """Sanitised rich text in the active language (cleaned again on the way out)."""
    value = translated(obj, field)
    html = mark_safe(sanitize_html(value.text))  # cleaned by the allow-list
    if not value.is_fallback:
        return html
    return format_html(
        '<div lang="{}">{}</div><p><small class="fallback">({}: {})</small></p>',
        value.language,
        html,
        _("No translation yet: shown in the other language"),
        language_name(value.language),
    )


@register.filter
def som(value) -> str:
    """An amount in som: 1 250 000 or 1 250 000,50 (portal.formats)."""
    if value is None or value == "":
        return ""
    return formats.money(value, None).removesuffix("\u00a0сом")


@register.filter
def number(value) -> str:
    """A measured value without trailing zeros: 12, 12,5."""
    if value is None or value == "":
        return ""
    return formats.number(value)


@register.filter
def trtext(obj, field: str) -> str:
    """A translated field as plain text (for attributes such as alt)."""
    return translated(obj, field).text


@register.simple_tag(takes_context=True)
def item_perms(context, item) -> dict:
    """What the viewer may do with one item: change, submit, review, unpublish."""
    user = context["request"].user
    return {
        verb: can(user, perm_name(item, verb), item)
        for verb in ("change", "submit", "review", "unpublish")
    }


@register.filter
def model_label(obj) -> str:
    return str(obj._meta.verbose_name).capitalize()


@register.filter
def plural_label(model) -> str:
    return str(model._meta.verbose_name_plural).capitalize()

from django import template
from django.utils.html import linebreaks
from django.utils.html import urlize
from django.utils.safestring import mark_safe

from portal.i18n import translated

register = template.Library()


@register.filter
def comment_text(text: str) -> str:
    """Plain text with links made clickable (rel="nofollow ugc") and paragraphs kept."""
    html = urlize(text or "", trim_url_limit=60, nofollow=True, autoescape=True)
    html = html.replace('rel="nofollow"', 'rel="nofollow ugc"')
    return mark_safe(linebreaks(html, autoescape=False))


@register.simple_tag
def trtext(obj, field: str) -> str:
    """A translated field as plain text (e-mails, feeds), borrowing the other language."""
    return translated(obj, field).text


@register.filter
def bar_width(percent, scale: int = 300) -> int:
    """Pixels of an SVG bar for a percentage (0..100, more is capped)."""
    if percent is None:
        return 0
    return int(min(float(percent), 100.0) * scale / 100)


@register.filter
def ratio_width(ratio, scale: int = 150) -> int:
    """Pixels of an SVG bar for a representation ratio (1.0 = half the scale, 2.0+ capped)."""
    if ratio is None:
        return 0
    return int(min(float(ratio), 2.0) * scale / 2)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def tr_lines(obj, field: str) -> str:
    """A translated multi-line text as paragraphs, marked when borrowed from the other language."""
    from django.utils.html import format_html
    from django.utils.translation import gettext as _

    from portal.i18n import language_name

    value = translated(obj, field)
    body = linebreaks(value.text, autoescape=True)
    if not value.is_fallback:
        return mark_safe(body)
    return format_html(
        '<div lang="{}">{}</div><p><small class="fallback">({}: {})</small></p>',
        value.language,
        mark_safe(body),
        _("No translation yet: shown in the other language"),
        language_name(value.language),
    )


@register.filter
def get_field(form, name: str):
    return form[name]

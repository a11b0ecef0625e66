from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal import formats
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


# --- dates, numbers, money and sizes: portal/formats/__init__.py ------------------------------
# Running text takes date_text/datetime_text; tables date_numeric/datetime_numeric; a date that
# stands before a Kyrgyz postposition takes its case: date_until ("… чейин" / "до …"),
# date_since ("… баштап" / "с …"), date_on ("…да"), date_of ("…дагы № 5" / "от …").


@register.filter(expects_localtime=True)
def date_text(value) -> str:
    return formats.date_text(value)


@register.filter(expects_localtime=True)
def day_month(value) -> str:
    return formats.day_month(value)


@register.filter(expects_localtime=True)
def date_weekday(value) -> str:
    return formats.date_weekday(value)


@register.simple_tag
def datetime_range(start, end) -> str:
    return formats.datetime_range(start, end)


@register.filter(expects_localtime=True)
def date_numeric(value) -> str:
    return formats.date_numeric(value)


@register.filter(expects_localtime=True)
def datetime_text(value) -> str:
    return formats.datetime_text(value)


@register.filter(expects_localtime=True)
def datetime_numeric(value) -> str:
    return formats.datetime_numeric(value)


@register.filter(expects_localtime=True)
def time_text(value) -> str:
    return formats.time_text(value)


@register.filter(expects_localtime=True)
def date_until(value) -> str:
    return formats.date_until(value)


@register.filter(expects_localtime=True)
def datetime_until(value) -> str:
    return formats.datetime_until(value)


@register.filter(expects_localtime=True)
def date_since(value) -> str:
    return formats.date_since(value)


@register.filter(expects_localtime=True)
def date_on(value) -> str:
    return formats.date_on(value)


@register.filter(expects_localtime=True)
def date_of(value) -> str:
    return formats.date_of(value)


@register.filter(expects_localtime=True)
def deadline(value) -> str:
    return formats.deadline(value)


@register.filter(expects_localtime=True)
def month_year(value) -> str:
    return formats.month_year(value)


@register.filter
def number(value, decimals=None) -> str:
    return formats.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def money(value, decimals=2) -> str:
    return formats.money(value, None if decimals in (None, "", "auto") else int(decimals))


@register.filter
def percent(value, decimals=1) -> str:
    return formats.percent(value, int(decimals))


@register.filter
def filesize(value) -> str:
    return formats.filesize(value)

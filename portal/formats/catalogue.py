"""Django msgids whose Kyrgyz translation we replace, kept in our catalogue on purpose.

`manage.py translations update` runs makemessages over our code: a msgid that no code of ours
mentions would be dropped. These lazy strings are never shown from here; they only make the
entries exist, and our catalogue (LOCALE_PATHS) wins over Django's own at run time. The
translations are in locale/sources/formats.json. What each entry fixes:

- "%(size)d byte": Django's ky says "бит" (bits) and "пикабайт"; ours "байт", "КБ", "МБ", "ГБ";
- month names: Django's ky capitalises them; "alt. month" (the `E` format character) is in
  Kyrgyz the possessive that follows "2026-жылдын" ("2026-жылдын 13-декабры").
"""

from django.utils.translation import gettext_lazy
from django.utils.translation import ngettext_lazy
from django.utils.translation import pgettext_lazy

FILE_SIZES = (
    ngettext_lazy("%(size)d byte", "%(size)d bytes", "size"),
    gettext_lazy("%s KB"),
    gettext_lazy("%s MB"),
    gettext_lazy("%s GB"),
    gettext_lazy("%s TB"),
    gettext_lazy("%s PB"),
)

MONTHS = (
    gettext_lazy("January"),
    gettext_lazy("February"),
    gettext_lazy("March"),
    gettext_lazy("April"),
    gettext_lazy("May"),
    gettext_lazy("June"),
    gettext_lazy("July"),
    gettext_lazy("August"),
    gettext_lazy("September"),
    gettext_lazy("October"),
    gettext_lazy("November"),
    gettext_lazy("December"),
)

MONTHS_ALT = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)

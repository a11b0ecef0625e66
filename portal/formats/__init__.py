"""Dates, numbers, money and file sizes as Kyrgyz and Russian readers write them.

The one place that knows how a date reads in running text, in a table or before "чейин";
templates reach it through the filters of `portal_tags`, Python code (selectors building
labels, PDFs, e-mails) calls it directly. Everything follows the active language.

Kyrgyz (checked against Kyrgyz-language texts, see tests/portal/test_formats.py):
- running text: "2026-жылдын 13-декабры" (month in lower case, possessive after "-жылдын");
  without the year "13-декабрь";
- tables: "13.12.2026", "13.12.2026 14:30" (24-hour clock everywhere);
- a date before a postposition takes its case on the month: "13-декабрга чейин" (dative),
  "13-декабрдан баштап" (ablative), "13-декабрда" (locative), "13-декабрдагы" (of); with the
  year the month is possessive first: "2026-жылдын 13-декабрына чейин";
- numbers: thousands by a no-break space, decimal comma ("1 234 567,50 сом");
- sizes in байт / КБ / МБ / ГБ (Django's own Kyrgyz catalogue says "бит", bits).
Russian: "13 декабря 2026 г.", "до 13 декабря 2026 г.", the same numbers and sizes.

`portal/formats/ky/formats.py` and `ru/formats.py` (FORMAT_MODULE_PATH) make Django's own
`date` and `localize` output agree; `portal/formats/catalogue.py` keeps the Django msgids we
override (month names, byte units) in our catalogue.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP
from decimal import Decimal
from decimal import InvalidOperation

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext
from django.utils.translation import ngettext

NBSP = "\u00a0"
MINUS = "\u2212"
EMPTY = "—"

# Kyrgyz month forms, January..December. Loanwords drop the soft sign; back/front and rounded
# vowel harmony and a voiceless final т decide each ending (verified against Kyrgyz texts).
KY_MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)
KY_DATIVE = (  # 13-декабрга чейин
    "январга", "февралга", "мартка", "апрелге", "майга", "июнга",
    "июлга", "августка", "сентябрга", "октябрга", "ноябрга", "декабрга",
)
KY_ABLATIVE = (  # 13-декабрдан баштап
    "январдан", "февралдан", "марттан", "апрелден", "майдан", "июндан",
    "июлдан", "августтан", "сентябрдан", "октябрдан", "ноябрдан", "декабрдан",
)
KY_LOCATIVE = (  # 13-декабрда
    "январда", "февралда", "мартта", "апрелде", "майда", "июнда",
    "июлда", "августта", "сентябрда", "октябрда", "ноябрда", "декабрда",
)
KY_POSSESSIVE = (  # 2026-жылдын 13-декабры
    "январы", "февралы", "марты", "апрели", "майы", "июну",
    "июлу", "августу", "сентябры", "октябры", "ноябры", "декабры",
)
# After the possessive: +на/не (dative), +нан/нен (ablative), +нда/нде (locative).
_FRONT = {"апрели"}


def _possessive_case(month: int, case: str) -> str:
    stem = KY_POSSESSIVE[month - 1]
    front = stem in _FRONT
    ending = {
        "dative": "не" if front else "на",
        "ablative": "нен" if front else "нан",
        "locative": "нде" if front else "нда",
        "attributive": "ндеги" if front else "ндагы",
    }[case]
    return stem + ending


def _bare_case(month: int, case: str) -> str:
    if case == "dative":
        return KY_DATIVE[month - 1]
    if case == "ablative":
        return KY_ABLATIVE[month - 1]
    locative = KY_LOCATIVE[month - 1]
    if case == "locative":
        return locative
    return locative + ("ги" if locative.endswith("е") else "гы")  # attributive: декабрдагы


RU_MONTHS_GENITIVE = (
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
)
RU_MONTHS = (
    "январь", "февраль", "март", "апрель", "май", "июнь",
    "июль", "август", "сентябрь", "октябрь", "ноябрь", "декабрь",
)


def _lang(language: str | None = None) -> str:
    return (language or get_language() or "ky")[:2]


def _local(value):
    """A datetime in Bishkek time (aware values); dates and naive values as they are."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def _omit_year(value, year: bool | None) -> bool:
    """Leave the year out when asked to, or (year=None) when it is the current year."""
    if year is None:
        return value.year == timezone.localdate().year
    return not year


# --- dates -----------------------------------------------------------------------------------


def date_text(value, language: str | None = None, *, year: bool = True) -> str:
    """Running text: "2026-жылдын 13-декабры" / "13 декабря 2026 г."."""
    if not value:
        return ""
    value = _local(value)
    if _lang(language) == "ky":
        if not year:
            return f"{value.day}-{KY_MONTHS[value.month - 1]}"
        return f"{value.year}-жылдын {value.day}-{KY_POSSESSIVE[value.month - 1]}"
    text = f"{value.day} {RU_MONTHS_GENITIVE[value.month - 1]}"
    return f"{text} {value.year}{NBSP}г." if year else text


def day_month(value, language: str | None = None) -> str:
    """Without the year: "13-декабрь" / "13 декабря"."""
    return date_text(value, language, year=False)


KY_WEEKDAYS = ("дүйшөмбү", "шейшемби", "шаршемби", "бейшемби", "жума", "ишемби", "жекшемби")
RU_WEEKDAYS = ("понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье")


def date_weekday(value, language: str | None = None) -> str:
    """With the day of the week: "2026-жылдын 13-декабры, жекшемби" /
    "воскресенье, 13 декабря 2026 г."."""
    if not value:
        return ""
    value = _local(value)
    if _lang(language) == "ky":
        return f"{date_text(value, 'ky')}, {KY_WEEKDAYS[value.weekday()]}"
    return f"{RU_WEEKDAYS[value.weekday()]}, {date_text(value, language)}"


def date_numeric(value, language: str | None = None) -> str:
    """Tables and lists: "13.12.2026"."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def time_text(value, language: str | None = None) -> str:
    """24-hour clock: "09:05"."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.hour:02d}:{value.minute:02d}"


def datetime_text(value, language: str | None = None) -> str:
    """Running text: "2026-жылдын 13-декабры саат 14:30" / "13 декабря 2026 г., 14:30"."""
    if not value:
        return ""
    if _lang(language) == "ky":
        return f"{date_text(value, 'ky')} саат {time_text(value)}"
    return f"{date_text(value, language)}, {time_text(value)}"


def datetime_numeric(value, language: str | None = None) -> str:
    """Tables: "13.12.2026 14:30"."""
    if not value:
        return ""
    return f"{date_numeric(value)} {time_text(value)}"


def datetime_range(start, end, language: str | None = None) -> str:
    """An event's time: one date when it ends the same day ("… саат 14:00–16:00")."""
    if not start:
        return ""
    if not end:
        return datetime_text(start, language)
    if _local(start).date() == _local(end).date():
        return f"{datetime_text(start, language)}–{time_text(end)}"
    return f"{datetime_text(start, language)} – {datetime_text(end, language)}"


def _date_case(value, case: str, language: str | None, year: bool | None) -> str:
    if not value:
        return ""
    value = _local(value)
    without_year = _omit_year(value, year)
    if _lang(language) != "ky":
        return date_text(value, language, year=not without_year)
    if without_year:
        return f"{value.day}-{_bare_case(value.month, case)}"
    return f"{value.year}-жылдын {value.day}-{_possessive_case(value.month, case)}"


def date_until(value, language: str | None = None, *, year: bool | None = None) -> str:
    """The date as it stands before "чейин" / after "до".

    ky "13-декабрга" (this year) or "2026-жылдын 13-декабрына"; ru "13 декабря (2026 г.)".
    """
    return _date_case(value, "dative", language, year)


def date_since(value, language: str | None = None, *, year: bool | None = None) -> str:
    """Before "баштап" / after "с": ky "13-декабрдан", "2026-жылдын 13-декабрынан"."""
    return _date_case(value, "ablative", language, year)


def date_on(value, language: str | None = None, *, year: bool | None = None) -> str:
    """On that day: ky "13-декабрда", "2026-жылдын 13-декабрында"; ru "13 декабря 2026 г."."""
    return _date_case(value, "locative", language, year)


def date_of(value, language: str | None = None, *, year: bool = True) -> str:
    """A document's date before its number: ky "2026-жылдын 13-декабрындагы" (№ 5 токтому);
    ru "13 декабря 2026 г." (the message says "от")."""
    return _date_case(value, "attributive", language, year)


# Kyrgyz dative ending after a clock time, read as the last number word: 18:00 "нөл" -> гө.
_KY_UNITS_DATIVE = {1: "ге", 2: "ге", 3: "кө", 4: "кө", 5: "ке", 6: "га", 7: "ге", 8: "ге",
                    9: "га"}
_KY_TENS_DATIVE = {0: "гө", 1: "го", 2: "га", 3: "га", 4: "ка", 5: "гө"}


def _ky_time_dative(minute: int) -> str:
    if minute % 10:
        return _KY_UNITS_DATIVE[minute % 10]
    return _KY_TENS_DATIVE[minute // 10]


def datetime_until(value, language: str | None = None) -> str:
    """Before "чейин": ky "2026-жылдын 13-декабры саат 18:00гө"; ru "13 декабря 2026 г., 18:00"."""
    if not value:
        return ""
    value = _local(value)
    if _lang(language) == "ky":
        return f"{date_text(value, 'ky')} саат {time_text(value)}{_ky_time_dative(value.minute)}"
    return datetime_text(value, language)


def deadline(value, language: str | None = None, *, year: bool | None = None) -> str:
    """A whole "until" phrase for a date: "13-декабрга чейин" / "до 13 декабря"."""
    if not value:
        return ""
    if _lang(language) == "ky":
        return f"{date_until(value, 'ky', year=year)} чейин"
    return f"до {date_until(value, language, year=year)}"


def month_year(value, language: str | None = None) -> str:
    """A month of a calendar: "2026-жылдын декабры" / "декабрь 2026 г."."""
    if not value:
        return ""
    if _lang(language) == "ky":
        return f"{value.year}-жылдын {KY_POSSESSIVE[value.month - 1]}"
    return f"{RU_MONTHS[value.month - 1]} {value.year}{NBSP}г."


# --- numbers, money, sizes ---------------------------------------------------------------------


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None


def number(value, decimals: int | None = None, language: str | None = None) -> str:
    """ "1 234 567,5": thousands by a no-break space, decimal comma, a true minus sign.

    decimals=None keeps the value's own places without trailing zeros (12 -> "12",
    12.50 -> "12,5"); a number rounds half up to that many places.
    """
    amount = _decimal(value)
    if amount is None:
        return EMPTY
    if decimals is None:
        amount = amount.normalize()
        if amount == amount.to_integral_value():
            amount = amount.quantize(Decimal(1))
        places = max(0, -int(amount.as_tuple().exponent))  # finite here: an int
    else:
        places = int(decimals)
        amount = amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    negative = amount < 0
    text = f"{abs(amount):,.{places}f}"  # 1,234,567.50
    whole, _, fraction = text.partition(".")
    text = whole.replace(",", NBSP) + ("," + fraction if fraction else "")
    return (MINUS + text) if negative and amount != 0 else text


def money(value, decimals: int | None = 2, language: str | None = None) -> str:
    """ "1 234 567,50 сом"; decimals=None shows kopecks (tyiyn) only when there are some."""
    amount = _decimal(value)
    if amount is None:
        return EMPTY
    if decimals is None:
        decimals = 0 if amount == amount.to_integral_value() else 2
    return f"{number(amount, decimals)}{NBSP}сом"


def percent(value, decimals: int = 1, language: str | None = None) -> str:
    """A share (0.457) as "45,7 %"."""
    amount = _decimal(value)
    if amount is None:
        return EMPTY
    return f"{number(amount * 100, decimals)}{NBSP}%"


KB = 1024


def filesize(size, language: str | None = None) -> str:
    """ "846 байт", "1,5 КБ", "2 МБ": bytes, not Django's Kyrgyz "бит" (bits)."""
    try:
        size = int(size)
    except (TypeError, ValueError):
        size = 0
    if size < KB:
        return ngettext("%(size)d byte", "%(size)d bytes", size).replace(" ", NBSP) % {
            "size": size
        }
    units = ("%s KB", "%s MB", "%s GB", "%s TB", "%s PB")
    value = Decimal(size)
    for index, unit in enumerate(units):
        value = value / KB
        if value < KB or index == len(units) - 1:
            rounded = value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            if rounded >= KB and index < len(units) - 1:  # 1023.96 KB reads as 1 MB
                continue
            return gettext(unit).replace(" ", NBSP) % number(rounded)
    raise AssertionError("unreachable")

"""The exact Kyrgyz and Russian output of dates, deadlines, numbers, money and file sizes."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context
from django.template import Template
from django.template.defaultfilters import date as django_date
from django.template.defaultfilters import filesizeformat
from django.utils import translation

from portal import formats

NBSP = "\u00a0"
BISHKEK = datetime.timezone(datetime.timedelta(hours=6))

# Running text, the dative before "чейин" (this year, no year), the possessive + dative with
# the year, the ablative ("…дан баштап") and the locative ("…да"), month by month.
KYRGYZ_MONTHS = [
    (1, "январы", "январга", "январына", "январдан", "январда"),
    (2, "февралы", "февралга", "февралына", "февралдан", "февралда"),
    (3, "марты", "мартка", "мартына", "марттан", "мартта"),
    (4, "апрели", "апрелге", "апрелине", "апрелден", "апрелде"),
    (5, "майы", "майга", "майына", "майдан", "майда"),
    (6, "июну", "июнга", "июнуна", "июндан", "июнда"),
    (7, "июлу", "июлга", "июлуна", "июлдан", "июлда"),
    (8, "августу", "августка", "августуна", "августтан", "августта"),
    (9, "сентябры", "сентябрга", "сентябрына", "сентябрдан", "сентябрда"),
    (10, "октябры", "октябрга", "октябрына", "октябрдан", "октябрда"),
    (11, "ноябры", "ноябрга", "ноябрына", "ноябрдан", "ноябрда"),
    (12, "декабры", "декабрга", "декабрына", "декабрдан", "декабрда"),
]
RUSSIAN_MONTHS = [
    "января", "февраля", "марта", "апреля", "мая", "июня",
    "июля", "августа", "сентября", "октября", "ноября", "декабря",
]


@pytest.mark.parametrize(("month", "possessive", "dative", "poss_dative", "ablative", "locative"),
                         KYRGYZ_MONTHS)
def test_kyrgyz_date_forms_for_every_month(month, possessive, dative, poss_dative, ablative,
                                           locative):
    day = datetime.date(2026, month, 13)
    assert formats.date_text(day, "ky") == f"2026-жылдын 13-{possessive}"
    assert formats.date_numeric(day, "ky") == f"13.{month:02d}.2026"
    assert formats.deadline(day, "ky", year=False) == f"13-{dative} чейин"
    assert formats.date_until(day, "ky", year=False) == f"13-{dative}"
    assert formats.deadline(day, "ky", year=True) == f"2026-жылдын 13-{poss_dative} чейин"
    assert formats.date_since(day, "ky", year=False) == f"13-{ablative}"
    assert formats.date_on(day, "ky", year=False) == f"13-{locative}"
    assert formats.date_of(day, "ky", year=False).startswith(f"13-{locative}")


@pytest.mark.parametrize("month", range(1, 13))
def test_russian_dates_for_every_month(month):
    day = datetime.date(2026, month, 13)
    name = RUSSIAN_MONTHS[month - 1]
    assert formats.date_text(day, "ru") == f"13 {name} 2026{NBSP}г."
    assert formats.deadline(day, "ru", year=True) == f"до 13 {name} 2026{NBSP}г."
    assert formats.deadline(day, "ru", year=False) == f"до 13 {name}"
    assert formats.date_numeric(day, "ru") == f"13.{month:02d}.2026"


def test_kyrgyz_dates_with_the_year_take_the_possessive_before_the_case():
    day = datetime.date(2026, 12, 13)
    assert formats.date_since(day, "ky", year=True) == "2026-жылдын 13-декабрынан"
    assert formats.date_on(day, "ky", year=True) == "2026-жылдын 13-декабрында"
    assert formats.date_of(day, "ky") == "2026-жылдын 13-декабрындагы"
    assert formats.date_on(datetime.date(2026, 4, 1), "ky", year=True) == "2026-жылдын 1-апрелинде"
    assert formats.date_of(datetime.date(2021, 10, 20), "ky") == "2021-жылдын 20-октябрындагы"
    assert formats.date_of(datetime.date(2021, 4, 2), "ky", year=False) == "2-апрелдеги"
    assert formats.day_month(day, "ky") == "13-декабрь"
    assert formats.day_month(day, "ru") == "13 декабря"


def test_the_year_is_left_out_of_a_deadline_only_in_the_current_year(monkeypatch):
    monkeypatch.setattr(formats.timezone, "localdate", lambda: datetime.date(2026, 6, 1))
    assert formats.deadline(datetime.date(2026, 12, 13), "ky") == "13-декабрга чейин"
    assert formats.deadline(datetime.date(2027, 1, 5), "ky") == "2027-жылдын 5-январына чейин"
    assert formats.deadline(datetime.date(2027, 1, 5), "ru") == f"до 5 января 2027{NBSP}г."


def test_times_are_24_hour_in_bishkek_time():
    moment = datetime.datetime(2026, 12, 13, 8, 5, tzinfo=datetime.UTC)  # 14:05 in Bishkek
    assert formats.time_text(moment) == "14:05"
    assert formats.datetime_text(moment, "ky") == "2026-жылдын 13-декабры саат 14:05"
    assert formats.datetime_text(moment, "ru") == f"13 декабря 2026{NBSP}г., 14:05"
    assert formats.datetime_numeric(moment, "ky") == "13.12.2026 14:05"
    evening = datetime.datetime(2026, 12, 13, 21, 0, tzinfo=BISHKEK)
    assert formats.time_text(evening) == "21:00"


@pytest.mark.parametrize(("minute", "ending"), [
    (0, "гө"), (1, "ге"), (3, "кө"), (5, "ке"), (6, "га"), (9, "га"), (10, "го"), (20, "га"),
    (30, "га"), (40, "ка"), (45, "ке"), (50, "гө"), (54, "кө"),
])
def test_a_time_before_cheyin_takes_the_dative_of_its_last_number_word(minute, ending):
    moment = datetime.datetime(2026, 12, 13, 18, minute, tzinfo=BISHKEK)
    assert formats.datetime_until(moment, "ky") == (
        f"2026-жылдын 13-декабры саат 18:{minute:02d}{ending}"
    )
    assert formats.datetime_until(moment, "ru") == f"13 декабря 2026{NBSP}г., 18:{minute:02d}"


def test_an_event_on_one_day_shows_its_date_once():
    start = datetime.datetime(2026, 3, 2, 10, 0, tzinfo=BISHKEK)
    assert formats.datetime_range(start, start + datetime.timedelta(hours=2), "ky") == (
        "2026-жылдын 2-марты саат 10:00–12:00"
    )
    assert formats.datetime_range(start, start + datetime.timedelta(days=1), "ru") == (
        f"2 марта 2026{NBSP}г., 10:00 – 3 марта 2026{NBSP}г., 10:00"
    )
    assert formats.date_weekday(start, "ky") == "2026-жылдын 2-марты, дүйшөмбү"
    assert formats.date_weekday(start, "ru") == f"понедельник, 2 марта 2026{NBSP}г."
    assert formats.month_year(start, "ky") == "2026-жылдын марты"


@pytest.mark.parametrize(("value", "decimals", "text"), [
    (Decimal("1234567.5"), 2, f"1{NBSP}234{NBSP}567,50{NBSP}сом"),
    (Decimal("1234567"), 2, f"1{NBSP}234{NBSP}567,00{NBSP}сом"),
    (Decimal("1234567"), None, f"1{NBSP}234{NBSP}567{NBSP}сом"),
    (Decimal("1234567.505"), 2, f"1{NBSP}234{NBSP}567,51{NBSP}сом"),  # half up
    (Decimal("0"), 2, f"0,00{NBSP}сом"),
    (Decimal("-0.001"), 2, f"0,00{NBSP}сом"),  # no "minus zero"
    (Decimal("-1500.25"), 2, f"\u22121{NBSP}500,25{NBSP}сом"),
    (Decimal("999"), 0, f"999{NBSP}сом"),
    (Decimal("2500000000"), 0, f"2{NBSP}500{NBSP}000{NBSP}000{NBSP}сом"),
    (12.5, 2, f"12,50{NBSP}сом"),
    (None, 2, "—"),
])
def test_money(value, decimals, text):
    for lang in ("ky", "ru"):
        with translation.override(lang):
            assert formats.money(value, decimals) == text


def test_numbers_and_percent():
    assert formats.number(Decimal("12.50")) == "12,5"
    assert formats.number(Decimal("12.00")) == "12"
    assert formats.number(1234) == f"1{NBSP}234"
    assert formats.number(Decimal("1234.567"), 1) == f"1{NBSP}234,6"
    assert formats.number(-7) == "\u22127"
    assert formats.number("") == "—"
    assert formats.percent(Decimal("0.4567")) == f"45,7{NBSP}%"
    assert formats.percent(Decimal("1")) == f"100,0{NBSP}%"


@pytest.mark.parametrize(("size", "ky", "ru"), [
    (0, "0 байт", "0 байт"),
    (1, "1 байт", "1 байт"),
    (2, "2 байт", "2 байта"),
    (846, "846 байт", "846 байт"),
    (1023, "1023 байт", "1023 байта"),
    (1024, "1 КБ", "1 КБ"),
    (1536, "1,5 КБ", "1,5 КБ"),
    (1048575, "1 МБ", "1 МБ"),  # 1023,999 KB rounds up to the next unit
    (1048576, "1 МБ", "1 МБ"),
    (5 * 1024 * 1024 + 300 * 1024, "5,3 МБ", "5,3 МБ"),
    (10 * 1024**2, "10 МБ", "10 МБ"),
    (3 * 1024**3, "3 ГБ", "3 ГБ"),
])
def test_file_sizes_are_bytes_not_bits(size, ky, ru):
    with translation.override("ky"):
        assert formats.filesize(size) == ky.replace(" ", NBSP)
    with translation.override("ru"):
        assert formats.filesize(size) == ru.replace(" ", NBSP)


def test_djangos_own_filters_agree_with_our_catalogue_and_formats():
    """Django's `date`, `filesizeformat` and `localize` use our ky formats and catalogue."""
    moment = datetime.datetime(2026, 12, 13, 14, 30, tzinfo=BISHKEK)
    with translation.override("ky"):
        assert django_date(moment, "DATE_FORMAT") == "2026-жылдын 13-декабры"
        assert django_date(moment, "DATETIME_FORMAT") == "2026-жылдын 13-декабры саат 14:30"
        assert django_date(moment, "SHORT_DATE_FORMAT") == "13.12.2026"
        assert django_date(moment, "F") == "декабрь"
        assert filesizeformat(846) == f"846{NBSP}байт"
        assert filesizeformat(5 * 1024 * 1024) == f"5,0{NBSP}МБ"
        rendered = Template("{{ value }}").render(Context({"value": Decimal("12.5")}))
        assert rendered == "12,5"
    with translation.override("ru"):
        assert django_date(moment, "DATE_FORMAT") == "13 декабря 2026 г."
        assert django_date(moment, "DATETIME_FORMAT") == "13 декабря 2026 г., 14:30"


def test_template_filters():
    template = Template(
        "{% load portal_tags %}{{ day|date_text }}|{{ day|deadline }}|{{ day|date_numeric }}|"
        "{{ amount|money }}|{{ size|filesize }}|{{ amount|number:0 }}"
    )
    context = Context({"day": datetime.date(2030, 1, 5), "amount": Decimal("1234.5"),
                       "size": 846})
    with translation.override("ky"):
        assert template.render(context) == (
            "2030-жылдын 5-январы|2030-жылдын 5-январына чейин|05.01.2030|"
            f"1{NBSP}234,50{NBSP}сом|846{NBSP}байт|1{NBSP}235"
        )
    with translation.override("ru"):
        assert template.render(context) == (
            f"5 января 2030{NBSP}г.|до 5 января 2030{NBSP}г.|05.01.2030|"
            f"1{NBSP}234,50{NBSP}сом|846{NBSP}байт|1{NBSP}235"
        )

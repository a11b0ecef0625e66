"""Russian formats for Django's `date`/`localize`: Django's own, with a 24-hour "14:05" clock
and a comma before the time, as portal/formats/__init__.py writes them."""

DATE_FORMAT = "j E Y г."  # 13 декабря 2026 г.
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "j E Y г., H:i"
YEAR_MONTH_FORMAT = "F Y г."
MONTH_DAY_FORMAT = "j E"
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1

# Input formats: Django's own for the language (with the ISO ones Django adds).
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"
NUMBER_GROUPING = 3

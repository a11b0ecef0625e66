"""Kyrgyz formats for Django's own `date`, `time` and `localize` (FORMAT_MODULE_PATH).

Django's `ky` module writes "13 Декабрь 2026 ж." (capitalised nominative) and a decimal
point. "E" is the month in the possessive here ("декабры", overridden in our catalogue by
portal/formats/catalogue.py), "F" the month in lower case; cyrillic letters are not format
characters, so they need no escaping. portal/formats/__init__.py is the richer API.
"""

DATE_FORMAT = "Y-жылдын j-E"  # 2026-жылдын 13-декабры
TIME_FORMAT = "H:i"
DATETIME_FORMAT = "Y-жылдын j-E саат H:i"  # 2026-жылдын 13-декабры саат 14:30
YEAR_MONTH_FORMAT = "Y-жылдын E"  # 2026-жылдын декабры
MONTH_DAY_FORMAT = "j-F"  # 13-декабрь
SHORT_DATE_FORMAT = "d.m.Y"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"
FIRST_DAY_OF_WEEK = 1  # Дүйшөмбү

# Input formats: Django's own for the language (with the ISO ones Django adds).
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "\xa0"  # no-break space
NUMBER_GROUPING = 3

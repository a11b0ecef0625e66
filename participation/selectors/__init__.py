"""Reads in civic participation: every list and page declares its queries up front.

Events (lists, pages, comments, calendar, profile block) are read in `events.py`, the
participation balance in `balance.py`; views and other apps import them from here.
"""

from .balance import MIN_EXPECTED_DEFAULT
from .balance import NATIONAL_UNITS_SHOWN
from .balance import OVER_REPRESENTED
from .balance import UNDER_REPRESENTED
from .balance import Assessment
from .balance import Balance
from .balance import BalanceRow
from .balance import DimensionBalance
from .balance import UnitAttendance
from .balance import active_groups
from .balance import balance_compute
from .balance import balance_years
from .balance import event_balance
from .balance import min_expected
from .balance import reference_shares
from .balance import scope_balance
from .balance import scope_events
from .events import EVENT_RELATED
from .events import UPCOMING_LOOKBACK
from .events import alternatives_with_tally
from .events import comments_page
from .events import event_for_page
from .events import event_list
from .events import flagged_comments
from .events import managed_events
from .events import month_calendar
from .events import municipality_profile_block
from .events import public_events
from .events import tally_totals
from .events import upcoming_events

__all__ = [
    "EVENT_RELATED",
    "MIN_EXPECTED_DEFAULT",
    "NATIONAL_UNITS_SHOWN",
    "OVER_REPRESENTED",
    "UNDER_REPRESENTED",
    "UPCOMING_LOOKBACK",
    "Assessment",
    "Balance",
    "BalanceRow",
    "DimensionBalance",
    "UnitAttendance",
    "active_groups",
    "alternatives_with_tally",
    "balance_compute",
    "balance_years",
    "comments_page",
    "event_balance",
    "event_for_page",
    "event_list",
    "flagged_comments",
    "managed_events",
    "min_expected",
    "month_calendar",
    "municipality_profile_block",
    "public_events",
    "reference_shares",
    "scope_balance",
    "scope_events",
    "tally_totals",
    "upcoming_events",
]

"""Pay periods for timesheets: calendar months, or 1, 2 or 4 weeks counted from a Monday anchor."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

DEFAULT_ANCHOR = date(2026, 4, 6)  # a Monday, and the first day of tax year 2026-27
WEEKS = {"weekly": 1, "fortnightly": 2, "four_weekly": 4}


@lru_cache(maxsize=4096)
def pay_period(frequency: str, day: date, anchor: date = DEFAULT_ANCHOR) -> tuple[date, date]:
    """The pay period containing a day."""
    if frequency == "monthly":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    weeks = WEEKS.get(frequency)
    if weeks is None:
        raise ValueError(f"\"{frequency}\" is not a pay frequency")
    length = 7 * weeks
    start = anchor + timedelta(days=((day - anchor).days // length) * length)
    return start, start + timedelta(days=length - 1)

"""Dates and times for PA Books: the Europe/London zone and the UK tax year.

Every instant the app stores is zone-aware. A tax year runs from 6 April to 5 April and is
written "2025-26". Tax weeks and months count from 6 April.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

_TAX_YEAR = re.compile(r"^(\d{4})-(\d{2})$")
_DMY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})$")


@dataclass(frozen=True, order=True, slots=True)
class TaxYear:
    """The UK tax year that starts on 6 April of `start_year`."""

    start_year: int

    @classmethod
    def parse(cls, text: str) -> TaxYear:
        match = _TAX_YEAR.match(text.strip()) if isinstance(text, str) else None
        if not match:
            raise ValueError(f"\"{text}\" is not a tax year; write it like 2025-26")
        start = int(match.group(1))
        if (start + 1) % 100 != int(match.group(2)):
            raise ValueError(f"\"{text}\" is not a tax year: the second year must follow the first, like 2025-26")
        return cls(start)

    @classmethod
    def containing(cls, day: date) -> TaxYear:
        start = day.year if (day.month, day.day) >= (4, 6) else day.year - 1
        return cls(start)

    @property
    def label(self) -> str:
        return f"{self.start_year}-{(self.start_year + 1) % 100:02d}"

    @property
    def first_day(self) -> date:
        return date(self.start_year, 4, 6)

    @property
    def last_day(self) -> date:
        return date(self.start_year + 1, 4, 5)

    def __str__(self) -> str:
        return self.label


@lru_cache(maxsize=4096)  # a register of a year says each date several times
def long_date(day: date) -> str:
    """'3 January 2027' (no leading zero: screen readers say it naturally)."""
    return f"{day.day} {day:%B %Y}"


def tax_week(day: date) -> int:
    """Tax week 1-53 of a payment date (week 53 is the day or two after week 52)."""
    year = TaxYear.containing(day)
    return (day - year.first_day).days // 7 + 1


def tax_month(day: date) -> int:
    """Tax month 1-12 of a payment date (month 1 runs 6 April to 5 May)."""
    year = TaxYear.containing(day)
    months = (day.year - year.start_year) * 12 + day.month - 4
    if day.day < 6:
        months -= 1
    return months + 1


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on a day (a 29 February birthday counts from 1 March in other years)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def days_inclusive(first: date, last: date) -> int:
    return (last - first).days + 1


def each_day(first: date, last: date) -> list[date]:
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def month_end(day: date) -> date:
    """The last day of the calendar month `day` is in."""
    following = date(day.year + 1, 1, 1) if day.month == 12 else date(day.year, day.month + 1, 1)
    return following - timedelta(days=1)


def calendar_month_ends(first: date, last: date) -> list[date]:
    """The last day of each calendar month from `first`'s month to `last`'s, in order."""
    ends: list[date] = []
    day = date(first.year, first.month, 1)
    while day <= last:
        ends.append(month_end(day))
        day = ends[-1] + timedelta(days=1)
    return ends


def parse_uk_date(text: str) -> date:
    """A UK date as people type it, day first: 03/05/2026, 3/5/26, or 2026-05-03."""
    text = text.strip()
    match = _DMY.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            if year < 100:  # two digits: 69-99 are 1969-1999, 00-68 are 2000-2068 (POSIX strptime's %y)
                year += 1900 if year >= 69 else 2000
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        pass
    raise ValueError(f"\"{text}\" is not a date; write it day first, such as 03/05/2026")

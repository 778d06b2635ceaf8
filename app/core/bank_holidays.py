"""UK bank holidays by country: for pay rates (timesheets) and for when a payment must reach HMRC (payroll)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

COUNTRIES = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}


@cache
def bank_holidays(country: str, year: int) -> frozenset[date]:
    """Bank holidays for one UK country and year (the `holidays` package: GOV.UK's lists)."""
    import holidays  # here: its tables are slow to load, and most screens never need them

    if country not in COUNTRIES:
        raise ValueError(f"\"{country}\" is not a UK country; use one of {', '.join(COUNTRIES)}")
    return frozenset(holidays.country_holidays("GB", subdiv=COUNTRIES[country], years=year))


def working_day_on_or_before(day: date, country: str = "england") -> date:
    """The day itself if it is a working day, otherwise the last working day before it."""
    while day.weekday() >= 5 or day in bank_holidays(country, day.year):
        day -= timedelta(days=1)
    return day

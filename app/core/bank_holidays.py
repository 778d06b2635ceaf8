"""UK bank holidays by country: for pay rates (timesheets) and for when a payment must reach HMRC (payroll)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

COUNTRIES = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}
# When a bank holiday falls on a Saturday or Sunday (Christmas Day 2027, Boxing Day 2026), the Banking and
# Financial Dealings Act 1971 makes the next weekday the bank holiday (the "substitute day" GOV.UK lists); a
# contract may instead pay the holiday's own day, or both. Each employer chooses the rule its contracts use.
WEEKEND_RULES = {"substitute": "the weekday that takes its place (the substitute day GOV.UK lists)",
                 "day_itself": "the day itself, on the weekend",
                 "both": "both days"}


@cache
def bank_holidays(country: str, year: int, weekend_rule: str = "substitute") -> frozenset[date]:
    """Bank holidays for one UK country and year (the `holidays` package: GOV.UK's lists). A holiday that falls
    on a weekend counts by `weekend_rule`: on its substitute weekday (as GOV.UK lists them, the default), on the
    day itself, or on both."""
    import holidays  # here: its tables are slow to load, and most screens never need them

    if country not in COUNTRIES:
        raise ValueError(f"\"{country}\" is not a UK country; use one of {', '.join(COUNTRIES)}")
    if weekend_rule not in WEEKEND_RULES:
        raise ValueError(f"\"{weekend_rule}\" is not a rule for bank holidays on weekends; use one of "
                         f"{', '.join(WEEKEND_RULES)}")
    own_days = frozenset(holidays.country_holidays("GB", subdiv=COUNTRIES[country], years=year, observed=False))
    with_substitutes = frozenset(holidays.country_holidays("GB", subdiv=COUNTRIES[country], years=year))
    if weekend_rule == "day_itself":
        return own_days
    if weekend_rule == "both":
        return with_substitutes
    return frozenset(day for day in with_substitutes if day.weekday() < 5)


def working_day_on_or_before(day: date, country: str = "england") -> date:
    """The day itself if it is a working day, otherwise the last working day before it."""
    while day.weekday() >= 5 or day in bank_holidays(country, day.year):
        day -= timedelta(days=1)
    return day

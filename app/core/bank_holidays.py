"""UK bank holidays by country: for pay rates (timesheets) and for when a payment must reach HMRC (payroll)."""

from __future__ import annotations

import json
from datetime import date, timedelta
from functools import cache
from importlib import resources

COUNTRIES = {"england": "ENG", "wales": "WLS", "scotland": "SCT", "northern_ireland": "NIR"}
# When a bank holiday falls on a Saturday or Sunday (Christmas Day 2027, Boxing Day 2026), the Banking and
# Financial Dealings Act 1971 makes the next weekday the bank holiday (the "substitute day" GOV.UK lists); a
# contract may instead pay the holiday's own day, or both. Each employer chooses the rule its contracts use.
WEEKEND_RULES = {"substitute": "the weekday that takes its place (the substitute day GOV.UK lists)",
                 "day_itself": "the day itself, on the weekend",
                 "both": "both days"}


TABLE_FILE = "bank_holidays.json"  # beside this module: made by `python -m app.core.bank_holidays`
TABLE_YEARS = range(2010, 2046)


def from_library(country: str, year: int) -> tuple[frozenset[date], frozenset[date]]:
    """A country's bank holidays in a year from the `holidays` package (GOV.UK's lists): on their own days, and
    with the substitute weekday for one that falls on a weekend."""
    import holidays  # here: it loads every country's tables, which takes longer than the rest of Home

    subdivision = COUNTRIES[country]
    return (frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year, observed=False)),
            frozenset(holidays.country_holidays("GB", subdiv=subdivision, years=year)))


def make_table() -> dict[str, object]:
    """Every country's bank holidays for TABLE_YEARS, as the shipped table holds them (a test checks it still
    matches the `holidays` package, so a new bank holiday there is a failing test, not a silent difference)."""
    from importlib.metadata import version

    table: dict[str, object] = {"_source": f"GOV.UK bank holidays, from the holidays package {version('holidays')}; "
                                           "remake with `python -m app.core.bank_holidays`"}
    for country in COUNTRIES:
        years = {}
        for year in TABLE_YEARS:
            own, observed = from_library(country, year)
            years[str(year)] = {"own": sorted(d.isoformat() for d in own),
                                "substitutes": sorted(d.isoformat() for d in observed - own)}
        table[country] = years
    return table


@cache
def _table() -> dict[str, dict[str, dict[str, list[str]]]]:
    text = (resources.files("app.core") / TABLE_FILE).read_text(encoding="utf-8")
    loaded: dict[str, dict[str, dict[str, list[str]]]] = json.loads(text)
    return loaded


def _days(country: str, year: int) -> tuple[frozenset[date], frozenset[date]]:
    if year not in TABLE_YEARS:
        return from_library(country, year)
    entry = _table()[country][str(year)]
    own = frozenset(date.fromisoformat(d) for d in entry["own"])
    return own, own | frozenset(date.fromisoformat(d) for d in entry["substitutes"])


@cache
def bank_holidays(country: str, year: int, weekend_rule: str = "substitute") -> frozenset[date]:
    """Bank holidays for one UK country and year (GOV.UK's lists, through the `holidays` package; read from the
    shipped table for TABLE_YEARS). A holiday that falls on a weekend counts by `weekend_rule`: on its
    substitute weekday (as GOV.UK lists them, the default), on the day itself, or on both."""
    if country not in COUNTRIES:
        raise ValueError(f"\"{country}\" is not a UK country; use one of {', '.join(COUNTRIES)}")
    if weekend_rule not in WEEKEND_RULES:
        raise ValueError(f"\"{weekend_rule}\" is not a rule for bank holidays on weekends; use one of "
                         f"{', '.join(WEEKEND_RULES)}")
    own_days, with_substitutes = _days(country, year)
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


if __name__ == "__main__":  # remake the shipped table from the `holidays` package
    from pathlib import Path

    target = Path(__file__).with_name(TABLE_FILE)
    target.write_text(json.dumps(make_table(), indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"Wrote {target}")

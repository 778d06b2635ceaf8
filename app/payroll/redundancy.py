"""Statutory redundancy pay (Employment Rights Act 1996 ss. 155, 162; the cap on a week's pay from the Increase of
Limits Order for the year of the dismissal, in the rates data).

Counting back from the day the job ends, each complete year of continuous service (at most 20) earns half a
week's pay, a week's pay for a year throughout which the employee was 22 or over, and a week and a half for a
year throughout which they were 41 or over. Fewer than 2 complete years earn nothing. A week's pay is capped.
PA Books uses this for the contingency guide: what the holder would owe if the job ended today (when the person
dies or moves into residential care, their PAs' jobs end by redundancy).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.payroll.rates import RedundancyRates


@dataclass(frozen=True, slots=True)
class RedundancyPay:
    years: int  # complete years of service counted (at most the maximum)
    weeks: Decimal  # weeks' pay earned by those years
    week_pay_pence: int  # the week's pay used, after the cap
    amount_pence: int


def _years_back(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that has none
        return date(day.year - years, 3, 1)


def complete_years(started_on: date, ends_on: date) -> int:
    years = ends_on.year - started_on.year
    if (ends_on.month, ends_on.day) < (started_on.month, started_on.day):
        years -= 1
    return max(years, 0)


def age_on(date_of_birth: date, day: date) -> int:
    return complete_years(date_of_birth, day)


def statutory_redundancy(date_of_birth: date, started_on: date, ends_on: date, week_pay_pence: int,
                         rates: RedundancyRates) -> RedundancyPay:
    service = complete_years(started_on, ends_on)
    capped = min(week_pay_pence, int(rates.week_pay_cap * 100))
    if service < rates.minimum_years:
        return RedundancyPay(service, Decimal(0), capped, 0)
    counted = min(service, rates.maximum_years)
    weeks = Decimal(0)
    for back in range(1, counted + 1):
        age_at_start = age_on(date_of_birth, _years_back(ends_on, back))  # the year ran from here, at this age
        weeks += next(w for from_age, w in reversed(rates.weeks_by_age) if age_at_start >= from_age)
    amount = int((weeks * capped).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return RedundancyPay(counted, weeks, capped, amount)

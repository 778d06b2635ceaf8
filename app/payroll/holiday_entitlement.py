"""Statutory holiday entitlement for each way of working GOV.UK's holiday calculator knows, for a full leave year or
part of one (Working Time Regulations 1998 regs. 13, 13A, 14, 15A; GOV.UK 'Holiday entitlement' and its
calculator, 'Calculate holiday entitlement').

Full leave year: 5.6 weeks, at most 28 days (reg. 13A(3)).
- days a week: 5.6 x days, at most 28 days;
- hours a week, or compressed hours (the same hours worked over fewer, longer days): 5.6 x weekly hours, at most
  28 days of the day's hours (weekly hours / days a week);
- annualised hours: 5.6 weeks, and 5.6 x the average weekly hours;
- shifts: 5.6 x the shifts worked in an average week (shifts in the pattern / days in the pattern x 7), at most 28
  shifts; in hours too when the shift length is given.
(Irregular-hours and part-year workers in leave years from 1 April 2024 accrue 12.07% of the hours they work: the
`holiday_accrual` kind, app.payroll.holiday.)

Part of a leave year, two answers where they differ:
- "wtr": the proportion of the leave year the law uses: for a starter the part of the leave year remaining
  (reg. 13(5)), for a leaver the part before leaving (reg. 14), in days; rounded up to the next hundredth (an
  employer may round up, never down).
- "gov_uk": as GOV.UK's calculator gives it: a starter's months remaining, the month they start counting whole,
  over 12 (reg. 15A's monthly accrual), rounded up to the next half day (or half shift; hours from the rounded
  days); a leaver's (or a starter who also leaves) proportion in days, rounded up to one decimal place (shifts and
  weeks to two).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, ROUND_HALF_UP, Decimal

from app.core.numbers import hours_words
from app.payroll.rates import rates_for

BASES = ("days_per_week", "hours_per_week", "compressed_hours", "annualised_hours", "shifts")
HUNDREDTH, TENTH, HALF = Decimal("0.01"), Decimal("0.1"), Decimal("0.5")


@dataclass(frozen=True, slots=True)
class WorkPattern:
    basis: str  # one of BASES
    days_per_week: Decimal | None = None  # days a week (days, hours, compressed hours)
    hours_per_week: Decimal | None = None  # hours a week (hours, compressed hours; annualised: the average)
    shifts_per_pattern: Decimal | None = None
    days_per_pattern: Decimal | None = None
    shift_hours: Decimal | None = None  # a shift's length, for the entitlement in hours too


@dataclass(frozen=True, slots=True)
class EntitlementInput:
    pattern: WorkPattern
    tax_year: str  # whose 5.6 weeks and 28 days (rates data)
    leave_year_start: date | None = None  # needed for a part year
    starts_on: date | None = None  # when the worker started, if during the leave year
    leaves_on: date | None = None  # the last day of employment, if during the leave year


@dataclass(frozen=True, slots=True)
class Entitlement:
    unit: str  # "days", "hours", "shifts" or "weeks"
    full_year: Decimal  # the full leave year's entitlement in `unit`, after the cap
    capped: bool  # the 28-day cap applied
    wtr: Decimal  # the law's proportion of the leave year, rounded up to the next hundredth
    gov_uk: Decimal  # as GOV.UK's calculator gives it
    hours: Decimal | None  # `gov_uk` in hours too, where the pattern says the hours
    fraction_wtr: Decimal  # the part of the leave year (1 for a full year)
    fraction_gov_uk: Decimal
    rule: str  # in words: which rules made the two answers

    @property
    def answers_differ(self) -> bool:
        return self.wtr != self.gov_uk


def _up(value: Decimal, step: Decimal) -> Decimal:
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step


def _positive(value: Decimal | None, words: str) -> Decimal:
    if value is None or value <= 0:
        raise ValueError(f"{words} must be more than 0")
    return value


def _leave_year(start: date, on: date) -> tuple[date, date]:
    """The leave year (from `start`'s day and month) containing `on`: its first and last days."""
    def anniversary(year: int) -> date:
        day = min(start.day, calendar.monthrange(year, start.month)[1])
        return date(year, start.month, day)

    first = anniversary(on.year)
    if first > on:
        first = anniversary(on.year - 1)
    following = anniversary(first.year + 1)
    return first, following - timedelta(days=1)


def _months_remaining(first: date, starts_on: date) -> int:
    """Months of the leave year from the one the worker starts in (counted whole) to its end (GOV.UK)."""
    months = (starts_on.year - first.year) * 12 + starts_on.month - first.month
    if starts_on.day < first.day:
        months -= 1  # the leave year's months run from `first.day` to the day before it
    return 12 - months


def _full_year(request: EntitlementInput) -> tuple[str, Decimal, Decimal | None, bool, Decimal | None]:
    """(unit, entitlement in that unit, in days where it has days, capped, hours a day or a shift)."""
    holiday = rates_for(request.tax_year).holiday
    weeks, max_days = holiday.weeks_per_year, holiday.max_days
    pattern = request.pattern
    if pattern.basis == "days_per_week":
        days = _positive(pattern.days_per_week, "days a week")
        if days > 7:
            raise ValueError("days a week must be at most 7")
        return "days", min(weeks * days, max_days), min(weeks * days, max_days), weeks * days > max_days, None
    if pattern.basis in ("hours_per_week", "compressed_hours"):
        hours = _positive(pattern.hours_per_week, "hours a week")
        days = _positive(pattern.days_per_week, "days a week")
        if days > 7 or hours > 168:
            raise ValueError("a week has at most 7 days and 168 hours")
        full_days = min(weeks * days, max_days)
        full_hours = weeks * hours if weeks * days <= max_days else max_days * hours / days
        return "hours", full_hours, full_days, weeks * days > max_days, hours / days
    if pattern.basis == "annualised_hours":
        a_week = pattern.hours_per_week
        return "weeks", weeks, None, False, a_week
    if pattern.basis == "shifts":
        shifts = _positive(pattern.shifts_per_pattern, "shifts in the pattern")
        pattern_days = _positive(pattern.days_per_pattern, "days in the pattern")
        if shifts > pattern_days * 3:
            raise ValueError("a pattern cannot hold more than three shifts a day")
        per_week = shifts / pattern_days * 7
        return "shifts", min(weeks * per_week, max_days), min(weeks * per_week, max_days), \
            weeks * per_week > max_days, pattern.shift_hours
    raise ValueError(f"\"{pattern.basis}\" is not a way of working; use one of {', '.join(BASES)}")


def holiday_entitlement(request: EntitlementInput) -> Entitlement:
    unit, full, full_days, capped, per = _full_year(request)
    starts, leaves = request.starts_on, request.leaves_on
    in_hours = (lambda amount: amount * per) if per is not None and unit in ("shifts", "weeks") else None
    if starts is None and leaves is None:
        rounded = _up(full, TENTH) if unit != "weeks" else full
        hours = rounded if unit == "hours" else (in_hours(full) if in_hours else None)
        return Entitlement(unit, full, capped, _up(full, HUNDREDTH), rounded, hours, Decimal(1), Decimal(1),
                           "a full leave year: 5.6 weeks, at most 28 days")
    if request.leave_year_start is None:
        raise ValueError("say when the leave year starts, for part of a leave year")
    if starts is not None and leaves is not None and leaves < starts:
        raise ValueError("the last day of employment is before the first")
    first, last = _leave_year(request.leave_year_start, starts or leaves or request.leave_year_start)
    if starts is not None and leaves is not None and leaves > last:
        raise ValueError("the worker leaves after the end of the leave year they started in: work out each year")
    year_days = Decimal((last - first).days + 1)
    employed_from, employed_to = starts or first, leaves or last
    fraction_wtr = Decimal((employed_to - employed_from).days + 1) / year_days
    wtr = _up(full * fraction_wtr, HUNDREDTH)
    if leaves is None:  # a starter: GOV.UK counts months, and rounds up to the half day (or half shift)
        fraction = Decimal(_months_remaining(first, starts or first)) / 12
        if unit == "hours":
            assert full_days is not None and per is not None
            days = _up(full_days * fraction, HALF)
            gov_uk, hours = _up(days * per, TENTH), _up(days * per, TENTH)
        elif unit == "weeks":
            gov_uk = _up(full * fraction, HUNDREDTH)
            hours = in_hours(gov_uk) if in_hours else None
        else:
            gov_uk = _up(full * fraction, HALF)
            hours = in_hours(gov_uk) if in_hours else None
        rule = ("a starter: the law gives the part of the leave year remaining (reg. 13(5)), in days; GOV.UK counts "
                "the months remaining, the first month whole (reg. 15A), and rounds up to the half day")
        return Entitlement(unit, full, capped, wtr, gov_uk, hours, fraction_wtr, fraction, rule)
    # A leaver, or a starter who leaves in the same leave year: both use days (GOV.UK over the year from the start).
    if starts is not None:
        year_from_start = Decimal((_leave_year(starts, starts)[1] - starts).days + 1)
        fraction = Decimal((leaves - starts).days + 1) / year_from_start
    else:
        fraction = fraction_wtr
    step = HUNDREDTH if unit in ("shifts", "weeks") else TENTH
    gov_uk = _up(full * fraction, step)
    hours = gov_uk if unit == "hours" else (in_hours(gov_uk) if in_hours else None)
    rule = ("a leaver: the part of the leave year worked, in days (reg. 14); GOV.UK rounds up to "
            f"{'two decimal places' if step == HUNDREDTH else 'one decimal place'}")
    return Entitlement(unit, full, capped, wtr, gov_uk, hours, fraction_wtr, fraction, rule)


# -- a PA's holiday balance in the leave year ---------------------------------------------------------


def _hours(hours: Decimal) -> str:
    return hours_words(hours, HUNDREDTH)

REGULAR, IRREGULAR, ROLLED_UP = "weeks", "accrual_12_07", "rolled_up"  # the PA's holiday basis


@dataclass(frozen=True, slots=True)
class BalanceFacts:
    name: str
    holiday_basis: str  # REGULAR, IRREGULAR or ROLLED_UP
    hours_per_week: Decimal | None  # contracted hours (REGULAR)
    started_on: date
    left_on: date | None
    hours_worked: Decimal  # in the leave year to the day asked about (IRREGULAR accrues on them)
    hours_taken: Decimal  # holiday taken in the leave year


@dataclass(frozen=True, slots=True)
class HolidayBalance:
    name: str
    holiday_basis: str  # REGULAR, IRREGULAR or ROLLED_UP
    leave_year: tuple[date, date]
    entitled_hours: Decimal | None  # the year's (REGULAR) or earned so far (IRREGULAR); None when not tracked
    taken_hours: Decimal
    left_hours: Decimal | None
    words: str
    day_hours: Decimal | None = None  # their average working day, where known: turns hours into days


def holiday_balance(facts: BalanceFacts, leave_year_start: date, on: date, tax_year: str) -> HolidayBalance:
    """A PA's holiday in the leave year containing `on`, in hours (the unit PA Books records time in): for set
    hours, 5.6 weeks of the contracted hours, the law's part of the year for a starter or leaver (reg. 13(5),
    reg. 14); for irregular hours, 12.07% of the hours worked so far (reg. 15B); for rolled-up holiday pay, the
    holiday pay is paid with each period's pay, so no balance builds up (reg. 16A)."""
    first, last = _leave_year(leave_year_start, on)
    year = f"in this leave year ({first.day} {first:%B %Y} to {last.day} {last:%B %Y})"
    taken = facts.hours_taken.quantize(HUNDREDTH, rounding=ROUND_HALF_UP)
    if facts.holiday_basis == ROLLED_UP:
        return HolidayBalance(facts.name, facts.holiday_basis, (first, last), None, taken, None,
                              f"{facts.name}: holiday pay is rolled up into each period's pay, so no paid holiday "
                              f"builds up; {_hours(taken)} of holiday taken {year}.")
    if facts.holiday_basis == IRREGULAR:
        earned = (facts.hours_worked * rates_for(tax_year).holiday.irregular_accrual_percent / 100).quantize(
            HUNDREDTH, rounding=ROUND_CEILING)
        entitled, before, after = earned, "earned so far ", " at 12.07% of the hours worked"
    else:
        if not facts.hours_per_week:
            return HolidayBalance(facts.name, facts.holiday_basis, (first, last), None, taken, None,
                                  f"{facts.name}: add their contracted hours a week to see their holiday {year}.")
        starts = facts.started_on if first < facts.started_on <= last else None
        leaves = facts.left_on if facts.left_on is not None and first <= facts.left_on < last else None
        result = holiday_entitlement(EntitlementInput(
            WorkPattern("annualised_hours", hours_per_week=facts.hours_per_week), tax_year, first, starts, leaves))
        entitled = _up(result.wtr * facts.hours_per_week, HUNDREDTH).quantize(HUNDREDTH)
        before, after = "", ("" if starts is None and leaves is None else ", for the part of it they work here")
    left = entitled - taken
    said = _left_words(left, facts.holiday_basis)
    return HolidayBalance(facts.name, facts.holiday_basis, (first, last), entitled, taken, left,
                          f"{facts.name}: {_hours(entitled)} of holiday {before}{year}{after}; "
                          f"{_hours(taken)} taken, {said}.")


def payslip_holiday_words(balance: HolidayBalance) -> str:
    """The holiday balance as a payslip says it to the PA, at the end of the pay period: "" when PA Books does
    not track it (no contracted hours yet)."""
    first, last = balance.leave_year
    year = f"this leave year ({first.day} {first:%B %Y} to {last.day} {last:%B %Y})"
    taken = _hours(balance.taken_hours)
    if balance.holiday_basis == ROLLED_UP:
        return f"Your holiday pay is paid with your pay (rolled up), so no paid holiday builds up; {taken} taken {year}"
    if balance.entitled_hours is None or balance.left_hours is None:
        return ""
    so_far = " earned so far" if balance.holiday_basis == IRREGULAR else ""
    return (f"Your holiday {year}: {_hours(balance.entitled_hours)}{so_far}, {taken} taken, "
            f"{_left_words(balance.left_hours, balance.holiday_basis)}")


def _left_words(left: Decimal, holiday_basis: str) -> str:
    if left >= 0:
        return f"{_hours(left)} left"
    return f"{_hours(-left)} more taken than " + ("earned" if holiday_basis == IRREGULAR else "due")

"""Holiday entitlement and holiday pay (Working Time Regulations 1998 as amended by SI 2023/1426).

- Regular workers: 5.6 weeks a year, at most 28 days, pro-rated for a part year (never rounded down).
- Irregular-hours and part-year workers, in leave years starting on or after 1 April 2024: holiday
  accrues at 12.07% of hours worked in each pay period (reg. 15B); rolled-up holiday pay of 12.07%
  of pay may be paid instead and must show separately on the payslip (reg. 16A).
- A week's pay for variable pay: the average over the last 52 weeks in which the worker was paid,
  looking back up to 104 weeks (reg. 16, Employment Rights Act 1996 s. 224).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, Decimal

from app.core.money import format_pounds, round_half_up_to_penny, to_pence
from app.payroll.rates import rates_for

IRREGULAR_REGIME_START = date(2024, 4, 1)
# PA Books' leave year: from 1 April, the date most direct payment contracts use (the Working Time Regulations'
# default, reg. 13(3)(b), is the start of employment; a contract may set any date).
LEAVE_YEAR_STARTS = (4, 1)  # month, day
REFERENCE_WEEKS = 52
LOOK_BACK_WEEKS = 104

# Which pay counts in a week's pay for the first 4 weeks (reg. 16(3)(e), following Bear Scotland,
# Lock v British Gas and the 2023 amendments): regular overtime, commission, and payments for
# seniority, service or qualifications count; expenses do not. The other 1.6 weeks may be at basic pay.
COUNTS_FOR_CORE_HOLIDAY_PAY = {
    "basic": True, "night": True, "weekend": True, "bank_holiday": True, "sleep_in": True,
    "waking_night": True, "regular_overtime": True, "commission": True, "seniority": True,
    "training": True, "holiday": True, "sick": False, "expenses": False, "one_off_bonus": False,
}


def leave_year_start(on: date) -> date:
    """The first day of the leave year that contains `on`."""
    month, day = LEAVE_YEAR_STARTS
    start = date(on.year, month, day)
    return start if start <= on else date(on.year - 1, month, day)


def week_pay_that_counts(elements: dict[str, int], core_four_weeks: bool = True) -> int:
    """Pay in one week that counts towards a week's holiday pay. For the 4 weeks' core leave every
    regular element listed in COUNTS_FOR_CORE_HOLIDAY_PAY counts; for the other 1.6 weeks basic pay
    is enough (reg. 16(3)(e) applies only to reg. 13 leave). Unknown kinds are refused, not guessed."""
    total = 0
    for kind, pence in elements.items():
        if kind not in COUNTS_FOR_CORE_HOLIDAY_PAY:
            raise ValueError(f"\"{kind}\" is not a kind of pay PA Books knows for holiday pay")
        if kind == "basic" or (core_four_weeks and COUNTS_FOR_CORE_HOLIDAY_PAY[kind]):
            total += pence
    return total


def entitlement_days(days_per_week: Decimal, tax_year: str, leave_year_days: int = 365,
                     days_employed: int | None = None) -> Decimal:
    """Days of holiday for a regular worker: 5.6 x days a week, at most 28, pro-rated for a part year
    and rounded up to the next hundredth of a day (an employer may round up, never down)."""
    if not 0 < days_per_week <= 7:
        raise ValueError("days a week must be more than 0 and at most 7")
    holiday = rates_for(tax_year).holiday
    full = min(holiday.weeks_per_year * days_per_week, holiday.max_days)
    if days_employed is None or days_employed >= leave_year_days:
        return full
    if days_employed < 0:
        raise ValueError("days employed cannot be negative")
    return (full * days_employed / leave_year_days).quantize(Decimal("0.01"), rounding=ROUND_CEILING)


def irregular_accrual_hours(hours_worked: Decimal, tax_year: str, leave_year_start: date) -> Decimal:
    """Hours of holiday accrued in a pay period at 12.07% of hours worked, to 2 decimals."""
    if hours_worked < 0:
        raise ValueError("hours worked cannot be negative")
    if leave_year_start < IRREGULAR_REGIME_START:
        raise ValueError("12.07% accrual applies only to leave years starting on or after 1 April 2024")
    percent = rates_for(tax_year).holiday.irregular_accrual_percent
    return round_half_up_to_penny(hours_worked * percent / 100)


def rolled_up_holiday_pay_pence(pay_pence: int, tax_year: str) -> int:
    """Rolled-up holiday pay: 12.07% of the pay for work in the period, to the nearest penny."""
    if pay_pence < 0:
        raise ValueError("pay cannot be negative")
    percent = rates_for(tax_year).holiday.irregular_accrual_percent
    return to_pence(round_half_up_to_penny(Decimal(pay_pence) / 100 * percent / 100))


@dataclass(frozen=True, slots=True)
class PaidWeek:
    week_ending: date
    pay_pence: int  # pay that counts for holiday pay in that week (0 if not paid)


@dataclass(frozen=True, slots=True)
class AverageWeekPay:
    average_pence: int
    weeks_used: int


def average_week_pay(weeks: tuple[PaidWeek, ...], before: date) -> AverageWeekPay:
    """A week's pay for holiday: the mean of the most recent 52 paid weeks ending before `before`,
    looking back no more than 104 weeks; fewer if the PA has not worked that long."""
    window_start = before.toordinal() - LOOK_BACK_WEEKS * 7
    recent = sorted(
        (w for w in weeks if w.week_ending < before and w.week_ending.toordinal() >= window_start and w.pay_pence > 0),
        key=lambda w: w.week_ending, reverse=True,
    )[:REFERENCE_WEEKS]
    if not recent:
        return AverageWeekPay(0, 0)
    total = sum(w.pay_pence for w in recent)
    mean = round_half_up_to_penny(Decimal(total) / 100 / len(recent))
    return AverageWeekPay(to_pence(mean), len(recent))


@dataclass(frozen=True, slots=True)
class PaidPeriod:
    """One finalised pay period, for the reference period of holiday pay."""

    period_end: date
    weeks: Decimal  # its length in weeks (a month is about 4.35)
    pay_pence: int  # pay that counts for holiday pay (time worked at every rate; not SSP, expenses or one-offs)
    days_worked: int


@dataclass(frozen=True, slots=True)
class HolidayDayRate:
    day_rate_pence: int  # a day's holiday pay: the pay per day worked over the reference period
    weeks_used: Decimal
    days_worked: int


def holiday_day_rate(periods: tuple[PaidPeriod, ...], before: date) -> HolidayDayRate | None:
    """A day's holiday pay for variable pay: the pay per working day over the most recent paid periods ending
    before `before`, until 52 weeks are covered, looking back no more than 104 weeks (reg. 16; ERA 1996 s. 224:
    weeks with no pay are left out). None when there is no paid period to average."""
    window_start = before.toordinal() - LOOK_BACK_WEEKS * 7
    recent = sorted((p for p in periods if p.period_end < before and p.period_end.toordinal() >= window_start
                     and p.pay_pence > 0 and p.days_worked > 0), key=lambda p: p.period_end, reverse=True)
    used: list[PaidPeriod] = []
    for period in recent:
        if sum((p.weeks for p in used), Decimal(0)) >= REFERENCE_WEEKS:
            break
        used.append(period)
    if not used:
        return None
    days = sum(p.days_worked for p in used)
    rate = round_half_up_to_penny(Decimal(sum(p.pay_pence for p in used)) / 100 / days)
    return HolidayDayRate(to_pence(rate), sum((p.weeks for p in used), Decimal(0)), days)


def _hours_words(hours: Decimal) -> str:
    shown = hours.quantize(Decimal("0.01"))
    return f"{shown.normalize():f} hour{'' if shown == 1 else 's'}"


def holiday_on_leaving_words(name: str, left_on: date, left_hours: Decimal, day_hours: Decimal | None,
                             day_rate_pence: int | None, added_pence: int) -> str:
    """What a leaver's final pay run says about the holiday they earned and did not take: paid in lieu with the
    final pay (Working Time Regulations 1998 reg. 14), about `left_hours` / `day_hours` working days at the day
    rate; or, taken beyond what was earned, recovered only where the contract says so (reg. 14(4)). "" when
    nothing is owed either way."""
    on = f"{left_on.day} {left_on:%B %Y}"
    if left_hours < 0:
        return (f"{name} leaves on {on} having taken {_hours_words(-left_hours)} more holiday than they earned. You "
                "may take that back from their final pay only if their contract says so (Working Time Regulations "
                "1998, regulation 14(4)).")
    if left_hours == 0:
        return ""
    words = (f"{name} leaves on {on} with {_hours_words(left_hours)} of holiday not taken: pay it with this final "
             "pay as holiday pay (Working Time Regulations 1998, regulation 14)")
    if day_hours and day_hours > 0 and day_rate_pence is not None:
        days = left_hours / day_hours
        estimate = to_pence(round_half_up_to_penny(days * Decimal(day_rate_pence) / 100))
        words += (f", about {format_pounds(estimate)}: {days.quantize(Decimal('0.01'))} of their "
                  f"{day_hours.quantize(Decimal('0.01')).normalize():f}-hour working days at "
                  f"{format_pounds(day_rate_pence)}, their pay per day worked over the last 52 paid weeks")
    if added_pence:
        return words + f". This run pays {format_pounds(added_pence)} of holiday pay: check it covers it."
    return words + ". Add it with \"Add a payment or deduction\", as holiday pay."

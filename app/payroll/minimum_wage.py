"""National Minimum Wage and National Living Wage check for one pay reference period.

The National Minimum Wage Regulations 2015: pay that counts (reg. 8-10: premiums for shifts,
overtime, weekends and bank holidays above the basic rate do not count; nor do allowances not
attributable to the work, such as a sleep-in allowance for time asleep) against the hours that count
(time work, reg. 30-35). Time during a sleep-in when the PA is permitted to sleep is not time work
(Royal Mencap Society v Tomlinson-Blake [2021] UKSC 8); a waking night is. The rate is the one in
force at the start of the pay reference period for the worker's age then; apprentices under 19 or
in the first year of their apprenticeship get the apprentice rate. Free accommodation adds the
daily offset to pay; a charge above the offset takes the excess off.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from app.core.dates import age_on
from app.core.money import format_pounds, pence_to_decimal, round_up_to_penny, to_pence
from app.payroll.rates import minimum_wage_for


@dataclass(frozen=True, slots=True)
class MinimumWageInput:
    period_start: date
    birth_date: date
    hours_worked: Decimal  # day and evening hours
    waking_night_hours: Decimal = Decimal(0)  # counts in full
    sleep_in_hours: Decimal = Decimal(0)  # time permitted to sleep: does not count
    sleep_in_awake_hours: Decimal = Decimal(0)  # woken to work during a sleep-in: counts
    basic_pay_pence: int = 0  # pay at the basic rate for the hours that count
    premium_pay_pence: int = 0  # the part of weekend/bank holiday/overtime rates above basic: does not count
    sleep_in_allowance_pence: int = 0  # flat sleep-in payments: does not count
    apprentice: bool = False
    first_year_of_apprenticeship: bool = False
    accommodation_days: int = 0
    accommodation_charge_pence: int = 0


@dataclass(frozen=True, slots=True)
class MinimumWageResult:
    band: str
    hourly_rate_pence: int
    hours_counted: Decimal
    pay_counted_pence: int
    required_pence: int
    shortfall_pence: int  # 0 when paid enough
    average_hourly_pay: Decimal  # pounds, to 2 decimals
    reasons: tuple[str, ...]

    @property
    def underpaid(self) -> bool:
        return self.shortfall_pence > 0


def band_for(age: int, apprentice: bool, first_year: bool) -> str:
    if apprentice and (age < 19 or first_year):
        return "apprentice"
    if age >= 21:
        return "21_and_over"
    if age >= 18:
        return "18_to_20"
    return "under_18"


_BAND_WORDS = {"21_and_over": "the National Living Wage, for ages 21 and over", "18_to_20": "the rate for ages 18 to 20",
               "under_18": "the rate for under-18s", "apprentice": "the apprentice rate"}


def check_minimum_wage(request: MinimumWageInput) -> MinimumWageResult:
    for name in ("hours_worked", "waking_night_hours", "sleep_in_hours", "sleep_in_awake_hours"):
        if getattr(request, name) < 0:
            raise ValueError(f"{name} cannot be negative")
    for name in ("basic_pay_pence", "premium_pay_pence", "sleep_in_allowance_pence", "accommodation_charge_pence"):
        if getattr(request, name) < 0:
            raise ValueError(f"{name.removesuffix('_pence')} cannot be negative")
    if request.birth_date >= request.period_start:
        raise ValueError("the date of birth must be before the pay period")
    age = age_on(request.birth_date, request.period_start)
    rates = minimum_wage_for(request.period_start)
    band = band_for(age, request.apprentice, request.first_year_of_apprenticeship)
    rate = rates.hourly[band]
    hours = request.hours_worked + request.waking_night_hours + request.sleep_in_awake_hours
    pay = pence_to_decimal(request.basic_pay_pence)
    reasons: list[str] = []
    offset_allowed = rates.accommodation_offset_daily * request.accommodation_days
    charge = pence_to_decimal(request.accommodation_charge_pence)
    if request.accommodation_days and charge == 0:
        pay += offset_allowed
    elif charge > offset_allowed:
        pay -= charge - offset_allowed
        excess = format_pounds(to_pence(round_up_to_penny(charge - offset_allowed)))
        reasons.append(f"the accommodation charge is {excess} more than the accommodation offset, which reduces pay")
    required = round_up_to_penny(hours * rate)
    shortfall = max(required - pay, Decimal(0))
    average = (pay / hours).quantize(Decimal("0.01")) if hours else Decimal(0)
    if shortfall:
        reasons.insert(0, f"{hours} hours that count at {format_pounds(to_pence(rate))} an hour ({_BAND_WORDS[band]}) "
                          f"need {format_pounds(to_pence(required))}, but the pay that counts is "
                          f"{format_pounds(to_pence(round_up_to_penny(pay)))}")
        if request.premium_pay_pence:
            reasons.append("extra pay for weekends, bank holidays or overtime does not count towards the minimum wage")
        if request.sleep_in_allowance_pence:
            reasons.append("sleep-in allowances do not count, and neither do sleep-in hours spent asleep")
    return MinimumWageResult(
        band=band,
        hourly_rate_pence=to_pence(rate),
        hours_counted=hours,
        pay_counted_pence=to_pence(round_up_to_penny(pay)),
        required_pence=to_pence(required),
        shortfall_pence=to_pence(round_up_to_penny(shortfall)),
        average_hourly_pay=average,
        reasons=tuple(reasons),
    )

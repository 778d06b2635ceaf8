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
from datetime import date, timedelta
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
    country: str = "england"  # where the PA went to school: the school leaving date differs
    school_leaving_date: date | None = None  # when known exactly (Scotland's winter leavers: the school says)


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
    applies: bool = True  # False for a worker still of compulsory school age: no band, no shortfall

    @property
    def underpaid(self) -> bool:
        return self.shortfall_pence > 0


NOT_COVERED = "not_covered"
SCHOOL_COUNTRIES = ("england", "wales", "scotland", "northern_ireland")


def school_leaving_date(birth_date: date, country: str = "england") -> date | None:
    """The last day of compulsory school age: the National Minimum Wage covers a worker from the day after
    (National Minimum Wage Act 1998 s.1(2)(c): a worker "who has ceased to be of compulsory school age"). None
    when the law leaves the day to the school (Scotland, 16th birthday from October to February: the start of the
    Christmas holidays).
    - England and Wales (Education Act 1996 s.8; GOV.UK 'School leaving age'): the last Friday in June of the
      school year (to 31 August) in which the child turns 16.
    - Scotland (Education (Scotland) Act 1980 s.33): 31 May, for a 16th birthday from 1 March to 30 September.
    - Northern Ireland (Education and Libraries (NI) Order 1986 art. 46): 30 June, for a 16th birthday from
      1 September to 1 July; a birthday from 2 July to 31 August leaves on 30 June the next year."""
    if country not in SCHOOL_COUNTRIES:
        raise ValueError(f"\"{country}\" is not a UK country; use one of {', '.join(SCHOOL_COUNTRIES)}")
    sixteenth = date(birth_date.year + 16, birth_date.month, 28 if (birth_date.month, birth_date.day) == (2, 29)
                     else birth_date.day)
    if country in ("england", "wales"):
        year = sixteenth.year if (sixteenth.month, sixteenth.day) <= (8, 31) else sixteenth.year + 1
        last_of_june = date(year, 6, 30)
        return last_of_june - timedelta(days=(last_of_june.weekday() - 4) % 7)
    if country == "northern_ireland":
        year = sixteenth.year if (sixteenth.month, sixteenth.day) <= (7, 1) else sixteenth.year + 1
        return date(year, 6, 30)
    if 3 <= sixteenth.month <= 9:
        return date(sixteenth.year, 5, 31)
    return None


def _not_covered(request: MinimumWageInput) -> MinimumWageResult | None:
    """The result for a worker still of compulsory school age on the first day of the pay reference period, or
    None when the minimum wage applies."""
    leaving = request.school_leaving_date or school_leaving_date(request.birth_date, request.country)
    if leaving is not None:
        if request.period_start > leaving:
            return None
        until = f"until {leaving.day} {leaving:%B %Y}"
    else:  # Scotland, a winter leaver: the Christmas holidays start on a day each school sets, in December
        sixteenth_year = request.birth_date.year + 16
        december = sixteenth_year if request.birth_date.month >= 10 else sixteenth_year - 1
        if request.period_start >= date(december, 12, 1):
            return None  # the cautious answer in December, when the holidays may have begun: it applies
        until = f"until the start of the Christmas holidays in December {december}"
    hours = request.hours_worked + request.waking_night_hours + request.sleep_in_awake_hours
    return MinimumWageResult(
        band=NOT_COVERED, hourly_rate_pence=0, hours_counted=hours, pay_counted_pence=request.basic_pay_pence,
        required_pence=0, shortfall_pence=0, average_hourly_pay=Decimal(0), applies=False,
        reasons=(f"the National Minimum Wage does not apply yet: the worker is of compulsory school age {until} "
                 "(National Minimum Wage Act 1998 s.1(2)(c)), and it applies after that. The law on children's "
                 "work (their hours, their times and the council's permit) still applies",))


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
    not_covered = _not_covered(request)
    if not_covered is not None:
        return not_covered
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

"""What the holder should keep for known liabilities, beside what the contingency fund holds: what is owed now
(pay, HMRC, the pension scheme: from the ledger), holiday each PA has earned and not taken, a few weeks of
Statutory Sick Pay for each PA, and the statutory redundancy pay each PA would be owed if their job ended today
(when the person dies or moves into residential care, the jobs end by redundancy). A guide, said as one: the
figures are estimates from the records, each with how it was worked out.

Pure: the facts of each PA in, the guide out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from app.core.money import format_pounds
from app.core.numbers import hours_words
from app.payroll.rates import TaxYearRates
from app.payroll.redundancy import statutory_redundancy

SICK_WEEKS = 4  # the guide keeps this many weeks of SSP for each PA: a judgement, not a rule; said on screen
TENTH = Decimal("0.1")  # hours are said to the tenth
IRREGULAR = ("accrual_12_07",)  # holiday earned at 12.07% of hours worked
ROLLED_UP = "rolled_up"  # holiday pay paid with each period's pay: nothing builds up


@dataclass(frozen=True, slots=True)
class PaFacts:
    name: str
    date_of_birth: date | None
    started_on: date
    week_pay_pence: int  # average gross a week over the last 12 weeks paid (or contracted hours x rate)
    hourly_pence: int  # the PA's usual hourly rate, for holiday hours
    holiday_basis: str  # weeks, accrual_12_07, rolled_up
    contracted_hours_per_week: Decimal | None
    hours_worked_in_leave_year: Decimal  # worked shifts since the leave year began
    holiday_hours_taken: Decimal  # holiday shifts since the leave year began


@dataclass(frozen=True, slots=True)
class PaLiability:
    name: str
    holiday_hours: Decimal  # earned and not yet taken
    holiday_pence: int
    sick_pay_pence: int
    redundancy_pence: int
    redundancy_words: str


@dataclass(frozen=True, slots=True)
class LiabilityGuide:
    on: date
    leave_year_start: date
    owed_pence: int
    contingency_pence: int
    pas: tuple[PaLiability, ...]
    sick_weeks: int = SICK_WEEKS

    @property
    def holiday_pence(self) -> int:
        return sum(p.holiday_pence for p in self.pas)

    @property
    def sick_pay_pence(self) -> int:
        return sum(p.sick_pay_pence for p in self.pas)

    @property
    def redundancy_pence(self) -> int:
        return sum(p.redundancy_pence for p in self.pas)

    @property
    def keep_pence(self) -> int:
        """What to keep aside for what may fall due, beyond what is already owed."""
        return self.holiday_pence + self.sick_pay_pence + self.redundancy_pence

    def words(self) -> list[str]:
        if not self.pas:
            return ["No PA is employed now: nothing builds up for holiday, sick pay or redundancy."]
        said = [f"For what may fall due, PA Books suggests keeping {format_pounds(self.keep_pence)} aside: "
                f"{format_pounds(self.holiday_pence)} for holiday earned and not taken since "
                f"{self.leave_year_start.day} {self.leave_year_start:%B %Y}, {format_pounds(self.sick_pay_pence)} for "
                f"{self.sick_weeks} weeks of Statutory Sick Pay for each PA, and {format_pounds(self.redundancy_pence)} "
                "of redundancy pay if the jobs ended today. (What is already owed is counted separately.)"]
        gap = self.contingency_pence - self.keep_pence
        said.append(f"The contingency fund holds {format_pounds(self.contingency_pence)}, "
                    + (f"{format_pounds(gap)} more than that." if gap >= 0 else
                       f"{format_pounds(-gap)} less than that: ask the council whether to set more aside."))
        for p in self.pas:
            said.append(f"{p.name}: {hours_words(p.holiday_hours, TENTH)} of holiday not taken "
                        f"({format_pounds(p.holiday_pence)}); sick pay {format_pounds(p.sick_pay_pence)}; {p.redundancy_words}")
        return said


def holiday_earned_hours(pa: PaFacts, leave_year_start: date, on: date, rates: TaxYearRates) -> Decimal:
    """Hours of holiday earned so far in the leave year: 12.07% of hours worked for irregular hours; for regular
    hours 5.6 weeks of the contracted week (at most 28 days' worth), in proportion to the days of the year gone."""
    if pa.holiday_basis == ROLLED_UP:
        return Decimal(0)
    if pa.holiday_basis in IRREGULAR:
        return pa.hours_worked_in_leave_year * rates.holiday.irregular_accrual_percent / 100
    week = pa.contracted_hours_per_week or Decimal(0)
    year_days = (date(leave_year_start.year + 1, leave_year_start.month, leave_year_start.day) - leave_year_start).days
    started = max(leave_year_start, pa.started_on)
    gone = max((on - started).days + 1, 0)
    return week * rates.holiday.weeks_per_year * gone / year_days


def sick_pay_week_pence(week_pay_pence: int, rates: TaxYearRates) -> int:
    """A week of SSP: the weekly rate, or (from 6 April 2026) 80% of average weekly earnings if lower; nothing
    under the old rules when earnings are below the lower earnings limit."""
    ssp = rates.ssp
    weekly = int(ssp.weekly_rate * 100)
    if ssp.lower_earnings_limit_weekly is not None and week_pay_pence < ssp.lower_earnings_limit_weekly * 100:
        return 0
    if ssp.percent_of_earnings_cap is not None:
        weekly = min(weekly, int((Decimal(week_pay_pence) * ssp.percent_of_earnings_cap / 100)
                                 .quantize(Decimal(1), rounding=ROUND_HALF_UP)))
    return weekly


def liability_guide(pas: tuple[PaFacts, ...], on: date, leave_year_start: date, owed_pence: int,
                    contingency_pence: int, rates: TaxYearRates) -> LiabilityGuide:
    found = []
    for pa in pas:
        earned = holiday_earned_hours(pa, leave_year_start, on, rates)
        untaken = max(earned - pa.holiday_hours_taken, Decimal(0)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        holiday = int((untaken * pa.hourly_pence).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        if pa.date_of_birth is None:
            redundancy, words = 0, "redundancy not worked out: add the PA's date of birth."
        else:
            pay = statutory_redundancy(pa.date_of_birth, pa.started_on, on, pa.week_pay_pence, rates.redundancy)
            redundancy = pay.amount_pence
            words = (f"redundancy {format_pounds(pay.amount_pence)} ({pay.years} full years, {pay.weeks.normalize():f} "
                     f"weeks at {format_pounds(pay.week_pay_pence)})." if pay.amount_pence else
                     f"no redundancy pay yet (under {rates.redundancy.minimum_years} full years' service).")
        found.append(PaLiability(pa.name, untaken, holiday, sick_pay_week_pence(pa.week_pay_pence, rates) * SICK_WEEKS,
                                 redundancy, words))
    return LiabilityGuide(on, leave_year_start, owed_pence, contingency_pence, tuple(found))

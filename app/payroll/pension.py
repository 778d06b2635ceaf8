"""Workplace pension auto-enrolment: who must be enrolled, what is paid, and the dates that drive it.

Pensions Act 2008 ss. 1-3, 13; The Pensions Regulator's detailed guidance for employers. Worker
categories are assessed on the earnings paid in the pay reference period against the per-period
thresholds DWP publishes (data, not code).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from app.core.dates import age_on
from app.core.money import pence_to_decimal, round_half_up_to_penny, to_pence
from app.payroll.periods import Frequency
from app.payroll.rates import rates_for

# Relief at source: the member pays 80% of the gross contribution and the scheme claims basic-rate
# relief (20%) from HMRC (Finance Act 2004 s. 192).
RELIEF_AT_SOURCE_NET_SHARE = Decimal("0.8")


class WorkerCategory(StrEnum):
    ELIGIBLE_JOBHOLDER = "eligible_jobholder"
    NON_ELIGIBLE_JOBHOLDER = "non_eligible_jobholder"
    ENTITLED_WORKER = "entitled_worker"
    NOT_TO_ASSESS = "not_a_worker_to_assess"


class Basis(StrEnum):
    QUALIFYING_EARNINGS = "qualifying_earnings"
    ALL_PAY = "all_pay"


class TaxRelief(StrEnum):
    RELIEF_AT_SOURCE = "relief_at_source"
    NET_PAY = "net_pay"


def state_pension_age(birth_date: date) -> date:
    """The day a person reaches state pension age (Pensions Act 1995 Sch. 4 as amended in 2011 and 2014):
    66 if born before 6 April 1960; 66 and 1-11 months if born 6 April 1960 to 5 March 1961;
    67 if born 6 March 1961 to 5 April 1977 (the later rise to 68 is not yet legislated in dates)."""
    if birth_date < date(1960, 4, 6):
        return birth_date + relativedelta(years=66)
    if birth_date < date(1961, 3, 6):
        # Each month of birth from 6 April 1960 adds one month.
        months = (birth_date.year - 1960) * 12 + birth_date.month - 4 + (1 if birth_date.day >= 6 else 0)
        return birth_date + relativedelta(years=66, months=months)
    return birth_date + relativedelta(years=67)


def assess_worker(age: int, earnings_pence: int, frequency: Frequency, tax_year: str,
                  at_state_pension_age: bool | None = None) -> WorkerCategory:
    """Worker category for one pay reference period. `at_state_pension_age` overrides the age-only
    test (66) when the birth date is known."""
    thresholds = rates_for(tax_year).pension.per_period[frequency.value]
    earnings = pence_to_decimal(earnings_pence)
    reached_spa = at_state_pension_age if at_state_pension_age is not None else age >= 66
    if not 16 <= age <= 74:
        return WorkerCategory.NOT_TO_ASSESS
    if 22 <= age and not reached_spa and earnings > thresholds.trigger:
        return WorkerCategory.ELIGIBLE_JOBHOLDER
    if earnings > thresholds.qualifying_lower:
        return WorkerCategory.NON_ELIGIBLE_JOBHOLDER
    return WorkerCategory.ENTITLED_WORKER


@dataclass(frozen=True, slots=True)
class PensionInput:
    tax_year: str
    frequency: Frequency
    gross_pay_pence: int  # pensionable pay this period
    age: int
    basis: Basis = Basis.QUALIFYING_EARNINGS
    employee_rate_percent: Decimal = Decimal(5)
    employer_rate_percent: Decimal = Decimal(3)
    tax_relief: TaxRelief = TaxRelief.RELIEF_AT_SOURCE


@dataclass(frozen=True, slots=True)
class PensionResult:
    worker_category: WorkerCategory
    must_enrol: bool
    pensionable_earnings_pence: int
    employee_gross_contribution_pence: int
    employee_deduction_pence: int  # what comes off pay (80% of gross under relief at source)
    employer_contribution_pence: int
    meets_minimum: bool  # at least the statutory minimum on qualifying earnings


def pensionable_earnings(request: PensionInput) -> Decimal:
    pay = pence_to_decimal(request.gross_pay_pence)
    if request.basis is Basis.ALL_PAY:
        return pay
    band = rates_for(request.tax_year).pension.per_period[request.frequency.value]
    return max(min(pay, band.qualifying_upper) - band.qualifying_lower, Decimal(0))


def pensionable_earnings_pence(tax_year: str, frequency: Frequency, gross_pay_pence: int,
                               basis: Basis = Basis.QUALIFYING_EARNINGS) -> int:
    """The earnings a period's contributions are worked on, in pence (age plays no part in them)."""
    return to_pence(pensionable_earnings(PensionInput(tax_year, frequency, gross_pay_pence, age=0, basis=basis)))


def calculate_pension(request: PensionInput) -> PensionResult:
    """Contributions for a member of the scheme. Each is rounded to the nearest penny (half up),
    as the major master trusts (NEST, NOW: Pensions, The People's Pension) take them."""
    if request.gross_pay_pence < 0:
        raise ValueError("gross pay cannot be negative")
    for name, rate in (("employee_rate", request.employee_rate_percent), ("employer_rate", request.employer_rate_percent)):
        if rate < 0 or rate > 100:
            raise ValueError(f"{name} must be a percentage from 0 to 100")
    rates = rates_for(request.tax_year).pension
    category = assess_worker(request.age, request.gross_pay_pence, request.frequency, request.tax_year)
    earnings = pensionable_earnings(request)
    employee_gross = round_half_up_to_penny(earnings * request.employee_rate_percent / 100)
    employer = round_half_up_to_penny(earnings * request.employer_rate_percent / 100)
    deduction = employee_gross
    if request.tax_relief is TaxRelief.RELIEF_AT_SOURCE:
        deduction = round_half_up_to_penny(employee_gross * RELIEF_AT_SOURCE_NET_SHARE)
    total_rate = request.employee_rate_percent + request.employer_rate_percent
    meets = (request.employer_rate_percent >= rates.minimum_employer_percent
             and total_rate >= rates.minimum_total_percent)
    return PensionResult(
        worker_category=category,
        must_enrol=category is WorkerCategory.ELIGIBLE_JOBHOLDER,
        pensionable_earnings_pence=to_pence(earnings),
        employee_gross_contribution_pence=to_pence(employee_gross),
        employee_deduction_pence=to_pence(deduction),
        employer_contribution_pence=to_pence(employer),
        meets_minimum=meets,
    )


@dataclass(frozen=True, slots=True)
class DutyDates:
    duties_start: date
    latest_postponement_end: date  # deferral up to 3 months from the duties start date
    enrolment_date: date
    opt_out_window_ends: date  # one month after the later of enrolment and the enrolment letter
    declaration_of_compliance_due: date  # 5 months after the duties start date
    next_re_enrolment: date  # about every 3 years; chosen within a 6-month window (3 before, 3 after)


def duty_dates(duties_start: date, postpone_to: date | None = None,
               letter_sent: date | None = None) -> DutyDates:
    latest = duties_start + relativedelta(months=3)
    if postpone_to is not None and not duties_start <= postpone_to <= latest:
        raise ValueError("postponement can be at most 3 months after the duties start date")
    enrolment = postpone_to or duties_start
    letter = max(letter_sent or enrolment, enrolment)
    return DutyDates(
        duties_start=duties_start,
        latest_postponement_end=latest,
        enrolment_date=enrolment,
        opt_out_window_ends=letter + relativedelta(months=1),
        declaration_of_compliance_due=duties_start + relativedelta(months=5),
        next_re_enrolment=duties_start + relativedelta(years=3),
    )


# --- Opting out (The Occupational and Personal Pension Schemes (Automatic Enrolment) Regulations 2010, regs. 9-11;
# The Pensions Regulator's detailed guidance no. 7, "Opting out") ---------------------------------------------------

@dataclass(frozen=True, slots=True)
class OptOut:
    """What a jobholder's notice to leave the scheme means. Within the opt-out period (one month from the later
    of the enrolment date and the day the enrolment letter was given) it is an opt-out: they are treated as
    never having joined, so every contribution from that enrolment is paid back (theirs to them, the
    employer's to the employer). After it, they have ceased active membership: contributions stop, and what
    was paid in stays in their pension."""

    in_time: bool
    window_ends: date
    refund_by: date | None  # in time: one month after the notice (reg. 11); None: nothing is paid back


def opt_out(enrolled_on: date, notice_on: date, letter_given_on: date | None = None) -> OptOut:
    if notice_on < enrolled_on:
        raise ValueError("a notice to leave the scheme cannot come before the enrolment it leaves")
    window_ends = duty_dates(enrolled_on, letter_sent=letter_given_on).opt_out_window_ends
    in_time = notice_on <= window_ends
    return OptOut(in_time, window_ends, notice_on + relativedelta(months=1) if in_time else None)


@dataclass(frozen=True, slots=True)
class Contribution:
    """One payday's contributions for one PA, as kept with the final payslip."""

    pay_date: date
    employee_pence: int  # taken from their pay
    employer_pence: int
    employee_refund_pence: int = 0  # paid back to them on this payday (an opt-out)
    employer_refund_pence: int = 0  # the employer's own contributions the scheme gives back


@dataclass(frozen=True, slots=True)
class Refund:
    employee_pence: int  # paid back to the PA with their next pay (they paid it from taxed pay: no tax or NI)
    employer_pence: int  # what the scheme gives back to the employer, taken off its next bill

    @property
    def total_pence(self) -> int:
        return self.employee_pence + self.employer_pence


def refund_owed(contributions: tuple[Contribution, ...], enrolled_on: date, notice_on: date,
                letter_given_on: date | None = None) -> Refund:
    """What an opt-out in time still owes: every contribution paid on or after the enrolment date, less what
    has been paid back since. Nothing for a notice after the opt-out period."""
    if not opt_out(enrolled_on, notice_on, letter_given_on).in_time:
        return Refund(0, 0)
    since = [c for c in contributions if c.pay_date >= enrolled_on]
    return Refund(sum(c.employee_pence - c.employee_refund_pence for c in since),
                  sum(c.employer_pence - c.employer_refund_pence for c in since))


# --- Re-enrolment (Pensions Act 2008 s. 5; the 2010 Regulations, reg. 12; The Pensions Regulator, "Re-enrolment
# and re-declaration") -------------------------------------------------------------------------------------------

RE_ENROLMENT_YEARS = 3  # every three years
RE_ENROLMENT_WINDOW_MONTHS = 3  # the date is chosen from 3 months before to 3 months after the anniversary
RE_DECLARATION_MONTHS = 5  # the re-declaration of compliance is due within 5 months of the anniversary
LEFT_RECENTLY_MONTHS = 12  # someone who left in the 12 months before the date need not be re-enrolled


@dataclass(frozen=True, slots=True)
class ReEnrolmentWindow:
    anniversary: date  # the third anniversary of the duties start date or of the last re-enrolment date
    opens: date
    closes: date
    redeclare_by: date

    def contains(self, day: date) -> bool:
        return self.opens <= day <= self.closes


def re_enrolment_window(counted_from: date) -> ReEnrolmentWindow:
    """The window for the next re-enrolment, counted from the duties start date (the first PA's first day) or
    the last re-enrolment date."""
    anniversary = counted_from + relativedelta(years=RE_ENROLMENT_YEARS)
    return ReEnrolmentWindow(anniversary, anniversary - relativedelta(months=RE_ENROLMENT_WINDOW_MONTHS),
                             anniversary + relativedelta(months=RE_ENROLMENT_WINDOW_MONTHS),
                             anniversary + relativedelta(months=RE_DECLARATION_MONTHS))


class ReEnrolVerdict(StrEnum):
    RE_ENROL = "re_enrol"  # an eligible jobholder on the date who left more than 12 months before it
    LEFT_RECENTLY = "left_recently"  # left in the 12 months before the date: may be re-enrolled, need not be
    NOT_ELIGIBLE = "not_eligible"  # age or pay below the trigger on the date: they can ask to join
    CANNOT_TELL = "cannot_tell"  # no date of birth, or no pay to assess


@dataclass(frozen=True, slots=True)
class ReEnrolmentFacts:
    """A PA who is not in the scheme because they opted out or left it."""

    left_scheme_on: date | None
    birth_date: date | None
    earnings_pence: int | None  # pay in the pay reference period assessed (None: none paid yet)
    frequency: Frequency


def re_enrolment_verdict(facts: ReEnrolmentFacts, on: date, tax_year: str) -> ReEnrolVerdict:
    if facts.left_scheme_on is not None and facts.left_scheme_on > on - relativedelta(months=LEFT_RECENTLY_MONTHS):
        return ReEnrolVerdict.LEFT_RECENTLY
    if facts.birth_date is None or facts.earnings_pence is None:
        return ReEnrolVerdict.CANNOT_TELL
    category = assess_worker(age_on(facts.birth_date, on), facts.earnings_pence, facts.frequency, tax_year,
                             at_state_pension_age=on >= state_pension_age(facts.birth_date))
    return ReEnrolVerdict.RE_ENROL if category is WorkerCategory.ELIGIBLE_JOBHOLDER else ReEnrolVerdict.NOT_ELIGIBLE

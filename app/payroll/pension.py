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

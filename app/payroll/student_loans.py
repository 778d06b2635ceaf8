"""Student and postgraduate loan deductions for one payment (HMRC Collection of Student Loans Manual).

Each period stands alone. The pay is the same gross pay as for NI. Period threshold = annual / 52
(weekly) or / 12 (monthly), truncated to the penny; fortnightly and four-weekly use the weekly
threshold x 2 or x 4 (CSLM's instruction; computing annual x 2 / 52 can differ by up to a penny
and some software differs by up to £1 - we follow CSLM). Deduction = (pay - threshold) x rate,
rounded down to whole pounds; nothing at or below the threshold. One undergraduate plan at a time:
with several plans and no start notice saying otherwise, the plan with the lowest threshold. The
postgraduate loan is worked out alongside it and rounded down on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from app.core.money import pence_to_decimal, round_down_to_pound, to_pence, truncate
from app.payroll.periods import Frequency
from app.payroll.rates import LoanPlan, StudentLoanRates, rates_for


@dataclass(frozen=True, slots=True)
class StudentLoanInput:
    tax_year: str
    frequency: Frequency
    gross_pay_pence: int
    plans: tuple[str, ...] = ()
    postgraduate: bool = False


@dataclass(frozen=True, slots=True)
class StudentLoanResult:
    student_loan_pence: int
    postgraduate_loan_pence: int
    plan_used: str | None


def period_threshold(plan: LoanPlan, frequency: Frequency) -> Decimal:
    if frequency is Frequency.MONTHLY:
        return truncate(plan.annual_threshold / 12, 2)
    weekly = truncate(plan.annual_threshold / 52, 2)
    return weekly * frequency.weeks


def loan_deduction(pay: Decimal, threshold: Decimal, rate_percent: Decimal) -> Decimal:
    """(pay - threshold) x rate, rounded down to whole pounds; nothing at or below the threshold."""
    if pay <= threshold:
        return Decimal(0)
    return round_down_to_pound((pay - threshold) * rate_percent / 100)


def choose_plan(plans: tuple[str, ...], rates: StudentLoanRates, tax_year: str) -> str | None:
    cleaned = tuple(str(p).strip().lower().removeprefix("plan").strip() for p in plans)
    for plan in cleaned:
        if plan not in rates.plans:
            known = ", ".join(sorted(rates.plans))
            raise ValueError(f"\"{plan}\" is not a student loan plan in {tax_year}; use one of {known}")
    if not cleaned:
        return None
    return min(cleaned, key=lambda p: rates.plans[p].annual_threshold)


def calculate_student_loans(request: StudentLoanInput) -> StudentLoanResult:
    rates = rates_for(request.tax_year).student_loans
    if request.gross_pay_pence < 0:
        raise ValueError("gross pay cannot be negative")
    pay = pence_to_decimal(request.gross_pay_pence)
    plan = choose_plan(request.plans, rates, request.tax_year)
    undergraduate = Decimal(0)
    if plan is not None:
        chosen = rates.plans[plan]
        undergraduate = loan_deduction(pay, period_threshold(chosen, request.frequency), chosen.rate_percent)
    postgraduate = Decimal(0)
    if request.postgraduate:
        pg = rates.postgraduate
        postgraduate = loan_deduction(pay, period_threshold(pg, request.frequency), pg.rate_percent)
    return StudentLoanResult(to_pence(undergraduate), to_pence(postgraduate), plan)

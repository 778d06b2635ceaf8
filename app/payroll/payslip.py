"""One PA's payslip for one pay period: every deduction and employer cost, from the period's facts.

Later features (pay runs, P60s, council returns) take these figures as they are and never recombine
the pieces. Invariant: gross pay = tax + employee NI + employee pension + student loans + net pay.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from app.payroll.employment_allowance import apply_allowance
from app.payroll.income_tax import IncomeTaxInput, calculate_income_tax
from app.payroll.national_insurance import NiInput, calculate_ni
from app.payroll.pension import Basis, PensionInput, TaxRelief, WorkerCategory, calculate_pension
from app.payroll.periods import Frequency
from app.payroll.student_loans import StudentLoanInput, calculate_student_loans


@dataclass(frozen=True, slots=True)
class PayElement:
    kind: str  # "basic", "night", "sleep_in", "holiday", "ssp", "rolled_up_holiday"...
    description: str
    amount_pence: int
    pensionable: bool = True


@dataclass(frozen=True, slots=True)
class PensionMembership:
    basis: Basis = Basis.QUALIFYING_EARNINGS
    employee_rate_percent: Decimal = Decimal(5)
    employer_rate_percent: Decimal = Decimal(3)
    tax_relief: TaxRelief = TaxRelief.RELIEF_AT_SOURCE


@dataclass(frozen=True, slots=True)
class PayslipInput:
    tax_year: str
    frequency: Frequency
    period: int
    tax_code: str
    ni_category: str
    age: int
    elements: tuple[PayElement, ...]
    week1_month1: bool = False
    taxable_pay_before_pence: int = 0  # this employment, this tax year, before this period
    tax_paid_before_pence: int = 0
    student_loan_plans: tuple[str, ...] = ()
    postgraduate_loan: bool = False
    pension: PensionMembership | None = None  # None: not a member this period
    employment_allowance_used_before_pence: int = 0
    claims_employment_allowance: bool = True
    # National Insurance and student loans on another earnings period than the tax: a one-off paid after the P45
    # was given is worked as a weekly payment (GOV.UK "Paying an employee after giving them a P45").
    ni_frequency: Frequency | None = None


@dataclass(frozen=True, slots=True)
class PayslipResult:
    gross_pay_pence: int
    taxable_pay_pence: int
    tax_pence: int
    employee_ni_pence: int
    employer_ni_pence: int
    employee_pension_pence: int
    employer_pension_pence: int
    student_loan_pence: int
    postgraduate_loan_pence: int
    net_pay_pence: int
    employment_allowance_offset_pence: int
    employment_allowance_remaining_pence: int
    taxable_pay_to_date_pence: int
    tax_paid_to_date_pence: int
    earnings_at_lel_pence: int
    earnings_lel_to_pt_pence: int
    earnings_pt_to_uel_pence: int
    pension_worker_category: WorkerCategory
    pension_must_enrol: bool
    tax_limited_by_regulation: bool
    notes: tuple[str, ...] = field(default=())
    pensionable_earnings_pence: int = 0  # what the contributions were worked on (a member only): the scheme asks

    @property
    def employer_cost_pence(self) -> int:
        """What this payslip costs the employer: gross pay, employer NI after the allowance, employer pension."""
        return (self.gross_pay_pence + self.employer_ni_pence - self.employment_allowance_offset_pence
                + self.employer_pension_pence)

    @property
    def due_to_hmrc_pence(self) -> int:
        """What this payslip adds to the bill to HMRC."""
        return (self.tax_pence + self.employee_ni_pence + self.employer_ni_pence
                - self.employment_allowance_offset_pence + self.student_loan_pence + self.postgraduate_loan_pence)


def calculate_payslip(facts: PayslipInput) -> PayslipResult:
    for element in facts.elements:
        if element.amount_pence < 0:
            raise ValueError(f"{element.description or element.kind}: an amount of pay cannot be negative; "
                             "put a correction in as its own line in a later pay run")
    gross = sum(e.amount_pence for e in facts.elements)
    pensionable = sum(e.amount_pence for e in facts.elements if e.pensionable)
    notes: list[str] = []

    scheme = facts.pension or PensionMembership()
    pension = calculate_pension(PensionInput(
        tax_year=facts.tax_year, frequency=facts.frequency, gross_pay_pence=pensionable, age=facts.age,
        basis=scheme.basis, employee_rate_percent=scheme.employee_rate_percent,
        employer_rate_percent=scheme.employer_rate_percent, tax_relief=scheme.tax_relief,
    ))
    employee_pension = employer_pension = 0
    net_pay_relief = 0
    if facts.pension is not None:
        employee_pension = pension.employee_deduction_pence
        employer_pension = pension.employer_contribution_pence
        if facts.pension.tax_relief is TaxRelief.NET_PAY:
            net_pay_relief = employee_pension  # a net pay arrangement takes the contribution before tax
    elif pension.must_enrol:
        notes.append("this PA must be enrolled in a workplace pension (eligible jobholder)")

    taxable = gross - net_pay_relief
    tax = calculate_income_tax(IncomeTaxInput(
        tax_year=facts.tax_year, frequency=facts.frequency, period=facts.period, tax_code=facts.tax_code,
        gross_pay_pence=taxable, taxable_pay_to_date_pence=facts.taxable_pay_before_pence + taxable,
        tax_paid_to_date_pence=facts.tax_paid_before_pence, week1_month1=facts.week1_month1,
    ))
    ni_frequency = facts.ni_frequency or facts.frequency
    ni = calculate_ni(NiInput(facts.tax_year, ni_frequency, facts.ni_category, gross))
    loans = calculate_student_loans(StudentLoanInput(
        facts.tax_year, ni_frequency, gross, facts.student_loan_plans, facts.postgraduate_loan))
    allowance = apply_allowance(facts.tax_year, ni.employer_ni_pence, facts.employment_allowance_used_before_pence,
                                facts.claims_employment_allowance)
    if tax.limited_by_regulation:
        notes.append("tax was limited to half of this period's pay (the overriding limit); the rest is collected later")

    net = (gross - tax.tax_due_in_period_pence - ni.employee_ni_pence - employee_pension
           - loans.student_loan_pence - loans.postgraduate_loan_pence)
    return PayslipResult(
        gross_pay_pence=gross,
        taxable_pay_pence=taxable,
        tax_pence=tax.tax_due_in_period_pence,
        employee_ni_pence=ni.employee_ni_pence,
        employer_ni_pence=ni.employer_ni_pence,
        employee_pension_pence=employee_pension,
        employer_pension_pence=employer_pension,
        student_loan_pence=loans.student_loan_pence,
        postgraduate_loan_pence=loans.postgraduate_loan_pence,
        net_pay_pence=net,
        employment_allowance_offset_pence=allowance.offset_pence,
        employment_allowance_remaining_pence=allowance.remaining_pence,
        taxable_pay_to_date_pence=facts.taxable_pay_before_pence + taxable,
        tax_paid_to_date_pence=tax.tax_due_to_date_pence if tax.cumulative
        else facts.tax_paid_before_pence + tax.tax_due_in_period_pence,
        earnings_at_lel_pence=ni.earnings_at_lel_pence,
        earnings_lel_to_pt_pence=ni.earnings_lel_to_pt_pence,
        earnings_pt_to_uel_pence=ni.earnings_pt_to_uel_pence,
        pension_worker_category=pension.worker_category,
        pension_must_enrol=pension.must_enrol,
        tax_limited_by_regulation=tax.limited_by_regulation,
        notes=tuple(notes),
        pensionable_earnings_pence=pension.pensionable_earnings_pence if facts.pension is not None else 0,
    )

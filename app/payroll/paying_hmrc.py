"""What the employer pays HMRC for a tax month or quarter, by when, and the reference to quote.

GOV.UK "Pay employers' PAYE": the amount is tax + employee and employer Class 1 NI + student and
postgraduate loan deductions, less the Employment Allowance used and any statutory pay recovered. It
must reach HMRC by the 22nd of the month after the tax month (or quarter) ends when paid electronically,
the 19th by post, and by the last working day before when that falls on a weekend or bank holiday.
Employers whose average monthly payments are under £1,500 may pay quarterly. The reference is the
13-character Accounts Office reference; for an early or late payment add the last 2 digits of the
tax year it is for and the number of the tax month (for a quarter, its last month): "2502" is tax
month 2 of 2024-25 (GOV.UK "Reference numbers for early and late payments").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from app.core.bank_holidays import working_day_on_or_before
from app.core.dates import TaxYear
from app.payroll.rates import rates_for

# The Accounts Office reference: the tax office number, P, a letter, and eight characters, the last a digit or X
# ("123PA00012345"; GOV.UK "Pay employers' PAYE").
ACCOUNTS_OFFICE_REFERENCE = re.compile(r"^\d{3}P[A-Z]\d{7}[0-9X]$")


@dataclass(frozen=True, slots=True)
class HmrcPart:
    """One payslip's (or run's) contribution to the bill, by tax month."""

    tax_year: str
    tax_month: int
    tax_pence: int
    employee_ni_pence: int
    employer_ni_pence: int
    student_loan_pence: int
    postgraduate_loan_pence: int
    employment_allowance_pence: int
    statutory_pay_recovered_pence: int = 0


@dataclass(frozen=True, slots=True)
class HmrcBill:
    tax_year: str
    first_month: int
    last_month: int
    tax_pence: int
    employee_ni_pence: int
    employer_ni_pence: int
    student_loan_pence: int
    postgraduate_loan_pence: int
    employment_allowance_pence: int
    statutory_pay_recovered_pence: int
    due_on: date
    reference: str  # with the 4-digit suffix when the Accounts Office reference is known; "" otherwise

    @property
    def amount_pence(self) -> int:
        return (self.tax_pence + self.employee_ni_pence + self.employer_ni_pence + self.student_loan_pence
                + self.postgraduate_loan_pence - self.employment_allowance_pence - self.statutory_pay_recovered_pence)

    @property
    def quarterly(self) -> bool:
        return self.first_month != self.last_month


def month_ends(tax_year: str, tax_month: int) -> date:
    """The last day of a tax month: the 5th of the next calendar month (month 12 ends on 5 April)."""
    start = TaxYear.parse(tax_year).start_year
    month = 4 + tax_month  # tax month 1 ends 5 May
    year = start + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 5)


def month_starts(tax_year: str, tax_month: int) -> date:
    """The first day of a tax month: the 6th (month 1 starts on 6 April)."""
    return month_ends(tax_year, tax_month - 1) + timedelta(days=1) if tax_month > 1 else \
        TaxYear.parse(tax_year).first_day


def due_date(tax_year: str, last_tax_month: int, electronic: bool = True) -> date:
    """When the payment must reach HMRC: the 22nd (the 19th by post) after the tax month ends, or the last
    working day before it."""
    rules = rates_for(tax_year).paying_hmrc
    ends = month_ends(tax_year, last_tax_month)
    day = rules.electronic_due_day if electronic else rules.cheque_due_day
    return working_day_on_or_before(ends.replace(day=day))


def payment_reference(accounts_office_reference: str, tax_year: str, last_tax_month: int) -> str:
    """The 17-character reference for this period's payment (13 characters + year + month)."""
    cleaned = re.sub(r"\s+", "", accounts_office_reference.upper())
    if not ACCOUNTS_OFFICE_REFERENCE.match(cleaned):
        return ""
    ends_in = (TaxYear.parse(tax_year).start_year + 1) % 100
    return f"{cleaned}{ends_in:02d}{last_tax_month:02d}"


def quarter_of(tax_month: int) -> tuple[int, int]:
    """The tax quarter holding a tax month: months 1-3, 4-6, 7-9 or 10-12."""
    first = (tax_month - 1) // 3 * 3 + 1
    return first, first + 2


def may_pay_quarterly(tax_year: str, expected_monthly_average_pence: int) -> bool:
    """HMRC allows quarterly payment when the average monthly payment is expected to be under £1,500."""
    return expected_monthly_average_pence < rates_for(tax_year).paying_hmrc.quarterly_if_average_monthly_below_pence


def hmrc_bills(parts: Iterable[HmrcPart], accounts_office_reference: str = "", quarterly: bool = False,
               electronic: bool = True) -> list[HmrcBill]:
    """One bill per tax month (or quarter) that has anything in it, oldest first."""
    groups: dict[tuple[str, int, int], list[HmrcPart]] = {}
    for part in parts:
        first, last = quarter_of(part.tax_month) if quarterly else (part.tax_month, part.tax_month)
        groups.setdefault((part.tax_year, first, last), []).append(part)
    bills = []
    for (tax_year, first, last), members in sorted(groups.items()):
        bills.append(HmrcBill(
            tax_year, first, last,
            sum(p.tax_pence for p in members), sum(p.employee_ni_pence for p in members),
            sum(p.employer_ni_pence for p in members), sum(p.student_loan_pence for p in members),
            sum(p.postgraduate_loan_pence for p in members), sum(p.employment_allowance_pence for p in members),
            sum(p.statutory_pay_recovered_pence for p in members),
            due_date(tax_year, last, electronic), payment_reference(accounts_office_reference, tax_year, last)))
    return bills

"""What the employer owes HMRC, tax month by tax month (or quarter), worked out from the finalised pay runs,
and the sentence that tells the holder what to pay next and by when."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.dates import tax_month
from app.models import PayRun, Payslip, PersonalAssistant
from app.payroll.paying_hmrc import HmrcBill, HmrcPart, hmrc_bills
from app.services.book import EmployerBook, employer_of
from app.services.pay_run_facts import FINALISED
from app.services.words import and_list, format_pounds, long_date


@dataclass(frozen=True, slots=True)
class HmrcDue:
    bills: tuple[HmrcBill, ...]
    quarterly: bool
    accounts_office_reference: str  # "" when not yet entered


def hmrc_parts(session: Session, tax_year: str | None = None) -> list[HmrcPart]:
    """Each final payslip's part of the bill, by the tax month of its pay date."""
    query = select(Payslip, PayRun).join(PayRun).where(PayRun.status == FINALISED)
    if tax_year is not None:
        query = query.where(PayRun.tax_year == tax_year)
    return [HmrcPart(run.tax_year, tax_month(run.pay_date), slip.tax_pence, slip.employee_ni_pence,
                     slip.employer_ni_pence, slip.student_loan_pence, slip.postgraduate_loan_pence,
                     slip.employment_allowance_offset_pence) for slip, run in session.execute(query)]


def hmrc_due(book: EmployerBook, tax_year: str | None = None) -> HmrcDue:
    with book.reading() as session:
        return hmrc_due_in(session, tax_year)


def hmrc_due_in(session: Session, tax_year: str | None = None) -> HmrcDue:
    employer = employer_of(session)
    parts = hmrc_parts(session, tax_year)
    reference = employer.hmrc_accounts_office_reference
    quarterly = employer.pays_hmrc_quarterly
    return HmrcDue(tuple(hmrc_bills(parts, reference, quarterly)), quarterly, reference)


def bill_period_words(bill: HmrcBill) -> str:
    """"tax month 8", or "tax months 1 to 3" for a quarter."""
    return (f"tax months {bill.first_month} to {bill.last_month}" if bill.quarterly
            else f"tax month {bill.first_month}")


def bill_words(bill: HmrcBill) -> str:
    """"You owe HMRC £231.56 by 22 December 2026 for tax month 8 (6 November to 5 December)"."""
    what = bill_period_words(bill)
    if bill.amount_pence < 0:
        return (f"Nothing to pay HMRC for {what} of {bill.tax_year}: you refunded more tax than you owe, so "
                f"{format_pounds(-bill.amount_pence)} comes off your next payment to HMRC.")
    if bill.amount_pence == 0:
        return f"Nothing to pay HMRC for {what} of {bill.tax_year}: the Employment Allowance covers it."
    return f"You owe HMRC {format_pounds(bill.amount_pence)} by {long_date(bill.due_on)} for {what} of {bill.tax_year}."


@dataclass(frozen=True, slots=True)
class PayNext:
    """What to pay next: each PA by their pay date, HMRC and the pension scheme by their due dates."""

    sentences: tuple[str, ...]


def _names_and_amounts(items: list[tuple[str, int]]) -> str:
    return and_list([f"{name} {format_pounds(amount)}" for name, amount in items])


def pay_next(book: EmployerBook) -> PayNext:
    """"Pay Priya £612.40 and Tom £488.00 by Friday 28 November; you owe HMRC £231.56 by 22 December"."""
    today = book.today()
    sentences = []
    with book.reading() as session:
        rows = session.execute(select(PayRun.pay_date, PersonalAssistant.first_name, Payslip.paid_to_pa_pence).join(
            Payslip, Payslip.pay_run_id == PayRun.id).join(PersonalAssistant).where(
            PayRun.status == FINALISED, PayRun.pay_date >= today).order_by(PayRun.pay_date,
                                                                            PersonalAssistant.first_name)).all()
    by_date: dict[date, list[tuple[str, int]]] = {}
    for pay_date, name, amount in rows:
        by_date.setdefault(pay_date, []).append((name, amount))
    for pay_date, items in sorted(by_date.items())[:2]:
        sentences.append(f"Pay {_names_and_amounts(items)} by {pay_date:%A} {long_date(pay_date)}.")
    upcoming = [bill for bill in hmrc_due(book).bills if bill.due_on >= today]
    if upcoming:
        sentences.append(bill_words(upcoming[0]))
    from app.services.pension_due import pension_bills

    pension = [bill for bill in pension_bills(book) if bill.due_on >= today]
    if pension:
        sentences.append(pension[0].words())
    return PayNext(tuple(sentences))

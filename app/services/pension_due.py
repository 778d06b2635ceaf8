"""What to pay the pension scheme and by when: the employee's and employer's contributions from each month's
finalised payslips, due by the 22nd of the month after the one they were deducted in (Pensions Act 2008 and
The Pensions Regulator's guidance: the 22nd when paid electronically)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import PayRun, Payslip
from app.services.book import EmployerBook
from app.services.pay_run_facts import FINALISED
from app.services.words import format_pounds, long_date

PENSION_DUE_DAY = 22


@dataclass(frozen=True, slots=True)
class PensionBill:
    deducted_in: date  # the first day of the calendar month the contributions were deducted in
    employee_pence: int
    employer_pence: int
    due_on: date

    @property
    def amount_pence(self) -> int:
        return self.employee_pence + self.employer_pence

    def words(self) -> str:
        return (f"Pay the pension scheme {format_pounds(self.amount_pence)} by {long_date(self.due_on)} "
                f"({self.deducted_in:%B %Y}'s contributions).")


def _due(month_start: date) -> date:
    year, month = (month_start.year + 1, 1) if month_start.month == 12 else (month_start.year, month_start.month + 1)
    return date(year, month, PENSION_DUE_DAY)


def pension_bills(book: EmployerBook) -> list[PensionBill]:
    with book.reading() as session:
        return pension_bills_in(session)


def pension_bills_in(session: Session) -> list[PensionBill]:
    rows = session.execute(select(PayRun.pay_date, Payslip.employee_pension_pence, Payslip.employer_pension_pence)
                           .join(PayRun).where(PayRun.status == FINALISED)).all()
    months: dict[date, list[int]] = {}
    for pay_date, employee, employer in rows:
        totals = months.setdefault(pay_date.replace(day=1), [0, 0])
        totals[0] += employee
        totals[1] += employer
    return [PensionBill(month, employee, employer, _due(month)) for month, (employee, employer) in sorted(months.items())
            if employee or employer]

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
    refunded_pence: int = 0  # contributions paid back after opt-outs in the month (the PA's and the employer's)

    @property
    def amount_pence(self) -> int:
        """What to pay the scheme; below nothing when the refunds are more than the month's contributions."""
        return self.employee_pence + self.employer_pence - self.refunded_pence

    def words(self) -> str:
        month = f"{self.deducted_in:%B %Y}"
        if self.amount_pence < 0:
            return (f"The pension scheme owes you {format_pounds(-self.amount_pence)}: contributions it gives back "
                    f"after an opt-out in {month}. Ask the scheme for it if it has not come by "
                    f"{long_date(self.due_on)}.")
        refunds = (f", less {format_pounds(self.refunded_pence)} it gives back after an opt-out"
                   if self.refunded_pence else "")
        return (f"Pay the pension scheme {format_pounds(self.amount_pence)} by {long_date(self.due_on)} "
                f"({month}'s contributions{refunds}).")


def due_by(month_start: date) -> date:
    """When a month's contributions must reach the scheme: the 22nd of the month after."""
    year, month = (month_start.year + 1, 1) if month_start.month == 12 else (month_start.year, month_start.month + 1)
    return date(year, month, PENSION_DUE_DAY)


def pension_bills(book: EmployerBook) -> list[PensionBill]:
    with book.reading() as session:
        return pension_bills_in(session)


def pension_bills_in(session: Session) -> list[PensionBill]:
    rows = session.execute(select(PayRun.pay_date, Payslip.employee_pension_pence, Payslip.employer_pension_pence,
                                  Payslip.pension_refund_pence + Payslip.employer_pension_refund_pence)
                           .join(PayRun).where(PayRun.status == FINALISED)).all()
    months: dict[date, list[int]] = {}
    for pay_date, employee, employer, refunded in rows:
        totals = months.setdefault(pay_date.replace(day=1), [0, 0, 0])
        totals[0] += employee
        totals[1] += employer
        totals[2] += refunded
    return [PensionBill(month, employee, employer, due_by(month), refunded)
            for month, (employee, employer, refunded) in sorted(months.items()) if employee or employer or refunded]

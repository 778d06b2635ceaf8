"""A month's pension contributions PA by PA: what a scheme's contribution schedule asks for (each member's pay
period, pensionable earnings, the employer's contribution and what was taken from their pay), to type into the
scheme's online schedule or save as a CSV (reports/pension_schedule_csv.py), beside the month's total that is due
by the 22nd (services/pension_due).

NEST's own upload layout and PAPDIS 1.1 are not made: their published column lists were not to hand to test
against, and a file a scheme rejects is worse than none. Where nothing was taken from a member, the line says why
in the words NEST's online schedule uses ("Member has insufficient earnings", "No further contributions payable":
nestpensions.org.uk, "Making partial or zero payments")."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.core.dates import month_end
from app.models import PayRun, Payslip, PersonalAssistant
from app.payroll.pension import pensionable_earnings_pence
from app.payroll.periods import Frequency
from app.services.book import BookError, EmployerBook
from app.services.pay_run_facts import FINALISED
from app.services.pay_views import FREQUENCY_TITLES
from app.services.pension_due import due_by, pension_bills
from app.services.words import format_pounds, long_date

INSUFFICIENT = "Member has insufficient earnings"
NO_FURTHER = "No further contributions payable"


@dataclass(frozen=True, slots=True)
class ScheduleLine:
    pa_name: str
    ni_number: str
    frequency: str
    period_start: date
    period_end: date
    pay_date: date
    pensionable_earnings_pence: int
    employer_pence: int
    # Taken from pay: under relief at source what is sent is the contribution less basic-rate relief, which the
    # scheme claims from HMRC (NEST, "How should I calculate tax relief": "2.4 per cent from their pay - this is
    # what you send to us" for a 3 per cent contribution).
    member_pence: int
    refunded_pence: int  # contributions the scheme gives back after an opt-out in time (the PA's and the employer's)
    reason: str  # why nothing (or less) was paid, in the scheme's words; "" when contributions were paid

    @property
    def paid_pence(self) -> int:
        return self.employer_pence + self.member_pence - self.refunded_pence


@dataclass(frozen=True, slots=True)
class PensionSchedule:
    month: date  # the first day of the calendar month the contributions were taken in
    due_on: date
    lines: tuple[ScheduleLine, ...]

    @property
    def total_pence(self) -> int:
        """What to pay the scheme for the month: the same as the month's pension bill."""
        return sum(line.paid_pence for line in self.lines)


def _member_then(pa: PersonalAssistant, run: PayRun, slip: Payslip) -> bool:
    """A member whose pay in the run took no contributions: enrolled by the period's end, paid before any P45."""
    details = json.loads(slip.details_json or "{}")
    return (pa.pension_status == "enrolled" and pa.pension_enrolled_on is not None
            and pa.pension_enrolled_on <= run.period_end and not details.get("paid_after_leaving"))


def _earnings(run: PayRun, slip: Payslip) -> int:
    kept = json.loads(slip.details_json or "{}").get("pensionable_earnings_pence")
    if kept is not None:
        return int(kept)
    return pensionable_earnings_pence(run.tax_year, Frequency(run.frequency), slip.gross_pay_pence)  # kept before


def pension_schedule(book: EmployerBook, month: date) -> PensionSchedule:
    """Every member's contributions taken in a calendar month (by pay date), oldest pay date first."""
    first = month.replace(day=1)
    last = month_end(first)
    with book.reading() as session:
        rows = session.execute(select(Payslip, PayRun, PersonalAssistant).join(
            PayRun, Payslip.pay_run_id == PayRun.id).join(PersonalAssistant).where(
            PayRun.status == FINALISED, PayRun.pay_date >= first, PayRun.pay_date <= last).order_by(
            PayRun.pay_date, PersonalAssistant.last_name, PersonalAssistant.first_name, Payslip.id)).all()
        lines = []
        for slip, run, pa in rows:
            refunded = slip.pension_refund_pence + slip.employer_pension_refund_pence
            paid = slip.employee_pension_pence or slip.employer_pension_pence
            if not paid and not refunded and not _member_then(pa, run, slip):
                continue
            reason = ""
            if not paid and pa.left_on is not None and pa.left_on <= run.period_end:
                reason = NO_FURTHER
            elif not paid and not refunded:
                reason = INSUFFICIENT
            lines.append(ScheduleLine(
                pa.full_name, pa.ni_number, run.frequency, run.period_start, run.period_end, run.pay_date,
                _earnings(run, slip) if paid else 0, slip.employer_pension_pence, slip.employee_pension_pence,
                refunded, reason))
    return PensionSchedule(first, due_by(first), tuple(lines))


def schedule_months(book: EmployerBook) -> list[date]:
    """The months with a pension bill (contributions taken, or refunds after an opt-out), the latest first."""
    return sorted({bill.deducted_in for bill in pension_bills(book)}, reverse=True)


def month_from(text: str) -> date:
    """"2026-11" as the first day of that month, or a plain message."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return date(year, month, 1)
    except ValueError:
        raise BookError(f"\"{text}\" is not a month: give it as year and month, such as 2026-11.") from None


def schedule_lines(schedule: PensionSchedule) -> list[str]:
    """The schedule in sentences, member by member, as a screen reader reads it."""
    month = f"{schedule.month:%B %Y}"
    if not schedule.lines:
        return [f"No pension contributions were taken in {month}, and no member was paid."]
    lines = [f"Pension contributions taken in {month}: pay the scheme {format_pounds(schedule.total_pence)} by "
             f"{long_date(schedule.due_on)}.", "For each member, the scheme's contribution schedule asks for:"]
    for line in schedule.lines:
        period = (f"{FREQUENCY_TITLES.get(line.frequency, line.frequency).lower()} pay, {long_date(line.period_start)} to "
                  f"{long_date(line.period_end)} (paid {long_date(line.pay_date)})")
        lines.append(f"{line.pa_name} (NI number {line.ni_number or 'not known'}), {period}:")
        if line.reason:
            lines.append(f"  nothing paid: \"{line.reason}\".")
            continue
        lines.append(f"  pensionable earnings {format_pounds(line.pensionable_earnings_pence)}; employer's "
                     f"contribution {format_pounds(line.employer_pence)}; member's contribution "
                     f"{format_pounds(line.member_pence)} (taken from pay; the scheme claims basic-rate tax relief "
                     "on top).")
        if line.refunded_pence:
            lines.append(f"  the scheme gives back {format_pounds(line.refunded_pence)} after an opt-out in time.")
    return lines

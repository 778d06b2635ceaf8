"""Home's reminders to pay HMRC and the pension scheme by the 22nd: each bill from the day after its period ends
(its amount is final then) until it is paid. Where the account is kept in PA Books the bank statement says what
was paid, so an unpaid bill stays on Home past its due date, marked overdue; without the account PA Books cannot
know, so the reminder goes on the due date. Late PAYE can bring HMRC penalties and interest (GOV.UK "Pay
employers' PAYE"); late pension contributions are reported to The Pensions Regulator by the scheme."""

from __future__ import annotations

from datetime import date

from app.core.dates import month_end
from app.models import MoneyTransaction
from app.money.ledger import OWED_HMRC, OWED_PENSION
from app.payroll.paying_hmrc import month_ends
from app.services.book import EmployerBook
from app.services.hmrc_due import bill_period_words, hmrc_due_in
from app.services.ledger_book import the_account
from app.services.money_expected import paid_by
from app.services.pension_due import pension_bills_in
from app.services.views import TodoItem
from app.services.words import format_pounds, long_date


def _urgency(today: date, due_on: date) -> str:
    return "overdue" if today > due_on else "soon"


def _so_far(paid_pence: int, amount_pence: int) -> str:
    return f" ({format_pounds(paid_pence)} of {format_pounds(amount_pence)} is paid.)" if paid_pence > 0 else ""


def bills_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    if book.budget_id is not None:
        return []  # a second budget pays no HMRC or pension bill: those are the direct payment's
    items = []
    with book.reading() as session:
        tracked = the_account(session) is not None
        paid_hmrc = paid_by(session, OWED_HMRC, MoneyTransaction.expected_on) if tracked else {}
        paid_pension = paid_by(session, OWED_PENSION, MoneyTransaction.expected_on) if tracked else {}
        hmrc = hmrc_due_in(session)
        pension = pension_bills_in(session)
    for bill in hmrc.bills:
        paid = paid_hmrc.get(bill.due_on, 0)
        left = bill.amount_pence - paid
        ended = month_ends(bill.tax_year, bill.last_month)
        if left <= 0 or today <= ended or (today > bill.due_on and not tracked):
            continue
        what = bill_period_words(bill)
        reference = (f" Pay by bank transfer with the reference {bill.reference}, so HMRC knows what it is for."
                     if bill.reference else " Add the Accounts Office reference on the employer's details to see "
                     "the payment reference.")
        items.append(TodoItem(
            f"Pay HMRC {format_pounds(left)} by {long_date(bill.due_on)}",
            f"The tax, National Insurance and student loans from the pay runs in {what} of {bill.tax_year}, to "
            f"{long_date(ended)}.{_so_far(paid, bill.amount_pence)}{reference}", bill.due_on,
            _urgency(today, bill.due_on), "pay"))
    for owed in pension:
        paid = paid_pension.get(owed.due_on, 0)
        left = owed.amount_pence - paid
        if left <= 0 or today <= month_end(owed.deducted_in) or (today > owed.due_on and not tracked):
            continue
        items.append(TodoItem(
            f"Pay the pension scheme {format_pounds(left)} by {long_date(owed.due_on)}",
            f"{owed.deducted_in:%B %Y}'s contributions, the PAs' and yours.{_so_far(paid, owed.amount_pence)} The "
            "scheme's contribution schedule asks for each PA's figures: Pension schedule for a month, on the Pay "
            "screen.", owed.due_on, _urgency(today, owed.due_on), "pay"))
    return items

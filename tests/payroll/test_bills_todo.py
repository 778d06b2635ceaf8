"""Home asks for HMRC's and the pension scheme's bills by the 22nd (GOV.UK "Pay employers' PAYE": by the 22nd of
the next tax month electronically; The Pensions Regulator: contributions by the 22nd of the month after they were
taken): from the day after the bill's period ends until it is paid, and, where the account is kept here, past
the due date until the statement shows it paid."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from app.core.money import format_pounds, pence_to_string
from app.services.hmrc_due import hmrc_due
from app.services.pension_due import pension_bills
from app.services.record_money import Payment, PayWhatIsOwed
from app.services.set_up_account import AccountInput, SetUpAccount
from tests import ops
from tests.payroll.test_pay_runs_in_a_file import AO, PRIYA, Household, household, pay_month

__all__ = ["household"]


def asked(h: Household, day: date) -> dict[str, tuple[str, str]]:
    """Home's bill reminders on a day: title -> (urgency, detail)."""
    return {t.title: (t.urgency, t.detail) for t in ops.home_summary_on(h.book, day).todo
            if t.title.startswith(("Pay HMRC", "Pay the pension scheme"))}


def test_home_asks_for_each_bill_from_the_end_of_its_period_until_it_is_paid(household: Household) -> None:
    h = household
    ops.update_pa(h.book, h.priya, replace(PRIYA, pension_status="enrolled"), date(2026, 11, 1))
    # Paid on 30 November, in tax month 8 (6 November to 5 December); Priya's bonus puts it past Tom's refund.
    pay_month(h, date(2026, 11, 1), ((h.priya, "bonus", "3000.00", "a year's thanks"),))
    bill = next(b for b in hmrc_due(h.book).bills if b.first_month == 8)
    assert bill.amount_pence > 0
    pension = next(b for b in pension_bills(h.book) if b.deducted_in == date(2026, 11, 1))
    hmrc_title = f"Pay HMRC {format_pounds(bill.amount_pence)} by 22 December 2026"
    pension_title = f"Pay the pension scheme {format_pounds(pension.amount_pence)} by 22 December 2026"
    assert asked(h, date(2026, 11, 30)) == {}  # neither period has ended: more pay may still come into them
    assert list(asked(h, date(2026, 12, 1))) == [pension_title]  # November has ended
    on_the_6th = asked(h, date(2026, 12, 6))
    assert set(on_the_6th) == {hmrc_title, pension_title}
    urgency, detail = on_the_6th[hmrc_title]
    assert urgency == "soon" and f"with the reference {AO}2708" in detail and "tax month 8 of 2026-27" in detail
    assert "Pension schedule for a month" in on_the_6th[pension_title][1]
    # Without the account kept here PA Books cannot know it was paid, so it stops asking on the due date.
    assert asked(h, date(2026, 12, 22)) and asked(h, date(2026, 12, 23)) == {}

    # With the account: past the due date it stays, overdue, until the payment is recorded; a part payment
    # leaves the rest.
    h.book.run(SetUpAccount(), AccountInput("Direct payment account", opened_on=date(2026, 11, 1))).unwrap()
    assert asked(h, date(2026, 12, 23))[hmrc_title][0] == "overdue"
    part = bill.amount_pence // 2
    h.book.run(PayWhatIsOwed(), Payment(date(2026, 12, 23), pence_to_string(part), "owed:hmrc",
                                        due_on=bill.due_on, payee="HMRC")).unwrap()
    rest = asked(h, date(2026, 12, 24))
    left = bill.amount_pence - part
    title = f"Pay HMRC {format_pounds(left)} by 22 December 2026"
    assert rest[title][0] == "overdue"
    assert f"{format_pounds(part)} of {format_pounds(bill.amount_pence)} is paid" in rest[title][1]
    h.book.run(PayWhatIsOwed(), Payment(date(2026, 12, 24), pence_to_string(left), "owed:hmrc",
                                        due_on=bill.due_on, payee="HMRC")).unwrap()
    amount = pension.amount_pence
    h.book.run(PayWhatIsOwed(), Payment(date(2026, 12, 24), pence_to_string(amount), "owed:pension",
                                        due_on=pension.due_on, payee="NEST")).unwrap()
    assert asked(h, date(2026, 12, 24)) == {}

"""The Money screen, pressed as a person presses it: set up the account, record money in and spending with a
receipt, set money aside, pay a PA what a final run says, import a statement, sort its lines (matched, recorded
as spending, recorded as money in), reconcile it, try a forecast, filter the register and void a mistake."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.clock import FixedClock
from app.services import audit, money_views
from app.ui.main_window import MainWindow
from tests import ops
from tests.test_gui_controls import cancelling, go_to, open_as, open_file, press, type_into
from tests.test_gui_controls import window as window  # the fixture
from tests.test_gui_pay import choose, household_with_november_approved

pytestmark = pytest.mark.gui


def test_the_money_screen_from_setting_up_to_a_reconciled_statement(window: MainWindow, qtbot: Any, dialogs: Any,
                                                                     tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    path = household_with_november_approved(tmp_path)
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(date(2026, 11, 27))
    ops.set_agreement(book, "Northshire Council", date(2026, 11, 2), "1940.00", "four_weekly")
    run = ops.start_pay_run(book, "monthly", date(2026, 11, 1), date(2026, 11, 30), today=date(2026, 11, 27))
    ops.finalise(book, run, date(2026, 11, 27))
    priya_pay = ops.pay_run(book, run).paid_to_pas_pence
    book.clock = FixedClock.on(date(2026, 12, 2))
    screen = go_to(qtbot, window, "Money")
    assert "not set up yet" in screen.standing.text()
    assert not screen.in_button.isEnabled()

    def set_up(dialog: Any) -> None:
        type_into(qtbot, dialog.opened_on.text, "01/11/2026")
        type_into(qtbot, dialog.opening, "1500.009")  # a fraction of a penny is refused, never cut
        press(qtbot, dialog, "Save")
        assert "1500.009" in dialog.problem.text() and dialog.isVisible()
        type_into(qtbot, dialog.opening, "1500.00")
        press(qtbot, dialog, "Save")

    dialogs.answer(set_up)
    press(qtbot, screen, "Set up the account")
    assert "£1,500.00 in the account" in screen.standing.text()
    assert "£1,233" not in screen.standing.text()

    def refund(dialog: Any) -> None:
        type_into(qtbot, dialog.on.text, "22/11/2026")
        type_into(qtbot, dialog.amount, "20.00")
        choose(qtbot, dialog.stream, "Refunds")
        type_into(qtbot, dialog.payer, "Office Shop")
        press(qtbot, dialog, "Record it")

    dialogs.answer(refund)
    press(qtbot, screen, "Record money in")
    assert screen.model.rows[-1].in_pence == 2000 and "Refunds" in screen.model.rows[-1].what

    receipt = tmp_path / "receipt.pdf"
    receipt.write_bytes(b"%PDF-1.4 a receipt")
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(receipt)], ""))

    def spend(dialog: Any) -> None:
        type_into(qtbot, dialog.on.text, "24/11/2026")
        type_into(qtbot, dialog.amount, "89.99")
        press(qtbot, dialog, "Record it")  # nobody paid yet
        assert "Say who was paid" in dialog.problem.text()
        type_into(qtbot, dialog.payee, "Mobility Shop")
        press(qtbot, dialog, "Keep a receipt or invoice")
        assert "receipt.pdf" in dialog.receipt_words.text()
        press(qtbot, dialog, "Record it")

    dialogs.answer(spend)
    press(qtbot, screen, "Record spending")
    assert screen.model.rows[-1].receipts == 1

    def set_aside(dialog: Any) -> None:
        type_into(qtbot, dialog.on.text, "25/11/2026")
        type_into(qtbot, dialog.amount, "300.00")
        type_into(qtbot, dialog.reason, "Crisis fund agreed at the review")
        type_into(qtbot, dialog.agreed_by, "Northshire Council")
        press(qtbot, dialog, "Move it")

    dialogs.answer(set_aside)
    press(qtbot, screen, "Move money in or out of a fund")
    assert "£300.00 crisis fund" in screen.standing.text()

    def pay_priya(dialog: Any) -> None:
        choose(qtbot, dialog.which, "Priya Shah's pay")
        type_into(qtbot, dialog.on.text, "30/11/2026")
        press(qtbot, dialog, "Record it")

    dialogs.answer(pay_priya)
    press(qtbot, screen, "Record paying what is owed")
    assert "£0.00 already owed" in screen.standing.text()

    closing = 150000 + 194000 - 2500 + 2000 + 50 - priya_pay
    statement = tmp_path / "november.csv"
    statement.write_text(
        "Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n"
        f"20/11/2026,NORTHSHIRE CC,DP,BACS,1940.00,3440.00,\n"
        f"21/11/2026,OFFICE SHOP,PAPER,CARD,-25.00,3415.00,\n"
        f"22/11/2026,OFFICE SHOP,REFUND,CARD,20.00,3435.00,\n"
        f"23/11/2026,BANK,INTEREST,CREDIT,0.50,3435.50,\n"
        f"30/11/2026,P SHAH,WAGES,FASTER PAYMENT,-{priya_pay / 100:.2f},{closing / 100:.2f},\n", "utf-8")
    open_as(monkeypatch, statement)
    press(qtbot, screen, "Import a bank statement")
    assert "5 lines added" in screen.status.text() and "2 matched" in screen.status.text()  # the refund, Priya

    bad = tmp_path / "bad.csv"
    bad.write_text("Date,Description,Amount,Balance\n01/11/2026,Shop,-1.00,1\n31/11/2026,Shop,lots,0\n", "utf-8")
    told: list[str] = []
    monkeypatch.setattr(window, "show_problem", lambda title, message: told.append(message))
    open_as(monkeypatch, bad)
    press(qtbot, screen, "Import a bank statement")
    assert told and "line 3" in told[0] and "31/11/2026" in told[0] and "lots" in told[0]

    def paper(dialog: Any) -> None:
        choose(qtbot, dialog.category, "Equipment")
        type_into(qtbot, dialog.payee, "Office Shop")
        assert dialog.amount.text() == "25.00" and dialog.amount.isReadOnly()
        press(qtbot, dialog, "Record it")

    def interest(dialog: Any) -> None:
        choose(qtbot, dialog.stream, "Bank interest")
        press(qtbot, dialog, "Record it")

    def sort_and_reconcile(dialog: Any) -> None:
        press(qtbot, dialog, "Reconcile this statement")  # lines still to sort
        assert "not sorted yet" in dialog.problem.text()
        assert dialog.line_list.currentRow() == 0  # the council's payment, 18 days after it was due
        assert "The council's payment due 2 November 2026" in dialog.could_be.currentText()
        press(qtbot, dialog, "Match it")
        assert "Sorted" in dialog.said.text()
        dialogs.queue.insert(0, paper)
        press(qtbot, dialog, "Record it as spending")  # the shop line
        dialogs.queue.insert(0, interest)
        assert "INTEREST" in dialog.line_list.currentItem().text()  # the next line to sort is chosen
        dialog.line_list.setFocus()
        qtbot.keyClick(dialog.line_list, Qt.Key.Key_Up)  # the refund: matched on import, so nothing to do
        assert not dialog.money_in_button.isEnabled()
        qtbot.keyClick(dialog.line_list, Qt.Key.Key_Down)
        press(qtbot, dialog, "Record it as money in")
        press(qtbot, dialog, "Reconcile this statement")
        assert "Reconciled: 5 lines" in dialog.said.text()
        press(qtbot, dialog, "Close")

    dialogs.answer(sort_and_reconcile)
    press(qtbot, screen, "Sort and reconcile statements")
    statements, lines = money_views.statements(book)
    assert statements[0].reconciled and all(line.sorted_as for line in lines)
    assert screen.model.rows[-1].state == "Reconciled"

    def what_if(dialog: Any) -> None:
        before = dialog.forecast_text.toPlainText()
        type_into(qtbot, dialog.extra_hours, "5")
        press(qtbot, dialog, "Work it out")
        after = dialog.forecast_text.toPlainText()
        assert before != after and "What if: " in after and "a week more spending" in after
        press(qtbot, dialog, "Close")

    dialogs.answer(what_if)
    press(qtbot, screen, "How far will the budget go?")

    type_into(qtbot, screen.search, "mobility")
    assert [r.description for r in screen.model.rows] == ["Mobility Shop"]

    def void(dialog: Any) -> None:
        dialog.reason.setFocus()
        qtbot.keyClicks(dialog.reason, "Recorded on the wrong file")
        press(qtbot, dialog, "Void it")

    dialogs.answer(void)
    press(qtbot, screen, "Void the chosen transaction")
    assert screen.model.rows[-1].state == "Voided"
    press(qtbot, screen, "Show voided transactions")
    assert screen.model.rows == []
    press(qtbot, screen, "Show voided transactions")
    type_into(qtbot, screen.search, "")

    village = tmp_path / "village.csv"
    village.write_text("When,What,How much\n01/12/2026,Council top-up,10.00\n", "utf-8")
    open_as(monkeypatch, village)

    def cancel(dialog: Any) -> None:
        press(qtbot, dialog, "Cancel")

    def columns(dialog: Any) -> None:
        type_into(qtbot, dialog.bank, "Village Bank")
        choose(qtbot, dialog.date_format, "Year-month-day")
        press(qtbot, dialog, "Keep these columns")  # the dates are day first: the choice cannot read them
        assert "cannot be read" in dialog.problem.text()
        choose(qtbot, dialog.date_format, "Day/month/year")
        choose(qtbot, dialog.amount, "How much")
        press(qtbot, dialog, "Keep these columns")

    dialogs.answer(cancel, columns)
    press(qtbot, screen, "Import a bank statement")  # a layout PA Books does not know: cancelled, nothing kept
    assert len(money_views.statements(book)[1]) == 5
    press(qtbot, screen, "Import a bank statement")
    assert "1 line added from the Village Bank statement" in screen.status.text()

    def terms(dialog: Any) -> None:
        assert dialog.council.text() == "Northshire Council" and dialog.payment.text() == "1940.00"
        type_into(qtbot, dialog.contingency, "six")
        press(qtbot, dialog, "Save the agreement")
        assert "number of weeks" in dialog.problem.text()
        type_into(qtbot, dialog.contingency, "6")
        type_into(qtbot, dialog.advance, "4")
        type_into(qtbot, dialog.threshold, "50.00")
        choose(qtbot, dialog.return_template, "Quarterly Financial Return Form")
        press(qtbot, dialog, "Save the agreement")

    dialogs.answer(terms)
    press(qtbot, screen, "The council agreement's money")
    assert "£4,850.00: 6 weeks of contingency and 4 weeks paid in advance at £485.00 a week" in screen.standing.text()
    from app.services.council_agreement import agreement_terms

    assert agreement_terms(book).return_template == "quarterly-return-form"  # type: ignore[union-attr]

    def details(dialog: Any) -> None:
        type_into(qtbot, dialog.provider, "Example Bank")
        press(qtbot, dialog, "Save")

    dialogs.answer(details)
    press(qtbot, screen, "Change the account's details")
    assert "details are saved" in screen.status.text()


@pytest.mark.parametrize("opens", ["Set up the account", "Record money in", "Record spending",
                                   "Record paying what is owed", "Move money in or out of a fund",
                                   "How far will the budget go?", "The council agreement's money"])
def test_cancel_in_every_money_dialog_changes_nothing(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, opens: str) -> None:
    path = household_with_november_approved(tmp_path)
    from app.services.book import EmployerBook
    from app.services.set_up_account import AccountInput, SetUpAccount

    made = EmployerBook.open(path)
    made.clock = FixedClock.on(date(2026, 11, 27))
    ops.set_agreement(made, "Northshire Council", date(2026, 11, 2), "1940.00", "four_weekly")
    run = ops.start_pay_run(made, "monthly", date(2026, 11, 1), date(2026, 11, 30), today=date(2026, 11, 27))
    ops.finalise(made, run, date(2026, 11, 27))
    if opens != "Set up the account":
        made.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 11, 1), opening_balance="10.00")).unwrap()
    made.close()
    book = open_file(qtbot, window, monkeypatch, path)
    screen = go_to(qtbot, window, "Money")
    before = [len(audit.history(book)), money_views.register(book)]
    dialogs.answer(cancelling(qtbot, dialogs))
    press(qtbot, screen, opens)
    assert [len(audit.history(book)), money_views.register(book)] == before


def test_a_long_import_shows_how_far_it_has_gone_and_stops_with_nothing_kept(
        window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QProgressDialog

    from app.services.set_up_account import AccountInput, SetUpAccount
    from app.ui.widgets import WorkProgress

    path = household_with_november_approved(tmp_path)
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(date(2026, 12, 2))
    book.run(SetUpAccount(), AccountInput("DP", opened_on=date(2020, 1, 1), opening_balance="100000.00")).unwrap()
    screen = go_to(qtbot, window, "Money")
    lines = [f"{date(2020, 1, 2).fromordinal(date(2020, 1, 2).toordinal() + n // 3):%d/%m/%Y},SHOP {n},,CARD,-1.{n % 100:02d},,"
             for n in range(3000)]
    big = tmp_path / "years.csv"
    big.write_text("Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category\n"
                   + "\n".join(lines) + "\n", "utf-8")
    monkeypatch.setattr(WorkProgress, "SHOW_AFTER_MS", 0)  # shown at once, so the test can press Stop
    pressed: list[int] = []

    def stop() -> None:
        shown = [w for w in window.findChildren(QProgressDialog) if w.isVisible()]
        if not shown:
            QTimer.singleShot(5, stop)
            return
        pressed.append(shown[0].value())
        press(qtbot, shown[0], "Stop")

    QTimer.singleShot(0, stop)
    open_as(monkeypatch, big)
    press(qtbot, screen, "Import a bank statement")
    assert pressed, "the progress window was shown"
    assert "Stopped: nothing was imported" in screen.status.text()
    assert money_views.statements(book) == ([], [])  # nothing half-written


def test_spending_pooled_with_other_holders_from_the_dialog(window: MainWindow, qtbot: Any, dialogs: Any,
                                                            tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services.council_agreement import PlanInput, SetSupportPlan
    from app.services.set_up_account import AccountInput, SetUpAccount

    path = household_with_november_approved(tmp_path)
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(date(2026, 12, 2))
    ops.set_agreement(book, "Northshire Council", date(2026, 11, 2), "1940.00", "four_weekly")
    book.run(SetSupportPlan(), PlanInput(date(2026, 11, 2), {}, outcomes=("Get out and about",))).unwrap()
    book.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 11, 1), opening_balance="500.00")).unwrap()
    screen = go_to(qtbot, window, "Money")
    assert "PA Books suggests keeping" in screen.keep_words.text()  # what to keep aside, beside the contingency

    def pooled(dialog: Any) -> None:
        type_into(qtbot, dialog.on.text, "26/11/2026")
        type_into(qtbot, dialog.amount, "30.00")
        choose(qtbot, dialog.category, "Agency care")
        type_into(qtbot, dialog.payee, "Group Support CIC")
        dialog.outcome.setFocus()
        qtbot.keyClicks(dialog.outcome, "out and")
        assert dialog.outcome.completer().currentCompletion() == "Get out and about"  # offered from the plan
        type_into(qtbot, dialog.outcome, "Get out and about")
        type_into(qtbot, dialog.pooled_total, "20.00")
        press(qtbot, dialog, "Record it")
        assert "less than your share" in dialog.problem.text()
        type_into(qtbot, dialog.pooled_total, "90.00")
        type_into(qtbot, dialog.pooled_with, "Sam and Kit: a shared PA for the Thursday group")
        press(qtbot, dialog, "Record it")

    dialogs.answer(pooled)
    press(qtbot, screen, "Record spending")
    rows = money_views.register(book, first=date(2026, 11, 1))
    assert [r.note for r in rows if r.out_pence == 3000] == [
        "Your share of £90.00 pooled with Sam and Kit: a shared PA for the Thursday group"]


def test_a_second_budget_from_the_money_screen(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services.set_up_account import AccountInput, SetUpAccount

    path = household_with_november_approved(tmp_path)
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(date(2026, 12, 2))
    ops.set_agreement(book, "Northshire Council", date(2026, 11, 2), "1940.00", "four_weekly")
    book.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 11, 1), opening_balance="500.00")).unwrap()
    screen = go_to(qtbot, window, "Money")
    assert not screen.budget_choice.isVisible()  # one budget: nothing to choose

    def add(dialog: Any) -> None:
        press(qtbot, dialog, "Add the budget")  # who pays it and how much are missing
        assert dialog.problem.isVisible()
        type_into(qtbot, dialog.funder, "Northshire Integrated Care Board")
        type_into(qtbot, dialog.payment, "500.00")
        type_into(qtbot, dialog.starts.text, "01/11/2026")
        type_into(qtbot, dialog.opened_on.text, "31/10/2026")
        type_into(qtbot, dialog.opening, "120.00")
        press(qtbot, dialog, "Add the budget")

    dialogs.answer(cancelling(qtbot, dialogs), add)
    press(qtbot, screen, "Add a second budget (health, carer's)")  # cancelled: nothing added
    assert not screen.budget_choice.isVisible()
    press(qtbot, screen, "Add a second budget (health, carer's)")
    assert screen.budget_choice.isVisible() and screen.budget_choice.box.currentText().startswith("Health budget")
    assert "£120.00 in the account" in screen.standing.text()  # the health budget's own account

    def money_in(dialog: Any) -> None:
        assert dialog.stream.currentText() == "Payments from Northshire Integrated Care Board"  # not the council's
        type_into(qtbot, dialog.on.text, "01/11/2026")
        type_into(qtbot, dialog.amount, "500.00")
        type_into(qtbot, dialog.payer, "Northshire ICB")
        press(qtbot, dialog, "Record it")

    dialogs.answer(money_in, cancelling(qtbot, dialogs))
    press(qtbot, screen, "Record money in")
    assert "£620.00 in the account" in screen.standing.text()
    press(qtbot, screen, "This budget's terms")  # its own terms, in the same dialog: cancelled here
    screen.budget_choice.box.setFocus()
    qtbot.keyClick(screen.budget_choice.box, Qt.Key.Key_Up)  # back to the direct payment
    assert screen.budget_choice.box.currentData() is None
    assert "£500.00 in the account" in screen.standing.text() and "Showing Direct payment" in screen.status.text()
    returns = go_to(qtbot, window, "Council returns")
    assert returns.budget_choice.isVisible()
    returns.budget_choice.box.setFocus()
    qtbot.keyClick(returns.budget_choice.box, Qt.Key.Key_Down)
    assert "Northshire Integrated Care Board returns use the Personal health budget statement" in returns.about.text()

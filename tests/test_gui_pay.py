"""The Pay screen, pressed as a person presses it: start a run, add an expense, finalise, save the payslips and
who to pay, correct a final run, and delete a draft, each dialog answered through its own controls."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel

from app.clock import FixedClock
from app.services.book import EmployerBook, NewEmployer
from app.services.give_p45 import leavers
from app.ui.main_window import MainWindow
from tests import ops
from tests.ops import ShiftInput
from tests.test_gui_controls import go_to, menu_choose, named, open_file, press, save_as, type_into
from tests.test_gui_controls import window as window  # the fixture

pytestmark = pytest.mark.gui
LEFT = Qt.MouseButton.LeftButton


def household_with_november_approved(tmp_path: Path) -> Path:
    path = tmp_path / "household.pabooks"
    book = EmployerBook.create(path, NewEmployer("Alex Morgan"))
    with ops.on(book, date(2026, 11, 1)):
        pa_id = ops.add_pa(book, ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 4, 6),
                                            date_of_birth=date(1994, 7, 2), contracted_hours_per_week="25",
                                            tax_code="1257L", ni_number="AB123456C", bank_account_name="P SHAH",
                                            bank_sort_code="123456", bank_account_number="12345678"),
                           rates=(ops.RateInput("day", "14.00"),))
    for day in (2, 3, 4, 5, 6, 9, 10):
        ops.add_shift(book, ShiftInput(pa_id, date(2026, 11, day), "09:00", "17:00"))
    ops.approve_timesheet(book, pa_id, date(2026, 11, 1), date(2026, 11, 30), date(2026, 11, 30), date(2026, 11, 30))
    book.close()
    return path


def choose(qtbot: Any, box: QComboBox, words: str) -> None:
    """Pick a choice with the keyboard, as a person would: focus, then arrow down to it."""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Home)
    while words not in box.currentText():
        before = box.currentIndex()
        qtbot.keyClick(box, Qt.Key.Key_Down)
        assert box.currentIndex() != before, f"no choice {words!r}"


def add_line(qtbot: Any, dialog: Any, kind: str, amount: str, description: str) -> None:
    """Fill in Add a payment or deduction by keyboard and press Add it."""
    choose(qtbot, dialog.kind, kind)
    type_into(qtbot, dialog.amount, amount)
    type_into(qtbot, dialog.description, description)
    press(qtbot, dialog, "Add it")


def test_the_pay_screen_from_draft_to_final_to_correction(window: MainWindow, qtbot: Any, dialogs: Any,
                                                          tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = open_file(qtbot, window, monkeypatch, household_with_november_approved(tmp_path))
    book.clock = FixedClock.on(date(2026, 11, 27))
    screen = go_to(qtbot, window, "Pay")
    assert "Nothing to pay just now" in screen.next_up.text()

    def new_run(dialog: Any) -> None:
        choose(qtbot, dialog.frequency, "Monthly")
        type_into(qtbot, dialog.period_day.text, "2/11/2026")
        type_into(qtbot, dialog.pay_date.text, "30/10/2026")
        press(qtbot, dialog, "Start the pay run")  # paid before the period starts: said, the dialog stays
        assert "before the pay period starts" in dialog.problem.text() and dialog.isVisible()
        type_into(qtbot, dialog.pay_date.text, "30/11/2026")
        press(qtbot, dialog, "Start the pay run")

    dialogs.answer(new_run)
    press(qtbot, screen, "New pay run")
    assert "started as a draft" in screen.status.text()
    assert "Pay Priya Shah £" in screen.summary.toPlainText()
    assert "Day hours: 56.00 hours at £14.00 an hour, £784.00" in screen.payslip.toPlainText()

    def cancel(dialog: Any) -> None:
        press(qtbot, dialog, "Cancel")

    def expense(dialog: Any) -> None:
        assert not any("0T" in label.text() for label in dialog.findChildren(QLabel))  # no leaver: not said
        press(qtbot, dialog, "Add it")  # no amount yet
        assert "amount" in dialog.problem.text().lower() and dialog.isVisible()
        add_line(qtbot, dialog, "Expenses", "12.40", "Bus fares")

    dialogs.answer(cancel, expense)
    press(qtbot, screen, "Add a payment or deduction")
    press(qtbot, screen, "Add a payment or deduction")
    assert "Expenses paid back (Bus fares): £12.40" in screen.payslip.toPlainText()

    def finalise(dialog: Any) -> None:
        assert "Pay Priya Shah £" in named(dialog, "Finalise").window().findChild(
            type(screen.summary)).toPlainText()
        press(qtbot, dialog, "Finalise")

    dialogs.answer(cancel, finalise)
    press(qtbot, screen, "Finalise")
    started = ops.pay_runs(book)[0].pay_run_id  # the run the screen started and shows
    assert not ops.pay_run(book, started).finalised  # cancelled: still a draft
    press(qtbot, screen, "Finalise")
    view = ops.pay_run(book, started)
    assert view.finalised and "A backup was taken first" in screen.status.text()
    assert "Pay Priya £" in screen.next_up.text() and "by Monday 30 November 2026" in screen.next_up.text()

    save_as(monkeypatch, tmp_path / "slips.pdf")
    press(qtbot, screen, "Save payslips as PDF")
    save_as(monkeypatch, tmp_path / "large.pdf")
    press(qtbot, screen, "Save large-print payslips")
    save_as(monkeypatch, tmp_path / "who.csv")
    press(qtbot, screen, "Save who to pay (CSV)")
    assert (tmp_path / "slips.pdf").read_bytes().startswith(b"%PDF")
    assert (tmp_path / "large.pdf").read_bytes().startswith(b"%PDF")
    who = (tmp_path / "who.csv").read_text("utf-8").splitlines()
    assert who[1].startswith("Priya Shah,P SHAH,12-34-56,12345678,") and who[1].endswith(",2026-11-30")

    def correction(dialog: Any) -> None:
        press(qtbot, dialog, "Start the correction")  # no reason
        assert "Say why the run needs correcting" in dialog.problem.text()
        dialog.reason.setFocus()
        qtbot.keyClicks(dialog.reason, "4 hours on 11 November were left off")
        press(qtbot, dialog, "Start the correction")

    def calendar_then_cancel(dialog: Any) -> None:
        dialogs.queue.insert(0, lambda calendar: press(qtbot, calendar, "Cancel"))  # answered before the next
        press(qtbot, dialog, "Calendar")
        press(qtbot, dialog, "Cancel")

    dialogs.answer(calendar_then_cancel, correction)
    press(qtbot, screen, "Correct this run")
    press(qtbot, screen, "Correct this run")
    assert "correction run is started" in screen.status.text()
    correction_id = ops.pay_runs(book)[0].pay_run_id  # the newest: the correction the dialog started
    assert ops.pay_run(book, correction_id).kind == "correction" and ops.pay_run(book, correction_id).corrects

    dialogs.answer(lambda box: press(qtbot, box, "Keep it"))
    press(qtbot, screen, "Delete this draft")
    assert correction_id in [v.pay_run_id for v in ops.pay_runs(book)]
    dialogs.answer(lambda box: press(qtbot, box, "Delete the draft"))
    press(qtbot, screen, "Delete this draft")
    assert [v.pay_run_id for v in ops.pay_runs(book)] == [view.pay_run_id]
    assert ops.pay_run(book, view.pay_run_id) == view  # the final run is as it was


def november_paid(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch,
                  tmp_path: Path) -> tuple[EmployerBook, int]:
    """The household file open in the window, on 30 November 2026, with Priya's November paid in a final run."""
    book = open_file(qtbot, window, monkeypatch, household_with_november_approved(tmp_path))
    book.clock = FixedClock.on(date(2026, 11, 30))
    priya = ops.find_pa(book, "Priya Shah") or 0
    ops.finalise(book, ops.start_pay_run(book, "monthly", date(2026, 11, 1), date(2026, 11, 30)))
    return book, priya


def test_year_end_papers_and_a_leavers_p45(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    book, priya = november_paid(qtbot, window, monkeypatch, tmp_path)
    screen = go_to(qtbot, window, "Pay")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(tmp_path))

    def cancel(dialog: Any) -> None:
        press(qtbot, dialog, "Cancel")

    dialogs.answer(cancel, lambda dialog: press(qtbot, dialog, "Choose a folder and save"))
    press(qtbot, screen, "Year-end papers (P60s)")
    press(qtbot, screen, "Year-end papers (P60s)")
    assert (tmp_path / "Pay record 2026-27.csv").exists() and not (tmp_path / "P60s 2026-27.pdf").exists()
    assert "P60s are made once the tax year ends on 5 April 2027" in screen.status.text()

    ops.change_pa(book, priya, date(2026, 11, 30), left_on=date(2026, 11, 30))

    def give(dialog: Any) -> None:
        assert "Priya Shah left on 30 November 2026." in dialog.figures.toPlainText()
        assert "Not given yet." in dialog.figures.toPlainText()
        press(qtbot, dialog, "Give the P45 and save it")

    save_as(monkeypatch, tmp_path / "p45.pdf")
    dialogs.answer(cancel, give)
    press(qtbot, screen, "P45 for a leaver")
    press(qtbot, screen, "P45 for a leaver")
    assert (tmp_path / "p45.pdf").read_bytes().startswith(b"%PDF") and "Saved the P45" in screen.status.text()
    assert [given for _, _, given in leavers(book)] == [date(2026, 11, 30)]

    # Holiday pay worked out after the P45: added to December's run, it is a payment after leaving.
    book.clock = FixedClock.on(date(2026, 12, 31))

    def december(dialog: Any) -> None:
        choose(qtbot, dialog.frequency, "Monthly")
        type_into(qtbot, dialog.period_day.text, "1/12/2026")
        type_into(qtbot, dialog.pay_date.text, "31/12/2026")
        press(qtbot, dialog, "Start the pay run")

    def holiday_pay(dialog: Any) -> None:
        assert "payment after leaving" in dialog.pa.currentText()
        assert any("tax code 0T" in label.text() for label in dialog.findChildren(QLabel))  # said, as leavers are listed
        add_line(qtbot, dialog, "Holiday pay", "500.00", "4 days not taken")

    dialogs.answer(december, holiday_pay)
    press(qtbot, screen, "New pay run")
    press(qtbot, screen, "Add a payment or deduction")
    slip = screen.payslip.toPlainText()
    assert "Payment after leaving: you left on 30 November 2026" in slip and "0T (week 1 / month 1)" in slip


def test_a_tax_code_notice_from_the_pas_screen(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    book = open_file(qtbot, window, monkeypatch, household_with_november_approved(tmp_path))
    book.clock = FixedClock.on(date(2026, 11, 27))
    screen = go_to(qtbot, window, "PAs")

    def notice(dialog: Any) -> None:
        type_into(qtbot, dialog.code, "12Q")
        press(qtbot, dialog, "Save the notice")
        assert "not a tax code" in dialog.problem.text() and dialog.isVisible()
        type_into(qtbot, dialog.code, "1100L")
        type_into(qtbot, dialog.applies_from.text, "1/12/2026")
        press(qtbot, dialog, "Week 1 / month 1 basis")
        press(qtbot, dialog, "Save the notice")

    dialogs.answer(notice)
    press(qtbot, screen, "Tax code notice (P6, P9)")
    priya = ops.find_pa(book, "Priya Shah") or 0
    with ops.on(book, date(2026, 12, 1)):
        assert [row.tax_code for row in ops.list_pas(book) if row.pa_id == priya] == ["1100L W1/M1"]
    assert [row.tax_code for row in ops.list_pas(book) if row.pa_id == priya] == ["1257L"]  # not before its date

    def history(dialog: Any) -> None:
        assert any("P6: 1100L (week 1 / month 1) from 1 December 2026" in label.text()
                   for label in dialog.findChildren(type(screen.empty)))
        press(qtbot, dialog, "Cancel")

    dialogs.answer(history)
    press(qtbot, screen, "Tax code notice (P6, P9)")


def test_recording_sickness_from_the_pas_screen(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    book = open_file(qtbot, window, monkeypatch, household_with_november_approved(tmp_path))
    book.clock = FixedClock.on(date(2026, 12, 4))
    screen = go_to(qtbot, window, "PAs")

    def sick(dialog: Any) -> None:
        type_into(qtbot, dialog.first_day.text, "3/12/2026")
        type_into(qtbot, dialog.last_day.text, "1/12/2026")
        press(qtbot, dialog, "Save the absence")
        assert "last day is before the first day" in dialog.problem.text()
        type_into(qtbot, dialog.last_day.text, "4/12/2026")
        type_into(qtbot, dialog.notes, "Flu")
        press(qtbot, dialog, "Save the absence")

    def history(dialog: Any) -> None:
        said = " ".join(label.text() for label in dialog.findChildren(type(screen.empty)))
        assert "Sickness: 3 December 2026 to 4 December 2026 (self-certified)" in said
        press(qtbot, dialog, "Cancel")

    dialogs.answer(sick, history)
    press(qtbot, screen, "Record an absence")
    press(qtbot, screen, "Record an absence")


def test_a_pension_letter_from_the_pas_screen(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    book = open_file(qtbot, window, monkeypatch, household_with_november_approved(tmp_path))
    book.clock = FixedClock.on(date(2026, 12, 1))
    screen = go_to(qtbot, window, "PAs")

    def letter(dialog: Any) -> None:
        text = dialog.letter.toPlainText()
        assert "Dear Priya," in text and "From 1 December 2026 I have put you into a workplace pension" in text
        assert "£10,000.00 a year" in text and "by 1 January 2027, you get back what you have paid in" in text
        choose(qtbot, dialog.kind, "You can join")
        assert "you can ask to join at any time" in dialog.letter.toPlainText()
        press(qtbot, dialog, "Save as text")

    save_as(monkeypatch, tmp_path / "letter.txt")
    dialogs.answer(letter)
    press(qtbot, screen, "Pension letter")
    saved = (tmp_path / "letter.txt").read_text("utf-8")
    assert saved.startswith("Alex Morgan") and "you can ask to join at any time" in saved


def test_a_pension_opt_out_and_re_enrolment_from_the_pas_screen(window: MainWindow, qtbot: Any, dialogs: Any,
                                                                tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dataclasses import replace

    path = household_with_november_approved(tmp_path)
    made = EmployerBook.open(path)
    pa_id = ops.list_pas(made)[0].pa_id
    ops.update_pa(made, pa_id, replace(ops.pa_details(made, pa_id).form, pension_status="enrolled"), date(2026, 11, 1))
    made.close()
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(date(2026, 12, 1))
    screen = go_to(qtbot, window, "PAs")

    def opt_out(dialog: Any) -> None:
        type_into(qtbot, dialog.notice_on.text, "2/12/2026")
        press(qtbot, dialog, "Record it")  # tomorrow: said in the dialog, which stays open
        assert "is in the future" in dialog.problem.text() and dialog.isVisible()
        type_into(qtbot, dialog.notice_on.text, "20/11/2026")
        press(qtbot, dialog, "Record it")

    dialogs.answer(opt_out)
    press(qtbot, screen, "Pension opt-out")
    assert "Priya Shah has opted out in time (by 1 December 2026)" in screen.status.text()
    assert window.focusWidget() is screen.status  # said where the holder is, and to a screen reader

    def re_enrol(dialog: Any) -> None:
        said = " ".join(label.text() for label in dialog.findChildren(type(screen.empty)))
        assert "choose a date from 6 January 2029 to 6 July 2029" in said
        assert "Priya Shah (left the scheme on 20 November 2026) need not be re-enrolled" in said
        press(qtbot, dialog, "Record it")  # today is not in the window: said, and nothing is recorded
        assert "must be from 6 January 2029 to 6 July 2029" in dialog.problem.text()
        choose(qtbot, dialog.step, "re-declaration")
        press(qtbot, dialog, "Record it")
        assert "Re-enrol first" in dialog.problem.text()
        choose(qtbot, dialog.step, "before using PA Books")
        press(qtbot, dialog, "Record it")
        assert "could not be before 3 years less 3 months" in dialog.problem.text()
        press(qtbot, dialog, "Cancel")

    dialogs.answer(re_enrol)
    press(qtbot, screen, "Re-enrolment")

    def postpone(dialog: Any) -> None:
        type_into(qtbot, dialog.duty_arose_on.text, "1/11/2026")
        type_into(qtbot, dialog.until.text, "2/2/2027")
        press(qtbot, dialog, "Postpone")
        assert "until 1 February 2027 at the latest" in dialog.problem.text()
        press(qtbot, dialog, "Cancel")

    dialogs.answer(postpone)
    press(qtbot, screen, "Pension postponement")  # more than 3 months: said in the dialog, nothing recorded
    assert ops.pa_details(book, pa_id).form.pension_status == "opted_out"


def test_saving_a_runs_fps_or_being_told_why_not(window: MainWindow, qtbot: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.test_rti import fps_household

    made, _pa, (_february, march) = fps_household(tmp_path)
    path = made.path
    made.close()
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(date(2026, 4, 1))
    screen = go_to(qtbot, window, "Pay")
    screen.runs.setFocus()
    screen.runs.setCurrentRow([r.pay_run_id for r in screen.rows].index(march))
    save_as(monkeypatch, tmp_path / "fps.xml")
    press(qtbot, screen, "Save this run's Full Payment Submission for HMRC")
    assert (tmp_path / "fps.xml").read_bytes().startswith(b"<?xml") and "schema and business rules for 2025-26" in \
        screen.status.text()
    menu_choose(qtbot, window, "File", "Open the demo")
    demo = go_to(qtbot, window, "Pay")
    demo.runs.setCurrentRow(next(i for i, r in enumerate(demo.rows) if r.finalised))
    press(qtbot, demo, "Save this run's Full Payment Submission for HMRC")
    assert window.problems[-1][0] == "The FPS cannot be made yet" and "not for 2026-27" in window.problems[-1][1]


@pytest.fixture
def fake_hmrc(monkeypatch: pytest.MonkeyPatch, loopback_only: None) -> Iterator[Any]:
    """HMRC's Transaction Engine, faked on 127.0.0.1, as the Pay screen's client: its Behaviour, and a gate a test
    shuts to hold HMRC's answer back."""
    import threading

    from app.net.transaction_engine import TransactionEngine
    from app.services import send_fps
    from tests.fake_transaction_engine import Behaviour, start

    behaviour = Behaviour()
    gate = threading.Event()
    gate.set()
    server = start(behaviour)
    client = TransactionEngine(f"http://127.0.0.1:{server.server_address[1]}/submission",
                               sleep=lambda _s: gate.wait(10))  # between polls: held while the gate is shut
    monkeypatch.setattr(send_fps, "hmrc_engine", lambda max_polls=20: client)
    yield behaviour, gate
    server.shutdown()
    server.server_close()


def sending_household(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, today: date,
                      months: int = 2) -> tuple[EmployerBook, Any, int]:
    """tests/test_rti's household paid in 2025-26, open on the Pay screen on `today`; its February run chosen."""
    from tests.test_rti import fps_household

    made, _pa, runs = fps_household(tmp_path, months=months)
    path = made.path
    made.close()
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(today)
    screen = go_to(qtbot, window, "Pay")
    screen.runs.setFocus()
    screen.runs.setCurrentRow([r.pay_run_id for r in screen.rows].index(runs[0]))
    return book, screen, runs[0]


def test_sending_a_runs_fps_to_hmrc_from_the_pay_screen(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch, fake_hmrc: Any) -> None:
    from app.services import send_fps

    behaviour, _gate = fake_hmrc
    book, screen, _february = sending_household(qtbot, window, monkeypatch, tmp_path, date(2026, 3, 1))
    assert "HMRC: Not sent to HMRC." in screen.summary.toPlainText()

    def sign_in(dialog: Any) -> None:
        words = " ".join(label.text() for label in dialog.findChildren(type(screen.status)))
        assert "HMRC's test service" in words
        assert "This FPS is late: it was due on or before the pay date, 28 February 2026" in words  # paid yesterday
        type_into(qtbot, dialog.user, "PABOOKS1")
        type_into(qtbot, dialog.password, "gateway-password")
        press(qtbot, dialog, "Send to HMRC")  # no reason chosen
        assert "Choose why the FPS is late" in dialog.problem.text() and behaviour.submits == 0
        dialog.late_reason.setFocus()
        qtbot.keyClick(dialog.late_reason, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.late_reason, Qt.Key.Key_Down)  # G, a reasonable excuse
        assert dialog.late_reason.currentText().startswith("A reasonable excuse")
        dialog.user.clear()
        press(qtbot, dialog, "Send to HMRC")  # no user ID
        assert "Enter the Government Gateway user ID" in dialog.problem.text()
        type_into(qtbot, dialog.user, "PABOOKS1")
        press(qtbot, dialog, "Remember the sign-in on this computer")
        press(qtbot, dialog, "Send to HMRC")

    dialogs.answer(lambda dialog: press(qtbot, dialog, "Cancel"), sign_in)
    press(qtbot, screen, "Send this run's Full Payment Submission to HMRC")
    assert behaviour.submits == 0  # cancelled: nothing sent
    press(qtbot, screen, "Send this run's Full Payment Submission to HMRC")
    assert screen.status.text().startswith("Sending the FPS to HMRC… HMRC usually answers within a minute")
    qtbot.waitUntil(lambda: "Accepted by HMRC's test service" in screen.status.text(), timeout=10000)
    assert behaviour.submits == 1 and screen.send_button.isEnabled()
    assert b"<LateReason>G</LateReason>" in behaviour.last_submit
    assert "HMRC: Accepted by HMRC's test service" in screen.summary.toPlainText()
    assert send_fps.remembered_user(book) == ("PABOOKS1", "gateway-password")


def test_sending_an_eps_ticks_what_home_asks_for(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch, fake_hmrc: Any) -> None:
    """Paid in February 2026 only: on 10 April the dialog comes ticked for tax month 12 with no pay and the year's
    last submission (what Home asks for); sent, Home stops asking."""
    behaviour, _gate = fake_hmrc
    book, screen, _february = sending_household(qtbot, window, monkeypatch, tmp_path, date(2026, 4, 10), months=1)

    def fill(dialog: Any) -> None:
        assert dialog.no_payment.isChecked() and dialog.month.currentText() == "Tax month 12: 6 March to 5 April 2026"
        assert dialog.final.isChecked() and not dialog.allowance.isChecked()
        press(qtbot, dialog, "Claim the Employment Allowance for the year")  # ticked, then not: 2026-27's claim
        press(qtbot, dialog, "Claim the Employment Allowance for the year")  # is not for this 2025-26 EPS
        press(qtbot, dialog, "Nobody was paid in a tax month")
        assert not dialog.month.isEnabled()  # asked only when nobody was paid
        press(qtbot, dialog, "This is the last submission for the year")
        type_into(qtbot, dialog.user, "PABOOKS1")
        type_into(qtbot, dialog.password, "gateway-password")
        press(qtbot, dialog, "Send to HMRC")  # nothing ticked
        assert "Say what the EPS is for" in dialog.problem.text() and behaviour.submits == 0
        press(qtbot, dialog, "Nobody was paid in a tax month")
        press(qtbot, dialog, "This is the last submission for the year")
        press(qtbot, dialog, "Remember the sign-in on this computer")
        press(qtbot, dialog, "Send to HMRC")

    dialogs.answer(lambda dialog: press(qtbot, dialog, "Cancel"), fill)
    eps = "Send an Employer Payment Summary to HMRC (a month with no pay, the Employment Allowance, the year's end)"
    press(qtbot, screen, eps)
    assert behaviour.submits == 0  # cancelled: nothing sent
    press(qtbot, screen, eps)
    qtbot.waitUntil(lambda: screen.status.text().startswith("Accepted"), timeout=10000)
    assert behaviour.submits == 1 and screen.status.text().startswith(
        "Accepted by HMRC's test service: nobody was paid in tax month 12 (6 March to 5 April 2026); it is the last "
        "submission for 2025-26.")
    titles = [item.title for item in ops.home_summary(book).todo]
    assert not any("payroll is finished" in t or "nobody was paid" in t for t in titles)
    from app.services import send_fps

    assert send_fps.remembered_user(book) == ("PABOOKS1", "gateway-password")


def test_closing_the_file_while_hmrc_answers_waits_and_keeps_the_answer(
        window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        fake_hmrc: Any) -> None:
    """Sent off the screen's thread: the window stays usable meanwhile; closing the file waits for HMRC's answer and
    records it first, so the FPS is never thought unsent (and sent twice)."""
    import threading

    from app.services import send_fps

    behaviour, gate = fake_hmrc
    gate.clear()  # HMRC "still working" until the gate opens
    book, screen, february = sending_household(qtbot, window, monkeypatch, tmp_path, date(2026, 2, 28))
    path = book.path

    def sign_in(dialog: Any) -> None:
        type_into(qtbot, dialog.user, "PABOOKS1")
        type_into(qtbot, dialog.password, "gateway-password")
        press(qtbot, dialog, "Send to HMRC")

    dialogs.answer(sign_in)
    press(qtbot, screen, "Send this run's Full Payment Submission to HMRC")
    qtbot.waitUntil(lambda: behaviour.submits == 1, timeout=10000)
    assert screen.status.text().startswith("Sending the FPS to HMRC") and not screen.send_button.isEnabled()
    go_to(qtbot, window, "Home")  # the window is usable while HMRC answers
    threading.Timer(0.3, gate.set).start()
    menu_choose(qtbot, window, "File", "Close")
    assert window.book is None
    again = EmployerBook.open(path)
    assert send_fps.submission_of(again, february).status == "accepted" and behaviour.submits == 1
    again.close()


def test_the_figures_for_basic_paye_tools(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    press(qtbot, window, "Open the demo")
    screen = go_to(qtbot, window, "Pay")
    screen.runs.setCurrentRow(next(i for i, r in enumerate(screen.rows) if r.finalised))

    def figures(dialog: Any) -> None:
        text = dialog.figures.toPlainText()
        assert "Basic PAYE Tools works out the tax" in text and "Taxable pay this period" in text
        press(qtbot, dialog, "Save as text")

    save_as(monkeypatch, tmp_path / "figures.txt")
    dialogs.answer(lambda dialog: press(qtbot, dialog, "Close"), figures)
    press(qtbot, screen, "Figures for Basic PAYE Tools")
    press(qtbot, screen, "Figures for Basic PAYE Tools")
    assert "Taxable pay this period" in (tmp_path / "figures.txt").read_text("utf-8")
    assert "Saved the figures" in screen.status.text()


def test_choosing_hmrcs_live_service_needs_the_vendor_id(window: MainWindow, qtbot: Any, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    from app.services import settings
    from tests.test_rti import fps_household

    made, _pa, _runs = fps_household(tmp_path, months=1)
    path = made.path
    made.close()
    open_file(qtbot, window, monkeypatch, path)
    screen = go_to(qtbot, window, "Settings")
    assert screen.hmrc_service.currentText() == "HMRC's test service (nothing real is filed)"
    screen.hmrc_service.setFocus()
    qtbot.keyClick(screen.hmrc_service, Qt.Key.Key_Down)  # the live service, with no vendor ID
    press(qtbot, screen, "Save sending options")
    assert "needs PA Books' HMRC vendor ID" in screen.hmrc_message.text() and not settings.load().hmrc_live
    type_into(qtbot, screen.vendor_id, "12a4")
    press(qtbot, screen, "Save sending options")
    assert "\"12a4\" is not an HMRC vendor ID: it is 4 digits" in screen.hmrc_message.text()
    type_into(qtbot, screen.vendor_id, "1234")
    press(qtbot, screen, "Save sending options")
    assert screen.hmrc_message.text() == "Saved. Submissions go to HMRC's live service: submissions are filed for real."
    assert (settings.load().hmrc_live, settings.load().hmrc_vendor_id) == (True, "1234")
    settings.set_hmrc_sending(False, "")


def test_a_paper_filers_quarter_from_the_employers_details_to_the_post(
        window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """HMRC agreed the exemption: tick it on the employer's details, then Home asks for the quarter's RT2s, the Pay
    screen shows what goes on each form, saves them to print and records them as posted."""
    from tests.test_paper_returns import paper_household

    household, *_ = paper_household(tmp_path, on_paper=False)
    path = household.path
    household.close()
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(date(2027, 1, 8))
    home = go_to(qtbot, window, "Home")
    asked = "Post your RT2s for 6 October 2026 to 5 January 2027 so they reach HMRC by 19 January 2027"

    def todo() -> list[str]:
        return [home.todo_list.item(n).text() for n in range(home.todo_list.count())]

    assert not any(asked in text for text in todo())

    def on_paper(dialog: Any) -> None:
        press(qtbot, dialog, "Report to HMRC on paper (RT2 forms)")
        press(qtbot, dialog, "Save")

    dialogs.answer(on_paper)
    press(qtbot, home, "Employer details")
    assert any(asked in text for text in todo())

    screen = go_to(qtbot, window, "Pay")

    def read_then_close(dialog: Any) -> None:
        assert "Quarter 4 of 2026-27" in dialog.quarter.currentText()  # today's quarter comes first
        assert "Nobody was paid in this quarter" in dialog.figures.toPlainText()
        press(qtbot, dialog, "Close")

    def post(dialog: Any) -> None:
        choose(qtbot, dialog.quarter, "Quarter 3 of 2026-27")
        words = dialog.figures.toPlainText()
        assert "RT2 for Priya Shah" in words and "RT2 for Sam Okafor" in words
        assert "They must reach HMRC by 19 January 2027" in words
        press(qtbot, dialog, "I have posted them to HMRC")
        press(qtbot, dialog, "Save as PDF")

    save_as(monkeypatch, tmp_path / "q3.pdf")
    dialogs.answer(read_then_close, post)
    press(qtbot, screen, "Paper returns for a quarter (RT2)")
    press(qtbot, screen, "Paper returns for a quarter (RT2)")
    assert (tmp_path / "q3.pdf").read_bytes().startswith(b"%PDF")
    assert "Recorded as posted on 8 January 2027" in screen.status.text()
    home = go_to(qtbot, window, "Home")
    assert not any(asked in text for text in todo())


def test_a_months_pension_schedule_from_the_pay_screen(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    book, priya = november_paid(qtbot, window, monkeypatch, tmp_path)
    screen = go_to(qtbot, window, "Pay")
    press(qtbot, screen, "Pension schedule for a month")  # nobody in the scheme yet: said, no dialog
    assert window.problems[-1][0] == "No pension contributions yet"  # type: ignore[attr-defined]

    ops.change_pa(book, priya, date(2026, 12, 1), pension_status="enrolled")
    book.clock = FixedClock.on(date(2026, 12, 31))
    for day in (1, 2, 3, 4, 7, 8, 9, 10):
        ops.add_shift(book, ShiftInput(priya, date(2026, 12, day), "09:00", "17:00"))
    ops.approve_timesheet(book, priya, date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 31), date(2026, 12, 31))
    ops.finalise(book, ops.start_pay_run(book, "monthly", date(2026, 12, 1), date(2026, 12, 31)))

    def read_then_close(dialog: Any) -> None:
        assert dialog.month.currentText() == "December 2026"
        words = dialog.figures.toPlainText()
        assert "Pension contributions taken in December 2026: pay the scheme £" in words
        assert "by 22 January 2027" in words and "Priya Shah (NI number AB123456C)" in words
        press(qtbot, dialog, "Close")

    def save(dialog: Any) -> None:
        press(qtbot, dialog, "Save as CSV")

    save_as(monkeypatch, tmp_path / "december.csv")
    dialogs.answer(read_then_close, save)
    press(qtbot, screen, "Pension schedule for a month")
    press(qtbot, screen, "Pension schedule for a month")
    assert (tmp_path / "december.csv").read_text("utf-8").startswith("Name,NI number,")
    assert "Saved the pension schedule for December 2026" in screen.status.text()

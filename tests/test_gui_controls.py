"""Every screen's buttons and the menus, pressed as a person presses them (mouse, keys, shortcuts), with each
dialog they open answered through its own controls. (tests/gui_controls.py checks nothing is left unpressed.)"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import closing
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QWidget,
)

from app.services import audit, security
from app.services.book import EmployerBook, NewEmployer
from app.ui.main_window import SCREEN_ORDER, MainWindow
from app.ui.screens.timesheets import TimesheetsScreen, monday_of
from tests import ops
from tests.helpers import plain_real_file

pytestmark = pytest.mark.gui
LEFT = Qt.MouseButton.LeftButton
PASSPHRASE = "kettle orchard lantern"  # noqa: S105 - a made-up file in a temporary folder


# -- pressing ----------------------------------------------------------------------------------


def named(root: QWidget, name: str) -> QAbstractButton:
    """The visible button (or check box) whose words, without the & of its shortcut, are `name`."""
    found = [b for b in root.findChildren(QAbstractButton)
             if name in (b.text().replace("&", "").rstrip("…"), b.accessibleName()) and b.isVisible()]
    assert found, f"no button {name!r} in {type(root).__name__}"
    return found[0]


def press(qtbot: Any, root: QWidget, name: str) -> None:
    """A button clicked with the mouse; a check box ticked from the keyboard (Space), as its label may be
    shorter than the row it sits in."""
    button = named(root, name)
    assert button.isEnabled(), f"{name!r} is not enabled"
    if isinstance(button, QCheckBox):
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
    else:
        qtbot.mouseClick(button, LEFT)


def type_into(qtbot: Any, field: Any, text: str) -> None:
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClicks(field, text)


def menu_choose(qtbot: Any, window: MainWindow, menu_title: str, item: str) -> None:
    """Open a menu of the menu bar and click one of its items."""
    top = next(a for a in window.menuBar().actions() if a.text().replace("&", "") == menu_title)
    menu = top.menu()
    assert isinstance(menu, QMenu)
    menu.popup(window.mapToGlobal(window.menuBar().geometry().bottomLeft()))
    qtbot.waitUntil(menu.isVisible)
    action = next(a for a in menu.actions() if a.text().replace("&", "").rstrip("…") == item)
    qtbot.mouseClick(menu, LEFT, pos=menu.actionGeometry(action).center())
    QApplication.processEvents()


def shortcut(qtbot: Any, window: QWidget, keys: str | QKeySequence.StandardKey) -> None:
    window.activateWindow()  # a shortcut belongs to the active window (a dialog may just have closed)
    QApplication.processEvents()
    sequence = QKeySequence(keys)
    combo = sequence[0]
    qtbot.keyClick(window, combo.key(), combo.keyboardModifiers())
    QApplication.processEvents()


def save_as(monkeypatch: pytest.MonkeyPatch, target: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))


def open_as(monkeypatch: pytest.MonkeyPatch, target: Path | str) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(target), ""))


def answer_recovery_key(qtbot: Any, monkeypatch: pytest.MonkeyPatch, pdf: Path) -> Callable[[Any], None]:
    def answer(dialog: Any) -> None:
        save_as(monkeypatch, pdf)
        press(qtbot, dialog, "Save a page to print")
        assert pdf.read_bytes().startswith(b"%PDF") and dialog.saved.isVisible()
        press(qtbot, dialog, "I have kept a copy")
    return answer


@pytest.fixture
def window(qtbot: Any) -> Any:
    win = MainWindow()
    qtbot.addWidget(win)
    win.problems = []
    win.show_problem = lambda title, message: win.problems.append((title, message))  # read, not shown
    win.show()
    yield win
    win.close()


def real_file(tmp_path: Path, **pa: Any) -> Path:
    """A household with one PA and their rates, closed, to open through the window."""
    book = EmployerBook.create(tmp_path / "household.pabooks", NewEmployer("Alex Morgan"))
    ops.add_pa(book, ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2025, 1, 6),
                                date_of_birth=date(1994, 7, 2), contracted_hours_per_week="25", starter_statement="A",
                                **pa),
               rates=tuple(ops.RateInput(kind, amount) for kind, amount in (
                   ("day", "13.50"), ("night", "14.50"), ("weekend", "15.00"), ("bank_holiday", "20.25"),
                   ("sleep_in", "90.00"), ("holiday", "13.50"), ("sick", "13.50"))))
    book.close()
    return tmp_path / "household.pabooks"


def go_to(qtbot: Any, window: MainWindow, screen: str) -> Any:
    shortcut(qtbot, window, f"Ctrl+{SCREEN_ORDER.index(screen) + 1}")
    assert window.stack.currentWidget() is window.screens[screen]
    return window.screens[screen]


# -- the window with no file, and the menus ----------------------------------------------------


def test_the_start_screen_and_the_file_menu(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    press(qtbot, window, "Open the demo")
    assert window.book is not None and window.book.is_demo()
    shortcut(qtbot, window, QKeySequence.StandardKey.Close)
    assert window.book is None

    def new_file(dialog: Any) -> None:
        press(qtbot, dialog, "Choose where to save")  # nothing typed yet: said in the dialog, which stays
        assert "name of the person" in dialog.problem.text() and dialog.isVisible()
        type_into(qtbot, dialog.person, "Sam Example")
        qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
        press(qtbot, dialog, "Show what I type")
        qtbot.keyClicks(dialog.passphrase.again, PASSPHRASE)
        press(qtbot, dialog, "Choose where to save")

    save_as(monkeypatch, tmp_path / "Sam Example.pabooks")
    dialogs.answer(new_file, answer_recovery_key(qtbot, monkeypatch, tmp_path / "key.pdf"))
    press(qtbot, window, "New employer file")
    assert window.book is not None and window.book.path.name == "Sam Example.pabooks"
    shortcut(qtbot, window, QKeySequence.StandardKey.Close)

    open_as(monkeypatch, tmp_path / "Sam Example.pabooks")
    press(qtbot, window, "Open an employer file")
    assert window.book is not None and ops.info(window.book).person_name == "Sam Example"

    dialogs.answer(lambda dialog: press(qtbot, dialog, "Cancel"))  # Ctrl+N, then thought better of it
    shortcut(qtbot, window, QKeySequence.StandardKey.New)
    assert window.book is not None and window.book.path.name == "Sam Example.pabooks"
    open_as(monkeypatch, "")
    shortcut(qtbot, window, QKeySequence.StandardKey.Open)  # the file chooser cancelled: nothing changes
    assert window.book is not None and window.book.path.name == "Sam Example.pabooks"
    menu_choose(qtbot, window, "File", "Open the demo")
    assert window.book is not None and window.book.is_demo()
    dialogs.answer(lambda dialog: press(qtbot, dialog, "Cancel"))
    menu_choose(qtbot, window, "File", "New employer file")
    menu_choose(qtbot, window, "File", "Open")  # the file chooser cancelled again
    assert window.book is not None and window.book.is_demo()


def test_help_about_and_quit(window: MainWindow, qtbot: Any, dialogs: Any) -> None:
    def keys(dialog: Any) -> None:
        assert "Ctrl+Shift+N: a new window, for another client's file." in [
            label.text() for label in dialog.findChildren(QLabel)]
        press(qtbot, dialog, "Close Keys")

    dialogs.answer(keys)
    menu_choose(qtbot, window, "Help", "Keys (using PA Books with the keyboard)")
    dialogs.answer(lambda dialog: press(qtbot, dialog, "Close About"))
    menu_choose(qtbot, window, "Help", "About PA Books")
    dialogs.answer(lambda dialog: press(qtbot, dialog, "Close About"))
    shortcut(qtbot, window, "F1")
    shortcut(qtbot, window, "Ctrl+Q")
    assert not window.isVisible()


def open_file(qtbot: Any, window: MainWindow, monkeypatch: pytest.MonkeyPatch, path: Path) -> EmployerBook:
    open_as(monkeypatch, path)
    shortcut(qtbot, window, QKeySequence.StandardKey.Open)
    assert window.book is not None and window.book.path == path.resolve()
    return window.book


# -- PAs -------------------------------------------------------------------------------------


def test_the_pas_screen(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                        monkeypatch: pytest.MonkeyPatch) -> None:
    path = real_file(tmp_path)
    with closing(EmployerBook.open(path)) as book:
        ops.add_pa(book, ops.PaForm(first_name="Tom", last_name="Leaver", started_on=date(2015, 1, 5),
                                    left_on=date(2019, 6, 30), contracted_hours_per_week="10", starter_statement="A"))
    book = open_file(qtbot, window, monkeypatch, path)
    screen = go_to(qtbot, window, "PAs")

    def add(dialog: Any) -> None:
        type_into(qtbot, dialog.first, "Ria")
        type_into(qtbot, dialog.last, "Patel")
        for box in ("Has a postgraduate loan", "Week 1 / month 1 basis", "A relative in the same household"):
            press(qtbot, dialog, box)
        dialog.starter.setFocus()
        qtbot.keyClicks(dialog.starter, "A")  # the starter checklist: statement A, chosen by typing
        press(qtbot, dialog, "Save")
        assert "contracted hours" in dialog.problem.text() and dialog.first.text() == "Ria"  # nothing typed is lost
        type_into(qtbot, dialog.hours, "20")
        press(qtbot, dialog, "Save")

    dialogs.answer(add)
    press(qtbot, screen, "Add a PA")
    ria = ops.find_pa(book, "Ria Patel")
    assert ria is not None and screen.selected_pa_id() == ria
    form = ops.pa_details(book, ria).form
    # (statement A sets the cumulative basis: the week 1 / month 1 box is for a code given with it)
    assert (form.tax_code, form.week1_month1, form.postgraduate_loan, form.is_relative) == ("1257L", False, True, True)

    dialogs.answer(lambda dialog: press(qtbot, dialog, "Cancel"))
    press(qtbot, screen, "Add a PA")
    assert len(ops.list_pas(book)) == 3

    def change(dialog: Any) -> None:
        type_into(qtbot, dialog.phone, "07700 900123")
        press(qtbot, dialog, "Save")

    dialogs.answer(change)
    press(qtbot, screen, "Change details")
    assert ops.pa_details(book, ria).form.phone == "07700 900123"

    def rate(dialog: Any) -> None:  # several at once, from their first day (no shift before it lacks a rate)
        assert dialog.from_day.date().toPython() == ops.pa_details(book, ria).form.started_on
        type_into(qtbot, dialog.amounts["day"], "13.25")
        type_into(qtbot, dialog.amounts["weekend"], "twelve")
        type_into(qtbot, dialog.amounts["sleep_in"], "90")
        press(qtbot, dialog, "Save these rates")
        assert "is not an amount" in dialog.problem.text() and dialog.amounts["day"].text() == "13.25"
        type_into(qtbot, dialog.amounts["weekend"], "15.00")
        press(qtbot, dialog, "Save these rates")

    dialogs.answer(rate)
    press(qtbot, screen, "Pay rates")
    assert sorted(r.amount_words for r in ops.pa_details(book, ria).rates) == ["£13.25 an hour", "£15.00 an hour",
                                                                              "£90.00 each"]
    assert audit.history(book)[0].action == "rates_added"  # one operation for all three

    def check(dialog: Any) -> None:
        assert dialog.kind.currentText() == "DBS check"
        type_into(qtbot, dialog.description, "Enhanced DBS check")
        press(qtbot, dialog, "Add this check")

    dialogs.answer(check)
    press(qtbot, screen, "Checks")
    assert [c.description for c in ops.pa_details(book, ria).checks] == ["Enhanced DBS check"]

    screen.table.setFocus()
    tom = ops.find_pa(book, "Tom Leaver")
    rows = [r.pa_id for r in screen.model.rows]
    for _ in range(rows.index(tom)):
        qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    assert screen.selected_pa_id() == tom

    def erase(dialog: Any) -> None:
        qtbot.keyClicks(dialog.reason, "Asked by letter on 20 November 2026")
        press(qtbot, dialog, "Erase the details")

    dialogs.answer(erase)
    press(qtbot, screen, "Erase a former PA's details")
    assert ops.find_pa(book, "Tom Leaver") is None and audit.history(book)[0].action == "personal_data_erased"


# -- timesheets ------------------------------------------------------------------------------


def count_rows(book: EmployerBook, table: str) -> int:
    with book.reading() as session:
        return int(session.connection().exec_driver_sql(f"SELECT count(*) FROM {table}").scalar() or 0)  # noqa: S608


def test_the_timesheets_screen(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                               monkeypatch: pytest.MonkeyPatch) -> None:
    book = open_file(qtbot, window, monkeypatch, real_file(tmp_path))
    screen: TimesheetsScreen = go_to(qtbot, window, "Timesheets")
    monday = monday_of(book.today())

    def plan(dialog: Any) -> None:  # the fault found from outside: bad hours, corrected, saved twice over
        type_into(qtbot, dialog.council, "Northshire Council")
        type_into(qtbot, dialog.payment, "1940.00")
        type_into(qtbot, dialog.fields["day"], "lots")
        press(qtbot, dialog, "Save the plan")
        assert "must be a number" in dialog.problem.text() and dialog.isVisible()
        type_into(qtbot, dialog.fields["day"], "30")
        press(qtbot, dialog, "Save the plan")

    dialogs.answer(plan)
    press(qtbot, screen, "Support plan")
    assert count_rows(book, "council_agreement") == 1 and ops.support_plan(book, book.today()).hours_by_kind

    screen.who.setFocus()
    qtbot.keyClick(screen.who, Qt.Key.Key_Down)  # from "Everyone" to Priya
    assert screen.chosen_pa() is not None
    press(qtbot, screen, "Next week")
    assert screen.week_start == monday + timedelta(days=7)
    press(qtbot, screen, "Previous week")
    press(qtbot, screen, "Previous week")
    assert screen.week_start == monday - timedelta(days=7)
    press(qtbot, screen, "This week")
    assert screen.week_start == monday

    def shift(start: str, end: str) -> Callable[[Any], None]:
        def answer(dialog: Any) -> None:
            type_into(qtbot, dialog.start, start)
            type_into(qtbot, dialog.end, end)
            press(qtbot, dialog, "Save the shift")
        return answer

    dialogs.answer(shift("09:00", "13:00"))
    press(qtbot, screen, "Add a shift")
    assert [s.words() for s in screen.shifts] == [f"Mon {monday.day} {monday:%b}, Priya Shah: 09:00 to 13:00, "
                                                  "4.00 hours"]
    dialogs.answer(shift("09:00", "14:00"))
    press(qtbot, screen, "Change the shift")
    assert str(screen.shifts[0].hours) == "5.00"
    for name, words in (("Mark sick", "sick"), ("Mark holiday", "holiday"), ("Mark absent", "(absent)"),
                        ("Confirm as worked", "holiday")):
        press(qtbot, screen, name)
        assert words in screen.shifts[0].words(), name
    press(qtbot, screen, "Delete the shift")
    assert screen.shifts == []

    def rota(dialog: Any) -> None:
        type_into(qtbot, dialog.days, "Mon, Wed")
        type_into(qtbot, dialog.start, "09:00")
        type_into(qtbot, dialog.end, "12:00")
        press(qtbot, dialog, "Save the pattern")

    dialogs.answer(rota)
    press(qtbot, screen, "New rota pattern")
    press(qtbot, screen, "Next week")
    press(qtbot, screen, "Planned shifts from rotas")
    assert window.problems[-1][0] == "Planned shifts" and "2 planned shift(s) added" in window.problems[-1][1]
    assert all(s.status == "planned" for s in screen.shifts) and len(screen.shifts) == 2
    press(qtbot, screen, "Confirm all planned as worked")
    assert [s.status for s in screen.shifts] == ["worked", "worked"]

    friday = monday + timedelta(days=11)
    csv = tmp_path / "shifts.csv"
    csv.write_text(f"pa,date,start,end\nPriya Shah,{friday:%d/%m/%Y},14:00,16:00\n", encoding="utf-8")
    open_as(monkeypatch, csv)
    press(qtbot, screen, "Import shifts from a spreadsheet (CSV)")
    assert window.problems[-1] == ("Shifts imported", "1 shifts imported for Priya Shah.") and len(screen.shifts) == 3

    dialogs.answer(lambda dialog: press(qtbot, dialog, "Close"))
    press(qtbot, screen, "Month summary")

    save_as(monkeypatch, tmp_path / "timesheet.pdf")
    press(qtbot, screen, "Print the timesheet (PDF)")  # crashed every time: clicked(False) reached the slot
    assert (tmp_path / "timesheet.pdf").read_bytes().startswith(b"%PDF")
    save_as(monkeypatch, tmp_path / "blank.pdf")
    press(qtbot, screen, "Print a blank timesheet (PDF)")
    assert (tmp_path / "blank.pdf").read_bytes().startswith(b"%PDF")

    def approve(dialog: Any) -> None:  # what is approved is shown before "Approve and lock"
        facts = [dialog.facts.item(n).text() for n in range(dialog.facts.count())]
        assert facts[0] == "3 shifts, 8.00 hours (8.00 day)." and facts[1] == "Pay for them before tax: £108.00."
        assert not dialog.confirm.isVisible()  # nothing is only planned
        press(qtbot, dialog, "Approve and lock")

    dialogs.answer(approve)
    press(qtbot, screen, "Approve the timesheet")
    assert all(s.locked for s in screen.shifts)
    assert screen.status.text().startswith("Approved and locked: Priya Shah's timesheet for 1 December 2026 to 31 "
                                           "December 2026") and window.focusWidget() is screen.status
    assert not named(screen, "Approve the timesheet").isEnabled()  # what no longer applies is off
    assert named(screen, "Change an approved timesheet").isEnabled()

    def amend(dialog: Any) -> None:
        qtbot.keyClicks(dialog.reason, "Friday's shift ended at 16:30")
        press(qtbot, dialog, "Make a new version")

    dialogs.answer(amend)
    press(qtbot, screen, "Change an approved timesheet")
    assert not any(s.locked for s in screen.shifts) and audit.history(book)[0].action == "timesheet_amended"


# -- history, backups, settings --------------------------------------------------------------


def test_the_history_and_backups_screens(window: MainWindow, qtbot: Any, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    book = open_file(qtbot, window, monkeypatch, real_file(tmp_path))
    history = go_to(qtbot, window, "History")
    press(qtbot, history, "Check the history again")
    assert "intact" in history.status.text()
    save_as(monkeypatch, tmp_path / "history.csv")
    press(qtbot, history, "Export the history for the council or an auditor (CSV)")
    assert "added a PA" in (tmp_path / "history.csv").read_text(encoding="utf-8-sig")

    screen = go_to(qtbot, window, "Backups")
    before = screen.list.count()
    press(qtbot, screen, "Take a copy now")
    assert screen.list.count() == before + 1 and "taken by hand" in screen.list.item(0).text()
    save_as(monkeypatch, tmp_path / "restored.pabooks")
    press(qtbot, screen, "Restore the chosen copy into a new file")
    assert window.book is not None and window.book.path.name == "restored.pabooks"
    assert book.path.name == "household.pabooks"  # the file that was open is never overwritten


def test_the_settings_screen_on_an_encrypted_file(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    book = open_file(qtbot, window, monkeypatch, real_file(tmp_path))
    screen = go_to(qtbot, window, "Settings")
    type_into(qtbot, screen.night_starts, "23:00")
    screen.weekend_rule.setFocus()
    qtbot.keyClick(screen.weekend_rule, Qt.Key.Key_Down)  # from the substitute weekday to the day itself
    assert screen.weekend_rule.accessibleName() == "A bank holiday on a weekend is paid on"
    press(qtbot, screen, "Save night and bank holiday rules")
    saved = ops.pay_time_rules(book)
    assert saved.night_starts.hour == 23 and screen.rules_message.isVisible()
    assert saved.weekend_bank_holidays == "day_itself"

    dialogs.answer(answer_recovery_key(qtbot, monkeypatch, tmp_path / "key.pdf"))
    press(qtbot, screen, "Show the recovery key")

    def passphrase(dialog: Any) -> None:
        qtbot.keyClicks(dialog.fields.passphrase, "too short")
        press(qtbot, dialog, "Show what I type")
        qtbot.keyClicks(dialog.fields.again, "too short")
        press(qtbot, dialog, "Go ahead")

    def passphrase_again(dialog: Any) -> None:
        assert "at least 12" in dialog.problem.text()  # the same dialog, asked again, says why
        for field in (dialog.fields.passphrase, dialog.fields.again):
            type_into(qtbot, field, PASSPHRASE)
        press(qtbot, dialog, "Go ahead")

    dialogs.answer(passphrase, passphrase_again, answer_recovery_key(qtbot, monkeypatch, tmp_path / "new-key.pdf"))
    press(qtbot, screen, "Set a new passphrase")
    assert security.status(book).has_passphrase and "new passphrase" in screen.security_message.text()

    dialogs.answer(lambda dialog: press(qtbot, dialog, "Cancel"))
    press(qtbot, screen, "Set a new passphrase")
    press(qtbot, screen, "Forget the key on this computer")
    assert not security.status(book).key_kept_here
    press(qtbot, screen, "Keep the key on this computer")
    assert security.status(book).key_kept_here


def test_encrypting_a_plain_file_from_settings(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    plain_real_file(tmp_path / "old.pabooks", "Old Example").close()
    book = open_file(qtbot, window, monkeypatch, tmp_path / "old.pabooks")
    screen = go_to(qtbot, window, "Settings")
    dialogs.answer(lambda dialog: press(qtbot, dialog, "Go ahead"),  # no passphrase: this computer keeps the key
                   answer_recovery_key(qtbot, monkeypatch, tmp_path / "key.pdf"))
    press(qtbot, screen, "Encrypt this file")
    assert book.encrypted and "encrypted" in screen.security_message.text()


def test_unlocking_a_file_whose_key_is_not_kept_here(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch, no_keyring: None) -> None:
    EmployerBook.create(tmp_path / "sam.pabooks", NewEmployer("Sam Example", passphrase=PASSPHRASE,
                                                             passphrase_again=PASSPHRASE)).close()
    dialogs.answer(lambda dialog: press(qtbot, dialog, "Cancel"))
    open_as(monkeypatch, tmp_path / "sam.pabooks")
    shortcut(qtbot, window, QKeySequence.StandardKey.Open)
    assert window.book is None

    def unlock(dialog: Any) -> None:
        press(qtbot, dialog, "Open")  # nothing typed: said in the dialog
        assert "Type the passphrase" in dialog.problem.text()
        assert not named(dialog, "This computer has no keyring, so it will ask each time").isEnabled()
        qtbot.keyClicks(dialog.secret, "wrong passphrase here")
        press(qtbot, dialog, "Open")

    def unlock_again(dialog: Any) -> None:
        assert "does not open" in dialog.message.text()
        press(qtbot, dialog, "Show what I type")
        type_into(qtbot, dialog.secret, PASSPHRASE)
        press(qtbot, dialog, "Open")

    dialogs.answer(unlock, unlock_again)
    shortcut(qtbot, window, QKeySequence.StandardKey.Open)
    assert window.book is not None and ops.info(window.book).person_name == "Sam Example"


@pytest.mark.parametrize("screen_name, opens", [
    ("PAs", "Change details"), ("PAs", "Pay rates"), ("PAs", "Checks"), ("PAs", "Erase a former PA's details"),
    ("PAs", "Tax code notice (P6, P9)"), ("PAs", "Record an absence"), ("PAs", "Pension letter"),
    ("PAs", "Pension opt-out"), ("PAs", "Re-enrolment"), ("PAs", "Pension postponement"),
    ("Timesheets", "Add a shift"), ("Timesheets", "New rota pattern"), ("Timesheets", "Support plan"),
    ("Timesheets", "Approve the timesheet"), ("Home", "Employer details"), ("Pay", "New pay run")])
def test_cancel_in_every_dialog_changes_nothing(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch, screen_name: str, opens: str) -> None:
    book = open_file(qtbot, window, monkeypatch, real_file(tmp_path))
    screen = go_to(qtbot, window, screen_name)
    if screen_name == "Timesheets":
        screen.who.setFocus()
        qtbot.keyClick(screen.who, Qt.Key.Key_Down)
    before = [len(audit.history(book)), ops.info(book)]
    dialogs.answer(cancelling(qtbot, dialogs))
    press(qtbot, screen, opens)
    assert [len(audit.history(book)), ops.info(book)] == before


def cancelling(qtbot: Any, dialogs: Any) -> Callable[[Any], None]:
    """A dialog's answer: a date chosen from its calendar by keyboard (and the calendar left the other way),
    something typed in each field, then Cancel."""
    def cancel(dialog: Any) -> None:
        calendars = [b for b in dialog.findChildren(QPushButton) if b.text() == "Calendar…" and b.isVisible()]
        if calendars:
            def choose(calendar: Any) -> None:
                qtbot.keyClick(calendar.calendar.findChild(QAbstractItemView), Qt.Key.Key_Right)
                press(qtbot, calendar, "Choose this day")

            dialogs.queue[0:0] = [choose, lambda calendar: press(qtbot, calendar, "Cancel")]  # before any others
            qtbot.mouseClick(calendars[0], LEFT)
            qtbot.mouseClick(calendars[0], LEFT)
        for field in dialog.findChildren(QLineEdit):
            if field.isVisible() and field.isEnabled() and not field.isReadOnly():
                qtbot.keyClicks(field, "9")  # something typed, then thought better of
        press(qtbot, dialog, "Cancel" if named_or_none(dialog, "Cancel") else "Close")

    return cancel


def named_or_none(root: QWidget, name: str) -> QAbstractButton | None:
    return next((b for b in root.findChildren(QAbstractButton)
                 if name == b.text().replace("&", "").rstrip("…") and b.isVisible()), None)


# -- found by a newcomer ---------------------------------------------------------------------


def wheel(qtbot: Any, widget: QWidget, steps: int = -3) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent

    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(widget.rect().center())), QPoint(0, 0),
                        QPoint(0, 120 * steps), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_scrolls_past_a_choice_and_never_changes_it(window: MainWindow, qtbot: Any, dialogs: Any,
                                                              tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    open_file(qtbot, window, monkeypatch, real_file(tmp_path))
    screen = go_to(qtbot, window, "PAs")

    def scroll_then_cancel(dialog: Any) -> None:
        dialog.first.setFocus()
        before = (dialog.contract.currentText(), dialog.frequency.currentText(), dialog.started.date())
        for box in (dialog.contract, dialog.frequency, dialog.started):
            wheel(qtbot, box)
        assert (dialog.contract.currentText(), dialog.frequency.currentText(), dialog.started.date()) == before
        dialog.contract.setFocus()  # once chosen, the wheel may change it, as in any program
        wheel(qtbot, dialog.contract, 3)
        press(qtbot, dialog, "Cancel")

    dialogs.answer(scroll_then_cancel)
    press(qtbot, screen, "Add a PA")


def test_enter_never_closes_the_recovery_key_before_it_is_kept(qtbot: Any) -> None:
    from app.services.security import format_recovery_key
    from app.ui.dialogs_security import RecoveryKeyDialog

    dialog = RecoveryKeyDialog(format_recovery_key(bytes(range(32))), "sam.pabooks", "Sam Example")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.key_label.setFocus()  # reading the key, as a person does
    qtbot.keyClick(dialog.key_label, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.key_label, Qt.Key.Key_Enter)
    assert dialog.isVisible()
    assert dialog.saved.parentWidget() is named(dialog, "I have kept a copy").parentWidget().parentWidget()
    press(qtbot, dialog, "I have kept a copy")
    assert not dialog.isVisible()


def test_a_deadline_today_says_today(qtbot: Any) -> None:
    from app.services.views import TodoItem

    item = TodoItem("Approve Priya Shah's timesheet", "Check the hours.", date(2026, 12, 1), "soon")
    assert item.words(date(2026, 12, 1)).startswith("Today: Approve Priya Shah's timesheet. ")
    assert item.words(date(2026, 11, 28)).startswith("Soon: Approve Priya Shah's timesheet (by 1 December 2026)")
    # A reminder that says its deadline already is not told it twice.
    bill = TodoItem("Pay HMRC £31.65 by 22 December 2026", "For tax month 8.", date(2026, 12, 22), "soon")
    assert bill.words(date(2026, 12, 10)) == "Soon: Pay HMRC £31.65 by 22 December 2026. For tax month 8."


def test_the_blank_timesheet_is_offered_a_name_of_its_own(window: MainWindow, qtbot: Any, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    open_file(qtbot, window, monkeypatch, real_file(tmp_path))
    screen = go_to(qtbot, window, "Timesheets")
    screen.who.setFocus()
    qtbot.keyClick(screen.who, Qt.Key.Key_Down)
    offered: list[str] = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda _parent, _title, name, _filter: (offered.append(name)
                                                                                                  or "", ""))
    press(qtbot, screen, "Print a blank timesheet (PDF)")
    press(qtbot, screen, "Print the timesheet (PDF)")
    assert Path(offered[0]).name.startswith("Blank timesheet Priya Shah") and Path(offered[1]).name.startswith(
        "Timesheet Priya Shah")


def test_approving_can_confirm_the_planned_shifts_in_the_same_step(window: MainWindow, qtbot: Any, dialogs: Any,
                                                                   tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = real_file(tmp_path)
    with closing(EmployerBook.open(path)) as book:
        pa_id = ops.find_pa(book, "Priya Shah")
        assert pa_id is not None
        start, end = ops.period_for_pa(book, pa_id, book.today())
        ops.add_rota(book, ops.RotaInput(pa_id, (0, 1, 2, 3, 4), "09:00", "11:00", start, end))
        planned = ops.apply_rotas(book, start, end).created
    book = open_file(qtbot, window, monkeypatch, path)
    screen = go_to(qtbot, window, "Timesheets")
    screen.who.setFocus()
    qtbot.keyClick(screen.who, Qt.Key.Key_Down)

    def refuse_then_confirm(dialog: Any) -> None:
        assert named(dialog, f"Confirm the {planned} planned shifts as worked first").isVisible()
        press(qtbot, dialog, "Approve and lock")  # not ticked: said in the dialog, nothing saved
        assert "still planned" in dialog.problem.text()
        press(qtbot, dialog, f"Confirm the {planned} planned shifts as worked first")
        press(qtbot, dialog, "Approve and lock")

    while ops.period_for_pa(book, pa_id, screen.week_start) != (start, end):
        press(qtbot, screen, "Next week")  # to a week in this pay period
    dialogs.answer(refuse_then_confirm)
    press(qtbot, screen, "Approve the timesheet")
    sheet = ops.timesheet(book, pa_id, start, end)
    assert sheet.status == "approved" and len(sheet.shifts) == planned and not sheet.planned


def test_the_screen_in_view_refreshes_when_an_operation_changes_what_it_shows(window: MainWindow, qtbot: Any,
                                                                             tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """Screens listen for the kinds of record they show (the runner's "what changed"), not re-read on a guess."""
    book = open_file(qtbot, window, monkeypatch, real_file(tmp_path))
    screen = go_to(qtbot, window, "PAs")
    assert screen.model.rowCount() == 1
    ops.add_pa(book, ops.PaForm(first_name="Ria", last_name="Patel", started_on=date(2025, 1, 6),
                                contracted_hours_per_week="20", starter_statement="A"))  # from elsewhere: a script
    assert [row.name for row in screen.model.rows] == ["Priya Shah", "Ria Patel"]
    refreshed: list[str] = []
    monkeypatch.setattr(screen, "refresh", lambda: refreshed.append("PAs"))
    ops.set_pay_time_rules(book, "23:00", "07:00", "england")  # nothing the PAs screen shows
    assert refreshed == []


def test_home_gives_the_employers_details_a_place_and_each_reminder_goes_where_it_is_put_right(
        window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a newcomer: Home asked for the PAYE reference and the insurance, and nothing let them be entered."""
    from app.services.employer_details import employer_details

    book = open_file(qtbot, window, monkeypatch, real_file(tmp_path))
    home = go_to(qtbot, window, "Home")
    titles = [home.todo_list.item(n).text() for n in range(home.todo_list.count())]
    row = next(n for n, text in enumerate(titles) if "employer PAYE reference" in text)

    def details(dialog: Any) -> None:
        type_into(qtbot, dialog.paye, "AB45678")
        press(qtbot, dialog, "Save")
        assert "3 digits, a slash" in dialog.problem.text()
        type_into(qtbot, dialog.paye, "123/ab45678")
        type_into(qtbot, dialog.accounts_office, "123PA00012345")
        press(qtbot, dialog, "Claim Employment Allowance (care and support employers can)")
        press(qtbot, dialog, "Pay HMRC quarterly, not monthly")
        type_into(qtbot, dialog.insurer, "Example Mutual")
        press(qtbot, dialog, "Save")

    dialogs.answer(details)
    home.todo_list.setFocus()
    home.todo_list.setCurrentRow(row)
    qtbot.keyClick(home.todo_list, Qt.Key.Key_Return)  # Enter on the reminder opens the place to put it right
    saved = employer_details(book)
    assert (saved.paye_reference, saved.accounts_office_reference, saved.insurer) == ("123/AB45678", "123PA00012345",
                                                                                       "Example Mutual")
    assert not saved.claims_employment_allowance and saved.pays_hmrc_quarterly
    assert not any("PAYE reference" in home.todo_list.item(n).text() for n in range(home.todo_list.count()))

    dialogs.answer(lambda dialog: press(qtbot, dialog, "Cancel"))
    press(qtbot, home, "Employer details")
    agreement = next(n for n in range(home.todo_list.count()) if "direct payment agreement" in home.todo_list.item(
        n).text())
    home.todo_list.setCurrentRow(agreement)
    qtbot.keyClick(home.todo_list, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.screens["Timesheets"]


def test_a_date_is_typed_as_people_write_it_and_an_empty_optional_one_is_not_set(window: MainWindow, qtbot: Any,
                                                                               dialogs: Any, tmp_path: Path,
                                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Found by a newcomer: optional dates were a keyboard trap ("Not set01021990", Tab stuck inside the box)."""
    book = open_file(qtbot, window, monkeypatch, real_file(tmp_path))
    screen = go_to(qtbot, window, "PAs")

    def dates(dialog: Any) -> None:
        assert dialog.left.text.text() == "" and "Not set" in dialog.left.text.placeholderText()
        dialog.dob.text.setFocus()
        dialog.dob.text.selectAll()
        qtbot.keyClick(dialog.dob.text, Qt.Key.Key_Delete)
        qtbot.keyClicks(dialog.dob.text, "1/2/90")  # typed the short way
        qtbot.keyClick(dialog.dob.text, Qt.Key.Key_Up)  # does nothing odd to a typed date
        qtbot.keyClick(dialog.dob.text, Qt.Key.Key_Tab)  # Tab leaves the box: to its calendar button, then on
        assert QApplication.focusWidget() is dialog.dob.calendar_button
        qtbot.keyClick(dialog.dob.calendar_button, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.gender  # the next field (gender, as HMRC records it)
        qtbot.keyClick(dialog.gender, Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is dialog.started.text
        qtbot.keyClicks(dialog.left.text, "31/02/2027")
        press(qtbot, dialog, "Save")
        assert "Left on (if they have left): \"31/02/2027\" is not a date" in dialog.problem.text()
        dialog.left.text.selectAll()
        qtbot.keyClick(dialog.left.text, Qt.Key.Key_Delete)  # cleared: not set again
        def pick_the_day_before(calendar: Any) -> None:
            days = calendar.calendar.findChild(QAbstractItemView)  # the month's grid, which has the focus
            qtbot.keyClick(days, Qt.Key.Key_Left)
            qtbot.keyClick(days, Qt.Key.Key_Return)

        dialogs.answer(pick_the_day_before)
        qtbot.keyClick(dialog.started.text, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # the calendar
        assert dialog.started.text.text() == "05/01/2025", dialog.started.text.text()
        press(qtbot, dialog, "Save")
        assert not dialog.isVisible(), dialog.problem.text()

    dialogs.answer(dates)
    press(qtbot, screen, "Change details")
    form = ops.pa_details(book, ops.find_pa(book, "Priya Shah") or 0).form
    assert (form.date_of_birth, form.left_on, form.started_on) == (date(1990, 2, 1), None, date(2025, 1, 5))


def test_several_clients_on_one_computer(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch, no_keyring: None) -> None:
    """Found by a newcomer: one file at a time, bare names in Open recent, and the passphrase asked at every
    switch on a computer with no keyring."""
    from app.ui import main_window

    for client in ("Morgan", "Jones"):
        (tmp_path / client).mkdir()
        EmployerBook.create(tmp_path / client / "books.pabooks", NewEmployer(f"Sam {client}", passphrase=PASSPHRASE,
                                                                            passphrase_again=PASSPHRASE)).close()
    def unlock(dialog: Any) -> None:
        qtbot.keyClicks(dialog.secret, PASSPHRASE)
        press(qtbot, dialog, "Open")

    dialogs.answer(unlock)
    open_file(qtbot, window, monkeypatch, tmp_path / "Morgan" / "books.pabooks")
    shortcut(qtbot, window, QKeySequence.StandardKey.Close)
    open_file(qtbot, window, monkeypatch, tmp_path / "Morgan" / "books.pabooks")  # not asked again this session
    assert window.book is not None and ops.info(window.book).person_name == "Sam Morgan"

    shortcut(qtbot, window, "Ctrl+Shift+N")
    second = main_window.OPEN_WINDOWS[-1]
    second.problems = []
    second.show_problem = lambda title, message: second.problems.append((title, message))
    dialogs.answer(unlock)
    open_file(qtbot, second, monkeypatch, tmp_path / "Jones" / "books.pabooks")
    assert ops.info(second.book).person_name == "Sam Jones" and ops.info(window.book).person_name == "Sam Morgan"

    recent = next(a.menu() for a in second.menuBar().actions()[0].menu().actions() if a.text() == "Open &recent")
    assert [a.text() for a in recent.actions()][:2] == [f"books, in {tmp_path.name}/Jones",
                                                        f"books, in {tmp_path.name}/Morgan"]
    shortcut(qtbot, second, QKeySequence.StandardKey.Close)
    recent.popup(second.mapToGlobal(second.rect().center()))
    qtbot.waitUntil(recent.isVisible)
    asked: list[str] = []

    def in_use(box: Any) -> None:
        asked.append(box.text())
        press(qtbot, box, "Cancel")

    dialogs.answer(in_use)
    qtbot.mouseClick(recent, LEFT, pos=recent.actionGeometry(recent.actions()[1]).center())  # Morgan: open there
    assert second.book is None and "already open in a window of PA Books" in asked[0]
    dialogs.answer(lambda box: press(qtbot, box, "Look at it read-only"))
    recent.popup(second.mapToGlobal(second.rect().center()))
    qtbot.waitUntil(recent.isVisible)
    qtbot.mouseClick(recent, LEFT, pos=recent.actionGeometry(recent.actions()[1]).center())
    assert second.book is not None and second.book.read_only and second.read_only_banner.isVisible()
    second.close()

"""The Council returns screen, pressed as a person presses it: choose a period, save the return in each form the
council takes, mark it submitted (explaining what it lists at its top), and save the copy as it was sent."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView

from app.clock import FixedClock
from app.services.book import EmployerBook, NewEmployer
from app.services.record_money import RecordSpending, Spending
from app.services.set_up_account import AccountInput, SetUpAccount
from app.ui.main_window import MainWindow
from tests import ops
from tests.test_gui_controls import cancelling, go_to, open_file, press, save_as, type_into
from tests.test_gui_controls import window as window  # the fixture

pytestmark = pytest.mark.gui


def test_the_council_returns_screen(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "returns.pabooks"
    made = EmployerBook.create(path, NewEmployer("Alex Morgan", "Jordan Morgan", "suitable_person"))
    made.clock = FixedClock.on(date(2026, 11, 27))
    ops.set_agreement(made, "Northshire Council", date(2026, 4, 6), "1940.00", "four_weekly")
    made.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 4, 6), opening_balance="1000.00")).unwrap()
    made.run(RecordSpending(), Spending(date(2026, 5, 1), "60.00", "equipment", "Mobility Shop")).unwrap()
    made.close()
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(date(2026, 11, 27))
    screen = go_to(qtbot, window, "Council returns")
    assert "Northshire Council returns use the Direct payment financial return" in screen.about.text()
    assert "not over yet" in screen.periods.item(0).text()
    assert not screen.submit_button.isEnabled()
    screen.periods.setFocus()
    while "6 April 2026" not in screen.periods.currentItem().text():
        qtbot.keyClick(screen.periods, Qt.Key.Key_Down)
    assert "OVERDUE" in screen.periods.currentItem().text()
    preview = screen.preview.toPlainText()
    assert preview.startswith("To put right") and "Money out: £60.00" in preview and "Closing balance: £940.00" in preview
    for name, target in (("Save as PDF", "r.pdf"), ("Save in large print", "large.pdf"),
                         ("Save as a spreadsheet", "r.xlsx"), ("Save as CSV", "r.csv"),
                         ("Save with its evidence (zip)", "r.zip")):
        save_as(monkeypatch, tmp_path / target)
        press(qtbot, screen, name)
        assert (tmp_path / target).stat().st_size > 100 and "Saved" in screen.status.text()
    assert "return.pdf" in zipfile.ZipFile(tmp_path / "r.zip").namelist()

    def submit(dialog: Any) -> None:
        press(qtbot, dialog, "Mark it submitted")  # nothing explained yet
        assert "bank statement" in dialog.problem.text().lower()
        for field in dialog.explanations.values():
            type_into(qtbot, field, "Paper statements from the bank are enclosed")
        type_into(qtbot, dialog.sent_on.text, "20/07/2026")
        press(qtbot, dialog, "Mark it submitted")

    dialogs.answer(cancelling(qtbot, dialogs), submit)
    press(qtbot, screen, "Mark as submitted")  # cancelled: nothing is submitted
    assert "OVERDUE" in screen.periods.currentItem().text()
    press(qtbot, screen, "Mark as submitted")
    assert "Submitted and locked" in screen.status.text()
    screen.periods.setFocus()
    while "6 April 2026" not in screen.periods.currentItem().text():
        qtbot.keyClick(screen.periods, Qt.Key.Key_Down)
    assert "submitted" in screen.periods.currentItem().text()
    save_as(monkeypatch, tmp_path / "sent.pdf")
    press(qtbot, screen, "Save the copy as sent")
    assert (tmp_path / "sent.pdf").read_bytes().startswith(b"%PDF")

    def audit(dialog: Any) -> None:
        type_into(qtbot, dialog.first.text, "01/05/2026")
        type_into(qtbot, dialog.last.text, "30/04/2026")
        press(qtbot, dialog, "Show the return")  # the last day before the first
        assert "the last on or after the first" in dialog.problem.text()
        type_into(qtbot, dialog.last.text, "31/05/2026")
        press(qtbot, dialog, "Show the return")

    dialogs.answer(cancelling(qtbot, dialogs), audit)
    press(qtbot, screen, "A return for other dates (an audit)")  # cancelled: the chosen period stays
    assert "6 April 2026" in screen.periods.currentItem().text()
    press(qtbot, screen, "A return for other dates (an audit)")
    assert "1 May 2026 to 31 May 2026" in screen.status.text()
    assert "Money out: £60.00" in screen.preview.toPlainText()
    save_as(monkeypatch, tmp_path / "audit.pdf")
    press(qtbot, screen, "Save as PDF")
    from pypdf import PdfReader

    assert "Direct payment audit summary" in PdfReader(str(tmp_path / "audit.pdf")).pages[0].extract_text()
    save_as(monkeypatch, tmp_path / "audit-pack.zip")
    press(qtbot, screen, "Save an audit pack (zip)")
    assert "audit.pdf with a contents page" in screen.status.text()
    pack = zipfile.ZipFile(tmp_path / "audit-pack.zip")
    assert {"audit.pdf", "return.xlsx", "return.csv"} <= set(pack.namelist())
    contents = PdfReader(io.BytesIO(pack.read("audit.pdf"))).pages[0].extract_text()
    assert "Contents" in contents and "2. Every transaction and its evidence" in contents


def test_the_annual_review_pack_and_its_notes(window: MainWindow, qtbot: Any, dialogs: Any, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "review.pabooks"
    made = EmployerBook.create(path, NewEmployer("Alex Morgan", "Jordan Morgan", "suitable_person"))
    made.clock = FixedClock.on(date(2026, 11, 27))
    ops.set_agreement(made, "Northshire Council", date(2026, 4, 6), "1940.00", "four_weekly")
    made.run(SetUpAccount(), AccountInput("DP", opened_on=date(2026, 4, 6), opening_balance="1000.00")).unwrap()
    made.close()
    book = open_file(qtbot, window, monkeypatch, path)
    book.clock = FixedClock.on(date(2026, 11, 27))

    # The support plan's outcomes, from the Timesheets screen's support plan dialog.
    timesheets = go_to(qtbot, window, "Timesheets")

    def plan(dialog: Any) -> None:
        type_into(qtbot, dialog.fields["day"], "20")
        dialog.outcomes.setFocus()
        qtbot.keyClicks(dialog.outcomes, "Get out and about")
        qtbot.keyClick(dialog.outcomes, Qt.Key.Key_Return)
        qtbot.keyClicks(dialog.outcomes, "Keep well")
        press(qtbot, dialog, "Save the plan")

    dialogs.answer(plan)
    press(qtbot, timesheets, "Support plan")
    screen = go_to(qtbot, window, "Council returns")

    def note(dialog: Any) -> None:
        press(qtbot, dialog, "Keep the note")  # nothing written yet
        assert "in your own words" in dialog.problem.text()
        dialog.words.setFocus()
        qtbot.keyClicks(dialog.words, "Swimming on Thursdays is the best bit.")
        assert [dialog.outcome.itemText(i) for i in range(dialog.outcome.count())] == ["", "Get out and about",
                                                                                      "Keep well"]
        dialog.outcome.setFocus()
        qtbot.keyClick(dialog.outcome, Qt.Key.Key_Down)
        assert dialog.written_by.text() == "Alex Morgan"
        press(qtbot, dialog, "Keep the note")

    def withdraw(dialog: Any) -> None:
        press(qtbot, dialog, "Withdraw it")
        assert "Say why" in dialog.problem.text()
        type_into(qtbot, dialog.reason, "Written on the wrong file")
        press(qtbot, dialog, "Withdraw it")

    def review(dialog: Any) -> None:
        assert "No notes in the period yet" in dialog.notes.item(0).text()
        assert not dialog.withdraw_button.isEnabled()
        press(qtbot, dialog, "Write a note")  # cancelled
        assert dialog.rows == []
        press(qtbot, dialog, "Write a note")
        assert "Swimming on Thursdays" in dialog.notes.item(0).text() and "What is working well" in \
            dialog.notes.item(0).text()
        press(qtbot, dialog, "Write a note")
        press(qtbot, dialog, "Withdraw the chosen note")  # cancelled: the note stays
        press(qtbot, dialog, "Withdraw the chosen note")
        assert [r.words for r in dialog.rows] == ["Swimming on Thursdays is the best bit."]
        save_as(monkeypatch, tmp_path / "review.pdf")
        press(qtbot, dialog, "Save the pack (PDF)")
        assert "Saved review.pdf" in dialog.summary.text()
        save_as(monkeypatch, tmp_path / "easy.pdf")
        press(qtbot, dialog, "Save the easy-read version")
        type_into(qtbot, dialog.last.text, "01/01/2020")
        press(qtbot, dialog, "Save the pack (PDF)")  # the last day before the first: said, nothing saved
        assert "the last on or after the first" in dialog.problem.text()

        def a_day_later(calendar: Any) -> None:
            qtbot.keyClick(calendar.calendar.findChild(QAbstractItemView), Qt.Key.Key_Right)
            press(qtbot, calendar, "Choose this day")

        dialogs.queue[0:0] = [a_day_later]
        qtbot.mouseClick(dialog.last.calendar_button, Qt.MouseButton.LeftButton)  # the To date by its calendar
        assert dialog.last.text.text() == "02/01/2020"
        press(qtbot, dialog, "Close")

    def second(dialog: Any) -> None:
        dialog.words.setFocus()
        qtbot.keyClicks(dialog.words, "A note written on the wrong file")
        press(qtbot, dialog, "Keep the note")

    dialogs.answer(review, cancelling(qtbot, dialogs), note, second, cancelling(qtbot, dialogs), withdraw)
    press(qtbot, screen, "The annual review pack")
    from pypdf import PdfReader

    plain = " ".join(PdfReader(str(tmp_path / "review.pdf")).pages[0].extract_text().split())
    assert "Review of the support plan: Alex Morgan" in plain
    easy = " ".join(" ".join(p.extract_text() for p in PdfReader(str(tmp_path / "easy.pdf")).pages).split())
    assert "Swimming on Thursdays is the best bit. (Alex Morgan, November 2026)" in easy
    assert "A note written on the wrong file" not in easy


def test_the_returns_screen_works_out_the_latest_return_once_when_it_opens(
        window: MainWindow, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Showing the latest period worked its return out twice (the list's change and the refresh): on a
    10-year file that was a tenth of a second of the screen's first showing."""
    import app.ui.screens.returns as returns_screen

    path = tmp_path / "once.pabooks"
    made = EmployerBook.create(path, NewEmployer("Alex Morgan"))
    ops.set_agreement(made, "Northshire Council", date(2026, 4, 6), "1940.00", "four_weekly")
    made.close()
    worked_out = []
    real = returns_screen.council_return
    monkeypatch.setattr(returns_screen, "council_return", lambda *a, **k: worked_out.append(1) or real(*a, **k))
    open_file(qtbot, window, monkeypatch, path)
    screen = go_to(qtbot, window, "Council returns")
    assert screen.periods.currentRow() == 0 and screen.preview.toPlainText()
    assert len(worked_out) == 1

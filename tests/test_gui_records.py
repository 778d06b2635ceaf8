"""PAs and timesheets on screen: dialogs that keep what was typed, locks, imports and keyboard access."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.services.book import EmployerBook, NewEmployer
from app.ui.accessibility import unnamed_controls, unreachable_controls
from app.ui.dialogs_people import PaDialog, RatesDialog
from app.ui.dialogs_shifts import ApproveDialog, ShiftDialog
from app.ui.main_window import SCREEN_ORDER, MainWindow
from app.ui.screens.timesheets import TimesheetsScreen, monday_of
from tests import ops
from tests.helpers import watched_window

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, tmp_path: Path):  # type: ignore[no-untyped-def]
    EmployerBook.create(tmp_path / "gui.pabooks", NewEmployer("Gee Example")).close()
    win = watched_window(qtbot)
    win.open_path(tmp_path / "gui.pabooks")
    yield win
    win.close()


def type_into(qtbot, widget, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.clear()
    qtbot.keyClicks(widget, text)


def add_pa_through_dialog(window: MainWindow, qtbot) -> int:  # type: ignore[no-untyped-def]
    screen = window.screens["PAs"]
    dialog = PaDialog(window, lambda form: screen._added(ops.add_pa(window.book, form, date(2026, 11, 25))))
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.first, "Ria")
    type_into(qtbot, dialog.last, "Patel")
    dialog.starter.setCurrentIndex(dialog.starter.findData("A"))
    dialog.started.setDate(dialog.started.date().addYears(-1))
    assert not dialog.try_submit()  # no contracted hours yet
    assert "contracted hours" in dialog.problem.text()
    assert dialog.first.text() == "Ria"  # nothing typed is lost
    type_into(qtbot, dialog.hours, "20")
    assert dialog.try_submit()
    pa_id = ops.find_pa(window.book, "Ria Patel")
    assert pa_id is not None
    return pa_id


def test_add_a_pa_then_rates_from_the_pas_screen(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pa_id = add_pa_through_dialog(window, qtbot)
    screen = window.screens["PAs"]
    screen.refresh()
    assert screen.model.rowCount() == 1 and screen.selected_pa_id() == pa_id
    details = ops.pa_details(window.book, pa_id)
    assert details.form.tax_code == "1257L"
    from app.services.add_rates import AddRates, NewRates

    rates = RatesDialog(window, details, lambda given: window.book.run(AddRates(), NewRates(pa_id, given)).unwrap())
    qtbot.addWidget(rates)
    type_into(qtbot, rates.amounts["day"], "twelve")
    assert not rates.try_submit() and "is not an amount" in rates.problem.text()
    type_into(qtbot, rates.amounts["day"], "13.25")
    rates.from_day.setDate(rates.from_day.date().addYears(-1))
    assert rates.try_submit()
    assert ops.pa_details(window.book, pa_id).rates[0].amount_words == "£13.25 an hour"
    assert unnamed_controls(rates) == []


def test_timesheet_screen_week_navigation_and_shift_dialog(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pa_id = add_pa_through_dialog(window, qtbot)
    day = monday_of(date.today()) - timedelta(days=7)
    ops.add_rate(window.book, pa_id, "day", day - timedelta(days=300), "13.00")
    ops.add_rate(window.book, pa_id, "bank_holiday", day - timedelta(days=300), "19.50")
    window.navigation.setCurrentRow(SCREEN_ORDER.index("Timesheets"))
    screen: TimesheetsScreen = window.screens["Timesheets"]  # type: ignore[assignment]
    screen.who.setCurrentIndex(screen.who.findData(pa_id))
    screen.week_start = day
    screen.refresh()
    dialog = ShiftDialog(screen, screen.pa_choices(), lambda entry: ops.add_shift(window.book, entry), day)
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.start, "09:00")
    type_into(qtbot, dialog.end, "25:00")
    assert not dialog.try_submit() and "not a time of day" in dialog.problem.text()
    type_into(qtbot, dialog.end, "13:30")
    assert dialog.try_submit()
    screen.refresh()
    assert screen.list.count() == 1 and "09:00 to 13:30, 4.50 hours" in screen.list.item(0).text()
    assert "09:00 to 13:30" in screen.grid.item(0, 1).text()
    qtbot.keyClick(screen, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert screen.week_start == day + timedelta(days=7)
    qtbot.keyClick(screen, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert screen.week_start == day
    assert unreachable_controls(window) == [] and unnamed_controls(window) == []


def test_the_dialog_asks_which_time_in_the_autumn_overlap(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    pa_id = add_pa_through_dialog(window, qtbot)
    ops.add_rate(window.book, pa_id, "weekend", date(2025, 1, 1), "15.00")
    ops.add_rate(window.book, pa_id, "day", date(2025, 1, 1), "13.00")
    form = ops.pa_details(window.book, pa_id).form  # the PA started long enough ago
    ops.update_pa(window.book, pa_id, ops.PaForm(**{**{f: getattr(form, f) for f in form.__dataclass_fields__},
                                                   "started_on": date(2025, 1, 1)}))
    dialog = ShiftDialog(window, [(pa_id, "Ria Patel")], lambda entry: ops.add_shift(window.book, entry),
                         date(2026, 10, 24))
    qtbot.addWidget(dialog)
    type_into(qtbot, dialog.start, "22:00")
    type_into(qtbot, dialog.end, "01:30")
    asked: list[str] = []
    dialog.ask_which = lambda wall: asked.append(wall) or "GMT"  # type: ignore[method-assign]
    assert dialog.try_submit()
    assert asked == ["01:30"] and dialog.end.text() == "01:30 GMT"
    shift = ops.shifts_between(window.book, date(2026, 10, 24), date(2026, 10, 24))[0]
    assert str(shift.hours) == "4.50"


def test_approve_locks_the_shift_buttons_and_import_errors_are_told(window: MainWindow, qtbot,
                                                                    tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pa_id = add_pa_through_dialog(window, qtbot)
    ops.add_rate(window.book, pa_id, "day", date(2025, 1, 1), "13.00")
    first = date.today().replace(day=1) - timedelta(days=1)
    first = first.replace(day=1)  # last month: a whole pay period in the past
    start, end = ops.period_for_pa(window.book, pa_id, first)
    weekday = next(start + timedelta(days=n) for n in range(7) if (start + timedelta(days=n)).weekday() == 1)
    ops.add_shift(window.book, ops.ShiftInput(pa_id, weekday, "09:00", "12:00"))
    screen: TimesheetsScreen = window.screens["Timesheets"]  # type: ignore[assignment]
    window.navigation.setCurrentRow(SCREEN_ORDER.index("Timesheets"))
    screen.who.setCurrentIndex(screen.who.findData(pa_id))
    screen.week_start = monday_of(weekday)
    screen.refresh()
    assert screen.action_buttons["Change the shift"].isEnabled()
    from app.services.approve_timesheet import approval_summary

    dialog = ApproveDialog(screen, approval_summary(window.book, pa_id, start, end),
                           lambda a, b, confirm: ops.approve_timesheet(window.book, pa_id, start, end, a, b, confirm))
    qtbot.addWidget(dialog)
    assert dialog.try_submit()
    screen.refresh()
    assert "locked" in screen.list.item(0).text()
    assert not screen.action_buttons["Change the shift"].isEnabled()
    csv = tmp_path / "bad.csv"
    csv.write_text("pa,date,start,end\nRia Patel,01/01/2026,9am,12:00\n", encoding="utf-8")
    assert not screen.import_file(csv)
    assert window.problems[-1][0] == "Nothing was imported" and "line 2, start" in window.problems[-1][1]
    pdf = screen.print_timesheet(tmp_path / "sheet.pdf")
    assert pdf is not None and pdf.read_bytes().startswith(b"%PDF")


def test_month_summary_counts_hours_per_week(window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui import dialogs_shifts

    pa_id = add_pa_through_dialog(window, qtbot)
    ops.add_rate(window.book, pa_id, "day", date(2025, 1, 1), "13.00")
    monday = monday_of(date.today()) - timedelta(days=14)
    ops.add_shift(window.book, ops.ShiftInput(pa_id, monday + timedelta(days=1), "09:00", "12:00"))
    screen: TimesheetsScreen = window.screens["Timesheets"]  # type: ignore[assignment]
    screen.week_start = monday
    shown: list[dialogs_shifts.TableDialog] = []
    monkeypatch.setattr(dialogs_shifts.TableDialog, "exec", lambda self: shown.append(self) or 0)
    screen.month_summary()
    table = shown[0].table
    cells = [[table.item(r, c).text() for c in range(table.columnCount())] for r in range(table.rowCount())]
    assert cells[0][0] == "Ria Patel" and cells[0][-1] == "3.00"


def test_support_plan_dialog_records_the_agreement_first(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs_shifts import SupportPlanDialog

    screen: TimesheetsScreen = window.screens["Timesheets"]  # type: ignore[assignment]
    dialog = SupportPlanDialog(screen, ops.support_plan(window.book, date.today()), screen.save_plan)
    qtbot.addWidget(dialog)
    assert dialog.needs_agreement
    type_into(qtbot, dialog.fields["day"], "30")
    assert not dialog.try_submit() and "council's name" in dialog.problem.text()
    type_into(qtbot, dialog.council, "Northshire County Council")
    type_into(qtbot, dialog.payment, "1940.00")
    assert dialog.try_submit()
    plan = ops.support_plan(window.book, date.today())
    assert plan.council_name == "Northshire County Council" and plan.hours_by_kind == {"day": 30}
    assert unnamed_controls(dialog) == []


def test_settings_night_rules(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    window.navigation.setCurrentRow(SCREEN_ORDER.index("Settings"))
    screen = window.screens["Settings"]
    type_into(qtbot, screen.night_starts, "21:00")
    screen.country.setCurrentIndex(screen.country.findData("scotland"))
    assert screen.save_rules()
    assert ops.pay_time_rules(window.book).country == "scotland"
    type_into(qtbot, screen.night_ends, "27:00")
    assert not screen.save_rules() and "not a time of day" in screen.rules_message.text()
    assert f"{ops.pay_time_rules(window.book).night_ends:%H:%M}" == "06:00"  # nothing half-saved


def test_history_and_backups_screens(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from app.ui.screens.records import BackupsScreen, HistoryScreen

    add_pa_through_dialog(window, qtbot)
    window.navigation.setCurrentRow(SCREEN_ORDER.index("History"))
    history: HistoryScreen = window.screens["History"]  # type: ignore[assignment]
    assert history.status.text().startswith("The history is intact")
    assert "added a PA (PA Ria Patel)" in history.list.item(0).text()
    exported = history.export(tmp_path / "history.csv")
    assert exported is not None and "Ria Patel" in exported.read_text(encoding="utf-8-sig")
    window.navigation.setCurrentRow(SCREEN_ORDER.index("Backups"))
    screen: BackupsScreen = window.screens["Backups"]  # type: ignore[assignment]
    assert screen.list.count() == 1 and "the daily copy: 0 PAs" in screen.list.item(0).text()  # taken on open
    screen.copy_now()
    assert screen.list.count() == 2 and screen.restore_button.isEnabled()
    assert "1 PA," in screen.list.item(0).text()
    assert screen.restore(tmp_path / "restored")
    assert window.book is not None and window.book.path.name == "restored.pabooks"
    assert window.windowTitle() == "restored.pabooks — PA Books"


def test_erase_a_former_pa_from_the_pas_screen(window: MainWindow, qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from app.ui.dialogs_shifts import ReasonDialog

    pa_id = ops.add_pa(window.book, ops.PaForm(
        first_name="Old", last_name="Timer", started_on=date(2015, 1, 5), left_on=date(2018, 3, 31),
        contracted_hours_per_week="10", starter_statement="A"), date.today())
    window.navigation.setCurrentRow(SCREEN_ORDER.index("PAs"))
    screen = window.screens["PAs"]
    screen.refresh()
    screen.table.selectRow([r.pa_id for r in screen.model.rows].index(pa_id))

    def answer(dialog: ReasonDialog) -> int:
        assert "cannot be undone" in " ".join(label.text() for label in dialog.findChildren(QLabel))
        dialog.reason.setPlainText("Asked in writing on 1 November 2026")
        assert dialog.try_submit()
        return 1

    monkeypatch.setattr(ReasonDialog, "exec", answer)
    screen.erase()
    assert ops.pa_details(window.book, pa_id).name == f"Former PA {pa_id}"

"""Timesheets and rotas: a week at a time, for everyone or one PA, all of it usable from the keyboard.

The week grid shows the days at a glance; the list below it holds the same shifts one per line (the
way a screen reader reads them best) and is where a shift is chosen for changing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QWidget,
)

from app.services.add_shift import AddShift
from app.services.amend_timesheet import Amendment, AmendTimesheet
from app.services.approve_timesheet import Approval, ApproveTimesheet, ConfirmPlanned, PaDays, approval_summary
from app.services.book import BookError, EmployerBook
from app.services.change_shift import ChangeShift, DeleteShift, MarkShift, ShiftChange, ShiftMark
from app.services.council_agreement import AgreementInput, PlanInput, SetAgreement, SetSupportPlan, support_plan
from app.services.home import home_summary
from app.services.hours_summary import hours_summary
from app.services.import_shifts import ImportResult, ImportShifts, read_shifts_file
from app.services.operations import Change
from app.services.pa_queries import list_pas
from app.services.rotas import AddRota, ApplyRotas, Days, RotaResult
from app.services.timesheet_views import ShiftView, month_weeks, period_for_pa, shifts_between, timesheet
from app.services.words import KIND_WORDS, ShiftStatus, TimesheetStatus, format_pounds, hours, long_date
from app.ui.boxes import ChoiceBox
from app.ui.dialogs_shifts import (
    ApproveDialog,
    RotaDialog,
    ShiftDialog,
    SupportPlanDialog,
    TableDialog,
    amend_dialog,
)
from app.ui.widgets import Screen, button, button_columns, heading, labelled_row, paragraph, tell

EVERYONE = 0


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class TimesheetsScreen(Screen):
    title = "Timesheets"
    shows = frozenset({Change.PAS, Change.RATES, Change.SHIFTS, Change.ROTAS, Change.TIMESHEETS, Change.PLAN,
                       Change.AGREEMENT, Change.PAY_RULES})

    def __init__(self, book: EmployerBook) -> None:
        super().__init__()
        self.book = book
        self.week_start = monday_of(self.book.today())
        self.shifts: list[ShiftView] = []
        self.period_status = ""  # the chosen PA's timesheet for the pay period: draft or approved
        self._init_controls()
        self._init_actions()
        self.refresh()

    # -- building ------------------------------------------------------------------------------

    def _init_controls(self) -> None:
        self.layout_.addWidget(heading("Timesheets and rotas"))
        self.layout_.addWidget(paragraph(
            "Choose whose shifts to see, then move week by week (Alt+Left and Alt+Right). Add a shift, or "
            "choose one in the list of shifts to change it."))
        chooser = QWidget()
        form = QFormLayout(chooser)
        form.setContentsMargins(0, 0, 0, 0)
        self.who = ChoiceBox()
        labelled_row(form, "&Show shifts for:", self.who)
        self.layout_.addWidget(chooser)
        weeks = QWidget()
        row = QGridLayout(weeks)
        row.setContentsMargins(0, 0, 0, 0)
        self.week_label = QLabel("")
        self.week_label.setWordWrap(True)
        self.week_label.setFont(heading("", 3).font())
        row.addWidget(self.week_label, 0, 0, 1, 3)
        for index, (text, slot) in enumerate((("&Previous week", self.previous_week), ("This &week", self.this_week),
                                              ("Ne&xt week", self.next_week))):
            columns = button_columns(3)
            row.addWidget(button(text, slot), 1 + index // columns, index % columns)
        self.layout_.addWidget(weeks)
        QShortcut(QKeySequence("Alt+Left"), self, self.previous_week)
        QShortcut(QKeySequence("Alt+Right"), self, self.next_week)

        self.grid = QTableWidget(7, 2)
        self.grid.setAccessibleName("The week at a glance: one row a day")
        self.grid.setHorizontalHeaderLabels(["Day", "Shifts"])
        self.grid.verticalHeader().setVisible(False)
        self.grid.horizontalHeader().setStretchLastSection(True)
        self.grid.setTabKeyNavigation(False)
        self.grid.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.grid.setWordWrap(True)
        self.grid.setMinimumHeight(260)
        self.layout_.addWidget(self.grid)
        self.layout_.addWidget(heading("Shifts this week", 2))
        self.list = QListWidget()
        self.list.setAccessibleName("Shifts this week, one a line")
        self.list.setWordWrap(True)
        self.list.setMinimumHeight(160)
        self.layout_.addWidget(self.list)
        self.who.currentIndexChanged.connect(lambda _index: self.refresh())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self.list.itemActivated.connect(lambda _item: self.change_shift())
        self.grid.cellActivated.connect(lambda row, _col: self.add_shift(self.week_start + timedelta(days=row)))

    def _init_actions(self) -> None:
        self.action_buttons: dict[str, QWidget] = {}
        groups: list[tuple[str, list[tuple[str, Callable[[], object]]]]] = [
            ("Shifts", [("&Add a shift…", self.add_shift), ("&Change the shift…", self.change_shift),
                        ("Confirm as w&orked", lambda: self.mark(status=ShiftStatus.WORKED)),
                        ("Mark a&bsent", lambda: self.mark(status=ShiftStatus.ABSENT)),
                        ("Mark s&ick", lambda: self.mark(kind="sick")),
                        ("Mark holida&y", lambda: self.mark(kind="holiday")),
                        ("&Delete the shift", self.delete_shift)]),
            ("Rotas and imports", [("Planned shifts from &rotas", self.apply_rotas),
                                   ("New rota patter&n…", self.new_rota),
                                   ("I&mport shifts from a spreadsheet (CSV)…", self.import_csv),
                                   ("Month summary…", self.month_summary),
                                   ("Support p&lan…", self.edit_plan)]),
            ("This PA's timesheet for the pay period", [
                ("Confirm all planned as worked", self.confirm_all),
                ("Print the &timesheet (PDF)…", self.print_timesheet),
                ("Print a blan&k timesheet (PDF)…", self.print_blank),
                ("Appro&ve the timesheet…", self.approve), ("Chang&e an approved timesheet…", self.amend)]),
        ]
        for title, items in groups:
            self.layout_.addWidget(heading(title, 3))
            holder = QWidget()
            grid = QGridLayout(holder)
            grid.setContentsMargins(0, 0, 0, 0)
            for index, (text, slot) in enumerate(items):
                widget = button(text, slot)
                self.action_buttons[text.replace("&", "").rstrip("…")] = widget
                columns = button_columns(2)
                grid.addWidget(widget, index // columns, index % columns)
            self.layout_.addWidget(holder)
        self.add_status()
        self.status.setObjectName("status")
        self.layout_.addWidget(heading("Hours and checks", 2))
        self.summary = QTextBrowser()
        self.summary.setAccessibleName("Hours and checks for this week")
        self.summary.setMinimumHeight(180)
        self.summary.setOpenLinks(False)
        self.layout_.addWidget(self.summary)

    # -- what is shown -------------------------------------------------------------------------

    def pa_choices(self) -> list[tuple[int, str]]:
        return [(row.pa_id, row.name) for row in list_pas(self.book)]

    def chosen_pa(self) -> int | None:
        value = self.who.currentData()
        return None if value in (None, EVERYONE) else int(value)

    def refresh(self) -> None:
        chosen = self.who.currentData()
        self.who.blockSignals(True)
        self.who.clear()
        self.who.addItem("Everyone", EVERYONE)
        for pa_id, name in self.pa_choices():
            self.who.addItem(name, pa_id)
        index = self.who.findData(chosen)
        self.who.setCurrentIndex(max(index, 0))
        self.who.blockSignals(False)
        last = self.week_start + timedelta(days=6)
        self.week_label.setText(f"Week of Monday {long_date(self.week_start)} to Sunday {long_date(last)}")
        self.shifts = shifts_between(self.book, self.week_start, last, self.chosen_pa())
        for offset in range(7):
            day = self.week_start + timedelta(days=offset)
            todays = [s for s in self.shifts if s.day == day]
            self.grid.setItem(offset, 0, QTableWidgetItem(f"{day:%A} {day.day} {day:%B}"))
            text = "\n".join(f"{s.who}: {s.start_words} to {s.end_words}" + (
                "" if s.kind == "work" else f", {KIND_WORDS.get(s.kind, s.kind)}") + (
                f" ({s.status})" if s.status != ShiftStatus.WORKED else "") for s in todays) or "No shifts"
            self.grid.setItem(offset, 1, QTableWidgetItem(text))
        self.grid.resizeRowsToContents()
        self.grid.resizeColumnToContents(0)
        self.list.clear()
        for shift in self.shifts:
            item = QListWidgetItem(shift.words())
            item.setData(Qt.ItemDataRole.UserRole, shift.shift_id)
            self.list.addItem(item)
        if not self.shifts:
            self.list.addItem("No shifts this week. Add one, or make planned shifts from your rotas.")
        else:
            self.list.setCurrentRow(0)
        self._summarise(last)
        self._enable()

    def _summarise(self, last: date) -> None:
        self.period_status = ""
        summary = hours_summary(self.book, self.week_start, last)
        parts = []
        for pa in summary.pas:
            if self.chosen_pa() not in (None, pa.pa_id):
                continue
            kinds = ", ".join(f"{hours(m)} {KIND_WORDS.get(k, k)}" for k, m in sorted(pa.minutes_by_kind.items()))
            parts.append(f"<h3>{pa.name}</h3><p>{hours(sum(pa.minutes_by_kind.values()))} hours ({kinds}); "
                         f"pay for these shifts {format_pounds(pa.gross_pay_pence)}.</p>")
            for line in pa.problems + pa.working_time:
                parts.append(f"<p>Warning: {line}</p>")
        if self.chosen_pa() is None:
            parts.append("<h3>Against the support plan</h3>" + "".join(f"<p>{w}</p>" for w in summary.plan_words))
        pa_id = self.chosen_pa()
        if pa_id is not None:
            start, end = period_for_pa(self.book, pa_id, self.week_start)
            view = timesheet(self.book, pa_id, start, end)
            self.period_status = view.status
            state = "approved and locked" if view.status == TimesheetStatus.APPROVED else "not yet approved"
            parts.append(f"<h3>Pay period {long_date(start)} to {long_date(end)}</h3><p>Timesheet version "
                         f"{view.version}: {state}. {hours(view.total_minutes)} hours, "
                         f"{format_pounds(view.pay.gross_pence)}.</p>")
            period = hours_summary(self.book, start, end)
            for pa in period.pas:
                if pa.pa_id == pa_id:
                    parts += [f"<p>Minimum wage: {line}</p>" for line in pa.minimum_wage]
        self.summary.setHtml("".join(parts) or "<p>No hours this week.</p>")

    def selected(self) -> ShiftView | None:
        item = self.list.currentItem()
        shift_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        return next((s for s in self.shifts if s.shift_id == shift_id), None)

    def _enable(self) -> None:
        chosen = self.selected()
        editable = chosen is not None and not chosen.locked
        for name in ("Change the shift", "Confirm as worked", "Mark absent", "Mark sick", "Mark holiday",
                     "Delete the shift"):
            self.action_buttons[name].setEnabled(editable)
        for name in ("Confirm all planned as worked", "Print the timesheet (PDF)", "Print a blank timesheet (PDF)"):
            self.action_buttons[name].setEnabled(self.chosen_pa() is not None)
        approved = self.period_status == TimesheetStatus.APPROVED
        self.action_buttons["Approve the timesheet"].setEnabled(self.chosen_pa() is not None and not approved)
        self.action_buttons["Change an approved timesheet"].setEnabled(self.chosen_pa() is not None and approved)
        self.action_buttons["Add a shift"].setEnabled(self.who.count() > 1)  # "Everyone" plus at least one PA

    # -- moving --------------------------------------------------------------------------------

    def previous_week(self) -> None:
        self.week_start -= timedelta(days=7)
        self.refresh()

    def next_week(self) -> None:
        self.week_start += timedelta(days=7)
        self.refresh()

    def this_week(self) -> None:
        self.week_start = monday_of(self.book.today())
        self.refresh()

    # -- doing ---------------------------------------------------------------------------------

    def _run(self, title: str, action: object) -> bool:
        """Run one operation; a refusal is said plainly. (The screen refreshes when the runner says what changed.)"""
        try:
            action()  # type: ignore[operator]
        except BookError as exc:
            tell(self, title, str(exc))
            return False
        return True

    def add_shift(self, day: date | None = None) -> None:
        start_day = day if isinstance(day, date) else self.week_start
        ShiftDialog(self, self.pa_choices(), lambda entry: self.book.run(AddShift(), entry).unwrap(), start_day).exec()

    def change_shift(self) -> None:
        chosen = self.selected()
        if chosen is None or chosen.locked:
            return
        ShiftDialog(self, self.pa_choices(), lambda entry: self.book.run(
            ChangeShift(), ShiftChange(chosen.shift_id, entry)).unwrap(),
                    chosen.day, chosen).exec()

    def mark(self, status: str | None = None, kind: str | None = None) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._run("The shift was not changed",
                      lambda: self.book.run(MarkShift(), ShiftMark(chosen.shift_id, status, kind)).unwrap())

    def delete_shift(self) -> None:
        chosen = self.selected()
        if chosen is not None:
            self._run("The shift was not deleted", lambda: self.book.run(DeleteShift(), chosen.shift_id).unwrap())

    def apply_rotas(self) -> None:
        last = self.week_start + timedelta(days=6)
        result: list[RotaResult] = []
        if self._run("No planned shifts were made",
                     lambda: result.append(self.book.run(ApplyRotas(), Days(self.week_start, last)).unwrap())):
            done = result[0]
            already = f" {done.already_planned} were planned already." if done.already_planned else ""
            missed = "".join(f"\n{note}" for note in done.not_applied)
            tell(self, "Planned shifts", f"{done.created} planned shift(s) added for this week.{already}"
                 + (f"\n\nNot added:{missed}" if missed else ""))

    def new_rota(self) -> None:
        RotaDialog(self, self.pa_choices(), lambda entry: self.book.run(AddRota(), entry).unwrap()).exec()

    def import_csv(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Import shifts", str(Path.home()),
                                                "Spreadsheet CSV files (*.csv);;All files (*)")
        if chosen:
            self.import_file(Path(chosen))

    def import_file(self, path: Path) -> bool:
        result: list[ImportResult] = []
        if self._run("Nothing was imported", lambda: result.append(
                self.book.run(ImportShifts(), read_shifts_file(path)).unwrap())):
            tell(self, "Shifts imported", f"{result[0].shifts_added} shifts imported for {', '.join(result[0].pas)}.")
            return True
        return False

    def month_summary(self) -> None:
        middle = self.week_start + timedelta(days=3)
        weeks = month_weeks(middle.year, middle.month)
        totals: dict[str, list[int]] = {}
        for index, (first, last) in enumerate(weeks):
            for pa in hours_summary(self.book, first, last).pas:
                totals.setdefault(pa.name, [0] * len(weeks))[index] += sum(pa.minutes_by_kind.values())
        headers = ["PA"] + [f"Week of {first.day} {first:%b}" for first, _ in weeks] + ["Total"]
        rows = [[name] + [str(hours(m)) for m in values] + [str(hours(sum(values)))] for name, values in totals.items()]
        TableDialog(self, f"Hours in {middle:%B %Y}", "Hours worked by each PA, week by week (Monday to Sunday).",
                    headers, rows or [["No shifts this month"] + [""] * (len(headers) - 1)]).exec()

    def edit_plan(self) -> None:
        SupportPlanDialog(self, support_plan(self.book, self.book.today()), self.save_plan).exec()

    def save_plan(self, hours: dict[str, str], starts: date, agreement: dict[str, str] | None,
                  outcomes: tuple[str, ...] | None = None) -> None:
        """One operation: the plan and its outcomes (with the agreement, when there is none yet), or the agreement
        alone."""
        council = (AgreementInput(agreement["council"], starts, agreement["payment"], agreement["every"])
                   if agreement is not None else None)
        if council is not None and not hours and outcomes is None:
            self.book.run(SetAgreement(), council).unwrap()
        else:
            self.book.run(SetSupportPlan(), PlanInput(starts, hours, council, outcomes)).unwrap()

    def _period(self) -> tuple[int, date, date] | None:
        pa_id = self.chosen_pa()
        if pa_id is None:
            return None
        start, end = period_for_pa(self.book, pa_id, self.week_start)
        return pa_id, start, end

    def confirm_all(self) -> None:
        period = self._period()
        if period is not None:
            self._run("Nothing was confirmed", lambda: self.book.run(ConfirmPlanned(), PaDays(*period)).unwrap())

    def print_timesheet(self, target: Path | None = None, blank: bool = False) -> Path | None:
        period = self._period()
        if period is None:
            return None
        pa_id, start, end = period
        name = self.who.currentText()
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, "Save the blank timesheet" if blank else "Save the timesheet",
                str(Path.home() / f"{'Blank timesheet' if blank else 'Timesheet'} {name} {start:%Y-%m-%d}.pdf"),
                "PDF files (*.pdf)")
            if not chosen:
                return None
            target = Path(chosen)
        # Here, not at the top: reportlab is slow to load, and starting the app must not wait for it.
        from app.reports.timesheet_pdf import write_blank_timesheet_pdf, write_timesheet_pdf

        employer = home_summary(self.book).acting_employer_name
        if blank:
            return write_blank_timesheet_pdf(name, start, end, target, employer)
        return write_timesheet_pdf(timesheet(self.book, pa_id, start, end), target, employer)

    def print_blank(self) -> None:
        self.print_timesheet(blank=True)

    def approve(self) -> None:
        period = self._period()
        if period is None:
            return
        pa_id, start, end = period
        summary = approval_summary(self.book, pa_id, start, end)
        dialog = ApproveDialog(self, summary, lambda pa_signed, employer_signed, confirm: self.book.run(
            ApproveTimesheet(), Approval(pa_id, start, end, pa_signed, employer_signed, confirm)).unwrap())
        approved = dialog.exec() == ApproveDialog.DialogCode.Accepted
        if approved:  # say where the holder is now, on screen and to a screen reader, where the focus goes
            self.say(f"Approved and locked: {summary.what}. A backup was taken first.")

    def amend(self) -> None:
        period = self._period()
        if period is None:
            return
        view = timesheet(self.book, *period)
        if view.status != TimesheetStatus.APPROVED or view.timesheet_id is None:
            tell(self, "Nothing to change", "This pay period's timesheet is not approved, so its shifts can be "
                 "changed directly.")
            return
        sheet_id = view.timesheet_id
        amend_dialog(self, f"{view.pa_name}'s approved timesheet for {long_date(view.period_start)} to "
                     f"{long_date(view.period_end)}.", lambda reason: self.book.run(
                         AmendTimesheet(), Amendment(sheet_id, reason)).unwrap()).exec()

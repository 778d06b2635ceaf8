"""Dialogs for shifts: add or change one, a repeating pattern, approving and amending a timesheet,
and the month summary. A refusal is shown in the dialog; what was typed is never lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QSizePolicy,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.services.add_shift import ShiftInput
from app.services.approve_timesheet import ApprovalSummary
from app.services.council_agreement import PlanView
from app.services.operations import Refused
from app.services.rotas import RotaInput
from app.services.timesheet_views import ShiftView
from app.services.words import KIND_WORDS, SHIFT_KINDS, WEEKDAY_NAMES, ShiftStatus
from app.ui.boxes import NumberBox
from app.ui.dialogs_people import SubmitDialog, combo, date_edit, date_of
from app.ui.widgets import heading, labelled_above, labelled_row, paragraph, today_for

SHIFT_KIND_WORDS = {k: KIND_WORDS.get(k, k).capitalize() for k in SHIFT_KINDS}
STATUS_WORDS: dict[str, str] = {ShiftStatus.WORKED: "Worked", ShiftStatus.PLANNED: "Planned (not yet worked)",
                                 ShiftStatus.ABSENT: "Absent (not paid)"}


class ShiftDialog(SubmitDialog):
    """Add a shift, or change one. Times are 24-hour UK times; an end at or before the start is the next day."""

    def __init__(self, parent: QWidget | None, pas: list[tuple[int, str]], submit: Callable[[ShiftInput], object],
                 day: date, initial: ShiftView | None = None) -> None:
        super().__init__(parent, "Change a shift" if initial else "Add a shift", "Save the shift")
        self.submit = submit
        self.outer.addWidget(paragraph("Times are UK times on the 24-hour clock, such as 08:00 or 22:30. "
                                       "If the end is at or before the start, the shift ends the next day. "
                                       "Work is paid at the day, night, weekend or bank holiday rate for each "
                                       "part of the shift."))
        holder = QWidget()
        form = QFormLayout(holder)
        self.pa = combo({str(pa_id): name for pa_id, name in pas}, str(initial.pa_id) if initial else "")
        self.day = date_edit(initial.day if initial else day)
        self.start = QLineEdit(initial.start_words if initial else "")
        self.end = QLineEdit(initial.end_words.replace(" (next day)", "") if initial else "")
        self.start.setPlaceholderText("08:00")
        self.end.setPlaceholderText("13:00")
        self.kind = combo(SHIFT_KIND_WORDS, initial.kind if initial else "work")
        self.status = combo(STATUS_WORDS, initial.status if initial else ShiftStatus.WORKED)
        self.notes = QLineEdit(initial.notes if initial else "")
        for text, field in (("&PA:", self.pa), ("&Day it starts:", self.day), ("&Start time:", self.start),
                            ("&End time:", self.end), ("&Kind:", self.kind), ("Stat&us:", self.status),
                            ("&Notes:", self.notes)):
            labelled_row(form, text, field)
        self.finish_scrolling(holder, 64, tall=False)  # scrolls at large text on a small screen

    def entry(self) -> ShiftInput:
        return ShiftInput(int(self.pa.currentData()), date_of(self.day) or today_for(self), self.start.text(),
                          self.end.text(), str(self.kind.currentData()), str(self.status.currentData()),
                          self.notes.text())

    def ask_which(self, wall: str) -> str | None:
        """The autumn clock change repeats an hour: ask which of the two times is meant."""
        box = QMessageBox(self)
        box.setWindowTitle("Which time?")
        box.setText(f"{wall} happens twice that night, because the clocks go back. Which one do you mean?")
        first = box.addButton(f"The first {wall} (BST, before the clocks go back)", QMessageBox.ButtonRole.AcceptRole)
        second = box.addButton(f"The second {wall} (GMT, after)", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        clicked = box.clickedButton()
        return "BST" if clicked is first else "GMT" if clicked is second else None

    def attempt(self) -> None:
        try:
            self.submit(self.entry())
        except Refused as exc:
            ambiguous = next((p for p in exc.problems if p.code == "ambiguous"), None)
            if ambiguous is None:
                raise
            field = self.start if ambiguous.field == "start" else self.end
            wall = field.text().strip()
            hint = self.ask_which(wall)
            if hint is None:
                raise
            field.setText(f"{wall} {hint}")
            self.submit(self.entry())


class RotaDialog(SubmitDialog):
    """A weekly pattern: which days, what time, every how many weeks, from when, for a PA or an agency."""

    def __init__(self, parent: QWidget | None, pas: list[tuple[int, str]], submit: Callable[[RotaInput], object]) -> None:
        super().__init__(parent, "New rota pattern", "Save the pattern")
        self.submit = submit
        self.outer.addWidget(paragraph("For example: every weekday 08:00 to 10:00, or alternate weekends. "
                                       "Planned shifts are made from patterns with \"Planned shifts from rotas\"."))
        holder = QWidget()
        form = QFormLayout(holder)
        self.pa = combo({"": "An agency (name it below)", **{str(i): n for i, n in pas}}, str(pas[0][0]) if pas else "")
        self.agency = QLineEdit()
        self.days = QLineEdit()
        self.days.setPlaceholderText("Mon, Wed, Fri")
        self.start = QLineEdit()
        self.end = QLineEdit()
        self.every = NumberBox()
        self.every.setRange(1, 8)
        self.kind = combo(SHIFT_KIND_WORDS, "work")
        self.starts = date_edit(today_for(self))
        self.until = date_edit(None, optional=True)
        for text, field in (("&Who:", self.pa), ("Agency &name:", self.agency),
                            ("&Days (such as Mon, Wed, Fri):", self.days), ("&Start time:", self.start),
                            ("&End time:", self.end), ("Every how many weeks (&1 to 8):", self.every), ("&Kind:", self.kind),
                            ("&From:", self.starts), ("&Until (or Not set):", self.until)):
            labelled_row(form, text, field)
        self.finish_scrolling(holder, 64, tall=False)  # scrolls at large text on a small screen

    def entry(self) -> RotaInput:
        names = [n.lower() for n in WEEKDAY_NAMES]
        days = []
        for part in self.days.text().replace(" and ", ",").split(","):
            word = part.strip().lower()[:3]
            days += [i for i, n in enumerate(names) if word and n.startswith(word)]
        pa = self.pa.currentData()
        return RotaInput(int(pa) if pa else None, tuple(days), self.start.text(), self.end.text(),
                         date_of(self.starts) or today_for(self), date_of(self.until), self.every.value(),
                         str(self.kind.currentData()), self.agency.text())

    def attempt(self) -> None:
        self.submit(self.entry())


class ApproveDialog(SubmitDialog):
    """Approve a timesheet: what is being approved (hours by kind, pay, the minimum wage check), the dates the PA
    and the employer signed it, and, when shifts are still planned, confirming them as worked in the same step."""

    def __init__(self, parent: QWidget | None, summary: ApprovalSummary,
                 submit: Callable[[date, date, bool], object]) -> None:
        super().__init__(parent, "Approve a timesheet", "Approve and lock")
        self.submit = submit
        holder = QWidget()
        body = QVBoxLayout(holder)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(paragraph(f"{summary.what}. Once approved, the shifts are locked; a change later needs a "
                                 "reason and makes a new version. A backup is taken first."))
        body.addWidget(heading("What you are approving", 3))
        self.facts = QListWidget()
        self.facts.setAccessibleName("What you are approving")
        self.facts.setWordWrap(True)
        self.facts.addItems([*summary.lines, *(f"To put right first: {p}" for p in summary.problems)])
        self.facts.setMinimumHeight(self.facts.fontMetrics().lineSpacing() * 5)
        body.addWidget(self.facts)
        self.confirm = QCheckBox(f"Con&firm the {summary.planned} planned shift{'s' if summary.planned != 1 else ''} "
                                 "as worked first")
        self.confirm.setAccessibleName(self.confirm.text().replace("&", ""))
        body.addWidget(self.confirm)  # in its place before it is shown: never a window of its own
        self.confirm.setVisible(summary.planned > 0)
        dates = QVBoxLayout()  # labels above their fields: they wrap freely at 200%
        self.pa_signed = date_edit(today_for(self))
        self.employer_signed = date_edit(today_for(self))
        labelled_above(dates, "Signed by the &PA on:", self.pa_signed)
        labelled_above(dates, "Signed by the &employer on:", self.employer_signed)
        body.addLayout(dates)
        self.facts.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.facts.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps, never widens
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(date_of(self.pa_signed) or today_for(self), date_of(self.employer_signed) or today_for(self),
                    self.confirm.isChecked())


class ReasonDialog(SubmitDialog):
    """A change that needs a reason kept with it (amending an approved timesheet, erasing a former PA)."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, ok_text: str,
                 submit: Callable[[str], object]) -> None:
        super().__init__(parent, title, ok_text)
        self.submit = submit
        self.outer.addWidget(paragraph(intro))
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        form = QFormLayout()
        labelled_row(form, "&Why:", self.reason)
        self.outer.addLayout(form)
        self.finish_layout()

    def attempt(self) -> None:
        self.submit(self.reason.toPlainText())


def amend_dialog(parent: QWidget | None, what: str, submit: Callable[[str], object]) -> ReasonDialog:
    return ReasonDialog(parent, "Change an approved timesheet",
                        f"{what} The approved version is kept as it is. Say what is wrong; the reason is kept "
                        "with the new version.", "Make a new version", submit)


class TableDialog(QDialog):
    """A read-only table (the month summary) that can be read cell by cell with the arrow keys."""

    def __init__(self, parent: QWidget | None, title: str, intro: str, headers: list[str],
                 rows: list[list[str]]) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — PA Books")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(title, 2))
        layout.addWidget(paragraph(intro))
        self.table = QTableWidget(len(rows), len(headers))
        self.table.setAccessibleName(title)
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(760, 420)


class SupportPlanDialog(SubmitDialog):
    """Planned hours a week from the council's support plan, from a date. When no agreement is recorded yet,
    the council's name and payment are asked for first."""

    def __init__(self, parent: QWidget | None, plan: PlanView,
                 submit: Callable[[dict[str, str], date, dict[str, str] | None, tuple[str, ...] | None],
                                  object]) -> None:
        super().__init__(parent, "Support plan", "Save the plan")
        self.submit = submit
        self.needs_agreement = plan.council_name is None
        words = {"day": "day hours", "night": "night hours", "waking_night": "waking night hours",
                 "sleep_in": "sleep-ins"}
        shown = ", ".join(f"{v} {words.get(k, k)}" for k, v in plan.hours_by_kind.items()) or "nothing yet"
        self.outer.addWidget(paragraph(f"Now planned each week: {shown}. Enter the hours a week from the support "
                                       "plan (for sleep-ins, how many a week); leave a box empty to keep it."))
        holder = QWidget()
        form = QFormLayout(holder)
        self.council = QLineEdit()
        self.payment = QLineEdit()
        self.every = combo({"four_weekly": "Every four weeks", "weekly": "Every week", "monthly": "Every month",
                            "quarterly": "Every quarter"}, "four_weekly")
        if self.needs_agreement:
            self.outer.addWidget(paragraph("First, the council's direct payment agreement:"))
            labelled_row(form, "&Council:", self.council)
            labelled_row(form, "Each &payment from the council (pounds):", self.payment)
            labelled_row(form, "&How often it pays:", self.every)
        self.fields = {kind: QLineEdit(str(plan.hours_by_kind.get(kind, ""))) for kind in
                       ("day", "night", "waking_night", "sleep_in")}
        for kind, text in (("day", "&Day hours a week:"), ("night", "&Night hours a week:"),
                           ("waking_night", "&Waking night hours a week:"), ("sleep_in", "&Sleep-ins a week:")):
            labelled_row(form, text, self.fields[kind])
        self.starts = date_edit(today_for(self))
        labelled_row(form, "&From:", self.starts)
        self.outcomes_before = plan.outcomes
        self.outcomes = QPlainTextEdit("\n".join(plan.outcomes))
        self.outcomes.setTabChangesFocus(True)
        self.outcomes.setMaximumHeight(self.outcomes.fontMetrics().lineSpacing() * 5)
        self.outcomes.setAccessibleDescription("What the support is for, as the plan words it: one outcome to a line. "
                                               "Spending and review notes can say which outcome they serve.")
        labelled_row(form, "The plan's &outcomes, one to a line:", self.outcomes)
        self.finish_scrolling(holder, 64, tall=False)  # scrolls at large text on a small screen

    def attempt(self) -> None:
        hours = {kind: field.text() for kind, field in self.fields.items() if field.text().strip()}
        agreement = ({"council": self.council.text(), "payment": self.payment.text(),
                      "every": str(self.every.currentData())} if self.needs_agreement else None)
        outcomes = tuple(line.strip() for line in self.outcomes.toPlainText().splitlines() if line.strip())
        self.submit(hours, date_of(self.starts) or today_for(self), agreement,
                    None if outcomes == self.outcomes_before else outcomes)

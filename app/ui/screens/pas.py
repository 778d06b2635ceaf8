"""PAs: the people you employ, from the file (adding and editing come with the timesheets work)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QFileDialog, QHeaderView, QTableView

from app.services.add_check import AddCheck, CheckInput, NewCheck
from app.services.add_pa import AddPa, NewPa
from app.services.add_rates import AddRates, NewRates
from app.services.book import BookError, EmployerBook
from app.services.change_pa import ChangePa, PaChange
from app.services.erase_pa import RETENTION_YEARS, ErasePersonalData, Erasure
from app.services.holiday_balances import holiday_balances
from app.services.operations import Change
from app.services.pa_queries import list_pas, pa_details
from app.services.pension_letters import LETTER_KINDS, pension_letter
from app.services.postpone_pension import PostponeEnrolment, Postponement
from app.services.re_enrol_pension import (
    RecordEarlierReEnrolment,
    RecordRedeclaration,
    ReEnrolPension,
    re_enrolment_plan,
)
from app.services.record_absence import ABSENCE_KINDS, EVIDENCE, AbsenceInput, RecordAbsence, absence_words
from app.services.record_pension_opt_out import OptOutNotice, RecordPensionOptOut
from app.services.tax_code_notice import NOTICE_KINDS, NoticeInput, RecordTaxCodeNotice, notice_history
from app.services.views import PaRow
from app.services.words import long_date
from app.ui.dialogs_pay import (
    AbsenceDialog,
    PensionLetterDialog,
    PensionOptOutDialog,
    PensionPostponementDialog,
    ReEnrolmentDialog,
    TaxCodeNoticeDialog,
)
from app.ui.dialogs_people import CheckDialog, PaDialog, RatesDialog
from app.ui.dialogs_shifts import ReasonDialog
from app.ui.widgets import Index, RowsTableModel, Screen, button, button_grid, heading, large_text, paragraph


class PaTableModel(RowsTableModel[PaRow]):
    """One PA a row; with large text, one cell a row with the facts on lines of their own (the words are the
    same)."""

    FULL_COLUMNS = ("Name", "Started", "Contract", "Day rate", "Tax code", "NI category", "Checks")
    STACKED_COLUMN = "PA"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self.rows[index.row()]
        if self.stacked:
            return "\n".join((row.name, f"Started {long_date(row.started_on)}", row.contract_words,
                              row.main_rate_words, f"Tax code {row.tax_code}, NI category {row.ni_category}",
                              row.next_check_words))
        values = (row.name, long_date(row.started_on), row.contract_words, row.main_rate_words, row.tax_code,
                  row.ni_category, row.next_check_words)
        return values[index.column()]


class PasScreen(Screen):
    title = "PAs"
    shows = frozenset({Change.PAS, Change.RATES, Change.CHECKS, Change.SHIFTS})  # holiday: from the shifts

    def __init__(self, book: EmployerBook) -> None:
        super().__init__()
        self.book = book
        self.model = PaTableModel([], stacked=large_text())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Your PAs")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrow keys move inside it
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        # Rows grow to fit wrapped text whenever the columns settle, so nothing is cut off with "…".
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * (14 if large_text() else 7))
        self.empty = paragraph("You have no PAs in this file yet. When you add one, their pay rates, tax code "
                               "and checks will be listed here.")
        self.layout_.addWidget(heading("Your PAs"))
        self.layout_.addWidget(paragraph(
            "The people you employ, with their pay and checks. Choose a PA in the table (arrow keys), then "
            "change their details, pay rates or checks."))
        self.layout_.addWidget(self.table)
        self.layout_.addWidget(self.empty)
        self.add_button = button("&Add a PA…", self.add_pa)
        self.edit_button = button("&Change details…", self.edit_pa)
        self.rates_button = button("Pay &rates…", self.edit_rates)
        self.checks_button = button("Chec&ks…", self.edit_checks)
        self.erase_button = button("&Erase a former PA's details…", self.erase)
        self.notice_button = button("&Tax code notice (P6, P9)…", self.tax_code_notice)
        self.absence_button = button("Record an a&bsence…", self.record_absence)
        self.letter_button = button("Pension &letter…", self.pension_letter)
        self.opt_out_button = button("Pension &opt-out…", self.pension_opt_out)
        self.re_enrol_button = button("Re-e&nrolment…", self.re_enrolment)
        self.postpone_button = button("Pension &postponement…", self.postpone)
        self.layout_.addWidget(button_grid((self.add_button, self.edit_button, self.rates_button, self.checks_button,
                                            self.notice_button, self.absence_button, self.letter_button,
                                            self.opt_out_button, self.re_enrol_button, self.postpone_button,
                                            self.erase_button), 3))
        self.add_status()
        self.holiday_heading = heading("Holiday this leave year", 2)
        self.holiday_words = paragraph("")
        self.holiday_words.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                                   | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.holiday_words.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # read by screen readers in Tab order
        self.layout_.addWidget(self.holiday_heading)
        self.layout_.addWidget(self.holiday_words)
        self.layout_.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        chosen = self.selected_pa_id()
        rows = list_pas(self.book)
        self.model.set_rows(rows)
        self.table.resizeRowsToContents()
        QTimer.singleShot(0, self.table.resizeRowsToContents)  # again once the columns have their final widths
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        ids = [r.pa_id for r in rows]
        if rows:
            self.table.selectRow(ids.index(chosen) if chosen in ids else 0)
        for widget in (self.edit_button, self.rates_button, self.checks_button, self.erase_button, self.notice_button,
                       self.absence_button, self.letter_button, self.opt_out_button, self.re_enrol_button,
                       self.postpone_button):
            widget.setEnabled(bool(rows))
        balances = holiday_balances(self.book)
        words = "\n".join(b.words for b in balances)
        self.holiday_words.setText(words)
        self.holiday_words.setAccessibleName("Holiday this leave year: " + " ".join(b.words for b in balances))
        self.holiday_heading.setVisible(bool(balances))
        self.holiday_words.setVisible(bool(balances))

    def selected_pa_id(self) -> int | None:
        if not hasattr(self, "table") or not self.model.rows:
            return None
        index = self.table.currentIndex()
        row = index.row() if index.isValid() else 0
        return self.model.rows[row].pa_id if 0 <= row < len(self.model.rows) else None

    def add_pa(self) -> None:
        dialog = PaDialog(self, lambda form: self._added(self.book.run(AddPa(), NewPa(form)).unwrap()))
        dialog.exec()

    def _added(self, pa_id: int) -> None:
        self.model.set_rows(list_pas(self.book))
        ids = [r.pa_id for r in self.model.rows]
        self.table.selectRow(ids.index(pa_id))

    def edit_pa(self) -> None:
        pa_id = self.selected_pa_id()
        if pa_id is None:
            return
        details = pa_details(self.book, pa_id)
        PaDialog(self, lambda form: self.book.run(ChangePa(), PaChange(pa_id, form)).unwrap(), details.form).exec()

    def edit_rates(self) -> None:
        pa_id = self.selected_pa_id()
        if pa_id is None:
            return
        details = pa_details(self.book, pa_id)
        RatesDialog(self, details, lambda rates: self.book.run(AddRates(), NewRates(pa_id, rates)).unwrap()).exec()

    def edit_checks(self) -> None:
        pa_id = self.selected_pa_id()
        if pa_id is None:
            return
        details = pa_details(self.book, pa_id)
        CheckDialog(self, details, lambda kind, what, done, ends: self.book.run(
            AddCheck(), NewCheck(pa_id, CheckInput(kind, done, ends, what))).unwrap()).exec()

    def tax_code_notice(self) -> None:
        pa_id = self.selected_pa_id()
        if pa_id is None:
            return
        name = pa_details(self.book, pa_id).name
        TaxCodeNoticeDialog(self, name, notice_history(self.book, pa_id), NOTICE_KINDS,
                            lambda kind, code, applies_from, week1, pay, tax: self.book.run(
                                RecordTaxCodeNotice(), NoticeInput(pa_id, kind, code, applies_from, week1, pay,
                                                                   tax)).unwrap()).exec()

    def record_absence(self) -> None:
        pa_id = self.selected_pa_id()
        if pa_id is None:
            return
        name = pa_details(self.book, pa_id).name
        AbsenceDialog(self, name, absence_words(self.book, pa_id), ABSENCE_KINDS, EVIDENCE,
                      lambda kind, first, last, evidence, notes: self.book.run(
                          RecordAbsence(), AbsenceInput(pa_id, kind, first, last, evidence, notes)).unwrap()).exec()

    def pension_letter(self, target: Path | None = None) -> None:
        pa_id = self.selected_pa_id()
        if pa_id is None:
            return
        name = pa_details(self.book, pa_id).name

        def save(kind: str, text: str) -> None:
            chosen = target
            if chosen is None:
                path, _ = QFileDialog.getSaveFileName(self, "Save the letter", str(
                    Path.home() / f"Pension letter {name} {LETTER_KINDS[kind].lower()}.txt"), "Text files (*.txt)")
                if not path:
                    raise BookError("Choose where to save the letter.")
                chosen = Path(path)
            chosen.write_text(text, encoding="utf-8")

        PensionLetterDialog(self, name, LETTER_KINDS, lambda kind: pension_letter(self.book, pa_id, kind),
                            save).exec()

    def pension_opt_out(self) -> None:
        pa_id = self.selected_pa_id()
        if pa_id is None:
            return
        said: list[str] = []

        def record(notice_on: date, letter_on: date | None) -> None:
            said.append(self.book.run(RecordPensionOptOut(), OptOutNotice(pa_id, notice_on, letter_on)).unwrap().words())

        PensionOptOutDialog(self, pa_details(self.book, pa_id).name, record).exec()
        if said:  # once the dialog has closed, so the focus stays on what is said
            self.say(said[0])

    def postpone(self) -> None:
        pa_id = self.selected_pa_id()
        if pa_id is None:
            return
        said: list[str] = []

        def record(arose: date, until: date) -> None:
            said.append(self.book.run(PostponeEnrolment(), Postponement(pa_id, arose, until)).unwrap())

        PensionPostponementDialog(self, pa_details(self.book, pa_id).name, record).exec()
        if said:
            self.say(said[0])

    def re_enrolment(self) -> None:
        plan = re_enrolment_plan(self.book)
        said: list[str] = []

        def record(step: str, on: date) -> None:
            if step == "redeclared":
                said.append(self.book.run(RecordRedeclaration(), on).unwrap())
            elif step == "earlier":
                said.append(self.book.run(RecordEarlierReEnrolment(), on).unwrap())
            else:
                said.append(self.book.run(ReEnrolPension(), on).unwrap().words())

        ReEnrolmentDialog(self, plan.lines(), record,
                          "redeclared" if plan.redeclare_by is not None else "re_enrol").exec()
        if said:
            self.say(said[0])

    def erase(self) -> None:
        pa_id = self.selected_pa_id()
        if pa_id is None:
            return
        name = pa_details(self.book, pa_id).name
        ReasonDialog(self, "Erase a former PA's personal details",
                     f"This removes {name}'s name, contact and bank details, date of birth and National Insurance "
                     f"number, here and in the history. Their hours and pay stay, as \"Former PA\". It is allowed "
                     f"only {RETENTION_YEARS} years after they left, and cannot be undone. Say who asked and when "
                     "(do not write their name: it would be kept).", "Erase the details",
                     lambda reason: self.book.run(ErasePersonalData(), Erasure(pa_id, reason)).unwrap()).exec()

"""Council returns: each return period under the council's template, due, overdue or submitted; the chosen
period's return in words with what to put right at its top; saving it as the council asks (PDF, large print,
spreadsheet, CSV, or a zip with its evidence); marking it submitted (then it is locked), and the copy as sent."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QListWidget, QPlainTextEdit, QWidget

from app.reports.audit_pack import write_audit_pack
from app.reports.council_return import return_csv, write_bundle, write_return_pdf, write_return_xlsx
from app.services.add_budget import budgets
from app.services.audit_request import audit_pack
from app.services.book import EmployerBook
from app.services.operations import Change
from app.services.return_facts import ReturnChoice, council_return, evidence_files, known_templates
from app.services.return_views import Period, PeriodRow, ReturnsView, preview_lines, returns_view, submitted_pdf
from app.services.review_pack import review_setting
from app.services.submit_return import Submission, SubmitReturn
from app.ui.dialogs_people import SubmitDialog, combo, date_edit, date_of, period_of
from app.ui.widgets import (
    BudgetChoice,
    Screen,
    button,
    button_grid,
    column,
    heading,
    labelled_above,
    paragraph,
    tell,
    today_for,
)


class SubmitReturnDialog(SubmitDialog):
    """Sign the declaration and mark the return submitted; each problem still listed is explained here."""

    def __init__(self, parent: QWidget | None, period_words: str, signer: str, blocking: list[tuple[str, str]],
                 amending: bool, submit: Callable[..., object]) -> None:
        super().__init__(parent, "Mark the return as submitted", "Mark it submitted")
        self.submit = submit
        holder = QWidget()
        form = column(holder)
        form.addWidget(paragraph(f"The return for {period_words}. Once marked submitted it is locked: it is kept "
                                 "exactly as sent, and a change later is a new version that keeps this one."))
        self.signed_by = QLineEdit(signer)
        self.sent_on = date_edit(today_for(parent))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 4)
        labelled_above(form, "&Signed by:", self.signed_by)
        labelled_above(form, "Sent o&n:", self.sent_on)
        labelled_above(form, "Notes for the &council (unspent money and what it is for):", self.notes)
        self.explanations: dict[str, QLineEdit] = {}
        for at, (code, words) in enumerate(blocking, start=1):
            field = QLineEdit()
            field.setAccessibleDescription(words)
            labelled_above(form, f"Explain {at}: {words}", field)
            self.explanations[code] = field
        self.reason = QLineEdit()
        if amending:
            labelled_above(form, "&Why it is being amended:", self.reason)
        self.finish_scrolling(holder, 70)

    def attempt(self) -> None:
        self.submit(self.signed_by.text(), date_of(self.sent_on) or today_for(self), self.notes.toPlainText(),
                    tuple((code, f.text()) for code, f in self.explanations.items()), self.reason.text())


class OtherDatesDialog(SubmitDialog):
    """A return for dates the council names (an audit on request, a closure, a one-off), in the form it asks for."""

    def __init__(self, parent: QWidget | None, templates: dict[str, str], submit: Callable[..., object]) -> None:
        super().__init__(parent, "A return for other dates", "Show the return")
        self.submit = submit
        holder = QWidget()
        form = column(holder)
        form.addWidget(paragraph("When the council asks for an audit of a named period (often months or years "
                                 "back), or at a closure: choose the dates and the form it wants."))
        today = today_for(parent)
        self.first = date_edit(date(today.year - 1, 4, 1))
        self.last = date_edit(date(today.year, 3, 31) if today >= date(today.year, 4, 1) else today)
        self.template = combo(templates, "audit-summary" if "audit-summary" in templates else next(iter(templates)))
        self.kind = combo({"audit": "An audit the council asked for", "closure": "Closing the direct payment",
                           "one_off": "A one-off return", "annual": "The annual return"}, "audit")
        labelled_above(form, "&From:", self.first)
        labelled_above(form, "&To:", self.last)
        labelled_above(form, "The form the council &asks for:", self.template)
        labelled_above(form, "&Why:", self.kind)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        first, last = period_of(self.first, self.last)
        self.submit(first, last, str(self.template.currentData()), str(self.kind.currentData()))


class ReturnsScreen(Screen):
    title = "Council returns"
    shows = frozenset({Change.RETURNS, Change.MONEY, Change.AGREEMENT, Change.PAY_RUNS, Change.TIMESHEETS})

    def __init__(self, book: EmployerBook) -> None:
        super().__init__()
        self.main_book = book
        self.book = book  # whose returns: the council's direct payment, or a second budget's
        self.view: ReturnsView | None = None
        self.layout_.addWidget(heading("Council returns"))
        self.budget_choice = BudgetChoice(self.layout_, "Returns for the &budget:", self.choose_budget)
        self.about = paragraph("")
        self.layout_.addWidget(self.about)
        self.periods = QListWidget()
        self.periods.setWordWrap(True)
        self.periods.setMinimumHeight(self.periods.fontMetrics().lineSpacing() * 5)
        labelled_above(self.layout_, "Return &periods, the latest first:", self.periods)
        self.periods.currentRowChanged.connect(lambda _row: self._period_chosen())
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setTabChangesFocus(True)
        self.preview.setAccessibleName("The chosen return")
        self.preview.setMinimumHeight(self.preview.fontMetrics().lineSpacing() * 14)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                             | Qt.TextInteractionFlag.TextSelectableByMouse)
        labelled_above(self.layout_, "The chosen &return:", self.preview)
        self.add_status()
        self.pdf_button = button("Save as P&DF…", lambda: self.save("pdf"))
        self.large_button = button("Save in &large print…", lambda: self.save("large"))
        self.xlsx_button = button("Save as a &spreadsheet…", lambda: self.save("xlsx"))
        self.csv_button = button("Save as &CSV…", lambda: self.save("csv"))
        self.zip_button = button("Save with its &evidence (zip)…", lambda: self.save("zip"))
        self.submit_button = button("&Mark as submitted…", self.mark_submitted)
        self.sent_button = button("Save the copy as sen&t…", self.save_sent)
        self.other_button = button("A return for &other dates (an audit)…", self.other_dates)
        self.audit_button = button("Save an a&udit pack (zip)…", self.save_audit)
        self.review_button = button("The annual re&view pack…", self.review)
        self.audit_button.setAccessibleDescription("One PDF with a contents page, and every receipt, payslip and "
                                                   "timesheet of the period, in a zip")
        self.review_button.setAccessibleDescription("For the council's review of the support plan: notes through "
                                                    "the year, and the pack in plain English or easy read")
        self.custom: ReturnChoice | None = None  # dates the council named, shown until another period is chosen
        self.layout_.addWidget(button_grid((self.pdf_button, self.large_button, self.xlsx_button, self.csv_button,
                                            self.zip_button, self.submit_button, self.sent_button,
                                            self.other_button, self.audit_button, self.review_button), 2))
        self.layout_.addStretch(1)
        self.refresh()

    def choose_budget(self) -> None:
        self.book = self.main_book.budget(self.budget_choice.box.currentData())
        self.custom = None
        self.refresh()
        self.say(f"Showing the returns for {self.budget_choice.box.currentText()}.")

    def refresh(self) -> None:
        self.budget_choice.show_rows(budgets(self.main_book), self.book.budget_id)
        self.view = returns_view(self.book)
        today = self.book.today()
        self.periods.blockSignals(True)
        self.periods.clear()
        if self.view is None:
            self.about.setText("Add the council agreement first (Money screen, The council agreement's money): the "
                               "return periods come from it.")
        else:
            t = self.view.template
            self.about.setText(f"{self.view.council} returns use the {t.name}. {t.shape}")
            for row in self.view.rows:
                self.periods.addItem(row.words(today))
        self.about.setAccessibleName(self.about.text())
        if self.periods.count():
            self.custom = None  # back to the latest period, as choosing it would
            self.periods.setCurrentRow(0)  # with signals held: the return is worked out once, below
        self.periods.blockSignals(False)
        self.show_return()

    def _period_chosen(self) -> None:
        self.custom = None
        self.show_return()

    def other_dates(self) -> None:
        templates = {t.id: t.name for t in known_templates()}

        def show(first: date, last: date, template_id: str, kind: str) -> None:
            self.custom = ReturnChoice(first, last, template_id, kind)

        if OtherDatesDialog(self, templates, show).exec() == OtherDatesDialog.DialogCode.Accepted and self.custom:
            custom = self.custom
            self.periods.blockSignals(True)
            self.periods.setCurrentRow(-1)
            self.periods.blockSignals(False)
            self.custom = custom
            self.show_return()
            self.say(f"Showing the return for {custom.starts_on:%d %B %Y} to {custom.ends_on:%d %B %Y}.")

    def chosen(self) -> PeriodRow | None:
        if self.custom is not None:
            c = self.custom
            return PeriodRow(Period(c.starts_on, c.ends_on, c.ends_on), 0, None, None)
        at = self.periods.currentRow()
        return self.view.rows[at] if self.view and 0 <= at < len(self.view.rows) else None

    def _choice(self, row: PeriodRow) -> ReturnChoice:
        return self.custom or ReturnChoice(row.period.starts_on, row.period.ends_on)

    def show_return(self) -> None:
        row = self.chosen()
        ended = row is not None and row.period.ends_on < self.book.today()
        for widget in (self.pdf_button, self.large_button, self.xlsx_button, self.csv_button, self.zip_button,
                       self.audit_button):
            widget.setEnabled(row is not None)
        self.submit_button.setEnabled(ended)
        self.sent_button.setEnabled(row is not None and row.versions > 0)
        if row is None:
            self.preview.setPlainText("")
            return
        _, ret = council_return(self.book, self._choice(row))
        self.preview.setPlainText("\n".join(preview_lines(ret)))

    def save(self, kind: str) -> None:
        row = self.chosen()
        if row is None:
            return
        suffix = {"pdf": "pdf", "large": "pdf", "xlsx": "xlsx", "csv": "csv", "zip": "zip"}[kind]
        name, _ = QFileDialog.getSaveFileName(self, "Save the return — PA Books",
                                              f"Return {row.period.starts_on:%Y-%m-%d} to {row.period.ends_on:%Y-%m-%d}"
                                              f".{suffix}", f"*.{suffix}")
        if not name:
            return
        header, ret = council_return(self.book, self._choice(row))
        target = Path(name)
        try:
            if kind in ("pdf", "large"):
                write_return_pdf(header, ret, target, large_print=kind == "large")
            elif kind == "xlsx":
                write_return_xlsx(header, ret, target)
            elif kind == "csv":
                target.write_text(return_csv(ret), "utf-8")
            else:
                write_bundle(header, ret, target, evidence_files(self.book, row.period.starts_on, row.period.ends_on))
        except OSError as exc:
            tell(self, "The return was not saved", f"It could not be written there ({exc.strerror}). Choose another "
                                                   "folder.")
            return
        self.say(f"Saved {target.name}." + (" It lists at its top what to put right before you submit it."
                                             if ret.blocking else ""))

    def save_audit(self) -> None:
        """The chosen period (or the dates the council named) as an audit pack: one PDF with a contents page and
        the evidence folder, in a zip."""
        row = self.chosen()
        if row is None:
            return
        first, last = row.period.starts_on, row.period.ends_on
        name, _ = QFileDialog.getSaveFileName(self, "Save the audit pack — PA Books",
                                              f"Audit {first:%Y-%m-%d} to {last:%Y-%m-%d}.zip", "*.zip")
        if not name:
            return
        template = self.custom.template_id if self.custom and self.custom.template_id else "audit-summary"
        pack = audit_pack(self.book, first, last, template)
        try:
            write_audit_pack(pack, Path(name))
        except OSError as exc:
            tell(self, "The audit pack was not saved", f"It could not be written there ({exc.strerror}). Choose "
                                                       "another folder.")
            return
        missing = len(pack.without_evidence)
        self.say(f"Saved {Path(name).name}: audit.pdf with a contents page, and {len(pack.files)} evidence files."
                 + (f" {missing} transactions have no evidence held: the PDF marks each one." if missing else ""))

    def review(self) -> None:
        from app.ui.dialogs_review import ReviewDialog

        person, outcomes = review_setting(self.book)
        ReviewDialog(self, self.book, person, outcomes).exec()

    def mark_submitted(self) -> None:
        row = self.chosen()
        if row is None:
            return
        header, ret = council_return(self.book, self._choice(row))

        def submit(signed_by: str, sent_on: date, notes: str, explanations: tuple[tuple[str, str], ...],
                   reason: str) -> object:
            base = self._choice(row)
            choice = ReturnChoice(base.starts_on, base.ends_on, base.template_id, base.return_type, notes,
                                  explanations)
            return self.book.run(SubmitReturn(), Submission(choice, signed_by, sent_on, reason)).unwrap()

        span = f"{row.period.starts_on:%d %B %Y} to {row.period.ends_on:%d %B %Y}"
        dialog = SubmitReturnDialog(self, span, header.manager, [(c.code, c.words) for c in ret.blocking],
                                    row.versions > 0, submit)
        if dialog.exec() == SubmitReturnDialog.DialogCode.Accepted:
            self.say("Submitted and locked. Save the copy as sent to keep with your records.")

    def save_sent(self) -> None:
        row = self.chosen()
        if row is None or row.latest_return_id is None:
            return
        document = submitted_pdf(self.book, row.latest_return_id)
        name, _ = QFileDialog.getSaveFileName(self, "Save the return as sent — PA Books",
                                              f"Return as sent {row.period.ends_on:%Y-%m-%d}.pdf", "*.pdf")
        if name and document:
            Path(name).write_bytes(document)
            self.say(f"Saved {Path(name).name}, the return exactly as it was submitted.")

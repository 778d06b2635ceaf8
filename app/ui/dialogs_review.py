"""The annual review of the support plan: the notes written through the year (what is working, what is not, in
the person's own words) and the review pack saved as a PDF in plain English and in easy read."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QWidget,
)

from app.reports.review_pack import easy_read_pdf_bytes, review_pdf_bytes
from app.services.book import BookError, EmployerBook
from app.services.review_notes import (
    NOTE_ABOUT,
    NoteInput,
    NoteRow,
    NoteWithdrawal,
    WithdrawReviewNote,
    WriteReviewNote,
    review_notes,
)
from app.services.review_pack import annual_review, plain_summary, year_before
from app.ui.boxes import ChoiceBox
from app.ui.dialogs_people import SubmitDialog, combo, date_edit, date_of, period_of
from app.ui.widgets import (
    TextDialog,
    button,
    button_grid,
    column,
    heading,
    labelled_above,
    paragraph,
    problem_label,
    show_problem_text,
    tell,
    today_for,
)


class NoteDialog(SubmitDialog):
    """Write a note for the review, in the person's own words."""

    def __init__(self, parent: QWidget | None, person: str, outcomes: tuple[str, ...],
                 submit: Callable[[NoteInput], object]) -> None:
        super().__init__(parent, "A note for the review", "Keep the note")
        self.submit = submit
        holder = QWidget()
        form = column(holder)
        form.addWidget(paragraph("Write what is working and what is not, as it happens, in your own words. The "
                                 "notes go into the pack for the council's review of the support plan."))
        self.written_on = date_edit(today_for(parent))
        self.written_by = QLineEdit(person)
        self.about = combo(NOTE_ABOUT, "working")
        self.outcome = ChoiceBox()
        self.outcome.setEditable(True)
        self.outcome.addItems(["", *outcomes])
        self.words = QPlainTextEdit()
        self.words.setTabChangesFocus(True)
        self.words.setMinimumHeight(self.words.fontMetrics().lineSpacing() * 5)
        labelled_above(form, "What it is &about:", self.about)
        labelled_above(form, "In your own &words:", self.words)
        labelled_above(form, "Written &by (the person, or who wrote it with them):", self.written_by)
        labelled_above(form, "Written o&n:", self.written_on)
        labelled_above(form, "The support plan o&utcome it is about (if any):", self.outcome)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(NoteInput(date_of(self.written_on) or today_for(self), self.written_by.text(),
                              self.words.toPlainText(), str(self.about.currentData()), self.outcome.currentText()))


class WithdrawNoteDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, note: NoteRow, submit: Callable[[str], object]) -> None:
        super().__init__(parent, "Withdraw a note", "Withdraw it")
        self.submit = submit
        holder = QWidget()
        form = column(holder)
        form.addWidget(paragraph(f"The note of {note.written_on.day} {note.written_on:%B %Y} by {note.written_by} "
                                 "leaves the review pack. It is kept in the file's history with the reason."))
        self.reason = QLineEdit()
        labelled_above(form, "&Why it is withdrawn:", self.reason)
        self.finish_scrolling(holder, 60, tall=False)

    def attempt(self) -> None:
        self.submit(self.reason.text())


class ReviewDialog(TextDialog):
    """The notes for the review and the review pack, for the twelve months before the review."""

    def __init__(self, parent: QWidget | None, book: EmployerBook, person: str, outcomes: tuple[str, ...]) -> None:
        super().__init__(parent)
        self.book, self.person, self.outcomes = book, person, outcomes
        self.setWindowTitle("The annual review pack — PA Books")
        self.body.addWidget(heading("The annual review of the support plan", 2))
        self.body.addWidget(paragraph("For the council's review: hours planned and delivered month by month, what the "
                                      "money was spent on by the plan's outcomes, the crisis fund's use, and the notes "
                                      "written through the year. Save it in plain English, or in easy read."))
        first, last = year_before(today_for(parent))
        self.first, self.last = date_edit(first), date_edit(last)
        labelled_above(self.body, "&From:", self.first)
        labelled_above(self.body, "&To:", self.last)
        self.first.text.editingFinished.connect(self.refresh)
        self.last.text.editingFinished.connect(self.refresh)
        self.summary = paragraph("")
        self.body.addWidget(self.summary)
        self.notes = QListWidget()
        self.notes.setWordWrap(True)
        self.notes.setMinimumHeight(self.notes.fontMetrics().lineSpacing() * 5)
        labelled_above(self.body, "&Notes written in the period:", self.notes)
        self.write_button = button("W&rite a note…", self.write_note)
        self.withdraw_button = button("Withdraw the c&hosen note…", self.withdraw_note)
        self.pack_button = button("Save the &pack (PDF)…", lambda: self.save(False))
        self.easy_button = button("Save the &easy-read version…", lambda: self.save(True))
        self.body.addWidget(button_grid((self.write_button, self.withdraw_button, self.pack_button,
                                         self.easy_button), 2))
        self.problem = problem_label()
        self.body.addWidget(self.problem)
        self.rows: list[NoteRow] = []
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.refresh()
        self.finish(close, 80)

    def period(self) -> tuple[date, date]:
        return period_of(self.first, self.last)

    def refresh(self) -> None:
        try:
            first, last = self.period()
        except BookError as exc:
            show_problem_text(self.problem, str(exc))
            return
        self.problem.setVisible(False)
        pack = annual_review(self.book, first, last)
        self.summary.setText(" ".join(plain_summary(pack)))
        self.summary.setAccessibleName(self.summary.text())
        self.rows = review_notes(self.book, first, last)
        self.notes.clear()
        for row in self.rows:
            self.notes.addItem(f"{row.written_on.day} {row.written_on:%B %Y}, {row.written_by}. {row.about_words}: "
                               f"{row.words}")
        if not self.rows:
            self.notes.addItem("No notes in the period yet: write one with the button below.")
        self.withdraw_button.setEnabled(bool(self.rows))
        if self.rows:
            self.notes.setCurrentRow(len(self.rows) - 1)

    def write_note(self) -> None:
        def keep(note: NoteInput) -> object:
            return self.book.run(WriteReviewNote(), note).unwrap()

        if NoteDialog(self, self.person, self.outcomes, keep).exec() == NoteDialog.DialogCode.Accepted:
            self.refresh()

    def withdraw_note(self) -> None:
        at = self.notes.currentRow()
        if not 0 <= at < len(self.rows):
            return
        note = self.rows[at]

        def withdraw(reason: str) -> object:
            return self.book.run(WithdrawReviewNote(), NoteWithdrawal(note.note_id, reason)).unwrap()

        if WithdrawNoteDialog(self, note, withdraw).exec() == WithdrawNoteDialog.DialogCode.Accepted:
            self.refresh()

    def save(self, easy: bool) -> None:
        try:
            first, last = self.period()
        except BookError as exc:
            show_problem_text(self.problem, str(exc))
            return
        title = "Review pack (easy read)" if easy else "Review pack"
        name, _ = QFileDialog.getSaveFileName(self, f"Save the {title.lower()} — PA Books",
                                              f"{title} {first:%Y-%m-%d} to {last:%Y-%m-%d}.pdf", "*.pdf")
        if not name:
            return
        pack = annual_review(self.book, first, last)
        try:
            Path(name).write_bytes(easy_read_pdf_bytes(pack) if easy else review_pdf_bytes(pack))
        except OSError as exc:
            tell(self, "The review pack was not saved", f"It could not be written there ({exc.strerror}). Choose "
                                                        "another folder.")
            return
        self.summary.setText(f"Saved {Path(name).name}. " + " ".join(plain_summary(pack)))
        self.summary.setAccessibleName(self.summary.text())

"""Dialogs for pay runs: start one, add a payment or deduction, finalise (with what will be locked, in words),
and start a correction. Each hands what was typed to one operation; a refusal is shown in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialogButtonBox, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from app.services.book import BookError
from app.services.pay_views import AFTER_LEAVING
from app.services.words import format_pounds
from app.ui.dialogs_people import FREQUENCY_WORDS, SubmitDialog, combo, date_edit, date_of
from app.ui.widgets import labelled_above, paragraph, today_for

ADDITION_KIND_WORDS = {"bonus": "Bonus (taxed)", "back_pay": "Back pay owed from before (taxed)",
                       "holiday_pay": "Holiday pay, such as holiday not taken on leaving (taxed)",
                       "expenses": "Expenses paid back (not taxed)", "deduction": "Deduction from net pay"}


def _holder(intro: str) -> tuple[QWidget, QVBoxLayout]:
    """Words, then each field under its label: long labels wrap at any text size and nothing is cut off."""
    holder = QWidget()
    body = QVBoxLayout(holder)
    body.setContentsMargins(0, 0, 0, 0)
    body.addWidget(paragraph(intro))
    return holder, body


def _choice_and_figures(dialog: SubmitDialog, form: QVBoxLayout, choice_label: str, choices: list[tuple[str, str]],
                        figures_label: str, words_for: Callable[[str], list[str]]) -> tuple[QComboBox, QPlainTextEdit]:
    """A choice (a quarter, a month) and, under it, what it comes to, read-only and read again at each choice (a
    screen reader reads it line by line); the dialog's Cancel becomes Close, as nothing is lost by leaving."""
    choice = combo(dict(choices), choices[0][0] if choices else "")
    labelled_above(form, choice_label, choice)
    figures = QPlainTextEdit()
    figures.setReadOnly(True)
    figures.setTabChangesFocus(True)
    figures.setMinimumHeight(figures.fontMetrics().lineSpacing() * 12)
    labelled_above(form, figures_label, figures)
    close = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
    if close is not None:
        close.setText("Close")

    def show() -> None:
        figures.setPlainText("\n".join(words_for(str(choice.currentData()))))

    choice.currentIndexChanged.connect(lambda _index: show())
    show()
    return choice, figures


class NewPayRunDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, frequencies: dict[str, str],
                 submit: Callable[[str, date, date], object]) -> None:
        super().__init__(parent, "Start a pay run", "Start the pay run")
        self.submit = submit
        holder, form = _holder(
            "A pay run pays every PA paid at one frequency for one pay period, from their approved timesheets. It "
            "stays a draft, worked out afresh, until you finalise it.")
        self.frequency = combo(frequencies or FREQUENCY_WORDS, "monthly")
        today = today_for(parent)
        self.period_day = date_edit(today)
        self.pay_date = date_edit(today)
        labelled_above(form, "&Paid:", self.frequency)
        labelled_above(form, "Pay period &containing the day:", self.period_day)
        labelled_above(form, "Pay &date:", self.pay_date)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(str(self.frequency.currentData()), date_of(self.period_day) or today_for(self),
                    date_of(self.pay_date) or today_for(self))


class AdditionDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, pas: list[tuple[int, str]],
                 submit: Callable[[int, str, str, str], object]) -> None:
        super().__init__(parent, "Add a payment or deduction", "Add it")
        self.submit = submit
        leaver = ("" if not any(AFTER_LEAVING in name for _, name in pas) else
                  " A leaver whose P45 was given is paid it as a payment after leaving: tax code 0T, and holiday "
                  "pay or a bonus worked as a weekly payment for National Insurance (back pay: as their usual pay).")
        holder, form = _holder("A one-off line on a PA's payslip in this run. Expenses you pay back are not taxed; a "
                               "deduction comes off the pay after tax." + leaver)
        self.pa = combo({str(pa_id): name for pa_id, name in pas}, str(pas[0][0]) if pas else "")
        self.kind = combo(ADDITION_KIND_WORDS, "bonus")
        self.amount = QLineEdit()
        self.description = QLineEdit()
        self.description.setAccessibleDescription("Printed on the payslip, such as \"bus fares for hospital visits\".")
        labelled_above(form, "&PA:", self.pa)
        labelled_above(form, "&What it is:", self.kind)
        labelled_above(form, "&Amount in pounds:", self.amount)
        labelled_above(form, "&Description:", self.description)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(int(self.pa.currentData() or 0), str(self.kind.currentData()), self.amount.text(),
                    self.description.text())


class FinaliseDialog(SubmitDialog):
    """What finalising will lock, said in full before anyone presses the button."""

    def __init__(self, parent: QWidget | None, lines: list[str], paid_to_pas_pence: int,
                 submit: Callable[[], object]) -> None:
        super().__init__(parent, "Finalise this pay run", "Finalise")
        self.submit = submit
        holder, body = _holder(f"Finalising keeps these payslips exactly as they are: the PAs are paid "
                               f"{format_pounds(paid_to_pas_pence)} in all. It cannot be undone; a mistake is put "
                               "right later with a correction run. A backup is taken first.")
        summary = QPlainTextEdit("\n".join(lines))
        summary.setReadOnly(True)
        summary.setTabChangesFocus(True)
        summary.setMinimumHeight(summary.fontMetrics().lineSpacing() * 8)
        labelled_above(body, "What will be final:", summary)
        self.finish_scrolling(holder, 76, tall=False)

    def attempt(self) -> None:
        self.submit()


class CorrectionDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, what: str, earliest: date, submit: Callable[[date, str], object]) -> None:
        super().__init__(parent, "Correct a final pay run", "Start the correction")
        self.submit = submit
        holder, form = _holder(
            f"{what} stays exactly as it is. A correction run pays what was missed (back pay, an expense) on a "
            "new pay date, and points back at it with your reason.")
        self.pay_date = date_edit(max(today_for(parent), earliest))  # never before the run it corrects
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        labelled_above(form, "Pay &date of the correction:", self.pay_date)
        labelled_above(form, "&Why:", self.reason)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(date_of(self.pay_date) or today_for(self), self.reason.toPlainText())


class YearEndDialog(SubmitDialog):
    """Choose a tax year; its P60s (PDF) and the year's record (CSV) are saved into a folder."""

    def __init__(self, parent: QWidget | None, years: list[str], submit: Callable[[str], object]) -> None:
        super().__init__(parent, "Year-end papers", "Choose a folder and save")
        self.submit = submit
        holder, form = _holder(
            "The P60s for every PA employed on 5 April (give them by 31 May), and the record of every pay period of "
            "the year for each PA (keep it for at least 3 years).")
        self.year = combo({year: year for year in years}, years[0] if years else "")
        labelled_above(form, "&Tax year:", self.year)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(str(self.year.currentData()))


class P45Dialog(SubmitDialog):
    """Choose a leaver, check the P45's figures, then give it (recorded once) and save it."""

    def __init__(self, parent: QWidget | None, leavers: list[tuple[int, str, date | None]],
                 words_for: Callable[[int], list[str]], submit: Callable[[int], object]) -> None:
        super().__init__(parent, "P45 for a leaver", "Give the P45 and save it")
        self.submit = submit
        self.words_for = words_for
        holder, form = _holder("A P45 is given once, after the leaver's final pay run is final. Anything you pay "
                               "them after it (holiday pay worked out late, a bonus) is a payment after leaving: add "
                               "it to a pay run and PA Books taxes and reports it as HMRC says.")
        self.leaver = combo({str(pa_id): name + (" (P45 given)" if given else "") for pa_id, name, given in leavers},
                            str(leavers[0][0]) if leavers else "")
        self.figures = QPlainTextEdit()
        self.figures.setReadOnly(True)
        self.figures.setTabChangesFocus(True)
        labelled_above(form, "&Leaver:", self.leaver)
        labelled_above(form, "What the P45 will say:", self.figures)
        self.leaver.currentIndexChanged.connect(lambda _index: self.show_figures())
        self.show_figures()
        self.finish_scrolling(holder, 64, tall=False)

    def show_figures(self) -> None:
        self.figures.setPlainText("\n".join(self.words_for(int(self.leaver.currentData() or 0))))

    def attempt(self) -> None:
        self.submit(int(self.leaver.currentData() or 0))


class TaxCodeNoticeDialog(SubmitDialog):
    """A code HMRC sent for a PA: which notice, the code, its basis, from when, and a P6's previous pay and tax."""

    def __init__(self, parent: QWidget | None, name: str, history: list[str], kinds: dict[str, str],
                 submit: Callable[[str, str, date, bool, str, str], object]) -> None:
        super().__init__(parent, f"Tax code notice for {name}", "Save the notice")
        self.submit = submit
        holder, form = _holder("Copy it from HMRC's letter or your HMRC online account. The code is used from the "
                               "first payday on or after the date on the notice; earlier pay is not changed.")
        if history:
            form.addWidget(paragraph("Notices so far: " + "; ".join(history) + "."))
        self.kind = combo(kinds, "p6")
        self.code = QLineEdit()
        self.code.setPlaceholderText("1257L")
        self.applies_from = date_edit(today_for(parent))
        self.week1 = QCheckBox("Week 1 / month 1 basis")
        self.week1.setAccessibleDescription("Tick when the notice says week 1, month 1 or non-cumulative.")
        self.previous_pay = QLineEdit()
        self.previous_tax = QLineEdit()
        labelled_above(form, "&Which notice:", self.kind)
        labelled_above(form, "&Tax code:", self.code)
        labelled_above(form, "Use it &from:", self.applies_from)
        self.week1.setAccessibleName(self.week1.text())
        form.addWidget(self.week1)
        labelled_above(form, "Previous &pay, if the P6 gives it:", self.previous_pay)
        labelled_above(form, "Previous ta&x, if the P6 gives it:", self.previous_tax)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(str(self.kind.currentData()), self.code.text(), date_of(self.applies_from) or today_for(self),
                    self.week1.isChecked(), self.previous_pay.text(), self.previous_tax.text())


class AbsenceDialog(SubmitDialog):
    """Sickness (paid as Statutory Sick Pay in the pay runs) or parental leave, from one day to another."""

    def __init__(self, parent: QWidget | None, name: str, history: list[str], kinds: dict[str, str],
                 evidence: dict[str, str], submit: Callable[[str, date, date, str, str], object]) -> None:
        super().__init__(parent, f"Record an absence for {name}", "Save the absence")
        self.submit = submit
        holder, form = _holder("Sickness is paid as Statutory Sick Pay in the pay run for those days, under the "
                               "rules in force on the first day. Mark the shifts of those days as absent on the "
                               "Timesheets screen. Parental leave is kept as dates; its statutory pay is worked "
                               "out by hand for now.")
        if history:
            form.addWidget(paragraph("Absences so far: " + "; ".join(history) + "."))
        self.kind = combo(kinds, "sickness")
        today = today_for(parent)
        self.first_day = date_edit(today)
        self.last_day = date_edit(today)
        self.evidence = combo(evidence, "self_certified")
        self.notes = QLineEdit()
        labelled_above(form, "&What kind:", self.kind)
        labelled_above(form, "&First day away:", self.first_day)
        labelled_above(form, "&Last day away:", self.last_day)
        labelled_above(form, "For sickness, &evidence:", self.evidence)
        labelled_above(form, "&Notes:", self.notes)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        today = today_for(self)
        self.submit(str(self.kind.currentData()), date_of(self.first_day) or today, date_of(self.last_day) or today,
                    str(self.evidence.currentData()), self.notes.text())


class PensionLetterDialog(SubmitDialog):
    """One of the pension letters the law requires, shown in full, then saved as text to print or send."""

    def __init__(self, parent: QWidget | None, name: str, kinds: dict[str, str], letter_for: Callable[[str], str],
                 submit: Callable[[str, str], object]) -> None:
        super().__init__(parent, f"Pension letter for {name}", "Save as text…")
        self.submit = submit
        self.letter_for = letter_for
        holder, form = _holder("Choose the letter. It says what the law requires in plain words; check it, then "
                               "save it to print or email.")
        self.kind = combo(kinds, "enrolment")
        self.letter = QPlainTextEdit()
        self.letter.setReadOnly(True)
        self.letter.setTabChangesFocus(True)
        self.letter.setMinimumHeight(self.letter.fontMetrics().lineSpacing() * 12)
        labelled_above(form, "&Which letter:", self.kind)
        labelled_above(form, "The letter:", self.letter)
        self.kind.currentIndexChanged.connect(lambda _index: self.show_letter())
        self.show_letter()
        self.finish_scrolling(holder, 72, tall=False)

    def show_letter(self) -> None:
        self.letter.setPlainText(self.letter_for(str(self.kind.currentData())))

    def attempt(self) -> None:
        self.submit(str(self.kind.currentData()), self.letter.toPlainText())


class PensionOptOutDialog(SubmitDialog):
    """The scheme says a PA has opted out or asked to leave: the day it got the notice, and the letter's day."""

    def __init__(self, parent: QWidget | None, name: str, submit: Callable[[date, date | None], object]) -> None:
        super().__init__(parent, f"Pension opt-out for {name}", "Record it")
        self.submit = submit
        holder, form = _holder(f"Record it when the pension scheme tells you {name} has opted out or asked to leave. "
                               "Within a month of being enrolled (or of the enrolment letter, if that came later) it "
                               "is an opt-out: everything paid in is paid back, theirs with their next pay. After "
                               "that they leave the scheme and what was paid in stays in their pension.")
        self.notice_on = date_edit(today_for(parent))
        self.letter_on = date_edit(None, optional=True)
        labelled_above(form, "Day the scheme got the &notice:", self.notice_on)
        labelled_above(form, "Day you gave the enrolment &letter, if after the enrolment:", self.letter_on)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        notice_on = date_of(self.notice_on)
        if notice_on is None:
            raise BookError("Enter the day the scheme got the notice, such as 05/01/2027.")
        self.submit(notice_on, date_of(self.letter_on))


class PensionPostponementDialog(SubmitDialog):
    """Postpone a PA's automatic enrolment: from the day the duty arose, until a day at most 3 months later."""

    def __init__(self, parent: QWidget | None, name: str, submit: Callable[[date, date], object]) -> None:
        super().__init__(parent, f"Postpone pension enrolment for {name}", "Postpone")
        self.submit = submit
        holder, form = _holder(f"You may wait up to 3 months before enrolling {name}, from their first day or the day "
                               "they first earned enough or turned 22. Write to them within 6 weeks (the postponement "
                               "letter); they can still ask to join sooner.")
        today = today_for(parent)
        self.duty_arose_on = date_edit(today)
        self.until = date_edit(today)
        labelled_above(form, "The duty to enrol them arose &on:", self.duty_arose_on)
        labelled_above(form, "Postpone &until:", self.until)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        arose, until = date_of(self.duty_arose_on), date_of(self.until)
        if arose is None or until is None:
            raise BookError("Enter both dates, such as 05/01/2027.")
        self.submit(arose, until)


RE_ENROLMENT_STEPS = {"re_enrol": "Re-enrol on this date", "redeclared": "I made the re-declaration on this date",
                      "earlier": "I re-enrolled on this date, before using PA Books"}


class ReEnrolmentDialog(SubmitDialog):
    """The three-yearly re-enrolment: when it is due and what it would do, then re-enrol on a date or record the
    re-declaration of compliance."""

    def __init__(self, parent: QWidget | None, plan_lines: list[str], submit: Callable[[str, date], object],
                 step: str = "re_enrol") -> None:
        super().__init__(parent, "Pension re-enrolment", "Record it")
        self.submit = submit
        holder, form = _holder(plan_lines[0])
        for line in plan_lines[1:]:
            form.addWidget(paragraph(line))
        self.step = combo(RE_ENROLMENT_STEPS, step)
        self.on = date_edit(today_for(parent))
        labelled_above(form, "&What to record:", self.step)
        labelled_above(form, "&Date:", self.on)
        self.finish_scrolling(holder, 72, tall=False)

    def attempt(self) -> None:
        on = date_of(self.on)
        if on is None:
            raise BookError("Enter the date, such as 01/03/2029.")
        self.submit(str(self.step.currentData()), on)


def _sign_in_fields(form: QVBoxLayout, user: str, password: str) -> tuple[QLineEdit, QLineEdit, QCheckBox]:
    """The employer's Government Gateway user ID and password, and whether to remember them."""
    user_field = QLineEdit(user)
    password_field = QLineEdit(password)
    password_field.setEchoMode(QLineEdit.EchoMode.Password)
    remember = QCheckBox("Remember the sign-in on this computer")
    remember.setAccessibleDescription("Kept in this computer's keyring, never in the employer file.")
    labelled_above(form, "Government Gateway &user ID:", user_field)
    labelled_above(form, "&Password:", password_field)
    remember.setAccessibleName(remember.text())
    form.addWidget(remember)
    return user_field, password_field, remember


class SendFpsDialog(SubmitDialog):
    """The employer's Government Gateway sign-in, to send one FPS: used for this sending only, unless the holder
    asks this computer's keyring to remember it."""

    def __init__(self, parent: QWidget | None, what: str, where: str, user: str, password: str,
                 submit: Callable[[str, str, bool, str | None], object], late: str = "",
                 late_reasons: dict[str, str] | None = None) -> None:
        super().__init__(parent, "Send the FPS to HMRC", "Send to HMRC")
        self.submit = submit
        holder, form = _holder(f"{what} It goes to {where}. HMRC answers within a few minutes; the answer is kept "
                               "with the pay run. It is never sent twice.")
        self.late_reason: QComboBox | None = None
        if late:  # sent after the pay date: HMRC asks why, on every payment
            form.addWidget(paragraph(late))
            self.late_reason = combo({"": "Choose the reason…", **{code: words[0].upper() + words[1:] for code, words
                                                                   in (late_reasons or {}).items()}}, "")
            labelled_above(form, "Why is it &late?", self.late_reason)
        self.user, self.password, self.remember = _sign_in_fields(form, user, password)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        reason = None if self.late_reason is None else str(self.late_reason.currentData()) or "?"
        self.submit(self.user.text(), self.password.text(), self.remember.isChecked(), reason)


class SendEpsDialog(SubmitDialog):
    """An Employer Payment Summary: what it tells HMRC (ticked from what Home asks for), then the sign-in."""

    def __init__(self, parent: QWidget | None, where: str, years: list[str], month_words: Callable[[str], dict[str, str]],
                 asked: tuple[str, int | None, bool, bool] | None, user: str, password: str,
                 submit: Callable[[str, int | None, bool, bool, str, str, bool], object], note: str = "") -> None:
        super().__init__(parent, "Send an EPS to HMRC", "Send to HMRC")
        self.submit = submit
        self.month_words = month_words
        holder, form = _holder(f"An Employer Payment Summary tells HMRC what the pay runs do not. It goes to {where}."
                               + (" Ticked: what Home asks for." if asked else ""))
        if note:
            form.addWidget(paragraph(note))
        year, month, allowance, final = asked or (years[-1], None, False, False)
        self.year = combo({y: y for y in years}, year)
        labelled_above(form, "Tax &year:", self.year)
        self.no_payment = QCheckBox("&Nobody was paid in a tax month")
        self.no_payment.setChecked(month is not None)
        self.no_payment.setAccessibleName(self.no_payment.text())
        form.addWidget(self.no_payment)
        self.month = combo(month_words(year), str(month or 1))
        labelled_above(form, "Which tax &month:", self.month)
        self.month.setEnabled(month is not None)  # asked only when nobody was paid
        self.no_payment.toggled.connect(self.month.setEnabled)
        self.allowance = QCheckBox("Claim the &Employment Allowance for the year")
        self.allowance.setChecked(allowance)
        self.allowance.setAccessibleName(self.allowance.text())
        form.addWidget(self.allowance)
        self.final = QCheckBox("This is the &last submission for the year")
        self.final.setChecked(final)
        self.final.setAccessibleName(self.final.text())
        form.addWidget(self.final)
        self.user, self.password, self.remember = _sign_in_fields(form, user, password)
        self.year.currentIndexChanged.connect(lambda _i: self._months())
        self.finish_scrolling(holder, 64, tall=False)

    def _months(self) -> None:
        chosen = self.month.currentData()
        self.month.clear()
        for key, words in self.month_words(str(self.year.currentData())).items():
            self.month.addItem(words, key)
        self.month.setCurrentIndex(max(self.month.findData(chosen), 0))

    def attempt(self) -> None:
        month = int(self.month.currentData()) if self.no_payment.isChecked() else None
        self.submit(str(self.year.currentData()), month, self.allowance.isChecked(), self.final.isChecked(),
                    self.user.text(), self.password.text(), self.remember.isChecked())


class FiguresDialog(SubmitDialog):
    """A run's figures for Basic PAYE Tools, to read (a screen reader reads them line by line) and save as text."""

    def __init__(self, parent: QWidget | None, title: str, lines: list[str], submit: Callable[[str], object]) -> None:
        super().__init__(parent, "Figures for Basic PAYE Tools", "Save as text…")
        self.submit = submit
        holder, form = _holder(f"{title}. Type these into HMRC's Basic PAYE Tools by the pay date.")
        self.figures = QPlainTextEdit("\n".join(lines))
        self.figures.setReadOnly(True)
        self.figures.setTabChangesFocus(True)
        self.figures.setMinimumHeight(self.figures.fontMetrics().lineSpacing() * 14)
        labelled_above(form, "The &figures:", self.figures)
        close = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if close is not None:
            close.setText("Close")
        self.finish_scrolling(holder, 80, tall=False)

    def attempt(self) -> None:
        self.submit(self.figures.toPlainText())


class PaperReturnsDialog(SubmitDialog):
    """A paper filer's returns for a tax quarter: choose the quarter, read what goes on each form (a screen reader
    reads it line by line), save it as a PDF to print, and say once they are posted."""

    def __init__(self, parent: QWidget | None, quarters: list[tuple[str, str]],
                 words_for: Callable[[str], list[str]], submit: Callable[[str, bool], object]) -> None:
        super().__init__(parent, "Paper returns to HMRC", "Save as PDF…")
        self.submit = submit
        holder, form = _holder("For employers HMRC has agreed are exempt from filing online: an RT2 for each PA paid "
                               "in the quarter, an RT5 when one is needed, and the RT11 working sheets you keep. "
                               "Copy the figures onto HMRC's forms.")
        self.quarter, self.figures = _choice_and_figures(self, form, "Tax &quarter:", quarters,
                                                         "What goes on the &forms:", words_for)
        self.posted = QCheckBox("I have &posted them to HMRC")
        self.posted.setAccessibleDescription("Records that this quarter's returns are in the post, today, so Home "
                                             "stops asking for them.")
        form.addWidget(self.posted)
        self.finish_scrolling(holder, 84)

    def attempt(self) -> None:
        self.submit(str(self.quarter.currentData()), self.posted.isChecked())


class PensionScheduleDialog(SubmitDialog):
    """A month's pension contributions member by member: choose the month, read what the scheme's contribution
    schedule asks for (a screen reader reads it line by line), and save it as a CSV."""

    def __init__(self, parent: QWidget | None, months: list[tuple[str, str]],
                 words_for: Callable[[str], list[str]], submit: Callable[[str], object]) -> None:
        super().__init__(parent, "Pension contributions schedule", "Save as CSV…")
        self.submit = submit
        holder, form = _holder("What the pension scheme's contribution schedule asks for, for each PA in the scheme: "
                               "type it into the scheme's website, or upload the CSV where the scheme takes one.")
        self.month, self.figures = _choice_and_figures(self, form, "&Month the contributions were taken in:", months,
                                                       "The &figures for each member:", words_for)
        self.finish_scrolling(holder, 84)

    def attempt(self) -> None:
        self.submit(str(self.month.currentData()))

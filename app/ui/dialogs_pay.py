"""Dialogs for pay runs: start one, add a payment or deduction, finalise (with what will be locked, in words),
and start a correction. Each hands what was typed to one operation; a refusal is shown in the dialog."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QFormLayout, QLineEdit, QPlainTextEdit, QWidget

from app.services.words import format_pounds
from app.ui.dialogs_people import FREQUENCY_WORDS, SubmitDialog, combo, date_edit, date_of
from app.ui.widgets import labelled_row, paragraph, today_for

ADDITION_KIND_WORDS = {"bonus": "Bonus (taxed)", "back_pay": "Back pay owed from before (taxed)",
                       "holiday_pay": "Holiday pay, such as holiday not taken on leaving (taxed)",
                       "expenses": "Expenses paid back (not taxed)", "deduction": "Deduction from net pay"}


class NewPayRunDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, frequencies: dict[str, str],
                 submit: Callable[[str, date, date], object]) -> None:
        super().__init__(parent, "Start a pay run", "Start the pay run")
        self.submit = submit
        self.outer.addWidget(paragraph(
            "A pay run pays every PA paid at one frequency for one pay period, from their approved timesheets. It "
            "stays a draft, worked out afresh, until you finalise it."))
        form = QFormLayout()
        self.frequency = combo(frequencies or FREQUENCY_WORDS, "monthly")
        today = today_for(parent)
        self.period_day = date_edit(today)
        self.pay_date = date_edit(today)
        labelled_row(form, "&Paid:", self.frequency)
        labelled_row(form, "Pay period &containing the day:", self.period_day)
        labelled_row(form, "Pay &date:", self.pay_date)
        self.outer.addLayout(form)
        self.finish_layout()

    def attempt(self) -> None:
        self.submit(str(self.frequency.currentData()), date_of(self.period_day) or today_for(self),
                    date_of(self.pay_date) or today_for(self))


class AdditionDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, pas: list[tuple[int, str]],
                 submit: Callable[[int, str, str, str], object]) -> None:
        super().__init__(parent, "Add a payment or deduction", "Add it")
        self.submit = submit
        self.outer.addWidget(paragraph("A one-off line on a PA's payslip in this run. Expenses you pay back are not "
                                       "taxed; a deduction comes off the pay after tax."))
        form = QFormLayout()
        self.pa = combo({str(pa_id): name for pa_id, name in pas}, str(pas[0][0]) if pas else "")
        self.kind = combo(ADDITION_KIND_WORDS, "bonus")
        self.amount = QLineEdit()
        self.description = QLineEdit()
        self.description.setAccessibleDescription("Printed on the payslip, such as \"bus fares for hospital visits\".")
        labelled_row(form, "&PA:", self.pa)
        labelled_row(form, "&What it is:", self.kind)
        labelled_row(form, "&Amount in pounds:", self.amount)
        labelled_row(form, "&Description:", self.description)
        self.outer.addLayout(form)
        self.finish_layout()

    def attempt(self) -> None:
        self.submit(int(self.pa.currentData() or 0), str(self.kind.currentData()), self.amount.text(),
                    self.description.text())


class FinaliseDialog(SubmitDialog):
    """What finalising will lock, said in full before anyone presses the button."""

    def __init__(self, parent: QWidget | None, lines: list[str], paid_to_pas_pence: int,
                 submit: Callable[[], object]) -> None:
        super().__init__(parent, "Finalise this pay run", "Finalise")
        self.submit = submit
        holder = QWidget()
        body = QFormLayout(holder)
        summary = QPlainTextEdit("\n".join(lines))
        summary.setReadOnly(True)
        summary.setTabChangesFocus(True)
        labelled_row(body, "What will be final:", summary)
        body.addRow(paragraph(f"Finalising keeps these payslips exactly as they are: the PAs are paid "
                              f"{format_pounds(paid_to_pas_pence)} in all. It cannot be undone; a mistake is put "
                              "right later with a correction run. A backup is taken first."))
        self.finish_scrolling(holder, 76, tall=False)

    def attempt(self) -> None:
        self.submit()


class CorrectionDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, what: str, earliest: date, submit: Callable[[date, str], object]) -> None:
        super().__init__(parent, "Correct a final pay run", "Start the correction")
        self.submit = submit
        self.outer.addWidget(paragraph(
            f"{what} stays exactly as it is. A correction run pays what was missed (back pay, an expense) on a "
            "new pay date, and points back at it with your reason."))
        form = QFormLayout()
        self.pay_date = date_edit(max(today_for(parent), earliest))  # never before the run it corrects
        self.reason = QPlainTextEdit()
        self.reason.setTabChangesFocus(True)
        labelled_row(form, "Pay &date of the correction:", self.pay_date)
        labelled_row(form, "&Why:", self.reason)
        self.outer.addLayout(form)
        self.finish_layout()

    def attempt(self) -> None:
        self.submit(date_of(self.pay_date) or today_for(self), self.reason.toPlainText())

"""Dialogs for PAs: their details, their pay rates (history kept) and their checks.

Each dialog hands what was typed to a service; if the service refuses, the reason is shown in the
dialog and everything typed stays put.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLineEdit,
    QListWidget,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.services.add_rates import RateInput
from app.services.book import BookError
from app.services.pa_form import GENDERS, PaForm
from app.services.pa_queries import PaDetails
from app.services.words import CHECK_WORDS, KIND_WORDS, TIME_KINDS, long_date
from app.ui.boxes import ChoiceBox
from app.ui.date_field import DateField
from app.ui.widgets import heading, labelled_above, labelled_row, paragraph, problem_label, show_problem_text, today_for

STARTER_WORDS = {"": "Not given (use the tax code below)", "A": "A: first job since 6 April, no benefits or pension",
                 "B": "B: only job now, but had another since 6 April", "C": "C: has another job or a pension",
                 "P45": "P45 from their last job (enter its tax code below)"}
CONTRACT_WORDS = {"hours": "Set hours each week", "irregular_hours": "Irregular hours (hours vary; holiday accrues)"}
FREQUENCY_WORDS = {"weekly": "Weekly", "fortnightly": "Every two weeks", "four_weekly": "Every four weeks",
                   "monthly": "Monthly"}
PENSION_WORDS = {"to_assess": "Not assessed yet", "enrolled": "Enrolled", "opted_out": "Opted out",
                 "postponed": "Postponed", "not_eligible": "Not eligible"}


def date_edit(value: date | None, optional: bool = False) -> DateField:
    """A date field typed day first (UK), with a calendar beside it; an optional one can be left empty."""
    return DateField(value, optional)


def date_of(edit: DateField) -> date | None:
    """The date in a field (None for an empty optional one); a date that cannot be read is refused in words."""
    return edit.value()


def period_of(first: DateField, last: DateField) -> tuple[date, date]:
    """The first and last day of a period from two date fields, or a refusal in words."""
    start, end = date_of(first), date_of(last)
    if start is None or end is None or end < start:
        raise BookError("Choose the first and the last day of the period; the last on or after the first.")
    return start, end


def combo(options: dict[str, str], current: str) -> QComboBox:
    box = ChoiceBox()
    for key, words in options.items():
        box.addItem(words, key)
    index = box.findData(current)
    box.setCurrentIndex(max(index, 0))
    # Narrows with its dialog (never pushing the form wider than the window, which clipped it at 100%); the
    # open list shows each choice whole.
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    return box


class SubmitDialog(QDialog):
    """OK hands the form to `submit`; a refusal is shown here and the dialog stays open."""

    def __init__(self, parent: QWidget | None, title: str, ok_text: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — PA Books")
        self.outer = QVBoxLayout(self)
        self.outer.addWidget(heading(title, 2))
        self.problem = problem_label()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.try_submit)
        self.buttons.rejected.connect(self.reject)

    def finish_layout(self) -> None:
        self.outer.addWidget(self.problem)
        self.outer.addWidget(self.buttons)

    def finish_scrolling(self, holder: QWidget, characters: int, tall: bool = True) -> None:
        """End a dialog whose fields (in `holder`) scroll when the text is large on a small screen, the problem and
        the buttons always in view below them. About `characters` wide, never wider than the screen; `tall` takes
        most of the screen's height, else as tall as the fields need, up to all of it."""
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the fields inside take focus; the frame need not
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(holder)
        self.outer.addWidget(scroll, 1)
        self.finish_layout()
        available = self.screen().availableGeometry()
        height = (int(available.height() * 0.85) if tall
                  else min(self.sizeHint().height() + 120, int(available.height() * 0.95)))
        self.resize(min(self.fontMetrics().averageCharWidth() * characters, int(available.width() * 0.95)), height)

    def attempt(self) -> None:
        raise NotImplementedError

    def try_submit(self) -> bool:
        try:
            self.attempt()
        except BookError as exc:
            show_problem_text(self.problem, str(exc))
            return False
        self.accept()
        return True


class PaDialog(SubmitDialog):
    """Add a PA, or change one's details."""

    def __init__(self, parent: QWidget | None, submit: Callable[[PaForm], object],
                 initial: PaForm | None = None) -> None:
        super().__init__(parent, "Change a PA's details" if initial else "Add a PA", "Save")
        self.submit = submit
        start = initial or PaForm(first_name="", last_name="", started_on=today_for(self))
        self.outer.addWidget(paragraph("Copy the tax details from the PA's P45 or new starter checklist. "
                                       "Pay rates and checks are added after saving."))
        holder = QWidget()
        form = QFormLayout(holder)
        self.first = QLineEdit(start.first_name)
        self.last = QLineEdit(start.last_name)
        self.dob = date_edit(start.date_of_birth, optional=True)
        self.gender = combo(GENDERS, start.gender)
        self.gender.setAccessibleDescription("HMRC's payroll report asks for it as HMRC records it.")
        self.started = date_edit(start.started_on)
        self.left = date_edit(start.left_on, optional=True)
        self.email = QLineEdit(start.email)
        self.phone = QLineEdit(start.phone)
        self.ni_number = QLineEdit(start.ni_number)
        self.contract = combo(CONTRACT_WORDS, start.contract_type)
        self.hours = QLineEdit(start.contracted_hours_per_week)
        self.frequency = combo(FREQUENCY_WORDS, start.pay_frequency)
        self.starter = combo(STARTER_WORDS, start.starter_statement)
        self.tax_code = QLineEdit(start.tax_code)
        # Check box words are short (they do not wrap, so long ones widened the form past the window at 100%);
        # the rest is said in the description a screen reader reads after the name.
        self.week1 = QCheckBox("Week 1 / month 1 basis")
        self.week1.setAccessibleDescription("Tick when the P45 or HMRC's notice says week 1 / month 1.")
        self.week1.setChecked(start.week1_month1)
        self.previous_pay = QLineEdit(start.previous_pay)
        self.previous_tax = QLineEdit(start.previous_tax)
        for box, said in ((self.previous_pay, "Total pay to date"), (self.previous_tax, "Total tax to date")):
            box.setAccessibleDescription(f"From the P45 of the PA's last job: \"{said}\". Leave empty if there is "
                                         "no P45.")
        self.category = QLineEdit(start.ni_category)
        self.loans = QLineEdit(start.student_loan_plans)
        self.postgraduate = QCheckBox("Has a postgraduate loan")
        self.postgraduate.setChecked(start.postgraduate_loan)
        self.pension = combo(PENSION_WORDS, start.pension_status)
        self.bank_name = QLineEdit(start.bank_account_name)
        self.sort_code = QLineEdit(start.bank_sort_code)
        self.account = QLineEdit(start.bank_account_number)
        self.relative = QCheckBox("A relative in the same household")
        self.relative.setAccessibleDescription("Employing a relative who lives with you needs the council's agreement.")
        self.relative.setChecked(start.is_relative)
        self.opted_out = date_edit(start.opted_out_of_48_hours_on, optional=True)
        for text, field in (
                ("&First name:", self.first), ("&Last name:", self.last), ("Date of &birth:", self.dob),
                ("Gender (as HMRC records it):", self.gender), ("&Started on:", self.started),
                ("Left on (if they have left):", self.left),
                ("Email:", self.email), ("Phone:", self.phone), ("National Insurance number:", self.ni_number),
                ("&Contract:", self.contract), ("Contracted &hours a week:", self.hours),
                ("Paid:", self.frequency), ("Starter checklist statement:", self.starter),
                ("&Tax code:", self.tax_code), ("Tax basis:", self.week1),
                ("Pay in this tax year, from the P45:", self.previous_pay),
                ("Tax in this tax year, from the P45:", self.previous_tax),
                ("National Insurance category letter:", self.category),
                ("Student loan plans (such as 2, or 1,2):", self.loans), ("Postgraduate loan:", self.postgraduate),
                ("Pension:", self.pension), ("Name on bank account:", self.bank_name),
                ("Sort code:", self.sort_code), ("Account number:", self.account), ("Relative:", self.relative),
                ("Opted out of the 48-hour week on:", self.opted_out)):
            labelled_row(form, text, field)
        self.finish_scrolling(holder, 80)

    def form(self) -> PaForm:
        return PaForm(
            first_name=self.first.text(), last_name=self.last.text(),
            started_on=date_of(self.started) or today_for(self), date_of_birth=date_of(self.dob),
            gender=str(self.gender.currentData()),
            left_on=date_of(self.left), email=self.email.text(), phone=self.phone.text(),
            ni_number=self.ni_number.text(), contract_type=str(self.contract.currentData()),
            contracted_hours_per_week=self.hours.text(), pay_frequency=str(self.frequency.currentData()),
            starter_statement=str(self.starter.currentData()), tax_code=self.tax_code.text(),
            week1_month1=self.week1.isChecked(), previous_pay=self.previous_pay.text(),
            previous_tax=self.previous_tax.text(), ni_category=self.category.text(),
            student_loan_plans=self.loans.text(), postgraduate_loan=self.postgraduate.isChecked(),
            pension_status=str(self.pension.currentData()), bank_account_name=self.bank_name.text(),
            bank_sort_code=self.sort_code.text(), bank_account_number=self.account.text(),
            is_relative=self.relative.isChecked(), opted_out_of_48_hours_on=date_of(self.opted_out))

    def attempt(self) -> None:
        self.submit(self.form())


class RatesDialog(SubmitDialog):
    """A PA's pay rates as history, and new rates from a date, several at once (never changing the past): one box
    for each kind of time, left empty for a kind that keeps its rate."""

    def __init__(self, parent: QWidget | None, details: PaDetails,
                 submit: Callable[[tuple[RateInput, ...]], object]) -> None:
        super().__init__(parent, f"Pay rates for {details.name}", "Save these rates")
        self.submit = submit
        self.outer.addWidget(paragraph("Rates are kept as history: a new rate applies from its date, and pay "
                                       "already approved never changes. Fill in the rates that are new; leave the "
                                       "others empty."))
        self.history = QListWidget()
        self.history.setAccessibleName("Rates so far")
        self.history.setWordWrap(True)  # long lines wrap: never a sideways scroll
        for rate in details.rates:
            self.history.addItem(f"{KIND_WORDS.get(rate.kind, rate.kind).capitalize()}: {rate.amount_words} "
                                 f"from {long_date(rate.applies_from)}")
        if not details.rates:
            self.history.addItem("No rates yet")
        self.outer.addWidget(self.history)
        self.outer.addWidget(paragraph("Amounts are in pounds an hour; a sleep-in is paid each."))
        holder = QWidget()
        form = QFormLayout(holder)
        # From their first day when they have no rates yet, so no early shift lacks one; else from today.
        self.from_day = date_edit(details.form.started_on if not details.rates else today_for(self))
        labelled_row(form, "&From:", self.from_day)
        self.amounts: dict[str, QLineEdit] = {}
        for kind in TIME_KINDS:
            field = QLineEdit()
            field.setPlaceholderText("£ each, such as 90.00" if kind == "sleep_in" else "£ an hour, such as 13.50")
            words = KIND_WORDS.get(kind, kind)
            labelled_row(form, ("&Day" if kind == "day" else words[:1].upper() + words[1:]) + ":", field)
            self.amounts[kind] = field
        self.finish_scrolling(holder, 64)

    def rates(self) -> tuple[RateInput, ...]:
        day = date_of(self.from_day) or today_for(self)
        return tuple(RateInput(kind, field.text(), day) for kind, field in self.amounts.items() if field.text().strip())

    def attempt(self) -> None:
        self.submit(self.rates())


class CheckDialog(SubmitDialog):
    """Record a check (DBS, right to work, training) with the date it runs out."""

    def __init__(self, parent: QWidget | None, details: PaDetails,
                 submit: Callable[[str, str, date, date | None], object]) -> None:
        super().__init__(parent, f"Checks for {details.name}", "Add this check")
        self.submit = submit
        self.history = QListWidget()
        self.history.setAccessibleName("Checks so far")
        self.history.setWordWrap(True)
        for check in details.checks:
            ends = f", runs out {long_date(check.expires_on)}" if check.expires_on else ", does not run out"
            self.history.addItem(f"{check.description}: done {long_date(check.checked_on)}{ends}")
        if not details.checks:
            self.history.addItem("No checks yet")
        self.outer.addWidget(self.history)
        holder = QWidget()
        form = QVBoxLayout(holder)  # labels above their fields: long ones wrap freely, nothing is squeezed
        self.kind = combo({k: v[:1].upper() + v[1:] for k, v in CHECK_WORDS.items()}, "dbs")
        self.description = QLineEdit()
        self.checked = date_edit(today_for(self))
        self.expires = date_edit(None, optional=True)
        labelled_above(form, "&Kind:", self.kind)
        labelled_above(form, "&What (such as Enhanced DBS check):", self.description)
        labelled_above(form, "&Done on:", self.checked)
        labelled_above(form, "&Runs out on (leave it empty if it does not):", self.expires)
        self.finish_scrolling(holder, 64)

    def attempt(self) -> None:
        self.submit(str(self.kind.currentData()), self.description.text(), date_of(self.checked) or today_for(self),
                    date_of(self.expires))

"""Dialogs for the direct payment account: set it up, record money in or spending (with receipts), pay what is
owed, move money in or out of a fund, void a transaction, and work out a forecast. Each hands what was typed to
one operation (or one query, for the forecast); a refusal is shown in the dialog and nothing is lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCompleter,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.services import money_views
from app.services.add_budget import BUDGET_KINDS, BudgetInput
from app.services.book import EmployerBook
from app.services.choose_statement_columns import DATE_FORMATS
from app.services.council_agreement import CONTRIBUTION_METHODS, RETURN_TEMPLATES, AgreementInput
from app.services.money_forecast import forecast
from app.services.money_views import FUNDING_STREAMS, SPENDING, Candidate, LineRow, StatementRow
from app.services.reconcile_statement import LineMatch, MatchBankLine, ReconcileStatement, Reconciling
from app.services.record_money import MoneyIn, Payment, Spending
from app.services.set_up_account import ACCOUNT_KINDS, AccountInput
from app.services.words import format_pounds, long_date
from app.ui.dialogs_people import SubmitDialog, combo, date_edit, date_of
from app.ui.widgets import TextDialog, button, heading, labelled_above, paragraph, problem_label, show_problem_text, today_for

STREAMS = {c.code: c.words for c in FUNDING_STREAMS}
CATEGORIES = {c.code: c.words for c in SPENDING}
METHODS = {"bank_transfer": "Bank transfer", "direct_debit": "Direct debit or standing order", "card": "Card",
           "cheque": "Cheque", "cash": "Cash"}
FUNDS = {"fund:contingency": "Contingency", "fund:crisis": "Crisis fund"}
FROM_WHERE = {"": "The account (free money)", **{k: f"The {v.lower()}" for k, v in FUNDS.items()}}


def _holder(intro: str) -> tuple[QWidget, QVBoxLayout]:
    holder = QWidget()
    body = QVBoxLayout(holder)
    body.setContentsMargins(0, 0, 0, 0)
    body.addWidget(paragraph(intro))
    return holder, body


def _line(text: str = "", description: str = "") -> QLineEdit:
    edit = QLineEdit(text)
    if description:
        edit.setAccessibleDescription(description)
    return edit


class AccountDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, submit: Callable[[AccountInput], object], first_time: bool) -> None:
        super().__init__(parent, "Set up the account" if first_time else "Change the account's details", "Save")
        self.submit = submit
        self.first_time = first_time
        holder, form = _holder("The account the council pays the direct payment into. PA Books keeps its books from "
                               "the day you give, starting from the balance your statement shows that day.")
        self.name = _line("Direct payment account")
        self.kind = combo(ACCOUNT_KINDS, "own_bank_account")
        self.provider = _line("", "The bank, or the organisation that runs the card or account")
        self.last4 = _line("", "Only the last 4 digits, so the account can be told apart")
        labelled_above(form, "Account &name:", self.name)
        labelled_above(form, "&Kind of account:", self.kind)
        labelled_above(form, "Bank or &provider:", self.provider)
        labelled_above(form, "&Last 4 digits of the account number:", self.last4)
        self.opened_on = date_edit(today_for(parent))
        self.opening = _line("", "The balance your statement shows on that day, such as 1500.00")
        if first_time:
            labelled_above(form, "Keep the books &from:", self.opened_on)
            labelled_above(form, "&Balance on that day, in pounds:", self.opening)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(AccountInput(self.name.text(), str(self.kind.currentData()), self.provider.text(),
                                 account_number_last4=self.last4.text(),
                                 opened_on=date_of(self.opened_on) if self.first_time else None,
                                 opening_balance=self.opening.text() if self.first_time else ""))


class MoneyInDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, submit: Callable[[MoneyIn], object], on: date | None = None,
                 amount: str = "", payer: str = "", bank_line_id: int | None = None, funder: str = "") -> None:
        super().__init__(parent, "Record money in", "Record it")
        self.submit = submit
        self.bank_line_id = bank_line_id
        holder, form = _holder("Money paid into the account. A council payment or your contribution is matched to "
                               "the payment it was expected as.")
        self.on = date_edit(on or today_for(parent))
        self.amount = _line(amount)
        self.amount.setReadOnly(bank_line_id is not None)
        # In a second budget, its main payment is its funder's (an NHS body's), not the council's.
        self.stream = combo({**STREAMS, "council": f"Payments from {funder}"} if funder else STREAMS, "council")
        self.payer = _line(payer)
        self.reference = _line()
        self.fund = combo({"": "No: it is free to spend", **FUNDS}, "")
        labelled_above(form, "&Date:", self.on)
        labelled_above(form, "&Amount in pounds:", self.amount)
        labelled_above(form, "&Where it came from:", self.stream)
        labelled_above(form, "&Paid by:", self.payer)
        labelled_above(form, "&Reference:", self.reference)
        labelled_above(form, "Put it straight into a &fund?", self.fund)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(MoneyIn(date_of(self.on) or today_for(self), self.amount.text(), str(self.stream.currentData()),
                            self.payer.text(), self.reference.text(), bank_line_id=self.bank_line_id,
                            fund=str(self.fund.currentData())))


class SpendingDialog(SubmitDialog):
    def __init__(self, parent: QWidget | None, submit: Callable[[Spending], object], on: date | None = None,
                 amount: str = "", payee: str = "", bank_line_id: int | None = None,
                 receipt_threshold_words: str = "", outcomes: tuple[str, ...] = ()) -> None:
        super().__init__(parent, "Record spending", "Record it")
        self.submit = submit
        self.bank_line_id = bank_line_id
        self.receipts: list[Path] = []
        holder, form = _holder("Money paid out of the account, with what it was for. Keep the receipt or invoice "
                               "with it: PA Books stores it inside the employer file. " + receipt_threshold_words)
        self.on = date_edit(on or today_for(parent))
        self.amount = _line(amount)
        self.amount.setReadOnly(bank_line_id is not None)
        self.category = combo(CATEGORIES, "equipment")
        self.payee = _line(payee)
        self.method = combo(METHODS, "bank_transfer")
        self.reference = _line()
        self.outcome = _line("", "Which outcome of the support plan it serves, in your words" +
                             (": " + "; ".join(outcomes) if outcomes else ""))
        if outcomes:
            chooser = QCompleter(list(outcomes), self.outcome)
            chooser.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            chooser.setFilterMode(Qt.MatchFlag.MatchContains)
            self.outcome.setCompleter(chooser)
            self.outcome.setPlaceholderText("Start typing: " + "; ".join(outcomes))
        self.notes = QPlainTextEdit()
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(self.notes.fontMetrics().lineSpacing() * 4)
        self.from_where = combo(FROM_WHERE, "")
        self.reason = _line("", "Why the fund was used, such as emergency cover while a PA was ill")
        self.agreed_by = _line("", "Who agreed to use the fund")
        self.pooled_total = _line("", "When the cost was pooled with other direct payment holders (a shared PA, a "
                                      "group activity): the whole cost; the amount above is your share")
        self.pooled_with = _line("", "Who shared the cost, and what for, such as Sam and Kit: a shared PA for the "
                                     "Thursday group")
        labelled_above(form, "&Date:", self.on)
        labelled_above(form, "&Amount in pounds:", self.amount)
        labelled_above(form, "&What it was for:", self.category)
        labelled_above(form, "Paid &to:", self.payee)
        labelled_above(form, "&How it was paid:", self.method)
        labelled_above(form, "&Reference:", self.reference)
        labelled_above(form, "Support plan &outcome it serves:", self.outcome)
        labelled_above(form, "&Notes:", self.notes)
        labelled_above(form, "Paid &from:", self.from_where)
        labelled_above(form, "Why the fund was &used (a fund only):", self.reason)
        labelled_above(form, "Who a&greed (a fund only):", self.agreed_by)
        labelled_above(form, "The whole pooled cost in pound&s (shared with other holders only):", self.pooled_total)
        labelled_above(form, "Who shared it, and what for (pooled on&ly):", self.pooled_with)
        self.receipt_words = QLabel("No receipt kept yet.")
        self.receipt_words.setWordWrap(True)
        form.addWidget(self.receipt_words)
        self.receipt_button = button("Keep a recei&pt or invoice…", self.choose_receipt)
        form.addWidget(self.receipt_button)
        self.finish_scrolling(holder, 70)

    def choose_receipt(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(self, "Choose a receipt or invoice — PA Books", str(Path.home()),
                                                "Receipts (*.pdf *.png *.jpg *.jpeg *.heic *.tif *.tiff);;Any file (*)")
        self.receipts.extend(Path(n) for n in names)
        if self.receipts:
            self.receipt_words.setText("Receipts to keep: " + ", ".join(p.name for p in self.receipts))
            self.receipt_words.setAccessibleName(self.receipt_words.text())

    def attempt(self) -> None:
        self.submit(Spending(date_of(self.on) or today_for(self), self.amount.text(), str(self.category.currentData()),
                             self.payee.text(), str(self.method.currentData()), self.reference.text(),
                             self.outcome.text(), self.notes.toPlainText(), tuple(self.receipts),
                             str(self.from_where.currentData()), self.reason.text(), self.agreed_by.text(),
                             self.bank_line_id, self.pooled_total.text(), self.pooled_with.text()))


def _owed_payment(candidate: Candidate, on: date, amount: str) -> Payment:
    parts = candidate.key.split(":")
    if parts[1] == "pa":
        return Payment(on, amount, f"owed:pa:{parts[2]}", pay_run_id=int(parts[4]),
                       payee=candidate.words.split("'s pay")[0])
    return Payment(on, amount, f"owed:{parts[1]}", due_on=date.fromisoformat(parts[2]),
                   payee="HMRC" if parts[1] == "hmrc" else "Pension scheme")


class PayOwedDialog(SubmitDialog):
    """Record paying a PA, HMRC or the pension scheme what a final pay run says they are owed."""

    def __init__(self, parent: QWidget | None, owed: list[Candidate], submit: Callable[[Payment], object]) -> None:
        super().__init__(parent, "Record paying what is owed", "Record it")
        self.submit = submit
        self.owed = owed
        holder, form = _holder("Each PA's pay, and the HMRC and pension bills, from finalised pay runs. Choose the "
                               "one you paid and the day it left the account.")
        self.which = combo({c.key: f"{c.words}: {format_pounds(-c.bank_amount_pence)}" for c in owed},
                           owed[0].key if owed else "")
        self.on = date_edit(today_for(parent))
        self.amount = _line(f"{-owed[0].bank_amount_pence / 100:.2f}" if owed else "")
        self.which.currentIndexChanged.connect(self._fill)
        labelled_above(form, "&Who was paid:", self.which)
        labelled_above(form, "&Date it was paid:", self.on)
        labelled_above(form, "&Amount in pounds:", self.amount)
        self.finish_scrolling(holder, 70, tall=False)

    def _fill(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.amount.setText(f"{-chosen.bank_amount_pence / 100:.2f}")

    def _chosen(self) -> Candidate | None:
        key = self.which.currentData()
        return next((c for c in self.owed if c.key == key), None)

    def attempt(self) -> None:
        chosen = self._chosen()
        if chosen is not None:
            self.submit(_owed_payment(chosen, date_of(self.on) or today_for(self), self.amount.text()))


class FundDialog(SubmitDialog):
    """Set money aside in a fund, or release it back to spend freely: always with why and who agreed."""

    def __init__(self, parent: QWidget | None, submit: Callable[[str, str, date, str, str, str], object]) -> None:
        super().__init__(parent, "Move money in or out of a fund", "Move it")
        self.submit = submit
        holder, form = _holder("The money stays in the account: a fund only marks it as set aside. To pay for "
                               "something from a fund, record the spending and choose the fund it is paid from.")
        self.fund = combo(FUNDS, "fund:crisis")
        self.direction = combo({"topup": "Set money aside in it", "release": "Release money from it to spend"},
                               "topup")
        self.on = date_edit(today_for(parent))
        self.amount = _line()
        self.reason = _line("", "Why, such as: the council agreed 6 weeks' contingency")
        self.agreed_by = _line("", "Who agreed it")
        labelled_above(form, "&Fund:", self.fund)
        labelled_above(form, "&What to do:", self.direction)
        labelled_above(form, "&Date:", self.on)
        labelled_above(form, "&Amount in pounds:", self.amount)
        labelled_above(form, "W&hy:", self.reason)
        labelled_above(form, "Who a&greed:", self.agreed_by)
        self.finish_scrolling(holder, 64, tall=False)

    def attempt(self) -> None:
        self.submit(str(self.fund.currentData()), str(self.direction.currentData()), date_of(self.on) or
                    today_for(self), self.amount.text(), self.reason.text(), self.agreed_by.text())


class ReconcileDialog(TextDialog):
    """The bank statements and their lines: sort each line (match it to what was expected, or record it), then
    reconcile the statement. Every step by keyboard: lists move with the arrow keys, buttons have shortcuts."""

    def __init__(self, parent: QWidget | None, book: EmployerBook, record_spending: Callable[[LineRow], object],
                 record_money_in: Callable[[LineRow], object]) -> None:
        super().__init__(parent)
        self.book = book
        self.record_spending_for = record_spending
        self.record_money_in_for = record_money_in
        self.setWindowTitle("Sort and reconcile statements — PA Books")
        self.body.addWidget(heading("Sort and reconcile statements", 2))
        self.body.addWidget(paragraph(
            "Choose a statement, then each line still to sort: say what it is, or record it. When every line is "
            "sorted and the balance agrees, reconcile the statement: its lines are then protected."))
        self.statement_list = QListWidget()
        self.statement_list.setWordWrap(True)
        self.statement_list.setMinimumHeight(self.statement_list.fontMetrics().lineSpacing() * 4)
        labelled_above(self.body, "&Statements:", self.statement_list)
        self.line_list = QListWidget()
        self.line_list.setWordWrap(True)
        self.line_list.setMinimumHeight(self.line_list.fontMetrics().lineSpacing() * 6)
        labelled_above(self.body, "&Lines of the chosen statement:", self.line_list)
        self.could_be = combo({}, "")
        labelled_above(self.body, "The chosen line &is:", self.could_be)
        self.match_button = button("&Match it", self.match)
        self.spending_button = button("Record it as s&pending…", self.as_spending)
        self.money_in_button = button("Record it as money i&n…", self.as_money_in)
        self.closing = QLineEdit()
        self.closing.setAccessibleDescription("Only needed when the statement file gave no balance")
        self.reconcile_button = button("&Reconcile this statement", self.reconcile)
        for widget in (self.match_button, self.spending_button, self.money_in_button):
            self.body.addWidget(widget)
        labelled_above(self.body, "Closing &balance on the paper or online statement (if the file had none):",
                       self.closing)
        self.body.addWidget(self.reconcile_button)
        self.said = paragraph("")
        self.said.setVisible(False)
        self.body.addWidget(self.said)
        self.problem = problem_label()
        self.body.addWidget(self.problem)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.statement_list.currentRowChanged.connect(lambda _row: self.show_lines())
        self.line_list.currentRowChanged.connect(lambda _row: self.show_candidates())
        self.statement_rows: list[StatementRow] = []
        self.line_rows: list[LineRow] = []
        self.refresh()
        self.finish(close, 80)

    def refresh(self, keep_statement: int | None = None) -> None:
        found, lines = money_views.statements(self.book)
        self.statement_rows, self.all_lines = found, lines
        self.statement_list.blockSignals(True)
        self.statement_list.clear()
        for row in found:
            self.statement_list.addItem(row.words())
        if not found:
            self.statement_list.addItem("No statements yet. Import one from the Money screen.")
        self.statement_list.blockSignals(False)
        ids = [s.statement_id for s in found]
        self.statement_list.setCurrentRow(ids.index(keep_statement) if keep_statement in ids else 0)
        self.show_lines()

    def chosen_statement(self) -> StatementRow | None:
        at = self.statement_list.currentRow()
        return self.statement_rows[at] if 0 <= at < len(self.statement_rows) else None

    def show_lines(self) -> None:
        statement = self.chosen_statement()
        self.line_rows = [line for line in self.all_lines if statement and line.statement_id == statement.statement_id]
        self.line_list.blockSignals(True)
        self.line_list.clear()
        for line in self.line_rows:
            state = f"sorted as {line.sorted_as}" if line.sorted_as else "TO SORT"
            self.line_list.addItem(f"{long_date(line.occurred_on)}, {line.description or 'no description'}, "
                                   f"{format_pounds(line.amount_pence)}: {state}")
        self.line_list.blockSignals(False)
        unsorted = [i for i, line in enumerate(self.line_rows) if not line.sorted_as]
        self.line_list.setCurrentRow(unsorted[0] if unsorted else 0)
        self.reconcile_button.setEnabled(statement is not None and not statement.reconciled)
        self.show_candidates()

    def chosen_line(self) -> LineRow | None:
        at = self.line_list.currentRow()
        return self.line_rows[at] if 0 <= at < len(self.line_rows) else None

    def show_candidates(self) -> None:
        line = self.chosen_line()
        self.could_be.clear()
        open_line = line is not None and not line.sorted_as
        if open_line and line is not None:
            for c in money_views.what_a_line_could_be(self.book, line.line_id):
                self.could_be.addItem(c.words, c.key)
            if not self.could_be.count():
                self.could_be.addItem("Nothing PA Books expected has this amount: record it instead", "")
        for widget in (self.spending_button, self.money_in_button):
            widget.setEnabled(open_line)
        self.match_button.setEnabled(open_line and bool(self.could_be.currentData()))
        self.could_be.setEnabled(open_line)

    def say(self, words: str) -> None:
        self.problem.setVisible(False)
        self.said.setText(words)
        self.said.setAccessibleName(words)
        self.said.setVisible(True)

    def _done(self, words: str) -> None:
        statement = self.chosen_statement()
        self.refresh(statement.statement_id if statement else None)
        self.say(words)
        self.line_list.setFocus()

    def match(self) -> None:
        line = self.chosen_line()
        if line is None or not self.could_be.currentData():
            return
        outcome = self.book.run(MatchBankLine(), LineMatch(line.line_id, str(self.could_be.currentData())))
        if outcome.ok:
            self._done(f"Sorted: {self.could_be.currentText()}.")
        else:
            show_problem_text(self.problem, " ".join(p.message for p in outcome.problems))

    def as_spending(self) -> None:
        line = self.chosen_line()
        if line is not None and self.record_spending_for(line):
            self._done("Sorted as spending.")

    def as_money_in(self) -> None:
        line = self.chosen_line()
        if line is not None and self.record_money_in_for(line):
            self._done("Sorted as money in.")

    def reconcile(self) -> None:
        statement = self.chosen_statement()
        if statement is None:
            return
        outcome = self.book.run(ReconcileStatement(), Reconciling(statement.statement_id, self.closing.text()))
        if outcome.ok:
            self._done(f"Reconciled: {outcome.value} lines agree with the statement and are now protected.")
        else:
            show_problem_text(self.problem, " ".join(str(p) if p.line else p.message for p in outcome.problems))


class ForecastDialog(TextDialog):
    """How far the budget will go, with what-ifs, in words and week by week."""

    def __init__(self, parent: QWidget | None, book: EmployerBook) -> None:
        super().__init__(parent)
        self.book = book
        self.setWindowTitle("How far will the budget go — PA Books")
        self.body.addWidget(heading("How far will the budget go?", 2))
        self.body.addWidget(paragraph("A forecast to the end of the agreement year from the payments the agreement "
                                      "says are to come and what a week has cost lately. Try a what-if: more hours "
                                      "a week, or a pay rise from a date."))
        self.extra_hours = QLineEdit("0")
        self.pay_rise = QLineEdit("0")
        self.from_date = date_edit(today_for(parent))
        labelled_above(self.body, "What if: &more hours a week (or fewer, as a minus):", self.extra_hours)
        labelled_above(self.body, "What if: a &pay rise, in percent:", self.pay_rise)
        labelled_above(self.body, "&Starting from:", self.from_date)
        self.work_out = button("&Work it out", self.show_forecast)
        self.body.addWidget(self.work_out)
        self.forecast_text = QPlainTextEdit()
        self.forecast_text.setReadOnly(True)
        self.forecast_text.setTabChangesFocus(True)
        self.forecast_text.setAccessibleName("The forecast")
        self.forecast_text.setMinimumHeight(self.forecast_text.fontMetrics().lineSpacing() * 12)
        labelled_above(self.body, "The &forecast:", self.forecast_text)
        self.problem = problem_label()
        self.body.addWidget(self.problem)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self.show_forecast()
        self.finish(close, 80)

    def show_forecast(self) -> None:
        try:
            hours, rise = Decimal(self.extra_hours.text() or "0"), Decimal(self.pay_rise.text() or "0")
        except InvalidOperation:
            show_problem_text(self.problem, "Type the hours and the pay rise as numbers, such as 5 or 3.5.")
            return
        self.problem.setVisible(False)
        view = forecast(self.book, hours, rise, date_of(self.from_date))
        weeks = [f"Week of {long_date(w.starts_on)}: in {format_pounds(w.money_in_pence)}, out "
                 f"{format_pounds(w.money_out_pence)}, balance {format_pounds(w.balance_pence)}"
                 for w in view.forecast.weeks]
        self.forecast_text.setPlainText("\n".join([view.forecast.words(), "", "How it is worked out:", *view.basis, "",
                                            *weeks]))


class ColumnsDialog(SubmitDialog):
    """Say which column of an unknown bank's statement is which; PA Books keeps it for that bank."""

    def __init__(self, parent: QWidget | None, header: list[str], submit: Callable[[dict[str, object]], object]) -> None:
        super().__init__(parent, "Choose the statement's columns", "Keep these columns")
        self.submit = submit
        holder, form = _holder("PA Books does not know this bank's statement layout. Say which column holds what; "
                               "PA Books checks the choice reads the statement, and remembers it for next time.")
        columns = {c: c for c in header if c.strip()}
        none = {"": "(none)", **columns}
        first = next(iter(columns), "")
        self.bank = _line("", "The bank's name, so you know the layout again")
        self.date = combo(columns, first)
        self.date_format = combo(DATE_FORMATS, "%d/%m/%Y")
        self.description = combo(columns, list(columns)[1] if len(columns) > 1 else first)
        self.amount = combo(none, list(columns)[2] if len(columns) > 2 else "")
        self.money_out = combo(none, "")
        self.money_in = combo(none, "")
        self.balance = combo(none, "")
        labelled_above(form, "&Bank:", self.bank)
        labelled_above(form, "&Date column:", self.date)
        labelled_above(form, "Dates are &written as:", self.date_format)
        labelled_above(form, "D&escription column:", self.description)
        labelled_above(form, "&Amount column (money in positive, out negative):", self.amount)
        labelled_above(form, "Or money &out column:", self.money_out)
        labelled_above(form, "and money &in column:", self.money_in)
        labelled_above(form, "Ba&lance column, if there is one:", self.balance)
        self.finish_scrolling(holder, 64)

    def attempt(self) -> None:
        self.submit({"bank_name": self.bank.text(), "date": str(self.date.currentData()),
                     "date_format": str(self.date_format.currentData()),
                     "description": (str(self.description.currentData()),), "amount": str(self.amount.currentData()),
                     "money_out": str(self.money_out.currentData()), "money_in": str(self.money_in.currentData()),
                     "balance": str(self.balance.currentData())})


class AgreementDialog(SubmitDialog):
    """The agreement's money terms: what the council pays and how often, your contribution and how it is paid,
    and what the account may hold. Saving records the agreement from the date given (the old one is kept)."""

    def __init__(self, parent: QWidget | None, current: AgreementInput | None,
                 submit: Callable[[AgreementInput], object]) -> None:
        super().__init__(parent, "The council agreement's money", "Save the agreement")
        self.submit = submit
        holder, form = _holder("From your direct payment agreement. A change is kept from the date you give; the "
                               "agreement before it stays as it was.")
        start = current or AgreementInput("", today_for(parent), "", "four_weekly")
        self.council = _line(start.council_name)
        self.reference = _line(start.reference)
        self.starts = date_edit(start.starts_on)
        self.payment = _line(start.payment)
        self.frequency = combo({"weekly": "Every week", "four_weekly": "Every four weeks", "monthly": "Every month",
                                "quarterly": "Every quarter"}, start.frequency)
        self.contribution = _line(start.contribution, "Your assessed contribution each payment period")
        self.method = combo(CONTRIBUTION_METHODS, start.contribution_method)
        self.contingency = _line(start.contingency_weeks, "Weeks of payments the agreement lets you keep")
        self.advance = _line(start.weeks_paid_in_advance, "Weeks the council pays ahead")
        self.extras = _line(start.agreed_extras, "Also allowed: unused respite, savings agreed for a purchase")
        self.threshold = _line(start.receipt_threshold, "The council asks for receipts above this amount")
        self.return_template = combo(RETURN_TEMPLATES(), start.return_template)
        labelled_above(form, "&Council:", self.council)
        labelled_above(form, "Council's &reference:", self.reference)
        labelled_above(form, "&From:", self.starts)
        labelled_above(form, "Each &payment, in pounds:", self.payment)
        labelled_above(form, "&How often:", self.frequency)
        labelled_above(form, "Your c&ontribution each period, in pounds:", self.contribution)
        labelled_above(form, "How your contri&bution is paid:", self.method)
        labelled_above(form, "Contin&gency the agreement allows, in weeks:", self.contingency)
        labelled_above(form, "Weeks paid in &advance:", self.advance)
        labelled_above(form, "Agreed &extras you may keep, in pounds:", self.extras)
        labelled_above(form, "Receipts &needed above, in pounds:", self.threshold)
        labelled_above(form, "The council's re&turn form:", self.return_template)
        self.finish_scrolling(holder, 70)

    def attempt(self) -> None:
        self.submit(AgreementInput(
            self.council.text(), date_of(self.starts) or today_for(self), self.payment.text(),
            str(self.frequency.currentData()), self.reference.text(), self.contribution.text(),
            str(self.method.currentData()), self.contingency.text(), self.advance.text(), self.extras.text(),
            self.threshold.text(), str(self.return_template.currentData())))


class BudgetDialog(SubmitDialog):
    """Add a second budget beside the council's direct payment: who pays it, its terms and its own account."""

    def __init__(self, parent: QWidget | None, submit: Callable[[BudgetInput], object]) -> None:
        super().__init__(parent, "Add a second budget", "Add the budget")
        self.submit = submit
        holder, form = _holder("A second budget kept in this file with its own money, rules and return, such as an "
                               "NHS personal health budget or a carer's budget. It needs its own bank account; "
                               "the council's direct payment is not changed.")
        today = today_for(parent)
        self.name = _line("Health budget")
        self.kind = combo(BUDGET_KINDS, "nhs_phb")
        self.funder = _line("", "Who pays it, such as Northshire Integrated Care Board")
        self.reference = _line("", "The funder's reference for it, if any")
        self.starts = date_edit(today)
        self.payment = _line("", "Each payment, in pounds, such as 500.00")
        self.every = combo({"four_weekly": "Every four weeks", "weekly": "Every week", "monthly": "Every month",
                            "quarterly": "Every quarter"}, "four_weekly")
        self.contingency = _line("4", "Weeks of payments it may keep as contingency")
        self.threshold = _line("", "Receipts are asked for above this amount, such as 25.00")
        self.template = combo(RETURN_TEMPLATES(), "personal-health-budget")
        self.rules = _line("", "What it may be spent on, in the funder's words")
        self.account = _line("Health budget account")
        self.opened_on = date_edit(today)
        self.opening = _line("", "The balance the account's statement shows on that day, such as 0.00")
        for text, field in (("Its &name:", self.name), ("&Kind of budget:", self.kind),
                            ("Who &pays it:", self.funder), ("Their &reference:", self.reference),
                            ("Payments &start on:", self.starts), ("Each pa&yment, in pounds:", self.payment),
                            ("&How often:", self.every), ("Contingency it may keep, in &weeks:", self.contingency),
                            ("Receipts needed abo&ve, in pounds:", self.threshold),
                            ("The &form of its return:", self.template),
                            ("What it may be spent &on:", self.rules), ("The &account it is paid into:", self.account),
                            ("Keep its books fro&m:", self.opened_on),
                            ("Account &balance on that day, in pounds:", self.opening)):
            labelled_above(form, text, field)
        self.finish_scrolling(holder, 64)

    def attempt(self) -> None:
        starts = date_of(self.starts) or today_for(self)
        self.submit(BudgetInput(
            self.name.text(), str(self.kind.currentData()),
            AgreementInput(self.funder.text(), starts, self.payment.text(), str(self.every.currentData()),
                           self.reference.text(), contingency_weeks=self.contingency.text() or "0",
                           receipt_threshold=self.threshold.text(), return_template=str(self.template.currentData())),
            AccountInput(self.account.text(), opened_on=date_of(self.opened_on), opening_balance=self.opening.text()),
            self.rules.text()))

"""Money: where the direct payment account stands in four numbers, whether the council may see a surplus, the
balance over the year as a picture with the same figures as text, and the register of every transaction (with
filters). From here money is recorded, statements imported, sorted and reconciled, funds moved, and a forecast
worked out."""

from __future__ import annotations

import heapq
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QStyle,
    QTableView,
    QWidget,
)

from app.services import money_views
from app.services.add_budget import AddBudget, BudgetInput, budgets
from app.services.book import EmployerBook
from app.services.choose_statement_columns import ChooseStatementColumns, ColumnChoice, header_of
from app.services.council_agreement import SetAgreement, agreement_terms, support_plan
from app.services.import_statement import UNKNOWN_LAYOUT, Imported, ImportStatement, StatementFile
from app.services.money_chart import CHART_WEEKS, balance_chart
from app.services.money_liabilities import known_liabilities
from app.services.money_views import (
    FUNDING_STREAMS,
    SPENDING,
    LineRow,
    MoneyPosition,
    RegisterRow,
    RunningBalance,
    income,
    spending,
)
from app.services.move_fund_money import FundMove, ReleaseFromFund, TopUpFund
from app.services.operations import CANCELLED, Change, Outcome
from app.services.record_money import PayWhatIsOwed, RecordMoneyIn, RecordSpending
from app.services.set_up_account import SetUpAccount
from app.services.void_transaction import Voiding, VoidTransaction
from app.services.words import format_pounds, long_date
from app.ui.dialogs_money import (
    AccountDialog,
    AgreementDialog,
    BudgetDialog,
    ColumnsDialog,
    ForecastDialog,
    FundDialog,
    MoneyInDialog,
    PayOwedDialog,
    ReconcileDialog,
    SpendingDialog,
)
from app.ui.dialogs_people import combo
from app.ui.dialogs_shifts import ReasonDialog
from app.ui.widgets import (
    BudgetChoice,
    Index,
    RowsTableModel,
    Screen,
    WorkProgress,
    button,
    button_grid,
    heading,
    labelled_above,
    large_text,
    paragraph,
    tell,
)


class RegisterModel(RowsTableModel[RegisterRow]):
    """The register, a transaction a row; with large text, one cell a row with the facts on lines of their own
    (nothing scrolls sideways). Money in and out are words with the sign said, never colour alone."""

    FULL_COLUMNS = ("Date", "What", "For", "In", "Out", "Balance", "State")
    STACKED_COLUMN = "Transaction"
    SIZED_COLUMNS = (0, 3, 4, 5, 6)  # as wide as their widest words; the two columns of words share the rest

    def set_rows(self, rows: list[RegisterRow]) -> None:
        self.cells = [self._cells(row) for row in rows]  # worked out once: the view asks for each cell often
        super().set_rows(rows)

    def longest(self, column: int) -> list[str]:
        """The longest few words in a column and its heading, to measure: the view is told the column's width
        rather than measuring every one of up to 20,000 rows (in a proportional font the longest is nearly,
        not always, the widest, so a few are measured)."""
        return heapq.nlargest(8, {cells[column] for cells in self.cells} | {self.columns[column]}, key=len)

    @staticmethod
    def _cells(row: RegisterRow) -> tuple[str, ...]:
        return (long_date(row.occurred_on), row.description, row.what,
                format_pounds(row.in_pence) if row.in_pence else "", format_pounds(row.out_pence) if row.out_pence
                else "", format_pounds(row.balance_pence), row.state + (" (receipt kept)" if row.receipts else ""))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole and not self.stacked:
            return self.cells[index.row()][index.column()]
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole:
            role = Qt.ItemDataRole.AccessibleTextRole  # the whole row in words
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        amount = (f"In {format_pounds(row.in_pence)}" if row.in_pence else
                  f"Out {format_pounds(row.out_pence)}" if row.out_pence else "Moved within the account")
        if self.stacked or role == Qt.ItemDataRole.AccessibleTextRole:
            parts = [long_date(row.occurred_on), row.description, row.what, amount,
                     f"Balance after: {format_pounds(row.balance_pence)}", row.state]
            if row.note:
                parts.append(row.note)
            if row.receipts:
                parts.append(f"{row.receipts} receipt(s) kept")
            return ("\n" if self.stacked and role == Qt.ItemDataRole.DisplayRole else ". ").join(parts)
        return self.cells[index.row()][index.column()]


class BalanceChart(QWidget):
    """The balance over the last year, drawn with the allowed balance as a dashed line and the contingency as
    a dotted one, and the forecast ahead to the end of the agreement year as a thin dash-dot line (told apart by
    pattern and by the words beside it, not by colour alone). Its accessible description is the same figures as
    text."""

    def __init__(self) -> None:
        super().__init__()
        self.points: list[tuple[date, int]] = []
        self.allowed_pence: int | None = None
        self.contingency_pence = 0
        self.ahead: list[tuple[date, int]] = []
        self.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setAccessibleName("Chart of the balance over the year")

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(400, self.fontMetrics().lineSpacing() * 9)

    def set_series(self, points: list[tuple[date, int]], allowed: int | None, contingency: int, words: str,
                   ahead: list[tuple[date, int]] | None = None) -> None:
        self.points, self.allowed_pence, self.contingency_pence = points, allowed, contingency
        self.ahead = ahead or []
        self.setAccessibleDescription(words)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        if self.hasFocus():
            painter.setPen(QPen(QColor("#0b0c0c"), 4))
            painter.drawRect(self.rect().adjusted(2, 2, -2, -2))
        if len(self.points) < 2:
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, "Not enough history to draw yet.")
            return
        values = ([v for _, v in self.points] + [v for _, v in self.ahead]
                  + [v for v in (self.allowed_pence, self.contingency_pence) if v])
        low, high = min(0, *values), max(values) or 1
        margin = self.fontMetrics().lineSpacing()
        width, height = self.width() - 2 * margin, self.height() - 2 * margin
        first, last = self.points[0][0], (self.ahead[-1][0] if self.ahead else self.points[-1][0])
        span = max((last - first).days, 1)

        def at(day: date, pence: int) -> QPointF:
            return QPointF(margin + width * (day - first).days / span,
                           margin + height * (1 - (pence - low) / ((high - low) or 1)))

        for level, style, label in ((self.allowed_pence, Qt.PenStyle.DashLine, "may keep"),
                                    (self.contingency_pence, Qt.PenStyle.DotLine, "contingency")):
            if level:
                painter.setPen(QPen(QColor("#505a5f"), 2, style))
                painter.drawLine(at(first, level), at(last, level))
                text = f"{label} {format_pounds(level)}"
                spot = at(last, level) + QPointF(-self.fontMetrics().horizontalAdvance(text) - 4, 4)
                box = self.fontMetrics().boundingRect(text).translated(spot.toPoint())
                painter.fillRect(box.adjusted(-2, 0, 2, 2), QColor("#ffffff"))
                painter.setPen(QColor("#0b0c0c"))
                painter.drawText(spot + QPointF(0, self.fontMetrics().ascent()), text)
        painter.setPen(QPen(QColor("#1d70b8"), 3))
        for (d1, v1), (d2, v2) in zip(self.points, self.points[1:], strict=False):
            painter.drawLine(at(d1, v1), at(d2, v1))
            painter.drawLine(at(d2, v1), at(d2, v2))
        if self.ahead:
            painter.setPen(QPen(QColor("#0b0c0c"), 1.5, Qt.PenStyle.DashDotLine))
            start = self.points[-1]
            for (d1, v1), (d2, v2) in zip([start, *self.ahead], self.ahead, strict=False):
                painter.drawLine(at(d1, v1), at(d2, v2))


class MoneyScreen(Screen):
    title = "Money"
    shows = frozenset({Change.MONEY, Change.PAY_RUNS, Change.AGREEMENT})

    def __init__(self, book: EmployerBook) -> None:
        super().__init__()
        self.main_book = book
        self.book = book  # the budget shown: the council's direct payment, or a second budget
        self.position: MoneyPosition | None = None
        self.layout_.addWidget(heading("Money"))
        self.budget_choice = BudgetChoice(self.layout_, "B&udget shown:", self.choose_budget)
        self.standing = paragraph("")
        self.standing.setObjectName("moneyStanding")
        self.standing.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.layout_.addWidget(self.standing)
        self.add_status()
        self.account_button = button("Set up the &account…", self.set_up_account)
        self.in_button = button("Record money i&n…", self.record_money_in)
        self.spend_button = button("Record &spending…", self.record_spending)
        self.pay_button = button("Record &paying what is owed…", self.pay_owed)
        self.fund_button = button("Move money in or out of a fun&d…", self.move_fund_money)
        self.import_button = button("&Import a bank statement…", self.import_statement)
        self.reconcile_button = button("Sort and &reconcile statements…", self.reconcile)
        self.forecast_button = button("How far will the &budget go?…", self.forecast)
        self.void_button = button("&Void the chosen transaction…", self.void)
        self.agreement_button = button("The council agreement's mone&y…", self.agreement)
        self.budget_button = button("Add a second budget (hea&lth, carer's)…", self.add_budget)
        self.layout_.addWidget(button_grid((
            self.account_button, self.in_button, self.spend_button, self.pay_button, self.fund_button,
            self.import_button, self.reconcile_button, self.forecast_button, self.void_button,
            self.agreement_button, self.budget_button), 2))
        self.layout_.addWidget(heading("What to keep aside", 2))
        self.keep_words = paragraph("")
        self.keep_words.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.layout_.addWidget(self.keep_words)
        self.layout_.addWidget(heading("The balance over the year", 2))
        self.chart = BalanceChart()
        self.layout_.addWidget(self.chart)
        self.chart_words = paragraph("")
        self.chart_words.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.layout_.addWidget(self.chart_words)
        self.layout_.addWidget(heading("Every transaction", 2))
        filters = QWidget()
        row = QGridLayout(filters)
        row.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Words in it: a payee, a reference, a reason")
        self.account_filter = combo({"": "Everything", "fund:crisis": "Crisis fund", "fund:contingency": "Contingency",
                                     **{income(c.code): f"Money in: {c.words}" for c in FUNDING_STREAMS},
                                     **{spending(c.code): f"Spending: {c.words}" for c in SPENDING}}, "")
        self.period = combo({"year": "The last 12 months", "quarter": "The last 3 months", "all": "Everything"},
                            "year")
        self.show_voided = QCheckBox("Show v&oided transactions")
        self.show_voided.setChecked(True)
        search_box, account_box, period_box, voided_box = QWidget(), QWidget(), QWidget(), QWidget()
        for holder in (search_box, account_box, period_box, voided_box):
            holder.setLayout(_column())
        labelled_above(search_box.layout(), "Sear&ch:", self.search)  # type: ignore[arg-type]
        labelled_above(account_box.layout(), "Sho&w:", self.account_filter)  # type: ignore[arg-type]
        labelled_above(period_box.layout(), "Ov&er:", self.period)  # type: ignore[arg-type]
        voided_box.layout().addWidget(self.show_voided)  # type: ignore[union-attr]
        stack = large_text()
        # The search across the top; the choices under it, side by side unless the text is large.
        row.addWidget(search_box, 0, 0, 1, 1 if stack else 3)
        for at, holder in enumerate((account_box, period_box, voided_box)):
            row.addWidget(holder, at + 1 if stack else 1, 0 if stack else at)
        self.layout_.addWidget(filters)
        self.model = RegisterModel(stacked=stack)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("The register: every transaction, the latest last")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        # Row heights are set from the rows' line counts, never measured cell by cell (a 10-year register has
        # 20,000 rows): one line each at normal sizes (the full words are the row's accessible text and tooltip),
        # each fact on its own line with large text.
        self.table.setWordWrap(stack)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().lineSpacing() + 10)
        header = self.table.horizontalHeader()
        if not stack:  # the words share what the dates and amounts leave; nothing scrolls sideways
            header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # sized from the rows (show_register)
            for column in (1, 2):
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        else:
            header.setStretchLastSection(True)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setMinimumHeight(self.table.fontMetrics().lineSpacing() * (16 if stack else 10))
        self.layout_.addWidget(self.table)
        self.search.textChanged.connect(lambda _text: self.show_register())
        self.account_filter.currentIndexChanged.connect(lambda _i: self.show_register())
        self.period.currentIndexChanged.connect(lambda _i: self.show_register())
        self.show_voided.toggled.connect(lambda _on: self.show_register())
        self.layout_.addStretch(1)
        self.refresh()

    # Reading
    def _funder(self) -> str:
        """Who pays the budget shown when it is a second budget (its main payment's name), else ""."""
        if self.book.budget_id is None:
            return ""
        terms = agreement_terms(self.book)
        return terms.council_name if terms else ""

    def choose_budget(self) -> None:
        self.book = self.main_book.budget(self.budget_choice.box.currentData())
        self.refresh()
        self.say(f"Showing {self.budget_choice.box.currentText()}: its own account, money and return.")

    def add_budget(self) -> None:
        made: list[int] = []

        def submit(given: BudgetInput) -> object:
            made.append(self.main_book.run(AddBudget(), given).unwrap())
            return made[-1]

        if BudgetDialog(self, submit).exec() == BudgetDialog.DialogCode.Accepted and made:
            self.book = self.main_book.budget(made[-1])
            self.refresh()
            self.say("Added. The Money screen now shows the new budget; choose the budget shown above to switch.")

    def refresh(self) -> None:
        self.budget_choice.show_rows(budgets(self.main_book), self.book.budget_id)
        self.agreement_button.setText("This budget's &terms…" if self.book.budget_id is not None else
                                      "The council agreement's mone&y…")
        self.agreement_button.setAccessibleName(self.agreement_button.text().replace("&", "").rstrip("…"))
        today = self.book.today()
        overview = money_views.money_overview(self.book, self._register_from(), today - timedelta(weeks=CHART_WEEKS),
                                              self.search.text(), str(self.account_filter.currentData()),
                                              self.show_voided.isChecked())
        position = overview.position
        self.position = position
        if position.account_set_up:
            words = position.sentences() + [position.allowance_words]
        else:
            words = ["The direct payment account is not set up yet. Set it up with the balance your statement shows, "
                     "then record money in and out, or import your bank statements."]
        self.standing.setText("\n".join(words))
        self.standing.setAccessibleName(" ".join(words))
        self.account_button.setText("Change the &account's details…" if position.account_set_up else
                                    "Set up the &account…")
        self.account_button.setAccessibleName(self.account_button.text().replace("&", "").rstrip("…"))
        for widget in (self.in_button, self.spend_button, self.pay_button, self.fund_button, self.import_button,
                       self.reconcile_button, self.forecast_button):
            widget.setEnabled(position.account_set_up)
        keep = known_liabilities(self.book, holding=position.holding).words() if position.account_set_up else []
        self.keep_words.setText("\n".join(keep))
        self.keep_words.setAccessibleName(" ".join(keep))
        self.show_chart(position, overview.series)
        self._show_rows(overview.register)

    def _register_from(self) -> date | None:
        days = {"year": 366, "quarter": 92}.get(str(self.period.currentData()))
        return self.book.today() - timedelta(days=days) if days else None

    def show_chart(self, position: MoneyPosition, series: RunningBalance) -> None:
        chart = balance_chart(self.book, position, series)
        self.chart.set_series(list(chart.points), chart.allowed_pence, chart.contingency_pence, chart.words,
                              list(chart.ahead))
        self.chart_words.setText(chart.words)
        self.chart_words.setAccessibleName(chart.words)

    def show_register(self) -> None:
        self._show_rows(money_views.register(self.book, self.search.text(), first=self._register_from(),
                                             account=str(self.account_filter.currentData()),
                                             include_voided=self.show_voided.isChecked()))

    def _show_rows(self, rows: list[RegisterRow]) -> None:
        self.model.set_rows(rows)
        if not self.model.stacked:
            header = self.table.horizontalHeader()
            padding = 2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin) + 16
            for column in RegisterModel.SIZED_COLUMNS:
                header.resizeSection(column, padding + max(max(self.table.fontMetrics().horizontalAdvance(words),
                                                               header.fontMetrics().horizontalAdvance(words))
                                                           for words in self.model.longest(column)))
        if self.model.stacked:
            spacing = self.table.fontMetrics().lineSpacing()
            rows_header = self.table.verticalHeader()
            for at, row in enumerate(rows):
                rows_header.resizeSection(at, spacing * (6 + bool(row.note) + bool(row.receipts)) + 8)
        if rows:
            self.table.selectRow(len(rows) - 1)
            self.table.scrollToBottom()
        self.void_button.setEnabled(bool(rows))

    def chosen(self) -> RegisterRow | None:
        at = self.table.currentIndex().row()
        return self.model.rows[at] if 0 <= at < len(self.model.rows) else None

    # Steps
    def set_up_account(self) -> None:
        first = not (self.position and self.position.account_set_up)
        dialog = AccountDialog(self, lambda given: self.book.run(SetUpAccount(), given).unwrap(), first)
        if dialog.exec() == AccountDialog.DialogCode.Accepted:
            self.say("The account is set up." if first else "The account's details are saved.")

    def record_money_in(self, line: LineRow | None = None) -> bool:
        dialog = MoneyInDialog(self, lambda given: self.book.run(RecordMoneyIn(), given).unwrap(),
                               line.occurred_on if line else None,
                               f"{line.amount_pence / 100:.2f}" if line else "", line.description if line else "",
                               line.line_id if line else None, self._funder())
        done = dialog.exec() == MoneyInDialog.DialogCode.Accepted
        if done and line is None:
            self.say("Recorded. It shows at the end of the register.")
        return done

    def record_spending(self, line: LineRow | None = None) -> bool:
        terms = agreement_terms(self.book)
        threshold = (f"The council asks for a receipt for anything over £{terms.receipt_threshold}."
                     if terms is not None and terms.receipt_threshold else "")
        dialog = SpendingDialog(self, lambda given: self.book.run(RecordSpending(), given).unwrap(),
                                line.occurred_on if line else None,
                                f"{-line.amount_pence / 100:.2f}" if line else "", line.description if line else "",
                                line.line_id if line else None, threshold,
                                support_plan(self.book, self.book.today()).outcomes)
        done = dialog.exec() == SpendingDialog.DialogCode.Accepted
        if done and line is None:
            self.say("Recorded. It shows at the end of the register.")
        return done

    def pay_owed(self) -> None:
        owed = money_views.owed_now(self.book)
        if not owed:
            tell(self, "Nothing is owed", "No finalised pay run has pay, tax or pension still to pay.")
            return
        dialog = PayOwedDialog(self, owed, lambda given: self.book.run(PayWhatIsOwed(), given).unwrap())
        if dialog.exec() == PayOwedDialog.DialogCode.Accepted:
            self.say("Recorded as paid.")

    def move_fund_money(self) -> None:
        def submit(fund: str, direction: str, on: date, amount: str, reason: str, agreed_by: str) -> object:
            operation = TopUpFund() if direction == "topup" else ReleaseFromFund()
            return self.book.run(operation, FundMove(fund, on, amount, reason, agreed_by)).unwrap()

        if FundDialog(self, submit).exec() == FundDialog.DialogCode.Accepted:
            self.say("Done: the fund's history keeps why and who agreed.")

    def import_statement(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, "Choose a bank statement — PA Books", "",
                                              "Bank statements (*.csv *.txt *.ofx *.qfx);;Any file (*)")
        if not name:
            return
        outcome = self._import(Path(name))
        if not outcome.ok and any(p.code == UNKNOWN_LAYOUT for p in outcome.problems):
            dialog = ColumnsDialog(self, header_of(Path(name)), lambda chosen: self.book.run(
                ChooseStatementColumns(), ColumnChoice(Path(name), **chosen)).unwrap())  # type: ignore[arg-type]
            if dialog.exec() != ColumnsDialog.DialogCode.Accepted:
                return
            outcome = self._import(Path(name))
        if not outcome.ok and any(p.code == CANCELLED for p in outcome.problems):
            self.say("Stopped: nothing was imported from that file. Import it again when you are ready.")
            return
        if not outcome.ok:
            tell(self, "Nothing was imported", "Nothing was imported from that file. " + "\n".join(
                str(p) for p in outcome.problems))
            return
        done = outcome.unwrap()
        self.say(done.words() + "".join(f" {n}" for n in done.notes))

    def _import(self, path: Path) -> Outcome[Imported]:
        progress = WorkProgress(self, f"Importing {path.name}…")
        try:
            return self.book.run(ImportStatement(), StatementFile(path, progress=progress))
        finally:
            progress.close()

    def reconcile(self) -> None:
        ReconcileDialog(self, self.book, self.record_spending, self.record_money_in).exec()
        self.refresh()

    def agreement(self) -> None:
        dialog = AgreementDialog(self, agreement_terms(self.book),
                                 lambda given: self.book.run(SetAgreement(), given).unwrap())
        if dialog.exec() == AgreementDialog.DialogCode.Accepted:
            self.say("The agreement is saved. What the account may hold is worked out from it.")

    def forecast(self) -> None:
        ForecastDialog(self, self.book).exec()

    def void(self) -> None:
        row = self.chosen()
        if row is None:
            return
        what = (f"{long_date(row.occurred_on)}, {row.description}, "
                f"{format_pounds(row.in_pence or row.out_pence)}.")
        dialog = ReasonDialog(self, "Void a transaction",
                              f"{what} It stays in the history with your reason and counts for nothing. A "
                              "transaction reconciled with a statement cannot be voided.", "Void it",
                              lambda reason: self.book.run(VoidTransaction(), Voiding(row.transaction_id,
                                                                                      reason)).unwrap())
        if dialog.exec() == ReasonDialog.DialogCode.Accepted:
            self.say("Voided. It stays in the register, marked voided, with the reason.")


def _column() -> Any:
    from PySide6.QtWidgets import QVBoxLayout

    layout = QVBoxLayout()
    layout.setContentsMargins(0, 0, 0, 0)
    return layout

"""PAs: the people you employ, from the file (adding and editing come with the timesheets work)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from app.services.book import EmployerBook
from app.services.views import PaRow
from app.services.words import long_date
from app.ui.widgets import Screen, heading, paragraph

Index = QModelIndex | QPersistentModelIndex


class PaTableModel(QAbstractTableModel):
    COLUMNS = ("Name", "Started", "Contract", "Day rate", "Tax code", "NI category", "Checks")

    def __init__(self, rows: list[PaRow]) -> None:
        super().__init__()
        self.rows = rows

    def set_rows(self, rows: list[PaRow]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's names and default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return None
        row = self.rows[index.row()]
        values = (row.name, long_date(row.started_on), row.contract_words, row.main_rate_words, row.tax_code,
                  row.ni_category, row.next_check_words)
        return values[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.COLUMNS[section]
        return None


class PasScreen(Screen):
    title = "PAs"

    def __init__(self, book: EmployerBook) -> None:
        super().__init__()
        self.book = book
        self.model = PaTableModel([])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Your PAs")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table; arrow keys move inside it
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setMinimumHeight(140)
        self.empty = paragraph("You have no PAs in this file yet. When you add one, their pay rates, tax code "
                               "and checks will be listed here.")
        self.layout_.addWidget(heading("Your PAs"))
        self.layout_.addWidget(paragraph(
            "The people you employ, with their pay and checks. Adding and changing PAs, rotas and timesheets "
            "is not built yet; it comes in the next version of PA Books."))
        self.layout_.addWidget(self.table)
        self.layout_.addWidget(self.empty)
        self.layout_.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        rows = self.book.list_pas()
        self.model.set_rows(rows)
        self.table.setVisible(bool(rows))
        self.empty.setVisible(not rows)
        if rows:
            self.table.selectRow(0)

"""Home: whose file this is, who acts as employer, and what needs doing."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

from app.services.book import EmployerBook
from app.services.employer_details import SetEmployerDetails, employer_details
from app.services.home import home_summary
from app.services.operations import Change
from app.services.views import TodoItem
from app.services.words import long_date
from app.ui.dialogs_employer import EmployerDialog
from app.ui.widgets import Screen, button, heading, paragraph

URGENCY_WORDS = {"overdue": "Overdue", "soon": "Soon", "later": "When you can", "today": "Today"}


def todo_text(item: TodoItem, today: date) -> str:
    """The words for one reminder: urgency first, in words (never shown by colour alone); a deadline that is
    today says "Today", not "Soon"; the deadline is added in brackets unless the reminder already says it."""
    urgency = "today" if item.due_on == today and item.urgency != "overdue" else item.urgency
    said = long_date(item.due_on) if item.due_on else ""
    when = f" (by {said})" if said and urgency not in ("overdue", "today") and said not in item.title else ""
    return f"{URGENCY_WORDS.get(urgency, urgency)}: {item.title}{when}. {item.detail}"


# Where a reminder is put right.
PLACES = {"pas": "PAs", "timesheets": "Timesheets", "plan": "Timesheets", "pay": "Pay", "money": "Money",
          "returns": "Council returns"}


class HomeScreen(Screen):
    title = "Home"
    shows = frozenset(Change) - {Change.HISTORY}

    def __init__(self, book: EmployerBook, go: Callable[[str], object] = lambda _screen: None) -> None:
        super().__init__()
        self.book = book
        self.go = go
        self.demo_banner = QLabel("Demo — not real data. Everyone in this file is made up; try anything.")
        self.demo_banner.setObjectName("demoBanner")
        self.demo_banner.setWordWrap(True)
        self.heading = heading("Home")
        self.who = paragraph("")
        self.acting = paragraph("")
        self.council = paragraph("")
        self.todo_heading = heading("What needs doing", 2)
        self.todo_list = QListWidget()
        self.todo_list.setObjectName("todoList")
        self.todo_list.setAccessibleName("What needs doing")
        self.todo_list.setWordWrap(True)
        self.todo_list.setMinimumHeight(160)
        self.todo_list.itemActivated.connect(lambda item: self.open_place(str(item.data(Qt.ItemDataRole.UserRole))))
        self.details_button = button("Employer &details…", self.edit_details)
        self.empty = paragraph("Nothing needs doing right now. Reminders about checks running out, insurance, "
                               "paying HMRC and the council's return will appear here.")
        for widget in (self.demo_banner, self.heading, self.who, self.acting, self.council):
            self.layout_.addWidget(widget)
        self.layout_.addWidget(self.details_button, alignment=Qt.AlignmentFlag.AlignLeft)
        for below in (self.todo_heading, self.todo_list, self.empty):
            self.layout_.addWidget(below)
        self.layout_.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        summary = home_summary(self.book)
        self.demo_banner.setVisible(summary.is_demo)
        self.heading.setText(f"Direct payment for {summary.person_name}")
        self.who.setText(f"File: {summary.file_name}. {summary.pa_count} PA{'s' if summary.pa_count != 1 else ''} "
                         "working for you.")
        self.acting.setText(f"{summary.acting_employer_name} acts as employer, as {summary.acting_role_words}.")
        if summary.council_name:
            self.council.setText(f"{summary.council_name} pays {summary.council_payment_words} into the account.")
        else:
            self.council.setText("No council agreement recorded yet.")
        self.todo_list.clear()
        for item in summary.todo:
            entry = QListWidgetItem(todo_text(item, self.book.today()))
            entry.setToolTip(item.detail + (" Press Enter to go there." if item.place else ""))
            entry.setData(Qt.ItemDataRole.UserRole, item.place)
            self.todo_list.addItem(entry)
        has_items = bool(summary.todo)
        self.todo_list.setVisible(has_items)
        self.empty.setVisible(not has_items)
        if has_items:
            self.todo_list.setCurrentRow(0)

    def open_place(self, place: str) -> None:
        """Enter on a reminder goes where it is put right."""
        if place == "employer":
            self.edit_details()
        elif place in PLACES:
            self.go(PLACES[place])

    def edit_details(self) -> None:
        EmployerDialog(self, employer_details(self.book),
                       lambda details: self.book.run(SetEmployerDetails(), details).unwrap()).exec()

"""Home: whose file this is, who acts as employer, and what needs doing.

Home is the first thing the window shows, often from the glance the file keeps (app.services.home_glance) before
the file is open: this module loads only Qt and the summary's plain data, and the rest when the file is open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem

from app.services.changes import Change
from app.services.views import HomeSummary
from app.ui.widgets import USER_ROLE, Screen, button, heading, left_aligned, paragraph

if TYPE_CHECKING:
    from app.services.book import EmployerBook

# Where a reminder is put right.
PLACES = {"pas": "PAs", "timesheets": "Timesheets", "plan": "Timesheets", "pay": "Pay", "money": "Money",
          "returns": "Council returns"}


class HomeScreen(Screen):
    title = "Home"
    shows = frozenset(Change) - {Change.HISTORY}

    def __init__(self, book: EmployerBook | None, go: Callable[[str], object] = lambda _screen: None,
                 glance: HomeSummary | None = None, today: date | None = None) -> None:
        """Home for an open `book`; or, before the file is open, from its `glance` as on `today`, until `attach`
        gives it the book (what is pressed meanwhile is done then)."""
        super().__init__()
        self.book = book
        self.go = go
        self.shown: tuple[HomeSummary, date] | None = None  # and the day it was shown for
        self._glance_today = today
        self._when_open: Callable[[], None] | None = None
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
        self.todo_list.itemActivated.connect(lambda item: self.open_place(str(item.data(USER_ROLE))))
        self.details_button = button("Employer &details…", self.edit_details)
        self.empty = paragraph("Nothing needs doing right now. Reminders about checks running out, insurance, "
                               "paying HMRC and the council's return will appear here.")
        for widget in (self.demo_banner, self.heading, self.who, self.acting, self.council):
            self.layout_.addWidget(widget)
        self.layout_.addWidget(left_aligned(self.details_button))
        for below in (self.todo_heading, self.todo_list, self.empty):
            self.layout_.addWidget(below)
        self.layout_.addStretch(1)
        if book is not None:
            self.refresh()
        elif glance is not None:
            self.show_summary(glance)

    def attach(self, book: EmployerBook) -> None:
        """The file is open: Home works itself out again (the glance is replaced only where it differs) and what
        was pressed before it opened is done now."""
        self.book = book
        self.refresh()
        waiting, self._when_open = self._when_open, None
        if waiting is not None:
            QTimer.singleShot(0, waiting)

    def refresh(self) -> None:
        if self.book is None:
            return
        from app.services.home import home_summary
        from app.services.home_glance import keep_glance

        summary = home_summary(self.book)
        keep_glance(self.book, summary)  # the next start shows this at once
        self.show_summary(summary)

    def today(self) -> date:
        if self.book is not None:
            return self.book.today()
        assert self._glance_today is not None
        return self._glance_today

    def show_summary(self, summary: HomeSummary) -> None:
        """Show `summary`; nothing moves when it is what is shown already (the glance was right), and the reminder
        the holder was on stays chosen when the list changes."""
        today = self.today()
        if (summary, today) == self.shown:
            return
        self.shown = (summary, today)
        self.demo_banner.setVisible(summary.is_demo)
        self.heading.setText(f"Direct payment for {summary.person_name}")
        self.who.setText(f"File: {summary.file_name}. {summary.pa_count} PA{'s' if summary.pa_count != 1 else ''} "
                         "working for you.")
        self.acting.setText(f"{summary.acting_employer_name} acts as employer, as {summary.acting_role_words}.")
        if summary.council_name:
            self.council.setText(f"{summary.council_name} pays {summary.council_payment_words} into the account.")
        else:
            self.council.setText("No council agreement recorded yet.")
        row = max(self.todo_list.currentRow(), 0)
        self.todo_list.clear()
        for item in summary.todo:
            entry = QListWidgetItem(item.words(today))
            entry.setToolTip(item.detail + (" Press Enter to go there." if item.place else ""))
            entry.setData(USER_ROLE, item.place)
            self.todo_list.addItem(entry)
        has_items = bool(summary.todo)
        self.todo_list.setVisible(has_items)
        self.empty.setVisible(not has_items)
        if has_items:
            self.todo_list.setCurrentRow(min(row, len(summary.todo) - 1))

    def open_place(self, place: str) -> None:
        """Enter on a reminder goes where it is put right."""
        if place == "employer":
            self.edit_details()
        elif place in PLACES:
            self.go(PLACES[place])

    def edit_details(self) -> None:
        book = self.book
        if book is None:  # pressed while the file opens: the dialog opens once it is open
            self._when_open = self.edit_details
            return
        from app.services.employer_details import SetEmployerDetails, employer_details
        from app.ui.dialogs_employer import EmployerDialog

        EmployerDialog(self, employer_details(book),
                       lambda details: book.run(SetEmployerDetails(), details).unwrap()).exec()

"""One date field for the whole app: type the date as people write it, or choose it from a calendar.

Qt's own date box was a keyboard trap for dates that may be left empty ("Not set"): typed digits landed
after the words, Tab moved between its hidden day, month and year parts and never left, and Up set
2 January 1900. This field is a plain text box that takes `05/01/2026`, `5/1/26` or `2026-01-05`, says
"Not set" when it is empty, is cleared by deleting the text, leaves with Tab like any box, and has a
calendar button beside it (reachable with Tab, or Alt+Down in the box).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.services.problems import BookError
from app.services.words import parse_uk_date

EXAMPLE = "such as 05/01/2026"


class CalendarDialog(QDialog):
    """A month to choose a day from: arrow keys move, Enter chooses, Escape leaves it as it was."""

    def __init__(self, chosen: date | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Choose a date — PA Books")
        layout = QVBoxLayout(self)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName("Calendar: arrow keys move, Enter chooses the day")
        if chosen is not None:
            self.calendar.setSelectedDate(QDate(chosen.year, chosen.month, chosen.day))
        self.calendar.activated.connect(lambda _day: self.accept())
        layout.addWidget(self.calendar)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.choose = buttons.addButton("&Choose this day", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.calendar.setFocus()

    def chosen(self) -> date:
        picked = self.calendar.selectedDate()
        return date(picked.year(), picked.month(), picked.day())


class DateField(QWidget):
    """A date typed day first, or chosen from a calendar. `value()` is the date, None when an optional field is
    left empty; a date that cannot be read is refused there, in words that name the field."""

    def __init__(self, value: date | None, optional: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.optional = optional
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = QLineEdit(_words(value))
        self.text.setPlaceholderText(f"Not set (type a date {EXAMPLE})" if optional else f"Type a date {EXAMPLE}")
        self.text.installEventFilter(self)
        self.calendar_button = QPushButton("Calendar…")
        self.calendar_button.setAutoDefault(False)
        self.calendar_button.clicked.connect(lambda _checked=False: self.open_calendar())
        row.addWidget(self.text, 1)
        row.addWidget(self.calendar_button)
        self.setFocusProxy(self.text)

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        """The field's label names the box, and the calendar button says which date it is for."""
        super().setAccessibleName(name)
        self.text.setAccessibleName(name)
        self.calendar_button.setAccessibleName(f"Choose {name.rstrip(':')} from a calendar")
        self.text.setAccessibleDescription("Day first, such as 05/01/2026." +
                                           (" Leave it empty if it is not set." if self.optional else ""))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.text and event.type() == QEvent.Type.KeyPress:
            key = event if isinstance(event, QKeyEvent) else None
            if key is not None and key.key() == Qt.Key.Key_Down and key.modifiers() & Qt.KeyboardModifier.AltModifier:
                self.open_calendar()
                return True
        return False

    def open_calendar(self) -> None:
        try:
            current = self.value()
        except BookError:
            current = None
        dialog = CalendarDialog(current, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.text.setText(_words(dialog.chosen()))
        self.text.setFocus()

    def value(self) -> date | None:
        typed = self.text.text().strip()
        name = (self.accessibleName() or "The date").rstrip(":")
        if not typed:
            if self.optional:
                return None
            raise BookError(f"{name}: enter a date, {EXAMPLE}.")
        try:
            return parse_uk_date(typed)
        except ValueError:
            raise BookError(f"{name}: \"{typed}\" is not a date; write it day first, {EXAMPLE}"
                            + (", or leave it empty" if self.optional else "") + ".") from None

    # -- what Qt's date box offered, for the code that sets and reads it ------------------------------------

    def setDate(self, value: QDate | date | None) -> None:  # noqa: N802 - as QDateEdit
        day = date(value.year(), value.month(), value.day()) if isinstance(value, QDate) else value
        self.text.setText(_words(day))

    def date(self) -> QDate:
        day = self.value()
        return QDate(day.year, day.month, day.day) if day else QDate()


def _words(day: date | None) -> str:
    return f"{day:%d/%m/%Y}" if day else ""

"""Small building blocks every screen uses, so each gets accessible names and headings the same way."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.services.changes import Change
from app.ui.style import heading_font

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QFormLayout

# Qt classes used only once a screen or dialog does something are imported there: each Qt class PySide loads
# makes its enums as it does, and this module is on the way to the first window. So is everything Home needs:
# PySide makes all 100-odd enums of its `Qt` namespace the first time any is used (a sixth of the time a bare
# window takes to start), so what Home is made of sets Qt's values by number, through Qt's property system.
# Each is Qt's own value (tests/test_startup.py checks them against `Qt`).
NO_FOCUS = 0  # Qt.FocusPolicy.NoFocus
TAB_FOCUS = 1  # Qt.FocusPolicy.TabFocus
SCROLL_BAR_ALWAYS_OFF = 1  # Qt.ScrollBarPolicy.ScrollBarAlwaysOff
PLAIN_TEXT = 0  # Qt.TextFormat.PlainText
DISPLAY_ROLE = 0  # Qt.ItemDataRole.DisplayRole
USER_ROLE = 256  # Qt.ItemDataRole.UserRole


def left_aligned(widget: QWidget) -> QWidget:
    """A widget (a button below a paragraph) as wide as its text, at the left of its column, not stretched across."""
    widget.setSizePolicy(QSizePolicy.Policy.Maximum, widget.sizePolicy().verticalPolicy())
    return widget


def today_for(widget: QWidget | None) -> date:
    """Today by the open file's clock (which tests and "what if" views set), for the first value of a date
    field: the book of the nearest screen or window that has one."""
    while widget is not None:
        book = getattr(widget, "book", None)
        if book is not None:
            today: date = book.today()
            return today
        widget = widget.parentWidget()
    from app.services.book import SystemClock  # only once no file is open: the window shows before the database code loads

    return SystemClock().now().date()


def heading(text: str, level: int = 1) -> QLabel:
    label = QLabel(text)
    label.setFont(heading_font(label.font(), level))
    label.setWordWrap(True)
    label.setProperty("role", "heading")
    label.setAccessibleName(text)
    return label


def paragraph(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("textFormat", PLAIN_TEXT)  # a name typed with < or & in it is shown as typed, never as HTML
    return label


class Screen(QScrollArea):
    """A screen in the main window: scrolls when text is large, so nothing is cut off at 200%. `shows` names
    the kinds of record it shows: the window refreshes it when an operation changes one of them."""

    title = ""
    shows: frozenset[Change] = frozenset()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setProperty("focusPolicy", NO_FOCUS)
        self.body = QWidget()
        self.body.setObjectName("screenBody")
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.setSpacing(12)
        self.setWidget(self.body)
        self.setAccessibleName(self.title)

    def add_status(self) -> None:
        """The line where a step's result is said (hidden until then), added at this point of the screen."""
        self.status = paragraph("")
        self.status.setProperty("focusPolicy", TAB_FOCUS)  # reachable, so a screen reader reads it when focused
        self.status.setProperty("said", True)  # and the focus ring shows where it is (style.py)
        self.status.setVisible(False)
        self.layout_.addWidget(self.status)

    def say(self, words: str) -> None:
        """A result said where the holder is: shown on the screen, and given the focus so a screen reader says it."""
        self.status.setText(words)
        self.status.setAccessibleName(words)
        self.status.setVisible(True)
        self.status.setFocus()

    def refresh(self) -> None:
        """Re-read what the screen shows from its services."""

    def settle(self) -> None:
        """Finish work going on in the background before the file closes (a screen sending to HMRC waits for
        HMRC's answer and records it). Nothing, for most screens."""


def labelled_row(form: QFormLayout, text: str, field: QWidget) -> QLabel:
    """A form row whose label is the field's buddy and whose text is the field's accessible name."""
    label = QLabel(text)
    label.setBuddy(field)
    label.setWordWrap(True)
    field.setAccessibleName(text.replace("&", "").rstrip(":"))
    form.addRow(label, field)
    return label


def labelled_above(layout: QVBoxLayout, text: str, field: QWidget) -> QLabel:
    """A label above its field (the GOV.UK pattern): long labels wrap freely at any text size, and someone
    using a screen magnifier finds the field right under its label. The label is the field's buddy."""
    label = QLabel(text)
    label.setBuddy(field)
    label.setWordWrap(True)
    field.setAccessibleName(text.replace("&", "").rstrip(":"))
    layout.addWidget(label)
    layout.addWidget(field)
    return label


def button(text: str, slot: Callable[[], object], name: str | None = None) -> QPushButton:
    widget = QPushButton(text)
    widget.setAccessibleName(name or text.replace("&", "").rstrip("…"))
    # Qt's clicked(bool) would pass False into a slot's first optional argument; the slot gets nothing.
    widget.clicked.connect(lambda _checked=False: slot())
    return widget


def problem_label() -> QLabel:
    """Where a dialog says what is wrong, in words (never a red border alone); hidden until needed."""
    label = QLabel("")
    label.setWordWrap(True)
    label.setObjectName("problem")
    label.setVisible(False)
    return label


def show_problem_text(label: QLabel, message: str) -> None:
    label.setText("There is a problem: " + message)
    label.setAccessibleName(label.text())
    label.setVisible(True)


def tell(widget: QWidget, title: str, message: str) -> None:
    """Say something went wrong through the main window (tests read it there), or a message box."""
    window = widget.window()
    report = getattr(window, "show_problem", None)
    if callable(report):
        report(title, message)
    else:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(widget, title, message)


RowT = TypeVar("RowT")
LARGE_TEXT_POINTS = 15  # at 150% text and above, rows of buttons stack


def large_text() -> bool:
    """Whether the holder has chosen large text (150% and above): screens then stack and wrap what sits
    side by side at normal sizes, so that nothing needs scrolling sideways."""
    from PySide6.QtWidgets import QApplication

    return QApplication.font().pointSizeF() >= LARGE_TEXT_POINTS


def button_columns(usual: int) -> int:
    """Buttons side by side at normal text sizes; one above another when text is large."""
    return 1 if large_text() else usual


def button_grid(buttons: Sequence[QWidget], usual_columns: int) -> QWidget:
    """A screen's buttons in rows of `usual_columns` (one above another with large text), in reading order, which
    is also their Tab order."""
    from PySide6.QtWidgets import QGridLayout

    holder = QWidget()
    grid = QGridLayout(holder)
    grid.setContentsMargins(0, 0, 0, 0)
    columns = button_columns(usual_columns)
    for at, widget in enumerate(buttons):
        grid.addWidget(widget, at // columns, at % columns)
    return holder


class TextDialog(QDialog):
    """A dialog whose words and fields scroll when they are taller than the screen (large text on a small
    laptop), with its buttons always in view below them. Build into `self.body`, then call `finish`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import Qt

        outer = QVBoxLayout(self)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QFrame.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.scroller.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        inner = QWidget()
        self.body = QVBoxLayout(inner)
        self.body.setContentsMargins(0, 0, 0, 0)
        self.scroller.setWidget(inner)
        outer.addWidget(self.scroller, 1)
        self.outer = outer

    def finish_asking(self, accept_text: str, on_accept: Callable[[], object]) -> QPushButton:
        """The usual ending: a place to say what is wrong, then Cancel and the accept button (the default),
        sized for the text. Returns the accept button."""
        from PySide6.QtWidgets import QDialogButtonBox

        self.problem = problem_label()
        self.body.addWidget(self.problem)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        accept = buttons.addButton(accept_text, QDialogButtonBox.ButtonRole.AcceptRole)
        accept.setDefault(True)
        buttons.accepted.connect(on_accept)
        buttons.rejected.connect(self.reject)
        self.finish(buttons)
        return accept

    def finish(self, buttons: QWidget, characters: int = 72) -> None:
        """Add the buttons and size the dialog for its text: about `characters` wide (never wider than the
        screen) and as tall as its wrapped lines need at that width, up to the screen's height."""
        from PySide6.QtWidgets import QStyle

        self.outer.addWidget(buttons)
        screen = self.screen().availableGeometry()
        inner = self.scroller.widget()
        assert inner is not None
        width = min(max(inner.sizeHint().width(), self.fontMetrics().averageCharWidth() * characters),
                    int(screen.width() * 0.95))
        margins = self.outer.contentsMargins()
        text_height = self.body.totalHeightForWidth(width) if self.body.hasHeightForWidth() else \
            self.body.totalSizeHint().height()
        height = text_height + buttons.sizeHint().height() + self.outer.spacing() + margins.top() + margins.bottom()
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)  # room for it if it appears
        self.resize(width + margins.left() + margins.right() + scrollbar, min(height + 4, int(screen.height() * 0.95)))


Index = QModelIndex | QPersistentModelIndex


class RowsTableModel(QAbstractTableModel, Generic[RowT]):
    """A table over plain rows a service hands over, a row each. With `stacked` (large text) the table has one
    column, each row's facts on lines of their own, so it never needs scrolling sideways. Subclasses name
    FULL_COLUMNS and STACKED_COLUMN and give `data`."""

    FULL_COLUMNS: tuple[str, ...] = ()
    STACKED_COLUMN = ""

    def __init__(self, rows: list[RowT] | None = None, stacked: bool = False) -> None:
        super().__init__()
        self.rows: list[RowT] = rows or []
        self.stacked = stacked
        self.columns = (self.STACKED_COLUMN,) if stacked else self.FULL_COLUMNS

    def set_rows(self, rows: list[RowT]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's names and default
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = DISPLAY_ROLE) -> Any:
        from PySide6.QtCore import Qt

        if role == DISPLAY_ROLE and orientation == Qt.Orientation.Horizontal:
            return self.columns[section]
        return None


class WorkProgress:
    """Long work shown as it goes, with a Stop button: called as (done, out of), it returns whether to go on. It
    appears only when the work takes longer than SHOW_AFTER_MS, so a small import never flashes a window."""

    SHOW_AFTER_MS = 400

    def __init__(self, parent: QWidget | None, words: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QProgressDialog

        self.dialog = QProgressDialog(words, "&Stop", 0, 100, parent)
        self.dialog.setWindowTitle("Working — PA Books")
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(self.SHOW_AFTER_MS)
        self.dialog.setAccessibleName(words)
        self.dialog.setAutoReset(False)
        self.dialog.setValue(0)

    def __call__(self, done: int, total: int) -> bool:
        self.dialog.setMaximum(max(total, 1))
        self.dialog.setValue(min(done, max(total, 1)))
        QApplication.processEvents()
        return not self.dialog.wasCanceled()

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.hide()
        self.dialog.deleteLater()


def column(holder: QWidget) -> QVBoxLayout:
    """A column of fields filling `holder`, with no margin of its own (the dialog has one)."""
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    return layout


class BudgetChoice:
    """Which budget a screen shows (the council's direct payment, or a second budget kept beside it), labelled
    above its box; hidden while the file has only one."""

    def __init__(self, layout: QVBoxLayout, text: str, chosen: Callable[[], object]) -> None:
        from app.ui.boxes import ChoiceBox

        self.box = ChoiceBox()
        self.label = labelled_above(layout, text, self.box)
        self.box.activated.connect(lambda _at: chosen())

    def show_rows(self, rows: Sequence[Any], current: int | None) -> None:
        """`rows` have a `budget_id` and `words` (services.add_budget.BudgetRow)."""
        self.box.blockSignals(True)
        self.box.clear()
        for row in rows:
            self.box.addItem(row.words, row.budget_id)
        self.box.setCurrentIndex(max(self.box.findData(current), 0))
        self.box.blockSignals(False)
        for widget in (self.box, self.label):
            widget.setVisible(len(rows) > 1)

    def isVisible(self) -> bool:  # noqa: N802 - read like the widget's own
        return self.box.isVisible()

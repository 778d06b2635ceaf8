"""What the user sees when something unexpected goes wrong: a plain message, a button to copy the
technical details, and a local note in the log. The window stays open, and so does any dialog with
what was typed in it."""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from app import errorlog
from app.ui.widgets import heading, paragraph


class ErrorDialog(QDialog):
    def __init__(self, details: str, log_path: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Something went wrong — PA Books")
        self.details = details
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Something went wrong inside PA Books", 2))
        layout.addWidget(paragraph(
            "This is a fault in PA Books, not something you did. What you were doing did not finish, but "
            "nothing already saved has been lost, and anything you were typing is still on screen. You can "
            "carry on; if it happens again, close PA Books and open it again."))
        layout.addWidget(paragraph(f"A note for the PA Books team was saved in {log_path}. It says where in "
                                   "the program the fault happened, and nothing about you or your PAs."))
        text = QPlainTextEdit(details)
        text.setReadOnly(True)
        text.setAccessibleName("Technical details")
        text.setTabChangesFocus(True)
        layout.addWidget(text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = buttons.addButton("&Copy the details", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        clipboard = QApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.details)


def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None, show: bool = True) -> ErrorDialog:
    log = errorlog.write(kind, tb)
    dialog = ErrorDialog(errorlog.technical_details(kind, tb), str(log), QApplication.activeWindow())
    if show:
        dialog.exec()
    return dialog


def install() -> None:
    """Route unexpected errors (in any screen's action) to `handle` instead of a silent crash."""
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        handle(kind, value, tb)

    sys.excepthook = hook

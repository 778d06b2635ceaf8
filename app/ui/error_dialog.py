"""The dialog for an unexpected error (app.ui.errors shows it): what happened in plain words, where the note for the
PA Books team was saved, and the technical details to copy."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

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

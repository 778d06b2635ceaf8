"""Dialogs for encryption: typing a passphrase or recovery key to open a file, choosing a passphrase, and
showing the recovery key to print. Rules live in the services; these only ask and show."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.widgets import TextDialog, heading, labelled_above, paragraph, show_problem_text


class PassphraseFields:
    """A passphrase typed twice, hidden unless "Show what I type" is ticked (for anyone who needs to see
    each letter, such as people who type slowly or use a switch)."""

    def __init__(self, form: QVBoxLayout, first: str = "&Passphrase:", again: str = "Type it a&gain:") -> None:
        self.passphrase = QLineEdit()
        self.again = QLineEdit()
        for field in (self.passphrase, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        labelled_above(form, first, self.passphrase)
        labelled_above(form, again, self.again)
        self.show_typing = QCheckBox("&Show what I type")
        self.show_typing.setAccessibleName("Show what I type")
        self.show_typing.toggled.connect(self._show)
        form.addWidget(self.show_typing)

    def _show(self, visible: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if visible else QLineEdit.EchoMode.Password
        for field in (self.passphrase, self.again):
            field.setEchoMode(mode)

    def values(self) -> tuple[str, str]:
        return self.passphrase.text(), self.again.text()


class UnlockDialog(TextDialog):
    """Asks for the passphrase or recovery key of an encrypted file."""

    def __init__(self, file_name: str, message: str, can_remember: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Open {file_name} — PA Books")
        layout = self.body
        layout.addWidget(heading(f"Open \u201c{file_name}\u201d", 2))
        self.message = paragraph(message)
        self.message.setAccessibleName(message)
        layout.addWidget(self.message)
        form = QVBoxLayout()
        self.secret = QLineEdit()
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        labelled_above(form, "&Passphrase or recovery key:", self.secret)
        self.show_typing = QCheckBox("&Show what I type")
        self.show_typing.setAccessibleName("Show what I type")
        self.show_typing.toggled.connect(lambda on: self.secret.setEchoMode(
            QLineEdit.EchoMode.Normal if on else QLineEdit.EchoMode.Password))
        form.addWidget(self.show_typing)
        self.remember = QCheckBox("&Keep the key on this computer, so it does not ask again")
        self.remember.setAccessibleName("Keep the key on this computer, so it does not ask again")
        self.remember.setChecked(can_remember)
        self.remember.setEnabled(can_remember)
        if not can_remember:
            self.remember.setText("This computer has no keyring, so it will ask each time")
            self.remember.setAccessibleName(self.remember.text())
        form.addWidget(self.remember)
        layout.addLayout(form)
        self.open_button = self.finish_asking("&Open", self._check)
        self.secret.setFocus()

    def _check(self) -> None:
        if not self.secret.text():
            show_problem_text(self.problem, "Type the passphrase, or the recovery key printed when the file was made.")
            self.secret.setFocus()
            return
        self.accept()


class PassphraseDialog(TextDialog):
    """Choose a passphrase: to encrypt a file, or to give it a new one."""

    def __init__(self, title: str, explanation: str, optional: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{title} — PA Books")
        layout = self.body
        layout.addWidget(heading(title, 2))
        layout.addWidget(paragraph(explanation))
        if optional:
            layout.addWidget(paragraph("A passphrase is optional here: this computer keeps the key. Leave both "
                                       "boxes empty to open the file on other computers with the recovery key "
                                       "only."))
        form = QVBoxLayout()
        self.fields = PassphraseFields(form, "New &passphrase:")
        layout.addLayout(form)
        self.finish_asking("G&o ahead", self.accept)

    def show_problem(self, message: str) -> None:
        show_problem_text(self.problem, message)
        self.fields.passphrase.setFocus()


class RecoveryKeyDialog(TextDialog):
    """The recovery key, large, with a button to save it as a page to print."""

    def __init__(self, recovery_key: str, file_name: str, person_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.recovery_key = recovery_key
        self.file_name = file_name
        self.person_name = person_name
        self.setWindowTitle("Recovery key — PA Books")
        layout = self.body
        layout.addWidget(heading("Print your recovery key", 2))
        layout.addWidget(paragraph(
            "This file is encrypted. The recovery key below opens it on any computer, even if the passphrase is "
            "forgotten or this computer breaks. Print it (or write it down) and keep it somewhere safe, away from "
            "the computer. Without it, and without the passphrase, nobody can open the file, not even us."))
        groups = recovery_key.split()
        lines = [" ".join(groups[i:i + 4]) for i in range(0, len(groups), 4)]
        self.key_label = QLabel("\n".join(lines))
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(self.font().pointSizeF() * 1.6, 14))
        font.setWeight(QFont.Weight.Bold)
        self.key_label.setFont(font)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        # Read group by group by a screen reader, with each symbol spelled out.
        self.key_label.setAccessibleName("Recovery key: " + ", ".join(
            f"group {n + 1}: {' '.join(group)}" for n, group in enumerate(groups)))
        layout.addWidget(self.key_label)
        buttons = QDialogButtonBox()
        save = buttons.addButton("&Save a page to print…", QDialogButtonBox.ButtonRole.ActionRole)
        save.setAccessibleName("Save a page to print")
        save.clicked.connect(lambda: self.save_pdf())
        done = buttons.addButton("I have &kept a copy", QDialogButtonBox.ButtonRole.AcceptRole)
        done.setAccessibleName("I have kept a copy")
        for button in (save, done):  # see keyPressEvent: Enter is never a way to close this by accident
            button.setAutoDefault(False)
        buttons.accepted.connect(self.accept)
        # Where it was saved is said beside the buttons, always in view (not at the end of the scrolled text).
        self.saved = paragraph("")
        self.saved.setVisible(False)
        footer = QWidget()
        row = QVBoxLayout(footer)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.saved)
        row.addWidget(buttons)
        self.finish(footer)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter must not close this before the key was saved or written down (a dialog's Enter presses its
        default button): Enter presses only the button that has the focus; anywhere else it does nothing.
        The holder presses "I have kept a copy" (or Alt+K) on purpose."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            return
        super().keyPressEvent(event)

    def save_pdf(self, target: Path | None = None) -> Path | None:
        if target is None:
            chosen, _ = QFileDialog.getSaveFileName(self, "Save the recovery key page",
                                                    str(Path.home() / f"{Path(self.file_name).stem} recovery key.pdf"),
                                                    "PDF files (*.pdf)")
            if not chosen:
                return None
            target = Path(chosen)
        from app.reports.recovery_key_pdf import write_recovery_key_pdf  # here: reportlab is slow to load

        try:
            write_recovery_key_pdf(self.recovery_key, self.file_name, self.person_name, target)
        except OSError as exc:
            show_problem_text(self.saved, f"The page could not be saved ({exc}). Choose another folder.")
            return None
        self.saved.setText(f"Saved to {target}. Print it, then delete the file from this computer.")
        self.saved.setAccessibleName(self.saved.text())
        self.saved.setVisible(True)
        return target

"""Dialogs: a new employer file, About, and plain messages when something goes wrong."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app import __version__, paths
from app.services import security
from app.services.book import ROLES, NewEmployer
from app.ui.boxes import ChoiceBox
from app.ui.dialogs_security import PassphraseFields
from app.ui.widgets import TextDialog, heading, labelled_above, paragraph, show_problem_text


class NewFileDialog(TextDialog):
    """Asks who the file is for; the window then asks where to save it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New employer file — PA Books")
        layout = self.body
        layout.addWidget(heading("New employer file", 2))
        layout.addWidget(paragraph("One file holds everything for one direct payment: the PAs, their pay, the "
                                   "account and the council's returns."))
        form = QVBoxLayout()
        self.person = QLineEdit()
        self.role = ChoiceBox()
        self.role.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.role.setMinimumContentsLength(16)  # narrows with the window; the list itself shows each choice whole
        for role in ROLES:
            self.role.addItem(role.choice_words, role.value)
        self.acting = QLineEdit()
        labelled_above(form, "&Name of the person the direct payment is for:", self.person)
        labelled_above(form, "&Who acts as employer:", self.role)
        labelled_above(form, "N&ame of whoever acts as employer (if not the person):", self.acting)
        layout.addLayout(form)
        layout.addWidget(heading("Keeping the file safe", 3))
        self.keyring = security.keyring_available()
        layout.addWidget(paragraph(
            "The file is encrypted, so nobody can read it without its key. This computer keeps the key, so you "
            "are not asked for it here. A passphrase is optional: it lets you open the file on another computer "
            "with words you can remember." if self.keyring else
            "The file is encrypted, so nobody can read it without its key. This computer has no safe place to "
            "keep the key, so choose a passphrase of at least 12 characters (three or four unrelated words). "
            "You will type it each time you open the file."))
        passphrase_form = QVBoxLayout()
        self.passphrase = PassphraseFields(passphrase_form)
        layout.addLayout(passphrase_form)
        layout.addWidget(paragraph("Next, PA Books shows a recovery key to print: it opens the file if the "
                                   "passphrase is forgotten."))
        self.create_button = self.finish_asking("Choose where to save…", self._check)

    def employer(self) -> NewEmployer:
        passphrase, again = self.passphrase.values()
        return NewEmployer(self.person.text(), self.acting.text(), str(self.role.currentData()), passphrase, again)

    def _check(self) -> None:
        problems = [p.message for p in self.employer().problems()]
        if not self.keyring and not self.passphrase.values()[0]:
            problems.append("Choose a passphrase: this computer cannot keep the file's key for you.")
        if problems:
            show_problem_text(self.problem, "\n".join(problems))
            self.person.setFocus()
            return
        self.accept()


class AboutDialog(TextDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About PA Books")
        layout = self.body
        layout.addWidget(heading(f"PA Books {__version__}", 2))
        layout.addWidget(paragraph("Books for people who employ their own personal assistants with a council "
                                   "direct payment. Everything stays on this computer; PA Books never uses the "
                                   "internet."))
        layout.addWidget(paragraph(f"PA Books keeps its own files (the demo, backups and settings) in: "
                                   f"{paths.data_dir()}"))
        layout.addWidget(paragraph("Keys: Ctrl+1 to Ctrl+9 go to each screen; Ctrl+N new file; Ctrl+O open; "
                                   "Ctrl+W close; Ctrl+Q quit. Help, Keys lists them all."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close About")
        self.finish(buttons)


KEYS = (
    ("Ctrl+1 to Ctrl+9", "go to each screen, in the order of the list on the left"),
    ("Tab, Shift+Tab", "move to the next or the previous control"),
    ("Space", "press the button, or tick the box, that has the focus"),
    ("Alt and an underlined letter", "press that button, or go to that field"),
    ("Alt+Left, Alt+Right", "the week before or after, on the Timesheets screen"),
    ("Alt+Down", "open the calendar of a date field"),
    ("Enter", "on a reminder on Home: go where it is put right"),
    ("Ctrl+N, Ctrl+O, Ctrl+W", "a new employer file, open one, close it"),
    ("Ctrl+Shift+N", "a new window, for another client's file"),
    ("F1", "about PA Books"),
    ("Ctrl+Q", "quit"),
)


class KeysDialog(TextDialog):
    """Every key PA Books answers to, in words: for people who use the keyboard, not the mouse."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keys — PA Books")
        self.body.addWidget(heading("Using PA Books with the keyboard", 2))
        self.body.addWidget(paragraph("Everything can be done without a mouse. The focus is shown with a thick "
                                      "outline and a yellow background."))
        for keys, what in KEYS:
            line = paragraph(f"{keys}: {what}.")
            line.setAccessibleName(f"{keys}: {what}.")
            self.body.addWidget(line)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Close).setAccessibleName("Close Keys")
        self.finish(buttons)

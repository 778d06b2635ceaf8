"""Settings: text size (up to 200%), encryption, night and bank holiday rules, where submissions to HMRC go, and
where PA Books keeps its files."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGridLayout, QLabel, QLineEdit, QWidget

from app import paths
from app.services import security, settings
from app.services.book import BookError, EmployerBook
from app.services.pay_time_rules import (
    COUNTRY_WORDS,
    PayTimeRulesInput,
    SetPayTimeRules,
    pay_time_rules,
)
from app.ui.boxes import ChoiceBox
from app.ui.dialogs_security import PassphraseDialog
from app.ui.widgets import Screen, button, button_columns, heading, labelled_row, paragraph, show_problem_text

# Short words for the choice (WEEKEND_RULES says each in full); in the same order.
WEEKEND_CHOICES = {"substitute": "The substitute weekday", "day_itself": "The day itself", "both": "Both days"}

class SettingsScreen(Screen):
    title = "Settings"

    def __init__(self, file_path: str, on_text_scale: Callable[[int], None], book: EmployerBook | None = None,
                 show_recovery_key: Callable[[EmployerBook], None] | None = None) -> None:
        super().__init__()
        self.on_text_scale = on_text_scale
        self.book = book
        self.show_recovery_key = show_recovery_key
        self.layout_.addWidget(heading("Settings"))
        self.layout_.addWidget(heading("Text size", 2))
        self.layout_.addWidget(paragraph("Make all the text in PA Books bigger. The change is immediate."))
        self.text_size = ChoiceBox()
        self.text_size.setAccessibleName("Text size")
        for percent in settings.TEXT_SCALES:
            self.text_size.addItem("Normal (100%)" if percent == 100 else f"Larger ({percent}%)", percent)
        self.text_size.setCurrentIndex(settings.TEXT_SCALES.index(settings.load().text_scale_percent))
        self.text_size.activated.connect(self._chosen)
        form_holder = QWidget()
        form = QFormLayout(form_holder)
        label = QLabel("&Text size:")
        label.setBuddy(self.text_size)
        form.addRow(label, self.text_size)
        self.layout_.addWidget(form_holder)
        if book is not None:
            self._init_security()
            self._init_pay_rules(book)
        self._init_hmrc_sending()
        self.layout_.addWidget(heading("Where your files are", 2))
        self.layout_.addWidget(paragraph(f"This employer file: {file_path}"))
        self.layout_.addWidget(paragraph(f"PA Books' own folder (demo file, backups, settings): {paths.data_dir()}"))
        self.layout_.addWidget(paragraph(
            "The employer's details, HMRC's references and the insurance are on Home (Employer details…). The "
            "council agreement and support plan are set on the Timesheets screen (Support plan…)."))
        self.layout_.addStretch(1)

    def _chosen(self, index: int) -> None:
        percent = int(self.text_size.itemData(index))
        settings.set_text_scale(percent)
        self.on_text_scale(percent)

    # -- encryption ----------------------------------------------------------------------------

    def _init_security(self) -> None:
        self.layout_.addWidget(heading("Encryption", 2))
        self.security_words = paragraph("")
        self.layout_.addWidget(self.security_words)
        self.encrypt_button = button("Encr&ypt this file…", lambda: self.encrypt_file())
        self.recovery_button = button("Show the recovery &key…", lambda: self.show_key())
        self.passphrase_button = button("Set a new &passphrase…", lambda: self.new_passphrase())
        self.keep_button = button("&Forget the key on this computer", lambda: self.toggle_keep(),
                                  name="Forget the key on this computer")
        holder = QWidget()
        self.security_grid = QGridLayout(holder)
        self.security_grid.setContentsMargins(0, 0, 0, 0)
        for widget in (self.encrypt_button, self.recovery_button, self.passphrase_button, self.keep_button):
            self.security_grid.addWidget(widget)  # parented before any is shown: never a window of its own
        self.layout_.addWidget(holder, alignment=Qt.AlignmentFlag.AlignLeft)
        self.security_message = paragraph("")
        self.security_message.setVisible(False)
        self.layout_.addWidget(self.security_message)
        self._refresh_security()

    def _refresh_security(self) -> None:
        assert self.book is not None
        view = security.status(self.book)
        self.security_words.setText(view.words)
        writable = not self.book.read_only
        self.encrypt_button.setVisible(not view.encrypted and not view.demo)
        self.encrypt_button.setEnabled(writable)
        for widget in (self.recovery_button, self.passphrase_button, self.keep_button):
            widget.setVisible(view.encrypted)
        self.passphrase_button.setEnabled(writable)
        self.keep_button.setEnabled(view.keyring_available)
        text = "&Forget the key on this computer" if view.key_kept_here else "Keep the key on this &computer"
        self.keep_button.setText(text)
        self.keep_button.setAccessibleName(text.replace("&", ""))
        shown = [w for w in (self.encrypt_button, self.recovery_button, self.passphrase_button, self.keep_button)
                 if not w.isHidden()]
        columns = button_columns(2)
        for widget in shown:
            self.security_grid.removeWidget(widget)
        for index, widget in enumerate(shown):  # the buttons that apply, packed with no gaps, Tab in reading order
            self.security_grid.addWidget(widget, index // columns, index % columns)

    def _say(self, message: str, problem: bool = False) -> None:
        if problem:
            show_problem_text(self.security_message, message)
        else:
            _said(self.security_message, message)

    def _ask_passphrase(self, title: str, explanation: str, optional: bool,
                        given: tuple[str, str] | None, action: Callable[[str, str], int]) -> int | None:
        """Run `action` with a passphrase from the dialog (or `given`, for tests), asking again until it is
        accepted or the user cancels."""
        if given is not None:
            try:
                return action(*given)
            except BookError as exc:
                self._say(str(exc), problem=True)
                return None
        dialog = PassphraseDialog(title, explanation, optional, self)
        while dialog.exec() == PassphraseDialog.DialogCode.Accepted:
            try:
                return action(*dialog.fields.values())
            except BookError as exc:
                dialog.show_problem(str(exc))
        return None

    def encrypt_file(self, passphrase: tuple[str, str] | None = None) -> bool:
        assert self.book is not None
        book = self.book
        changed = self._ask_passphrase(
            "Encrypt this file", "PA Books writes an encrypted copy of the file, checks it, and puts it in the "
            "file's place, then encrypts the file's backups too.", security.keyring_available(), passphrase,
            lambda p, a: security.encrypt(book, p, a))
        return changed is not None and self._new_key_made(
            f"The file is encrypted, and {changed} backup{'s' if changed != 1 else ''} with it.")

    def new_passphrase(self, passphrase: tuple[str, str] | None = None) -> bool:
        assert self.book is not None
        book = self.book
        changed = self._ask_passphrase(
            "Set a new passphrase", "The file and its backups will open with the new passphrase only. The "
            "recovery key changes too: PA Books shows the new one to print.", False, passphrase,
            lambda p, a: security.set_passphrase(book, p, a))
        return changed is not None and self._new_key_made(
            "The file now opens with the new passphrase. Print the new recovery key; the old one no longer works.")

    def _new_key_made(self, message: str) -> bool:
        """After the file's key changed: say so, show what applies now, and the recovery key to print."""
        self._say(message)
        self._refresh_security()
        self.show_key()
        return True

    def show_key(self) -> None:
        if self.book is not None and self.show_recovery_key is not None:
            self.show_recovery_key(self.book)

    def toggle_keep(self) -> None:
        assert self.book is not None
        try:
            if security.status(self.book).key_kept_here:
                security.forget_key(self.book)
                self._say("This computer no longer keeps the key: it will ask for the passphrase or recovery key "
                          "next time.")
            else:
                security.remember_key(self.book)
                self._say("This computer keeps the key now, so it will not ask for it.")
        except BookError as exc:
            self._say(str(exc), problem=True)
        self._refresh_security()

    def _message_and_button(self, text: str, slot: Callable[[], object]) -> QLabel:
        """Under a form: where its result is said (hidden until then), and the button that saves it."""
        message = paragraph("")
        message.setVisible(False)
        self.layout_.addWidget(message)
        self.layout_.addWidget(button(text, slot), alignment=Qt.AlignmentFlag.AlignLeft)
        return message

    # -- sending to HMRC ---------------------------------------------------------------------------

    def _init_hmrc_sending(self) -> None:
        chosen = settings.load()
        self.layout_.addWidget(heading("Sending to HMRC", 2))
        self.layout_.addWidget(paragraph(
            "PA Books sends an FPS or an EPS only when you press Send. HMRC's test service checks a submission and "
            "files nothing, so you can try it safely. Sending for real needs PA Books' HMRC vendor ID: 4 digits "
            "HMRC gives the makers of software that has passed its tests. This is a setting of this computer, for "
            "every employer file."))
        holder = QWidget()
        form = QFormLayout(holder)
        self.hmrc_service = ChoiceBox()
        self.hmrc_service.addItem("HMRC's test service (nothing real is filed)", False)
        self.hmrc_service.addItem("HMRC's live service (for real)", True)
        self.hmrc_service.setCurrentIndex(1 if chosen.hmrc_live else 0)
        # Narrows with the window at 200% text (the open list shows each choice whole).
        self.hmrc_service.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.hmrc_service.setMinimumContentsLength(12)
        self.vendor_id = QLineEdit(chosen.hmrc_vendor_id)
        self.vendor_id.setMaxLength(4)
        labelled_row(form, "Sen&d submissions to:", self.hmrc_service)
        labelled_row(form, "HMRC &vendor ID:", self.vendor_id)
        self.layout_.addWidget(holder)
        self.hmrc_message = self._message_and_button("Save sending &options", self.save_hmrc_sending)

    def save_hmrc_sending(self) -> bool:
        try:
            chosen = settings.set_hmrc_sending(bool(self.hmrc_service.currentData()), self.vendor_id.text())
        except BookError as exc:
            show_problem_text(self.hmrc_message, str(exc))
            return False
        where = "HMRC's live service: submissions are filed for real" if chosen.hmrc_live else (
            "HMRC's test service: nothing real is filed")
        _said(self.hmrc_message, f"Saved. Submissions go to {where}.")
        return True

    # -- night and bank holiday rules -----------------------------------------------------------

    def _init_pay_rules(self, book: EmployerBook) -> None:
        rules = pay_time_rules(book)
        self.layout_.addWidget(heading("Night and bank holiday pay", 2))
        self.layout_.addWidget(paragraph("Which hours count as night time, whose bank holidays apply, and which day "
                                         "is paid as the bank holiday when one falls on a Saturday or Sunday, as "
                                         "your PAs' contracts say: the substitute weekday is the Monday or Tuesday "
                                         "that GOV.UK lists in its place. Timesheets already approved keep the pay "
                                         "they were approved with."))
        holder = QWidget()
        form = QFormLayout(holder)
        self.night_starts = QLineEdit(f"{rules.night_starts:%H:%M}")
        self.night_ends = QLineEdit(f"{rules.night_ends:%H:%M}")
        self.country = ChoiceBox()
        for key, words in COUNTRY_WORDS.items():
            self.country.addItem(words, key)
        self.country.setCurrentIndex(self.country.findData(rules.country))
        self.weekend_rule = ChoiceBox()
        for key, words in WEEKEND_CHOICES.items():
            self.weekend_rule.addItem(words, key)
        self.weekend_rule.setCurrentIndex(self.weekend_rule.findData(rules.weekend_bank_holidays))
        labelled_row(form, "&Night time starts at:", self.night_starts)
        labelled_row(form, "Night time &ends at:", self.night_ends)
        labelled_row(form, "&Bank holidays for:", self.country)
        labelled_row(form, "A bank holiday on a &weekend is paid on:", self.weekend_rule)
        self.layout_.addWidget(holder)
        self.rules_message = self._message_and_button("&Save night and bank holiday rules", self.save_rules)

    def save_rules(self) -> bool:
        assert self.book is not None
        try:
            self.book.run(SetPayTimeRules(), PayTimeRulesInput(self.night_starts.text(), self.night_ends.text(),
                                                               str(self.country.currentData()),
                                                               str(self.weekend_rule.currentData()))).unwrap()
        except BookError as exc:
            show_problem_text(self.rules_message, str(exc))
            return False
        _said(self.rules_message, "Saved. Shifts not yet approved are worked out with these rules.")
        return True


def _said(label: QLabel, words: str) -> None:
    label.setText(words)
    label.setAccessibleName(words)
    label.setVisible(True)

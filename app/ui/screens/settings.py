"""Settings: text size (up to 200%) and where PA Books keeps its files."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from app import paths
from app.services import people, settings
from app.services.book import BookError, EmployerBook
from app.ui.widgets import Screen, button, heading, labelled_row, paragraph, show_problem_text


class SettingsScreen(Screen):
    title = "Settings"

    def __init__(self, file_path: str, on_text_scale: Callable[[int], None], book: EmployerBook | None = None) -> None:
        super().__init__()
        self.on_text_scale = on_text_scale
        self.book = book
        self.layout_.addWidget(heading("Settings"))
        self.layout_.addWidget(heading("Text size", 2))
        self.layout_.addWidget(paragraph("Make all the text in PA Books bigger. The change is immediate."))
        self.text_size = QComboBox()
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
            self._init_pay_rules(book)
        self.layout_.addWidget(heading("Where your files are", 2))
        self.layout_.addWidget(paragraph(f"This employer file: {file_path}"))
        self.layout_.addWidget(paragraph(f"PA Books' own folder (demo file, backups, settings): {paths.data_dir()}"))
        self.layout_.addWidget(paragraph(
            "Changing the employer's details and HMRC references is not built yet. The council agreement and "
            "support plan are set on the Timesheets screen (Support plan…)."))
        self.layout_.addStretch(1)

    def _chosen(self, index: int) -> None:
        percent = int(self.text_size.itemData(index))
        settings.set_text_scale(percent)
        self.on_text_scale(percent)

    def _init_pay_rules(self, book: EmployerBook) -> None:
        rules = people.pay_time_rules(book)
        self.layout_.addWidget(heading("Night and bank holiday pay", 2))
        self.layout_.addWidget(paragraph("Which hours count as night time, and whose bank holidays apply. "
                                         "Timesheets already approved keep the pay they were approved with."))
        holder = QWidget()
        form = QFormLayout(holder)
        self.night_starts = QLineEdit(f"{rules.night_starts:%H:%M}")
        self.night_ends = QLineEdit(f"{rules.night_ends:%H:%M}")
        self.country = QComboBox()
        for key, words in people.COUNTRY_WORDS.items():
            self.country.addItem(words, key)
        self.country.setCurrentIndex(self.country.findData(rules.country))
        labelled_row(form, "&Night time starts at:", self.night_starts)
        labelled_row(form, "Night time &ends at:", self.night_ends)
        labelled_row(form, "&Bank holidays for:", self.country)
        self.layout_.addWidget(holder)
        self.rules_message = paragraph("")
        self.rules_message.setVisible(False)
        self.layout_.addWidget(self.rules_message)
        self.layout_.addWidget(button("&Save night and bank holiday rules", self.save_rules),
                               alignment=Qt.AlignmentFlag.AlignLeft)

    def save_rules(self) -> bool:
        assert self.book is not None
        try:
            people.set_pay_time_rules(self.book, self.night_starts.text(), self.night_ends.text(),
                                      str(self.country.currentData()))
        except BookError as exc:
            show_problem_text(self.rules_message, str(exc))
            return False
        self.rules_message.setText("Saved. Shifts not yet approved are worked out with these rules.")
        self.rules_message.setAccessibleName(self.rules_message.text())
        self.rules_message.setVisible(True)
        return True

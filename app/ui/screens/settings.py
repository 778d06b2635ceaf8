"""Settings: text size (up to 200%) and where PA Books keeps its files."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from app import paths
from app.services import settings
from app.ui.widgets import Screen, heading, paragraph


class SettingsScreen(Screen):
    title = "Settings"

    def __init__(self, file_path: str, on_text_scale: Callable[[int], None]) -> None:
        super().__init__()
        self.on_text_scale = on_text_scale
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
        self.layout_.addWidget(heading("Where your files are", 2))
        self.layout_.addWidget(paragraph(f"This employer file: {file_path}"))
        self.layout_.addWidget(paragraph(f"PA Books' own folder (demo file, backups, settings): {paths.data_dir()}"))
        self.layout_.addWidget(paragraph(
            "Changing the employer's details, the council agreement and HMRC references is not built yet."))
        self.layout_.addStretch(1)

    def _chosen(self, index: int) -> None:
        percent = int(self.text_size.itemData(index))
        settings.set_text_scale(percent)
        self.on_text_scale(percent)

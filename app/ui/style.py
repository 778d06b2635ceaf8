"""Look and feel that serve access: a focus ring you can see, and text that scales to 200%."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

# A thick yellow-and-black focus ring (the GOV.UK focus style): visible on any background and not
# carried by colour alone, because the border also thickens.
STYLE_SHEET = """
QPushButton, QToolButton, QLineEdit, QComboBox, QListWidget, QTableView, QRadioButton, QCheckBox,
QPlainTextEdit, QTextBrowser, QSpinBox, QDateEdit {
    padding: 4px;
}
QPushButton { border: 2px solid #0b0c0c; border-radius: 3px; background: #f3f2f1; min-height: 1.6em; padding: 4px 12px; }
QPushButton:hover { background: #dbdad9; }
QPushButton:focus, QToolButton:focus, QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QSpinBox:focus,
QDateEdit:focus, QRadioButton:focus, QCheckBox:focus {
    border: 3px solid #0b0c0c; background: #ffdd00; color: #0b0c0c;
}
QListWidget, QTableView, QTextBrowser { border: 2px solid #b1b4b6; }
QListWidget:focus, QTableView:focus, QTextBrowser:focus { border: 4px solid #0b0c0c; outline: none; }
QListWidget::item:focus, QTableView::item:focus { background: #ffdd00; color: #0b0c0c; }
QListWidget#navigation::item:selected { background: #1d70b8; color: white; font-weight: bold; }
QLabel#demoBanner { background: #0b0c0c; color: white; padding: 8px; font-weight: bold; }
QLabel[role="heading"] { font-weight: bold; }
QLabel[said="true"] { border: 3px solid transparent; padding: 2px; }
QLabel[said="true"]:focus { border-color: #0b0c0c; background: #ffdd00; color: #0b0c0c; }
"""

BASE_POINT_SIZE = 11


def apply_style(app: QApplication, text_scale_percent: int) -> None:
    font = QFont(app.font())
    font.setPointSizeF(BASE_POINT_SIZE * text_scale_percent / 100)
    app.setFont(font)
    app.setStyleSheet(STYLE_SHEET)


def heading_font(base: QFont, level: int) -> QFont:
    font = QFont(base)
    font.setPointSizeF(base.pointSizeF() * {1: 1.8, 2: 1.4, 3: 1.15}.get(level, 1.0))
    font.setBold(True)
    return font

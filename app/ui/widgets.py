"""Small building blocks every screen uses, so each gets accessible names and headings the same way."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget

from app.ui.style import heading_font


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
    label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return label


class Screen(QScrollArea):
    """A screen in the main window: scrolls when text is large, so nothing is cut off at 200%."""

    title = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.body = QWidget()
        self.body.setObjectName("screenBody")
        self.layout_ = QVBoxLayout(self.body)
        self.layout_.setContentsMargins(24, 16, 24, 16)
        self.layout_.setSpacing(12)
        self.setWidget(self.body)
        self.setAccessibleName(self.title)

    def refresh(self) -> None:
        """Re-read what the screen shows from its services."""

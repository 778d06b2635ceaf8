"""A screen that is not built yet says so plainly and says what it will hold. No dead buttons."""

from __future__ import annotations

from app.ui.widgets import Screen, heading, paragraph


class NotBuiltScreen(Screen):
    def __init__(self, title: str, will_hold: str) -> None:
        self.title = title
        super().__init__()
        self.layout_.addWidget(heading(title))
        notice = paragraph(f"This part of PA Books is not built yet. {will_hold}")
        notice.setObjectName("notBuilt")
        self.layout_.addWidget(notice)
        self.layout_.addStretch(1)

"""Choice and number boxes the mouse wheel scrolls past: they take the wheel only once they have the focus
(scrolling down the Add a PA form once changed "Contract" to "Irregular hours"). Every choice box and number box in
PA Books is one of these (the selftest checks: app.ui.accessibility.wheel_takers)."""

from __future__ import annotations

from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QComboBox, QSpinBox


class ChoiceBox(QComboBox):
    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()  # passed on to what holds it: the screen or dialog scrolls instead


class NumberBox(QSpinBox):
    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 - Qt's name
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()

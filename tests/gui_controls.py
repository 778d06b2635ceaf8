"""Every button and menu action the GUI tests show must be pressed by some test, the way a person would.

An event filter on the application notes each button and menu action when it is shown (`seen`) and when
it is pressed with the mouse, a key or its shortcut (`pressed`). `make test` runs the whole suite with
PABOOKS_CHECK_CONTROLS=1, and then any control shown but never pressed fails the run, by name. (A slot
called directly does not count: that is how the Print button's crash went unseen.)
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QCalendarWidget,
    QDialog,
    QMainWindow,
    QMenu,
    QMessageBox,
    QWidget,
)

PRESS_KEYS = {0x20, 0x01000004, 0x01000005}  # Space, Return, Enter


def _words(text: str) -> str:
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").rstrip("…").strip()


def _owner(widget: QWidget | None) -> str:
    from app.ui.widgets import Screen

    while widget is not None:
        if isinstance(widget, QMessageBox):
            return f"message {widget.windowTitle()!r}"
        if isinstance(widget, Screen | QDialog | QMainWindow):
            return type(widget).__name__
        widget = widget.parentWidget()
    return "?"


def button_key(button: QAbstractButton) -> str | None:
    if button.property("test_only"):
        return None
    parent = button.parentWidget()
    while parent is not None:
        if isinstance(parent, QCalendarWidget):
            return None  # the calendar's own month arrows
        parent = parent.parentWidget()
    name = _words(button.text()) or button.accessibleName()
    return f"{_owner(button)}: {name}" if name else None


def action_key(action: QAction) -> str | None:
    name = _words(action.text())
    return f"menu: {name}" if name and not action.isSeparator() and action.isEnabled() else None


class ControlTracker(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[str, str] = {}
        self.pressed: set[str] = set()
        self.test = ""

    def _see(self, key: str | None) -> None:
        if key and key not in self.seen:
            self.seen[key] = self.test

    def _press(self, key: str | None) -> None:
        if key:
            self.pressed.add(key)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.Show:
            # A control counts once it is shown enabled: a test must then press it with a file that allows it.
            if isinstance(watched, QAbstractButton) and watched.isVisibleTo(watched.window()) and watched.isEnabled():
                self._see(button_key(watched))
            elif isinstance(watched, QMainWindow):
                for action in _menu_actions(watched):
                    self._see(action_key(action))
        elif kind == QEvent.Type.MouseButtonRelease:
            if isinstance(watched, QAbstractButton) and watched.isEnabled():
                self._press(button_key(watched))
            elif isinstance(watched, QMenu):
                action = watched.actionAt(event.position().toPoint())  # type: ignore[attr-defined]
                if action is not None:
                    self._press(action_key(action))
        elif kind == QEvent.Type.KeyPress and event.key() in PRESS_KEYS:  # type: ignore[attr-defined]
            if isinstance(watched, QAbstractButton) and watched.isEnabled():
                self._press(button_key(watched))
            elif isinstance(watched, QMenu) and watched.activeAction() is not None:
                self._press(action_key(watched.activeAction()))
        elif kind == QEvent.Type.Shortcut:
            if isinstance(watched, QAction):
                self._press(action_key(watched))
            elif isinstance(watched, QAbstractButton):
                self._press(button_key(watched))
        return False

    def missing(self) -> list[str]:
        return sorted(f"{key} (shown in {test})" for key, test in self.seen.items() if key not in self.pressed)


def _menu_actions(window: QMainWindow) -> list[QAction]:
    found: list[QAction] = []
    stack = list(window.menuBar().actions())
    while stack:
        action = stack.pop()
        menu = action.menu()
        if isinstance(menu, QMenu):
            stack.extend(menu.actions())
        else:
            found.append(action)
    return found


TRACKER: ControlTracker | None = None


def tracker() -> ControlTracker:
    global TRACKER
    if TRACKER is None:
        from PySide6.QtWidgets import QApplication

        TRACKER = ControlTracker()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(TRACKER)
    return TRACKER

"""Checks that every control can be found and used without a mouse or sight of the screen.

Used by the self-test and the test suite: each focusable control has an accessible name (or a label
buddy, or a button's own text), and Tab reaches every enabled control.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget


def _buddied(root: QWidget) -> set[int]:
    return {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}


def focusable_controls(root: QWidget) -> list[QWidget]:
    """Controls a keyboard user must be able to reach: shown, enabled, accepting Tab focus."""
    return [
        w for w in root.findChildren(QWidget)
        if w.isVisibleTo(root) and w.isEnabled() and (w.focusPolicy() & Qt.FocusPolicy.TabFocus)
        and w.focusProxy() is None
    ]


def unnamed_controls(root: QWidget) -> list[str]:
    """Describe each focusable control a screen reader could not name."""
    buddied = _buddied(root)
    missing = []
    for widget in focusable_controls(root):
        if widget.accessibleName().strip() or id(widget) in buddied:
            continue
        if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
            continue
        if widget.objectName() == "qt_scrollarea_viewport":
            continue
        missing.append(f"{type(widget).__name__} '{widget.objectName()}' in {type(widget.parentWidget()).__name__}")
    return missing


def wheel_takers(root: QWidget) -> list[str]:
    """Each choice box or number box the mouse wheel would change while scrolling past it (one not made with
    app.ui.boxes). Qt's calendar keeps a year box of its own inside its pop-up, which has nothing to scroll past."""
    from PySide6.QtWidgets import QAbstractSpinBox, QCalendarWidget, QComboBox

    from app.ui.boxes import ChoiceBox, NumberBox

    found = []
    for widget in root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox):
        holder = widget.parentWidget()
        while holder is not None and not isinstance(holder, QCalendarWidget):
            holder = holder.parentWidget()
        if holder is None and not isinstance(widget, ChoiceBox | NumberBox):
            found.append(f"{type(widget).__name__} '{widget.accessibleName() or widget.objectName()}' takes the "
                         "mouse wheel without the focus (make it with app.ui.boxes)")
    return found


def tab_reachable(window: QWidget, max_steps: int = 400) -> list[QWidget]:
    """Press Tab (a real key press, sent to whatever has the focus) from the window's first control until focus
    comes round again; return what was visited. A control that keeps Tab to itself (as Qt's date box did, moving
    between its hidden day, month and year parts) stops the walk there, so what lies after it is reported as
    unreachable."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    window.activateWindow()
    window.setFocus()
    window.focusNextChild()
    visited: list[QWidget] = []
    for _ in range(max_steps):
        app.processEvents()
        current = app.focusWidget()
        if current is None:
            break
        if visited and current is visited[0]:
            break
        if current not in visited:
            visited.append(current)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(current, QKeyEvent(kind, Qt.Key.Key_Tab, Qt.KeyboardModifier.NoModifier, "\t"))
        app.processEvents()
        if app.focusWidget() is current:  # Tab did not leave it: a keyboard trap
            break
    return visited


def unreachable_controls(window: QWidget) -> list[str]:
    reached = {id(w) for w in tab_reachable(window)}
    return [f"{type(w).__name__} '{w.accessibleName() or w.objectName()}'"
            for w in focusable_controls(window) if id(w) not in reached]


def mnemonic(text: str) -> str | None:
    """The Alt+letter of a label such as "&Add a shift" ("&&" is a real ampersand)."""
    index = text.replace("&&", "").find("&")
    cleaned = text.replace("&&", "")
    return cleaned[index + 1].lower() if 0 <= index < len(cleaned) - 1 else None


def duplicate_mnemonics(root: QWidget) -> list[str]:
    """Alt+letter keys used twice on one screen: the second would never be reached that way."""
    from PySide6.QtWidgets import QAbstractButton, QLabel, QMainWindow

    seen: dict[str, str] = {}
    clashes = []
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():  # the menus' own Alt+letters (File, Go, Help) come first
            key = mnemonic(action.text())
            if key:
                seen[key] = f"the {action.text().replace('&', '')} menu"
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root):
            continue
        if isinstance(widget, (QAbstractButton, QLabel)):
            text = widget.text()
            key = mnemonic(text)
            if key is None:
                continue
            if key in seen:
                clashes.append(f"Alt+{key.upper()}: \"{seen[key]}\" and \"{text.replace('&', '')}\"")
            else:
                seen[key] = text.replace("&", "")
    return clashes


def clipped_text(root: QWidget) -> list[str]:
    """Words that do not fit where they are shown: a label or button narrower or shorter than its text needs, a
    scroll area scrolling sideways, or the window larger than its screen. Each in words, for selftest and tests."""
    from PySide6.QtWidgets import QAbstractScrollArea, QCheckBox, QComboBox, QLineEdit, QPushButton

    found = []
    screen = root.screen().availableGeometry()
    if root.isWindow() and (root.frameGeometry().width() > screen.width() or root.frameGeometry().height() >
                            screen.height()):
        found.append(f"{type(root).__name__} is {root.width()}x{root.height()}, larger than the screen "
                     f"({screen.width()}x{screen.height()})")
    for widget in root.findChildren(QWidget):
        if not widget.isVisibleTo(root) or widget.property("test_only"):
            continue
        name = widget.accessibleName() or getattr(widget, "text", lambda: "")() or type(widget).__name__
        if isinstance(widget, QAbstractScrollArea) and widget.horizontalScrollBar().isVisible():
            found.append(f"{name!r} scrolls sideways")
        elif isinstance(widget, QLabel) and widget.text() and not widget.text().startswith("<"):
            metrics = widget.fontMetrics()
            inner = widget.contentsRect()
            if widget.wordWrap():
                needed = widget.heightForWidth(widget.width())
                if needed > widget.height() + 2:
                    found.append(f"the words {widget.text()[:40]!r} need {needed} pixels of height, have "
                                 f"{widget.height()}")
            elif max(metrics.horizontalAdvance(line) for line in widget.text().replace("&", "").split("\n")) > \
                    inner.width() + 2:
                found.append(f"the words {widget.text()[:40]!r} are wider than their place")
        elif isinstance(widget, QPushButton | QCheckBox) and widget.sizeHint().width() > widget.width() + 2:
            found.append(f"the button {widget.text().replace('&', '')[:40]!r} is cut off")
        elif isinstance(widget, QComboBox | QLineEdit) and widget.width() < widget.fontMetrics().averageCharWidth() * 6:
            found.append(f"the field {name!r} is squeezed to {widget.width()} pixels")
    return found

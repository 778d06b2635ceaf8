"""Starting the GUI: one QApplication, the style, and the main window on a file or the demo."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from app import paths
from app.services import settings
from app.ui import desktop_libraries, errors
from app.ui.main_window import MainWindow
from app.ui.style import apply_style

# For smoke tests, scripts and the start-up benchmark: files the app writes once its window is shown (SHOWN_FILE),
# once Home is on screen with the file's own details (HOME_FILE: from its glance, or with the file open) and once
# the file is open (READY_FILE, holding the open file's path).
SHOWN_FILE = "PABOOKS_SHOWN_FILE"
HOME_FILE = "PABOOKS_HOME_FILE"
READY_FILE = "PABOOKS_READY_FILE"


class PaBooksApplication(QApplication):
    """The application. A .pabooks file opened from the desktop while PA Books runs (macOS sends it to the
    application as an event, not as an argument) goes to `open_file`, as File > Open would open it. (Caught here,
    not by a filter on every event of the application: a filter written in Python slows every event, and made
    PySide load a class for each kind of object an event went to before the first window was shown.)"""

    open_file: Callable[[Path], object] | None = None

    def event(self, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file() and self.open_file is not None:
            self.open_file(Path(event.file()))
            return True
        return super().event(event)


def make_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = PaBooksApplication(sys.argv[:1])
    app.setApplicationName("PA Books")
    app.setOrganizationName("PA Books")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "pabooks.png")))
    apply_style(app, settings.load().text_scale_percent)
    return app


def run_gui(path: Path | None) -> int:
    if desktop_libraries.uses_xcb():
        missing = desktop_libraries.missing_libraries()
        if missing:  # say which, in words, rather than Qt's abort
            print(desktop_libraries.missing_words(missing), file=sys.stderr)
            return 1
    app = make_app()
    errors.install()
    window = MainWindow()  # shown before the database code and the screens are loaded: they load behind it
    if isinstance(app, PaBooksApplication):
        app.open_file = window.open_path
    ready = os.environ.get(READY_FILE)

    def when_open() -> None:
        if ready:
            Path(ready).write_text(str(window.book.path if window.book else ""), encoding="utf-8")

    window.show()
    shown = os.environ.get(SHOWN_FILE)
    if shown:  # written once the event loop runs, so the window has been painted
        QTimer.singleShot(0, lambda: Path(shown).write_text("shown", encoding="utf-8"))
    home = os.environ.get(HOME_FILE)

    def when_home() -> None:
        if home:
            Path(home).write_text("home", encoding="utf-8")

    window.begin_opening(path, when_open, when_home)
    return app.exec()

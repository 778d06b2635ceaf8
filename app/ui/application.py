"""Starting the GUI: one QApplication, the style, and the main window on a file or the demo."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from app import paths
from app.services import settings
from app.ui import desktop_libraries, errors
from app.ui.main_window import MainWindow
from app.ui.style import apply_style

# For smoke tests, scripts and the start-up benchmark: files the app writes once its window is shown (SHOWN_FILE)
# and once the file is open on Home (READY_FILE, holding the open file's path).
SHOWN_FILE = "PABOOKS_SHOWN_FILE"
READY_FILE = "PABOOKS_READY_FILE"


def make_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("PA Books")
    app.setOrganizationName("PA Books")
    app.setWindowIcon(QIcon(str(paths.resources_dir() / "icons" / "pabooks.png")))
    apply_style(app, settings.load().text_scale_percent)
    return app


class FileOpener(QObject):
    """A .pabooks file opened from the desktop while PA Books runs (macOS sends it as an event, not an argument):
    the window opens it, as File > Open would."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if isinstance(event, QFileOpenEvent) and event.file():
            self.window.open_path(Path(event.file()))
            return True
        return super().eventFilter(watched, event)


def run_gui(path: Path | None) -> int:
    if desktop_libraries.uses_xcb():
        missing = desktop_libraries.missing_libraries()
        if missing:  # say which, in words, rather than Qt's abort
            print(desktop_libraries.missing_words(missing), file=sys.stderr)
            return 1
    app = make_app()
    errors.install()
    window = MainWindow()  # shown before the database code and the screens are loaded: they load behind it
    app.installEventFilter(FileOpener(window))
    ready = os.environ.get(READY_FILE)

    def when_open() -> None:
        if ready:
            Path(ready).write_text(str(window.book.path if window.book else ""), encoding="utf-8")

    window.show()
    shown = os.environ.get(SHOWN_FILE)
    if shown:  # written once the event loop runs, so the window has been painted
        QTimer.singleShot(0, lambda: Path(shown).write_text("shown", encoding="utf-8"))
    window.begin_opening(path, when_open)
    return app.exec()

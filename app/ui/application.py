"""Starting the GUI: one QApplication, the style, and the main window on a file or the demo."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from app.services import settings
from app.services.opening import tidy_up
from app.ui import desktop_libraries, errors
from app.ui.main_window import MainWindow
from app.ui.style import apply_style

READY_FILE = "PABOOKS_READY_FILE"  # names a file the app writes once its window is up (holding the open file's path)


def make_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("PA Books")
    app.setOrganizationName("PA Books")
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
    tidy_up()
    window = MainWindow()
    if path is None:
        window.open_demo()
    elif not window.open_path(path):
        pass  # the problem was shown; the start screen lets the user choose another file
    window.show()
    ready = os.environ.get(READY_FILE)
    if ready:  # for smoke tests and scripts: written once the window is up and the event loop is running
        QTimer.singleShot(0, lambda: Path(ready).write_text(str(window.book.path if window.book else ""),
                                                            encoding="utf-8"))
    return app.exec()

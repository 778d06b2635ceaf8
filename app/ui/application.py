"""Starting the GUI: one QApplication, the style, and the main window on a file or the demo."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.services import settings
from app.services.opening import tidy_up
from app.ui import errors
from app.ui.main_window import MainWindow
from app.ui.style import apply_style


def make_app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
    app.setApplicationName("PA Books")
    app.setOrganizationName("PA Books")
    apply_style(app, settings.load().text_scale_percent)
    return app


def run_gui(path: Path | None) -> int:
    app = make_app()
    errors.install()
    tidy_up()
    window = MainWindow()
    if path is None:
        window.open_demo()
    elif not window.open_path(path):
        pass  # the problem was shown; the start screen lets the user choose another file
    window.show()
    return app.exec()

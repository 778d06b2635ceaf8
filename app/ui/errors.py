"""What the user sees when something unexpected goes wrong: a plain message, a button to copy the
technical details, and a local note in the log. The window stays open, and so does any dialog with
what was typed in it."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import TYPE_CHECKING

from app import errorlog

if TYPE_CHECKING:
    from app.ui.error_dialog import ErrorDialog

# The dialog's code is loaded when it is first needed: `install` runs before the first window is shown.


def handle(kind: type[BaseException], value: BaseException, tb: TracebackType | None, show: bool = True) -> ErrorDialog:
    from PySide6.QtWidgets import QApplication

    from app.ui.error_dialog import ErrorDialog

    log = errorlog.write(kind, tb)
    dialog = ErrorDialog(errorlog.technical_details(kind, tb), str(log), QApplication.activeWindow())
    if show:
        dialog.exec()
    return dialog


def install() -> None:
    """Route unexpected errors (in any screen's action) to `handle` instead of a silent crash."""
    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, value, tb)
            return
        handle(kind, value, tb)

    sys.excepthook = hook

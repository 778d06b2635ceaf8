"""`pabooks selftest`: start the GUI off-screen on a fresh demo file, visit every screen, save each
as a PNG, check each for keyboard and screen-reader access, and fail on any Qt warning."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

# Messages the off-screen platform itself prints; they say nothing about PA Books.
OFFSCREEN_NOISE = ("This plugin does not support propagateSizeHints()",
                   "This plugin does not support raise()",
                   "This plugin does not support grabbing the keyboard")


def run_selftest(out: Path | None) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    work = Path(tempfile.mkdtemp(prefix="pabooks-selftest-"))
    os.environ["PABOOKS_HOME"] = str(work / "home")  # never touch the user's own demo or settings
    out = out or work / "screens"
    out.mkdir(parents=True, exist_ok=True)

    from PySide6.QtCore import QtMsgType, qInstallMessageHandler

    from app.ui.accessibility import unnamed_controls, unreachable_controls
    from app.ui.application import make_app
    from app.ui.dialogs import AboutDialog, NewFileDialog
    from app.ui.main_window import SCREEN_ORDER, MainWindow

    warnings: list[str] = []

    def handler(kind: QtMsgType, _context: object, message: str) -> None:
        if kind != QtMsgType.QtDebugMsg and kind != QtMsgType.QtInfoMsg and not message.startswith(OFFSCREEN_NOISE):
            warnings.append(message)

    previous = qInstallMessageHandler(handler)
    problems: list[str] = []
    try:
        app = make_app()
        window = MainWindow()
        window.show()
        app.processEvents()
        window.grab().save(str(out / "00-no-file-open.png"))
        window.open_demo()
        for number, name in enumerate(SCREEN_ORDER, start=1):
            window.navigation.setCurrentRow(number - 1)
            app.processEvents()
            target = out / f"{number:02d}-{name.lower().replace(' ', '-')}.png"
            if not window.grab().save(str(target)):
                problems.append(f"could not save {target}")
            problems += [f"{name}: no accessible name for {w}" for w in unnamed_controls(window)]
            problems += [f"{name}: Tab does not reach {w}" for w in unreachable_controls(window)]
        for filename, dialog in (("08-about.png", AboutDialog(window)), ("09-new-file.png", NewFileDialog(window))):
            dialog.show()
            app.processEvents()
            dialog.grab().save(str(out / filename))
            problems += [f"{filename}: no accessible name for {w}" for w in unnamed_controls(dialog)]
            dialog.close()
        window.close()
        app.processEvents()
    finally:
        qInstallMessageHandler(previous)
    problems += [f"Qt warning: {w}" for w in warnings]
    print(f"Screens saved in {out}")
    for problem in problems:
        print(f"selftest: {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"selftest passed: {len(SCREEN_ORDER)} screens and 2 dialogs rendered, named and reachable by keyboard")
    return 0

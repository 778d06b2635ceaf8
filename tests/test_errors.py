"""An unexpected error: a plain message, details to copy, a local log with no personal data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from app.ui import errors
from app.ui.accessibility import unnamed_controls

pytestmark = pytest.mark.gui


def test_the_log_says_where_but_never_what(qtbot, own_data_folder: Path) -> None:  # type: ignore[no-untyped-def]
    try:
        raise ValueError("Priya Shah, sort code 12-34-56, account 12345678")
    except ValueError:
        kind, value, tb = sys.exc_info()
    assert kind is not None and value is not None
    dialog = errors.handle(kind, value, tb, show=False)
    qtbot.addWidget(dialog)
    log = (own_data_folder / "logs" / "errors.log").read_text(encoding="utf-8")
    assert "builtins.ValueError" in log and "test_errors.py" in log
    assert "Priya" not in log and "12345678" not in log
    assert "Priya" not in dialog.details
    dialog.copy()
    from PySide6.QtWidgets import QApplication

    assert QApplication.clipboard().text() == dialog.details
    assert unnamed_controls(dialog) == []


def test_install_routes_errors_to_the_dialog(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[type[BaseException]] = []
    monkeypatch.setattr(errors, "handle", lambda kind, value, tb: seen.append(kind))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    errors.install()
    sys.excepthook(RuntimeError, RuntimeError("boom"), None)
    assert seen == [RuntimeError]

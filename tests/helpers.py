"""Small helpers shared by tests and the crash worker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command

from app.storage import cipher, database


def watched_window(qtbot: Any) -> Any:
    """A main window for GUI tests whose messages and recovery keys are collected instead of shown (a
    modal dialog would wait for a click that never comes)."""
    from app.ui.main_window import MainWindow

    window = MainWindow()
    qtbot.addWidget(window)
    window.problems = []
    window.show_problem = lambda title, message: window.problems.append((title, message))
    window.recovery_keys = []
    window.show_recovery_key = lambda book: window.recovery_keys.append(book.recovery_key())
    window.show()
    return window


def plain_real_file(path: Path, person_name: str) -> Any:
    """A real employer's file as made before encryption: plain SQLite. Returned open (an EmployerBook)."""
    from app.services.book import EmployerBook, NewEmployer

    book = EmployerBook.create(path, NewEmployer(person_name), kind="demo")  # the demo kind is made plain
    with book.db.transaction() as session:
        session.connection().exec_driver_sql("UPDATE file_meta SET value = 'real' WHERE key = 'kind'")
    return book


def raw_connect(path: Path, secret: str | None = None) -> Any:
    """A plain DB-API connection to an employer file, plain or encrypted (key from the keyring or
    `secret`), for tests that reach under the services: tampering, damage, old schemas."""
    return cipher.connect(path, database.unlock(path, secret))


def take_back_to(path: Path, revision: str = "0001_initial", secret: str | None = None,
                 key: cipher.FileKey | None = None) -> None:
    """Downgrade an employer file to an older schema, as if an older PA Books had made it."""
    engine = database.make_engine(path, database.unlock(path, secret, key))
    config = database._alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, revision)
    engine.dispose()

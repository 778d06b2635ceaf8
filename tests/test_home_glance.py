"""Home at once (app.services.home_glance): what Home showed is kept in the file and shown at the next start before
the file opens, but only while it is exactly what Home would show: any change since, another day, another version,
the file open elsewhere or cut off mid-write, and no glance is shown (the window says "Opening…" instead)."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.services import home_glance
from app.services.book import EmployerBook, NewEmployer
from app.services.home import home_summary
from app.services.home_glance import glance_at, keep_current_glance, keep_glance
from app.storage import cipher
from app.storage.glance import PLAIN_HEADER
from app.storage.locking import this_computer
from tests import ops

REPO = Path(__file__).resolve().parent.parent


def a_pa(first: str, last: str) -> ops.PaForm:
    return ops.PaForm(first_name=first, last_name=last, started_on=date(2025, 1, 6), contracted_hours_per_week="25",
                      starter_statement="A")


def kept_file(tmp_path: Path, **employer: str) -> Path:
    """A closed file whose Home was worked out (and so kept) before it was closed."""
    path = tmp_path / "Morgan.pabooks"
    book = EmployerBook.create(path, NewEmployer("Alex Morgan", **employer))
    ops.add_pa(book, a_pa("Priya", "Shah"))
    keep_glance(book, home_summary(book))
    book.close()
    return path


def glance(path: Path, today: date | None = None) -> home_glance.HomeGlance | None:
    """At start, as the window asks: with the keyring, as an employer file is encrypted."""
    return glance_at(path, today, use_keyring=True)


def summary_now(path: Path) -> object:
    book = EmployerBook.open(path)
    try:
        return home_summary(book)
    finally:
        book.close()


def test_the_glance_is_home_as_it_would_show_now(tmp_path: Path) -> None:
    path = kept_file(tmp_path)
    found = glance(path)
    assert found is not None and found.today == date.today()
    assert found.summary == summary_now(path)
    assert found.summary.person_name == "Alex Morgan" and found.summary.pa_count == 1
    assert any("PAYE reference" in item.title for item in found.summary.todo)


def test_any_change_since_puts_the_glance_out_of_date(tmp_path: Path) -> None:
    path = kept_file(tmp_path)
    book = EmployerBook.open(path)
    ops.add_check(book, 1, "dbs", "Enhanced DBS", date.today(), date.today() + timedelta(days=20))
    book.close()
    assert glance(path) is None  # the new reminder is not in it: never shown stale


def test_a_change_made_with_the_command_line_puts_it_out_of_date_too(tmp_path: Path) -> None:
    phrase = "orchard kettle lantern"
    path = kept_file(tmp_path, passphrase=phrase, passphrase_again=phrase)
    assert glance(path) is not None
    (tmp_path / "phrase").write_text(phrase, encoding="utf-8")
    subprocess.run([sys.executable, "-m", "app", "pa", "add", str(path), "--first", "Tom", "--last", "Evans",
                    "--started", "06/01/2025", "--hours", "10", "--starter", "A"], cwd=REPO, check=True,
                   capture_output=True, timeout=120, env={**os.environ, "PABOOKS_PASSPHRASE_FILE": str(tmp_path / "phrase")})
    assert glance(path) is None


def test_closing_a_file_keeps_its_glance_for_the_next_start(tmp_path: Path) -> None:
    """A change made on another screen: Home did not work itself out again, so closing the file does."""
    path = kept_file(tmp_path)
    book = EmployerBook.open(path)
    ops.add_pa(book, a_pa("Tom", "Evans"))
    keep_current_glance(book)
    book.close()
    found = glance(path)
    assert found is not None and found.summary.pa_count == 2 and found.summary == summary_now(path)


def test_a_glance_is_for_the_day_and_the_version_it_was_made_by(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    path = kept_file(tmp_path)
    assert glance(path, date.today() + timedelta(days=1)) is None  # "Soon" and "Overdue" move on overnight
    monkeypatch.setattr(home_glance, "__version__", "99.0")
    assert glance(path) is None


def test_no_glance_while_another_copy_has_the_file_open(tmp_path: Path) -> None:
    path = kept_file(tmp_path)
    book = EmployerBook.open(path)  # this process holds its lock: its changes would not be in the glance
    try:
        assert glance(path) is None
    finally:
        book.close()
    assert glance(path) is not None
    lock = path.with_name(path.name + ".lock")  # left by a copy that was stopped: nobody holds the file
    lock.write_text(json.dumps({"pid": 999_999_999, "host": this_computer(), "user": "alex",
                                "since": "2026-12-04T09:00:00+00:00"}), encoding="utf-8")
    assert glance(path) is not None


def test_no_glance_of_a_file_cut_off_mid_write(tmp_path: Path) -> None:
    path = kept_file(tmp_path)
    path.with_name(path.name + "-journal").write_bytes(b"\x01" * 512)  # only opening it rolls that back
    assert glance(path) is None


def test_a_renamed_file_is_named_as_it_is_now(tmp_path: Path) -> None:
    path = kept_file(tmp_path)
    moved = path.rename(tmp_path / "Alex Morgan 2026.pabooks")
    found = glance(moved)
    assert found is not None and found.summary.file_name == "Alex Morgan 2026.pabooks"


def test_a_glance_it_cannot_read_is_not_shown(tmp_path: Path) -> None:
    path = kept_file(tmp_path)
    book = EmployerBook.open(path)  # the glance spoiled, as a PA Books that kept it differently might
    with book.db.engine.begin() as connection:
        connection.exec_driver_sql("UPDATE file_meta SET value = substr(value, 1, instr(value, char(10))) || '{not json' "
                                   "WHERE key = 'home_glance'")
    book.close()
    assert glance(path) is None
    (tmp_path / "notes.pabooks").write_text("not an employer file", encoding="utf-8")
    assert glance(tmp_path / "notes.pabooks") is None and glance(tmp_path / "missing.pabooks") is None


def test_an_encrypted_file_is_glanced_at_with_the_key_the_keyring_keeps(tmp_path: Path) -> None:
    path = kept_file(tmp_path)  # the test keyring keeps its random key
    assert not cipher.is_plain_sqlite(path) and PLAIN_HEADER == cipher.SQLITE_HEADER
    assert glance_at(path) is None  # not without the keyring: the window is shown first
    found = glance_at(path, use_keyring=True)
    assert found is not None and found.summary == summary_now(path)


def test_no_glance_of_a_file_whose_key_is_not_kept(tmp_path: Path) -> None:
    phrase = "orchard kettle lantern"
    path = kept_file(tmp_path, passphrase=phrase, passphrase_again=phrase)
    from app.storage import keystore

    keystore.forget(cipher.salt_of(path).hex())
    assert glance_at(path, use_keyring=True) is None


def test_a_file_looked_at_read_only_keeps_nothing(tmp_path: Path) -> None:
    path = kept_file(tmp_path)
    book = EmployerBook.open(path)
    ops.add_pa(book, a_pa("Tom", "Evans"))
    viewer = EmployerBook.open_read_only(path)
    try:
        keep_current_glance(viewer)
        keep_glance(viewer, home_summary(viewer))
    finally:
        viewer.close()
        book.close()
    assert glance(path) is None  # the copy looked at was not the file


def test_the_demo_is_glanced_at_only_on_the_day_it_was_made(tmp_path: Path) -> None:
    from app.services.demo import create_demo

    demo = create_demo(tmp_path / "demo.pabooks")
    keep_glance(demo, home_summary(demo))
    demo.close()
    assert glance(tmp_path / "demo.pabooks") is not None
    with sqlite3.connect(tmp_path / "demo.pabooks") as connection:  # as if made yesterday (and kept so)
        connection.execute("UPDATE file_meta SET value = '2020-01-01' WHERE key = 'demo_made_on'")
    assert glance(tmp_path / "demo.pabooks") is None

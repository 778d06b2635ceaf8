"""Encryption at rest: files are unreadable without their key; the key is kept in the keyring when there
is one, else a passphrase; the recovery key opens a file anywhere; plain files can be encrypted; wrong
passphrases and a missing or refusing keyring each get a plain message and change nothing."""

from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import paths
from app.services import audit, backups, security
from app.services.book import BookError, EmployerBook, NewEmployer
from app.storage import cipher, keystore
from app.storage.errors import KeyNeeded, WrongPassphrase
from app.storage.locking import lock_path
from tests import ops
from tests.helpers import plain_real_file, raw_connect

PASSPHRASE = "kettle orchard violin"
NAME = "Sam Encrypted-Example"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def with_pa(book: EmployerBook, last_name: str = "Confidential") -> EmployerBook:
    ops.add_pa(book, ops.PaForm(first_name="Priya", last_name=last_name, started_on=date(2026, 1, 5),
                                      contracted_hours_per_week="20", starter_statement="A",
                                      email="priya@example.org"), date(2026, 11, 25))
    return book


def passphrase_file(tmp_path: Path, name: str = "sam") -> Path:
    book = EmployerBook.create(tmp_path / name, NewEmployer(NAME, passphrase=PASSPHRASE, passphrase_again=PASSPHRASE))
    with_pa(book).close()
    return book.path


def test_a_new_file_is_encrypted_through_and_through(tmp_path: Path) -> None:
    book = with_pa(EmployerBook.create(tmp_path / "sam", NewEmployer(NAME)))
    backups.take_copy(book, "by-hand")
    book.close()
    data = book.path.read_bytes()
    assert not data.startswith(b"SQLite format 3")
    for secret in (NAME.encode(), b"Confidential", b"priya@example.org", b"CREATE TABLE"):
        assert secret not in data
    for copy in paths.backups_dir().rglob("*.pabooks"):
        assert NAME.encode() not in copy.read_bytes()
    with closing(sqlite3.connect(book.path)) as plain, pytest.raises(sqlite3.DatabaseError):
        plain.execute("SELECT * FROM employer").fetchall()


def test_the_keyring_keeps_the_key_so_the_holder_is_not_asked(tmp_path: Path, memory_keyring: Any) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer(NAME))
    key_id = cipher.salt_of(book.path).hex()
    assert (keystore.SERVICE, key_id) in memory_keyring.entries
    book.close()
    again = EmployerBook.open(book.path)  # no passphrase asked
    assert ops.info(again).person_name == NAME
    assert security.status(again).key_kept_here
    again.close()
    renamed = book.path.rename(tmp_path / "moved and renamed.pabooks")
    EmployerBook.open(renamed).close()  # the key follows the file, not its name


def test_without_its_key_a_file_asks_and_a_wrong_passphrase_changes_nothing(tmp_path: Path, no_keyring: None) -> None:
    path = passphrase_file(tmp_path)
    before = digest(path)
    with pytest.raises(KeyNeeded, match="Type its passphrase or its recovery key"):
        EmployerBook.open(path)
    for wrong in ("kettle orchard violiN", "KETTLE ORCHARD VIOLIN", "", "x"):
        with pytest.raises((WrongPassphrase, KeyNeeded)):
            EmployerBook.open(path, wrong)
    assert digest(path) == before
    assert not lock_path(path).exists()
    book = EmployerBook.open(path, PASSPHRASE)
    assert [pa.name for pa in ops.list_pas(book)] == ["Priya Confidential"]
    book.close()


def test_the_recovery_key_opens_the_file_and_a_typo_is_named(tmp_path: Path, no_keyring: None) -> None:
    path = passphrase_file(tmp_path)
    book = EmployerBook.open(path, PASSPHRASE)
    recovery = book.recovery_key()
    book.close()
    assert recovery is not None and len(recovery.split()) == cipher.RECOVERY_GROUPS
    EmployerBook.open(path, recovery.lower().replace(" ", "-")).close()  # case and separators do not matter
    groups = recovery.split()
    groups[3] = "2222" if groups[3] != "2222" else "3333"
    with pytest.raises(WrongPassphrase, match="mistake"):
        EmployerBook.open(path, " ".join(groups))
    other = EmployerBook.create(tmp_path / "other", NewEmployer("Other", passphrase=PASSPHRASE + "!",
                                                                passphrase_again=PASSPHRASE + "!"))
    other_key = other.recovery_key()
    other.close()
    assert other_key is not None
    with pytest.raises(WrongPassphrase, match="does not open"):
        EmployerBook.open(path, other_key)


def test_with_no_keyring_a_passphrase_is_required(tmp_path: Path, no_keyring: None) -> None:
    assert not keystore.available()
    with pytest.raises(BookError, match="no keyring.*choose a passphrase"):
        EmployerBook.create(tmp_path / "sam", NewEmployer(NAME))
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(BookError, match="at least 12 characters"):
        EmployerBook.create(tmp_path / "sam", NewEmployer(NAME, passphrase="short", passphrase_again="short"))
    with pytest.raises(BookError, match="not the same"):
        EmployerBook.create(tmp_path / "sam", NewEmployer(NAME, passphrase=PASSPHRASE, passphrase_again="other words"))
    assert list(tmp_path.iterdir()) == []
    path = passphrase_file(tmp_path)
    book = EmployerBook.open(path, PASSPHRASE)
    view = security.status(book)
    assert view.encrypted and not view.key_kept_here and view.has_passphrase
    assert "no keyring to keep its key in" in view.words
    book.close()


def test_a_keyring_that_refuses_means_a_passphrase(tmp_path: Path, memory_keyring: Any,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise RuntimeError("the user said no to the keychain prompt")

    monkeypatch.setattr(memory_keyring, "set_password", refuse)
    monkeypatch.setattr(memory_keyring, "get_password", refuse)
    with pytest.raises(BookError, match="keyring would not keep"):
        EmployerBook.create(tmp_path / "sam", NewEmployer(NAME))
    assert not (tmp_path / "sam.pabooks").exists()
    path = passphrase_file(tmp_path)  # a passphrase still works with a refusing keyring
    EmployerBook.open(path, PASSPHRASE).close()


def test_a_key_that_no_longer_fits_asks_for_the_passphrase(tmp_path: Path, memory_keyring: Any) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer(NAME))
    key_id = book.db.key.key_id if book.db.key else ""
    book.close()
    memory_keyring.set_password(keystore.SERVICE, key_id, "00" * 32)
    with pytest.raises(KeyNeeded, match="no longer opens it"):
        EmployerBook.open(book.path)


def test_a_passphrase_typed_once_is_kept_when_there_is_a_keyring(tmp_path: Path, memory_keyring: Any) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer(NAME, passphrase=PASSPHRASE, passphrase_again=PASSPHRASE))
    security.forget_key(book)
    book.close()
    with pytest.raises(KeyNeeded):
        EmployerBook.open(book.path)
    EmployerBook.open(book.path, PASSPHRASE, remember=False).close()
    with pytest.raises(KeyNeeded):
        EmployerBook.open(book.path)
    EmployerBook.open(book.path, PASSPHRASE).close()
    EmployerBook.open(book.path).close()  # remembered


def make_plain_file(tmp_path: Path) -> Path:
    """A real employer's file as made before encryption: plain SQLite."""
    book = with_pa(plain_real_file(tmp_path / "old", NAME))
    book.close()
    return book.path


def test_a_plain_file_and_its_backups_are_encrypted_on_request(tmp_path: Path) -> None:
    path = make_plain_file(tmp_path)
    book = EmployerBook.open(path)  # first open today: a plain daily copy
    backups.take_copy(book, "by-hand")
    assert book.db.key is None and not security.status(book).encrypted
    assert "not encrypted" in security.status(book).words
    changed = security.encrypt(book)
    assert changed == 2
    assert NAME.encode() not in path.read_bytes()
    assert [pa.name for pa in ops.list_pas(book)] == ["Priya Confidential"]  # still open, now encrypted
    with_pa(book, "Second")  # and still writable
    assert [e.action for e in audit.history(book)[:2]] == ["pa_added", "file_encrypted"]
    assert audit.check_history(book) == []
    for view in backups.list_backups(book):
        assert NAME.encode() not in view.path.read_bytes()
        assert "1 PA" in view.contents_words
    with pytest.raises(BookError, match="already encrypted"):
        security.encrypt(book)
    book.close()
    reopened = EmployerBook.open(path)
    assert len(ops.list_pas(reopened)) == 2
    reopened.close()


def test_the_demo_stays_unencrypted_and_says_so(tmp_path: Path) -> None:
    from app.services.demo import create_demo

    demo = create_demo(tmp_path / "demo.pabooks")
    assert demo.path.read_bytes().startswith(b"SQLite format 3")
    view = security.status(demo)
    assert view.demo and not view.encrypted and "made-up people only" in view.words
    with pytest.raises(BookError, match="stays unencrypted"):
        security.encrypt(demo)
    demo.close()


def test_a_new_passphrase_rekeys_the_file_and_its_backups(tmp_path: Path, no_keyring: None) -> None:
    path = passphrase_file(tmp_path)
    book = EmployerBook.open(path, PASSPHRASE)
    old_recovery = book.recovery_key()
    backups.take_copy(book, "by-hand")
    with pytest.raises(BookError, match="not the same"):
        security.set_passphrase(book, "lantern meadow biscuit", "lantern meadow biscuits")
    assert security.set_passphrase(book, "lantern meadow biscuit", "lantern meadow biscuit") >= 1
    assert book.recovery_key() != old_recovery
    assert audit.history(book)[0].action == "passphrase_changed"
    listed = backups.list_backups(book)
    assert len(listed) == 2 and "1 PA," in listed[0].contents_words  # newest first: the copy by hand
    assert not any("cannot be read" in view.contents_words for view in listed)
    book.close()
    with pytest.raises(WrongPassphrase):
        EmployerBook.open(path, PASSPHRASE)
    assert old_recovery is not None
    with pytest.raises(WrongPassphrase):
        EmployerBook.open(path, old_recovery)
    EmployerBook.open(path, "lantern meadow biscuit").close()


def test_a_passphrase_file_restores_from_its_backup_without_a_keyring(tmp_path: Path, no_keyring: None) -> None:
    book = EmployerBook.open(passphrase_file(tmp_path), PASSPHRASE)
    copy = backups.take_copy(book, "by-hand")
    restored = backups.restore(book, copy, tmp_path / "restored")
    assert [pa.name for pa in ops.list_pas(restored)] == ["Priya Confidential"]
    restored.close()
    book.close()
    EmployerBook.open(restored.path, PASSPHRASE).close()


def test_a_file_in_use_can_be_looked_at_read_only(tmp_path: Path) -> None:
    writer = with_pa(EmployerBook.create(tmp_path / "sam", NewEmployer(NAME)))
    before = digest(writer.path)
    viewer = EmployerBook.open_read_only(writer.path)
    assert viewer.read_only and [pa.name for pa in ops.list_pas(viewer)] == ["Priya Confidential"]
    words = viewer.read_only_words()
    assert words is not None and "Read only" in words and "has had it open since" in words
    with pytest.raises(BookError, match="open read-only"):
        with_pa(viewer, "Second")
    with pytest.raises(BookError):
        backups.take_copy(viewer, "by-hand")
    with_pa(writer, "Second")  # the writer carries on while someone looks
    assert len(ops.list_pas(writer)) == 2 and len(ops.list_pas(viewer)) == 1  # the viewer sees the copy it took
    snapshot = viewer.db.snapshot
    viewer.close()
    assert snapshot is not None and not snapshot.exists()
    writer.close()
    assert digest(writer.path) != before


def test_read_only_needs_the_key_too(tmp_path: Path, no_keyring: None) -> None:
    path = passphrase_file(tmp_path)
    with pytest.raises(KeyNeeded):
        EmployerBook.open_read_only(path)
    viewer = EmployerBook.open_read_only(path, PASSPHRASE)
    assert viewer.read_only_words() is not None
    viewer.close()


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=32, max_size=32))
def test_recovery_keys_round_trip(raw: bytes) -> None:
    text = cipher.format_recovery_key(raw)
    assert len(text.replace(" ", "")) == cipher.RECOVERY_GROUPS * cipher.GROUP_SIZE
    assert not set(text.replace(" ", "")) & set("01IO")
    assert cipher.parse_recovery_key(text) == raw
    assert cipher.parse_recovery_key(text.lower().replace(" ", "-")) == raw


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=32, max_size=32), st.integers(min_value=0, max_value=51), st.integers(1, 31))
def test_a_single_mistyped_symbol_is_caught(raw: bytes, where: int, shift: int) -> None:
    text = cipher.format_recovery_key(raw).replace(" ", "")
    symbol = cipher.RECOVERY_ALPHABET[(cipher.RECOVERY_ALPHABET.index(text[where]) + shift) % 32]
    typo = text[:where] + symbol + text[where + 1:]
    try:
        parsed = cipher.parse_recovery_key(typo)
    except cipher.RecoveryKeyTypo:
        return
    assert parsed != raw  # at worst (one chance in a million) a typo names another key, never this one


def test_keys_never_show_in_a_repr() -> None:
    key = cipher.random_key()
    assert key.key.hex() not in repr(key) and key.key_id[:8] in repr(key)
    assert "passphrase" not in repr(NewEmployer("A", passphrase="secret words here", passphrase_again="x"))


def test_raw_connections_read_the_same_file(tmp_path: Path) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer(NAME))
    book.close()
    with closing(raw_connect(book.path)) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT person_name FROM employer").fetchone()[0] == NAME


def test_without_sqlcipher_files_are_made_plain_and_settings_says_why(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Linux on ARM has no SQLCipher wheel: the app still works, plainly, and says so."""
    monkeypatch.setattr(cipher, "AVAILABLE", False)
    book = EmployerBook.create(tmp_path / "sam", NewEmployer(NAME))
    assert book.db.key is None
    view = security.status(book)
    assert not view.encrypted and "installed without its encryption part" in view.words
    with pytest.raises(BookError, match="cannot encrypt files"):
        security.encrypt(book)
    book.close()


def test_the_history_says_how_the_file_is_protected_in_words(tmp_path: Path) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer(NAME))
    security.set_passphrase(book, PASSPHRASE, PASSPHRASE)
    words = [event.words() for event in audit.history(book)]
    assert "gave this file a new passphrase (opens with its passphrase or recovery key)" in words[0]
    assert "created this file (kind real, protection encrypted)" in words[-1]
    book.close()


def test_a_copy_that_cannot_be_taken_to_look_at_is_a_plain_message(tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from app.storage import database
    from app.storage.errors import FileInUse

    book = EmployerBook.create(tmp_path / "sam", NewEmployer(NAME))

    def half_written(*_args: object) -> None:
        raise OSError("the copy of sam.pabooks did not pass its integrity check")

    monkeypatch.setattr(database, "copy_database", half_written)
    with pytest.raises(FileInUse, match="could not be taken while it is being changed"):
        EmployerBook.open_read_only(book.path)
    from app import paths

    assert not list(paths.snapshots_dir().glob("*/sam.pabooks"))
    book.close()

"""A glance at an employer file without opening it: what its Home screen showed when PA Books last worked it out,
read in a few milliseconds with the DB-API alone (no SQLAlchemy, no migrations, no lock, no backup), so the window
can show Home at once while the file opens behind it (app.services.home_glance).

The glance is kept in `file_meta` under `GLANCE`, with the stamp of the file it was worked out from: the last audit
record's id and hash (every change to a file is an operation, and every operation writes one), and the file's
migration. A glance whose stamp is not the file's own is out of date and never shown.

This module runs before the window is on screen: a plain file is read with Python's own sqlite3 (read-only, and
with no key, so not through app.storage.cipher, where every other connection is made: SQLCipher is loaded only for
an encrypted file).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.storage.locking import FileLock

if TYPE_CHECKING:
    from app.storage.cipher import FileKey

GLANCE = "home_glance"
PLAIN_HEADER = b"SQLite format 3\x00"  # how a plain SQLite file begins (app.storage.cipher.SQLITE_HEADER: a test checks)


@dataclass(frozen=True, slots=True)
class FileStamp:
    """Which state of the file something was worked out from."""

    last_audit_id: int
    last_audit_hash: str
    revision: str

    def words(self) -> str:
        return f"{self.last_audit_id}:{self.last_audit_hash}:{self.revision}"


@dataclass(frozen=True, slots=True)
class Glance:
    stamp: FileStamp  # the file as it is now
    kept_stamp: str  # the stamp the kept glance was worked out from ("" when none is kept)
    body: str  # the kept glance (JSON, app.services.home_glance's to read)
    meta: dict[str, str]  # the file's other facts (kind, the day the demo was made)

    @property
    def current(self) -> bool:
        return bool(self.body) and self.kept_stamp == self.stamp.words()


def can_glance(path: Path) -> bool:
    """Whether the file can be glanced at safely: there, not open in another copy of PA Books (whose changes the
    glance would miss) and with no write cut off part-way (which only opening the file puts right)."""
    try:
        return (path.is_file() and FileLock(path).holder() is None  # a copy that was stopped holds nothing
                and not path.with_name(path.name + "-journal").exists())
    except OSError:
        return False


def stamp_of(execute: Callable[[str], Any]) -> FileStamp:
    """`execute`: runs a query and gives its rows (a DB-API connection's `execute`, or SQLAlchemy's
    `exec_driver_sql`: the queries are plain SQL that PostgreSQL takes too)."""
    last = execute("SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1").fetchone()
    revision = execute("SELECT version_num FROM alembic_version").fetchone()
    return FileStamp(int(last[0]) if last else 0, str(last[1]) if last else "", str(revision[0]) if revision else "")


def is_plain(path: Path) -> bool:
    """Whether the file is a plain (not encrypted) SQLite file."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(PLAIN_HEADER)) == PLAIN_HEADER
    except OSError:
        return False


def read_glance(path: Path, key: FileKey | None) -> Glance | None:
    """The file's kept glance and its stamp now (`key`: an encrypted file's); None if the file cannot be read this
    way (it is not an employer file, the key is wrong, it is damaged): opening it properly then says why."""
    unreadable: tuple[type[Exception], ...] = (sqlite3.Error, OSError, ValueError, TypeError)
    try:
        if key is None:
            connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        else:
            from app.storage import cipher

            unreadable += (cipher.DatabaseError, cipher.WrongKey)
            connection = cipher.connect(path, key, read_only=True)
        with closing(connection):
            meta = {str(k): str(v) for k, v in connection.execute("SELECT key, value FROM file_meta")}
            stamp = stamp_of(connection.execute)
    except unreadable:
        return None
    kept_stamp, body = split_value(meta.pop(GLANCE, ""))
    return Glance(stamp, kept_stamp, body, meta)


def glance_value(stamp: FileStamp, body: str) -> str:
    """What is kept in `file_meta` under `GLANCE`: the stamp on the first line, then the glance."""
    return f"{stamp.words()}\n{body}"


def split_value(value: str) -> tuple[str, str]:
    """A kept `glance_value` as its stamp's words and its glance ("", "" when none is kept)."""
    stamp, _, body = value.partition("\n")
    return stamp, body

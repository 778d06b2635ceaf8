"""Opening, creating and migrating employer files (`*.pabooks`, one SQLite file per employer).

Every check that can refuse a file runs read-only first, so a file we refuse is never touched:
not SQLite, not ours, damaged or truncated, from a newer PA Books, or open elsewhere. A copy is
taken (SQLite's online backup) before any migration.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from app.storage.backups import backup_to
from app.storage.errors import DamagedFile, FileMissing, NewerVersionFile, NotAPaBooksFile
from app.storage.locking import FileLock

# "PABK": marks a SQLite file as a PA Books employer file (PRAGMA application_id).
APPLICATION_ID = 0x5041424B
SQLITE_HEADER = b"SQLite format 3\x00"


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(resources.files("app.storage") / "migrations"))
    return config


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def head_revision() -> str:
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    assert head is not None
    return head


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so CREATE and ALTER (the
    # migrations) would each commit on their own and a crash could leave half a migration. Turn its own
    # handling off and let every SQLAlchemy transaction start with an explicit BEGIN (see _on_begin):
    # the documented SQLAlchemy recipe for transactional DDL on pysqlite. The kill test found this.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA synchronous = FULL")  # survive a power cut mid-write
    cursor.execute("PRAGMA busy_timeout = 5000")
    cursor.close()


def _on_begin(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path}", future=True)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def hot_journal(path: Path) -> bool:
    """A rollback journal left by a copy that stopped mid-write: SQLite must roll it back before reading."""
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def inspect_file(path: Path, recover: bool = False) -> str | None:
    """Check a file. Returns its schema revision (None for a new, empty PA Books file); raises a
    FileOpenError that says what is wrong. Read-only, except that with `recover` (the caller holds the
    lock) SQLite may roll back the journal of a write that was cut off, which restores the file to how it
    was before that write."""
    if not path.exists():
        raise FileMissing(f"There is no file at {path}. Check the name and folder, or create a new employer file.")
    if path.is_dir():
        raise NotAPaBooksFile(f"{path} is a folder, not an employer file.")
    with path.open("rb") as handle:
        header = handle.read(100)
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise NotAPaBooksFile(
            f"\"{path.name}\" is not a PA Books employer file. PA Books files end in .pabooks; "
            "if this is a spreadsheet or bank statement, use the import screens instead. The file was not changed.")
    page_size = int.from_bytes(header[16:18], "big") or 65536
    if page_size == 1:
        page_size = 65536
    page_count = int.from_bytes(header[28:32], "big")
    interrupted = hot_journal(path)
    if not interrupted and page_count and path.stat().st_size < page_size * page_count:
        raise DamagedFile(
            f"\"{path.name}\" is damaged: it is shorter than it should be (it may have been cut off while copying). "
            "Open your most recent backup instead. The file was not changed.")
    try:
        mode = "rw" if interrupted and recover else "ro"
        with closing(sqlite3.connect(f"file:{path}?mode={mode}", uri=True)) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise NotAPaBooksFile(
                    f"\"{path.name}\" is a database, but not one made by PA Books. The file was not changed.")
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise DamagedFile(
                    f"\"{path.name}\" is damaged ({check}). Open your most recent backup instead. "
                    "The file was not changed.")
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
    except sqlite3.DatabaseError as exc:
        raise DamagedFile(
            f"\"{path.name}\" is damaged and cannot be read ({exc}). Open your most recent backup instead. "
            "The file was not changed.") from None
    if revision is None:
        return None
    if revision[0] not in known_revisions():
        raise NewerVersionFile(
            f"\"{path.name}\" was saved by a newer version of PA Books. Install the latest version to open it; "
            "this version will not open it, so that nothing in it is damaged.")
    return str(revision[0])


@dataclass
class EmployerDatabase:
    """An open employer file: an engine, a session factory, and the lock that makes us its only writer."""

    path: Path
    engine: Engine
    lock: FileLock
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case, one transaction: everything inside commits together or not at all."""
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    def close(self) -> None:
        self.engine.dispose()
        self.lock.release()


def _migrate(engine: Engine) -> None:
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def create_database(path: Path) -> EmployerDatabase:
    """A new, empty employer file at the current schema. Refuses to overwrite anything."""
    if path.exists():
        raise FileExistsError(f"There is already a file at {path}. Choose another name; PA Books never "
                              "overwrites a file.")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    lock.acquire()
    try:
        with closing(sqlite3.connect(path)) as conn:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.commit()
        engine = make_engine(path)
        _migrate(engine)
    except BaseException:
        lock.release()
        path.unlink(missing_ok=True)
        raise
    return EmployerDatabase(path, engine, lock)


def open_database(path: Path, backups_folder: Path) -> EmployerDatabase:
    """Open an existing employer file, migrating it (after a backup) if it is from an older version."""
    path = path.resolve()
    if not path.exists():
        raise FileMissing(f"There is no file at {path}. Check the name and folder, or create a new employer file.")
    lock = FileLock(path)
    lock.acquire()  # before reading: only the one writer may roll back an interrupted write
    try:
        revision = inspect_file(path, recover=True)
        engine = make_engine(path)
        if revision != head_revision():
            copy = backup_to(path, backups_folder, reason="before-upgrade")
            try:
                _migrate(engine)
            except Exception as exc:  # noqa: BLE001 - any failure here must reach the user as a plain message
                engine.dispose()
                raise DamagedFile(
                    f"\"{path.name}\" could not be updated to this version of PA Books ({type(exc).__name__}). "
                    f"Nothing in it was changed by the attempt. A copy taken just before is at {copy}.") from exc
    except BaseException:
        lock.release()
        raise
    return EmployerDatabase(path, engine, lock)

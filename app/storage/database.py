"""Opening, creating and migrating employer files (`*.pabooks`, one SQLite file per employer, encrypted
with SQLCipher unless it is the demo: see app.storage.cipher).

Every check that can refuse a file runs read-only first, so a file we refuse is never touched:
not SQLite, not ours, damaged or truncated, from a newer PA Books, locked with a key we were not given,
or open elsewhere. A copy is taken (SQLite's online backup) before any migration. A file another copy of
PA Books is writing can still be looked at: `open_snapshot` copies it and opens the copy read-only.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from app.models import FileMeta
from app.storage import budget_scope as budget_scope  # installs the filter: a session sees one budget
from app.storage import cipher, glance, keystore
from app.storage.backups import backup_to, copy_database, folder_for
from app.storage.cipher import FileKey
from app.storage.errors import (
    DamagedFile,
    FileInUse,
    FileMissing,
    KeyNeeded,
    NewerVersionFile,
    NotAPaBooksFile,
    ReadOnlyFile,
    WrongPassphrase,
)
from app.storage.locking import FileLock, LockInfo, process_alive

# "PABK": marks a SQLite file as a PA Books employer file (PRAGMA application_id).
APPLICATION_ID = 0x5041424B


def _alembic_config() -> Any:
    from alembic.config import Config  # here, not at the top: Alembic is loaded only when a file is migrated

    config = Config()
    config.set_main_option("script_location", str(resources.files("app.storage") / "migrations"))
    return config


_REVISION = re.compile(r"""^(down_revision|revision)(?:: [^=]+)? = (?:["']([^"']+)["']|None)$""", re.MULTILINE)


@cache
def _revision_chain() -> tuple[str, ...]:
    """The migrations in order, read from the scripts' own `revision` and `down_revision` lines (what Alembic
    reads; tests/test_storage.py checks the two agree), so opening a file need not load Alembic at all."""
    parents: dict[str, str | None] = {}
    for script in (resources.files("app.storage") / "migrations" / "versions").iterdir():
        if not script.name.endswith(".py"):
            continue
        found = dict((name, value or None) for name, value in _REVISION.findall(script.read_text(encoding="utf-8")))
        if found.get("revision"):
            parents[str(found["revision"])] = found.get("down_revision")
    chain: list[str] = []
    child: dict[str | None, str] = {parent: revision for revision, parent in parents.items()}
    current = child.get(None)
    while current is not None:
        chain.append(current)
        current = child.get(current)
    return tuple(chain)


def known_revisions() -> set[str]:
    return set(_revision_chain())


def head_revision() -> str:
    return _revision_chain()[-1]


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


def make_engine(path: Path, key: FileKey | None = None, read_only: bool = False) -> Engine:
    engine = create_engine(f"sqlite:///{path}", module=cipher.DBAPI,
                           creator=lambda: cipher.connect(path, key, read_only=read_only))
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def hot_journal(path: Path) -> bool:
    """A rollback journal left by a copy that stopped mid-write: SQLite must roll it back before reading."""
    journal = path.with_name(path.name + "-journal")
    return journal.exists() and journal.stat().st_size > 0


def _must_exist(path: Path) -> None:
    if not path.exists():
        raise FileMissing(f"There is no file at {path}. Check the name and folder, or create a new employer file.")
    if path.is_dir():
        raise NotAPaBooksFile(f"{path} is a folder, not an employer file.")
    if not path.is_file():  # a named pipe or a device: reading it could wait for ever
        raise NotAPaBooksFile(f"\"{path.name}\" is not an ordinary file (it is a pipe or a device), so it cannot "
                              "be an employer file. Choose the .pabooks file itself.")


def _not_ours(path: Path) -> NotAPaBooksFile:
    return NotAPaBooksFile(
        f"\"{path.name}\" is not a PA Books employer file. PA Books files end in .pabooks; "
        "if this is a spreadsheet or bank statement, use the import screens instead. The file was not changed.")


def is_encrypted(path: Path) -> bool:
    """Whether a file needs a key; raises if it is neither a plain nor an encrypted PA Books file."""
    _must_exist(path)
    if cipher.is_plain_sqlite(path):
        return False
    if cipher.looks_encrypted(path):
        if path.stat().st_size % cipher.PAGE_SIZE:
            raise DamagedFile(f"\"{path.name}\" is damaged: it is not the length an employer file can be (it may "
                              "have been cut off while copying). Open your most recent backup instead. The file "
                              "was not changed.")
        return True
    raise _not_ours(path)


def unlock(path: Path, secret: str | None = None, key: FileKey | None = None) -> FileKey | None:
    """The key that opens a file: None for a plain file; `key` if the caller has it already; the keyring's
    key; else one made from the passphrase or recovery key the holder typed. Raises KeyNeeded (nothing
    typed yet, no key kept here) or WrongPassphrase. Reads only."""
    if not is_encrypted(path):
        return None
    if not cipher.AVAILABLE:
        raise DamagedFile(f"\"{path.name}\" is encrypted, and this copy of PA Books was installed without "
                          "encryption. Install PA Books from the official installer to open it.")
    salt = cipher.salt_of(path)
    typo: str | None = None
    candidates: Iterable[FileKey] = []
    if key is not None and key.salt == salt:
        candidates = [key]
    elif secret:
        candidates, typo = cipher.keys_for_secret(secret, salt)
    else:
        kept = keystore.load(salt.hex())
        if kept is not None:
            candidates = [FileKey(kept, salt)]
    tried = 0
    for candidate in candidates:
        tried += 1
        try:
            cipher.connect(path, candidate, read_only=not hot_journal(path)).close()
        except cipher.WrongKey:
            continue
        except cipher.DatabaseError as exc:
            raise DamagedFile(f"\"{path.name}\" is damaged and could not be read ({exc}). Open your most recent backup "
                              "instead. The file was not changed.") from None
        return candidate
    if secret:
        raise WrongPassphrase(typo or
            f"That passphrase or recovery key does not open \"{path.name}\". Check Caps Lock and try again, or "
            "use the recovery key printed when the file was made. (If you are sure it is right, the file may "
            "be damaged: open your most recent backup.) The file was not changed.")
    if tried:
        raise KeyNeeded(f"The key this computer keeps for \"{path.name}\" no longer opens it (its passphrase may "
                        "have been changed on another computer, or the file may be damaged). Type its passphrase "
                        "or its recovery key to open it.")
    raise KeyNeeded(f"\"{path.name}\" is encrypted and this computer does not keep its key. Type its "
                    "passphrase or its recovery key to open it.")


def inspect_file(path: Path, recover: bool = False, key: FileKey | None = None) -> str | None:
    """Check a file. Returns its schema revision (None for a new, empty PA Books file); raises a
    FileOpenError that says what is wrong. Read-only, except that with `recover` (the caller holds the
    lock) SQLite may roll back the journal of a write that was cut off, which restores the file to how it
    was before that write. An encrypted file needs its `key` (see `unlock`)."""
    if is_encrypted(path) and key is None:
        raise KeyNeeded(f"\"{path.name}\" is encrypted. Type its passphrase or recovery key to open it.")
    interrupted = hot_journal(path)
    if key is None:
        with path.open("rb") as handle:
            header = handle.read(100)
        if len(header) < 100:
            raise _not_ours(path)
        page_size = int.from_bytes(header[16:18], "big") or 65536
        if page_size == 1:
            page_size = 65536
        page_count = int.from_bytes(header[28:32], "big")
        if not interrupted and page_count and path.stat().st_size < page_size * page_count:
            raise DamagedFile(
                f"\"{path.name}\" is damaged: it is shorter than it should be (it may have been cut off while "
                "copying). Open your most recent backup instead. The file was not changed.")
    try:
        with closing(cipher.connect(path, key, read_only=not (interrupted and recover))) as conn:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                raise NotAPaBooksFile(
                    f"\"{path.name}\" is a database, but not one made by PA Books. The file was not changed.")
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise DamagedFile(
                    f"\"{path.name}\" is damaged ({check}). Open your most recent backup instead. "
                    "The file was not changed.")
            if not conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0]:
                # PA Books' mark but none of its tables: never a file PA Books finished making.
                raise DamagedFile(f"\"{path.name}\" is marked as a PA Books file but holds none of its records, so "
                                  "it cannot be opened. Open your most recent backup instead. The file was not "
                                  "changed.")
            has_version = conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'").fetchone()
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone() if has_version else None
    except cipher.WrongKey:
        raise WrongPassphrase(f"That key does not open \"{path.name}\". The file was not changed.") from None
    except cipher.DatabaseError as exc:
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


def read_file_id(path: Path, key: FileKey | None) -> str | None:
    """A file's identity (`file_meta.file_id`), read without changing anything; None for a file from before
    identities (schema 0005) or one that cannot be read."""
    return read_file_meta(path, key, "file_id")


def read_file_meta(path: Path, key: FileKey | None, name: str) -> str | None:
    """One fact the file keeps about itself (`file_meta`), read without changing anything; None when it is not
    there or the file cannot be read."""
    return read_all_file_meta(path, key).get(name)


def read_all_file_meta(path: Path, key: FileKey | None) -> dict[str, str]:
    """Every fact the file keeps about itself, in one read; empty when the file cannot be read."""
    try:
        with closing(cipher.connect(path, key, read_only=True)) as conn:
            return {str(name): str(value) for name, value in conn.execute("SELECT key, value FROM file_meta")}
    except (cipher.DatabaseError, cipher.WrongKey, OSError):
        return {}


@dataclass
class EmployerDatabase:
    """An open employer file: an engine, a session factory, and the lock that makes us its only writer."""

    path: Path
    engine: Engine
    lock: FileLock | None
    key: FileKey | None = None
    # Set when the file is open read-only: who has it open for writing (see open_snapshot).
    writer: LockInfo | None = None
    snapshot: Path | None = None
    sessions: sessionmaker[Session] = field(init=False)

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    @property
    def read_only(self) -> bool:
        return self.lock is None

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One use case, one transaction: everything inside commits together or not at all."""
        if self.read_only:
            who = f" {self.writer.user} on {self.writer.host} has it open" if self.writer else ""
            raise ReadOnlyFile(f"This file is open read-only:{who}. You can look, print and export, but changes "
                               "can only be made in the copy of PA Books that has it open.")
        with self.sessions.begin() as session:
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.sessions() as session:
            yield session

    @contextmanager
    def rekeyed(self, new_key: FileKey) -> Iterator[Session]:
        """One transaction on the file encrypted with a new key (or for the first time): a new encrypted copy
        is written beside it and checked, the session works on that copy, and the copy then takes the
        file's place in one rename. A crash, or an exception inside, leaves the file as it was."""
        if self.read_only:
            raise ReadOnlyFile("This file is open read-only, so it cannot be encrypted or given a new passphrase.")
        partial = self.path.with_name(self.path.name + ".part")
        self.engine.dispose()
        try:
            cipher.export(self.path, self.key, partial, new_key, APPLICATION_ID)
            engine = make_engine(partial, new_key)
            try:
                with sessionmaker(engine).begin() as session:
                    yield session
            finally:
                engine.dispose()
            os.replace(partial, self.path)
        finally:
            partial.unlink(missing_ok=True)
        self.key = new_key
        self.engine = make_engine(self.path, new_key)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    def keep_glance(self, body: str) -> bool:
        """Keep what Home shows now, stamped with the file as it is (app.storage.glance), unless that is kept
        already; False on a file open read-only. A cache, not a change to the holder's records: it writes no
        audit record (which would put it out of date at once), and a failure to write it is no loss: False."""
        if self.read_only:
            return False
        try:
            with self.engine.begin() as connection:
                value = glance.glance_value(glance.stamp_of(connection.exec_driver_sql), body)
                if _kept_glance(connection) != value:
                    connection.execute(delete(FileMeta).where(FileMeta.key == glance.GLANCE))
                    connection.execute(insert(FileMeta).values(key=glance.GLANCE, value=value))
        except (SQLAlchemyError, OSError):
            return False
        return True

    def glance_current(self) -> bool:
        """Whether the glance kept is of the file as it is now."""
        try:
            with self.engine.connect() as connection:
                kept_stamp, _ = glance.split_value(_kept_glance(connection))
                return kept_stamp == glance.stamp_of(connection.exec_driver_sql).words()
        except (SQLAlchemyError, OSError):
            return False

    def close(self) -> None:
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()
        if self.snapshot is not None:
            self.snapshot.unlink(missing_ok=True)
            self.snapshot.parent.rmdir()


def _kept_glance(connection: Any) -> str:
    kept = connection.execute(select(FileMeta.value).where(FileMeta.key == glance.GLANCE)).scalar()
    return str(kept or "")


def _migrate(engine: Engine) -> None:
    from alembic import command  # here: only a file that needs upgrading loads Alembic

    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def create_database(path: Path, key: FileKey | None = None) -> EmployerDatabase:
    """A new, empty employer file at the current schema, encrypted with `key` unless it is None.
    Refuses to overwrite anything."""
    if path.exists():
        raise FileExistsError(f"There is already a file at {path}. Choose another name; PA Books never "
                              "overwrites a file.")
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(path)
    lock.acquire()
    try:
        with closing(cipher.connect(path, key)) as conn:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.commit()
        engine = make_engine(path, key)
        _migrate(engine)
    except BaseException:
        lock.release()
        path.unlink(missing_ok=True)
        raise
    return EmployerDatabase(path, engine, lock, key)


def open_database(path: Path, backups_folder: Path, secret: str | None = None,
                  key: FileKey | None = None) -> EmployerDatabase:
    """Open an existing employer file, migrating it (after a backup) if it is from an older version.
    An encrypted file opens with the key this computer keeps, or with `secret` (passphrase or recovery key)."""
    path = path.resolve()
    _must_exist(path)
    lock = FileLock(path)
    lock.acquire()  # before reading: only the one writer may roll back an interrupted write
    try:
        key = unlock(path, secret, key)
        revision = inspect_file(path, recover=True, key=key)
        if revision != head_revision():
            _try_upgrade_on_a_copy(path, backups_folder, key)
        engine = make_engine(path, key)
        if revision != head_revision():
            copy = backup_to(path, folder_for(backups_folder, read_file_id(path, key)), "before-upgrade", key)
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
    return EmployerDatabase(path, engine, lock, key)


SNAPSHOT_PREFIX = "read-only-"


def clean_stale_snapshots(folder: Path) -> int:
    """Remove the read-only copies left by copies of PA Books that stopped without closing them (each is in a
    folder named by its process). Returns how many were removed."""
    removed = 0
    if not folder.is_dir():
        return 0
    for stale in folder.glob(f"{SNAPSHOT_PREFIX}*"):
        try:
            pid = int(stale.name[len(SNAPSHOT_PREFIX):].split("-")[0])
        except ValueError:
            pid = 0
        if pid == os.getpid() or (pid and process_alive(pid)):
            continue
        for leftover in stale.iterdir() if stale.is_dir() else []:
            leftover.unlink(missing_ok=True)
        if stale.is_dir():
            stale.rmdir()
        removed += 1
    return removed


def _try_upgrade_on_a_copy(path: Path, work: Path, key: FileKey | None) -> None:
    """Upgrade a throwaway copy first: a file whose old schema is broken is refused before anything is written
    (not even a backup), rather than found out half-way through its own upgrade."""
    work.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="upgrade-check-", dir=work))
    trial = folder / path.name
    try:
        copy_database(path, trial, key)
        engine = make_engine(trial, key)
        try:
            _migrate(engine)
        finally:
            engine.dispose()
    except Exception as exc:  # noqa: BLE001 - any failure here means the file cannot be upgraded: say so plainly
        raise DamagedFile(f"\"{path.name}\" could not be updated to this version of PA Books ({type(exc).__name__}): "
                          "its records are not in the shape its version number says. Nothing in it was changed. "
                          "Open your most recent backup instead.") from None
    finally:
        for leftover in folder.iterdir():
            leftover.unlink(missing_ok=True)
        folder.rmdir()


def open_snapshot(path: Path, snapshots: Path, secret: str | None = None) -> EmployerDatabase:
    """Look at a file another copy of PA Books has open: SQLite's online backup takes a consistent copy
    (the writer is never blocked for long or disturbed) and the copy opens read-only. Refuses a file from
    another version, since it cannot be migrated without its writer."""
    path = path.resolve()
    _must_exist(path)
    lock = FileLock(path)
    writer = lock.holder()
    key = unlock(path, secret)
    if not hot_journal(path):
        inspect_file(path, key=key)  # a damaged file is said to be damaged, not "being changed"
    # In PA Books' own folder, owner-only (mkdtemp makes it 0o700), named by this process so that a copy left
    # by a process that was killed is cleaned up next time.
    snapshots.mkdir(parents=True, exist_ok=True)
    clean_stale_snapshots(snapshots)
    folder = Path(tempfile.mkdtemp(prefix=f"{SNAPSHOT_PREFIX}{os.getpid()}-", dir=snapshots))
    snapshot = folder / path.name
    try:
        try:
            copy_database(path, snapshot, key)
        except (OSError, cipher.DatabaseError) as exc:
            raise FileInUse(f"A copy of \"{path.name}\" to look at could not be taken while it is being changed "
                            f"({exc}). Try again in a moment. Nothing has been changed.") from None
        revision = inspect_file(snapshot, key=key)
        if revision != head_revision():
            raise NewerVersionFile(f"\"{path.name}\" is from another version of PA Books, so it can only be "
                                   "opened by the copy of PA Books that has it open now.")
    except BaseException:
        snapshot.unlink(missing_ok=True)
        folder.rmdir()
        raise
    return EmployerDatabase(path, make_engine(snapshot, key, read_only=True), None, key, writer, snapshot)


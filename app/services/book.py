"""An open employer file (the "book"): creating, opening and closing it, and running operations on it.

`EmployerBook.create`, `.open`, `.open_read_only` and `.close` are the only way in. Every change goes
through `book.run(operation, input)` (see app.services.operations): the book supplies the store, who is
acting (by default the person the file names as acting employer) and the clock.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app import __version__, errorlog, paths
from app.clock import Clock
from app.clock import SystemClock as SystemClock  # re-exported: screens take today from it when no file is open
from app.core.problems import BookError as BookError  # re-exported: services and screens catch it from here
from app.core.problems import Problem
from app.core.roles import Role
from app.models import Budget, Employer, FileMeta
from app.services.operations import Actor, Change, Context, Notices, Operation, Outcome, Refused, Runner
from app.services.roles import ROLES as ROLES
from app.services.store import FileStore
from app.storage import cipher, keystore
from app.storage.cipher import FileKey
from app.storage.database import EmployerDatabase, create_database, open_database, open_snapshot


@dataclass(frozen=True, slots=True)
class NewEmployer:
    person_name: str
    acting_employer_name: str = ""  # blank: the person acts as their own employer
    acting_role: str = "holder"
    # Optional where the computer has a keyring (the key is kept there); needed where it has none.
    passphrase: str = field(default="", repr=False)
    passphrase_again: str = field(default="", repr=False)

    def problems(self) -> list[Problem]:
        found = []
        if not self.person_name.strip():
            found.append(Problem("Enter the name of the person the direct payment is for.", "person_name"))
        if len(self.person_name) > 200 or len(self.acting_employer_name) > 200:
            found.append(Problem("Names can be at most 200 characters.", "person_name"))
        if self.acting_role not in ROLES:
            found.append(Problem(f"Who acts as employer must be one of: {', '.join(ROLES)}.", "acting_role"))
        elif self.acting_role != "holder" and not self.acting_employer_name.strip():
            found.append(Problem("Enter the name of the person who acts as employer (the suitable person or "
                                 "nominee).", "acting_employer_name"))
        if self.passphrase or self.passphrase_again:
            found += [Problem(text, "passphrase")
                      for text in cipher.passphrase_problems(self.passphrase, self.passphrase_again)]
        return found

    @property
    def actor(self) -> Actor:
        return Actor(Role(self.acting_role), self.acting_employer_name.strip() or self.person_name.strip())


@dataclass(frozen=True, slots=True)
class _NewFile:
    employer: NewEmployer
    kind: str
    encrypted: bool
    path: Path  # where it will be, once renamed from its temporary name


class CreateEmployerFile(Operation[_NewFile, None]):
    """The first records of a new file: what kind it is, where it is kept and who the employer is."""

    action = "file_created"
    changes = frozenset({Change.EMPLOYER})

    def check(self, ctx: Context, given: _NewFile) -> list[Problem]:
        return given.employer.problems()

    def apply(self, ctx: Context, given: _NewFile) -> None:
        employer, kind, encrypted = given.employer, given.kind, given.encrypted
        ctx.session.add_all([
            FileMeta(key="kind", value=kind),
            FileMeta(key="last_path", value=str(given.path.resolve())),
            FileMeta(key="created_by_version", value=__version__),
            *([FileMeta(key="key_source", value="passphrase" if employer.passphrase else "random")]
              if encrypted else []),
            Employer(person_name=employer.person_name.strip(),
                     acting_employer_name=employer.acting_employer_name.strip() or employer.person_name.strip(),
                     acting_role=employer.acting_role, created_at=ctx.now),
        ])
        ctx.note(kind=kind, protection="encrypted" if encrypted else "not encrypted")


def new_file_key(passphrase: str, again: str) -> FileKey:
    """A key for a new file, or for a file being encrypted: stretched from the passphrase, or (none given)
    random, for the keyring to keep."""
    if not passphrase and not again:
        if not keystore.available():
            raise BookError("This computer has no keyring to keep the file's key safe, so choose a passphrase. "
                            "You will type it when you open the file.")
        return cipher.random_key()
    problems = cipher.passphrase_problems(passphrase, again)
    if problems:
        raise Refused([Problem(text, "passphrase") for text in problems])
    return cipher.passphrase_key(passphrase)


def keep_key(key: FileKey, has_passphrase: bool) -> None:
    """Keep a file's key in the keyring. A random key must be kept there (else nothing but the recovery key
    would open the file); a passphrase key is kept where possible, for convenience."""
    if not keystore.save(key.key_id, key.key) and not has_passphrase:
        raise BookError("The computer's keyring would not keep the file's key, so choose a passphrase. "
                        "You will type it when you open the file.")


# Keys of the files unlocked in this run of PA Books, by salt: a support worker switching between clients'
# files on a computer with no keyring types each passphrase once a session, not at every switch. Kept in
# memory only, never written anywhere.
_SESSION_KEYS: dict[bytes, FileKey] = {}


def _unlocked_this_session(path: Path) -> FileKey | None:
    try:
        if not _SESSION_KEYS or not path.is_file():  # never read a pipe or device: opening refuses those
            return None
        return _SESSION_KEYS.get(cipher.salt_of(path)) if cipher.looks_encrypted(path) else None
    except OSError:
        return None


def _secret_this_session(path: Path) -> str | None:
    """The recovery key of a file unlocked this session (it opens the file without stretching a passphrase)."""
    key = _unlocked_this_session(path)
    return key.recovery_key() if key is not None else None


def forget_session_keys() -> None:
    _SESSION_KEYS.clear()


def is_demo(session: Session) -> bool:
    kind = session.get(FileMeta, "kind")
    return kind is not None and kind.value == "demo"


def employer_of(session: Session) -> Employer:
    employer = session.scalars(select(Employer).limit(1)).first()
    if employer is None:
        raise BookError("This employer file has no employer details; it may be damaged. Open a backup.")
    return employer


class EmployerBook:
    def __init__(self, database: EmployerDatabase, clock: Clock | None = None, actor: Actor | None = None) -> None:
        self.db = database
        self.clock: Clock = clock or SystemClock()
        self.notices = Notices()
        self.store = FileStore(database, self._backup_before)
        self._actor = actor
        self._chosen_actor = actor is not None
        # What opening the file put right (a key change a crash had left part-way among its backups), to say.
        self.opening_notes: list[str] = []

    # -- opening and closing -------------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, employer: NewEmployer, kind: str = "real", clock: Clock | None = None,
               populate: Callable[[EmployerBook], None] | None = None) -> EmployerBook:
        """A new employer file, encrypted (the demo is not: it holds made-up people only). It is built under
        a temporary name (with `populate`'s records, for the demo) and renamed only when complete, so a
        crash or power cut never leaves half a file under the real name. The key goes into the keyring when
        there is one; `recovery_key()` then gives the holder the printable key."""
        problems = employer.problems()
        if problems:
            raise Refused(problems)
        # Without SQLCipher (a platform with no wheel for it) a file is made plain and Settings says why.
        key = (None if kind == "demo" or not cipher.AVAILABLE
               else new_file_key(employer.passphrase, employer.passphrase_again))
        if path.suffix != paths.FILE_SUFFIX:
            path = path.with_name(path.name + paths.FILE_SUFFIX)
        if path.exists():
            raise FileExistsError(f"There is already a file at {path}. Choose another name; PA Books never "
                                  "overwrites a file.")
        partial = path.with_name(path.name + ".part")
        partial.unlink(missing_ok=True)  # left by a copy that stopped part-way; it was never a real file
        if key is not None:
            keep_key(key, bool(employer.passphrase))
        book = cls(create_database(partial, key), clock, employer.actor)
        try:
            book.run(CreateEmployerFile(), _NewFile(employer, kind, key is not None, path)).unwrap()
            if populate is not None:
                populate(book)
        except BaseException:
            book.close()
            partial.unlink(missing_ok=True)
            raise
        book.close()
        if path.exists():
            partial.unlink(missing_ok=True)
            raise FileExistsError(f"There is already a file at {path}. Choose another name.")
        os.replace(partial, path)
        return cls.open(path, key=key, clock=clock)

    @classmethod
    def open(cls, path: Path, secret: str | None = None, remember: bool = True,
             key: FileKey | None = None, clock: Clock | None = None) -> EmployerBook:
        """Open a file; the first open of the day takes a verified copy first (app.services.backups).
        An encrypted file opens with the key kept in this computer's keyring, or with `secret` (its
        passphrase or recovery key), which is then kept in the keyring if `remember` and there is one.
        (`key` is for use cases that already hold the file's key.)"""
        if key is None and secret is None:
            key = _unlocked_this_session(Path(path))
        book = cls(open_database(Path(path), paths.backups_dir(), secret, key), clock)
        key = book.db.key
        if key is not None and secret and (remember or not keystore.available()):
            _SESSION_KEYS[key.salt] = key  # typed once: not asked again while PA Books runs (memory only)
        if secret and remember and key is not None and keystore.load(key.key_id) != key.key:
            keystore.save(key.key_id, key.key)
        # Here, not at the top: these build on this module.
        from app.services.backups import daily_backup
        from app.services.file_location import note_location
        from app.services.security import finish_rekeying

        book.opening_notes = note_location(book)
        try:
            book.opening_notes += finish_rekeying(book)
            daily_backup(book)
        except OSError as exc:  # a full or read-only backups folder must not stop the holder opening their file
            errorlog.write(type(exc), exc.__traceback__)
        return book

    @classmethod
    def open_read_only(cls, path: Path, secret: str | None = None, clock: Clock | None = None) -> EmployerBook:
        """Look at a file another copy of PA Books has open (a copy taken now, nothing can be changed)."""
        book = cls(open_snapshot(Path(path), paths.snapshots_dir(), secret or _secret_this_session(Path(path))), clock)
        return book

    def close(self) -> None:
        self.db.close()

    # -- operations ----------------------------------------------------------------------------

    def run(self, operation: Operation[Any, Any], given: Any) -> Outcome[Any]:
        """Run one operation (one user action) as the acting person, now."""
        outcome = Runner(self.store, self.actor, self.clock, self.notices).run(operation, given)
        if Change.EMPLOYER in outcome.changed:  # who acts as employer, or the file's identity, may have changed
            if not self._chosen_actor:
                self._actor = None
            self.__dict__.pop("_file_id", None)
        return outcome

    @property
    def actor(self) -> Actor:
        """Who is acting: set by `act_as` (a support worker, say), else the file's acting employer."""
        if self._actor is None:
            with self.reading() as session:
                employer = employer_of(session)
                self._actor = Actor(Role(employer.acting_role), employer.acting_employer_name)
        return self._actor

    def act_as(self, actor: Actor | None) -> None:
        """Act as someone other than the file's acting employer (a support worker, PA Books itself); None goes
        back to the acting employer."""
        self._actor = actor
        self._chosen_actor = actor is not None

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        return self.clock.now().date()

    def _backup_before(self, reason: str) -> None:
        """The copy taken before an irreversible step (not of the demo, which is never backed up)."""
        from app.services.backups import take_copy  # here: backups builds on this module

        if not self.is_demo():
            take_copy(self, reason)

    # -- reading -------------------------------------------------------------------------------

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.store.reading() as session:
            yield session

    @property
    def read_only(self) -> bool:
        return self.db.read_only

    # -- budgets -------------------------------------------------------------------------------

    budget_id: int | None = None  # the council's direct payment; a BudgetBook sees a second budget

    def budget(self, budget_id: int | None) -> EmployerBook:
        """The same file seeing one budget: None for the council's direct payment, else a second budget kept
        beside it (its own agreement, account, transactions and returns)."""
        if budget_id is None:
            return self
        with self.reading() as session:
            if session.get(Budget, budget_id) is None:
                raise BookError(f"There is no budget {budget_id} in this file. See them with: pabooks budget list")
        return BudgetBook(self, budget_id)

    def read_only_words(self) -> str | None:
        """Why changes are off, for a banner on every screen; None when the file is open for writing."""
        if not self.read_only:
            return None
        writer = self.db.writer
        who = (f"{writer.user} on {writer.host} has had it open since {writer.since:%H:%M on %d %B %Y}"
               if writer else "another copy of PA Books had it open")
        return (f"Read only: {who}. This is a copy taken at {self.now():%H:%M}; you can look, print and "
                "export, but not change anything.")

    @property
    def file_id(self) -> str | None:
        """This file's identity (its backups are kept under it); None only for a read-only look at a file
        from before identities."""
        if not hasattr(self, "_file_id"):
            with self.reading() as session:
                meta = session.get(FileMeta, "file_id")
                self._file_id = meta.value if meta else None
        return self._file_id

    def recovery_key(self) -> str | None:
        """The printable recovery key of an encrypted file (None for a plain one)."""
        return self.db.key.recovery_key() if self.db.key is not None else None

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def encrypted(self) -> bool:
        return self.db.key is not None

    def is_demo(self) -> bool:
        with self.reading() as session:
            return is_demo(session)


class BudgetBook(EmployerBook):
    """An employer file seen through one of its second budgets. Everything but what it reads and writes (the
    file, its clock, who acts, the notices screens listen to) is the file's own."""

    def __init__(self, main: EmployerBook, budget_id: int) -> None:  # noqa: D107 - not EmployerBook's __init__
        from app.services.store import BudgetStore

        self.main = main
        self.budget_id = budget_id
        self.store = BudgetStore(main.store, budget_id)  # type: ignore[assignment]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.main, name)

    @property
    def clock(self) -> Clock:
        return self.main.clock

    @clock.setter
    def clock(self, value: Clock) -> None:
        self.main.clock = value

    @property
    def actor(self) -> Actor:
        return self.main.actor

    def run(self, operation: Operation[Any, Any], given: Any) -> Outcome[Any]:
        return Runner(self.store, self.main.actor, self.main.clock, self.main.notices).run(operation, given)

    def budget(self, budget_id: int | None) -> EmployerBook:
        return self.main.budget(budget_id)

"""The store the operation runner gets its sessions from: today one SQLite/SQLCipher employer file.

This is the seam for a support organisation's shared PostgreSQL database later: a store for one client
there gives the runner the same four things (a transaction, a read session, whether changes are off, a
backup before an irreversible step), and no operation changes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from app.storage.budget_scope import KEY as BUDGET
from app.storage.budget_scope import budget_of as budget_of  # which budget a session sees
from app.storage.cipher import FileKey
from app.storage.database import EmployerDatabase


class FileStore:
    def __init__(self, database: EmployerDatabase, backup: Callable[[str], object]) -> None:
        self.database = database
        self._backup = backup

    @property
    def read_only(self) -> bool:
        return self.database.read_only

    @contextmanager
    def transaction(self, rekey: FileKey | None = None) -> Iterator[Session]:
        if rekey is not None:
            with self.database.rekeyed(rekey) as session:
                yield session
        else:
            with self.database.transaction() as session:
                yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.database.reading() as session:
            yield session

    def backup(self, reason: str) -> None:
        self._backup(reason)


class BudgetStore:
    """The same store, its sessions seeing one budget kept beside the council's direct payment (an NHS
    personal health budget, a carer's budget): app/storage/budget_scope.py filters what they read and tags
    what they add."""

    def __init__(self, store: FileStore, budget_id: int) -> None:
        self.store, self.budget_id = store, budget_id

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    @contextmanager
    def transaction(self, rekey: FileKey | None = None) -> Iterator[Session]:
        with self.store.transaction(rekey) as session:
            session.info[BUDGET] = self.budget_id
            yield session

    @contextmanager
    def reading(self) -> Iterator[Session]:
        with self.store.reading() as session:
            session.info[BUDGET] = self.budget_id
            try:
                yield session
            finally:
                session.info.pop(BUDGET, None)

    def backup(self, reason: str) -> None:
        self.store.backup(reason)

"""Opening an employer file: the one flow, for the GUI and the command line alike.

The file opens with the key this computer keeps; if it needs a passphrase (or the one typed was wrong)
the holder is asked; if another copy of PA Books has it open, they are offered a read-only look; if it is
damaged, they are offered its newest good backup, restored into a new file beside it. How they are asked
is the caller's: the GUI shows dialogs, the command line reads a file or the terminal (`Asker`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Protocol

from app.clock import Clock
from app.services import backups
from app.services.book import EmployerBook
from app.storage.errors import DamagedFile as DamagedFile
from app.storage.errors import FileInUse as FileInUse
from app.storage.errors import FileOpenError as FileOpenError
from app.storage.errors import KeyNeeded as KeyNeeded
from app.storage.errors import WrongPassphrase as WrongPassphrase


class Asker(Protocol):
    def secret(self, file_name: str, message: str) -> tuple[str, bool] | None:
        """The passphrase or recovery key, and whether to keep the key on this computer; None to give up
        (or raise KeyNeeded with what to do, where nobody can be asked)."""

    def read_only(self, message: str) -> bool:
        """Whether to look, read-only, at a file another copy of PA Books has open."""

    def rescue(self, message: str, rescue_words: str) -> bool:
        """Whether to restore a damaged file's newest good backup into a new file beside it."""


def tidy_up() -> None:
    """At start: remove read-only copies that copies of PA Books killed before closing them left behind."""
    from app import paths
    from app.storage.database import clean_stale_snapshots

    clean_stale_snapshots(paths.snapshots_dir())


def open_file(path: Path, asker: Asker, read_only: bool = False, clock: Clock | None = None) -> EmployerBook | None:
    """The file open (or a look at it, or its rescued copy), or None if the holder chose not to go on.
    Anything that cannot be put right here is raised as FileOpenError (or BookError) with its message."""
    while True:
        try:
            if read_only:
                return with_key(asker, path.name, lambda secret, _: EmployerBook.open_read_only(path, secret, clock))
            return with_key(asker, path.name, lambda secret, remember: EmployerBook.open(path, secret, remember,
                                                                                           clock=clock))
        except FileInUse as exc:
            if read_only:  # even a copy to look at could not be taken
                raise
            if not asker.read_only(str(exc)):
                return None
            read_only = True
        except DamagedFile as exc:
            rescue = backups.rescue_for(path)
            if rescue is None:
                raise
            if not asker.rescue(str(exc), rescue.words):
                return None
            return with_key(asker, rescue.target.name, partial(_restore, rescue))


def _restore(rescue: backups.Rescue, secret: str | None, _remember: bool) -> EmployerBook:
    return backups.restore_rescue(rescue, secret)


def with_key(asker: Asker, file_name: str, attempt: Callable[[str | None, bool], EmployerBook]) -> EmployerBook | None:
    """Try without a passphrase; while the file needs one (or it was wrong), ask; None if the holder gives up."""
    secret: str | None = None
    remember = True
    while True:
        try:
            return attempt(secret, remember)
        except (KeyNeeded, WrongPassphrase) as exc:
            answer = asker.secret(file_name, str(exc))
            if answer is None:
                return None
            secret, remember = answer

"""Why an employer file could not be opened, in words a person can act on."""

from __future__ import annotations

from app.core.problems import BookError


class FileOpenError(Exception):
    """Base: a file PA Books will not open. `str()` is the message for the user."""


class NotAPaBooksFile(FileOpenError):
    pass


class DamagedFile(FileOpenError):
    pass


class NewerVersionFile(FileOpenError):
    pass


class FileInUse(FileOpenError):
    pass


class FileMissing(FileOpenError):
    pass


class KeyNeeded(FileOpenError):
    """An encrypted file whose key this computer does not keep: ask for the passphrase or recovery key."""


class WrongPassphrase(FileOpenError):
    pass


class ReadOnlyFile(BookError):
    """A change asked of a file opened read-only (another copy of PA Books is its writer)."""

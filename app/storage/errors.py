"""Why an employer file could not be opened, in words a person can act on."""

from __future__ import annotations


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

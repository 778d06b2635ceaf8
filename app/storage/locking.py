"""One writer per employer file: a lock file beside it says who has it open and since when.

A lock left by a copy that crashed on this computer (its process is gone) is taken over; a lock held
elsewhere (another computer on a shared drive) is respected and named in the message.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from app.clock import now_london
from app.core.dates import LONDON
from app.storage.errors import FileInUse


@dataclass(frozen=True)
class LockInfo:
    pid: int
    host: str
    user: str
    since: datetime


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def _read(lock: Path) -> LockInfo | None:
    try:
        data = json.loads(lock.read_text(encoding="utf-8"))
        return LockInfo(int(data["pid"]), str(data["host"]), str(data["user"]),
                        datetime.fromisoformat(data["since"]).astimezone(LONDON))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True


def this_computer() -> str:
    """This computer's network name, as the lock says it (`platform.node()`, which is `os.uname()`'s on Linux and
    macOS: read from there, which is quicker to load, on the way to the first window)."""
    if hasattr(os, "uname"):
        return os.uname().nodename
    import platform

    return platform.node()


def _left_behind(info: LockInfo | None) -> bool:
    """A lock nobody holds: unreadable, or left on this computer by a copy of PA Books that has stopped."""
    return info is None or (info.host == this_computer() and not process_alive(info.pid))


def _username() -> str:
    try:
        import getpass

        return getpass.getuser()
    except Exception:  # noqa: BLE001 - some systems have no user name; the lock still works
        return "unknown"


class FileLock:
    def __init__(self, path: Path) -> None:
        self.path = lock_path(path)
        self.held = False

    def acquire(self) -> None:
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            except FileExistsError:
                info = _read(self.path)
                if _left_behind(info):
                    self.path.unlink(missing_ok=True)  # left by a copy that stopped without closing
                    continue
                assert info is not None
                if info.host == this_computer() and info.pid == os.getpid():
                    raise FileInUse(f"This file is already open in a window of PA Books on this computer "
                                    f"(since {info.since:%H:%M on %d %B %Y}). Use that window, or close the "
                                    "file there first.") from None
                raise FileInUse(
                    f"This file is open in another copy of PA Books, by {info.user} on {info.host}, "
                    f"since {info.since:%H:%M on %d %B %Y}. Close it there first, then open it here. "
                    "Nothing has been changed."
                ) from None
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump({"pid": os.getpid(), "host": this_computer(), "user": _username(),
                           "since": now_london().isoformat()}, handle)
            self.held = True
            return
        raise FileInUse("PA Books could not take the lock on this file; try again in a moment.")

    def holder(self) -> LockInfo | None:
        """Who has the file open now, if anyone (a lock left by a crashed copy on this computer is no one)."""
        info = _read(self.path)
        return None if _left_behind(info) else info

    def release(self) -> None:
        if self.held:
            self.path.unlink(missing_ok=True)
            self.held = False

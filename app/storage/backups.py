"""Copies of an employer file taken with SQLite's online backup (never a plain copy of a file in use),
each checked when written, kept by a rotation, and restored only into a new file.

Each employer file has a folder of its own in the backups folder, named by the file's identity
(`file_meta.file_id`), so files with the same name never share copies. Names inside it: "<file name>
<YYYY-MM-DD HHMMSS> <reason>.pabooks". (Copies taken before files had an identity sit in the backups
folder itself, matched by file name.) Automatic daily copies are kept 7 daily, 5 weekly and 12 monthly;
copies taken before an irreversible step ("before-...") are kept, the newest 30.
"""

from __future__ import annotations

import re
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app.clock import now_london
from app.core.dates import LONDON
from app.storage import cipher
from app.storage.cipher import FileKey

DAILY = "daily"
KEEP_DAILY, KEEP_WEEKLY, KEEP_MONTHLY, KEEP_BEFORE = 7, 5, 12, 30
_NAME = re.compile(r"^(?P<stem>.+) (?P<stamp>\d{4}-\d{2}-\d{2} \d{6}) (?P<reason>[a-z-]+)(?: \(\d+\))?\.pabooks$")


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: datetime
    reason: str


def backup_to(path: Path, folder: Path, reason: str, key: FileKey | None = None) -> Path:
    """Copy `path` into `folder`, check the copy passes SQLite's integrity check, and return it. The copy of
    an encrypted file is encrypted with the same key and salt, so it opens the same way."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = now_london().strftime("%Y-%m-%d %H%M%S")
    target = folder / f"{path.stem} {stamp} {reason}{path.suffix}"
    number = 1
    while target.exists():
        number += 1
        target = folder / f"{path.stem} {stamp} {reason} ({number}){path.suffix}"
    copy_database(path, target, key)
    return target


def copy_database(source_path: Path, target: Path, key: FileKey | None = None,
                  new_file_id: str | None = None) -> None:
    """SQLite's online backup from one file to a new one, verified; a failed copy leaves no file behind.
    The copy has the source's key (and salt), and the source's identity unless `new_file_id` is given (a
    restored file is a file of its own), set before the rename."""
    partial = target.with_name(target.name + ".part")
    partial.unlink(missing_ok=True)
    try:
        with closing(cipher.connect(source_path, key, read_only=True)) as source, \
                closing(cipher.connect(partial, key)) as destination:
            source.backup(destination)
            if new_file_id is not None:
                destination.execute("INSERT OR REPLACE INTO file_meta (key, value) VALUES ('file_id', ?)",
                                    (new_file_id,))
                destination.commit()
            if destination.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise OSError(f"the copy of {source_path.name} did not pass its integrity check")
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def folder_for(root: Path, file_id: str | None) -> Path:
    """Where one file's copies are kept: its own folder, or (a file from before identities) the root."""
    return root / file_id if file_id else root


def backups_of(folder: Path, stem: str | None = None) -> list[BackupFile]:
    """The backups in a folder (only those of a file named `stem`, if given), newest first."""
    found = []
    for path in folder.glob("*.pabooks") if folder.exists() else []:
        match = _NAME.match(path.name)
        if match and (stem is None or match["stem"] == stem):
            taken = datetime.strptime(match["stamp"], "%Y-%m-%d %H%M%S").replace(tzinfo=LONDON)
            found.append(BackupFile(path, taken, match["reason"]))
    return newest_first(found)


def newest_first(found: list[BackupFile]) -> list[BackupFile]:
    """Copies taken in the same second are ordered by when the file was written."""
    return sorted(found, key=lambda b: (b.taken_at, b.path.stat().st_mtime_ns), reverse=True)


def backed_up_on(folder: Path, day: date, stem: str | None = None) -> bool:
    return any(b.taken_at.date() == day for b in backups_of(folder, stem))


def rotate(folder: Path, stem: str | None = None) -> list[Path]:
    """Delete the daily copies the rotation no longer keeps; return what was deleted."""
    daily = [b for b in backups_of(folder, stem) if b.reason == DAILY]
    keep: set[Path] = set()
    for key, count in ((lambda b: b.taken_at.date(), KEEP_DAILY),
                       (lambda b: b.taken_at.date().isocalendar()[:2], KEEP_WEEKLY),
                       (lambda b: (b.taken_at.year, b.taken_at.month), KEEP_MONTHLY)):
        seen: list[object] = []
        for backup in daily:  # newest first: the newest copy of each day, week or month is kept
            period = key(backup)
            if period not in seen and len(seen) < count:
                seen.append(period)
                keep.add(backup.path)
    before = [b for b in backups_of(folder, stem) if b.reason != DAILY]
    keep.update(b.path for b in before[:KEEP_BEFORE])
    removed = []
    for backup in daily + before:
        if backup.path not in keep:
            backup.path.unlink(missing_ok=True)
            removed.append(backup.path)
    return removed

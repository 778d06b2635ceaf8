"""Use cases for backups: the daily copy when a file is opened, the list on the Restore screen, and
restoring a copy into a new file (never over the file in use)."""

from __future__ import annotations

import uuid
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from app import paths
from app.core.dates import LONDON
from app.services.book import BookError, EmployerBook
from app.services.operations import Change, Context, Operation
from app.services.words import long_date
from app.storage import backups, cipher
from app.storage.cipher import FileKey
from app.storage.database import inspect_file, is_encrypted, read_file_id, read_file_meta, unlock
from app.storage.errors import FileOpenError, KeyNeeded

REASON_WORDS = {"daily": "the daily copy", "before-upgrade": "before PA Books was updated",
                "before-approving-timesheet": "before a timesheet was approved",
                "before-finalising-pay-run": "before a pay run was finalised",
                "before-submitting-return": "before a council return was submitted",
                "by-hand": "taken by hand", "before-encrypting": "before the file was encrypted",
                "before-new-passphrase": "before the passphrase was changed"}


@dataclass(frozen=True, slots=True)
class BackupView:
    path: Path
    taken_at: datetime
    reason_words: str
    contents_words: str

    def words(self) -> str:
        when = self.taken_at.astimezone(LONDON)
        return f"{when.day} {when:%B %Y} at {when:%H:%M}, {self.reason_words}: {self.contents_words}"


def take_copy(book: EmployerBook, reason: str) -> Path:
    """A verified copy of the open file in the backups folder, encrypted like the file."""
    if book.read_only:
        raise BookError("This file is open read-only; copies are taken by the copy of PA Books that has it open.")
    if book.is_demo():
        raise BookError("This is the demo file, made fresh each time: it is not backed up.")
    return backups.backup_to(book.path, own_folder(book), reason, book.db.key)


def own_folder(book: EmployerBook) -> Path:
    return backups.folder_for(paths.backups_dir(), book.file_id)


def copies_of(book: EmployerBook) -> list[backups.BackupFile]:
    """Every backup of the open file, newest first: its own folder, and copies taken before files had an
    identity (in the backups folder itself, matched by the file's name)."""
    found = backups.backups_of(own_folder(book))
    if own_folder(book) != paths.backups_dir():
        found += [b for b in backups.backups_of(paths.backups_dir(), book.path.stem) if _could_be_ours(book, b.path)]
    return backups.newest_first(found)


def _could_be_ours(book: EmployerBook, path: Path) -> bool:
    """A copy matched only by name may be another file's with the same name: an encrypted copy with another
    salt is never this file's (every copy of a file keeps its salt), so it is not offered as one."""
    try:
        return not is_encrypted(path) or (book.db.key is not None and cipher.salt_of(path) == book.db.key.salt)
    except FileOpenError:
        return True  # listed as unreadable, so the holder sees it is there


def daily_backup(book: EmployerBook, today: date | None = None) -> Path | None:
    """A copy on the first open of the day (not for the demo), then the rotation."""
    if book.is_demo() or book.read_only:
        return None
    if backups.backed_up_on(own_folder(book), today or book.today()):
        return None
    copy = take_copy(book, backups.DAILY)
    backups.rotate(own_folder(book))
    return copy


def key_for(book: EmployerBook, path: Path) -> FileKey | None:
    """The key of a backup of this file: the file's own (same salt), or one kept in the keyring."""
    if not is_encrypted(path):
        return None
    key = book.db.key
    if key is not None and cipher.salt_of(path) == key.salt:
        return key
    return unlock(path)


def _contents(book: EmployerBook, path: Path) -> str:
    """What a backup holds, read without opening it for writing."""
    try:
        key = key_for(book, path)
        inspect_file(path, key=key)
        with closing(cipher.connect(path, key, read_only=True)) as conn:
            pas = conn.execute("SELECT count(*) FROM personal_assistant").fetchone()[0]
            shifts = conn.execute("SELECT count(*) FROM shift").fetchone()[0]
            last_sheet = conn.execute("SELECT max(period_end) FROM timesheet WHERE status = 'approved'").fetchone()[0]
            last_run = conn.execute("SELECT max(pay_date) FROM pay_run WHERE status = 'finalised'").fetchone()[0]
            last_return = conn.execute("SELECT max(period_end) FROM council_return WHERE status = 'submitted'"
                                       ).fetchone()[0]
    except (FileOpenError, cipher.DatabaseError) as exc:
        return f"cannot be read ({exc})"
    parts = [f"{pas} PA{'s' if pas != 1 else ''}", f"{shifts} shifts"]
    parts.append(f"timesheets approved to {long_date(date.fromisoformat(last_sheet))}" if last_sheet
                 else "no approved timesheets")
    parts.append(f"last pay run {long_date(date.fromisoformat(last_run))}" if last_run else "no pay runs")
    parts.append(f"last return to {long_date(date.fromisoformat(last_return))}" if last_return else "no returns")
    return ", ".join(parts)


def list_backups(book: EmployerBook) -> list[BackupView]:
    return [BackupView(b.path, b.taken_at, REASON_WORDS.get(b.reason, b.reason), _contents(book, b.path))
            for b in copies_of(book)]


def restore(book: EmployerBook, backup_path: Path, target: Path) -> EmployerBook:
    """Copy a backup of the open file into a new file and open it. The current file is never touched.
    The new file has the backup's key, so it opens as the file does (keyring, passphrase or recovery key)."""
    try:
        key = key_for(book, backup_path)
    except FileOpenError as exc:
        raise BookError(f"That backup could not be restored: {exc}") from None
    return _restore(backup_path, target, key)


@dataclass(frozen=True, slots=True)
class Rescue:
    """A way back for a file that will not open: its newest backup that passes its checks, and a new
    file name beside the damaged one to restore it into."""

    backup: Path
    target: Path
    words: str


def _copies_of_damaged(damaged: Path) -> list[backups.BackupFile]:
    """The backups of a file that will not open: by its identity if that can still be read, else every
    copy of a file with its name, in any folder."""
    root = paths.backups_dir()
    try:
        file_id = read_file_id(damaged, unlock(damaged))
    except FileOpenError:
        file_id = None
    if file_id:
        found = backups.backups_of(backups.folder_for(root, file_id))
    else:
        found = [b for folder in (root, *sorted(p for p in root.iterdir() if p.is_dir()))
                 for b in backups.backups_of(folder, damaged.stem)]
    return backups.newest_first(found)


def rescue_for(damaged: Path) -> Rescue | None:
    damaged = damaged.resolve()
    for backup in _copies_of_damaged(damaged):  # newest first
        key: FileKey | None = None
        try:
            key = unlock(backup.path)
            inspect_file(backup.path, key=key)
        except KeyNeeded:
            pass  # fine: the holder will be asked for the passphrase when restoring
        except FileOpenError:
            continue
        when = backup.taken_at.astimezone(LONDON)
        stamp = f"{when:%Y-%m-%d %H%M}"
        target = damaged.with_name(f"{damaged.stem} restored from {stamp}{paths.FILE_SUFFIX}")
        number = 1
        while target.exists():
            number += 1
            target = damaged.with_name(f"{damaged.stem} restored from {stamp} ({number}){paths.FILE_SUFFIX}")
        words = (f"A copy taken on {when.day} {when:%B %Y} at {when:%H:%M} "
                 f"({REASON_WORDS.get(backup.reason, backup.reason)}) can be restored into a new file, "
                 f"\"{target.name}\", beside this one. The damaged file is left as it is.")
        kept_at = read_file_meta(backup.path, key, "last_path") if key is not None or not is_encrypted(backup.path) \
            else None
        if kept_at and Path(kept_at) != damaged:  # a copy of this file kept somewhere else: say so, never quietly
            words += (f" Note: that copy was taken of the file kept at \"{kept_at}\", which may be a different copy "
                      "of this file with other changes in it.")
        return Rescue(backup.path, target, words)
    return None


def restore_rescue(rescue: Rescue, secret: str | None = None) -> EmployerBook:
    """Restore a rescue's backup with no file open (the file itself would not open). An encrypted backup
    opens with the key this computer keeps or `secret`; KeyNeeded and WrongPassphrase reach the caller."""
    return _restore(rescue.backup, rescue.target, unlock(rescue.backup, secret))


def _restore(backup_path: Path, target: Path, key: FileKey | None) -> EmployerBook:
    if target.suffix != paths.FILE_SUFFIX:
        target = target.with_name(target.name + paths.FILE_SUFFIX)
    if target.exists():
        raise BookError(f"There is already a file at {target}. Choose a new name: a backup is always restored "
                        "into a new file, so nothing is overwritten.")
    try:
        inspect_file(backup_path, key=key)
        # A restored file is a file of its own from now on: its own identity, so its own backups.
        backups.copy_database(backup_path, target, key, new_file_id=uuid.uuid4().hex)
    except (FileOpenError, OSError) as exc:
        raise BookError(f"That backup could not be restored: {exc}") from None
    restored = EmployerBook.open(target, key=key)
    restored.run(RecordRestore(), backup_path.name).unwrap()
    return restored


class RecordRestore(Operation[str, None]):
    """The restored file's first record: which backup it came from (the copy itself is made by storage)."""

    action = "backup_restored"
    changes = frozenset({Change.EMPLOYER})

    def apply(self, ctx: Context, given: str) -> None:
        ctx.note(source=given)

"""Use cases for encryption: what protects a file, encrypting a file made before encryption, choosing or
changing the passphrase, and whether this computer keeps the key.

The key's origin is kept in the file (`file_meta.key_source`: "passphrase" or "random") so the screen can
say honestly how the file opens on another computer. Changing the key rewrites the file (see
`EmployerDatabase.replace_key`) and then the file's backups, so every copy opens the same way.
"""

from __future__ import annotations

import os
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from app.core.problems import BookError, Problem
from app.models import FileMeta
from app.services.backups import copies_of, own_folder
from app.services.book import EmployerBook, keep_key, new_file_key
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation, Refused
from app.storage import cipher, keystore
from app.storage.cipher import FileKey
from app.storage.cipher import format_recovery_key as format_recovery_key  # for the screens
from app.storage.database import APPLICATION_ID, is_encrypted
from app.storage.errors import FileOpenError

KEY_SOURCE = "key_source"
OPENS_WITH = {"passphrase": "its passphrase or recovery key", "random": "this computer's keyring or the recovery key"}


@dataclass(frozen=True, slots=True)
class SecurityView:
    encrypted: bool
    demo: bool
    key_kept_here: bool
    keyring_available: bool
    has_passphrase: bool
    words: str


def keyring_available() -> bool:
    """Whether new files can keep their key on this computer (else they need a passphrase)."""
    return keystore.available()


def status(book: EmployerBook) -> SecurityView:
    key = book.db.key
    demo = book.is_demo()
    kept = key is not None and keystore.load(key.key_id) == key.key
    has_keyring = keystore.available()
    with book.reading() as session:
        source = session.get(FileMeta, KEY_SOURCE)
    has_passphrase = source is not None and source.value == "passphrase"
    if demo:
        words = ("This is the demo file. It holds made-up people only, so it is not encrypted. Files you make "
                 "for real people are encrypted from the start.")
    elif key is None and not cipher.AVAILABLE:
        words = ("This file is not encrypted: this copy of PA Books was installed without its encryption part "
                 "(SQLCipher), which is not made for this kind of computer. Keep the computer itself locked.")
    elif key is None:
        words = ("This file is not encrypted: anyone who gets a copy of it can read it. Encrypt it to protect "
                 "the health, pay and bank details it holds.")
    else:
        here = ("This computer keeps its key, so you are not asked for it here." if kept else
                "This computer does not keep its key, so you type the passphrase or recovery key each time." if
                has_keyring else "This computer has no keyring to keep its key in, so you type the passphrase or "
                "recovery key each time.")
        elsewhere = ("On another computer it opens with its passphrase or its recovery key." if has_passphrase else
                     "On another computer it opens only with its recovery key: set a passphrase to open it with "
                     "words you can remember.")
        words = f"This file is encrypted. {here} {elsewhere}"
    return SecurityView(key is not None, demo, kept, has_keyring, has_passphrase, words)


@dataclass(frozen=True, slots=True)
class NewKey:
    key: FileKey
    source: str  # "passphrase" or "random"


class _Rekey(Operation[NewKey, None]):
    """The file written again with a new key (the store does the writing); its record goes inside."""

    changes = frozenset({Change.PROTECTION})
    allowed = EMPLOYER_ONLY

    def rekey(self, given: NewKey) -> FileKey:
        return given.key

    def apply(self, ctx: Context, given: NewKey) -> None:
        meta = ctx.session.get(FileMeta, KEY_SOURCE)
        if meta is None:
            ctx.session.add(FileMeta(key=KEY_SOURCE, value=given.source))
        else:
            meta.value = given.source
        ctx.note(opens_with=OPENS_WITH[given.source])


class EncryptFile(_Rekey):
    action = "file_encrypted"


class ChangePassphrase(_Rekey):
    action = "passphrase_changed"


def encrypt(book: EmployerBook, passphrase: str = "", again: str = "") -> int:
    """Encrypt a file made before encryption (and its backups). Returns how many backups were encrypted."""
    if book.read_only:
        raise BookError("This file is open read-only, so it cannot be encrypted here.")
    if book.db.key is not None:
        raise BookError("This file is already encrypted.")
    if not cipher.AVAILABLE:
        raise BookError("This copy of PA Books was installed without its encryption part (SQLCipher), so it "
                        "cannot encrypt files.")
    if book.is_demo():
        raise BookError("The demo file holds made-up people only, so it stays unencrypted. Files you make for "
                        "real people are encrypted from the start.")
    return _rekey(book, new_file_key(passphrase, again), EncryptFile(), "passphrase" if passphrase else "random")


def set_passphrase(book: EmployerBook, passphrase: str, again: str) -> int:
    """Give an encrypted file a new passphrase (its recovery key changes too; print the new one).
    Returns how many backups were changed to open with it."""
    if book.db.key is None:
        raise BookError("This file is not encrypted yet. Encrypt it first.")
    problems = cipher.passphrase_problems(passphrase, again)
    if problems:
        raise Refused([Problem(text, "passphrase") for text in problems])
    # Same salt: the keyring entry and the backups still belong to this file.
    return _rekey(book, cipher.passphrase_key(passphrase, book.db.key.salt), ChangePassphrase(), "passphrase")


def _rekey(book: EmployerBook, new_key: FileKey, operation: _Rekey, source: str) -> int:
    """The file and every backup onto the new key, so that the recovery key printed next opens every copy.

    The backups' new copies are written first, beside them (`<backup>.rekey`); then the file changes key in
    one rename; then each new copy takes its backup's place. A crash at any point is put right the next time
    the file opens (`finish_rekeying`): new copies that open with the file's key replace their backups, and
    ones that do not (the file never changed) are removed."""
    old_key = book.db.key
    keep_key(new_key, has_passphrase=source == "passphrase")
    prepared = _prepare_backups(book, old_key, new_key)
    try:
        book.run(operation, NewKey(new_key, source)).unwrap()
    except (OSError, cipher.DatabaseError, Refused) as exc:
        for staged in prepared:
            staged.unlink(missing_ok=True)
        if old_key is not None:
            keystore.save(old_key.key_id, old_key.key)
        if isinstance(exc, Refused):
            raise
        raise BookError(f"The file was not changed: {exc}. Check there is space on the disk and try again.") from None
    for staged in prepared:
        os.replace(staged, staged.with_suffix(""))
    return len(prepared)


REKEY_SUFFIX = ".rekey"


def _prepare_backups(book: EmployerBook, old_key: FileKey | None, new_key: FileKey) -> list[Path]:
    """A copy of each backup on the new key, beside it. A backup that cannot be read with the old key is left
    as it is (it shows as unreadable on the Backups screen)."""
    prepared = []
    for backup in copies_of(book):
        try:
            encrypted = is_encrypted(backup.path)
        except FileOpenError:
            continue
        if encrypted and (old_key is None or cipher.salt_of(backup.path) != old_key.salt):
            continue
        staged = backup.path.with_name(backup.path.name + REKEY_SUFFIX)
        try:
            _export_keeping_time(backup.path, old_key if encrypted else None, staged, new_key)
        except (OSError, cipher.DatabaseError, cipher.WrongKey):
            continue
        prepared.append(staged)
    return prepared


def _export_keeping_time(source: Path, source_key: FileKey | None, target: Path, key: FileKey) -> None:
    """An encrypted copy of a backup that keeps the backup's time, so the list stays in the order taken."""
    written = source.stat()
    try:
        cipher.export(source, source_key, target, key, APPLICATION_ID)
        os.utime(target, ns=(written.st_atime_ns, written.st_mtime_ns))
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def finish_rekeying(book: EmployerBook) -> list[str]:
    """On opening: put right what a crash while changing the file's key left among its backups, and say what
    was done. New copies on the file's key take their backups' place (the change had happened); ones on
    another key are removed (it had not); a plain backup of an encrypted file is encrypted with its key."""
    key = book.db.key
    if book.read_only:
        return []
    said: list[str] = []
    for staged in sorted(own_folder(book).glob(f"*{REKEY_SUFFIX}")):
        if key is not None and _opens_with(staged, key):
            os.replace(staged, staged.with_suffix(""))
            said.append(f"The backup {staged.with_suffix('').name} now opens with this file's key (changing the key "
                        "had stopped part-way).")
        else:
            staged.unlink(missing_ok=True)  # made for a change of key that never happened
    if key is None:
        return said
    for backup in copies_of(book):
        try:
            plain = not is_encrypted(backup.path)
        except FileOpenError:
            continue
        if plain:
            staged = backup.path.with_name(backup.path.name + REKEY_SUFFIX)
            try:
                _export_keeping_time(backup.path, None, staged, key)
                os.replace(staged, backup.path)
            except (OSError, cipher.DatabaseError):
                continue
            said.append(f"The backup {backup.path.name} was not encrypted (encrypting the file had stopped "
                        "part-way): it is encrypted now, like the file.")
    return said


def _opens_with(path: Path, key: FileKey) -> bool:
    try:
        with closing(cipher.connect(path, key, read_only=True)) as conn:
            return bool(conn.execute("PRAGMA quick_check").fetchone()[0] == "ok")
    except (cipher.DatabaseError, cipher.WrongKey):
        return False


def remember_key(book: EmployerBook) -> None:
    key = book.db.key
    if key is None:
        raise BookError("This file is not encrypted, so there is no key to keep.")
    if not keystore.save(key.key_id, key.key):
        raise BookError("This computer's keyring would not keep the key. You will be asked for the passphrase "
                        "or recovery key when you open the file.")


def forget_key(book: EmployerBook) -> None:
    """Stop this computer keeping the key (e.g. a shared computer): next time it asks for it."""
    key = book.db.key
    if key is None:
        raise BookError("This file is not encrypted, so there is no key to forget.")
    keystore.forget(key.key_id)

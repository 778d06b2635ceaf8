"""Encryption at rest: employer files are SQLCipher databases (AES-256, every page authenticated).

Each encrypted file has one 256-bit key and a 16-byte salt. SQLCipher keeps the salt in the first 16
bytes of the file, so it is readable without the key and doubles as the file's name in the keyring
(`FileKey.key_id`). We always hand SQLCipher the raw key (`x'...'`), never a passphrase, so opening a
file costs no key stretching. The key itself is either random (the computer's keyring keeps it) or
stretched from the holder's passphrase with SQLCipher 4's own settings (PBKDF2-HMAC-SHA512, 256,000
rounds, the file's salt), so the same passphrase opens the file anywhere.

The recovery key is the raw key written out in 14 groups of 4 letters and digits (no 0, 1, I or O), the
last group a check on the others, so a mistyped group is told apart from a key for another file.
Backups of a file are written with the same key and salt, so they open the same way.

Without SQLCipher (no wheel for the platform) the module falls back to Python's sqlite3: plain files
still open, encrypted ones say why they cannot.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

try:
    import sqlcipher3.dbapi2 as dbapi  # type: ignore[import-not-found,import-untyped,unused-ignore]

    AVAILABLE = True
except ImportError:  # pragma: no cover - a platform with no SQLCipher wheel
    import sqlite3 as dbapi

    AVAILABLE = False

DBAPI: Any = dbapi  # the DB-API module in use, for SQLAlchemy
DatabaseError: type[Exception] = dbapi.DatabaseError
KEY_BYTES, SALT_BYTES = 32, 16
# SQLCipher 4's defaults (https://www.zetetic.net/sqlcipher/sqlcipher-api/#cipher_default_kdf_iter), so a
# passphrase-keyed file also opens with the sqlcipher command line and `PRAGMA key = 'passphrase'`.
KDF_ITERATIONS = 256_000
KDF_HASH = "sha512"
PAGE_SIZE = 4096
SQLITE_HEADER = b"SQLite format 3\x00"
RECOVERY_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: no 0/O or 1/I to confuse
RECOVERY_GROUPS, GROUP_SIZE = 14, 4
MIN_PASSPHRASE_LENGTH = 12


class WrongKey(ValueError):
    """The key, passphrase or recovery key does not open this file."""


class RecoveryKeyTypo(ValueError):
    """A recovery key that was typed with a mistake (its check group does not match)."""


@dataclass(frozen=True, slots=True)
class FileKey:
    key: bytes
    salt: bytes

    def __repr__(self) -> str:  # never print a key into a log or a traceback
        return f"FileKey(id={self.key_id[:8]}…)"

    @property
    def key_id(self) -> str:
        return self.salt.hex()

    def pragma(self) -> str:
        """The value for `PRAGMA key`: the raw key and this file's salt."""
        return f"\"x'{self.key.hex()}{self.salt.hex()}'\""

    def recovery_key(self) -> str:
        return format_recovery_key(self.key)


def new_salt() -> bytes:
    import secrets  # here, as hashlib below: this module is on the way to the first window (app.storage.glance)

    return secrets.token_bytes(SALT_BYTES)


def random_key(salt: bytes | None = None) -> FileKey:
    import secrets

    return FileKey(secrets.token_bytes(KEY_BYTES), salt or new_salt())


def passphrase_key(passphrase: str, salt: bytes | None = None) -> FileKey:
    salt = salt or new_salt()
    import hashlib

    stretched = hashlib.pbkdf2_hmac(KDF_HASH, passphrase.encode("utf-8"), salt, KDF_ITERATIONS, KEY_BYTES)
    return FileKey(stretched, salt)


def passphrase_problems(passphrase: str, repeated: str) -> list[str]:
    found = []
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        found.append(f"The passphrase must be at least {MIN_PASSPHRASE_LENGTH} characters long. Three or four "
                     "words that have nothing to do with each other make a passphrase that is easy to remember.")
    elif passphrase.strip() != passphrase:
        found.append("The passphrase starts or ends with a space. Take the space out, so it is not forgotten.")
    if passphrase != repeated:
        found.append("The two passphrases you typed are not the same. Type it again in both boxes.")
    return found


def _check_group(key: bytes) -> str:
    import hashlib

    digest = int.from_bytes(hashlib.sha256(key).digest()[:3], "big") >> 4  # 20 bits
    return "".join(RECOVERY_ALPHABET[(digest >> shift) & 31] for shift in (15, 10, 5, 0))


def format_recovery_key(key: bytes) -> str:
    number = int.from_bytes(key, "big")
    symbols = [RECOVERY_ALPHABET[(number >> (5 * i)) & 31] for i in range((RECOVERY_GROUPS - 1) * GROUP_SIZE)]
    text = "".join(reversed(symbols)) + _check_group(key)
    return " ".join(text[i:i + GROUP_SIZE] for i in range(0, len(text), GROUP_SIZE))


def parse_recovery_key(text: str) -> bytes | None:
    """The raw key from a typed recovery key; None if the text is not shaped like one (so it may be a
    passphrase). Raises RecoveryKeyTypo when it is shaped like one but a group is mistyped."""
    cleaned = "".join(ch for ch in text.upper() if not ch.isspace() and ch != "-")
    if len(cleaned) != RECOVERY_GROUPS * GROUP_SIZE:
        return None
    cleaned = cleaned.replace("0", "O").replace("1", "I")
    if any(ch not in RECOVERY_ALPHABET for ch in cleaned):
        if any(ch in "OI" for ch in cleaned):
            raise RecoveryKeyTypo("A recovery key has no letter O or I and no 0 or 1. Check the key against the "
                                  "printed copy.")
        return None
    number = 0
    for ch in cleaned[:-GROUP_SIZE]:
        number = number * 32 + RECOVERY_ALPHABET.index(ch)
    if number >> (KEY_BYTES * 8):
        raise RecoveryKeyTypo("That recovery key has a mistake in it. Check each group against the printed copy.")
    key = number.to_bytes(KEY_BYTES, "big")
    if _check_group(key) != cleaned[-GROUP_SIZE:]:
        raise RecoveryKeyTypo("That recovery key has a mistake in it (its last group does not match the others). "
                              "Check each group against the printed copy.")
    return key


def keys_for_secret(secret: str, salt: bytes) -> tuple[Iterator[FileKey], str | None]:
    """What a typed secret could be: a recovery key, or a passphrase, tried in that order (the passphrase is
    only stretched, a third of a second, if the recovery key did not open the file). Also the message to give
    if it is shaped like a recovery key with a mistake in it and nothing opens."""
    typo = None
    try:
        raw = parse_recovery_key(secret)
    except RecoveryKeyTypo as exc:
        raw, typo = None, str(exc)

    def candidates() -> Iterator[FileKey]:
        if raw is not None:
            yield FileKey(raw, salt)
        yield passphrase_key(secret, salt)

    return candidates(), typo


def is_plain_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def salt_of(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(SALT_BYTES)


def looks_encrypted(path: Path) -> bool:
    """An encrypted file starts with a page of what looks like random bytes; anything else is not ours.
    (One that is not a whole number of pages was cut off: the caller says so.)"""
    size = path.stat().st_size
    if size < PAGE_SIZE or is_plain_sqlite(path):
        return False
    with path.open("rb") as handle:
        first = handle.read(PAGE_SIZE)
    printable = sum(32 <= byte < 127 or byte in (9, 10, 13) for byte in first)
    return printable < len(first) * 0.6 and len(set(first)) > 128


SQLITE_CORRUPT = 11


def connect(path: Path | str, key: FileKey | None, read_only: bool = False) -> Any:
    """A DB-API connection to a plain or encrypted file. With a key, the key is the first thing the
    connection is given (SQLCipher requires it) and is checked before the connection is returned."""
    if key is not None and not AVAILABLE:
        raise WrongKey("This copy of PA Books was installed without encryption, so it cannot open encrypted "
                       "files. Install PA Books from the official installer.")
    target = Path(path).resolve().as_uri() + ("?mode=ro" if read_only else "")
    connection = dbapi.connect(target, uri=True, check_same_thread=False)
    try:
        if key is not None:
            connection.execute(f"PRAGMA key = {key.pragma()}")
            try:  # reads page 1 only: a wrong key fails here, damage further in is left to the checks
                connection.execute("PRAGMA application_id").fetchone()
            except DatabaseError as exc:
                # The right key on a damaged file (cut off, say) is "malformed" (SQLITE_CORRUPT); a wrong key is
                # "not a database" (SQLITE_NOTADB). Saying "wrong passphrase" for damage sends the holder the
                # wrong way, so damage stays a DatabaseError, which the openers call damage.
                if getattr(exc, "sqlite_errorcode", None) == SQLITE_CORRUPT or "malformed" in str(exc):
                    raise
                raise WrongKey("That does not open this file.") from None
    except BaseException:
        connection.close()
        raise
    return connection


def export(source_path: Path, source_key: FileKey | None, target: Path, target_key: FileKey,
           application_id: int) -> None:
    """Write a new encrypted copy of a file (plain or encrypted with another key) with
    `sqlcipher_export`, then check it. The source is only read; a failed export leaves no target."""
    target.unlink(missing_ok=True)
    try:
        with closing(connect(source_path, source_key)) as source:  # attached files share its mode
            version = source.execute("PRAGMA user_version").fetchone()[0]
            source.execute(f"ATTACH DATABASE ? AS encrypted KEY {target_key.pragma()}", (str(target),))
            source.execute("SELECT sqlcipher_export('encrypted')")
            source.execute(f"PRAGMA encrypted.application_id = {int(application_id)}")
            source.execute(f"PRAGMA encrypted.user_version = {int(version)}")
            source.execute("DETACH DATABASE encrypted")
        with closing(connect(target, target_key, read_only=True)) as copy:
            if copy.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise OSError(f"the encrypted copy of {source_path.name} did not pass its integrity check")
    except BaseException:
        target.unlink(missing_ok=True)
        raise


def quiet() -> None:
    """SQLCipher logs each failed page check to stderr; a wrong passphrase is not worth a log line."""
    if AVAILABLE:
        connection = dbapi.connect(":memory:")
        try:
            connection.execute("PRAGMA cipher_log_level = NONE")
        except DatabaseError:  # pragma: no cover - older SQLCipher without the pragma
            pass
        finally:
            connection.close()


quiet()

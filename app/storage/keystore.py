"""The computer's keyring (Windows Credential Manager, macOS Keychain, the Secret Service on Linux),
where each encrypted employer file's key is kept so the holder is not asked for it every time.

This is the only module that uses `keyring`; it also keeps, when asked, an employer's Government Gateway sign-in
for sending to HMRC (never in the employer file, never in a log). Entries are named by the file's salt (`FileKey.key_id`), so
a file moved or renamed on the same computer still opens, and its backups (same salt, same key) too.
Every call fails soft: a keyring that is missing, locked or refuses us means "ask for the passphrase",
never a crash.
"""

from __future__ import annotations

import contextlib

import keyring
from keyring.backends import chainer, fail

SERVICE = "PA Books employer file"


def available() -> bool:
    """Whether this computer has a keyring we can keep keys in."""
    try:
        backend = keyring.get_keyring()
    except Exception:  # noqa: BLE001 - a broken keyring set-up is the same as none
        return False
    if isinstance(backend, fail.Keyring):
        return False
    return not (isinstance(backend, chainer.ChainerBackend) and not backend.backends)


def load(key_id: str) -> bytes | None:
    try:
        stored = keyring.get_password(SERVICE, key_id)
    except Exception:  # noqa: BLE001 - locked, missing or refusing: ask the holder instead
        return None
    if not stored:
        return None
    try:
        return bytes.fromhex(stored)
    except ValueError:
        return None


def save(key_id: str, key: bytes) -> bool:
    """Keep a key; False if the keyring would not take it (the holder then needs the passphrase)."""
    if not available():
        return False
    try:
        keyring.set_password(SERVICE, key_id, key.hex())
    except Exception:  # noqa: BLE001 - e.g. the user declined the keychain prompt
        return False
    return load(key_id) == key


def forget(key_id: str) -> None:
    with contextlib.suppress(Exception):  # nothing stored, or a keyring that refuses: the same as forgotten
        keyring.delete_password(SERVICE, key_id)


GATEWAY_SERVICE = "PA Books HMRC Government Gateway"


def load_secret(name: str) -> str | None:
    """A secret the holder asked PA Books to remember (the Government Gateway sign-in for an employer file)."""
    try:
        return keyring.get_password(GATEWAY_SERVICE, name) or None
    except Exception:  # noqa: BLE001 - locked, missing or refusing: ask the holder instead
        return None


def save_secret(name: str, secret: str) -> bool:
    if not available():
        return False
    try:
        keyring.set_password(GATEWAY_SERVICE, name, secret)
    except Exception:  # noqa: BLE001 - e.g. the user declined the keychain prompt
        return False
    return load_secret(name) == secret

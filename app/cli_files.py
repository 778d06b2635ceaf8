"""The command line for a file as a whole: where a passphrase comes from; encrypting a file, giving it a new
passphrase and printing its recovery key; listing its backups and restoring one into a new file.

A passphrase is never an argument (it would show in the process list and the shell's history). It is read
from the file named by PABOOKS_PASSPHRASE_FILE (first line), or asked for when a person is at the terminal.
A new passphrase comes from PABOOKS_NEW_PASSPHRASE_FILE or the terminal, typed twice.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.services.problems import BookError

PASSPHRASE_FILE = "PABOOKS_PASSPHRASE_FILE"  # noqa: S105 - the name of a variable, not a password
NEW_PASSPHRASE_FILE = "PABOOKS_NEW_PASSPHRASE_FILE"  # noqa: S105 - likewise


MAX_PASSPHRASE_FILE_BYTES = 4096


def _first_line(variable: str) -> str | None:
    from app.services.inputs import read_text_file

    named = os.environ.get(variable)
    if not named:
        return None
    text = read_text_file(Path(named), f"The passphrase file named by {variable}", MAX_PASSPHRASE_FILE_BYTES,
                          "Save it as plain text (in Notepad: Save As, Encoding UTF-8) with the passphrase on the first "
                          "line.")
    return text.splitlines()[0] if text else ""


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def secret_for(file_name: str) -> str | None:
    """The passphrase or recovery key of an encrypted file, or None if there is no way to get one."""
    given = _first_line(PASSPHRASE_FILE)
    if given is not None:
        return given
    if _interactive():
        return getpass.getpass(f"Passphrase or recovery key for {file_name}: ")
    return None


def new_passphrase(required: bool) -> tuple[str, str]:
    """A new passphrase and its repeat; ("", "") when it is optional and none was given."""
    given = _first_line(NEW_PASSPHRASE_FILE)
    if given is not None:
        return given, given
    if _interactive():
        first = getpass.getpass("New passphrase (at least 12 characters; leave empty to skip): " if not required
                                else "New passphrase (at least 12 characters): ")
        if not first and not required:
            return "", ""
        return first, getpass.getpass("Type it again: ")
    if required:
        raise BookError(f"This needs a new passphrase: put it on the first line of a file and name the file in "
                        f"{NEW_PASSPHRASE_FILE}, or run the command in a terminal to be asked.")
    return "", ""


class TerminalAsker:
    """The opening flow's questions (app.services.opening), answered for a command: the passphrase from the
    file PABOOKS_PASSPHRASE_FILE names or the terminal; a file in use or damaged is said, not offered."""

    def __init__(self) -> None:
        self.tries = 0

    def secret(self, file_name: str, message: str) -> tuple[str, bool] | None:
        from app.services.opening import KeyNeeded, WrongPassphrase

        self.tries += 1
        given = _first_line(PASSPHRASE_FILE)
        if given is not None:
            if self.tries > 1:  # the file's passphrase was tried and is wrong: asking again would loop
                raise WrongPassphrase(message)
            return given, False
        if _interactive() and self.tries <= 3:
            print(message, file=sys.stderr)
            return getpass.getpass(f"Passphrase or recovery key for {file_name}: "), False
        if self.tries > 1:
            raise WrongPassphrase(message)
        raise KeyNeeded(f"{message} Put the passphrase on the first line of a file and name the file in "
                        f"{PASSPHRASE_FILE}, or run the command in a terminal to be asked.")

    def read_only(self, message: str) -> bool:
        from app.services.opening import FileInUse

        raise FileInUse(f"{message} Add --read-only to look at it without changing anything.")

    def rescue(self, message: str, rescue_words: str) -> bool:
        from app.services.opening import DamagedFile

        raise DamagedFile(f"{message} `pabooks restore FILE --to NEW` restores its newest good backup into a new "
                          "file.")


def open_book(path: Path, read_only: bool = False) -> Any:
    """Open a file for a command, through the same flow as the GUI."""
    from app.services.opening import open_file

    book = open_file(path, TerminalAsker(), read_only=read_only)
    if book is None:  # only a terminal user can give up, by typing nothing
        raise BookError("Nothing was opened.")
    for note in book.opening_notes:
        print(f"pabooks: {note}", file=sys.stderr)
    return book


def print_recovery_key(book: Any, pdf: Path | None) -> None:
    key = book.recovery_key()
    if key is None:
        print("This file is not encrypted, so it has no recovery key.")
        return
    print("Recovery key (opens the file on any computer; keep it safe and away from the computer):")
    print(f"  {key}")
    if pdf is not None:
        from app.reports.recovery_key_pdf import write_recovery_key_pdf
        from app.services.about_file import file_info

        write_recovery_key_pdf(key, book.path.name, file_info(book).person_name, pdf)
        print(f"Saved a page to print at {pdf}")


def _encrypt(args: argparse.Namespace) -> int:
    from app.services import security

    book = open_book(args.path)
    try:
        passphrase, again = new_passphrase(required=not security.keyring_available())
        changed = security.encrypt(book, passphrase, again)
        print(f"Encrypted {book.path.name} and {changed} backup{'s' if changed != 1 else ''}.")
        print_recovery_key(book, args.pdf)
    finally:
        book.close()
    return 0


def _passphrase(args: argparse.Namespace) -> int:
    from app.services import security

    book = open_book(args.path)
    try:
        passphrase, again = new_passphrase(required=True)
        changed = security.set_passphrase(book, passphrase, again)
        print(f"{book.path.name} and {changed} backup{'s' if changed != 1 else ''} now open with the new "
              "passphrase. The old recovery key no longer works; here is the new one.")
        print_recovery_key(book, args.pdf)
    finally:
        book.close()
    return 0


def _recovery_key(args: argparse.Namespace) -> int:
    book = open_book(args.path, read_only=args.read_only)
    try:
        print_recovery_key(book, args.pdf)
    finally:
        book.close()
    return 0


def _backups(args: argparse.Namespace) -> int:
    from app.services import backups

    with _opened(args.path) as book:
        listed = backups.list_backups(book)
        for number, view in enumerate(listed, start=1):
            print(f"{number}. {view.words()}")
            print(f"   {view.path}")
        if not listed:
            print("No backups of this file yet.")
    return 0


def _restore(args: argparse.Namespace) -> int:
    """Restore a backup into a new file: of a file that opens (choose by number from `backups`), or, for a
    file too damaged to open, its newest good backup."""
    from app.services import backups
    from app.services.opening import DamagedFile, KeyNeeded

    try:
        with _opened(args.path) as book:
            listed = backups.list_backups(book)
            if not 1 <= args.number <= len(listed):
                raise BookError(f"There is no backup number {args.number}; `pabooks backups` lists "
                                f"{len(listed)}.")
            restored = backups.restore(book, listed[args.number - 1].path, args.to)
    except DamagedFile as exc:
        rescue = backups.rescue_for(args.path)
        if rescue is None:
            raise BookError(f"{exc} There is no backup of it to restore.") from None
        rescue = backups.Rescue(rescue.backup, args.to, rescue.words)
        print(f"{args.path.name} is damaged; restoring its newest good backup ({rescue.backup.name}).")
        try:
            restored = backups.restore_rescue(rescue)
        except KeyNeeded:
            restored = backups.restore_rescue(rescue, secret_for(rescue.backup.name))
    print(f"Restored into {restored.path}")
    restored.close()
    return 0


@contextmanager
def _opened(path: Path) -> Iterator[Any]:
    book = open_book(path)
    try:
        yield book
    finally:
        book.close()


def add_security_commands(commands: Any) -> None:
    from app.cli_records import guard

    for name, handler, text in (
            ("encrypt", _encrypt, "encrypt a file made before encryption (and its backups)"),
            ("passphrase", _passphrase, "give an encrypted file a new passphrase (its recovery key changes)"),
            ("recovery-key", _recovery_key, "print an encrypted file's recovery key")):
        command = commands.add_parser(name, help=text)
        command.add_argument("path", type=Path)
        command.add_argument("--pdf", type=Path, help="also save the recovery key as a page to print")
        if name == "recovery-key":
            command.add_argument("--read-only", action="store_true", help="for a file open in another copy")
        command.set_defaults(handler=guard(handler))
    listing = commands.add_parser("backups", help="list the backups of a file, newest first, with what each holds")
    listing.add_argument("path", type=Path)
    listing.set_defaults(handler=guard(_backups))
    restore = commands.add_parser("restore", help="restore a backup into a new file (never over the file)")
    restore.add_argument("path", type=Path, help="the employer file")
    restore.add_argument("--to", type=Path, required=True, help="the new file to restore into")
    restore.add_argument("--number", type=int, default=1, help="which backup, as `pabooks backups` numbers them "
                         "(default 1, the newest); a damaged file gets its newest good backup")
    restore.set_defaults(handler=guard(_restore))

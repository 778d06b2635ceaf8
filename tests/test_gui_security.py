"""The GUI's side of encryption: a passphrase on new files where there is no keyring, the unlock dialog on
open, the recovery key to print, a file in use looked at read-only, and the Settings encryption section."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.services import security
from app.services.book import EmployerBook, NewEmployer
from app.storage.locking import lock_path
from app.ui.accessibility import duplicate_mnemonics, unnamed_controls, unreachable_controls
from app.ui.dialogs import NewFileDialog
from app.ui.dialogs_security import PassphraseDialog, RecoveryKeyDialog, UnlockDialog
from app.ui.main_window import MainWindow
from app.ui.screens.settings import SettingsScreen
from tests import ops
from tests.helpers import plain_real_file, watched_window

pytestmark = pytest.mark.gui
PASSPHRASE = "kettle orchard violin"


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    win = watched_window(qtbot)
    win.asked = []
    yield win
    win.close()


def answers(window: MainWindow, *replies: tuple[str, bool] | None) -> None:
    """Stand in for the person typing into the unlock dialog, one reply per time it is shown."""
    queue = list(replies)

    def ask(file_name: str, message: str) -> tuple[str, bool] | None:
        window.asked.append(message)  # type: ignore[attr-defined]
        return queue.pop(0)

    window.ask_secret = ask  # type: ignore[method-assign]


def passphrase_file(tmp_path: Path) -> Path:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer("Sam Example", passphrase=PASSPHRASE,
                                                             passphrase_again=PASSPHRASE))
    book.close()
    return book.path


def test_a_new_file_needs_a_passphrase_without_a_keyring_and_shows_its_recovery_key(
        window: MainWindow, qtbot, tmp_path: Path, no_keyring: None) -> None:  # type: ignore[no-untyped-def]
    dialog = NewFileDialog(window)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.person, "Chris Example")
    dialog.create_button.click()
    assert "Choose a passphrase" in dialog.problem.text()
    qtbot.keyClicks(dialog.passphrase.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.passphrase.again, PASSPHRASE + "x")
    dialog.create_button.click()
    assert "not the same" in dialog.problem.text()
    dialog.passphrase.again.clear()
    qtbot.keyClicks(dialog.passphrase.again, PASSPHRASE)
    assert window.create_file(tmp_path / "chris", dialog)
    assert len(window.recovery_keys) == 1 and len(window.recovery_keys[0].split()) == 14  # type: ignore[attr-defined]
    assert (tmp_path / "chris.pabooks").read_bytes()[:6] != b"SQLite"
    assert unnamed_controls(dialog) == [] and duplicate_mnemonics(dialog) == []


def test_the_show_typing_box_shows_the_passphrase(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = NewFileDialog(window)
    qtbot.addWidget(dialog)
    fields = dialog.passphrase
    assert fields.passphrase.echoMode() == fields.passphrase.EchoMode.Password
    fields.show_typing.setChecked(True)
    assert fields.passphrase.echoMode() == fields.passphrase.EchoMode.Normal == fields.again.echoMode()


def test_opening_asks_until_the_passphrase_is_right_and_cancel_keeps_what_was_open(
        window: MainWindow, tmp_path: Path, no_keyring: None) -> None:
    path = passphrase_file(tmp_path)
    window.open_demo()
    answers(window, ("wrong words entirely", False), None)
    assert window.open_path(path) is False
    assert window.book is not None and window.book.is_demo()
    assert "does not keep its key" in window.asked[0]  # type: ignore[attr-defined]
    assert "does not open" in window.asked[1]  # type: ignore[attr-defined]
    assert not lock_path(path).exists()
    answers(window, ("wrong words entirely", False), (PASSPHRASE, False))
    assert window.open_path(path)
    assert window.book is not None and window.book.path == path and not window.book.read_only


def test_a_file_in_use_elsewhere_opens_read_only_with_a_banner(window: MainWindow, tmp_path: Path) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer("Sam Example"))
    book.close()
    lock_path(book.path).write_text('{"pid": 1, "host": "office-pc", "user": "alex", '
                                    '"since": "2026-11-25T09:00:00+00:00"}')
    offered: list[str] = []
    window.ask_read_only = lambda message: offered.append(message) or False  # type: ignore[method-assign]
    assert window.open_path(book.path) is False
    assert "alex on office-pc" in offered[0]
    window.ask_read_only = lambda message: True  # type: ignore[method-assign]
    assert window.open_path(book.path)
    assert window.book is not None and window.book.read_only
    assert window.read_only_banner.isVisible()
    assert "Read only: alex on office-pc has had it open since 09:00" in window.read_only_banner.text()
    assert "Read only" in window.windowTitle()
    settings_screen = window.screens["Settings"]
    assert isinstance(settings_screen, SettingsScreen)
    assert not settings_screen.save_rules()
    assert "open read-only" in settings_screen.rules_message.text()
    assert not settings_screen.passphrase_button.isEnabled()
    assert unreachable_controls(window) == [] and unnamed_controls(window) == []
    window.close_file()
    assert not window.read_only_banner.isVisible()
    assert lock_path(book.path).exists()  # the other copy's lock is left alone


def test_settings_encrypts_a_plain_file_and_changes_the_passphrase(window: MainWindow, tmp_path: Path) -> None:
    plain = plain_real_file(tmp_path / "old", "Old File")
    plain.close()
    assert window.open_path(plain.path)
    screen = window.screens["Settings"]
    assert isinstance(screen, SettingsScreen)
    assert screen.encrypt_button.isVisibleTo(screen) and not screen.recovery_button.isVisibleTo(screen)
    assert "not encrypted" in screen.security_words.text()
    assert screen.encrypt_file(("", ""))
    assert "is encrypted" in screen.security_message.text()
    assert window.recovery_keys and window.book is not None  # type: ignore[attr-defined]
    assert b"Old File" not in plain.path.read_bytes()
    assert not screen.encrypt_button.isVisibleTo(screen) and screen.recovery_button.isVisibleTo(screen)
    assert "This computer keeps its key" in screen.security_words.text()
    assert not screen.new_passphrase(("short one", "short one"))
    assert "at least 12 characters" in screen.security_message.text()
    assert screen.new_passphrase(("lantern meadow biscuit", "lantern meadow biscuit"))
    assert len(window.recovery_keys) == 2  # type: ignore[attr-defined]
    assert security.status(window.book).has_passphrase
    screen.toggle_keep()
    assert not security.status(window.book).key_kept_here
    assert screen.keep_button.text().replace("&", "") == "Keep the key on this computer"
    screen.toggle_keep()
    assert security.status(window.book).key_kept_here
    assert duplicate_mnemonics(window) == [] and unnamed_controls(window) == []


def test_the_recovery_key_dialog_reads_out_and_saves_a_page(window: MainWindow, qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key = "2223 2A3J A3A8 2W62 L4JD 3J8J W5SJ 46B3 872P 4SDK J8AU 5EG3 U9JZ EE8W"
    dialog = RecoveryKeyDialog(key, "sam.pabooks", "Sam Example", window)
    qtbot.addWidget(dialog)
    assert "group 1: 2 2 2 3" in dialog.key_label.accessibleName()
    saved = dialog.save_pdf(tmp_path / "key.pdf")
    assert saved is not None and saved.read_bytes().startswith(b"%PDF")
    assert "Print it" in dialog.saved.text()
    assert dialog.save_pdf(tmp_path / "no-such-folder" / "key.pdf") is None
    assert "could not be saved" in dialog.saved.text()
    for made in (dialog, UnlockDialog("sam.pabooks", "Type it.", False, window),
                 PassphraseDialog("Set a new passphrase", "Why.", True, window)):
        qtbot.addWidget(made)
        made.show()
        assert unnamed_controls(made) == [] and unreachable_controls(made) == [] and duplicate_mnemonics(made) == []


def test_the_unlock_dialog_asks_for_something_typed(window: MainWindow, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = UnlockDialog("sam.pabooks", "Type it.", False, window)
    qtbot.addWidget(dialog)
    dialog.open_button.click()
    assert "Type the passphrase" in dialog.problem.text()
    assert not dialog.remember.isEnabled() and "no keyring" in dialog.remember.text()


def damage_after_first_pages(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    for offset in range(8192, len(data), 4096):
        data[offset:offset + 64] = bytes(64)
    path.write_bytes(bytes(data))
    return bytes(data)


def test_a_damaged_file_offers_its_newest_backup_in_a_new_file(window: MainWindow, tmp_path: Path) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer("Sam Example"))  # the first open takes a daily copy
    book.close()
    damaged = damage_after_first_pages(book.path)
    offered: list[tuple[str, str]] = []
    window.ask_restore = lambda message, words: offered.append((message, words)) or False  # type: ignore[method-assign]
    assert window.open_path(book.path) is False
    assert "damaged" in offered[0][0] and "the daily copy" in offered[0][1] and "restored from" in offered[0][1]
    window.ask_restore = lambda message, words: True  # type: ignore[method-assign]
    assert window.open_path(book.path)
    assert window.book is not None and window.book.path.name.startswith("sam restored from ")
    assert ops.info(window.book).person_name == "Sam Example"
    assert book.path.read_bytes() == damaged  # the damaged file is left for whoever wants to look at it
    window.close_file()
    assert window.open_path(book.path)  # a second rescue is restored under a new name, never over the first
    names = sorted(p.name for p in tmp_path.glob("sam restored from *.pabooks"))
    assert len(names) == 2 and names[0] != names[1]


def test_a_damaged_passphrase_file_asks_for_the_passphrase_to_restore(window: MainWindow, tmp_path: Path,
                                                                      no_keyring: None) -> None:
    path = passphrase_file(tmp_path)
    damage_after_first_pages(path)
    answers(window, (PASSPHRASE, False), (PASSPHRASE, False))
    window.ask_restore = lambda message, words: True  # type: ignore[method-assign]
    assert window.open_path(path)
    assert window.book is not None and "restored from" in window.book.path.name
    assert len(window.asked) == 2  # type: ignore[attr-defined]  # once for the file, once for its backup


def test_a_damaged_file_with_no_backup_just_says_so(window: MainWindow, tmp_path: Path) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer("Sam Example"))
    book.close()
    for copy in (tmp_path / "pabooks-home" / "backups").rglob("*.pabooks"):
        copy.unlink()
    damage_after_first_pages(book.path)
    assert window.open_path(book.path) is False
    assert "damaged" in window.problems[-1][1]  # type: ignore[attr-defined]

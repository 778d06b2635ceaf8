"""Encryption from the command line: passphrases from a named file (never an argument), recovery keys
printed and saved, plain files encrypted, a file in use read read-only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from app.services.book import EmployerBook, NewEmployer
from app.storage import cipher
from app.storage.locking import lock_path
from tests.helpers import plain_real_file

PASSPHRASE = "kettle orchard violin"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def passphrase_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    secret = tmp_path / "passphrase.txt"
    secret.write_text(PASSPHRASE + "\n", encoding="utf-8")
    monkeypatch.setenv("PABOOKS_NEW_PASSPHRASE_FILE", str(secret))
    monkeypatch.setenv("PABOOKS_PASSPHRASE_FILE", str(secret))
    return secret


def test_new_without_a_keyring_takes_the_passphrase_file_and_prints_the_recovery_key(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], no_keyring: None, passphrase_files: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    pdf = tmp_path / "key.pdf"
    assert main(["new", str(tmp_path / "sam"), "--name", "Sam Example", "--pdf", str(pdf)]) == 0
    out = capsys.readouterr().out
    recovery = out.split("Recovery key")[1].splitlines()[1].strip()
    assert len(recovery.split()) == cipher.RECOVERY_GROUPS and pdf.read_bytes().startswith(b"%PDF")
    assert main(["info", str(tmp_path / "sam.pabooks")]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["encrypted"] is True and info["person_name"] == "Sam Example"
    monkeypatch.delenv("PABOOKS_PASSPHRASE_FILE")
    assert main(["info", str(tmp_path / "sam.pabooks")]) == 1
    err = capsys.readouterr().err
    assert "PABOOKS_PASSPHRASE_FILE" in err and "Traceback" not in err
    wrong = tmp_path / "wrong.txt"
    wrong.write_text("not the passphrase at all\n", encoding="utf-8")
    monkeypatch.setenv("PABOOKS_PASSPHRASE_FILE", str(wrong))
    assert main(["info", str(tmp_path / "sam.pabooks")]) == 1
    assert "does not open" in capsys.readouterr().err
    (tmp_path / "recovery.txt").write_text(recovery + "\n", encoding="utf-8")
    monkeypatch.setenv("PABOOKS_PASSPHRASE_FILE", str(tmp_path / "recovery.txt"))
    assert main(["info", str(tmp_path / "sam.pabooks")]) == 0  # the recovery key opens it too


def test_new_without_a_keyring_or_a_passphrase_says_how_to_give_one(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], no_keyring: None) -> None:
    assert main(["new", str(tmp_path / "sam"), "--name", "Sam Example"]) == 1
    assert "PABOOKS_NEW_PASSPHRASE_FILE" in capsys.readouterr().err
    assert not (tmp_path / "sam.pabooks").exists()


def test_encrypt_passphrase_and_recovery_key_commands(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      passphrase_files: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = plain_real_file(tmp_path / "old", "Old File")
    plain.close()
    monkeypatch.delenv("PABOOKS_NEW_PASSPHRASE_FILE")  # the keyring keeps the key: no passphrase needed
    assert main(["encrypt", str(plain.path)]) == 0
    out = capsys.readouterr().out
    assert "Encrypted old.pabooks" in out and "Recovery key" in out
    assert b"Old File" not in plain.path.read_bytes()
    assert main(["encrypt", str(plain.path)]) == 1
    assert "already encrypted" in capsys.readouterr().err
    monkeypatch.setenv("PABOOKS_NEW_PASSPHRASE_FILE", str(passphrase_files))
    assert main(["passphrase", str(plain.path)]) == 0
    first = capsys.readouterr().out
    assert "now open with the new passphrase" in first
    assert main(["recovery-key", str(plain.path)]) == 0
    assert capsys.readouterr().out.split("Recovery key")[1] in first


def test_info_read_only_on_a_file_in_use(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer("Sam Example"))
    book.close()
    lock_path(book.path).write_text('{"pid": 1, "host": "office-pc", "user": "alex", '
                                    '"since": "2026-11-25T09:00:00+00:00"}')
    assert main(["info", str(book.path)]) == 1
    assert "open in another copy of PA Books, by alex on office-pc" in capsys.readouterr().err
    assert main(["info", str(book.path), "--read-only"]) == 0
    assert json.loads(capsys.readouterr().out)["read_only"] is True


def test_a_fresh_process_with_no_keyring_uses_the_passphrase_file(tmp_path: Path, passphrase_files: Path) -> None:
    """As on a bare Linux machine: the child process has no keyring at all (conftest sets that up)."""
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, timeout=120,
                              cwd=REPO)

    made = run("new", str(tmp_path / "sam"), "--name", "Sam Example")
    assert made.returncode == 0, made.stderr
    shown = run("info", str(tmp_path / "sam.pabooks"))
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["encrypted"] is True


def test_backups_listed_and_restored_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = EmployerBook.create(tmp_path / "sam", NewEmployer("Sam Example"))
    book.close()
    assert main(["backups", str(book.path)]) == 0
    listing = capsys.readouterr().out
    assert listing.startswith("1. ") and "the daily copy: 0 PAs" in listing
    assert main(["restore", str(book.path), "--to", str(tmp_path / "again")]) == 0
    assert "Restored into" in capsys.readouterr().out and (tmp_path / "again.pabooks").exists()
    assert main(["restore", str(book.path), "--to", str(tmp_path / "again")]) == 1
    assert "always restored into a new file" in capsys.readouterr().err
    assert main(["restore", str(book.path), "--to", str(tmp_path / "x"), "--number", "9"]) == 1
    assert "no backup number 9" in capsys.readouterr().err
    data = bytearray(book.path.read_bytes())
    data[8192:] = bytes(len(data) - 8192)  # damaged beyond the first pages
    book.path.write_bytes(bytes(data))
    assert main(["restore", str(book.path), "--to", str(tmp_path / "rescued")]) == 0
    assert "is damaged; restoring its newest good backup" in capsys.readouterr().out
    assert main(["info", str(tmp_path / "rescued.pabooks")]) == 0
    assert json.loads(capsys.readouterr().out)["person_name"] == "Sam Example"

"""Hostile input from outside, as a user's script would give it: each gets a clear message and a non-zero exit,
nothing is written, no traceback, no hang (issue: interrupted work and hostile input)."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from app.cli import main
from app.payroll.calc import run as run_calc
from app.services import audit
from app.services.book import EmployerBook, NewEmployer
from app.storage import database
from app.storage.errors import DamagedFile
from tests import ops
from tests.helpers import raw_connect

REPO = Path(__file__).resolve().parent.parent
NI_LINE = ('{"kind": "national_insurance", "tax_year": "2025-26", "frequency": "weekly", "period": 1, '
           '"category": "A", "gross_pay": "96.04"}')


def pabooks(*args: str, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """`python -m app ...` in a process of its own, bounded in time: a hang fails the test, it never stops CI."""
    return subprocess.run([sys.executable, "-m", "app", *args], capture_output=True, text=True, cwd=REPO,
                          timeout=timeout, env={**os.environ, **(env or {}), "PYTHONPATH": str(REPO)}, check=False)


@pytest.mark.parametrize("content", [b"\xff\xfe not utf-8 \xff", "passphrase in utf-16".encode("utf-16")],
                         ids=["bytes-0xff", "utf-16-bom"])
@pytest.mark.parametrize("command", ["new", "info", "encrypt", "passphrase"])
def test_a_passphrase_file_that_is_not_text_is_said_plainly(tmp_path: Path, content: bytes, command: str,
                                                            monkeypatch: pytest.MonkeyPatch, no_keyring: None,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "sam.pabooks"
    if command != "new":
        EmployerBook.create(target, NewEmployer("Sam Example", passphrase="a good long passphrase",
                                                passphrase_again="a good long passphrase")).close()
    before = target.read_bytes() if target.exists() else None
    secret = tmp_path / "passphrase.txt"
    secret.write_bytes(content)
    monkeypatch.setenv("PABOOKS_PASSPHRASE_FILE", str(secret))
    monkeypatch.setenv("PABOOKS_NEW_PASSPHRASE_FILE", str(secret))
    args = {"new": ["new", str(target), "--name", "Sam Example"]}.get(command, [command, str(target)])
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "is not plain text (UTF-8)" in err and "Traceback" not in err
    assert (target.read_bytes() if target.exists() else None) == before


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a Unix thing")
def test_a_named_pipe_is_refused_at_once_never_read(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    EmployerBook.create(tmp_path / "sam.pabooks", NewEmployer("Sam Example")).close()
    for args, env, words in (
            (["info", str(pipe)], {}, "not an ordinary file"),
            (["shifts", "import", str(tmp_path / "sam.pabooks"), str(pipe)], {}, "not an ordinary file"),
            (["new", str(tmp_path / "new.pabooks"), "--name", "New"], {"PABOOKS_NEW_PASSPHRASE_FILE": str(pipe)},
             "not an ordinary file")):
        done = pabooks(*args, env=env)
        assert done.returncode == 1 and words in done.stderr and "Traceback" not in done.stderr, (args, done.stderr)


def test_calc_answers_every_line_even_when_one_is_nested_too_deeply() -> None:
    results, ok = run_calc([NI_LINE, "[" * 100_000 + "]" * 100_000, b"\xff not utf-8", NI_LINE])
    assert not ok
    assert [r.get("error", "ok") for r in results] == [
        "ok", "this line is nested too deeply to be a calculation request", "this line is not UTF-8 text", "ok"]
    assert results[0]["employer_ni"] == results[3]["employer_ni"] == "0.01"


def test_calc_on_the_command_line_reads_bytes_that_are_not_text() -> None:
    done = subprocess.run([sys.executable, "-m", "app", "calc"], input=NI_LINE.encode() + b"\n\xff\xfe\n",
                          capture_output=True, cwd=REPO, timeout=60, env={**os.environ, "PYTHONPATH": str(REPO)},
                          check=False)
    assert done.returncode == 1 and b"Traceback" not in done.stderr
    assert done.stdout.decode().splitlines()[1] == '{"error": "this line is not UTF-8 text", "line": 2}'


@pytest.fixture
def book(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = EmployerBook.create(tmp_path / "sam.pabooks", NewEmployer("Sam Example"))
    ops.add_pa(opened, ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 1, 5),
                                  contracted_hours_per_week="20", starter_statement="A"),
               rates=(ops.RateInput("day", "13.00"),))
    yield opened
    opened.close()


def test_old_mac_line_endings_are_lines(book: EmployerBook) -> None:
    with pytest.raises(ops.ImportRefused) as refused:
        ops.import_shifts_csv(book, "pa,date,start,end\rPriya Shah,05/05/2026,08:00,12:00\rPriya Shah,06/05/2026,"
                                    "8am,12:00\r")
    assert [p.line for p in refused.value.problems] == [3]  # not "line 0"
    assert ops.import_shifts_csv(book, "pa,date,start,end\rPriya Shah,05/05/2026,08:00,12:00\r").shifts_added == 1


def test_every_spreadsheet_cell_that_looks_like_a_formula_is_written_as_text(book: EmployerBook, tmp_path: Path) -> None:
    """OWASP's rule for CSV injection, over every CSV the app writes (the history export, today)."""
    from app.reports.audit_csv import write_audit_csv

    pa_id = ops.find_pa(book, "Priya Shah")
    assert pa_id is not None
    ops.add_shift(book, ops.ShiftInput(pa_id, date(2026, 5, 5), "09:00", "12:00"))
    sheet = ops.approve_timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1), date(2026, 6, 1))
    dangerous = ['=HYPERLINK("http://example.invalid","click")', "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"]
    for text in dangerous:
        sheet = ops.amend_timesheet(book, sheet, f"{text} reason")
        sheet = ops.approve_timesheet(book, pa_id, date(2026, 5, 1), date(2026, 5, 31), date(2026, 6, 1),
                                      date(2026, 6, 1))
    target = write_audit_csv(audit.history(book), tmp_path / "history.csv", audit.check_history(book))
    with target.open(encoding="utf-8-sig", newline="") as handle:
        cells = [cell for row in csv.reader(handle) for cell in row]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert sum(1 for cell in cells if cell.startswith("'=HYPERLINK")) == 1


def test_a_file_with_our_mark_but_no_tables_is_refused_untouched(tmp_path: Path, own_data_folder: Path) -> None:
    path = tmp_path / "marked.pabooks"
    with closing(database.cipher.connect(path, None)) as conn:
        conn.execute(f"PRAGMA application_id = {database.APPLICATION_ID}")
        conn.commit()
    before = path.read_bytes()
    with pytest.raises(DamagedFile, match="holds none of its records"):
        EmployerBook.open(path)
    assert path.read_bytes() == before and not list(own_data_folder.rglob("*.pabooks"))


def test_a_broken_old_schema_is_refused_before_anything_is_written(tmp_path: Path, own_data_folder: Path) -> None:
    from tests.helpers import take_back_to

    book = EmployerBook.create(tmp_path / "old.pabooks", NewEmployer("Old Example"))
    path = book.path
    book.close()
    take_back_to(path, "0003_timesheet_pay_snapshot")
    with closing(raw_connect(path)) as conn:
        conn.execute("DROP TABLE file_meta")  # the shape no longer matches the version it claims
        conn.commit()
    before = path.read_bytes()
    copies_before = sorted(own_data_folder.rglob("*.pabooks"))
    with pytest.raises(DamagedFile, match="Nothing in it was changed"):
        EmployerBook.open(path)
    assert path.read_bytes() == before and sorted(own_data_folder.rglob("*.pabooks")) == copies_before


def test_a_damaged_file_looked_at_read_only_is_said_to_be_damaged(tmp_path: Path) -> None:
    plain = EmployerBook.create(tmp_path / "plain.pabooks", NewEmployer("Plain Example"), kind="demo")
    path = plain.path
    plain.close()
    data = path.read_bytes()
    path.write_bytes(data[:4096] + bytes(b ^ 0xFF for b in data[4096:8192]) + data[8192:])
    done = pabooks("info", str(path), "--read-only")
    assert done.returncode == 1 and "damaged" in done.stderr and "try again" not in done.stderr.lower()


def test_read_only_copies_left_by_a_killed_view_are_cleaned_up(tmp_path: Path) -> None:
    from app import paths
    from app.services.opening import tidy_up

    writer = EmployerBook.create(tmp_path / "sam.pabooks", NewEmployer("Sam Example"))
    viewer = EmployerBook.open_read_only(writer.path)
    snapshot = viewer.db.snapshot
    assert snapshot is not None and snapshot.parent.parent == paths.snapshots_dir()
    assert (snapshot.parent.stat().st_mode & 0o777) == 0o700 and (paths.snapshots_dir().stat().st_mode & 0o777) == 0o700
    # A view whose process was killed: its folder is named by a process that no longer runs.
    dead = paths.snapshots_dir() / "read-only-999999999-left"
    dead.mkdir()
    (dead / "sam.pabooks").write_bytes(snapshot.read_bytes())
    tidy_up()
    assert not dead.exists() and snapshot.exists()  # this process's own copy is still in use
    viewer.close()
    writer.close()
    assert not snapshot.exists()


class Killed(BaseException):  # noqa: N818 - stands for the process being killed at that moment
    pass


def _every_copy_opens_like_the_file(book: EmployerBook) -> None:
    from app.services import backups
    from app.storage import cipher

    folder = backups.own_folder(book)
    assert not list(folder.glob("*.rekey")), "a half-made copy was left behind"
    copies = backups.copies_of(book)
    assert len(copies) >= 3
    for copy in copies:
        if book.db.key is None:
            assert not database.is_encrypted(copy.path)
            continue
        assert database.is_encrypted(copy.path), f"{copy.path.name} is a plain copy of an encrypted file"
        with closing(cipher.connect(copy.path, book.db.key, read_only=True)) as conn:
            assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok", copy.path.name


@pytest.mark.parametrize("change", ["new passphrase", "encrypt"])
def test_changing_the_key_killed_at_every_step_leaves_every_copy_opening_like_the_file(
        tmp_path: Path, change: str) -> None:
    """Killed after any one of the writes a key change makes (each copy written, each rename), the file and
    all its backups open with one key once the file is next opened, and the holder is told what was put right."""
    from app.services import backups, security
    from app.storage import cipher
    from tests.helpers import plain_real_file

    old, new = "the first long passphrase", "the second long passphrase"
    step, finished = 0, False
    told: list[str] = []
    while not finished:
        step += 1
        path = tmp_path / f"step-{step}.pabooks"
        if change == "encrypt":
            book = plain_real_file(path, "Sam Example")
        else:
            book = EmployerBook.create(path, NewEmployer("Sam Example", passphrase=old, passphrase_again=old))
        for _ in range(3):
            backups.take_copy(book, "by-hand")
        calls = 0

        def killing(real, at=step):  # type: ignore[no-untyped-def]
            def call(*args, **kwargs):  # type: ignore[no-untyped-def]
                nonlocal calls
                calls += 1
                if calls == at:
                    raise Killed
                return real(*args, **kwargs)
            return call

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(cipher, "export", killing(cipher.export))
            patch.setattr(os, "replace", killing(os.replace))
            try:
                if change == "encrypt":
                    security.encrypt(book, new, new)
                else:
                    security.set_passphrase(book, new, new)
                finished = True
            except Killed:
                pass
        book.close()
        for secret in (new, old, None):
            try:
                reopened = EmployerBook.open(path, secret)
                break
            except Exception:  # noqa: BLE001, S112 - the other passphrase opens it: the change had (not) happened
                continue
        _every_copy_opens_like_the_file(reopened)
        told += reopened.opening_notes
        reopened.close()
    assert step > 5  # every copy written and renamed, and the file itself, were each a place to be killed
    assert any("now opens with this file's key (changing the key had stopped part-way)" in note for note in told)


def test_a_copy_made_by_hand_is_told_apart_and_a_moved_file_is_not(tmp_path: Path) -> None:
    import shutil

    from app.services import backups

    original = EmployerBook.create(tmp_path / "sam.pabooks", NewEmployer("Sam Example"))
    identity = original.file_id
    original.close()
    (tmp_path / "usb").mkdir()
    shutil.copy2(tmp_path / "sam.pabooks", tmp_path / "usb" / "sam.pabooks")
    copy = EmployerBook.open(tmp_path / "usb" / "sam.pabooks")
    assert copy.file_id != identity and "is a copy of" in " ".join(copy.opening_notes)
    assert backups.own_folder(copy).name == copy.file_id != identity  # its own backups folder
    assert audit.history(copy)[0].action == "file_location_noted"
    copy.close()
    again = EmployerBook.open(tmp_path / "sam.pabooks")
    assert again.file_id == identity and again.opening_notes == []
    again.close()
    (tmp_path / "sam.pabooks").rename(tmp_path / "moved.pabooks")
    moved = EmployerBook.open(tmp_path / "moved.pabooks")
    assert moved.file_id == identity and moved.opening_notes == []  # moved, not copied: it keeps its backups
    assert "moved from" in audit.history(moved)[0].words()
    moved.close()


def test_a_plain_backup_of_an_encrypted_file_is_encrypted_when_the_file_opens(tmp_path: Path) -> None:
    """Left by an older version that was stopped while encrypting: the holder is told, and it is put right."""
    import shutil

    from app.services import backups, security
    from tests.helpers import plain_real_file

    plain = plain_real_file(tmp_path / "old.pabooks", "Old Example")
    copy = backups.take_copy(plain, "by-hand")
    shutil.copy2(copy, tmp_path / "plain-copy")
    security.encrypt(plain, "a long enough passphrase", "a long enough passphrase")
    plain.close()
    shutil.copy2(tmp_path / "plain-copy", copy)  # as the older version left it
    assert not database.is_encrypted(copy)
    book = EmployerBook.open(tmp_path / "old.pabooks")
    assert database.is_encrypted(copy) and any("encrypted now" in note for note in book.opening_notes)
    book.close()


@pytest.mark.parametrize("pages", [1, 2, 17])
def test_an_encrypted_file_cut_off_at_a_page_is_damaged_not_a_wrong_passphrase(tmp_path: Path, no_keyring: None,
                                                                              pages: int) -> None:
    secret = "a long enough passphrase"
    book = EmployerBook.create(tmp_path / "sam.pabooks", NewEmployer("Sam Example", passphrase=secret,
                                                                     passphrase_again=secret))
    path = book.path
    book.close()
    path.write_bytes(path.read_bytes()[: 4096 * pages])
    with pytest.raises(DamagedFile, match="Open your most recent backup"):
        EmployerBook.open(path, secret)


def test_a_damaged_copy_is_told_when_the_backup_offered_was_taken_of_the_other_copy(tmp_path: Path) -> None:
    import shutil

    from app.services import backups

    original = EmployerBook.create(tmp_path / "sam.pabooks", NewEmployer("Sam Example"))  # a daily copy is taken
    original.close()
    (tmp_path / "usb").mkdir()
    copy = tmp_path / "usb" / "sam.pabooks"
    shutil.copy2(tmp_path / "sam.pabooks", copy)
    data = copy.read_bytes()
    copy.write_bytes(data[:4096] + bytes(b ^ 0xFF for b in data[4096:8192]) + data[8192:])  # damaged before it opened
    rescue = backups.rescue_for(copy)
    assert rescue is not None
    assert f"taken of the file kept at \"{(tmp_path / 'sam.pabooks').resolve()}\"" in rescue.words
    assert backups.rescue_for(tmp_path / "sam.pabooks") is None or "Note:" not in backups.rescue_for(
        tmp_path / "sam.pabooks").words  # type: ignore[union-attr]

"""Every file in tests/corpus/, and damaged and random files made here, through every importer and opener:
each gets a plain message, nothing is written, and no traceback reaches the user."""

from __future__ import annotations

import json
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.payroll.calc import run as run_calc
from app.services import audit
from app.services.book import BookError, EmployerBook, NewEmployer
from app.storage.errors import FileOpenError
from app.storage.locking import lock_path
from app.timesheets.csv_import import parse_shifts_csv
from tests import ops
from tests.helpers import raw_connect

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture
def book(tmp_path: Path):  # type: ignore[no-untyped-def]
    opened = EmployerBook.create(tmp_path / "corpus.pabooks", NewEmployer("Cor Pus"))
    pa_id = ops.add_pa(opened, ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 1, 5),
                                                contracted_hours_per_week="20", starter_statement="A"),
                          date(2026, 11, 25))
    for kind in ("day", "night", "weekend", "bank_holiday"):
        ops.add_rate(opened, pa_id, kind, date(2026, 1, 5), "13.00")
    yield opened
    opened.close()


@pytest.mark.parametrize("path", sorted((CORPUS / "shifts").iterdir()), ids=lambda p: p.name)
def test_bad_shift_files_are_refused_whole(book: EmployerBook, path: Path) -> None:
    before = (ops.info(book).shift_count, len(audit.history(book)))
    with pytest.raises(BookError) as refused:
        ops.import_shifts_file(book, path)
    message = str(refused.value)
    assert message and "Traceback" not in message
    assert (ops.info(book).shift_count, len(audit.history(book))) == before


@pytest.mark.parametrize("path", sorted((CORPUS / "bank-statements").iterdir()), ids=lambda p: p.name)
def test_bad_bank_statements_are_refused_whole(book: EmployerBook, path: Path) -> None:
    from app.services.import_statement import ImportStatement, StatementFile
    from app.services.set_up_account import AccountInput, SetUpAccount

    book.run(SetUpAccount(), AccountInput("DP account", opened_on=date(2026, 1, 1))).unwrap()
    before = len(audit.history(book))
    outcome = book.run(ImportStatement(), StatementFile(path))
    assert not outcome.ok
    assert all(p.message and "Traceback" not in p.message for p in outcome.problems)
    assert len(audit.history(book)) == before
    from app.services import money_views

    assert money_views.statements(book) == ([], [])


def damaged_copies(tmp_path: Path) -> list[tuple[str, Path]]:
    made = []
    good = EmployerBook.create(tmp_path / "good.pabooks", NewEmployer("Good File"))
    good.close()
    plain = EmployerBook.create(tmp_path / "plain.pabooks", NewEmployer("Plain File"), kind="demo")
    plain.close()
    data = good.path.read_bytes()
    for kind, source in (("encrypted", data), ("plain", plain.path.read_bytes())):
        for name, content in (("truncated", source[: len(source) // 3]), ("half-page", source[:2048]),
                              ("cut-mid-page", source[: len(source) // 2 + 100]),
                              ("flipped", source[:4096] + bytes(b ^ 0xFF for b in source[4096:8192]) + source[8192:]),
                              ("first-page-flipped", bytes(b ^ 0x5A for b in source[:4096]) + source[4096:])):
            target = tmp_path / f"{kind}-{name}.pabooks"
            target.write_bytes(content)
            made.append((f"{kind}-{name}", target))
    newer = tmp_path / "newer.pabooks"
    newer.write_bytes(data)
    with closing(raw_connect(newer)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
        conn.commit()
    made.append(("newer", newer))
    locked = tmp_path / "locked.pabooks"
    locked.write_bytes(data)
    lock_path(locked).write_text('{"pid": 1, "host": "elsewhere", "user": "alice", "since": "2026-11-25T09:00:00+00:00"}')
    made.append(("locked", locked))
    folder = tmp_path / "a-folder.pabooks"
    folder.mkdir()
    made.append(("folder", folder))
    return made


def test_bad_employer_files_are_refused_untouched(tmp_path: Path) -> None:
    candidates = [(p.name, p) for p in sorted((CORPUS / "employer-files").iterdir())] + damaged_copies(tmp_path)
    tried = 0
    for name, path in candidates:
        before = path.read_bytes() if path.is_file() else None
        had_lock = lock_path(path).exists()
        with pytest.raises(FileOpenError) as refused:
            EmployerBook.open(path)
        assert str(refused.value), name
        if before is not None:
            assert path.read_bytes() == before, name
        assert lock_path(path).exists() == had_lock, name
        tried += 1
    assert tried >= 19


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80))
def test_wrong_passphrases_never_open_and_change_nothing(tmp_path_factory: pytest.TempPathFactory, no_keyring: None,
                                                         wrong: str) -> None:
    folder = tmp_path_factory.mktemp("locked")
    path = folder / "locked.pabooks"
    if not path.exists():
        EmployerBook.create(path, NewEmployer("Locked", passphrase="the right passphrase",
                                              passphrase_again="the right passphrase")).close()
    before = path.read_bytes()
    if wrong == "the right passphrase":
        return
    with pytest.raises(FileOpenError) as refused:
        EmployerBook.open(path, wrong)
    assert str(refused.value) and "Traceback" not in str(refused.value)
    assert path.read_bytes() == before and not lock_path(path).exists()


@pytest.mark.parametrize("path", sorted((CORPUS / "calc").iterdir()), ids=lambda p: p.name)
def test_junk_calc_lines_each_get_an_error_line(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    results, ok = run_calc(lines)
    assert not ok
    assert len(results) == len([line for line in lines if line.strip()])
    assert all("error" in r and isinstance(r["line"], int) for r in results)
    json.dumps(results)  # every answer can be written out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=2000))
def test_random_text_never_breaks_the_csv_reader(text: str) -> None:
    lines, problems = parse_shifts_csv(text)
    assert lines or problems
    assert all(isinstance(p.line, int) for p in problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=6000))
def test_random_bytes_are_never_opened_as_an_employer_file(tmp_path_factory: pytest.TempPathFactory,
                                                          content: bytes) -> None:
    path = tmp_path_factory.mktemp("random") / "random.pabooks"
    path.write_bytes(content)
    with pytest.raises(FileOpenError):
        EmployerBook.open(path)
    assert path.read_bytes() == content


def test_counts_for_the_readme() -> None:
    """The README reports how many bad inputs are tried: keep it true."""
    corpus = sum(1 for folder in CORPUS.iterdir() if folder.is_dir() for _ in folder.iterdir())
    assert corpus >= 20

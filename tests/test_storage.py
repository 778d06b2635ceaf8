"""Employer files: created, opened, migrated and refused safely."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

from app.services import audit
from app.services.book import BookError, EmployerBook, NewEmployer
from app.storage import database
from app.storage.errors import DamagedFile, FileInUse, FileMissing, NewerVersionFile, NotAPaBooksFile
from app.storage.locking import lock_path
from tests import ops
from tests.helpers import raw_connect, take_back_to


def make(path: Path) -> Path:
    book = EmployerBook.create(path, NewEmployer("Sam Example"))
    book.close()
    return book.path


def digest(path: Path) -> bytes:
    return path.read_bytes()


def test_created_file_is_marked_and_at_the_current_schema(tmp_path: Path) -> None:
    path = make(tmp_path / "sam")
    assert path.name == "sam.pabooks"
    with closing(raw_connect(path)) as conn:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == database.head_revision()
    book = EmployerBook.open(path)
    assert ops.info(book).person_name == "Sam Example"
    assert ops.info(book).acting_employer_name == "Sam Example"
    book.close()


def test_foreign_keys_are_enforced(tmp_path: Path) -> None:
    book = EmployerBook.create(tmp_path / "fk.pabooks", NewEmployer("Sam Example"))
    with book.db.reading() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    book.close()


def test_a_failed_use_case_writes_nothing(tmp_path: Path) -> None:
    """An operation whose apply step fails half-way (a power cut, a bug) leaves nothing: not its rows, not its
    history record."""
    from app.models import PersonalAssistant
    from app.services.operations import Change, Context, Operation

    class HalfWritten(Operation[None, None]):
        action = "pa_added"
        changes = frozenset({Change.PAS})

        def apply(self, ctx: Context, given: None) -> None:
            ctx.session.add(PersonalAssistant(first_name="Half", last_name="Written", started_on=date(2026, 1, 1)))
            ctx.session.flush()
            raise RuntimeError("power cut")

    book = EmployerBook.create(tmp_path / "tx.pabooks", NewEmployer("Sam Example"))
    records = len(audit.history(book))
    with pytest.raises(RuntimeError):
        book.run(HalfWritten(), None)
    assert ops.info(book).pa_count == 0 and len(audit.history(book)) == records
    book.close()


def test_new_refuses_to_overwrite(tmp_path: Path) -> None:
    path = make(tmp_path / "sam.pabooks")
    before = digest(path)
    with pytest.raises(FileExistsError, match="never overwrites"):
        EmployerBook.create(path, NewEmployer("Someone Else"))
    assert digest(path) == before


@pytest.mark.parametrize("employer, words", [
    (NewEmployer(""), "name of the person"),
    (NewEmployer("Ann", "", "suitable_person"), "acts as employer"),
    (NewEmployer("Ann", "", "landlord"), "must be one of"),
])
def test_new_refuses_bad_details_and_leaves_no_file(tmp_path: Path, employer: NewEmployer, words: str) -> None:
    with pytest.raises(BookError, match=words):
        EmployerBook.create(tmp_path / "x.pabooks", employer)
    assert not (tmp_path / "x.pabooks").exists()


def test_not_a_pabooks_file_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "statement.pabooks"
    path.write_text("Date,Amount\n01/04/2026,12.00\n")
    before = digest(path)
    with pytest.raises(NotAPaBooksFile, match="not a PA Books employer file"):
        EmployerBook.open(path)
    assert digest(path) == before
    assert not lock_path(path).exists()


def test_another_sqlite_database_is_refused_untouched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with closing(sqlite3.connect(path)) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
    before = digest(path)
    with pytest.raises(NotAPaBooksFile, match="not one made by PA Books"):
        EmployerBook.open(path)
    assert digest(path) == before


def test_truncated_file_is_refused_untouched(tmp_path: Path) -> None:
    path = make(tmp_path / "cut.pabooks")
    data = digest(path)
    path.write_bytes(data[: len(data) // 2])
    before = digest(path)
    with pytest.raises(DamagedFile, match="shorter than it should be|is damaged"):
        EmployerBook.open(path)
    assert digest(path) == before
    path.write_bytes(data[: len(data) // 2 + 100])  # not a whole number of pages
    with pytest.raises(DamagedFile, match="cut off"):
        EmployerBook.open(path)


def test_damaged_pages_are_refused(tmp_path: Path) -> None:
    path = make(tmp_path / "flipped.pabooks")
    data = bytearray(digest(path))
    for offset in range(4096, len(data), 4096):  # scribble over each later page's b-tree header
        data[offset:offset + 12] = b"\xff" * 12
    path.write_bytes(bytes(data))
    with pytest.raises(DamagedFile):
        EmployerBook.open(path)


def test_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(FileMissing, match="There is no file"):
        EmployerBook.open(tmp_path / "nowhere.pabooks")


def test_file_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = make(tmp_path / "future.pabooks")
    with closing(raw_connect(path)) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
        conn.commit()
    before = digest(path)
    with pytest.raises(NewerVersionFile, match="newer version of PA Books"):
        EmployerBook.open(path)
    assert digest(path) == before


def test_file_open_in_another_copy_is_refused(tmp_path: Path) -> None:
    path = make(tmp_path / "busy.pabooks")
    lock_path(path).write_text('{"pid": 1, "host": "support-office-pc", "user": "alice", '
                               '"since": "2026-11-25T09:30:00+00:00"}')
    before = digest(path)
    with pytest.raises(FileInUse, match="alice on support-office-pc, since 09:30 on 25 November 2026"):
        EmployerBook.open(path)
    assert digest(path) == before


def test_lock_left_by_a_crashed_copy_on_this_computer_is_taken_over(tmp_path: Path) -> None:
    import socket

    path = make(tmp_path / "crashed.pabooks")
    lock_path(path).write_text(f'{{"pid": 999999999, "host": "{socket.gethostname()}", "user": "me", '
                               '"since": "2026-11-25T09:30:00+00:00"}')
    book = EmployerBook.open(path)
    book.close()
    assert not lock_path(path).exists()


def test_second_open_in_the_same_process_is_refused(tmp_path: Path) -> None:
    path = make(tmp_path / "twice.pabooks")
    first = EmployerBook.open(path)
    with pytest.raises(FileInUse):
        EmployerBook.open(path)
    first.close()


def test_older_file_is_backed_up_then_migrated(tmp_path: Path, own_data_folder: Path) -> None:
    """A file at an older schema: a verified copy is taken before the upgrade runs."""
    path = make(tmp_path / "old.pabooks")
    with closing(raw_connect(path)) as conn:
        conn.execute("DELETE FROM alembic_version")  # as if made before the schema was versioned
        conn.commit()
    from alembic.command import stamp

    calls: list[str] = []
    original = database._migrate

    def spy(engine: object) -> None:
        calls.append("migrate")
        config = database._alembic_config()
        with engine.begin() as connection:  # type: ignore[attr-defined]
            config.attributes["connection"] = connection
            stamp(config, "head")

    database._migrate = spy  # type: ignore[assignment]
    try:
        book = EmployerBook.open(path)
        book.close()
    finally:
        database._migrate = original  # type: ignore[assignment]
    backups = list((own_data_folder / "backups").rglob("old *before-upgrade.pabooks"))
    assert calls == ["migrate", "migrate"]  # a trial copy first, then the file itself
    assert len(backups) == 1
    with closing(raw_connect(backups[0])) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT person_name FROM employer").fetchone()[0] == "Sam Example"


def test_current_file_opens_without_a_backup(tmp_path: Path, own_data_folder: Path) -> None:
    path = make(tmp_path / "now.pabooks")
    EmployerBook.open(path).close()
    assert not list((own_data_folder / "backups").rglob("*before-upgrade*"))


def test_a_file_at_revision_0001_is_upgraded_after_a_backup(tmp_path: Path, own_data_folder: Path) -> None:
    """A real migration: take a file back to 0001, open it, and find it at head with a verified copy."""
    path = make(tmp_path / "v1.pabooks")
    take_back_to(path, "0001_initial")
    book = EmployerBook.open(path)
    assert ops.info(book).schema_revision == database.head_revision()
    with book.db.reading() as session:
        night = session.connection().exec_driver_sql("SELECT night_starts_at FROM employer").scalar()
    book.close()
    assert str(night).startswith("22:00")
    backups = list((own_data_folder / "backups").rglob("v1 *before-upgrade.pabooks"))
    assert len(backups) == 1
    with closing(raw_connect(backups[0])) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"


def test_a_failed_creation_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new file is built under a temporary name: a failure part-way leaves nothing under either name."""
    from app.services import audit

    def power_cut(*_args: object, **_kwargs: object) -> None:
        raise OSError("power cut")

    monkeypatch.setattr(audit, "record", power_cut)
    with pytest.raises(OSError, match="power cut"):
        EmployerBook.create(tmp_path / "half.pabooks", NewEmployer("Half Made"))
    assert list(tmp_path.iterdir()) == []


def test_a_failed_migration_changes_nothing_and_says_where_the_copy_is(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                       own_data_folder: Path) -> None:
    """Migrations run in one transaction, DDL included: a failure part-way leaves the file as it was. A file
    whose upgrade fails on the trial copy is refused before anything is written, backups included; one that
    fails only on the file itself names the copy taken just before."""
    from alembic import command

    path = make(tmp_path / "v1.pabooks")
    take_back_to(path, "0001_initial")
    config = database._alembic_config()
    runs: list[str] = []

    def fails_half_way(engine: object) -> None:
        runs.append(str(engine.url))  # type: ignore[attr-defined]
        with engine.begin() as connection:  # type: ignore[attr-defined]
            config.attributes["connection"] = connection
            command.upgrade(config, "head")  # every column added ...
            if len(runs) in failing:
                raise RuntimeError("power cut")  # ... and then the failure

    monkeypatch.setattr(database, "_migrate", fails_half_way)
    failing = {1}  # the trial copy
    with pytest.raises(DamagedFile, match="could not be updated.*Nothing in it was changed"):
        EmployerBook.open(path)
    assert not list((own_data_folder / "backups").rglob("*before-upgrade*"))  # refused before any copy was taken
    runs.clear()
    failing = {2}  # the file itself, after the trial passed
    with pytest.raises(DamagedFile, match="could not be updated.*A copy taken just before is at"):
        EmployerBook.open(path)
    with closing(raw_connect(path)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001_initial"
        columns = [row[1] for row in conn.execute("PRAGMA table_info(employer)")]
    assert "night_starts_at" not in columns
    assert not lock_path(path).exists()


def test_the_migrations_read_without_alembic_agree_with_alembic() -> None:
    """Opening a file reads the migrations' order from their scripts, not through Alembic (slow to load): the two
    must never disagree."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(database._alembic_config())
    assert database.head_revision() == script.get_current_head()
    assert database.known_revisions() == {rev.revision for rev in script.walk_revisions()}
    assert list(database._revision_chain()) == [rev.revision for rev in reversed(list(script.walk_revisions()))]

"""Backups: a verified copy a day, a rotation that keeps what matters, and restores into a new file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from app.services import audit, backups
from app.services.book import BookError, EmployerBook, NewEmployer
from app.services.demo import create_demo
from app.storage import backups as store
from tests import ops


def make(tmp_path: Path, name: str = "sam") -> EmployerBook:
    return EmployerBook.create(tmp_path / f"{name}.pabooks", NewEmployer("Sam Example"))


def test_first_open_of_the_day_takes_one_verified_copy(tmp_path: Path, own_data_folder: Path) -> None:
    make(tmp_path).close()
    EmployerBook.open(tmp_path / "sam.pabooks").close()
    book = EmployerBook.open(tmp_path / "sam.pabooks")
    daily = [b for b in backups.copies_of(book) if b.reason == "daily"]
    assert len(daily) == 1
    assert daily[0].path.parent == own_data_folder / "backups" / str(book.file_id)  # the file's own folder
    book.close()


def test_the_demo_is_not_backed_up(tmp_path: Path, own_data_folder: Path) -> None:
    create_demo(tmp_path / "demo.pabooks").close()
    EmployerBook.open(tmp_path / "demo.pabooks").close()
    assert list((own_data_folder / "backups").rglob("*.pabooks")) == []


def test_rotation_keeps_7_daily_5_weekly_12_monthly(tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    day = date(2026, 11, 25)
    for n in range(400):  # a copy a day for 400 days
        when = day - timedelta(days=n)
        (folder / f"sam {when:%Y-%m-%d} 090000 daily.pabooks").write_bytes(b"")
    for n in range(35):
        (folder / f"sam 2026-01-{(n % 28) + 1:02d} 1{n:05d} before-approving-timesheet.pabooks").write_bytes(b"")
    (folder / "other 2026-11-25 090000 daily.pabooks").write_bytes(b"")
    store.rotate(folder, "sam")
    kept = store.backups_of(folder, "sam")
    daily = sorted({b.taken_at.date() for b in kept if b.reason == "daily"}, reverse=True)
    assert daily[:7] == [day - timedelta(days=n) for n in range(7)]
    assert len({d.isocalendar()[:2] for d in daily}) >= 5
    assert len({(d.year, d.month) for d in daily}) == 12
    assert len(daily) <= 7 + 5 + 12
    assert len([b for b in kept if b.reason != "daily"]) == 30
    assert (folder / "other 2026-11-25 090000 daily.pabooks").exists()  # another file's copies are left alone


def test_restore_round_trip_into_a_new_file(tmp_path: Path) -> None:
    book = make(tmp_path)
    ops.add_pa(book, ops.PaForm(first_name="Cal", last_name="Day", started_on=date(2026, 1, 5),
                                      contracted_hours_per_week="20", starter_statement="A"), date(2026, 11, 25))
    copy = backups.take_copy(book, "before-approving-timesheet")
    ops.add_pa(book, ops.PaForm(first_name="Dee", last_name="Eve", started_on=date(2026, 1, 5),
                                      contracted_hours_per_week="20", starter_statement="A"), date(2026, 11, 25))
    restored = backups.restore(book, copy, tmp_path / "restored")
    book.close()
    assert restored.path.name == "restored.pabooks"
    assert [r.name for r in ops.list_pas(restored)] == ["Cal Day"]
    assert audit.history(restored)[0].action == "backup_restored"
    assert audit.check_history(restored) == []
    restored.close()
    current = EmployerBook.open(tmp_path / "sam.pabooks")
    assert len(ops.list_pas(current)) == 2  # the file in use was not touched
    with pytest.raises(BookError, match="always restored into a new file"):
        backups.restore(current, copy, tmp_path / "sam.pabooks")


def test_the_restore_list_says_what_each_copy_holds(tmp_path: Path) -> None:
    book = make(tmp_path)
    listed = backups.list_backups(book)
    assert len(listed) == 1 and "the daily copy: 0 PAs, 0 shifts, no approved timesheets" in listed[0].words()
    broken = listed[0].path.with_name("sam 2020-01-01 090000 daily.pabooks")
    broken.write_bytes(b"not a database at all, really not" * 10)
    assert "cannot be read" in backups.list_backups(book)[-1].contents_words
    with pytest.raises(BookError, match="could not be restored"):
        backups.restore(book, broken, tmp_path / "from-broken")
    assert not (tmp_path / "from-broken.pabooks").exists()
    book.close()


def test_the_demo_is_never_backed_up_but_can_still_be_approved(tmp_path: Path) -> None:
    from app.services.demo import create_demo

    demo = create_demo(tmp_path / "demo.pabooks")
    with pytest.raises(BookError, match="demo file.*not backed up"):
        backups.take_copy(demo, "by-hand")
    demo.store.backup("before-approving-timesheet")  # what the runner calls first: no copy, no refusal
    assert backups.list_backups(demo) == []
    demo.close()


def test_files_with_the_same_name_keep_their_own_backups(tmp_path: Path) -> None:
    """A support worker's "Smith/books.pabooks" and "Jones/books.pabooks": each backed up on its first open
    of the day, each listing, rotating and restoring only its own copies."""
    smith = EmployerBook.create(tmp_path / "Smith" / "books", NewEmployer("Pat Smith"))
    jones = EmployerBook.create(tmp_path / "Jones" / "books", NewEmployer("Lee Jones"))
    assert smith.file_id and jones.file_id and smith.file_id != jones.file_id
    smith_copies, jones_copies = backups.list_backups(smith), backups.list_backups(jones)
    assert len(smith_copies) == 1 and len(jones_copies) == 1  # both had their daily copy
    assert smith_copies[0].path != jones_copies[0].path
    restored = backups.restore(jones, jones_copies[0].path, tmp_path / "jones again")
    assert ops.info(restored).person_name == "Lee Jones"
    assert restored.file_id not in (None, jones.file_id)  # a restored file is a file of its own
    assert [b.path for b in backups.list_backups(restored)] != [b.path for b in jones_copies]
    for book in (smith, jones, restored):
        book.close()
    renamed = (tmp_path / "Smith" / "books.pabooks").rename(tmp_path / "Smith" / "Pat Smith.pabooks")
    again = EmployerBook.open(renamed)
    assert [b.path for b in backups.list_backups(again)] == [smith_copies[0].path]  # a renamed file keeps them
    again.close()


def test_backups_from_before_file_identities_are_still_listed(tmp_path: Path, own_data_folder: Path) -> None:
    book = make(tmp_path)
    legacy = own_data_folder / "backups" / "sam 2026-01-05 090000 daily.pabooks"
    store.copy_database(book.path, legacy, book.db.key)
    listed = [b.path for b in backups.list_backups(book)]
    assert legacy in listed and len(listed) == 2
    book.close()


def test_a_file_from_before_identities_gets_one_and_keeps_its_upgrade_copy(tmp_path: Path) -> None:
    from tests.helpers import take_back_to

    book = make(tmp_path)
    book.close()
    take_back_to(book.path, "0004_erasure")
    upgraded = EmployerBook.open(book.path)
    assert upgraded.file_id  # given by the migration
    reasons = sorted(b.reason for b in backups.copies_of(upgraded))
    # The copy taken before the upgrade (no identity yet, so in the backups folder itself) is still listed, and
    # today's copy is taken into the file's new folder. (Its first copy went under the identity the downgrade
    # removed: only a test can take a file back like that.)
    assert reasons == ["before-upgrade", "daily"]
    upgraded.close()


def test_the_demo_is_made_once_a_day_and_reused(tmp_path: Path) -> None:
    """Starting the app does not build the demo again when this version made it today (its dates count back from
    the day it was made, so another day makes a fresh one)."""
    from datetime import date

    from app.clock import FixedClock
    from app.services.demo import fresh_demo

    first = fresh_demo(FixedClock.on(date(2026, 12, 1)))
    identity, records = first.file_id, len(audit.history(first))
    first.close()
    again = fresh_demo(FixedClock.on(date(2026, 12, 1)))
    assert (again.file_id, len(audit.history(again))) == (identity, records)
    again.close()
    tomorrow = fresh_demo(FixedClock.on(date(2026, 12, 2)))
    assert tomorrow.file_id != identity and tomorrow.is_demo()
    tomorrow.close()

"""Kill PA Books with SIGKILL at random moments while it writes, many times, and prove that every file
still opens, passes SQLite's integrity check, and holds each operation whole or not at all.

`PABOOKS_KILLS` sets the number of kills (default 200, split over two workers on two cores).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path

import pytest

from app.services import audit, backups
from app.services.book import EmployerBook
from app.storage import cipher, database
from tests import ops
from tests.crash_worker import BATCH, RATE_KINDS, RECOVERY_KEY

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parent.parent
KILLS = int(os.environ.get("PABOOKS_KILLS", "200"))
DEMO_SIZE = (2, 3)  # a whole demo: its PAs and rota patterns (resources/demo/demo-employer.json)


def run_and_kill(folder: Path, round_number: int, rng: random.Random) -> None:
    worker = subprocess.Popen([sys.executable, str(REPO / "tests" / "crash_worker.py"), str(folder),
                               str(round_number)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert worker.stdout is not None
    line = worker.stdout.readline()
    if line.strip() != "ready":
        _, err = worker.communicate(timeout=30)
        raise AssertionError(f"the worker did not start: {line!r} {err[-2000:]}")
    time.sleep(rng.uniform(0.0, 0.5))
    worker.send_signal(signal.SIGKILL)
    worker.communicate(timeout=30)


def check(folder: Path) -> int:
    """Everything the killed workers left must open and be whole. Returns how many files were checked."""
    checked = 0
    for path in sorted(folder.glob("*.pabooks")):
        # Opening takes over the lock the killed process left, lets SQLite roll back the write it cut off,
        # and finishes any upgrade: exactly what a person opening the file after a power cut gets.
        book = EmployerBook.open(path, RECOVERY_KEY)
        with closing(cipher.connect(path, book.db.key, read_only=True)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok", path.name
        try:
            assert ops.info(book).schema_revision == database.head_revision()
            assert ops.home_summary(book).person_name  # created files are whole: never a file without its employer
            assert audit.check_history(book) == [], path.name
            # Every backup opens the way the file does: a key change is finished or undone when the file opens.
            assert not list(backups.own_folder(book).glob("*.rekey")), path.name
            for copy in backups.copies_of(book):
                if book.db.key is not None:
                    with closing(cipher.connect(copy.path, book.db.key, read_only=True)) as conn:
                        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok", copy.path.name
            # Encrypting is one rename: a file is plain with no record of it, or encrypted with one.
            encrypted = book.db.key is not None
            recorded = any(e.action == "file_encrypted" for e in audit.history(book))
            assert encrypted == recorded or not path.name.startswith("plain-"), path.name
            with book.reading() as session:
                sql = session.connection().exec_driver_sql
                per_pa = sql("SELECT pa_id, count(*) FROM shift WHERE source = 'import' GROUP BY pa_id").all()
                assert all(count == BATCH for _, count in per_pa), per_pa  # an import is all or nothing
                # A PA is added with their five rates in one operation: all five, or no PA.
                rate_counts = sql("SELECT p.id, count(r.id) FROM personal_assistant p LEFT JOIN pay_rate r "
                                  "ON r.pa_id = p.id GROUP BY p.id").all()
                assert path.name.startswith("demo-") or all(count == len(RATE_KINDS) for _, count in rate_counts), \
                    rate_counts
                # Confirming the planned shifts and approving is one operation: an approved period has none
                # still planned.
                in_approved = ("SELECT count(*) FROM shift s JOIN timesheet t ON t.pa_id = s.pa_id AND "
                               "t.status = 'approved' AND s.starts_at >= t.period_start AND s.starts_at < "
                               "date(t.period_end, '+1 day') WHERE ")
                assert sql(in_approved + "s.status = 'planned'").scalar() == 0
                if path.name.startswith("demo-"):
                    assert (sql("SELECT count(*) FROM personal_assistant").scalar(),
                            sql("SELECT count(*) FROM rota_pattern").scalar()) == DEMO_SIZE, path.name
                    assert sql("SELECT count(*) FROM shift").scalar() > 0, path.name
                assert sql(in_approved + "s.timesheet_id IS NULL").scalar() == 0  # an approval locks every shift of
                # its period, or none
                # Finalising is one operation: a final run has its payslips, each with its lines; a draft has none.
                assert sql("SELECT count(*) FROM pay_run r WHERE r.status = 'finalised' AND NOT EXISTS "
                           "(SELECT 1 FROM payslip p WHERE p.pay_run_id = r.id)").scalar() == 0, path.name
                assert sql("SELECT count(*) FROM payslip p JOIN pay_run r ON r.id = p.pay_run_id "
                           "WHERE r.status = 'draft'").scalar() == 0, path.name
                assert sql("SELECT count(*) FROM payslip p WHERE NOT EXISTS "
                           "(SELECT 1 FROM payslip_line l WHERE l.payslip_id = p.id)").scalar() == 0, path.name
                if not path.name.startswith("demo-"):  # (the demo's PAs had a pay rise: two day rates)
                    assert sql("SELECT count(*) FROM pay_rate GROUP BY pa_id, kind HAVING count(*) > 1").all() == []
        finally:
            book.close()
        checked += 1
    return checked


def test_sigkill_at_random_points_never_damages_a_file(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    folders = [tmp_path / "a", tmp_path / "b"]
    for folder in folders:
        folder.mkdir()

    def rounds(index: int) -> None:
        local = random.Random(rng.random())
        for number in range(KILLS // 2):
            run_and_kill(folders[index], number, local)

    with ThreadPoolExecutor(max_workers=2) as pool:
        list(pool.map(rounds, range(2)))
    checked = sum(check(folder) for folder in folders)
    assert checked >= 2
    print(f"\n{KILLS} kills survived; {checked} files checked whole")

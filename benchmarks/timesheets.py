"""Benchmark (not a timed test): a household with 6 PAs and 10 years of shifts (about 50,000).

    .venv/bin/python benchmarks/timesheets.py      (also run by `make bench`)

Targets (issue 5): the week view opens in under 100 ms; a year's hours summary in under 200 ms.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PABOOKS_HOME", tempfile.mkdtemp(prefix="pabooks-bench-"))

from app.core.dates import LONDON  # noqa: E402
from app.models import PayRate, PersonalAssistant, Shift  # noqa: E402
from app.services.about_file import file_info  # noqa: E402
from app.services.book import EmployerBook, NewEmployer  # noqa: E402
from app.services.hours_summary import hours_summary  # noqa: E402
from app.services.timesheet_views import shifts_between  # noqa: E402

FIRST_DAY = date(2016, 12, 5)
YEARS = 10
PASSPHRASE = "benchmark passphrase"  # noqa: S105 - a throwaway file in a temporary folder


def build_plain(path: Path) -> Path:
    """The same household in a plain file (for starting the GUI on it with nobody to type a passphrase)."""
    book = EmployerBook.create(path, NewEmployer("Bench Mark"), kind="demo")  # the demo kind is made plain
    _fill(book)
    with book.db.transaction() as session:
        session.connection().exec_driver_sql("UPDATE file_meta SET value = 'real' WHERE key = 'kind'")
    book.close()
    return path


def build(path: Path) -> EmployerBook:
    # An encrypted file, as every real one is; a passphrase works whether or not the machine has a keyring.
    book = EmployerBook.create(path, NewEmployer("Bench Mark", passphrase=PASSPHRASE, passphrase_again=PASSPHRASE))
    _fill(book)
    return book


def _fill(book: EmployerBook) -> None:
    # Ten years of records written straight in (a benchmark's set-up, not a use case: 50,000 shifts through
    # the import operation would measure the import instead).
    with book.db.transaction() as session:
        for n in range(6):
            pa = PersonalAssistant(first_name=f"PA{n}", last_name="Bench", started_on=FIRST_DAY, left_on=None,
                                   date_of_birth=date(1980 + n, 1, 1), opted_out_of_48_hours_on=None)
            session.add(pa)
            session.flush()
            for kind, pence in (("day", 1300), ("night", 1400), ("weekend", 1500), ("bank_holiday", 1950),
                                ("sleep_in", 9000)):
                session.add(PayRate(pa_id=pa.id, kind=kind, applies_from=FIRST_DAY,
                                    hourly_pence=None if kind == "sleep_in" else pence,
                                    flat_pence=pence if kind == "sleep_in" else None))
            rows = []
            day = FIRST_DAY
            while day < FIRST_DAY + timedelta(days=365 * YEARS):
                # Each PA: a morning every day, an evening 5 days in 7, an afternoon and a sleep-in 2 days in 7:
                # 16 shifts a week, about 50,000 in all.
                slot = (day.toordinal() + n) % 7
                shifts = [(7, 3, "work")]
                if slot < 5:
                    shifts.append((17, 3, "work"))
                if slot in (1, 4):
                    shifts += [(12, 3, "work"), (22, 9, "sleep_in")]
                for hour, length, kind in shifts:
                    start = datetime(day.year, day.month, day.day, hour, tzinfo=LONDON)
                    end = (start.astimezone(UTC) + timedelta(hours=length))
                    rows.append({"pa_id": pa.id, "starts_at": start.astimezone(UTC), "ends_at": end, "kind": kind,
                                 "status": "worked", "source": "import", "cover_name": "", "notes": ""})
                day += timedelta(days=1)
            session.execute(Shift.__table__.insert(), rows)


def best(runs: int, work: object) -> float:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        work()  # type: ignore[operator]
        timings.append((time.perf_counter() - started) * 1000)
    return min(timings)


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="pabooks-bench-"))
    book = build(folder / "household.pabooks")
    count = file_info(book).shift_count
    week = date(2026, 5, 4)
    week_ms = best(5, lambda: shifts_between(book, week, week + timedelta(days=6)))
    year_ms = best(3, lambda: hours_summary(book, date(2025, 4, 1), date(2026, 3, 31)))
    book.close()
    print(f"household of 6 PAs, {count:,} shifts over {YEARS} years")
    print(f"week view (everyone's shifts for a week): {week_ms:.1f} ms (target 100 ms)")
    print(f"a year's hours summary (hours, pay, minimum wage, working time): {year_ms:.0f} ms (target 200 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

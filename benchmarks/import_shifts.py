"""Benchmark: importing a 100,000-line shifts CSV (all or nothing, every line checked against the rules and
against every other line), and refusing one with bad lines, listing them all.

    .venv/bin/python benchmarks/import_shifts.py      (also run by `make bench`)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PABOOKS_HOME", tempfile.mkdtemp(prefix="pabooks-bench-"))

from app.services.add_pa import AddPa, NewPa  # noqa: E402
from app.services.add_rates import RateInput  # noqa: E402
from app.services.book import EmployerBook, NewEmployer  # noqa: E402
from app.services.import_shifts import ImportShifts  # noqa: E402
from app.services.pa_form import PaForm  # noqa: E402

LINES = 100_000
PASSPHRASE = "benchmark passphrase"  # noqa: S105 - a throwaway file in a temporary folder
FIRST = date(2016, 1, 4)


def csv_text(bad_every: int = 0) -> str:
    """Six PAs, three short shifts a day each, over the years it takes to make LINES lines."""
    rows = ["pa,date,start,end"]
    day, n = FIRST, 0
    while len(rows) <= LINES:
        for pa in range(6):
            for start, end in (("07:00", "09:00"), ("12:00", "13:00"), ("18:00", "20:00")):
                n += 1
                bad = bad_every and n % bad_every == 0
                rows.append(f"PA{pa} Bench,{day:%d/%m/%Y},{'7am' if bad else start},{end}")
        day += timedelta(days=1)
    return "\n".join(rows[: LINES + 1])


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="pabooks-bench-"))
    book = EmployerBook.create(folder / "import.pabooks", NewEmployer("Bench Mark", passphrase=PASSPHRASE,
                                                                         passphrase_again=PASSPHRASE))
    for pa in range(6):
        book.run(AddPa(), NewPa(PaForm(first_name=f"PA{pa}", last_name="Bench", started_on=FIRST,
                                       contracted_hours_per_week="20", starter_statement="A"),
                                tuple(RateInput(kind, "13.00") for kind in ("day", "night", "weekend",
                                                                            "bank_holiday")))).unwrap()
    refused_text, good_text = csv_text(bad_every=1000), csv_text()
    started = time.perf_counter()
    refused = book.run(ImportShifts(), refused_text)
    refused_s = time.perf_counter() - started
    started = time.perf_counter()
    done = book.run(ImportShifts(), good_text).unwrap()
    import_s = time.perf_counter() - started
    book.close()
    print(f"a {LINES:,}-line shifts CSV with {len(refused.problems)} bad lines refused, every one listed: "
          f"{refused_s:.1f} s (target 10 s)")
    print(f"a {LINES:,}-line shifts CSV checked and imported ({done.shifts_added:,} shifts): {import_s:.1f} s "
          "(target 10 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

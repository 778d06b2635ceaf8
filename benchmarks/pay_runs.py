"""Benchmark (not a timed test): pay runs in an encrypted employer file.

    .venv/bin/python benchmarks/pay_runs.py      (also run by `make bench`)

Targets (issue 13): draft and finalise a monthly run for 6 PAs in under 200 ms; 52 weekly runs' payslips as
PDFs in under 5 s.
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

from app.clock import FixedClock  # noqa: E402
from app.reports.payslip_pdf import write_payslips_pdf  # noqa: E402
from app.services.add_pa import AddPa, NewPa  # noqa: E402
from app.services.add_rates import RateInput  # noqa: E402
from app.services.approve_timesheet import Approval, ApproveTimesheet  # noqa: E402
from app.services.book import EmployerBook, NewEmployer  # noqa: E402
from app.services.finalise_pay_run import FinalisePayRun, Finalising  # noqa: E402
from app.services.import_shifts import ImportShifts  # noqa: E402
from app.services.pa_form import PaForm  # noqa: E402
from app.services.pay_views import pay_run  # noqa: E402
from app.services.start_pay_run import NewPayRun, StartPayRun  # noqa: E402
from app.timesheets.periods import pay_period  # noqa: E402

PASSPHRASE = "benchmark passphrase"  # noqa: S105 - a throwaway file in a temporary folder
RATES = tuple(RateInput(kind, amount) for kind, amount in (("day", "13.50"), ("night", "14.50"), ("weekend", "15.00"),
                                                           ("bank_holiday", "20.25"), ("sleep_in", "90.00")))


def household(path: Path, frequency: str, pas: int, first: date, last: date) -> tuple[EmployerBook, list[int]]:
    book = EmployerBook.create(path, NewEmployer("Bench Mark", passphrase=PASSPHRASE, passphrase_again=PASSPHRASE),
                               clock=FixedClock.on(first))
    ids = [book.run(AddPa(), NewPa(PaForm(first_name=f"PA{n}", last_name="Bench", started_on=first,
                                          date_of_birth=date(1980 + n, 1, 1), contracted_hours_per_week="30",
                                          tax_code="1257L", pay_frequency=frequency), RATES)).unwrap()
           for n in range(pas)]
    lines = ["pa,date,start,end"]
    day = first
    while day <= last:
        if day.weekday() < 5:
            lines += [f"PA{n} Bench,{day:%d/%m/%Y},{9 + n % 3:02d}:00,{15 + n % 3:02d}:00" for n in range(pas)]
        day += timedelta(days=1)
    book.run(ImportShifts(), "\n".join(lines)).unwrap()
    return book, ids


def approve_all(book: EmployerBook, ids: list[int], start: date, end: date) -> None:
    for pa_id in ids:
        book.run(ApproveTimesheet(), Approval(pa_id, start, end, end, end)).unwrap()


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="pabooks-bench-pay-"))
    start, end = date(2026, 11, 1), date(2026, 11, 30)
    book, ids = household(folder / "monthly.pabooks", "monthly", 6, start, end)
    book.clock = FixedClock.on(end)
    approve_all(book, ids, start, end)
    began = time.perf_counter()
    run_id = book.run(StartPayRun(), NewPayRun("monthly", start, end)).unwrap()
    view = pay_run(book, run_id)  # the draft, as the Pay screen shows it
    book.run(FinalisePayRun(), Finalising(run_id, view.paid_to_pas_pence)).unwrap()
    final = pay_run(book, run_id)
    took = time.perf_counter() - began
    assert len(final.payslips) == 6
    print(f"draft and finalise a monthly run for 6 PAs (backup before finalising included): {took * 1000:.0f} ms "
          "(target under 200 ms)")
    book.close()

    first = date(2026, 4, 6)
    weekly, weekly_ids = household(folder / "weekly.pabooks", "weekly", 1, first, date(2027, 4, 4))
    views = []
    day = first
    for _week in range(52):
        period_start, period_end = pay_period("weekly", day)
        weekly.clock = FixedClock.on(period_end)
        approve_all(weekly, weekly_ids, period_start, period_end)
        run_id = weekly.run(StartPayRun(), NewPayRun("weekly", period_start, period_end)).unwrap()
        weekly.run(FinalisePayRun(), Finalising(run_id)).unwrap()
        views.append(pay_run(weekly, run_id))
        day = period_end + timedelta(days=1)
    began = time.perf_counter()
    for index, view in enumerate(views):
        write_payslips_pdf(view, folder / f"week-{index + 1}.pdf")
    took = time.perf_counter() - began
    print(f"52 weekly runs' payslips as PDFs: {took:.2f} s (target under 5 s)")
    weekly.close()


if __name__ == "__main__":
    main()

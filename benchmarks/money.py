"""Benchmark (not a timed test): the money ledger of a 10-year employer file.

    .venv/bin/python benchmarks/money.py      (also run by `make bench`)

Targets (issues 15 and 16): with 10 years of daily transactions (about 20,000), the register opens in under
100 ms and the balance on any date takes under 10 ms; a quarterly council return from it is made as a PDF in
under 0.5 s. The file is encrypted, as a holder's is; the transactions are written in one operation-sized batch
per year through the ledger's own `post`, so every one sums to nothing.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("PABOOKS_HOME", tempfile.mkdtemp(prefix="pabooks-bench-"))

from app.clock import FixedClock  # noqa: E402
from app.money.ledger import BANK, Posting  # noqa: E402
from app.reports.audit_pack import audit_pdf_bytes  # noqa: E402
from app.reports.council_return import return_pdf_bytes  # noqa: E402
from app.reports.review_pack import review_pdf_bytes  # noqa: E402
from app.services.audit_request import audit_pack  # noqa: E402
from app.services.book import EmployerBook, NewEmployer  # noqa: E402
from app.services.council_agreement import AgreementInput, SetAgreement  # noqa: E402
from app.services.ledger_book import post  # noqa: E402
from app.services.money_expected import candidates  # noqa: E402
from app.services.money_forecast import forecast  # noqa: E402
from app.services.money_views import balance_on, balance_series, money_position, register  # noqa: E402
from app.services.operations import Change, Context, Operation  # noqa: E402
from app.services.return_facts import ReturnChoice, council_return  # noqa: E402
from app.services.review_pack import annual_review, year_before  # noqa: E402
from app.services.set_up_account import AccountInput, SetUpAccount  # noqa: E402

PASSPHRASE = "benchmark passphrase"  # noqa: S105 - a throwaway file in a temporary folder
FIRST = date(2016, 12, 1)
DAYS = 3653


class FillYear(Operation[int, int]):
    """A year of daily transactions: the council in every 4 weeks, spending most days."""

    action = "demo_created"
    changes = frozenset({Change.MONEY})

    def apply(self, ctx: Context, given: int) -> int:
        rng = random.Random(given)
        made = 0
        for offset in range(given * 365, min((given + 1) * 365, DAYS)):
            day = FIRST + timedelta(days=offset)
            if offset % 28 == 0:
                post(ctx, day, "money_in", [Posting(BANK, 194000), Posting("income:council", -194000)],
                     description="Council")
                made += 1
            pence = rng.randint(500, 12000)
            category = rng.choice(("pa_wages", "agency", "equipment", "pa_expenses", "insurance"))
            post(ctx, day, "spending", [Posting(f"spending:{category}", pence), Posting(BANK, -pence)],
                 payee=f"Payee {offset % 40}", description=f"Payee {offset % 40}")
            made += 1
            for n in range(4):  # about 5.5 transactions a day in all: 20,000 in ten years
                if n < 3 or offset % 2:
                    post(ctx, day, "spending", [Posting("spending:pa_expenses", 250 + n), Posting(BANK, -250 - n)],
                         payee="Bus company", description="Bus fares")
                    made += 1
        return made


def timed(work: object, times: int = 5) -> float:
    runs = []
    for _ in range(times):
        start = time.perf_counter()
        work()  # type: ignore[operator]
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        book = EmployerBook.create(Path(folder) / "ten years.pabooks",
                                   NewEmployer("Bench Mark", passphrase=PASSPHRASE, passphrase_again=PASSPHRASE),
                                   clock=FixedClock.on(FIRST + timedelta(days=DAYS)))
        book.run(SetUpAccount(), AccountInput("DP", opened_on=FIRST, opening_balance="5000.00")).unwrap()
        count = sum(book.run(FillYear(), year).unwrap() for year in range(11))
        if os.environ.get("PROFILE"):
            import cProfile

            cProfile.runctx("register(book, first=FIRST + timedelta(days=DAYS - 366))", globals(), locals(),
                            sort="cumtime")
        today = FIRST + timedelta(days=DAYS)
        opened = timed(lambda: register(book, first=today - timedelta(days=366)))
        shown = len(register(book, first=today - timedelta(days=366)))
        everything = timed(lambda: register(book))
        rows = len(register(book))
        series = balance_series(book)
        days = [FIRST + timedelta(days=random.randrange(DAYS)) for _ in range(1000)]
        start = time.perf_counter()
        for day in days:
            series.on(day)
        per_lookup = (time.perf_counter() - start) / len(days)
        series_built = timed(lambda: balance_series(book))
        one_day = timed(lambda: balance_on(book, days[0]), times=20)
        position = timed(lambda: money_position(book))
        book.run(SetAgreement(), AgreementInput("Bench Council", FIRST, "1940.00", "four_weekly")).unwrap()
        quarter = ReturnChoice(today - timedelta(days=91), today - timedelta(days=1))
        return_pdf = timed(lambda: return_pdf_bytes(*council_return(book, quarter)), times=3)
        audit = timed(lambda: audit_pdf_bytes(audit_pack(book, quarter.starts_on, quarter.ends_on)), times=3)
        year_first, year_last = year_before(today)
        review = timed(lambda: review_pdf_bytes(annual_review(book, year_first, year_last)), times=3)
        year_forecast = timed(lambda: forecast(book, Decimal(5), Decimal(3), today), times=3)
        with book.reading() as session:
            matching = timed(lambda: candidates(session, today, today - timedelta(days=30)), times=5)
        book.close()
    print(f"{count} transactions over 10 years ({rows} rows in the register), encrypted file:")
    print(f"  register opened as the Money screen opens it (the last 12 months, {shown} rows, with the running "
          f"balance carried from the years before): {opened * 1000:.0f} ms (target under 100 ms)")
    print(f"  the whole 10 years in the register (Over: Everything): {everything * 1000:.0f} ms")
    print(f"  balance on any date: {one_day * 1000:.1f} ms asked on its own; {per_lookup * 1e6:.1f} µs a lookup once "
          f"the whole series is read ({series_built * 1000:.0f} ms to read it, as the chart does); target under 10 ms")
    print(f"  where the money stands (four numbers, surplus, warnings): {position * 1000:.0f} ms")
    print(f"  a quarterly council return from that file, worked out and made as a PDF: {return_pdf * 1000:.0f} ms "
          f"(target under 0.5 s)")
    print(f"  an audit pack's PDF for that quarter (every transaction with its evidence, contents page): "
          f"{audit * 1000:.0f} ms")
    print(f"  the annual review pack's PDF for the last year: {review * 1000:.0f} ms")
    print(f"  what a month's statement is matched against, read from that file: {matching * 1000:.0f} ms")
    print(f"  the forecast to the end of the agreement year with two what-ifs: {year_forecast * 1000:.0f} ms")


if __name__ == "__main__":
    main()

"""Matching a bank statement line to what PA Books expected: a payment already recorded, the council's payment
or the contribution due, a PA's pay, an HMRC or pension bill. A line is matched automatically only when exactly
one expected item has its amount and a date close enough; anything else is left for the holder to sort."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

# A payment shows on the statement up to this many days before the date it was expected (paid early), and up to
# this many after (a weekend, a slow transfer, a payment made late).
DAYS_BEFORE = 3
DAYS_AFTER = 10


@dataclass(frozen=True, slots=True)
class Candidate:
    key: str  # what it is: "transaction:12", "expected:council:2026-09-01", "owed:pa:3:run:5", "owed:hmrc:2026-12-22"
    bank_amount_pence: int  # as the statement would show it: in positive, out negative
    on: date
    words: str


def close_enough(line_on: date, expected_on: date) -> bool:
    return -DAYS_BEFORE <= (line_on - expected_on).days <= DAYS_AFTER


def best_match(amount_pence: int, on: date, candidates: Sequence[Candidate], taken: set[str]) -> Candidate | None:
    """The one candidate with this amount and a close date, or the nearest when one is strictly nearest."""
    fits = [c for c in candidates if c.key not in taken and c.bank_amount_pence == amount_pence
            and close_enough(on, c.on)]
    if not fits:
        return None
    fits.sort(key=lambda c: abs((on - c.on).days))
    if len(fits) > 1 and abs((on - fits[0].on).days) == abs((on - fits[1].on).days):
        return None  # two equally likely: the holder says which
    return fits[0]

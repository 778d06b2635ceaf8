"""Money the holder expects in: the council's payments under the agreement and the client contribution, and
which of them arrived, late, short or not at all.

The council pays `payment_pence` every period from the agreement's first payment date. The client contribution
is expected in the account only where the council's model puts it there (paid in by the holder, or loaded on the
card); where it is invoiced, paid to providers or taken back from a gross payment, nothing is expected.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta

from app.core.money import format_pounds

# How many weeks one payment of each frequency pays for (a month is 52/12 weeks, a quarter 13).
WEEKS_PER_PAYMENT: dict[str, Decimal] = {
    "weekly": Decimal(1), "fortnightly": Decimal(2), "four_weekly": Decimal(4),
    "monthly": Decimal(52) / Decimal(12), "quarterly": Decimal(13),
}

CONTRIBUTION_METHODS: dict[str, str] = {
    "into_account": "You pay your contribution into the direct payment account",
    "card_load": "You load your contribution onto the payment card",
    "invoiced": "The council invoices you for your contribution",
    "to_providers": "You pay your contribution to the people who provide your support",
    "net_payment": "The council takes your contribution off before it pays (you get the net amount)",
}
CONTRIBUTION_INTO_ACCOUNT = frozenset({"into_account", "card_load"})

LATE_AFTER_DAYS = 5  # a payment not seen within this many days of its date is flagged as late


@dataclass(frozen=True, slots=True)
class Agreement:
    starts_on: date  # the first payment's date
    ends_on: date | None
    payment_pence: int
    frequency: str
    contribution_pence: int = 0  # per payment period
    contribution_method: str = "into_account"


@dataclass(frozen=True, slots=True)
class Expected:
    stream: str  # "council" or "contribution"
    due_on: date
    amount_pence: int


@dataclass(frozen=True, slots=True)
class Received:
    stream: str
    due_on: date  # the expected payment it was matched to
    amount_pence: int
    received_on: date


@dataclass(frozen=True, slots=True)
class PaymentState:
    expected: Expected
    received_pence: int
    received_on: date | None
    state: str  # "received", "short", "late", "due"
    words: str


def weekly_pence(payment_pence: int, frequency: str) -> int:
    """One payment as a week's worth, to the nearest penny (half up)."""
    weeks = WEEKS_PER_PAYMENT[frequency]
    return int((Decimal(payment_pence) / weeks).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def payment_dates(starts_on: date, frequency: str, ends_on: date | None, until: date) -> Iterator[date]:
    """Each payment date from the first, up to `until` and not after the agreement ends."""
    count = 0
    while True:
        if frequency == "monthly":
            day = starts_on + relativedelta(months=count)
        elif frequency == "quarterly":
            day = starts_on + relativedelta(months=3 * count)
        else:
            day = starts_on + timedelta(weeks=int(WEEKS_PER_PAYMENT[frequency]) * count)
        if day > until or (ends_on is not None and day > ends_on):
            return
        yield day
        count += 1


def expected_payments(agreement: Agreement, until: date) -> list[Expected]:
    found: list[Expected] = []
    for day in payment_dates(agreement.starts_on, agreement.frequency, agreement.ends_on, until):
        found.append(Expected("council", day, agreement.payment_pence))
        if agreement.contribution_pence and agreement.contribution_method in CONTRIBUTION_INTO_ACCOUNT:
            found.append(Expected("contribution", day, agreement.contribution_pence))
    return found


def payment_states(expected: Sequence[Expected], received: Sequence[Received], today: date,
                   payer: str = "The council") -> list[PaymentState]:
    """Each expected payment up to today with what came in against it, in plain words (`payer` names who makes
    the main payment: a second budget's is its funder's)."""
    by_key: dict[tuple[str, date], list[Received]] = {}
    for r in received:
        if r.received_on <= today:  # as things stood that day
            by_key.setdefault((r.stream, r.due_on), []).append(r)
    states: list[PaymentState] = []
    for e in expected:
        if e.due_on > today:
            continue
        got = by_key.get((e.stream, e.due_on), [])
        total = sum(r.amount_pence for r in got)
        last = max((r.received_on for r in got), default=None)
        who = f"{payer}'s payment" if e.stream == "council" else "Your contribution"
        if total >= e.amount_pence:
            late = last is not None and (last - e.due_on).days > LATE_AFTER_DAYS
            state, words = "received", f"{who} of {format_pounds(e.amount_pence)} arrived" + (
                f", {(last - e.due_on).days} days late" if late and last else "")
        elif total:
            state = "short"
            words = (f"{who} was {format_pounds(e.amount_pence - total)} short: {format_pounds(total)} of "
                     f"{format_pounds(e.amount_pence)} arrived")
        elif (today - e.due_on).days > LATE_AFTER_DAYS:
            state, words = "late", f"{who} of {format_pounds(e.amount_pence)} has not arrived"
        else:
            state, words = "due", f"{who} of {format_pounds(e.amount_pence)} is due"
        states.append(PaymentState(e, total, last, state, words))
    return states


def arrears_pence(states: Sequence[PaymentState], stream: str) -> int:
    """What is still to come in for one stream from payments that are due (contribution arrears)."""
    return sum(max(0, s.expected.amount_pence - s.received_pence) for s in states
               if s.expected.stream == stream and s.state in ("short", "late"))


def next_expected(expected: Sequence[Expected], received: Sequence[Received], stream: str,
                  on_or_after: date) -> Expected | None:
    """The earliest payment of a stream not yet matched (what a new receipt most likely is for)."""
    matched = {(r.stream, r.due_on) for r in received}
    open_ = [e for e in expected if e.stream == stream and (e.stream, e.due_on) not in matched]
    if not open_:
        return None
    before = [e for e in open_ if e.due_on <= on_or_after]
    return before[0] if before else min(open_, key=lambda e: e.due_on)

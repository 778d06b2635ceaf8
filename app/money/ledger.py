"""The direct payment account as a double-entry ledger: accounts, transactions of postings that sum to zero,
and balances worked out from them.

Every transaction is two or more postings, each an amount in pence on one account, and the postings of a
transaction always add up to nothing (beancount's and GnuCash's rule). A positive amount is a debit: money
into an asset (the bank account, a fund set aside in it) or onto a spending category; a negative amount is a
credit: money from an income stream, or onto what is owed to someone.

The bank account is split the way envelope budgets are in GnuCash: money free to spend (`bank`) and money
ring-fenced inside the same account (`fund:contingency`, `fund:crisis`). Together they are what the bank
statement shows; setting money aside moves it between them and the statement never sees it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from app.core.problems import Problem


class AccountKind(StrEnum):
    BANK = "bank"  # money in the direct payment account, free to spend
    FUND = "fund"  # money in the same account, ring-fenced (contingency, crisis)
    OWED = "owed"  # what is owed to someone: a PA, HMRC, the pension scheme
    INCOME = "income"  # where money came from, one account per funding stream
    SPENDING = "spending"  # what money was spent on, one account per category
    EQUITY = "equity"  # the balance the account had when PA Books started keeping it

    @property
    def in_the_account(self) -> bool:
        """Whether money on an account of this kind is in the bank account (and so on its statement)."""
        return self in (AccountKind.BANK, AccountKind.FUND)


BANK = "bank"
CONTINGENCY = "fund:contingency"
CRISIS = "fund:crisis"
FUNDS = (CONTINGENCY, CRISIS)
OPENING = "equity:opening"
OWED_HMRC = "owed:hmrc"
OWED_PENSION = "owed:pension"
UNSORTED_IN = "income:unsorted"  # a bank line not yet said what it was
UNSORTED_OUT = "spending:unsorted"


def owed_to_pa(pa_id: int) -> str:
    return f"owed:pa:{pa_id}"


def kind_of(code: str) -> AccountKind:
    return AccountKind(code.split(":", 1)[0])


@dataclass(frozen=True, slots=True)
class Posting:
    account: str  # an account code: "bank", "fund:crisis", "owed:pa:3", "income:council", "spending:insurance"
    amount_pence: int  # positive: a debit (into the account, onto spending); negative: a credit


@dataclass(frozen=True, slots=True)
class Transaction:
    occurred_on: date
    postings: tuple[Posting, ...]
    description: str = ""
    voided: bool = False  # kept in the history, but counts for nothing

    @property
    def bank_amount_pence(self) -> int:
        """What the transaction did to the bank account as its statement sees it (in positive, out negative).
        Moves between free money and a fund inside the account come to nothing."""
        return sum(p.amount_pence for p in self.postings if kind_of(p.account).in_the_account)


def posting_problems(postings: Sequence[Posting]) -> list[Problem]:
    """Why these postings cannot be one transaction; none when they can."""
    found: list[Problem] = []
    if len(postings) < 2:
        found.append(Problem("A transaction needs at least two postings: where the money came from and where it "
                             "went."))
    for p in postings:
        if not isinstance(p.amount_pence, int) or isinstance(p.amount_pence, bool):
            found.append(Problem(f"The amount on {p.account} must be whole pence."))
        try:
            kind_of(p.account)
        except ValueError:
            found.append(Problem(f"There is no kind of account called {p.account.split(':', 1)[0]!r}."))
    total = sum(p.amount_pence for p in postings if isinstance(p.amount_pence, int))
    if total != 0:
        found.append(Problem(f"The postings add up to {total} pence, not nothing: money cannot appear or vanish."))
    return found


def balances(transactions: Iterable[Transaction], on: date | None = None) -> dict[str, int]:
    """Each account's balance (debits positive) from the transactions up to and including `on`."""
    totals: dict[str, int] = defaultdict(int)
    for t in transactions:
        if t.voided or (on is not None and t.occurred_on > on):
            continue
        for p in t.postings:
            totals[p.account] += p.amount_pence
    return dict(totals)


class RunningBalance:
    """The bank account's balance on any date, from (day, change) pairs, in a binary search: a balance on a
    date in a 10-year file costs a lookup, not a pass over every transaction."""

    def __init__(self, changes: Iterable[tuple[date, int]]) -> None:
        per_day: dict[date, int] = defaultdict(int)
        for day, pence in changes:
            per_day[day] += pence
        self._days = sorted(per_day)
        self._totals: list[int] = []
        running = 0
        for day in self._days:
            running += per_day[day]
            self._totals.append(running)

    def on(self, day: date) -> int:
        at = bisect_right(self._days, day)
        return self._totals[at - 1] if at else 0

    @property
    def days(self) -> list[date]:
        return list(self._days)

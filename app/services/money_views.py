"""What the Money screen and `pabooks money` show: where the money stands in four numbers, whether the council
may see a surplus, what has not arrived, the register of every transaction, statements and lines to sort, and
each fund's history. Read-only; each is plain rows in the holder's words."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import NamedTuple

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from app.core.money import format_pounds
from app.models import BankLine, BankStatement, EvidenceFile, MoneyPosting, MoneyTransaction
from app.money.categories import FUNDING_STREAMS as FUNDING_STREAMS
from app.money.categories import SPENDING as SPENDING
from app.money.categories import account_words, flag_of, pooled_words, return_category
from app.money.categories import income as income
from app.money.categories import spending as spending
from app.money.council_payments import PaymentState, arrears_pence, payment_states, weekly_pence
from app.money.ledger import BANK, CONTINGENCY, CRISIS, AccountKind, kind_of
from app.money.ledger import RunningBalance as RunningBalance
from app.money.matching import Candidate as Candidate
from app.money.position import Allowance, Holding, Surplus, surplus
from app.services.book import EmployerBook
from app.services.ledger_book import account_totals as account_totals
from app.services.ledger_book import in_account_posting, pa_names, the_account
from app.services.money_expected import agreement_of, expected_in, received_in
from app.services.words import long_date

WARNINGS_DAYS = 366  # receipts missing and flagged spending are looked for over the last year


@dataclass(frozen=True, slots=True)
class MoneyPosition:
    on: date
    account_set_up: bool
    account_name: str
    holding: Holding
    surplus: Surplus | None  # None without an agreement
    allowance_words: str
    payments: tuple[PaymentState, ...]  # expected council payments and contributions up to today
    contribution_arrears_pence: int
    lines_to_sort: int
    warnings: tuple[str, ...]  # late or short payments, flagged spending, receipts missing

    def sentences(self) -> list[str]:
        said = [self.holding.words()]
        if self.surplus is not None:
            said.append(self.surplus.words())
        return said + list(self.warnings)


class _Row(NamedTuple):
    id: int
    occurred_on: date
    kind: str
    description: str
    payee: str
    reference: str
    state: str
    voided: bool
    void_reason: str
    reason: str
    authorised_by: str
    notes: str
    bank_line_id: int | None
    bank_change: int  # what it did to the account as the statement sees it
    touches_account: bool  # has a posting on the bank account or a fund (even if they sum to nothing)
    first_other: str  # the other accounts it touched (the least and greatest codes: most touch one)
    last_other: str
    pooled_total_pence: int | None = None
    pooled_with: str = ""


def _rows(session: Session, first: date | None = None, last: date | None = None) -> list[_Row]:
    """Every transaction with what it did to the account and what else it touched, in one query whose sums are
    made by the database (plain SQL that PostgreSQL runs too): fast enough for 20,000 transactions."""
    inside = in_account_posting()
    t = MoneyTransaction
    # Grouped by the transaction's key, so its own columns may be selected beside the sums (PostgreSQL allows
    # this too: they depend on the key).
    query = (select(t.id, t.occurred_on, t.kind, t.description, t.payee, t.reference, t.state, t.voided_at,
                    t.void_reason, t.reason, t.authorised_by, t.notes, t.bank_line_id, t.pooled_total_pence,
                    t.pooled_with, func.sum(case((inside, MoneyPosting.amount_pence), else_=0)),
                    func.min(case((inside, None), else_=MoneyPosting.account)),
                    func.max(case((inside, None), else_=MoneyPosting.account)),
                    func.sum(case((inside, 1), else_=0)))
             .join(MoneyPosting, MoneyPosting.transaction_id == t.id).group_by(t.id).order_by(t.occurred_on, t.id))
    if first is not None:
        query = query.where(t.occurred_on >= first)
    if last is not None:
        query = query.where(t.occurred_on <= last)
    return [_Row(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7] is not None, r[8], r[9], r[10], r[11], r[12],
                 r[15] or 0, bool(r[18]), r[16] or "", r[17] or "", r[13], r[14] or "") for r in session.execute(query)]


def _balance_before(session: Session, day: date) -> int:
    """The account's balance at the start of a day (what the statement would show the evening before)."""
    total = session.scalar(select(func.sum(MoneyPosting.amount_pence)).join(MoneyTransaction).where(
        MoneyTransaction.voided_at.is_(None), MoneyTransaction.occurred_on < day, in_account_posting()))
    return int(total or 0)


def _others(row: _Row) -> list[str]:
    return [a for a in dict.fromkeys((row.first_other, row.last_other)) if a]


def _what(row: _Row, names: dict[int, str]) -> str:
    return ", ".join(_account_words(a, names) for a in _others(row)) or _account_words(BANK, names)


_WORDS: dict[str, str] = {}


def _account_words(code: str, names: dict[int, str]) -> str:
    if code.startswith("owed:pa:"):
        return account_words(code, names)
    if code not in _WORDS:
        _WORDS[code] = account_words(code)
    return _WORDS[code]


def money_position(book: EmployerBook, on: date | None = None) -> MoneyPosition:
    day = on or book.today()
    with book.reading() as session:
        rows = _rows(session, day - timedelta(days=WARNINGS_DAYS), day)  # warnings look back a year
        return _position(session, book, day, rows, account_totals(session, day))


def _position(session: Session, book: EmployerBook, day: date, rows: list[_Row], totals: dict[str, int]
              ) -> MoneyPosition:
    """The position on a day from the last year's rows (to the day) and every account's total on it."""
    account = the_account(session)
    in_account = sum(v for a, v in totals.items() if kind_of(a).in_the_account)
    owed = -sum(v for a, v in totals.items() if kind_of(a) is AccountKind.OWED)
    holding = Holding(in_account, owed, totals.get(CONTINGENCY, 0), totals.get(CRISIS, 0))
    agreement = agreement_of(session)
    payer = agreement.council_name if agreement and book.budget_id is not None else "The council"
    states = payment_states(expected_in(session, day), received_in(session), day, payer) if agreement else []
    warnings = [s.words + f" (due {long_date(s.expected.due_on)})." for s in states if s.state in ("late", "short")]
    result_surplus = None
    allowance_words = "Set the council agreement to see how much the account may hold."
    if agreement is not None:
        weekly = weekly_pence(agreement.payment_pence, agreement.payment_frequency)
        allowance = Allowance(weekly, agreement.contingency_weeks, agreement.weeks_paid_in_advance,
                              agreement.agreed_extras_pence)
        result_surplus = surplus(in_account, owed, allowance)
        extras = (f" plus {format_pounds(agreement.agreed_extras_pence)} agreed extras"
                  if agreement.agreed_extras_pence else "")
        allowance_words = (f"The agreement lets the account hold {format_pounds(allowance.allowed_pence)}: "
                           f"{_weeks(agreement.contingency_weeks)} of contingency and "
                           f"{_weeks(agreement.weeks_paid_in_advance)} paid in advance at "
                           f"{format_pounds(weekly)} a week{extras}.")
        threshold = agreement.receipt_threshold_pence
        if threshold:
            evidence = set(session.scalars(select(EvidenceFile.transaction_id)))
            missing = [r for r in rows if not r.voided and r.kind in ("spending", "fund_draw")
                       and -r.bank_change > threshold and r.id not in evidence
                       and not _has_own_evidence(_others(r))]
            if missing:
                warnings.append(f"{len(missing)} payments over {format_pounds(threshold)} have no receipt kept "
                                f"with them; the agreement asks for receipts above that amount.")
    for r in rows:
        flags = [flag_of(return_category(a)) for a in _others(r) if a.startswith("spending:")]
        if not r.voided and any(flags):
            warnings.append(f"{long_date(r.occurred_on)}, {r.payee or r.description}: {next(f for f in flags if f)}")
    sorted_as = select(MoneyTransaction.id).where(MoneyTransaction.bank_line_id == BankLine.id,
                                                  MoneyTransaction.voided_at.is_(None))
    to_sort = int(session.scalar(select(func.count(BankLine.id)).where(~sorted_as.exists())) or 0)
    if to_sort:
        warnings.append(f"{to_sort} bank statement lines are not sorted yet.")
    return MoneyPosition(day, account is not None, account.name if account else "", holding, result_surplus,
                         allowance_words, tuple(states), arrears_pence(states, "contribution"), to_sort,
                         tuple(warnings))


PAYROLL_CATEGORIES = frozenset({"spending:pa_wages", "spending:hmrc", "spending:pension"})


def _has_own_evidence(accounts: list[str]) -> bool:
    """Wages, HMRC and pension payments are evidenced by payslips and HMRC's and the scheme's statements."""
    return any(a in PAYROLL_CATEGORIES for a in accounts)


def _weeks(weeks: Decimal) -> str:
    shown = f"{weeks.normalize():f}"
    return f"{shown} week" if weeks == 1 else f"{shown} weeks"


class RegisterRow(NamedTuple):
    transaction_id: int
    occurred_on: date
    description: str
    what: str  # the category, stream or who was paid, in words
    in_pence: int
    out_pence: int
    balance_pence: int  # the account's balance after this row (voided rows do not change it)
    state: str  # not cleared, cleared, reconciled, voided
    note: str  # the void reason, a fund draw's reason and who agreed it, the notes
    receipts: int


STATE_WORDS = {"not_cleared": "Not cleared", "cleared": "Cleared", "reconciled": "Reconciled"}


def register(book: EmployerBook, text: str = "", first: date | None = None, last: date | None = None,
             account: str = "", include_voided: bool = True) -> list[RegisterRow]:
    """Every transaction that touched the account, oldest first, with the running balance; filtered by words in
    it, dates and an account (a category, stream or fund)."""
    with book.reading() as session:
        rows = _rows(session, first, last)
        balance = _balance_before(session, first) if first else 0
        return _register(session, rows, balance, text, account, include_voided)


def _register(session: Session, rows: list[_Row], balance: int, text: str, account: str, include_voided: bool
              ) -> list[RegisterRow]:
    """The register from rows in date order, `balance` being the account's balance before the first."""
    names = pa_names(session)
    receipts: dict[int, int] = defaultdict(int)
    for tid in session.scalars(select(EvidenceFile.transaction_id)):
        receipts[tid] += 1
    touching = set(session.scalars(select(MoneyPosting.transaction_id).where(MoneyPosting.account == account))) \
        if account else set()
    wanted = text.strip().lower()
    found: list[RegisterRow] = []
    for row in rows:
        change = row.bank_change
        if not row.voided:
            balance += change
        if change == 0 and row.kind not in ("fund_topup", "fund_release"):
            continue  # a pay run's costs: they show when each is paid
        if account and row.id not in touching or row.voided and not include_voided:
            continue
        what = _what(row, names) if row.kind not in ("fund_topup", "fund_release") else \
            ("Set aside in a fund" if row.kind == "fund_topup" else "Released from a fund")
        note = "; ".join(x for x in (
            f"Voided: {row.void_reason}" if row.voided else "",
            f"Why: {row.reason}" if row.reason else "",
            f"Agreed by {row.authorised_by}" if row.authorised_by else "",
            pooled_words(row.pooled_total_pence, row.pooled_with), row.notes) if x)
        item = RegisterRow(row.id, row.occurred_on, row.description or row.payee, what, max(change, 0),
                           max(-change, 0), balance, "Voided" if row.voided else STATE_WORDS.get(row.state, row.state),
                           note, receipts.get(row.id, 0))
        if wanted and wanted not in f"{item.description} {item.what} {item.note} {row.reference}".lower():
            continue
        found.append(item)
    return found


def balance_series(book: EmployerBook, first: date | None = None) -> RunningBalance:
    """The account's balance on any day (from `first`, when given), for charts and lookups: the database sums
    each day's change, so a 10-year file costs one short query."""
    with book.reading() as session:
        query = (select(MoneyTransaction.occurred_on, func.sum(MoneyPosting.amount_pence)).join(MoneyTransaction)
                 .where(MoneyTransaction.voided_at.is_(None), in_account_posting()).group_by(MoneyTransaction.occurred_on))
        changes: list[tuple[date, int]] = []
        if first is not None:
            query = query.where(MoneyTransaction.occurred_on >= first)
            changes.append((first - timedelta(days=1), _balance_before(session, first)))
        changes += [(day, int(total or 0)) for day, total in session.execute(query)]
    return RunningBalance(changes)


@dataclass(frozen=True, slots=True)
class MoneyOverview:
    """All the Money screen shows at once, read in one go."""
    position: MoneyPosition
    register: list[RegisterRow]
    series: RunningBalance  # the account's balance on any day from the chart's first day


def money_overview(book: EmployerBook, register_from: date | None, chart_from: date, text: str = "",
                   account: str = "", include_voided: bool = True) -> MoneyOverview:
    """money_position, register (from a day; None: all) and balance_series for the chart, from one read of the
    year; the balance before a day is worked back from today's, not summed over every earlier year again."""
    day = book.today()
    warnings_from = day - timedelta(days=WARNINGS_DAYS)
    with book.reading() as session:
        earliest = min(register_from, chart_from, warnings_from) if register_from is not None else None
        rows = _rows(session, earliest)
        totals = account_totals(session, day)
        position = _position(session, book, day, [r for r in rows if warnings_from <= r.occurred_on <= day], totals)

        def balance_before(first: date) -> int:
            return position.holding.in_account_pence - sum(
                r.bank_change for r in rows if not r.voided and first <= r.occurred_on <= day)

        if register_from is None:
            register_rows = _register(session, rows, 0, text, account, include_voided)
        else:
            register_rows = _register(session, [r for r in rows if r.occurred_on >= register_from],
                                      balance_before(register_from), text, account, include_voided)
    changes = [(chart_from - timedelta(days=1), balance_before(chart_from))]
    changes += [(r.occurred_on, r.bank_change) for r in rows
                if not r.voided and r.touches_account and r.occurred_on >= chart_from]
    return MoneyOverview(position, register_rows, RunningBalance(changes))


@dataclass(frozen=True, slots=True)
class StatementRow:
    statement_id: int
    file_name: str
    layout: str
    starts_on: date
    ends_on: date
    closing_balance_pence: int | None
    lines: int
    to_sort: int
    reconciled: bool

    def words(self) -> str:
        state = "reconciled" if self.reconciled else (f"{self.to_sort} lines to sort" if self.to_sort else
                                                      "ready to reconcile")
        closing = format_pounds(self.closing_balance_pence) if self.closing_balance_pence is not None else "not given"
        return (f"{self.layout}, {long_date(self.starts_on)} to {long_date(self.ends_on)}: {self.lines} lines, "
                f"closing balance {closing}; {state}.")


@dataclass(frozen=True, slots=True)
class LineRow:
    line_id: int
    statement_id: int
    occurred_on: date
    description: str
    amount_pence: int
    sorted_as: str  # "" when not sorted


def statements(book: EmployerBook) -> tuple[list[StatementRow], list[LineRow]]:
    with book.reading() as session:
        rows = _rows(session)
        names = pa_names(session)
        by_line = {r.bank_line_id: r for r in rows if r.bank_line_id is not None and not r.voided}
        lines = [LineRow(line.id, line.statement_id, line.occurred_on, line.description, line.amount_pence,
                         _what(by_line[line.id], names) if line.id in by_line else "")
                 for line in session.scalars(select(BankLine).order_by(BankLine.occurred_on, BankLine.id))]
        found = []
        for s in session.scalars(select(BankStatement).order_by(BankStatement.starts_on, BankStatement.id)):
            mine = [line for line in lines if line.statement_id == s.id]
            found.append(StatementRow(s.id, s.file_name, s.layout, s.starts_on, s.ends_on, s.closing_balance_pence,
                                      len(mine), sum(1 for line in mine if not line.sorted_as),
                                      s.reconciled_at is not None))
    return found, lines


def fund_history(book: EmployerBook, fund: str) -> list[RegisterRow]:
    """Every movement in and out of one fund, with its reason and who agreed it."""
    t = MoneyTransaction
    with book.reading() as session:
        names = pa_names(session)
        found_rows = session.execute(
            select(t.id, t.occurred_on, t.description, t.payee, t.state, t.voided_at, t.void_reason, t.reason,
                   t.authorised_by, MoneyPosting.amount_pence).join(MoneyPosting)
            .where(MoneyPosting.account == fund).order_by(t.occurred_on, t.id)).all()
        others: dict[int, list[str]] = defaultdict(list)
        for tid, code in session.execute(select(MoneyPosting.transaction_id, MoneyPosting.account).where(
                MoneyPosting.transaction_id.in_([r[0] for r in found_rows]), MoneyPosting.account != fund)):
            others[tid].append(code)
    found: list[RegisterRow] = []
    balance = 0
    for tid, on, description, payee, state, voided_at, void_reason, reason, agreed, change in found_rows:
        if voided_at is None:
            balance += change
        note = "; ".join(x for x in (f"Why: {reason}" if reason else "", f"Agreed by {agreed}" if agreed else "",
                                     f"Voided: {void_reason}" if voided_at else "") if x)
        found.append(RegisterRow(tid, on, description or payee,
                                 ", ".join(_account_words(a, names) for a in others[tid]), max(change, 0),
                                 max(-change, 0), balance, "Voided" if voided_at else STATE_WORDS.get(state, state),
                                 note, 0))
    return found


def what_a_line_could_be(book: EmployerBook, line_id: int) -> list[Candidate]:
    """The expected things a statement line could be (its amount, the closest dates first)."""
    from app.services.reconcile_statement import line_candidates

    with book.reading() as session:
        line = session.get(BankLine, line_id)
        return line_candidates(session, line) if line is not None else []


def owed_now(book: EmployerBook) -> list[Candidate]:
    """What finalised pay runs say is owed and not yet paid: each PA's pay, HMRC's and the pension scheme's bills."""
    from app.services.money_expected import candidates

    with book.reading() as session:
        return [c for c in candidates(session, book.today()) if c.key.startswith("owed:") and c.bank_amount_pence < 0]



def balance_on(book: EmployerBook, day: date) -> int:
    """The account's balance at the end of a day, in one sum the database makes."""
    with book.reading() as session:
        return _balance_before(session, day + timedelta(days=1))

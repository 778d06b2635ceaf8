"""Sort the lines of an imported statement and reconcile it.

A line is sorted by matching it to something expected (a council payment, a PA's pay, an HMRC bill, a payment
already recorded) or by recording it as money in or spending (RecordMoneyIn, RecordSpending with the line).
A statement is reconciled when every line is sorted and the cleared balance in PA Books equals the statement's
closing balance; then its transactions are protected. Otherwise the difference is shown and nothing changes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.problems import Problem
from app.models import BankLine, BankStatement, MoneyTransaction
from app.money.matching import Candidate, close_enough
from app.services.ledger_book import all_rows, amount_problem, in_account_change
from app.services.money_expected import candidates
from app.services.operations import Change, Context, Operation
from app.services.record_money import record_candidate
from app.services.words import format_pounds, long_date


@dataclass(frozen=True, slots=True)
class LineMatch:
    line_id: int
    candidate_key: str  # one of money_expected.candidates' keys


class MatchBankLine(Operation[LineMatch, int]):
    action = "bank_line_matched"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: LineMatch) -> list[Problem]:
        line = ctx.session.get(BankLine, given.line_id)
        if line is None:
            return [Problem("That statement line is not in this file.", "line")]
        if ctx.session.scalars(select(MoneyTransaction).where(MoneyTransaction.bank_line_id == line.id)).first():
            return [Problem("That statement line is already sorted.", "line")]
        fits = {c.key: c for c in candidates(ctx.session, line.occurred_on)}
        chosen = fits.get(given.candidate_key)
        if chosen is None:
            return [Problem("That is not something PA Books is expecting any more; choose again.", "candidate")]
        if chosen.bank_amount_pence != line.amount_pence:
            return [Problem(f"The line is {format_pounds(line.amount_pence)} but {chosen.words} is "
                            f"{format_pounds(chosen.bank_amount_pence)}: they cannot be the same payment. Record the "
                            f"line on its own instead.", "candidate")]
        return []

    def apply(self, ctx: Context, given: LineMatch) -> int:
        line = ctx.session.get(BankLine, given.line_id)
        assert line is not None
        row = record_candidate(ctx, given.candidate_key, line)
        ctx.note("bank_line", line.id, matched_to=given.candidate_key)
        return row.id


def line_candidates(session: Session, line: BankLine) -> list[Candidate]:
    """What a line could be: the expected things of its amount and a close date first."""
    found = candidates(session, line.occurred_on)
    return sorted((c for c in found if c.bank_amount_pence == line.amount_pence),
                  key=lambda c: (not close_enough(line.occurred_on, c.on), abs((line.occurred_on - c.on).days)))


@dataclass(frozen=True, slots=True)
class Reconciling:
    statement_id: int
    closing_balance: str = ""  # as typed, when the file gave none


def cleared_balance(rows: list[MoneyTransaction], lines: dict[int, BankLine], until: date) -> int:
    """The bank balance counting only what the bank has seen, up to a day."""
    total = 0
    for row in rows:
        if row.voided_at is not None or row.state == "not_cleared":
            continue
        seen_on = lines[row.bank_line_id].occurred_on if row.bank_line_id in lines else row.occurred_on
        if seen_on <= until:
            total += in_account_change(row)
    return total


def reconcile_problems(ctx: Context, given: Reconciling) -> tuple[list[Problem], int | None]:
    statement = ctx.session.get(BankStatement, given.statement_id)
    if statement is None:
        return [Problem("That statement is not in this file.", "statement")], None
    if statement.reconciled_at is not None:
        return [Problem("That statement is already reconciled.", "statement")], None
    found: list[Problem] = []
    closing = statement.closing_balance_pence
    if given.closing_balance.strip():
        closing = amount_problem(given.closing_balance, "closing_balance", found, "The closing balance", positive=False)
    elif closing is None:
        found.append(Problem("This statement file gave no closing balance: type the balance your paper or online "
                             f"statement shows at the end of {long_date(statement.ends_on)}.", "closing_balance"))
    all_lines = {line.id: line for line in ctx.session.scalars(select(BankLine))}
    rows = all_rows(ctx.session)
    sorted_ids = {r.bank_line_id for r in rows if r.bank_line_id is not None and r.voided_at is None}
    unsorted = [line for line in all_lines.values() if line.statement_id == statement.id and line.id not in sorted_ids]
    for line in sorted(unsorted, key=lambda x: x.line_no):
        found.append(Problem(f"{long_date(line.occurred_on)}, {line.description or 'no description'}, "
                             f"{format_pounds(line.amount_pence)}: not sorted yet.", "line", line.line_no))
    if closing is not None and not found:
        ours = cleared_balance(rows, all_lines, statement.ends_on)
        if ours != closing:
            earlier = [s for s in ctx.session.scalars(select(BankStatement)) if s.ends_on < statement.starts_on]
            hint = ("Is there a statement before this one that has not been imported? " if not earlier else
                    "Check the opening balance and any line sorted against the wrong statement. ")
            found.append(Problem(f"The statement's closing balance is {format_pounds(closing)}, but what PA Books has "
                                 f"seen cleared comes to {format_pounds(ours)}: {format_pounds(abs(closing - ours))} "
                                 f"apart. {hint}Nothing has been reconciled.", "closing_balance"))
    return found, closing


class ReconcileStatement(Operation[Reconciling, int]):
    action = "statement_reconciled"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: Reconciling) -> list[Problem]:
        return reconcile_problems(ctx, given)[0]

    def apply(self, ctx: Context, given: Reconciling) -> int:
        _, closing = reconcile_problems(ctx, given)
        statement = ctx.session.get(BankStatement, given.statement_id)
        assert statement is not None
        statement.closing_balance_pence = closing
        statement.reconciled_at = ctx.now
        line_ids = set(ctx.session.scalars(select(BankLine.id).where(BankLine.statement_id == statement.id)))
        count = 0
        for row in ctx.session.scalars(select(MoneyTransaction).where(MoneyTransaction.bank_line_id.in_(line_ids))):
            row.state = "reconciled"
            count += 1
        ctx.note("bank_statement", statement.id, closing=format_pounds(closing or 0), transactions=count)
        return count

"""Import a bank statement file: every line read or the whole file refused with every bad line listed; lines
already imported (the same statement twice, or two statements that overlap) are left out; then each new line is
matched to what PA Books expected where exactly one thing fits, and the rest are left for the holder to sort."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.problems import Problem
from app.models import BankLayoutChoice, BankLine, BankStatement
from app.money.bank_layouts import Layout, layout_from_json
from app.money.bank_statements import UNKNOWN_LAYOUT as UNKNOWN_LAYOUT
from app.money.bank_statements import Statement, read_statement
from app.money.matching import best_match
from app.services.ledger_book import the_account
from app.services.money_expected import candidates
from app.services.operations import Change, Context, Operation, Progress, keep_going
from app.services.record_money import record_candidate
from app.services.words import long_date

MAX_STATEMENT_BYTES = 10 * 1024 * 1024
PROGRESS_EVERY = 50  # lines between reports of how far an import has gone


@dataclass(frozen=True, slots=True)
class StatementFile:
    path: Path
    closing_balance: str = ""  # as typed, for a file that gives no balance
    progress: Progress | None = field(default=None, compare=False)  # told how far it is; may stop it (undone)


@dataclass(frozen=True, slots=True)
class Imported:
    statement_id: int | None
    layout: str
    added: int
    already_there: int
    matched: int
    to_sort: int
    notes: tuple[str, ...] = field(default=())

    def words(self) -> str:
        if not self.added:
            return f"Nothing added: all {_lines(self.already_there)} of this statement were imported before."
        said = [f"{_lines(self.added)} added from the {self.layout} statement"]
        if self.already_there:
            said.append(f"{self.already_there} already imported were left out")
        said.append(f"{self.matched} matched to what PA Books expected")
        if self.to_sort:
            said.append(f"{self.to_sort} to sort")
        return "; ".join(said) + "."


def _lines(count: int) -> str:
    return f"{count} line" if count == 1 else f"{count} lines"


def holder_layouts(session: Session) -> list[Layout]:
    """The layouts the holder chose, the latest first (a later choice for the same header wins)."""
    rows = session.scalars(select(BankLayoutChoice).order_by(BankLayoutChoice.id.desc()))
    return [layout_from_json(r.layout_json) for r in rows]


def _read(ctx: Context, given: StatementFile) -> tuple[Statement | None, list[Problem], bytes]:
    if not given.path.is_file():
        return None, [Problem(f"There is no file at {given.path}.", "path")], b""
    if given.path.stat().st_size > MAX_STATEMENT_BYTES:
        return None, [Problem("The file is larger than 10 MB: a bank statement export is much smaller. Choose the "
                              "statement's CSV or OFX file.", "path")], b""
    data = given.path.read_bytes()
    statement, problems = read_statement(data, given.path.name, holder_layouts(ctx.session))
    return statement, problems, data


class ImportStatement(Operation[StatementFile, Imported]):
    action = "statement_imported"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: StatementFile) -> list[Problem]:
        if the_account(ctx.session) is None:
            return [Problem("Set up the direct payment account first (Money screen, Set up the account).", "account")]
        _, problems, _ = _read(ctx, given)
        if given.closing_balance.strip():
            from app.services.ledger_book import amount_problem

            amount_problem(given.closing_balance, "closing_balance", problems, "The closing balance", positive=False)
        return problems

    def apply(self, ctx: Context, given: StatementFile) -> Imported:
        statement, _, data = _read(ctx, given)
        assert statement is not None and statement.starts_on and statement.ends_on
        account = the_account(ctx.session)
        assert account is not None
        known = set(ctx.session.scalars(select(BankLine.bank_id).where(BankLine.bank_account_id == account.id)))
        new_lines = [line for line in statement.lines if line.bank_id not in known]
        if not new_lines:
            ctx.note("bank_statement", None, added=0, already_there=len(statement.lines))
            return Imported(None, statement.layout, 0, len(statement.lines), 0, 0, statement.notes)
        closing = statement.closing_balance_pence
        if closing is None and given.closing_balance.strip():
            from app.services.ledger_book import amount_problem

            closing = amount_problem(given.closing_balance, "", [], positive=False)
        row = BankStatement(bank_account_id=account.id, file_name=given.path.name,
                            file_sha256=hashlib.sha256(data).hexdigest(), layout=statement.layout,
                            starts_on=statement.starts_on, ends_on=statement.ends_on,
                            opening_balance_pence=statement.opening_balance_pence, closing_balance_pence=closing,
                            imported_at=ctx.now)
        ctx.session.add(row)
        ctx.session.flush()
        stored: list[BankLine] = []
        total = len(new_lines) * 2  # storing each line, then matching it
        for at, line in enumerate(new_lines):
            if at % PROGRESS_EVERY == 0:
                keep_going(given.progress, at, total)
            kept = BankLine(bank_account_id=account.id, statement_id=row.id, bank_id=line.bank_id, line_no=line.line,
                            occurred_on=line.occurred_on, description=line.description,
                            amount_pence=line.amount_pence, balance_pence=line.balance_pence)
            ctx.session.add(kept)
            stored.append(kept)
        ctx.session.flush()
        matched = match_lines(ctx, stored, lambda done: keep_going(given.progress, len(new_lines) + done, total))
        ctx.note("bank_statement", row.id, added=len(new_lines), matched=matched,
                 period=f"{long_date(statement.starts_on)} to {long_date(statement.ends_on)}")
        return Imported(row.id, statement.layout, len(new_lines), len(statement.lines) - len(new_lines), matched,
                        len(new_lines) - matched, statement.notes)


def match_lines(ctx: Context, lines: list[BankLine], report: Callable[[int], None] | None = None) -> int:
    """Match each line to the one expected thing that fits it; returns how many were matched."""
    # Matched automatically only when close enough (matching.close_enough), so only transactions recorded in
    # reach of the statement's first line are read; by hand, a line may be matched to anything still expected.
    found = candidates(ctx.session, max(line.occurred_on for line in lines), min(line.occurred_on for line in lines))
    taken: set[str] = set()
    matched = 0
    for at, line in enumerate(sorted(lines, key=lambda x: (x.occurred_on, x.id))):
        if report is not None and at % PROGRESS_EVERY == 0:
            report(at)
        best = best_match(line.amount_pence, line.occurred_on, found, taken)
        if best is None:
            continue
        taken.add(best.key)
        record_candidate(ctx, best.key, line)
        matched += 1
    return matched

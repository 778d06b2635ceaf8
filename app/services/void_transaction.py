"""Void a transaction recorded by mistake: it stays in the history with the reason and who voided it, and counts
for nothing. A transaction reconciled with a bank statement, or made by finalising a pay run, cannot be voided:
the statement or the payslips say it happened (put a mistake right with a correction instead)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.problems import Problem
from app.models import MoneyTransaction
from app.services.operations import Change, Context, Operation


@dataclass(frozen=True, slots=True)
class Voiding:
    transaction_id: int
    reason: str


class VoidTransaction(Operation[Voiding, int]):
    action = "transaction_voided"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: Voiding) -> list[Problem]:
        row = ctx.session.get(MoneyTransaction, given.transaction_id)
        found: list[Problem] = []
        if row is None:
            return [Problem("That transaction is not in this file.", "transaction")]
        if row.voided_at is not None:
            found.append(Problem("That transaction is already voided.", "transaction"))
        elif row.state == "reconciled":
            found.append(Problem("That transaction is reconciled with a bank statement, so it happened as the bank "
                                 "says. If it was sorted under the wrong category, record a correction.",
                                 "transaction"))
        elif row.kind in ("pay_run", "opening"):
            found.append(Problem("This was made by finalising a pay run (or setting up the account) and cannot be "
                                 "voided; correct the pay run instead.", "transaction"))
        if len(given.reason.strip()) < 5:
            found.append(Problem("Say why it is being voided (for example: typed twice).", "reason"))
        return found

    def apply(self, ctx: Context, given: Voiding) -> int:
        row = ctx.session.get(MoneyTransaction, given.transaction_id)
        assert row is not None
        row.voided_at = ctx.now
        row.void_reason = f"{given.reason.strip()} (voided by {ctx.actor.words()})"
        row.bank_line_id = None  # its statement line, if any, is left to be sorted again
        row.state = "not_cleared"
        ctx.note("money_transaction", row.id, reason=given.reason.strip())
        return row.id

"""Move money in or out of a fund set aside inside the account: top up the contingency or the crisis fund, or
release money from one back to spend freely. Every movement says why and who agreed it; the money never leaves
the account, so the statement does not see it. (Spending straight from a fund is RecordSpending with a fund.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.money import format_pounds
from app.core.problems import Problem
from app.money.ledger import BANK, FUNDS, Posting
from app.services.ledger_book import account_totals, amount_problem, post, the_account
from app.services.operations import Change, Context, Operation


@dataclass(frozen=True, slots=True)
class FundMove:
    fund: str  # fund:contingency or fund:crisis
    occurred_on: date
    amount: str
    reason: str
    authorised_by: str = ""


def _problems(ctx: Context, given: FundMove) -> tuple[list[Problem], int | None]:
    found: list[Problem] = []
    if the_account(ctx.session) is None:
        found.append(Problem("Set up the direct payment account first.", "account"))
    if given.fund not in FUNDS:
        found.append(Problem("Choose the contingency or the crisis fund.", "fund"))
    pence = amount_problem(given.amount, "amount", found)
    if len(given.reason.strip()) < 5:
        found.append(Problem("Say why (for example: the council agreed 6 weeks' contingency).", "reason"))
    return found, pence


class TopUpFund(Operation[FundMove, int]):
    action = "fund_topped_up"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: FundMove) -> list[Problem]:
        found, pence = _problems(ctx, given)
        if pence and not found:
            free = account_totals(ctx.session, given.occurred_on).get(BANK, 0)
            if pence > free:
                found.append(Problem(f"Only {format_pounds(free)} is free to set aside on that day.", "amount"))
        return found

    def apply(self, ctx: Context, given: FundMove) -> int:
        pence = amount_problem(given.amount, "", [])
        assert pence is not None
        row = post(ctx, given.occurred_on, "fund_topup", [Posting(given.fund, pence), Posting(BANK, -pence)],
                   reason=given.reason.strip(), authorised_by=given.authorised_by.strip(), state="reconciled",
                   description="Set aside in the fund")
        ctx.note("money_transaction", row.id, fund=given.fund, amount=given.amount, reason=given.reason.strip())
        return row.id


class ReleaseFromFund(Operation[FundMove, int]):
    action = "fund_released"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: FundMove) -> list[Problem]:
        found, pence = _problems(ctx, given)
        if not given.authorised_by.strip():
            found.append(Problem("Say who agreed to release the money.", "authorised_by"))
        if pence and not found:
            held = account_totals(ctx.session, given.occurred_on).get(given.fund, 0)
            if pence > held:
                found.append(Problem(f"The fund holds only {format_pounds(held)} on that day.", "amount"))
        return found

    def apply(self, ctx: Context, given: FundMove) -> int:
        pence = amount_problem(given.amount, "", [])
        assert pence is not None
        row = post(ctx, given.occurred_on, "fund_release", [Posting(BANK, pence), Posting(given.fund, -pence)],
                   reason=given.reason.strip(), authorised_by=given.authorised_by.strip(), state="reconciled",
                   description="Released from the fund to spend")
        ctx.note("money_transaction", row.id, fund=given.fund, amount=given.amount, reason=given.reason.strip())
        return row.id

"""Record money into or out of the direct payment account: money in from a funding stream, spending under a
category (from free money or drawn from a fund, with the reason and who agreed it), and paying what a PA, HMRC or
the pension scheme is owed. Receipts and invoices are kept with the transaction inside the employer file."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from app.core.money import format_pounds
from app.core.problems import Problem
from app.models import BankLine, EvidenceFile, MoneyTransaction
from app.money.categories import income, is_funding_stream, is_spending_category, spending
from app.money.ledger import BANK, FUNDS, OWED_HMRC, OWED_PENSION, Posting, kind_of
from app.services.ledger_book import account_totals, amount_problem, post, the_account
from app.services.money_expected import received_in
from app.services.operations import Change, Context, Operation

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024  # a photo of a receipt or a scanned invoice; a bigger file is refused


def _account_problem(ctx: Context, found: list[Problem]) -> None:
    if the_account(ctx.session) is None:
        found.append(Problem("Set up the direct payment account first (Money screen, Set up the account).",
                             "account"))


def _evidence_problems(paths: tuple[Path, ...], found: list[Problem]) -> None:
    for path in paths:
        if not path.is_file():
            found.append(Problem(f"The receipt {path.name} is not there any more; choose it again.", "evidence"))
        elif path.stat().st_size > MAX_EVIDENCE_BYTES:
            found.append(Problem(f"{path.name} is larger than 20 MB; scan or photograph it at a lower resolution.",
                                 "evidence"))


def keep_evidence(ctx: Context, transaction_id: int, paths: tuple[Path, ...]) -> None:
    for path in paths:
        content = path.read_bytes()
        ctx.session.add(EvidenceFile(
            transaction_id=transaction_id, file_name=path.name, content=content, added_at=ctx.now,
            media_type=mimetypes.guess_type(path.name)[0] or "application/octet-stream",
            sha256=hashlib.sha256(content).hexdigest()))


def _line_problem(ctx: Context, line_id: int | None, amount_pence: int | None, found: list[Problem]) -> None:
    if line_id is None:
        return
    line = ctx.session.get(BankLine, line_id)
    if line is None:
        found.append(Problem("That statement line is not in this file.", "line"))
    elif ctx.session.query(MoneyTransaction).filter_by(bank_line_id=line_id).first() is not None:
        found.append(Problem("That statement line is already sorted.", "line"))
    elif amount_pence is not None and line.amount_pence != amount_pence:
        found.append(Problem("The amount must be the statement line's amount.", "amount"))


def _from_line(ctx: Context, line_id: int | None) -> dict[str, object]:
    return {"bank_line_id": line_id, "state": "cleared"} if line_id is not None else {}


@dataclass(frozen=True, slots=True)
class MoneyIn:
    occurred_on: date
    amount: str  # as typed
    stream: str = "council"  # a funding stream code (money.categories)
    payer: str = ""
    reference: str = ""
    notes: str = ""
    bank_line_id: int | None = None  # the statement line it is, when sorted from a statement
    fund: str = ""  # a fund to put it straight into (fund:contingency, fund:crisis); "" for free money


class RecordMoneyIn(Operation[MoneyIn, int]):
    action = "money_in_recorded"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: MoneyIn) -> list[Problem]:
        found: list[Problem] = []
        _account_problem(ctx, found)
        pence = amount_problem(given.amount, "amount", found)
        if not is_funding_stream(given.stream):
            found.append(Problem("Choose where the money came from.", "stream"))
        if given.fund and given.fund not in FUNDS:
            found.append(Problem("Choose the contingency or the crisis fund, or neither.", "fund"))
        _line_problem(ctx, given.bank_line_id, pence, found)
        return found

    def apply(self, ctx: Context, given: MoneyIn) -> int:
        pence = amount_problem(given.amount, "", [])
        assert pence is not None
        expected_on = None
        if given.stream in ("council", "contribution"):
            from app.money.council_payments import next_expected
            from app.services.money_expected import expected_in

            # Payments up to a year ahead (a council may pay early); 366 days, so 29 February is a day like any other.
            nearest = next_expected(expected_in(ctx.session, given.occurred_on + timedelta(days=366)),
                                    received_in(ctx.session), given.stream, given.occurred_on)
            expected_on = nearest.due_on if nearest else None
        row = post(ctx, given.occurred_on, "money_in",
                   [Posting(given.fund or BANK, pence), Posting(income(given.stream), -pence)],
                   payee=given.payer, reference=given.reference, notes=given.notes, expected_on=expected_on,
                   description=given.payer or given.reference, **_from_line(ctx, given.bank_line_id))
        ctx.note("money_transaction", row.id, amount=given.amount, stream=given.stream)
        return row.id


@dataclass(frozen=True, slots=True)
class Spending:
    occurred_on: date
    amount: str
    category: str
    payee: str
    method: str = "bank_transfer"
    reference: str = ""
    outcome: str = ""  # the support plan outcome it serves
    notes: str = ""
    evidence: tuple[Path, ...] = ()
    from_fund: str = ""  # "fund:crisis" or "fund:contingency" to draw on a fund: then a reason and who agreed it
    reason: str = ""
    authorised_by: str = ""
    bank_line_id: int | None = None
    pooled_total: str = ""  # money pooled with other holders: the whole cost, as typed ("" when not pooled)
    pooled_with: str = ""  # who shared it and what for ("Sam and Kit: a shared PA for the Thursday group")


class RecordSpending(Operation[Spending, int]):
    action = "spending_recorded"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: Spending) -> list[Problem]:
        found: list[Problem] = []
        _account_problem(ctx, found)
        pence = amount_problem(given.amount, "amount", found)
        if not is_spending_category(given.category):
            found.append(Problem("Choose what the money was spent on.", "category"))
        if not given.payee.strip():
            found.append(Problem("Say who was paid.", "payee"))
        if given.from_fund:
            if given.from_fund not in FUNDS:
                found.append(Problem("Choose the contingency or the crisis fund.", "from_fund"))
            if len(given.reason.strip()) < 5:
                found.append(Problem("Say why the fund was used (for example: emergency cover while Priya was "
                                     "in hospital).", "reason"))
            if not given.authorised_by.strip():
                found.append(Problem("Say who agreed to use the fund.", "authorised_by"))
            elif pence and given.from_fund in FUNDS:
                held = account_totals(ctx.session, given.occurred_on).get(given.from_fund, 0)
                if pence > held:
                    found.append(Problem(f"The fund holds only {format_pounds(held)} on that day; pay the rest from "
                                         f"the account as a separate payment.", "amount"))
        if given.pooled_total.strip() or given.pooled_with.strip():
            whole = amount_problem(given.pooled_total, "pooled_total", found, "The whole pooled cost")
            if whole is not None and pence is not None and whole < pence:
                found.append(Problem(f"The whole pooled cost ({format_pounds(whole)}) is less than your share "
                                     f"({format_pounds(pence)}): the amount is your share, the whole is everyone's.",
                                     "pooled_total"))
            if not given.pooled_with.strip():
                found.append(Problem("Say who the cost was pooled with, and what for.", "pooled_with"))
        _evidence_problems(given.evidence, found)
        _line_problem(ctx, given.bank_line_id, -pence if pence else None, found)
        return found

    def apply(self, ctx: Context, given: Spending) -> int:
        pence = amount_problem(given.amount, "", [])
        assert pence is not None
        row = post(ctx, given.occurred_on, "fund_draw" if given.from_fund else "spending",
                   [Posting(spending(given.category), pence), Posting(given.from_fund or BANK, -pence)],
                   payee=given.payee.strip(), method=given.method, reference=given.reference, outcome=given.outcome,
                   notes=given.notes, reason=given.reason.strip(), authorised_by=given.authorised_by.strip(),
                   description=given.payee.strip(), **_from_line(ctx, given.bank_line_id))
        if given.pooled_total.strip():
            row.pooled_total_pence = amount_problem(given.pooled_total, "", [])
            row.pooled_with = given.pooled_with.strip()
        keep_evidence(ctx, row.id, given.evidence)
        ctx.note("money_transaction", row.id, amount=given.amount, category=given.category,
                 fund=given.from_fund or None, reason=given.reason or None)
        return row.id


@dataclass(frozen=True, slots=True)
class Payment:
    """Paying what is owed: a PA's pay from a pay run, an HMRC bill, a pension bill."""

    occurred_on: date
    amount: str
    owed_account: str  # owed:pa:<id>, owed:hmrc, owed:pension
    pay_run_id: int | None = None  # for a PA's pay
    due_on: date | None = None  # for an HMRC or pension bill: its due date
    payee: str = ""
    reference: str = ""
    bank_line_id: int | None = None


class PayWhatIsOwed(Operation[Payment, int]):
    action = "owed_paid"
    changes = frozenset({Change.MONEY, Change.PAY_RUNS})

    def check(self, ctx: Context, given: Payment) -> list[Problem]:
        found: list[Problem] = []
        _account_problem(ctx, found)
        pence = amount_problem(given.amount, "amount", found)
        try:
            owed = kind_of(given.owed_account).value == "owed"
        except ValueError:
            owed = False
        if not owed or given.owed_account not in (OWED_HMRC, OWED_PENSION) and not given.owed_account.startswith(
                "owed:pa:"):
            found.append(Problem("Choose who is being paid: a PA, HMRC or the pension scheme.", "owed_account"))
        _line_problem(ctx, given.bank_line_id, -pence if pence else None, found)
        return found

    def apply(self, ctx: Context, given: Payment) -> int:
        pence = amount_problem(given.amount, "", [])
        assert pence is not None
        row = post(ctx, given.occurred_on, "payment", [Posting(given.owed_account, pence), Posting(BANK, -pence)],
                   payee=given.payee, reference=given.reference, pay_run_id=given.pay_run_id,
                   expected_on=given.due_on, description=given.payee or given.owed_account,
                   **_from_line(ctx, given.bank_line_id))
        ctx.note("money_transaction", row.id, amount=given.amount, owed=given.owed_account)
        return row.id


def record_candidate(ctx: Context, key: str, line: BankLine) -> MoneyTransaction:
    """A statement line matched to what was expected (see money_expected.candidates): the transaction it is."""
    parts = key.split(":")
    link = {"bank_line_id": line.id, "state": "cleared", "description": line.description}
    amount = abs(line.amount_pence)
    if parts[0] == "transaction":
        row = ctx.session.get(MoneyTransaction, int(parts[1]))
        assert row is not None
        row.bank_line_id, row.state = line.id, "cleared"
        return row
    if parts[0] == "expected":
        return post(ctx, line.occurred_on, "money_in", [Posting(BANK, amount), Posting(income(parts[1]), -amount)],
                    expected_on=date.fromisoformat(parts[2]), **link)
    if parts[1] == "pa":
        return post(ctx, line.occurred_on, "payment", [Posting(f"owed:pa:{parts[2]}", amount), Posting(BANK, -amount)],
                    pay_run_id=int(parts[4]), **link)
    account = OWED_HMRC if parts[1] == "hmrc" else OWED_PENSION
    # Money out pays the bill; money in is what the scheme (or HMRC) gives back, such as opt-out refunds.
    return post(ctx, line.occurred_on, "payment", [Posting(account, -line.amount_pence),
                                                   Posting(BANK, line.amount_pence)],
                expected_on=date.fromisoformat(parts[2]), payee="HMRC" if parts[1] == "hmrc" else "Pension scheme",
                **link)

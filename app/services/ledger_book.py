"""Writing and reading the ledger's rows: the one place a transaction is made from postings (checked to sum to
zero) and the one place stored rows become the pure ledger's transactions. Operations and queries use these;
nothing else touches the money tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.orm import Session, selectinload

from app.core.money import MoneyError, parse_pence
from app.core.problems import Problem
from app.models import BankAccount, MoneyPosting, MoneyTransaction, PayRate, PersonalAssistant
from app.money.categories import spending
from app.money.ledger import BANK, OWED_HMRC, OWED_PENSION, Posting, Transaction, kind_of, owed_to_pa, posting_problems
from app.services.operations import Context


def post(ctx: Context, occurred_on: date, kind: str, postings: Sequence[Posting], **fields: object) -> MoneyTransaction:
    """A new transaction. Postings that do not sum to nothing are a fault in PA Books, never the holder's."""
    wrong = posting_problems(postings)
    if wrong:
        raise AssertionError("; ".join(p.message for p in wrong))
    row = MoneyTransaction(occurred_on=occurred_on, kind=kind, created_at=ctx.now, created_by=ctx.actor.words(),
                           **fields)
    row.postings = [MoneyPosting(account=p.account, amount_pence=p.amount_pence) for p in postings]
    ctx.session.add(row)
    ctx.session.flush()
    return row


def as_transaction(row: MoneyTransaction) -> Transaction:
    return Transaction(row.occurred_on, tuple(Posting(p.account, p.amount_pence) for p in row.postings),
                       row.description, voided=row.voided_at is not None)


def all_rows(session: Session, until: date | None = None, since: date | None = None) -> list[MoneyTransaction]:
    query = select(MoneyTransaction).options(selectinload(MoneyTransaction.postings)).order_by(
        MoneyTransaction.occurred_on, MoneyTransaction.id)
    if until is not None:
        query = query.where(MoneyTransaction.occurred_on <= until)
    if since is not None:
        query = query.where(MoneyTransaction.occurred_on >= since)
    return list(session.scalars(query))


def in_account_change(row: MoneyTransaction) -> int:
    """What a transaction did to the bank account as its statement sees it (free money and funds together)."""
    return sum(p.amount_pence for p in row.postings if kind_of(p.account).in_the_account)


def day_rate_pence(session: Session, pa_id: int, on: date) -> int:
    """A PA's hourly day rate in force on a day (0 when none is set)."""
    return session.scalars(select(PayRate.hourly_pence).where(
        PayRate.pa_id == pa_id, PayRate.kind == "day", PayRate.applies_from <= on,
        PayRate.hourly_pence.is_not(None)).order_by(PayRate.applies_from.desc())).first() or 0


def transactions(session: Session, until: date | None = None, since: date | None = None) -> list[Transaction]:
    return [as_transaction(r) for r in all_rows(session, until, since)]


def in_account_posting() -> ColumnElement[bool]:
    """A posting on the bank account itself or one of its funds (money the statement shows), as SQL."""
    return or_(MoneyPosting.account == BANK, MoneyPosting.account.like("fund:%"))


def account_totals(session: Session, on: date) -> dict[str, int]:
    """Each account's balance on a day, summed by the database."""
    query = (select(MoneyPosting.account, func.sum(MoneyPosting.amount_pence)).join(MoneyTransaction)
             .where(MoneyTransaction.voided_at.is_(None), MoneyTransaction.occurred_on <= on)
             .group_by(MoneyPosting.account))
    return {account: total or 0 for account, total in session.execute(query)}


def the_account(session: Session) -> BankAccount | None:
    return session.scalars(select(BankAccount).order_by(BankAccount.id)).first()


def pa_names(session: Session) -> dict[int, str]:
    return {pa.id: f"{pa.first_name} {pa.last_name}".strip() for pa in session.scalars(select(PersonalAssistant))}


def amount_problem(text: str, field: str, found: list[Problem], what: str = "The amount",
                   positive: bool = True) -> int | None:
    """An amount as typed, or None with the problem said (more than 2 decimal places is refused, never cut)."""
    if not text.strip():
        found.append(Problem(f"{what} is missing: type it in pounds and pence, such as 45.00.", field))
        return None
    try:
        pence = parse_pence(text)
    except MoneyError as exc:
        found.append(Problem(f"{what}: {exc}.", field))
        return None
    if positive and pence <= 0:
        found.append(Problem(f"{what} must be more than £0.00.", field))
        return None
    return pence


def post_pay_run(ctx: Context, run_id: int) -> MoneyTransaction | None:
    """What a finalised pay run costs, posted on its pay date: each PA's pay is owed to them, the tax, NI and
    loans to HMRC, the contributions to the pension scheme, until each is paid out of the account."""
    from app.models import PayRun, Payslip

    run = ctx.session.get(PayRun, run_id)
    assert run is not None
    postings: list[Posting] = []
    for slip in ctx.session.scalars(select(Payslip).where(Payslip.pay_run_id == run_id).order_by(Payslip.id)):
        wages = slip.paid_to_pa_pence - slip.expenses_pence
        hmrc = (slip.tax_pence + slip.employee_ni_pence + slip.employer_ni_pence + slip.student_loan_pence
                + slip.postgraduate_loan_pence - slip.employment_allowance_offset_pence)
        pension = (slip.employee_pension_pence + slip.employer_pension_pence - slip.pension_refund_pence
                   - slip.employer_pension_refund_pence)  # below nothing: the scheme owes the refunds back
        for account, pence in ((spending("pa_wages"), wages), (spending("pa_expenses"), slip.expenses_pence),
                               (owed_to_pa(slip.pa_id), -slip.paid_to_pa_pence), (spending("hmrc"), hmrc),
                               (OWED_HMRC, -hmrc), (spending("pension"), pension), (OWED_PENSION, -pension)):
            if pence:
                postings.append(Posting(account, pence))
    if not postings:
        return None
    return post(ctx, run.pay_date, "pay_run", postings, pay_run_id=run_id, state="reconciled",
                description=f"Pay run paid on {run.pay_date:%d %B %Y}: what it costs, owed until paid")

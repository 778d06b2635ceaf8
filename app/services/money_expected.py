"""What the ledger expects to see on the bank statement: the council's payments and the contribution under the
agreement, each finalised pay run's pay to each PA, the HMRC and pension bills, and payments already recorded
but not yet seen on a statement. Read by the import (to match lines) and by the Money screen (what is due)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload

from app.core.money import format_pounds
from app.models import CouncilAgreement, MoneyPosting, MoneyTransaction, PayRun, Payslip
from app.money.council_payments import Agreement, Expected, Received, expected_payments
from app.money.ledger import OWED_HMRC, OWED_PENSION, owed_to_pa
from app.money.matching import DAYS_AFTER, Candidate
from app.services.hmrc_due import hmrc_due_in
from app.services.ledger_book import pa_names
from app.services.pay_run_facts import FINALISED
from app.services.pension_due import pension_bills_in
from app.services.store import budget_of
from app.services.words import long_date


def agreement_of(session: Session) -> CouncilAgreement | None:
    return session.scalars(select(CouncilAgreement).order_by(CouncilAgreement.starts_on.desc(),
                                                             CouncilAgreement.id.desc())).first()


def as_agreement(row: CouncilAgreement) -> Agreement:
    return Agreement(row.starts_on, row.ends_on, row.payment_pence, row.payment_frequency,
                     row.client_contribution_pence, row.contribution_method)


def expected_in(session: Session, until: date) -> list[Expected]:
    """Each agreement's payments, from its start until the agreement that replaces it starts (a changed agreement
    is a new row from its date; one that starts on the same day replaces the earlier one)."""
    rows = list(session.scalars(select(CouncilAgreement).order_by(CouncilAgreement.starts_on, CouncilAgreement.id)))
    found: list[Expected] = []
    for at, row in enumerate(rows):
        later = rows[at + 1] if at + 1 < len(rows) else None
        if later is not None and later.starts_on <= row.starts_on:
            continue
        terms = as_agreement(row)
        if later is not None:
            stop = later.starts_on - timedelta(days=1)
            terms = replace(terms, ends_on=min(terms.ends_on, stop) if terms.ends_on else stop)
        found.extend(expected_payments(terms, until))
    return sorted(found, key=lambda e: (e.due_on, e.stream))


STREAM_OF_ACCOUNT = {"income:council": "council", "income:contribution": "contribution"}


def received_in(session: Session) -> list[Received]:
    """Money in that was matched to an expected payment."""
    t = MoneyTransaction
    query = (select(t.expected_on, t.occurred_on, MoneyPosting.account, MoneyPosting.amount_pence).join(MoneyPosting)
             .where(t.voided_at.is_(None), t.expected_on.is_not(None),
                    MoneyPosting.account.in_(list(STREAM_OF_ACCOUNT))))
    return [Received(STREAM_OF_ACCOUNT[account], expected_on, -pence, occurred_on)
            for expected_on, occurred_on, account, pence in session.execute(query) if expected_on is not None]


def paid_by(session: Session, account: str, key: InstrumentedAttribute[Any]) -> dict[Any, int]:
    """What was paid on an owed account (by PA, HMRC, the pension scheme) for each pay run or due date, summed by
    the database: payments only (the pay run that made the bill is not a payment), voided ones left out."""
    query = (select(key, func.sum(MoneyPosting.amount_pence)).join(MoneyTransaction)
             .where(MoneyPosting.account == account, MoneyTransaction.voided_at.is_(None),
                    MoneyTransaction.kind != "pay_run").group_by(key))
    return {k: total or 0 for k, total in session.execute(query)}


def candidates(session: Session, today: date, since: date | None = None) -> list[Candidate]:
    """Everything a statement line could be, with the amount the statement would show; with `since` (the first
    line's date), only transactions recorded close enough before it to match (matching.DAYS_AFTER)."""
    # Only transactions not yet on a statement are read row by row; what was paid of each bill is summed by the
    # database, so matching a statement against a 10-year file does not read every transaction.
    rows = session.scalars(select(MoneyTransaction).options(selectinload(MoneyTransaction.postings)).where(
        MoneyTransaction.voided_at.is_(None), MoneyTransaction.bank_line_id.is_(None),
        MoneyTransaction.state == "not_cleared",
        MoneyTransaction.occurred_on >= (since - timedelta(days=DAYS_AFTER) if since else date.min))
        .order_by(MoneyTransaction.occurred_on, MoneyTransaction.id))
    names = pa_names(session)
    found: list[Candidate] = []
    for row in rows:
        amount = sum(p.amount_pence for p in row.postings if p.account == "bank" or p.account.startswith("fund:"))
        if amount:
            found.append(Candidate(f"transaction:{row.id}", amount, row.occurred_on,
                                   f"{row.description or row.payee} ({format_pounds(amount)}, recorded for "
                                   f"{long_date(row.occurred_on)})"))
    matched = {(r.stream, r.due_on) for r in received_in(session)}
    for e in expected_in(session, today):
        if (e.stream, e.due_on) not in matched:
            who = "The council's payment" if e.stream == "council" else "Your contribution"
            found.append(Candidate(f"expected:{e.stream}:{e.due_on.isoformat()}", e.amount_pence, e.due_on,
                                   f"{who} due {long_date(e.due_on)}"))
    if budget_of(session) is not None:
        return found  # a second budget pays no PA, HMRC or pension bill: those are the direct payment's
    runs = session.execute(select(PayRun.id, PayRun.pay_date, Payslip.pa_id, Payslip.paid_to_pa_pence).join(
        Payslip, Payslip.pay_run_id == PayRun.id).where(PayRun.status == FINALISED)).all()
    paid_pa: dict[int, dict[Any, int]] = {}
    for run_id, pay_date, pa_id, owed in runs:
        if pa_id not in paid_pa:
            paid_pa[pa_id] = paid_by(session, owed_to_pa(pa_id), MoneyTransaction.pay_run_id)
        left = owed - paid_pa[pa_id].get(run_id, 0)
        if left > 0:
            found.append(Candidate(f"owed:pa:{pa_id}:run:{run_id}", -left, pay_date,
                                   f"{names.get(pa_id, 'A PA')}'s pay for {long_date(pay_date)}"))
    paid_hmrc = paid_by(session, OWED_HMRC, MoneyTransaction.expected_on)
    for bill in hmrc_due_in(session).bills:
        left = bill.amount_pence - paid_hmrc.get(bill.due_on, 0)
        if left > 0:
            found.append(Candidate(f"owed:hmrc:{bill.due_on.isoformat()}", -left, bill.due_on,
                                   f"HMRC's bill due {long_date(bill.due_on)}"))
    paid_pension = paid_by(session, OWED_PENSION, MoneyTransaction.expected_on)
    for pension in pension_bills_in(session):
        left = pension.amount_pence - paid_pension.get(pension.due_on, 0)
        if left > 0:
            found.append(Candidate(f"owed:pension:{pension.due_on.isoformat()}", -left, pension.due_on,
                                   f"The pension scheme's bill due {long_date(pension.due_on)}"))
        elif left < 0:  # opt-out refunds the scheme gives back
            found.append(Candidate(f"owed:pension:{pension.due_on.isoformat()}", -left, pension.due_on,
                                   f"The pension scheme's refund after an opt-out, due by {long_date(pension.due_on)}"))
    return found

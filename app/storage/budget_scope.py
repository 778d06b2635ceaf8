"""Which budget a session sees: the council's direct payment (the default), or a second budget kept in the same
file (an NHS personal health budget, a carer's budget).

A session whose `info["budget"]` names a budget reads only that budget's agreement, bank account, statements and
lines, transactions and returns; any other session reads only the direct payment's (budget_id empty). New rows of
those kinds are given the session's budget as they are flushed. So each budget's balance, register, surplus and
return come from the same code, and neither ever sees the other's money. The filter is SQLAlchemy's own
(`with_loader_criteria` on every ORM select, including joins and lazy loads): portable to PostgreSQL.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from app.models import BankAccount, BankLine, BankStatement, CouncilAgreement, CouncilReturn, MoneyTransaction

SCOPED = (CouncilAgreement, BankAccount, MoneyTransaction, CouncilReturn)
KEY = "budget"


def budget_of(session: Session) -> int | None:
    value = session.info.get(KEY)
    return int(value) if value is not None else None


def _same_budget(entity: Any, budget: int | None) -> Any:
    return entity.budget_id.is_(None) if budget is None else entity.budget_id == budget


@event.listens_for(Session, "do_orm_execute")
def _only_this_budget(state: ORMExecuteState) -> None:
    if not state.is_select or state.execution_options.get("all_budgets"):
        return
    budget = budget_of(state.session)
    # Plain expressions (not lambdas), so the budget is a bound parameter of each statement, never cached wrongly.
    accounts = select(BankAccount.id).where(_same_budget(BankAccount, budget))
    options = [with_loader_criteria(entity, _same_budget(entity, budget)) for entity in SCOPED]
    options += [with_loader_criteria(entity, entity.bank_account_id.in_(accounts)) for entity in (BankStatement, BankLine)]
    state.statement = state.statement.options(*options)


@event.listens_for(Session, "before_flush")
def _new_rows_belong_to_this_budget(session: Session, _context: object, _instances: object) -> None:
    budget = budget_of(session)
    if budget is None:
        return
    for row in session.new:
        if isinstance(row, SCOPED) and row.budget_id is None:
            row.budget_id = budget

"""Add a second budget to the file beside the council's direct payment: an NHS personal health budget, a carer's
budget, an Independent Living Fund award. It has its own terms (who pays it, how much and how often, what may be
kept, the receipts asked for, the return's form), its own bank account with its opening balance, its own money
and its own returns: in one operation, so a budget is never half added. See app/storage/budget_scope.py for
how each budget sees only its own records."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core.problems import Problem
from app.models import Budget
from app.services.book import EmployerBook
from app.services.choices import BUDGET_KINDS as BUDGET_KINDS
from app.services.council_agreement import AgreementInput, add_agreement, agreement_problems
from app.services.ledger_book import amount_problem
from app.services.operations import Change, Context, Operation
from app.services.set_up_account import AccountInput, SetUpAccount
from app.storage.budget_scope import KEY


@dataclass(frozen=True, slots=True)
class BudgetInput:
    name: str  # as the holder calls it: "Health budget"
    kind: str
    terms: AgreementInput  # who pays it (council_name: the funder), how much, how often, what may be kept
    account: AccountInput  # the account it is paid into, and its balance on the day the books start
    rules: str = ""  # what it may be spent on, in the funder's words


@dataclass(frozen=True, slots=True)
class BudgetRow:
    budget_id: int | None  # None: the council's direct payment
    name: str
    kind: str
    funder: str

    @property
    def words(self) -> str:
        return f"{self.name} ({self.funder})" if self.funder else self.name


class AddBudget(Operation[BudgetInput, int]):
    action = "budget_added"
    changes = frozenset({Change.MONEY, Change.AGREEMENT})

    def check(self, ctx: Context, given: BudgetInput) -> list[Problem]:
        found = []
        if not given.name.strip():
            found.append(Problem("Give the budget a name, such as \"Health budget\".", "name"))
        elif ctx.session.scalars(select(Budget).where(Budget.name == given.name.strip())).first():
            found.append(Problem(f"There is a budget called \"{given.name.strip()}\" already: choose another name.",
                                 "name"))
        if given.kind not in BUDGET_KINDS:
            found.append(Problem("Choose what kind of budget it is.", "kind"))
        found += agreement_problems(given.terms)
        if not given.account.name.strip():
            found.append(Problem("Name the account the budget is paid into, such as \"Health budget account\".",
                                 "account"))
        if given.account.opened_on is None:
            found.append(Problem("Say from which day PA Books keeps this budget's books.", "opened_on"))
        if given.account.opening_balance.strip():
            amount_problem(given.account.opening_balance, "opening_balance", found, "The opening balance",
                           positive=False)
        return found

    def apply(self, ctx: Context, given: BudgetInput) -> int:
        budget = Budget(name=given.name.strip(), kind=given.kind, rules=given.rules.strip(), created_at=ctx.now)
        ctx.session.add(budget)
        ctx.session.flush()
        # From here the session sees (and tags everything it adds as) the new budget: its terms and its account
        # are made by the same steps as the direct payment's.
        ctx.session.info[KEY] = budget.id
        add_agreement(ctx, given.terms)
        SetUpAccount().apply(ctx, given.account)
        ctx.note("budget", budget.id, name=budget.name, kind=budget.kind, funder=given.terms.council_name.strip())
        return budget.id


def budgets(book: EmployerBook) -> list[BudgetRow]:
    """The council's direct payment first, then each second budget in the order they were added."""
    from app.models import CouncilAgreement

    main = book.budget(None)
    with main.reading() as session:
        council = session.scalars(select(CouncilAgreement).order_by(CouncilAgreement.starts_on.desc(),
                                                                    CouncilAgreement.id.desc())).first()
        found = [BudgetRow(None, "Direct payment", "council_dp", council.council_name if council else "")]
        for row in session.scalars(select(Budget).order_by(Budget.id)):
            terms = session.scalars(select(CouncilAgreement).where(CouncilAgreement.budget_id == row.id)
                                    .execution_options(all_budgets=True)
                                    .order_by(CouncilAgreement.starts_on.desc())).first()
            found.append(BudgetRow(row.id, row.name, row.kind, terms.council_name if terms else ""))
    return found

"""Set up the direct payment account: its name, what kind it is (the account type decides what the council
asks for), and the balance it had when PA Books started keeping it. Details may be changed later; the opening
balance is set once (a later difference is put right by a correction, so the history stays true)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.problems import Problem
from app.models import BankAccount
from app.money.ledger import BANK, OPENING, Posting
from app.services.ledger_book import amount_problem, post, the_account
from app.services.operations import Change, Context, Operation

ACCOUNT_KINDS = {
    "own_bank_account": "A bank account of your own, used only for the direct payment",
    "prepaid_card": "A prepaid card from the council",
    "managed_account": "An account a support organisation manages for you",
}


@dataclass(frozen=True, slots=True)
class AccountInput:
    name: str
    kind: str = "own_bank_account"
    provider: str = ""
    sort_code: str = ""
    account_number_last4: str = ""
    opened_on: date | None = None  # when PA Books starts keeping the books
    opening_balance: str = ""  # as typed; the statement's balance on that day


class SetUpAccount(Operation[AccountInput, int]):
    action = "account_set_up"
    changes = frozenset({Change.MONEY})

    def check(self, ctx: Context, given: AccountInput) -> list[Problem]:
        found: list[Problem] = []
        existing = the_account(ctx.session)
        if not given.name.strip():
            found.append(Problem("Give the account a name, such as \"Direct payment account\".", "name"))
        if given.kind not in ACCOUNT_KINDS:
            found.append(Problem("Choose what kind of account it is.", "kind"))
        if given.account_number_last4 and not (given.account_number_last4.isdigit()
                                               and len(given.account_number_last4) == 4):
            found.append(Problem("Type only the last 4 digits of the account number.", "account_number_last4"))
        if existing is None:
            if given.opened_on is None:
                found.append(Problem("Say from which day PA Books keeps this account's books.", "opened_on"))
            if given.opening_balance.strip():
                amount_problem(given.opening_balance, "opening_balance", found, "The opening balance",
                               positive=False)
        elif given.opening_balance.strip():
            found.append(Problem("The opening balance was set when the account was set up. If it was wrong, record "
                                 "a correction so the history stays true.", "opening_balance"))
        return found

    def apply(self, ctx: Context, given: AccountInput) -> int:
        account = the_account(ctx.session)
        if account is None:
            assert given.opened_on is not None
            account = BankAccount(name=given.name.strip(), opened_on=given.opened_on)
            ctx.session.add(account)
            pence = amount_problem(given.opening_balance, "", [], positive=False) if given.opening_balance.strip() else 0
            if pence:
                post(ctx, given.opened_on, "opening", [Posting(BANK, pence), Posting(OPENING, -pence)],
                     description="Balance when the books started", state="reconciled")
        account.name = given.name.strip()
        account.kind = given.kind
        account.provider = given.provider.strip()
        account.sort_code = given.sort_code.strip()
        account.account_number_last4 = given.account_number_last4.strip()
        ctx.session.flush()
        ctx.note("bank_account", account.id, kind=given.kind)
        return account.id

"""What money comes from and goes on, in the words councils' returns use.

Funding streams are income accounts (`income:<code>`), spending categories spending accounts
(`spending:<code>`). A council that names them differently says so in its return template; the codes stay.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.money.ledger import AccountKind, kind_of


@dataclass(frozen=True, slots=True)
class Category:
    code: str
    words: str  # as a holder would say it
    flagged: str = ""  # why a council looks twice at this spending, when it does


FUNDING_STREAMS: tuple[Category, ...] = (
    Category("council", "Council direct payment"),
    Category("contribution", "Your contribution"),
    Category("health", "Personal health budget (NHS)"),
    Category("ilf", "Independent Living Fund"),
    Category("refund", "Refunds"),
    Category("interest", "Bank interest"),
    Category("pooled", "Others' shares of a pooled cost"),
    Category("other", "Other money in"),
)

SPENDING: tuple[Category, ...] = (
    Category("pa_wages", "PA wages"),
    Category("hmrc", "Tax and National Insurance paid to HMRC"),
    Category("pension", "Workplace pension"),
    Category("agency", "Agency care"),
    Category("payroll_support", "Payroll or support service"),
    Category("insurance", "Employer's insurance"),
    Category("equipment", "Equipment and one-off purchases"),
    Category("pa_expenses", "PA expenses and training"),
    Category("respite", "Respite"),
    Category("bank_fees", "Bank charges"),
    Category("repayment", "Money paid back to the council"),
    Category("cash", "Cash taken out", flagged="Councils ask what cash was spent on: keep the receipts."),
    Category("personal_transfer", "Moved to a personal account",
             flagged="Most councils do not allow direct payment money to be moved to a personal account."),
    Category("other", "Other spending"),
)

_INCOME = {c.code: c for c in FUNDING_STREAMS}
_SPENDING = {c.code: c for c in SPENDING}


def income(code: str) -> str:
    return f"income:{code}"


def spending(code: str) -> str:
    return f"spending:{code}"


def account_words(code: str, pa_names: dict[int, str] | None = None) -> str:
    """An account in plain words: "PA wages", "Owed to Priya Shah", "Crisis fund"."""
    kind = kind_of(code)
    rest = code.split(":", 1)[1] if ":" in code else ""
    if kind is AccountKind.BANK:
        return "The account (free to spend)"
    if kind is AccountKind.FUND:
        return {"contingency": "Contingency", "crisis": "Crisis fund"}.get(rest, rest.title())
    if kind is AccountKind.EQUITY:
        return "Balance when the books started"
    if kind is AccountKind.INCOME:
        return _INCOME[rest].words if rest in _INCOME else "Money in, not yet sorted"
    if kind is AccountKind.SPENDING:
        return _SPENDING[rest].words if rest in _SPENDING else "Spending, not yet sorted"
    if rest.startswith("pa:"):
        pa_id = int(rest.split(":")[1])
        return f"Pay for {(pa_names or {}).get(pa_id, 'a PA')}"
    return {"hmrc": "HMRC's bill (tax and NI)", "pension": "The pension scheme's bill"}.get(rest, f"Owed: {rest}")


def return_category(code: str) -> str:
    """The spending category a payment out of the account counts under on a return: paying what a PA, HMRC
    or the pension scheme is owed counts as their category; spending counts as itself."""
    kind = kind_of(code)
    rest = code.split(":", 1)[1] if ":" in code else ""
    if kind is AccountKind.OWED:
        return "pa_wages" if rest.startswith("pa:") else rest
    return rest


def flag_of(category_code: str) -> str:
    found = _SPENDING.get(category_code)
    return found.flagged if found else ""


def is_spending_category(code: str) -> bool:
    return code in _SPENDING


def is_funding_stream(code: str) -> bool:
    return code in _INCOME


def pooled_words(total_pence: int | None, pooled_with: str) -> str:
    """Money pooled with other holders (a shared PA, a group activity): what the share was of, and with whom."""
    if total_pence is None:
        return ""
    from app.core.money import format_pounds

    return f"Your share of {format_pounds(total_pence)} pooled with {pooled_with}"

"""Where the money stands on a day: what is in the account, what is already owed, what is set aside, what is
free to spend, and whether the council may see a surplus to claw back.

The council's rule, as agreements word it (see docs/money.md and the councils in
tests/data/council-returns.md): the account may hold a weekly payment times the contingency weeks plus the
weeks paid in advance, plus agreed extras (unused respite, agreed savings). Anything more, after what is owed,
is surplus: surplus = balance - owed - allowed balance, also said in weeks of payments.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.core.money import format_pounds


@dataclass(frozen=True, slots=True)
class Holding:
    in_account_pence: int  # the bank balance as the statement would show it (free money and funds together)
    owed_pence: int  # owed to PAs, HMRC, the pension scheme and others, from finalised pay runs and bills
    contingency_pence: int  # set aside in the contingency fund
    crisis_pence: int  # set aside in the crisis fund

    @property
    def set_aside_pence(self) -> int:
        return self.contingency_pence + self.crisis_pence

    @property
    def free_pence(self) -> int:
        return self.in_account_pence - self.owed_pence - self.set_aside_pence

    def words(self) -> str:
        """The four numbers as a sentence, the way the Money screen opens."""
        parts = [f"{format_pounds(self.in_account_pence)} in the account",
                 f"{format_pounds(self.owed_pence)} already owed",
                 f"{format_pounds(self.contingency_pence)} contingency"]
        if self.crisis_pence:
            parts.append(f"{format_pounds(self.crisis_pence)} crisis fund")
        free = self.free_pence
        parts.append(f"{format_pounds(free)} free to spend" if free >= 0 else
                     f"{format_pounds(-free)} more owed and set aside than there is")
        return "; ".join(parts) + "."


@dataclass(frozen=True, slots=True)
class Allowance:
    weekly_payment_pence: int
    contingency_weeks: Decimal
    advance_weeks: Decimal
    extras_pence: int = 0  # agreed with the council: unused respite, savings for a larger purchase

    @property
    def allowed_pence(self) -> int:
        weeks = self.contingency_weeks + self.advance_weeks
        return int((self.weekly_payment_pence * weeks).quantize(Decimal(1), rounding=ROUND_HALF_UP)) + self.extras_pence


@dataclass(frozen=True, slots=True)
class Surplus:
    balance_pence: int
    owed_pence: int
    allowed_pence: int
    weekly_payment_pence: int

    @property
    def surplus_pence(self) -> int:
        return self.balance_pence - self.owed_pence - self.allowed_pence

    @property
    def weeks(self) -> Decimal:
        """The surplus in weeks of the council's payment, to one decimal place."""
        if not self.weekly_payment_pence:
            return Decimal(0)
        return (Decimal(self.surplus_pence) / self.weekly_payment_pence).quantize(Decimal("0.1"),
                                                                                  rounding=ROUND_HALF_UP)

    def words(self) -> str:
        if self.surplus_pence <= 0:
            return (f"No surplus: after what is owed the account holds {format_pounds(self.balance_pence - self.owed_pence)}"
                    f", within the {format_pounds(self.allowed_pence)} the agreement lets you keep.")
        return (f"Surplus of {format_pounds(self.surplus_pence)} ({self.weeks} weeks of payments) above the "
                f"{format_pounds(self.allowed_pence)} the agreement lets you keep. The council may ask for it back "
                f"unless you have agreed what it is for.")


def surplus(balance_pence: int, owed_pence: int, allowance: Allowance) -> Surplus:
    return Surplus(balance_pence, owed_pence, allowance.allowed_pence, allowance.weekly_payment_pence)

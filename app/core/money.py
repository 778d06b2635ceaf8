"""Money as whole pence: parsing, formatting and the rounding rules HMRC states.

Money never passes through `float`. Amounts come in as strings ("1156.25") or integers of pence,
and a calculation that needs fractions uses `Decimal` and then one of the named rounding
functions below, each of which says which rule it implements.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_DOWN, ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")
POUND = Decimal("1")

_AMOUNT = re.compile(r"^-?\d{1,12}(\.\d{1,2})?$")


class MoneyError(ValueError):
    """An amount of money that cannot be read."""


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """A whole number of pence. Adds only to Money; multiplies only by int or Decimal."""

    pence: int

    def __post_init__(self) -> None:
        if not isinstance(self.pence, int) or isinstance(self.pence, bool):
            raise TypeError(f"Money holds whole pence as int, not {type(self.pence).__name__}")

    @classmethod
    def parse(cls, text: str) -> Money:
        """Read "1156.25", "-29406.05" or "£1,156.25"; anything else is a MoneyError."""
        return cls(parse_pence(text))

    @classmethod
    def from_decimal_pounds(cls, pounds: Decimal) -> Money:
        """Exact pounds to pence; refuses fractions of a penny (round first, by the rule that applies)."""
        pence = pounds * 100
        if pence != pence.to_integral_value():
            raise MoneyError(f"{pounds} has a fraction of a penny; round it by the rule that applies first")
        return cls(int(pence))

    @property
    def pounds(self) -> Decimal:
        return Decimal(self.pence) / 100

    def __add__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.pence + other.pence)

    def __sub__(self, other: object) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        return Money(self.pence - other.pence)

    def __neg__(self) -> Money:
        return Money(-self.pence)

    def __mul__(self, factor: object) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int):
            return NotImplemented
        return Money(self.pence * factor)

    __rmul__ = __mul__

    def __str__(self) -> str:
        return format_pounds(self.pence)


def parse_pence(text: str) -> int:
    """Pounds written as text ("1,156.25", "£12", "-3.5") to whole pence."""
    if not isinstance(text, str):
        raise MoneyError(f"an amount must be written as text such as \"12.50\", not {type(text).__name__}")
    cleaned = text.strip().replace(",", "").replace("£", "")
    if not _AMOUNT.match(cleaned):
        raise MoneyError(f"\"{text}\" is not an amount of money; write pounds and pence such as 12.50")
    return int(Decimal(cleaned) * 100)


def pence_to_decimal(pence: int) -> Decimal:
    return Decimal(pence) / 100


def pence_to_string(pence: int) -> str:
    """The machine form used in JSON and CSV: "1156.25", "-0.40"."""
    sign = "-" if pence < 0 else ""
    whole, part = divmod(abs(pence), 100)
    return f"{sign}{whole}.{part:02d}"


def format_pounds(pence: int) -> str:
    """The form people read: "£1,156.25", "−£3.40" (a real minus sign for screen readers)."""
    whole, part = divmod(abs(pence), 100)
    text = f"£{whole:,}.{part:02d}"
    return f"−{text}" if pence < 0 else text


def to_pence(pounds: Decimal) -> int:
    """Exact pence from a Decimal already rounded to the penny."""
    return int((pounds * 100).to_integral_value(rounding=ROUND_DOWN))


def round_down_to_penny(amount: Decimal) -> Decimal:
    """Towards minus infinity at the penny (PAYE: tax is rounded down)."""
    return amount.quantize(PENNY, rounding=ROUND_FLOOR)


def round_down_to_pound(amount: Decimal) -> Decimal:
    """Towards minus infinity at the pound (PAYE taxable pay; student loan deductions)."""
    return amount.quantize(POUND, rounding=ROUND_FLOOR)


def round_up_to_penny(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_CEILING)


def round_up_to_pound(amount: Decimal) -> Decimal:
    return amount.quantize(POUND, rounding=ROUND_CEILING)


def round_half_up_to_pound(amount: Decimal) -> Decimal:
    return amount.quantize(POUND, rounding=ROUND_HALF_UP)


def round_half_up_to_penny(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def round_ni(amount: Decimal) -> Decimal:
    """HMRC's rule for National Insurance contributions: look at the third decimal place only;
    5 or less rounds down, 6 or more rounds up (so 0.0056 is 0.00 and 0.0064 is 0.01)."""
    to_tenth_of_penny = amount.quantize(Decimal("0.001"), rounding=ROUND_DOWN)
    return to_tenth_of_penny.quantize(PENNY, rounding=ROUND_HALF_DOWN)


def truncate(amount: Decimal, places: int) -> Decimal:
    """Cut (towards zero) to a number of decimal places."""
    return amount.quantize(Decimal(1).scaleb(-places), rounding=ROUND_DOWN)

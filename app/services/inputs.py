"""Reading what people type into the values operations check: amounts, decimals, sentences."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from app.core.money import MoneyError, parse_pence
from app.core.problems import Problem


def sentence(text: object) -> str:
    """A rule's message ("the rate ...") as a sentence for the screen ("The rate ....")."""
    words = str(text)
    return words[:1].upper() + words[1:] + ("" if words.endswith(".") else ".")


def positive_pence(amount: str, what: str, field: str) -> int | Problem:
    """An amount typed by the user, in pence, that must be more than nothing; or the problem with it."""
    try:
        pence = parse_pence(amount)
    except MoneyError as exc:
        return Problem(sentence(exc), field)
    if pence <= 0:
        return Problem(f"{what} must be more than £0.00.", field)
    return pence


def hours_a_week(text: str, what: str, field: str) -> Decimal | Problem:
    """Hours a week (0 to 168) as typed: "35", "7.5"."""
    try:
        value = Decimal(text.strip())
        if not value.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        return Problem(f"{what} must be a number, such as 35 or 7.5.", field)
    if not 0 <= value <= 168:
        return Problem(f"{what} must be between 0 and 168 a week.", field)
    return value

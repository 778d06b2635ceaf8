"""How things are said on screen: one place, so every screen and report uses the same words."""

from __future__ import annotations

from datetime import date

from app.core.money import format_pounds

ROLE_WORDS = {
    "holder": "the direct payment holder",
    "suitable_person": "a suitable person (managing the payment for someone who lacks capacity)",
    "nominee": "a nominee (managing the payment at the holder's request)",
    "managed_account": "a managed account provider",
}

FREQUENCY_WORDS = {
    "weekly": "every week",
    "fortnightly": "every two weeks",
    "four_weekly": "every four weeks",
    "monthly": "every month",
    "quarterly": "every quarter",
}

CHECK_WORDS = {"dbs": "DBS check", "right_to_work": "right to work check", "training": "training"}


def long_date(day: date) -> str:
    """'3 January 2027' (no leading zero: screen readers say it naturally)."""
    return f"{day.day} {day:%B %Y}"


def payment_words(pence: int, frequency: str) -> str:
    return f"{format_pounds(pence)} {FREQUENCY_WORDS.get(frequency, frequency)}"

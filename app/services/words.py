"""How things are said on screen: one place, so every screen and report uses the same words."""

from __future__ import annotations

from app.core.dates import long_date as long_date  # "3 January 2027"
from app.core.money import format_pounds as format_pounds  # also for the screens: "£1,156.25"

FREQUENCY_WORDS = {
    "weekly": "every week",
    "fortnightly": "every two weeks",
    "four_weekly": "every four weeks",
    "monthly": "every month",
    "quarterly": "every quarter",
}

CHECK_WORDS = {"dbs": "DBS check", "right_to_work": "right to work check", "training": "training"}


def and_list(items: list[str]) -> str:
    """"Priya", "Priya and Tom", "Ann, Priya and Tom"."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def payment_words(pence: int, frequency: str) -> str:
    return f"{format_pounds(pence)} {FREQUENCY_WORDS.get(frequency, frequency)}"


# The rules' own words and lists, for the screens and the command line (which import services only).
from app.core.dates import parse_uk_date as parse_uk_date  # noqa: E402 - "03/05/2026" as people type it
from app.core.money import pence_to_string as pence_to_string  # noqa: E402 - "1156.25", for JSON and CSV
from app.timesheets.clock import hours as hours  # noqa: E402 - minutes as Decimal hours: 450 -> 7.50
from app.timesheets.pay import KIND_WORDS as KIND_WORDS  # noqa: E402
from app.timesheets.rota import WEEKDAY_NAMES as WEEKDAY_NAMES  # noqa: E402
from app.timesheets.split import SHIFT_KINDS as SHIFT_KINDS  # noqa: E402
from app.timesheets.split import TIME_KINDS as TIME_KINDS  # noqa: E402
from app.timesheets.states import ShiftStatus as ShiftStatus  # noqa: E402
from app.timesheets.states import TimesheetStatus as TimesheetStatus  # noqa: E402

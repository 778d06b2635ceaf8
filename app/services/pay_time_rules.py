"""When night pay starts and ends, whose bank holidays apply, and which day is paid as the bank holiday when one
falls on a weekend.

Approved timesheets keep their pay: these rules change only the pay worked out from now on.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from sqlalchemy import select

from app.core.bank_holidays import WEEKEND_RULES as WEEKEND_RULES
from app.core.problems import Problem
from app.models import Employer
from app.services.book import EmployerBook
from app.services.inputs import sentence
from app.services.operations import Change, Context, Operation
from app.timesheets.clock import TimeProblem, parse_wall_time

COUNTRY_WORDS = {"england": "England", "wales": "Wales", "scotland": "Scotland", "northern_ireland": "Northern Ireland"}


@dataclass(frozen=True, slots=True)
class PayTimeRules:
    night_starts: time
    night_ends: time
    country: str
    weekend_bank_holidays: str = "substitute"


@dataclass(frozen=True, slots=True)
class PayTimeRulesInput:
    night_starts: str  # "22:00", as typed
    night_ends: str
    country: str
    weekend_bank_holidays: str = "substitute"  # WEEKEND_RULES


def pay_time_rules(book: EmployerBook) -> PayTimeRules:
    with book.reading() as session:
        employer = session.scalars(select(Employer)).one()
        return PayTimeRules(employer.night_starts_at, employer.night_ends_at, employer.country,
                            employer.weekend_bank_holidays)


def _times(given: PayTimeRulesInput) -> tuple[dict[str, time], list[Problem]]:
    parsed, found = {}, []
    for field, text in (("night_starts", given.night_starts), ("night_ends", given.night_ends)):
        try:
            parsed[field] = parse_wall_time(text).value
        except TimeProblem as exc:
            found.append(Problem(sentence(exc), field))
    return parsed, found


class SetPayTimeRules(Operation[PayTimeRulesInput, None]):
    action = "pay_rules_set"
    changes = frozenset({Change.PAY_RULES, Change.TIMESHEETS})

    def check(self, ctx: Context, given: PayTimeRulesInput) -> list[Problem]:
        parsed, found = _times(given)
        if given.country not in COUNTRY_WORDS:
            found.append(Problem(f"The country must be one of: {', '.join(COUNTRY_WORDS.values())}.", "country"))
        if given.weekend_bank_holidays not in WEEKEND_RULES:
            found.append(Problem("Choose which day is paid as the bank holiday when one falls on a weekend: "
                                 f"{'; '.join(WEEKEND_RULES.values())}.", "weekend_bank_holidays"))
        if len(parsed) == 2 and parsed["night_starts"] == parsed["night_ends"]:
            found.append(Problem("Night time must start and end at different times.", "night_ends"))
        return found

    def apply(self, ctx: Context, given: PayTimeRulesInput) -> None:
        parsed, _ = _times(given)
        employer = ctx.session.scalars(select(Employer)).one()
        employer.night_starts_at, employer.night_ends_at = parsed["night_starts"], parsed["night_ends"]
        employer.country = given.country
        employer.weekend_bank_holidays = given.weekend_bank_holidays
        ctx.note(night=f"{employer.night_starts_at:%H:%M} to {employer.night_ends_at:%H:%M}", country=given.country,
                 weekend_bank_holidays=given.weekend_bank_holidays)

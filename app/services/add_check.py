"""Record a check on a PA: a DBS check, the right to work, or training, with when it runs out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.problems import Problem
from app.models import PaCheck, PersonalAssistant
from app.services.operations import Change, Context, Operation
from app.services.pa_form import NOT_IN_FILE
from app.services.words import CHECK_WORDS

CHECK_KINDS = tuple(CHECK_WORDS)


@dataclass(frozen=True, slots=True)
class CheckInput:
    kind: str  # dbs, right_to_work, training
    checked_on: date
    expires_on: date | None = None
    description: str = ""
    reference: str = ""


@dataclass(frozen=True, slots=True)
class NewCheck:
    pa_id: int
    check: CheckInput


def check_problems(item: CheckInput, field: str = "check") -> list[Problem]:
    found = []
    if item.kind not in CHECK_KINDS:
        found.append(Problem(f"A check is one of: {', '.join(CHECK_KINDS)}.", field))
    if item.expires_on is not None and item.expires_on <= item.checked_on:
        found.append(Problem("The check runs out before it was done; check the dates.", field))
    return found


def add_check_row(ctx: Context, pa_id: int, item: CheckInput) -> None:
    ctx.session.add(PaCheck(pa_id=pa_id, kind=item.kind, description=item.description.strip() or CHECK_WORDS[item.kind],
                            reference=item.reference.strip(), checked_on=item.checked_on, expires_on=item.expires_on))


class AddCheck(Operation[NewCheck, None]):
    action = "check_added"
    changes = frozenset({Change.CHECKS, Change.PAS})

    def check(self, ctx: Context, given: NewCheck) -> list[Problem]:
        if ctx.session.get(PersonalAssistant, given.pa_id) is None:
            return [NOT_IN_FILE]
        return check_problems(given.check)

    def apply(self, ctx: Context, given: NewCheck) -> None:
        add_check_row(ctx, given.pa_id, given.check)
        ctx.note("pa", given.pa_id, kind=given.check.kind, expires_on=given.check.expires_on)

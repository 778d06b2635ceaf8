"""Postpone a PA's automatic enrolment, for up to 3 months from the day the duty to enrol them arose (their first
day, or the day they first earn enough or turn 22), and write to them within 6 weeks of that day. They can ask to
join before then. On the day it ends, check again: enrol them if they are an eligible jobholder then.

Pensions Act 2008 s. 4; The Pensions Regulator's detailed guidance no. 2 ("Postponement").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.core.problems import Problem
from app.models import PersonalAssistant
from app.payroll.pension import duty_dates
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.pa_form import NOT_IN_FILE, PensionStatus
from app.services.views import TodoItem
from app.services.words import long_date

REMIND_DAYS_BEFORE = 14


@dataclass(frozen=True, slots=True)
class Postponement:
    pa_id: int
    duty_arose_on: date  # their first day, or the day they became an eligible jobholder
    until: date


class PostponeEnrolment(Operation[Postponement, str]):
    action = "pension_postponed"
    changes = frozenset({Change.PAS, Change.PAY_RUNS})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: Postponement) -> list[Problem]:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        if pa is None:
            return [NOT_IN_FILE]
        if pa.pension_status == PensionStatus.ENROLLED:
            return [Problem(f"{pa.full_name} is already in the pension scheme, so there is nothing to postpone.",
                            "pa")]
        if given.duty_arose_on < pa.started_on or given.duty_arose_on > ctx.today:
            return [Problem(f"The day the duty arose is {pa.full_name}'s first day ({long_date(pa.started_on)}) or a "
                            "later day that has come, when they first earned enough or turned 22.", "duty_arose_on")]
        try:
            duty_dates(given.duty_arose_on, postpone_to=given.until)
        except ValueError:
            latest = duty_dates(given.duty_arose_on).latest_postponement_end
            return [Problem(f"Postponement can last until {long_date(latest)} at the latest (3 months from "
                            f"{long_date(given.duty_arose_on)}), and not end before it starts.", "until")]
        return []

    def apply(self, ctx: Context, given: Postponement) -> str:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        assert pa is not None
        pa.pension_status = PensionStatus.POSTPONED
        pa.pension_postponed_until = given.until
        ctx.note("pa", pa.id, duty_arose_on=given.duty_arose_on.isoformat(), until=given.until.isoformat())
        letter_by = given.duty_arose_on + timedelta(weeks=6)
        return (f"Enrolment for {pa.full_name} is postponed until {long_date(given.until)}. Give them the postponement "
                f"letter (Pension letter…) by {long_date(letter_by)}. Home reminds you when it ends, to check "
                "whether to enrol them then.")


def postponement_todo(pas: list[PersonalAssistant], today: date) -> list[TodoItem]:
    """Home: each postponement ending within two weeks, or ended with the PA not yet assessed again."""
    items = []
    for pa in pas:
        until = pa.pension_postponed_until
        if pa.pension_status != PensionStatus.POSTPONED or until is None or until > today + timedelta(
                days=REMIND_DAYS_BEFORE) or (pa.left_on is not None and pa.left_on < today):
            continue
        items.append(TodoItem(
            f"{pa.full_name}'s pension postponement ends on {long_date(until)}",
            "On that day, check their age and pay: if they earn enough and are 22 or over, enrol them (set their "
            "pension to Enrolled on Change details, or pabooks pension enrol) and give them the enrolment letter; "
            "if not, give them the letter saying they can join.", until, "overdue" if until < today else "soon",
            "pas"))
    return items

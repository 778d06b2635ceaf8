"""Enrol a PA in the workplace pension from a date (the enrolment date: their duties start, or the end of a
postponement). Contributions are taken from pay for the period holding that date and every one after; the
enrolment letter is due within 6 weeks (Pensions Act 2008 s. 3; The Pensions Regulator's detailed guidance no. 3).
Choosing Enrolled on the Change details form enrols from today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.problems import Problem
from app.models import PersonalAssistant
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.pa_form import NOT_IN_FILE, PensionStatus
from app.services.words import long_date


@dataclass(frozen=True, slots=True)
class Enrolment:
    pa_id: int
    on: date


class EnrolInPension(Operation[Enrolment, str]):
    action = "pension_enrolled"
    changes = frozenset({Change.PAS, Change.PAY_RUNS})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: Enrolment) -> list[Problem]:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        if pa is None:
            return [NOT_IN_FILE]
        if pa.pension_status == PensionStatus.ENROLLED:
            since = f" since {long_date(pa.pension_enrolled_on)}" if pa.pension_enrolled_on else ""
            return [Problem(f"{pa.full_name} is already in the pension scheme{since}.", "pa")]
        if given.on < pa.started_on:
            return [Problem(f"{pa.full_name} started on {long_date(pa.started_on)}: the enrolment date cannot be "
                            "before it.", "on")]
        if pa.left_on is not None and given.on > pa.left_on:
            return [Problem(f"{pa.full_name} left on {long_date(pa.left_on)}, before that date.", "on")]
        return []

    def apply(self, ctx: Context, given: Enrolment) -> str:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        assert pa is not None
        pa.pension_status = PensionStatus.ENROLLED
        pa.pension_enrolled_on, pa.pension_left_on, pa.pension_letter_on = given.on, None, None
        pa.pension_postponed_until = None
        ctx.note("pa", pa.id, on=given.on.isoformat())
        return (f"{pa.full_name} is in the pension scheme from {long_date(given.on)}: contributions are taken from "
                "the pay for that period on. Give them the enrolment letter within 6 weeks.")

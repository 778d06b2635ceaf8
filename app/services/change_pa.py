"""Change a PA's details (name, contract, tax code, bank details, leaving date...)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select

from app.core.problems import Problem
from app.models import PersonalAssistant
from app.services.operations import Change, Context, Operation
from app.services.pa_form import NOT_IN_FILE, PaForm, PensionStatus, write_form


@dataclass(frozen=True, slots=True)
class PaChange:
    pa_id: int
    form: PaForm


class ChangePa(Operation[PaChange, None]):
    action = "pa_changed"
    changes = frozenset({Change.PAS})

    def check(self, ctx: Context, given: PaChange) -> list[Problem]:
        if ctx.session.get(PersonalAssistant, given.pa_id) is None:
            return [NOT_IN_FILE]
        found = given.form.problems(ctx.today)
        clash = ctx.session.scalar(select(func.count()).select_from(PersonalAssistant).where(
            PersonalAssistant.id != given.pa_id,
            func.lower(PersonalAssistant.first_name) == given.form.first_name.strip().lower(),
            func.lower(PersonalAssistant.last_name) == given.form.last_name.strip().lower()))
        if clash:
            found.append(Problem(f"There is already another PA called {given.form.name}.", "first_name"))
        return found

    def apply(self, ctx: Context, given: PaChange) -> None:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        assert pa is not None
        was = pa.pension_status
        write_form(pa, given.form)
        if pa.pension_status != was:
            pension_status_changed(pa, was, ctx.today)
        ctx.note("pa", given.pa_id)


def pension_status_changed(pa: PersonalAssistant, was: str, today: date) -> None:
    """Keep the membership dates with a status chosen on the form: joining dates the enrolment today; leaving
    dates the notice today (the Pension opt-out dialog records the real dates and says what is paid back)."""
    if pa.pension_status == PensionStatus.ENROLLED:
        pa.pension_enrolled_on, pa.pension_left_on, pa.pension_letter_on = max(today, pa.started_on), None, None
    elif was == PensionStatus.ENROLLED and pa.pension_status == PensionStatus.OPTED_OUT:
        pa.pension_left_on = today

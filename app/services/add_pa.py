"""Add a PA, with their pay rates and checks, in one step: all of it is saved, or none of it."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from app.core.problems import Problem
from app.models import PersonalAssistant
from app.services.add_check import CheckInput, add_check_row, check_problems
from app.services.add_rates import RateInput, add_rate_rows, rate_problems
from app.services.operations import Change, Context, Operation
from app.services.pa_form import PaForm, write_form


@dataclass(frozen=True, slots=True)
class NewPa:
    form: PaForm
    rates: tuple[RateInput, ...] = ()
    checks: tuple[CheckInput, ...] = field(default=())


class AddPa(Operation[NewPa, int]):
    action = "pa_added"
    changes = frozenset({Change.PAS, Change.RATES, Change.CHECKS})

    def check(self, ctx: Context, given: NewPa) -> list[Problem]:
        form = given.form
        found = form.problems(ctx.today)
        clash = ctx.session.scalar(select(func.count()).select_from(PersonalAssistant).where(
            func.lower(PersonalAssistant.first_name) == form.first_name.strip().lower(),
            func.lower(PersonalAssistant.last_name) == form.last_name.strip().lower()))
        if clash:
            found.append(Problem(f"There is already a PA called {form.name}. Add something to tell them apart, such "
                                 "as a middle initial.", "first_name"))
        found += rate_problems(given.rates, form.name, form.started_on, [], None)
        for number, item in enumerate(given.checks, start=1):
            found += check_problems(item, f"check {number}")
        return found

    def apply(self, ctx: Context, given: NewPa) -> int:
        pa = PersonalAssistant(first_name="", last_name="", started_on=given.form.started_on, left_on=None,
                               date_of_birth=None, opted_out_of_48_hours_on=None)
        write_form(pa, given.form)
        ctx.session.add(pa)
        ctx.session.flush()
        rates = add_rate_rows(ctx, pa, given.rates)
        for item in given.checks:
            add_check_row(ctx, pa.id, item)
        ctx.note("pa", pa.id, rates=rates or None, checks=[c.kind for c in given.checks] or None)
        return pa.id

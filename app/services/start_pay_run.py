"""Start a pay run for a pay frequency and pay date (a draft: worked out afresh each time it is looked at,
until it is finalised), or delete a draft that is no longer wanted."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.core.problems import Problem
from app.models import PayAddition, PayRun, PersonalAssistant
from app.payroll.pay_run import tax_period
from app.payroll.periods import Frequency
from app.payroll.rates import UnsupportedTaxYear, rates_for, supported_tax_years
from app.services.operations import Change, Context, Operation
from app.services.pay_run_facts import DRAFT, FINALISED, tax_year_of
from app.services.shift_records import period_anchor
from app.services.words import FREQUENCY_WORDS, long_date
from app.timesheets.periods import pay_period


@dataclass(frozen=True, slots=True)
class NewPayRun:
    frequency: str  # weekly, fortnightly, four_weekly, monthly
    period_day: date  # any day in the pay period
    pay_date: date


def run_period(ctx: Context, given: NewPayRun) -> tuple[date, date]:
    return pay_period(given.frequency, given.period_day, period_anchor(ctx.session))


def tax_year_problem(pay_date: date, today: date) -> Problem | None:
    tax_year = tax_year_of(pay_date)
    try:
        rates_for(tax_year)
    except UnsupportedTaxYear:
        known = supported_tax_years()
        return Problem(f"PA Books has the rates for the tax years {known[0]} to {known[-1]}, so it cannot pay on "
                       f"{long_date(pay_date)} (tax year {tax_year}). Choose a pay date in a year it has, or get the "
                       "version of PA Books with that year's rates.", "pay_date")
    if tax_year < tax_year_of(today):
        return Problem(f"The tax year {tax_year} has ended, so nothing more can be paid in it. Pay what is owed as "
                       "a correction with a pay date in this tax year.", "pay_date")
    return None


def later_final_problem(ctx: Context, frequency: str, pay_date: date) -> Problem | None:
    """Tax is worked out in pay date order, so nothing is paid before a run at the same frequency that is final."""
    later = ctx.session.scalars(select(PayRun).where(
        PayRun.frequency == frequency, PayRun.status == FINALISED, PayRun.pay_date > pay_date,
        PayRun.tax_year == tax_year_of(pay_date))).first()
    if later is None:
        return None
    return Problem(f"A later {FREQUENCY_WORDS[frequency]} run (paid on {long_date(later.pay_date)}) is already "
                   "final, and tax is worked out in pay date order. Choose a pay date on or after it.", "pay_date")


class StartPayRun(Operation[NewPayRun, int]):
    action = "pay_run_started"
    changes = frozenset({Change.PAY_RUNS})

    def check(self, ctx: Context, given: NewPayRun) -> list[Problem]:
        if given.frequency not in {f.value for f in Frequency}:
            return [Problem("Choose how often this run pays: weekly, fortnightly, four-weekly or monthly.", "frequency")]
        found = [p for p in [tax_year_problem(given.pay_date, ctx.today)] if p]
        start, end = run_period(ctx, given)
        if given.pay_date < start:
            found.append(Problem(f"The pay date is before the pay period starts ({long_date(start)}). Pay on or "
                                 "after the period's first day.", "pay_date"))
        if not ctx.session.scalars(select(PersonalAssistant.id).where(
                PersonalAssistant.pay_frequency == given.frequency)).first():
            found.append(Problem(f"No PA is paid {FREQUENCY_WORDS[given.frequency]}. Choose the frequency your "
                                 "PAs are paid at (it is on each PA's page).", "frequency"))
        same = ctx.session.scalars(select(PayRun).where(
            PayRun.frequency == given.frequency, PayRun.period_start == start, PayRun.kind == "regular")).first()
        if same is not None:
            found.append(Problem(f"There is already a pay run for {long_date(start)} to {long_date(end)} "
                                 f"(paid on {long_date(same.pay_date)}). Open that one; to pay more for this period, "
                                 "start a correction run from it.", "period"))
        later = later_final_problem(ctx, given.frequency, given.pay_date)
        if later:
            found.append(later)
        return found

    def apply(self, ctx: Context, given: NewPayRun) -> int:
        start, end = run_period(ctx, given)
        run = PayRun(tax_year=tax_year_of(given.pay_date), frequency=given.frequency,
                     period=tax_period(Frequency(given.frequency), given.pay_date), period_start=start,
                     period_end=end, pay_date=given.pay_date, status=DRAFT, finalised_at=None,
                     corrects_pay_run_id=None, kind="regular", reason="")
        ctx.session.add(run)
        ctx.session.flush()
        ctx.note("pay_run", run.id, frequency=given.frequency, period=f"{start.isoformat()} to {end.isoformat()}",
                 pay_date=given.pay_date.isoformat())
        return run.id


def draft_run(ctx: Context, run_id: int) -> PayRun | Problem:
    run = ctx.session.get(PayRun, run_id)
    if run is None:
        return Problem("That pay run is not in this file.", "pay_run")
    if run.status != DRAFT:
        return Problem(f"The pay run paid on {long_date(run.pay_date)} is final and can never be changed. To put "
                       "something right, start a correction run from it.", "pay_run")
    return run


class DeleteDraftRun(Operation[int, None]):
    """A draft can be thrown away (nothing was paid); a finalised run never can."""

    action = "pay_run_deleted"
    changes = frozenset({Change.PAY_RUNS})

    def check(self, ctx: Context, given: int) -> list[Problem]:
        found = draft_run(ctx, given)
        return [found] if isinstance(found, Problem) else []

    def apply(self, ctx: Context, given: int) -> None:
        run = ctx.session.get(PayRun, given)
        assert run is not None
        for addition in ctx.session.scalars(select(PayAddition).where(PayAddition.pay_run_id == given)):
            ctx.session.delete(addition)
        ctx.note("pay_run", given, pay_date=run.pay_date.isoformat(), frequency=run.frequency)
        ctx.session.delete(run)

"""Start a correction run for a finalised pay run: the original stays exactly as it was; the correction is a
new run, pointing back at it with the reason kept, that pays what was missed (back pay, an expense)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.core.problems import Problem
from app.models import PayRun
from app.payroll.pay_run import tax_period
from app.payroll.periods import Frequency
from app.services.inputs import reason_problem
from app.services.operations import Change, Context, Operation
from app.services.pay_run_facts import DRAFT, FINALISED, tax_year_of
from app.services.start_pay_run import later_final_problem, tax_year_problem
from app.services.words import long_date


@dataclass(frozen=True, slots=True)
class Correction:
    pay_run_id: int  # the finalised run being put right
    pay_date: date  # when the correction is paid
    reason: str


class StartCorrection(Operation[Correction, int]):
    action = "correction_run_started"
    changes = frozenset({Change.PAY_RUNS})

    def check(self, ctx: Context, given: Correction) -> list[Problem]:
        original = ctx.session.get(PayRun, given.pay_run_id)
        if original is None:
            return [Problem("That pay run is not in this file.", "pay_run")]
        found = []
        if original.status != FINALISED:
            found.append(Problem("That run is still a draft: change it directly, no correction is needed.", "pay_run"))
        problem = reason_problem(given.reason, "Say why the run needs correcting, such as \"4 hours on 3 December "
                                               "were left off Priya's timesheet\".")
        if problem:
            found.append(problem)
        year = tax_year_problem(given.pay_date, ctx.today)
        if year:
            found.append(year)
        later = later_final_problem(ctx, original.frequency, given.pay_date)
        if later and given.pay_date >= original.pay_date:
            found.append(later)
        if given.pay_date < original.pay_date:
            found.append(Problem(f"A correction is paid on or after the run it corrects ({long_date(original.pay_date)}).",
                                 "pay_date"))
        return found

    def apply(self, ctx: Context, given: Correction) -> int:
        original = ctx.session.get(PayRun, given.pay_run_id)
        assert original is not None
        run = PayRun(tax_year=tax_year_of(given.pay_date), frequency=original.frequency,
                     period=tax_period(Frequency(original.frequency), given.pay_date),
                     period_start=original.period_start, period_end=original.period_end, pay_date=given.pay_date,
                     status=DRAFT, finalised_at=None, corrects_pay_run_id=original.id, kind="correction",
                     reason=given.reason.strip())
        ctx.session.add(run)
        ctx.session.flush()
        ctx.note("pay_run", run.id, reason=given.reason.strip(), corrects=original.id,
                 pay_date=given.pay_date.isoformat())
        return run.id

"""Finalise a pay run: its payslips are kept exactly as worked out, and the run can never be edited or deleted
again (a mistake is put right by a correction run that points back at it). A backup is taken first."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from sqlalchemy import select

from app.core.money import format_pounds
from app.core.problems import Problem
from app.models import PayRun, Payslip, PayslipLine
from app.payroll.pay_run import DraftPayslip, RunDraft, draft_pay_run
from app.services.ledger_book import post_pay_run
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.pay_run_facts import DRAFT, gather
from app.services.start_pay_run import draft_run, tax_year_problem
from app.services.words import long_date


@dataclass(frozen=True, slots=True)
class Finalising:
    pay_run_id: int
    # What the person was shown and agreed to pay the PAs: if the run has changed since (a timesheet amended
    # in another window), finalising is refused rather than locking figures nobody saw.
    shown_paid_to_pas_pence: int | None = None


def _draft(ctx: Context, run: PayRun) -> RunDraft:
    return draft_pay_run(gather(ctx.session, run).facts)


class FinalisePayRun(Operation[Finalising, int]):
    action = "pay_run_finalised"
    changes = frozenset({Change.PAY_RUNS, Change.MONEY})
    allowed = EMPLOYER_ONLY  # the employer pays; a support worker can prepare the run
    irreversible = "before-finalising-pay-run"

    def check(self, ctx: Context, given: Finalising) -> list[Problem]:
        run = draft_run(ctx, given.pay_run_id)
        if isinstance(run, Problem):
            return [run]
        found = [p for p in [tax_year_problem(run.pay_date, ctx.today)] if p]
        earlier = ctx.session.scalars(select(PayRun).where(
            PayRun.frequency == run.frequency, PayRun.status == DRAFT, PayRun.pay_date < run.pay_date,
            PayRun.tax_year == run.tax_year, PayRun.id != run.id)).first()
        if earlier is not None:
            found.append(Problem(f"The run paid on {long_date(earlier.pay_date)} comes first: tax is worked out in "
                                 "pay date order. Finalise or delete that one first.", "pay_run"))
        draft = _draft(ctx, run)
        found += list(draft.problems)
        if given.shown_paid_to_pas_pence is not None and draft.paid_to_pas_pence != given.shown_paid_to_pas_pence:
            found.append(Problem(f"The run has changed since you looked at it: the PAs are now paid "
                                 f"{format_pounds(draft.paid_to_pas_pence)}, not "
                                 f"{format_pounds(given.shown_paid_to_pas_pence)}. Look at it again, then finalise.",
                                 "pay_run"))
        return found

    def apply(self, ctx: Context, given: Finalising) -> int:
        run = ctx.session.get(PayRun, given.pay_run_id)
        assert run is not None
        draft = _draft(ctx, run)
        for slip in draft.payslips:
            keep_payslip(ctx, run, draft, slip)
        run.status = "finalised"
        run.finalised_at = ctx.now
        post_pay_run(ctx, run.id)
        ctx.note("pay_run", run.id, pay_date=run.pay_date.isoformat(), payslips=len(draft.payslips),
                 paid_to_pas=format_pounds(draft.paid_to_pas_pence), due_to_hmrc=format_pounds(draft.due_to_hmrc_pence))
        return len(draft.payslips)


def keep_payslip(ctx: Context, run: PayRun, draft: RunDraft, slip: DraftPayslip) -> None:
    result = slip.result
    details = {"year_to_date": asdict(slip.year_to_date), "warnings": list(slip.warnings), "notes": list(result.notes),
               "pension_worker_category": str(result.pension_worker_category),
               "employment_allowance_remaining_pence": result.employment_allowance_remaining_pence,
               "holiday_words": slip.holiday_words, "pensionable_earnings_pence": result.pensionable_earnings_pence}
    if slip.paid_after_leaving:  # the FPS says "payment after leaving"; the NI earnings period it was worked on
        details["paid_after_leaving"] = True
        details["ni_frequency"] = str(slip.ni_frequency or run.frequency)
    row = Payslip(
        pay_run_id=run.id, pa_id=slip.pa_id, tax_code=slip.tax_code, ni_category=slip.ni_category,
        gross_pay_pence=result.gross_pay_pence, taxable_pay_pence=result.taxable_pay_pence, tax_pence=result.tax_pence,
        employee_ni_pence=result.employee_ni_pence, employer_ni_pence=result.employer_ni_pence,
        employment_allowance_offset_pence=result.employment_allowance_offset_pence,
        employee_pension_pence=result.employee_pension_pence, employer_pension_pence=result.employer_pension_pence,
        student_loan_pence=result.student_loan_pence, postgraduate_loan_pence=result.postgraduate_loan_pence,
        net_pay_pence=result.net_pay_pence, taxable_pay_to_date_pence=result.taxable_pay_to_date_pence,
        tax_paid_to_date_pence=result.tax_paid_to_date_pence, earnings_at_lel_pence=result.earnings_at_lel_pence,
        earnings_lel_to_pt_pence=result.earnings_lel_to_pt_pence,
        earnings_pt_to_uel_pence=result.earnings_pt_to_uel_pence, period=draft.period,
        week1_month1=slip.week1_month1, expenses_pence=slip.expenses_pence, deductions_pence=slip.deductions_pence,
        pension_refund_pence=slip.pension_refund_pence, employer_pension_refund_pence=slip.employer_pension_refund_pence,
        paid_to_pa_pence=slip.paid_to_pa_pence, details_json=json.dumps(details, sort_keys=True))
    ctx.session.add(row)
    ctx.session.flush()
    for line in slip.lines + slip.after_tax:
        ctx.session.add(PayslipLine(payslip_id=row.id, kind=line.kind, description=line.description, hours=line.hours,
                                    rate_pence=line.rate_pence, amount_pence=line.amount_pence))

"""Pay owed (or overpaid) because a timesheet was amended after its pay run was final: the amended timesheet's
kept pay against what the payslip paid for time, less any back pay already paid in a correction run. A final
run is never changed; this says what to put right in a correction, and how much."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import func, select

from app.models import PayAddition, PayRun, Payslip, PayslipLine, PersonalAssistant, Timesheet
from app.services.book import EmployerBook
from app.services.pay_run_facts import FINALISED
from app.services.words import TIME_KINDS, format_pounds, long_date  # every kind a timesheet pays
from app.timesheets.pay import from_snapshot
from app.timesheets.states import TimesheetStatus


@dataclass(frozen=True, slots=True)
class PayDifference:
    pa_id: int
    pa_name: str
    pay_run_id: int  # the final run that paid the period
    period_words: str
    owed_pence: int  # more than 0: owed to the PA; less than 0: overpaid

    def title(self) -> str:
        if self.owed_pence > 0:
            return f"{self.pa_name} is owed {format_pounds(self.owed_pence)} for {self.period_words}"
        return f"{self.pa_name} was paid {format_pounds(-self.owed_pence)} too much for {self.period_words}"

    def words(self) -> str:
        if self.owed_pence > 0:
            return (f"{self.pa_name}'s timesheet for {self.period_words} was changed after the pay run was final: "
                    f"{self.pa_name} is owed {format_pounds(self.owed_pence)}. Start a correction run from that run "
                    "and add it as back pay.")
        return (f"{self.pa_name}'s timesheet for {self.period_words} was changed after the pay run was final: "
                f"{self.pa_name} was paid {format_pounds(-self.owed_pence)} too much. Talk to them, and take it back "
                "as a deduction in a later run if you both agree.")


def pay_differences(book: EmployerBook) -> list[PayDifference]:
    found = []
    with book.reading() as session:
        # Only periods whose timesheet was amended (more than one version) can differ: found in one query, so
        # Home stays quick on a file with years of pay runs.
        amended = session.execute(select(Timesheet.pa_id, Timesheet.period_start, Timesheet.period_end).group_by(
            Timesheet.pa_id, Timesheet.period_start, Timesheet.period_end).having(func.count() > 1)).all()
        for pa_id, start, end in amended:
            current = session.scalars(select(Timesheet).where(
                Timesheet.pa_id == pa_id, Timesheet.period_start == start, Timesheet.period_end == end,
                Timesheet.status == TimesheetStatus.APPROVED, Timesheet.pay_snapshot_json != "")).first()
            row = session.execute(select(Payslip, PayRun, PersonalAssistant).join(
                PayRun, Payslip.pay_run_id == PayRun.id).join(PersonalAssistant).where(
                Payslip.pa_id == pa_id, PayRun.status == FINALISED, PayRun.kind == "regular",
                PayRun.period_start == start, PayRun.period_end == end)).first()
            if current is None or row is None:  # still being amended, or not paid yet
                continue
            slip, run, pa = row
            approved = from_snapshot(json.loads(current.pay_snapshot_json)).gross_pence
            paid = sum(session.scalars(select(PayslipLine.amount_pence).where(
                PayslipLine.payslip_id == slip.id, PayslipLine.kind.in_(TIME_KINDS))))
            corrections = select(PayRun.id).where(PayRun.corrects_pay_run_id == run.id, PayRun.status == FINALISED)
            back_pay = sum(session.scalars(select(PayAddition.amount_pence).where(
                PayAddition.pay_run_id.in_(corrections), PayAddition.pa_id == pa.id, PayAddition.kind == "back_pay")))
            owed = approved - paid - back_pay
            if owed:
                found.append(PayDifference(pa.id, pa.full_name, run.id,
                                           f"{long_date(run.period_start)} to {long_date(run.period_end)}", owed))
    return found

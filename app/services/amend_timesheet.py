"""Reopen an approved timesheet as a new draft version, with a reason.

The approved version and its shifts are kept exactly as they were (marked superseded); the new version
starts as a copy, to be changed and approved again.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.core.problems import Problem
from app.models import Shift, Timesheet
from app.services.inputs import reason_problem
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.timesheets.states import TimesheetStatus


@dataclass(frozen=True, slots=True)
class Amendment:
    timesheet_id: int
    reason: str


class AmendTimesheet(Operation[Amendment, int]):
    action = "timesheet_amended"
    changes = frozenset({Change.TIMESHEETS, Change.SHIFTS})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: Amendment) -> list[Problem]:
        unsaid = reason_problem(given.reason, "Say why the approved timesheet is being changed (for example, "
                                              "\"Tuesday's shift ended at 14:00, not 13:00\").")
        found = [unsaid] if unsaid else []
        old = ctx.session.get(Timesheet, given.timesheet_id)
        if old is None or old.status != TimesheetStatus.APPROVED:
            found.append(Problem("Only an approved timesheet can be amended.", "timesheet"))
        return found

    def apply(self, ctx: Context, given: Amendment) -> int:
        old = ctx.session.get(Timesheet, given.timesheet_id)
        assert old is not None
        new = Timesheet(pa_id=old.pa_id, period_start=old.period_start, period_end=old.period_end,
                        version=old.version + 1, status=TimesheetStatus.DRAFT, supersedes_id=old.id,
                        change_reason=given.reason.strip(), signed_by_pa_on=None, signed_by_employer_on=None)
        ctx.session.add(new)
        ctx.session.flush()
        for shift in ctx.session.scalars(select(Shift).where(Shift.timesheet_id == old.id)):
            ctx.session.add(Shift(pa_id=shift.pa_id, cover_name=shift.cover_name, starts_at=shift.starts_at,
                                  ends_at=shift.ends_at, kind=shift.kind, status=shift.status, source=shift.source,
                                  rota_pattern_id=shift.rota_pattern_id, timesheet_id=new.id, notes=shift.notes))
        old.status = TimesheetStatus.SUPERSEDED
        ctx.note("timesheet", new.id, reason=given.reason.strip(),
                 period=f"{old.period_start.isoformat()} to {old.period_end.isoformat()}", version=new.version)
        return new.id

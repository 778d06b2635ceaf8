"""Confirm planned shifts as worked, and approve a PA's timesheet for a pay period.

Approving locks the period's shifts with both sign-off dates and keeps the pay as a snapshot (approved
pay is never worked out again). It is irreversible, so the runner takes a backup first. "Confirm the
planned shifts and approve" is one step: both happen, or neither.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from app.core.problems import Problem
from app.models import PersonalAssistant, Shift, Timesheet
from app.services.inputs import sentence
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.shift_records import boundaries, day_bounds, shifts_of
from app.services.timesheet_views import TimesheetView, sheet_view
from app.services.words import KIND_WORDS, format_pounds, hours, long_date
from app.timesheets.pay import to_snapshot
from app.timesheets.states import ShiftStatus, TimesheetStatus


@dataclass(frozen=True, slots=True)
class PaDays:
    pa_id: int
    first_day: date
    last_day: date


class ConfirmPlanned(Operation[PaDays, int]):
    """Mark every planned shift of a PA in the days as worked ("confirm as planned")."""

    action = "planned_confirmed"
    changes = frozenset({Change.SHIFTS})

    def check(self, ctx: Context, given: PaDays) -> list[Problem]:
        if ctx.session.get(PersonalAssistant, given.pa_id) is None:
            return [Problem("That PA is not in this file.", "pa")]
        if given.last_day < given.first_day:
            return [Problem("The last day is before the first day.", "to")]
        return []

    def apply(self, ctx: Context, given: PaDays) -> int:
        count = confirm(ctx, given.pa_id, given.first_day, given.last_day)
        ctx.note("pa", given.pa_id, first_day=given.first_day.isoformat(), last_day=given.last_day.isoformat(),
                 shifts=count)
        return count


def confirm(ctx: Context, pa_id: int, first_day: date, last_day: date) -> int:
    first, last = day_bounds(first_day, last_day)
    locked = set(ctx.session.scalars(select(Timesheet.id).where(Timesheet.status != TimesheetStatus.DRAFT)))
    shifts = [s for s in shifts_of(ctx.session, pa_id, first, last)
              if s.status == ShiftStatus.PLANNED and s.starts_at >= first and s.timesheet_id not in locked]
    for shift in shifts:
        shift.status = ShiftStatus.WORKED
    return len(shifts)


@dataclass(frozen=True, slots=True)
class Approval:
    pa_id: int
    period_start: date
    period_end: date
    signed_by_pa_on: date
    signed_by_employer_on: date
    confirm_planned: bool = False  # confirm the period's planned shifts as worked in the same step


def approval_problems(view: TimesheetView, given: Approval) -> list[Problem]:
    found = []
    if view.status == TimesheetStatus.APPROVED:
        return [Problem("This timesheet is already approved.", "timesheet")]
    if view.planned:
        found.append(Problem(f"{len(view.planned)} shift(s) are still planned, not confirmed. Confirm them as worked, "
                             "change them, or mark them absent before approving.", "shifts"))
    found += [Problem(sentence(p.message), "shifts") for p in view.pay.problems]
    for field, signed in (("signed_by_pa_on", given.signed_by_pa_on),
                          ("signed_by_employer_on", given.signed_by_employer_on)):
        if signed < given.period_start:
            found.append(Problem(f"A timesheet is signed on or after the first day of its period "
                                 f"({long_date(given.period_start)}).", field))
    return found


class ApproveTimesheet(Operation[Approval, int]):
    action = "timesheet_approved"
    changes = frozenset({Change.TIMESHEETS, Change.SHIFTS})
    allowed = EMPLOYER_ONLY  # the employer signs it; a support worker can prepare it
    irreversible = "before-approving-timesheet"

    def check(self, ctx: Context, given: Approval) -> list[Problem]:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        if pa is None:
            return [Problem("That PA is not in this file.", "pa")]
        return approval_problems(sheet_view(ctx.session, pa, given.period_start, given.period_end,
                                            given.confirm_planned), given)

    def apply(self, ctx: Context, given: Approval) -> int:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        assert pa is not None
        confirmed = confirm(ctx, pa.id, given.period_start, given.period_end) if given.confirm_planned else 0
        ctx.session.flush()
        view = sheet_view(ctx.session, pa, given.period_start, given.period_end)
        sheet = ctx.session.scalars(select(Timesheet).where(
            Timesheet.pa_id == pa.id, Timesheet.period_start == given.period_start,
            Timesheet.period_end == given.period_end, Timesheet.status == TimesheetStatus.DRAFT)).first()
        if sheet is None:
            sheet = Timesheet(pa_id=pa.id, period_start=given.period_start, period_end=given.period_end, version=1,
                              signed_by_pa_on=None, signed_by_employer_on=None, supersedes_id=None)
            ctx.session.add(sheet)
            ctx.session.flush()
        sheet.status = TimesheetStatus.APPROVED
        sheet.signed_by_pa_on, sheet.signed_by_employer_on = given.signed_by_pa_on, given.signed_by_employer_on
        rules = boundaries(ctx.session)
        sheet.pay_snapshot_json = json.dumps(to_snapshot(view.pay, {
            "night_starts": f"{rules.night_starts:%H:%M}", "night_ends": f"{rules.night_ends:%H:%M}",
            "country": rules.country}))
        for item in view.shifts:
            shift = ctx.session.get(Shift, item.shift_id)
            assert shift is not None
            shift.timesheet_id = sheet.id
        ctx.note("timesheet", sheet.id, pa_id=pa.id,
                 period=f"{given.period_start.isoformat()} to {given.period_end.isoformat()}", version=sheet.version,
                 gross_pay=format_pounds(view.pay.gross_pence), confirmed_planned=confirmed or None)
        return sheet.id


@dataclass(frozen=True, slots=True)
class ApprovalSummary:
    """What approving a timesheet would lock, in words, for the approve dialog (no one approves blind)."""

    what: str  # "Priya Shah's timesheet for 1 December 2026 to 31 December 2026"
    lines: tuple[str, ...]  # hours by kind, pay, the minimum wage check
    planned: int  # shifts still only planned: confirming them can be part of approving
    problems: tuple[str, ...]  # what stops approval until it is put right
    approved: bool


def approval_summary(book: Any, pa_id: int, period_start: date, period_end: date) -> ApprovalSummary:
    from app.services.hours_summary import hours_summary
    from app.services.timesheet_views import timesheet

    view = timesheet(book, pa_id, period_start, period_end)
    kinds = ", ".join(f"{hours(minutes)} {KIND_WORDS.get(kind, kind)}" for kind, minutes in
                      sorted(view.pay.minutes_by_kind.items()) if minutes)
    worked = [s for s in view.shifts if s.status != ShiftStatus.ABSENT]
    lines = [f"{len(worked)} shift{'s' if len(worked) != 1 else ''}, {hours(view.total_minutes)} hours"
             + (f" ({kinds})" if kinds else "") + ".",
             f"Pay for them before tax: {format_pounds(view.pay.gross_pence)}."]
    for pa in hours_summary(book, period_start, period_end).pas:
        if pa.pa_id == pa_id:
            lines += [f"Minimum wage: {line}" for line in pa.minimum_wage]
    return ApprovalSummary(f"{view.pa_name}'s timesheet for {long_date(period_start)} to {long_date(period_end)}",
                           tuple(lines), len(view.planned), tuple(sentence(p.message) for p in view.pay.problems),
                           view.status == TimesheetStatus.APPROVED)

"""Change, mark or delete a shift. A shift inside an approved timesheet is locked: changing it means
amending the timesheet (a new version, with a reason)."""

from __future__ import annotations

from dataclasses import dataclass

from app.core.problems import Problem
from app.models import PersonalAssistant, Shift, Timesheet
from app.services.add_shift import STATUSES, ShiftInput, entry_problems, utc
from app.services.inputs import sentence
from app.services.operations import Change, Context, Operation
from app.services.shift_records import boundaries, rates_of, read_times
from app.timesheets.pay import ShiftForPay, period_pay
from app.timesheets.shift_rules import shift_words
from app.timesheets.split import SHIFT_KINDS
from app.timesheets.states import TimesheetStatus

LOCKED = ("This shift is in an approved timesheet, which is locked. Amend the timesheet (with a reason) to change "
          "it.")


def editable_problem(ctx: Context, shift_id: int) -> Problem | None:
    shift = ctx.session.get(Shift, shift_id)
    if shift is None:
        return Problem("That shift is not in this file any more.", "shift")
    if shift.timesheet_id is not None:
        sheet = ctx.session.get(Timesheet, shift.timesheet_id)
        if sheet is not None and sheet.status != TimesheetStatus.DRAFT:
            return Problem(LOCKED, "shift")
    return None


def _shift(ctx: Context, shift_id: int) -> Shift:
    shift = ctx.session.get(Shift, shift_id)
    assert shift is not None
    return shift


@dataclass(frozen=True, slots=True)
class ShiftChange:
    shift_id: int
    entry: ShiftInput


class ChangeShift(Operation[ShiftChange, None]):
    action = "shift_changed"
    changes = frozenset({Change.SHIFTS})

    def check(self, ctx: Context, given: ShiftChange) -> list[Problem]:
        locked = editable_problem(ctx, given.shift_id)
        return [locked] if locked else entry_problems(ctx, given.entry, given.shift_id)

    def apply(self, ctx: Context, given: ShiftChange) -> None:
        shift, entry = _shift(ctx, given.shift_id), given.entry
        times = read_times(entry.day, entry.start, entry.end)
        assert not isinstance(times, Problem)
        before = shift_words(shift.starts_at, shift.ends_at)
        shift.pa_id, shift.starts_at, shift.ends_at = entry.pa_id, utc(times[0]), utc(times[1])
        shift.kind, shift.status, shift.notes = entry.kind, entry.status, entry.notes.strip()
        ctx.note("shift", shift.id, pa_id=entry.pa_id, was=before, now=shift_words(*times), kind=entry.kind,
                 status=entry.status)


@dataclass(frozen=True, slots=True)
class ShiftMark:
    """Confirm a planned shift as worked, mark it absent, or change it to sick or holiday."""

    shift_id: int
    status: str | None = None
    kind: str | None = None


class MarkShift(Operation[ShiftMark, None]):
    action = "shift_marked"
    changes = frozenset({Change.SHIFTS})

    def check(self, ctx: Context, given: ShiftMark) -> list[Problem]:
        locked = editable_problem(ctx, given.shift_id)
        if locked:
            return [locked]
        found = []
        if given.status is not None and given.status not in STATUSES:
            found.append(Problem(f"A shift is one of: {', '.join(STATUSES)}.", "status"))
        if given.kind is not None:
            shift = _shift(ctx, given.shift_id)
            pa = ctx.session.get(PersonalAssistant, shift.pa_id) if shift.pa_id else None
            if given.kind not in SHIFT_KINDS:
                found.append(Problem(f"\"{given.kind}\" is not a kind of shift.", "kind"))
            elif pa is not None:
                missing = period_pay([ShiftForPay(shift.starts_at, shift.ends_at, given.kind)], rates_of(pa),
                                     boundaries(ctx.session), pa.full_name).problems
                found += [Problem(sentence(p.message), "kind") for p in missing[:1]]
        return found

    def apply(self, ctx: Context, given: ShiftMark) -> None:
        shift = _shift(ctx, given.shift_id)
        if given.status is not None:
            shift.status = given.status
        if given.kind is not None:
            shift.kind = given.kind
        ctx.note("shift", shift.id, when=shift_words(shift.starts_at, shift.ends_at), status=given.status,
                 kind=given.kind)


class DeleteShift(Operation[int, None]):
    action = "shift_deleted"
    changes = frozenset({Change.SHIFTS})

    def check(self, ctx: Context, given: int) -> list[Problem]:
        locked = editable_problem(ctx, given)
        return [locked] if locked else []

    def apply(self, ctx: Context, given: int) -> None:
        shift = _shift(ctx, given)
        ctx.note("shift", given, when=shift_words(shift.starts_at, shift.ends_at), kind=shift.kind)
        ctx.session.delete(shift)

"""Add one shift for a PA, typed as London wall-clock times and stored as instants."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from app.core.problems import Problem
from app.models import PersonalAssistant, Shift
from app.services.inputs import sentence
from app.services.operations import Change, Context, Operation
from app.services.shift_records import boundaries, pa_facts, read_times, shifts_of, timed
from app.timesheets.shift_rules import NewShift, shift_problems, shift_words
from app.timesheets.states import ShiftSource, ShiftStatus

STATUSES = tuple(ShiftStatus)


@dataclass(frozen=True, slots=True)
class ShiftInput:
    pa_id: int
    day: date
    start: str  # "08:00", "01:30 BST"
    end: str
    kind: str = "work"
    status: str = ShiftStatus.WORKED
    notes: str = ""


def utc(instant: datetime) -> datetime:
    return instant.astimezone(UTC)


def entry_problems(ctx: Context, entry: ShiftInput, shift_id: int | None = None) -> list[Problem]:
    """Every problem with a shift as typed (shared by adding and changing one)."""
    found = []
    if entry.status not in STATUSES:
        found.append(Problem(f"A shift is one of: {', '.join(STATUSES)}.", "status"))
    pa = ctx.session.get(PersonalAssistant, entry.pa_id)
    if pa is None:
        return [*found, Problem("That PA is not in this file.", "pa")]
    times = read_times(entry.day, entry.start, entry.end)
    if isinstance(times, Problem):
        return [*found, times]
    start, end = times
    candidate = NewShift(start, end, entry.kind, shift_id)
    problems = shift_problems([candidate], pa_facts(ctx.session, pa), timed(shifts_of(ctx.session, pa.id, start, end)),
                              boundaries(ctx.session))[0]
    return found + [Problem(sentence(p.message), p.field) for p in problems]


class AddShift(Operation[ShiftInput, int]):
    action = "shift_added"
    changes = frozenset({Change.SHIFTS})

    def check(self, ctx: Context, given: ShiftInput) -> list[Problem]:
        return entry_problems(ctx, given)

    def apply(self, ctx: Context, given: ShiftInput) -> int:
        times = read_times(given.day, given.start, given.end)
        assert not isinstance(times, Problem)
        start, end = times
        shift = Shift(pa_id=given.pa_id, starts_at=utc(start), ends_at=utc(end), kind=given.kind, status=given.status,
                      source=ShiftSource.MANUAL, notes=given.notes.strip())
        ctx.session.add(shift)
        ctx.session.flush()
        ctx.note("shift", shift.id, pa_id=given.pa_id, when=shift_words(start, end), kind=given.kind)
        return shift.id

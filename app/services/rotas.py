"""Rotas: repeating weekly patterns of shifts, and planned shifts made from them for some days.

Planned shifts meet the same rules as any other shift (app.timesheets.shift_rules). A day a pattern
cannot be applied to is said in the result, with why; one already planned from the same pattern is left
as it is.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.core.problems import Problem
from app.models import PersonalAssistant, RotaPattern, Shift
from app.services.add_shift import utc
from app.services.inputs import sentence
from app.services.operations import Change, Context, Operation
from app.services.shift_records import boundaries, day_bounds, pa_facts, shifts_of, timed
from app.timesheets import rota
from app.timesheets.clock import TimeProblem, parse_wall_time
from app.timesheets.shift_rules import NewShift, shift_problems
from app.timesheets.split import SHIFT_KINDS
from app.timesheets.states import ShiftSource, ShiftStatus


@dataclass(frozen=True, slots=True)
class RotaInput:
    pa_id: int | None
    weekdays: tuple[int, ...]
    start: str
    end: str
    starts_on: date
    ends_on: date | None = None
    every_weeks: int = 1
    kind: str = "work"
    cover_name: str = ""  # an agency, when there is no PA


def _pattern(given: RotaInput) -> rota.Pattern | Problem:
    try:
        rule = rota.weekly_rule(list(given.weekdays), given.every_weeks)
        start, end = parse_wall_time(given.start), parse_wall_time(given.end)
    except (ValueError, TimeProblem) as exc:
        return Problem(sentence(str(exc)), "days")
    return rota.Pattern(rule, given.starts_on, given.ends_on, start.value, end.value, given.kind)


class AddRota(Operation[RotaInput, int]):
    action = "rota_added"
    changes = frozenset({Change.ROTAS})

    def check(self, ctx: Context, given: RotaInput) -> list[Problem]:
        found = []
        pattern = _pattern(given)
        if isinstance(pattern, Problem):
            found.append(pattern)
        if given.ends_on is not None and given.ends_on < given.starts_on:
            found.append(Problem("The pattern ends before it starts.", "until"))
        if given.pa_id is None and not given.cover_name.strip():
            found.append(Problem("Choose a PA, or name the agency that covers these shifts.", "pa"))
        elif given.pa_id is not None and ctx.session.get(PersonalAssistant, given.pa_id) is None:
            found.append(Problem("That PA is not in this file.", "pa"))
        if given.kind not in SHIFT_KINDS:
            found.append(Problem(f"\"{given.kind}\" is not a kind of shift.", "kind"))
        return found

    def apply(self, ctx: Context, given: RotaInput) -> int:
        pattern = _pattern(given)
        assert isinstance(pattern, rota.Pattern)
        row = RotaPattern(pa_id=given.pa_id, cover_name=given.cover_name.strip(), rule=pattern.rule,
                          starts_on=given.starts_on, ends_on=given.ends_on, start_time=pattern.start,
                          end_time=pattern.end, kind=given.kind)
        ctx.session.add(row)
        ctx.session.flush()
        ctx.note("rota_pattern", row.id, rule=rota.describe(pattern))
        return row.id


@dataclass(frozen=True, slots=True)
class Days:
    first_day: date
    last_day: date


@dataclass(frozen=True, slots=True)
class RotaResult:
    created: int
    not_applied: tuple[str, ...]  # "3 May 2026, Priya Shah: ..." for each day a pattern could not be applied
    already_planned: int = 0


@dataclass(frozen=True, slots=True)
class _Planned:
    pattern_id: int
    pa_id: int | None
    cover_name: str
    shift: NewShift


class ApplyRotas(Operation[Days, RotaResult]):
    action = "rotas_applied"
    changes = frozenset({Change.SHIFTS})

    def check(self, ctx: Context, given: Days) -> list[Problem]:
        if given.last_day < given.first_day:
            return [Problem("The last day is before the first day.", "to")]
        return []

    def apply(self, ctx: Context, given: Days) -> RotaResult:
        planned, not_applied, already = self._plan(ctx, given)
        for item in planned:
            ctx.session.add(Shift(pa_id=item.pa_id, cover_name=item.cover_name, starts_at=utc(item.shift.starts_at),
                                  ends_at=utc(item.shift.ends_at), kind=item.shift.kind, status=ShiftStatus.PLANNED,
                                  source=ShiftSource.ROTA, rota_pattern_id=item.pattern_id))
        ctx.note(first_day=given.first_day.isoformat(), last_day=given.last_day.isoformat(),
                 planned_shifts=len(planned), not_applied=len(not_applied))
        return RotaResult(len(planned), tuple(not_applied), already)

    @staticmethod
    def _plan(ctx: Context, given: Days) -> tuple[list[_Planned], list[str], int]:
        not_applied: list[str] = []
        by_pa: dict[int | None, list[_Planned]] = defaultdict(list)
        for row in ctx.session.scalars(select(RotaPattern).order_by(RotaPattern.id)):
            shifts, notes = rota.plan(rota.Pattern(row.rule, row.starts_on, row.ends_on, row.start_time, row.end_time,
                                                   row.kind), given.first_day, given.last_day)
            not_applied += notes
            for shift in shifts:
                by_pa[row.pa_id].append(_Planned(row.id, row.pa_id, row.cover_name, NewShift(
                    shift.starts_at, shift.ends_at, shift.kind, label=f"another pattern's shift on {shift.day.day} "
                    f"{shift.day:%B %Y}")))
        accepted = list(by_pa.pop(None, []))  # agency cover: no PA's rules apply
        already = 0
        first, last = day_bounds(given.first_day, given.last_day)
        bounds = boundaries(ctx.session)
        for pa_id, items in by_pa.items():
            pa = ctx.session.get(PersonalAssistant, pa_id)
            if pa is None:
                continue
            existing = shifts_of(ctx.session, pa.id, first, last)
            there = {(s.rota_pattern_id, s.starts_at) for s in existing}
            fresh = [i for i in items if (i.pattern_id, utc(i.shift.starts_at)) not in there]
            already += len(items) - len(fresh)
            problems = shift_problems([i.shift for i in fresh], pa_facts(ctx.session, pa), timed(existing), bounds)
            for item, found in zip(fresh, problems, strict=True):
                if found:
                    day = item.shift.day
                    not_applied.append(f"{day.day} {day:%B %Y}, {pa.full_name}: {sentence(found[0].message)}")
                else:
                    accepted.append(item)
        return accepted, not_applied, already

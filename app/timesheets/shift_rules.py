"""The rules every new or changed shift must meet, in one place for adding, changing, importing and rotas.

A shift is refused when its kind is unknown, it lasts no time or more than 24 hours, it falls outside
the PA's employment, it is inside an approved (locked) timesheet, it overlaps another of the PA's
shifts (touching end to start is fine), or no pay rate is in force for a kind of time it contains.
(Wall-clock times that do not exist, or that the autumn change repeats, are refused earlier, when the
times are read: app.timesheets.clock.) Every problem of every shift comes back at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.core.dates import LONDON
from app.core.problems import Problem
from app.timesheets.checks import TimedShift
from app.timesheets.clock import minutes_between
from app.timesheets.pay import Rate, ShiftForPay, period_pay
from app.timesheets.split import SHIFT_KINDS, Boundaries

MAX_SHIFT = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class PaFacts:
    """What the rules need to know about the PA."""

    name: str
    started_on: date
    left_on: date | None
    rates: tuple[Rate, ...]
    locked_periods: tuple[tuple[date, date], ...]  # approved timesheets: (first day, last day)


@dataclass(frozen=True, slots=True)
class NewShift:
    starts_at: datetime
    ends_at: datetime
    kind: str = "work"
    shift_id: int | None = None  # when changing a shift already in the file
    label: str = "this shift"  # how another shift's problem names it: "line 12"

    @property
    def day(self) -> date:
        return self.starts_at.astimezone(LONDON).date()


def _day_words(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def shift_words(start: datetime, end: datetime) -> str:
    """"22:00 on 3 May 2026 to 08:00"."""
    a, b = start.astimezone(LONDON), end.astimezone(LONDON)
    return f"{a:%H:%M} on {_day_words(a.date())} to {b:%H:%M}"


def _own_problems(shift: NewShift, pa: PaFacts, boundaries: Boundaries) -> list[Problem]:
    found = []
    day = shift.day
    if shift.kind not in SHIFT_KINDS:
        found.append(Problem(f"\"{shift.kind}\" is not a kind of shift; use one of {', '.join(SHIFT_KINDS)}", "kind"))
    length = minutes_between(shift.starts_at, shift.ends_at)
    if length <= 0:
        found.append(Problem("the shift ends before it starts", "end"))
    elif shift.ends_at - shift.starts_at > MAX_SHIFT:
        found.append(Problem("a shift can last at most 24 hours; enter a longer stay as two shifts", "end"))
    if day < pa.started_on:
        found.append(Problem(f"{pa.name} starts on {_day_words(pa.started_on)}; this shift on {_day_words(day)} is "
                             "before that", "date"))
    elif pa.left_on is not None and day > pa.left_on:
        found.append(Problem(f"{pa.name} left on {_day_words(pa.left_on)}; this shift on {_day_words(day)} is after "
                             "that", "date"))
    for first, last in pa.locked_periods:
        if first <= day <= last:
            found.append(Problem(f"{pa.name}'s timesheet for {_day_words(first)} to {_day_words(last)} is approved "
                                 "and locked; amend it (with a reason) first", "date"))
            break
    if not found:
        missing = period_pay([ShiftForPay(shift.starts_at, shift.ends_at, shift.kind)], list(pa.rates), boundaries,
                             pa.name).problems
        found += [Problem(p.message, "kind") for p in missing[:1]]
    return found


def shift_problems(shifts: Sequence[NewShift], pa: PaFacts, existing: Sequence[TimedShift],
                   boundaries: Boundaries) -> list[list[Problem]]:
    """Every problem of each new shift (a list for each, in order), against the PA's shifts already in the
    file and against each other. Overlaps are found by one pass in time order, so a file of 100,000 lines
    is checked in n log n steps, not n squared."""
    found = [_own_problems(shift, pa, boundaries) for shift in shifts]
    replaced = {s.shift_id for s in shifts if s.shift_id is not None}
    # (start, end, index in `shifts` or None for a shift already in the file, the existing shift)
    items: list[tuple[datetime, datetime, int | None, TimedShift | None]] = [
        (s.starts_at, s.ends_at, None, s) for s in existing if s.shift_id not in replaced]
    items += [(s.starts_at, s.ends_at, index, None) for index, s in enumerate(shifts) if not found[index]]
    items.sort(key=lambda item: (item[0], item[1]))
    reach: tuple[datetime, datetime, int | None, TimedShift | None] | None = None
    for item in items:
        if reach is not None and item[0] < reach[1]:
            new, other = (item, reach) if item[2] is not None else (reach, item)
            index = new[2]
            if index is not None and not found[index]:
                found[index].append(_overlap(pa, other, shifts))
        if reach is None or item[1] > reach[1]:
            reach = item
    return found


def _overlap(pa: PaFacts, other: tuple[datetime, datetime, int | None, TimedShift | None],
             shifts: Sequence[NewShift]) -> Problem:
    if other[2] is not None:
        return Problem(f"overlaps {shifts[other[2]].label} for {pa.name}", "start")
    return Problem(f"{pa.name} already has a shift from {shift_words(other[0], other[1])}, which overlaps this one; "
                   "change or remove that shift first", "start")

"""Repeating shift patterns (RFC 5545 rules read by python-dateutil) turned into planned shifts.

A pattern keeps the wall-clock times: 08:00 stays 08:00 across the clock change. A planned time that
does not exist (inside the spring gap) is reported, not silently moved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr

from app.timesheets.clock import TimeProblem, shift_instants

WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class Pattern:
    rule: str  # e.g. "FREQ=WEEKLY;INTERVAL=2;BYDAY=SA,SU"
    starts_on: date
    ends_on: date | None
    start: time
    end: time
    kind: str = "work"


@dataclass(frozen=True, slots=True)
class PlannedShift:
    day: date
    starts_at: datetime
    ends_at: datetime
    kind: str


def weekly_rule(weekdays: list[int], every_weeks: int = 1) -> str:
    """A rule for "every Monday and Wednesday" (every_weeks=2 for alternate weeks)."""
    if not weekdays or any(d not in range(7) for d in weekdays):
        raise ValueError("choose at least one day of the week")
    if not 1 <= every_weeks <= 8:
        raise ValueError("a pattern can repeat every 1 to 8 weeks")
    days = ",".join(WEEKDAY_CODES[d] for d in sorted(set(weekdays)))
    return f"FREQ=WEEKLY;INTERVAL={every_weeks};BYDAY={days}"


def check_rule(rule: str, starts_on: date) -> None:
    try:
        rrulestr(rule, dtstart=datetime.combine(starts_on, time()))
    except (ValueError, TypeError) as exc:
        raise ValueError(f"\"{rule}\" is not a repeat rule PA Books can read ({exc})") from None


def occurrences(pattern: Pattern, first_day: date, last_day: date) -> list[date]:
    """The days in [first_day, last_day] on which the pattern puts a shift."""
    rule = rrulestr(pattern.rule, dtstart=datetime.combine(pattern.starts_on, time()))
    begin = max(first_day, pattern.starts_on)
    end = min(last_day, pattern.ends_on) if pattern.ends_on else last_day
    if end < begin:
        return []
    found = rule.between(datetime.combine(begin, time()), datetime.combine(end, time()) + timedelta(hours=23),
                         inc=True)
    return [moment.date() for moment in found]


def plan(pattern: Pattern, first_day: date, last_day: date) -> tuple[list[PlannedShift], list[str]]:
    """Planned shifts for the days, and a note for each day whose time does not exist that night."""
    shifts, notes = [], []
    for day in occurrences(pattern, first_day, last_day):
        try:
            start, end = shift_instants(day, pattern.start, pattern.end)
        except TimeProblem as exc:
            notes.append(f"{day.day} {day:%B %Y}: {exc}")
            continue
        shifts.append(PlannedShift(day, start, end, pattern.kind))
    return shifts, notes


def describe(pattern: Pattern) -> str:
    """Plain words for a weekly pattern: "Every week on Monday and Friday, 08:00 to 13:00"."""
    parts = dict(item.split("=", 1) for item in pattern.rule.split(";") if "=" in item)
    interval = int(parts.get("INTERVAL", "1"))
    every = {1: "Every week", 2: "Every other week"}.get(interval, f"Every {interval} weeks")
    codes = [c for c in parts.get("BYDAY", "").split(",") if c]
    names = [WEEKDAY_NAMES[WEEKDAY_CODES.index(c)] for c in codes if c in WEEKDAY_CODES]
    days = " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else "".join(names)
    return f"{every} on {days or 'the start day'}, {pattern.start:%H:%M} to {pattern.end:%H:%M}"

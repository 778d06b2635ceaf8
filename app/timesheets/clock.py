"""Wall-clock times in Europe/London to real instants, refusing times that do not exist (the spring gap)
and asking which is meant when a time happens twice (the autumn overlap).

Durations are always worked out in UTC: subtracting two London times directly would ignore the
clock change (Python compares wall clocks when both sides share a zone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from app.core.dates import LONDON

_WALL = re.compile(r"^\s*(\d{1,2})[:.]?(\d{2})\s*(BST|GMT)?\s*$", re.IGNORECASE)
MAX_SHIFT = timedelta(hours=24)


class TimeProblem(ValueError):
    """A time that cannot be a shift time, said in words a person can act on."""


class NonexistentTime(TimeProblem):
    pass


class AmbiguousTime(TimeProblem):
    """The time happens twice (clocks go back); say BST (the first) or GMT (the second)."""

    def __init__(self, day: date, wall: time) -> None:
        super().__init__(
            f"{wall:%H:%M} on {day.day} {day:%B %Y} happens twice, because the clocks go back that night. "
            f"Write {wall:%H:%M} BST for the first time or {wall:%H:%M} GMT for the second.")
        self.day = day
        self.wall = wall


@dataclass(frozen=True, slots=True)
class WallTime:
    """A time of day as written, with an optional BST/GMT marker for the autumn overlap."""

    value: time
    zone_hint: str | None = None  # "BST", "GMT" or None

    def __str__(self) -> str:
        return f"{self.value:%H:%M}" + (f" {self.zone_hint}" if self.zone_hint else "")


def parse_wall_time(text: str) -> WallTime:
    """ "08:00", "8:00", "0800", "8.00", "01:30 BST" -> WallTime. 24:00 and 25:00 are refused."""
    match = _WALL.match(text or "")
    if not match:
        raise TimeProblem(f"\"{text}\" is not a time; write it as 24-hour clock hours and minutes, such as 08:00 or 22:30")
    hours, minutes = int(match.group(1)), int(match.group(2))
    if hours > 23 or minutes > 59:
        hint = " (for midnight at the end of a shift, write 00:00)" if hours == 24 and minutes == 0 else ""
        raise TimeProblem(f"\"{text}\" is not a time of day; hours go from 00 to 23 and minutes from 00 to 59{hint}")
    hint_text = match.group(3).upper() if match.group(3) else None
    return WallTime(time(hours, minutes), hint_text)


def to_instant(day: date, wall: WallTime | time) -> datetime:
    """The real instant of a London wall-clock time on a day (zone-aware, in London time)."""
    if isinstance(wall, time):
        wall = WallTime(wall)
    first = datetime.combine(day, wall.value, tzinfo=LONDON)
    second = first.replace(fold=1)
    if first.astimezone(UTC).astimezone(LONDON).replace(tzinfo=None) != first.replace(tzinfo=None):
        raise NonexistentTime(
            f"{wall.value:%H:%M} on {day.day} {day:%B %Y} does not exist: the clocks go forward from 01:00 to "
            "02:00 that night. Check the time; a shift that started then began at 02:00 by the clock.")
    if first.utcoffset() != second.utcoffset():
        if wall.zone_hint is None:
            raise AmbiguousTime(day, wall.value)
        return first if wall.zone_hint == "BST" else second
    if wall.zone_hint is not None and first.tzname() != wall.zone_hint:
        raise TimeProblem(f"{wall.value:%H:%M} on {day.day} {day:%B %Y} is {first.tzname()}, not {wall.zone_hint}")
    return first


def shift_instants(day: date, start: WallTime | time, end: WallTime | time) -> tuple[datetime, datetime]:
    """Start and end of a shift that starts on `day`. An end at or before the start (by the clock) is on
    the next day, so 22:00-08:00 is a night shift. A shift can last at most 24 hours."""
    start_at = to_instant(day, start)
    end_wall = end.value if isinstance(end, WallTime) else end
    start_wall = start.value if isinstance(start, WallTime) else start
    end_day = day + timedelta(days=1) if end_wall <= start_wall else day
    end_at = to_instant(end_day, end)
    if minutes_between(start_at, end_at) <= 0:
        raise TimeProblem("the shift ends before it starts")
    return start_at, end_at


def start_of_day(day: date) -> datetime:
    """The real instant (in UTC) a London calendar day begins: how stored shifts are looked up by day."""
    return datetime.combine(day, time(), tzinfo=LONDON).astimezone(UTC)


def minutes_between(start: datetime, end: datetime) -> int:
    """Real minutes between two instants, across any clock change."""
    if start.tzinfo is end.tzinfo and start.tzinfo is not UTC:
        # Python subtracts two times in the same zone by their wall clocks: convert to real instants first.
        start, end = start.astimezone(UTC), end.astimezone(UTC)
    return int((end - start).total_seconds() // 60)


def hours(minutes: int) -> Decimal:
    """Minutes as hours, to 2 decimal places for showing (sums are kept in minutes, exactly)."""
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def local(instant: datetime) -> datetime:
    return instant.astimezone(LONDON)

"""Splitting a shift's real minutes into kinds of time that are paid differently.

Precedence, highest first: bank holiday (the employer's country, from the `holidays` package), weekend
(from Saturday 00:00 to Monday 00:00 by default), night (22:00 to 06:00 by default), day. A shift that
is not ordinary work (sleep-in, waking night, training, holiday, sick) keeps its own kind whole.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

from app.core.bank_holidays import COUNTRIES as COUNTRIES
from app.core.bank_holidays import bank_holidays as bank_holidays
from app.core.dates import LONDON
from app.timesheets.clock import minutes_between

WORK = "work"
SHIFT_KINDS = ("work", "sleep_in", "waking_night", "training", "holiday", "sick")
TIME_KINDS = ("day", "night", "weekend", "bank_holiday", "sleep_in", "waking_night", "training", "holiday", "sick")
_MIDNIGHT = time(0, 0)


@dataclass(frozen=True, slots=True)
class Boundaries:
    night_starts: time = time(22, 0)
    night_ends: time = time(6, 0)
    weekend_days: frozenset[int] = frozenset({5, 6})  # Saturday and Sunday, 00:00 to 24:00
    country: str = "england"
    extra_bank_holidays: frozenset[date] = field(default_factory=frozenset)
    weekend_bank_holidays: str = "substitute"  # app.core.bank_holidays.WEEKEND_RULES

    def is_bank_holiday(self, day: date) -> bool:
        return day in self.extra_bank_holidays or day in bank_holidays(self.country, day.year,
                                                                       self.weekend_bank_holidays)

    def kind_at(self, instant: datetime) -> str:
        wall = instant.astimezone(LONDON)
        if self.is_bank_holiday(wall.date()):
            return "bank_holiday"
        if wall.weekday() in self.weekend_days:
            return "weekend"
        clock = wall.time().replace(tzinfo=None)
        in_night = (clock >= self.night_starts or clock < self.night_ends) if self.night_starts > self.night_ends \
            else self.night_starts <= clock < self.night_ends
        return "night" if in_night else "day"


@lru_cache(maxsize=65536)
def _instant(day: date, wall: time) -> datetime:
    """A London wall-clock time on a day as a UTC instant (a time inside the spring gap moves to 02:00)."""
    return datetime.combine(day, wall, tzinfo=LONDON).astimezone(UTC)


def _change_points(start: datetime, end: datetime, boundaries: Boundaries) -> list[datetime]:
    """Every instant inside (start, end) where the kind of time may change: local midnights and the
    night boundaries, worked out as real instants."""
    start_utc, end_utc = start.astimezone(UTC), end.astimezone(UTC)
    points = set()
    day = start_utc.astimezone(LONDON).date()
    last_day = end_utc.astimezone(LONDON).date() + timedelta(days=1)
    while day <= last_day:
        for wall in (_MIDNIGHT, boundaries.night_starts, boundaries.night_ends):
            instant = _instant(day, wall)
            if start_utc < instant < end_utc:
                points.add(instant)
        day += timedelta(days=1)
    return sorted(points)


def split_minutes(start: datetime, end: datetime, shift_kind: str, boundaries: Boundaries) -> dict[str, int]:
    """Real minutes of a shift by kind of time. The parts always add up to the whole shift."""
    total = minutes_between(start, end)
    if shift_kind != WORK:
        return {shift_kind: total}
    result: dict[str, int] = {}
    edges = [start.astimezone(UTC), *_change_points(start, end, boundaries), end.astimezone(UTC)]
    for left, right in zip(edges, edges[1:], strict=False):
        kind = boundaries.kind_at(left)
        result[kind] = result.get(kind, 0) + minutes_between(left, right)
    return result

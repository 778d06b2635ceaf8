"""The one place PA Books reads the computer's clock.

Use cases never read it themselves: the operation runner asks the book's `Clock` once per operation and
hands the time to the operation (`ctx.now`, `ctx.today`), so tests and "what if" views can set the date.
The pure packages (`app/core`, `app/payroll`, `app/timesheets`) never import this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from app.core.dates import LONDON


def now_london() -> datetime:
    """The current instant in Europe/London."""
    return datetime.now(tz=LONDON)


def today_london() -> date:
    return now_london().date()


class Clock(Protocol):
    def now(self) -> datetime: ...


class SystemClock:
    """The computer's clock, in Europe/London."""

    def now(self) -> datetime:
        return now_london()


@dataclass(frozen=True, slots=True)
class FixedClock:
    """A clock stopped at one instant: for tests, and for looking at a file as on another day."""

    at: datetime

    def now(self) -> datetime:
        return self.at.astimezone(LONDON)

    @classmethod
    def on(cls, day: date, hour: int = 12) -> FixedClock:
        return cls(datetime(day.year, day.month, day.day, hour, tzinfo=LONDON))

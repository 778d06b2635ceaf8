"""Checks on a PA's shifts: overlaps (refused), and the Working Time Regulations 1998 as warnings.

- reg. 4: at most 48 hours a week on average (17-week reference), unless the PA has opted out in writing;
- reg. 10: 11 hours' rest in each 24 hours;
- reg. 12: a 20-minute break when the working day is more than 6 hours.
Sleep-in time is counted as working time here (the cautious reading for working time, unlike the
minimum wage, where time asleep does not count).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.core.dates import LONDON
from app.timesheets.clock import hours, minutes_between

WEEK_LIMIT_MINUTES = 48 * 60
REFERENCE_WEEKS = 17
DAILY_REST_MINUTES = 11 * 60
BREAK_AFTER_MINUTES = 6 * 60


@dataclass(frozen=True, slots=True)
class TimedShift:
    shift_id: int | None
    starts_at: datetime
    ends_at: datetime
    kind: str = "work"


@dataclass(frozen=True, slots=True)
class WorkingTimeWarning:
    day: date
    message: str


def overlaps(new: TimedShift, existing: list[TimedShift]) -> list[TimedShift]:
    """Shifts of the same PA that share any time with `new` (touching end to start is fine)."""
    return [s for s in existing if (new.shift_id is None or s.shift_id != new.shift_id)
            and s.starts_at < new.ends_at and new.starts_at < s.ends_at]


def _week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


def working_time_warnings(shifts: list[TimedShift], opted_out: bool) -> list[WorkingTimeWarning]:
    worked = sorted((s for s in shifts if s.kind not in ("holiday", "sick")), key=lambda s: s.starts_at)
    warnings: list[WorkingTimeWarning] = []
    by_week: dict[date, int] = {}
    for s in worked:
        day = s.starts_at.astimezone(LONDON).date()
        length = minutes_between(s.starts_at, s.ends_at)
        week = _week_start(day)
        by_week[week] = by_week.get(week, 0) + length
        if length > BREAK_AFTER_MINUTES and s.kind == "work":
            warnings.append(WorkingTimeWarning(day, f"The shift on {day.day} {day:%B} is over 6 hours: the PA is entitled "
                                          "to a 20-minute break."))
    for before, after in zip(worked, worked[1:], strict=False):
        rest = minutes_between(before.ends_at, after.starts_at)
        if 0 <= rest < DAILY_REST_MINUTES and before.kind == "work" and after.kind == "work":
            day = after.starts_at.astimezone(LONDON).date()
            warnings.append(WorkingTimeWarning(day, f"Only {hours(rest)} hours' rest before the shift on {day.day} {day:%B}; "
                                          "the law expects 11 hours between working days."))
    if not opted_out and by_week:
        weeks = sorted(by_week)
        for index, week in enumerate(weeks):
            window = [w for w in weeks[: index + 1] if (week - w).days < REFERENCE_WEEKS * 7]
            average = sum(by_week[w] for w in window) / REFERENCE_WEEKS if len(window) >= REFERENCE_WEEKS \
                else by_week[week]
            if average > WEEK_LIMIT_MINUTES:
                warnings.append(WorkingTimeWarning(week, f"{hours(by_week[week])} hours in the week of {week.day} {week:%B}: "
                                               "more than 48 hours a week on average needs the PA's written opt-out."))
    return sorted(warnings, key=lambda w: w.day)


@dataclass(frozen=True, slots=True)
class PlanGap:
    kind: str
    planned_minutes: int
    delivered_minutes: int

    @property
    def difference_minutes(self) -> int:
        return self.delivered_minutes - self.planned_minutes

    def words(self) -> str:
        diff = self.difference_minutes
        what = self.kind.replace("_", " ")
        if diff == 0:
            return f"{what}: {hours(self.delivered_minutes)} hours, as planned"
        side = "over" if diff > 0 else "under"
        return (f"{what}: {hours(self.delivered_minutes)} hours delivered against {hours(self.planned_minutes)} "
                f"planned ({hours(abs(diff))} hours {side})")


def plan_gaps(planned: dict[str, int], delivered: dict[str, int]) -> list[PlanGap]:
    kinds = sorted(set(planned) | set(delivered))
    return [PlanGap(k, planned.get(k, 0), delivered.get(k, 0)) for k in kinds]

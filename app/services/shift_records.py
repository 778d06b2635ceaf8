"""Reading what the shift rules need from the file: the PA's facts, their shifts, the pay time rules, the
pay period a day falls in. Shared by the shift, rota, import and timesheet use cases."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from app.core.dates import LONDON
from app.core.problems import BookError, Problem
from app.models import Employer, PersonalAssistant, Shift, Timesheet
from app.payroll.minimum_wage import MinimumWageInput
from app.services.inputs import sentence
from app.timesheets import periods
from app.timesheets.checks import TimedShift
from app.timesheets.clock import (
    AmbiguousTime,
    TimeProblem,
    parse_wall_time,
    shift_instants,
    start_of_day,
)
from app.timesheets.pay import PeriodPay, Rate
from app.timesheets.shift_rules import MAX_SHIFT, PaFacts
from app.timesheets.split import Boundaries
from app.timesheets.states import TimesheetStatus


def _worked_from(first_day: date, last_day: date) -> tuple[ColumnElement[bool], ...]:
    """Live shifts marked worked, of a PA, starting from `first_day` to `last_day` (London days)."""
    return (Shift.status == "worked", Shift.pa_id.is_not(None), live_shift(),
            Shift.starts_at >= start_of_day(first_day), Shift.starts_at < start_of_day(last_day + timedelta(days=1)))


def hours_worked_and_holiday(session: Session, first_day: date, last_day: date) -> dict[int, tuple[Decimal, Decimal]]:
    """Each PA's hours worked (time paid as work: not holiday or sickness) and hours of holiday taken, in the
    live shifts that start from `first_day` to `last_day` (London days)."""
    found: dict[int, tuple[Decimal, Decimal]] = {}
    for pa_id, kind, starts, ends in session.execute(
            select(Shift.pa_id, Shift.kind, Shift.starts_at, Shift.ends_at).where(*_worked_from(first_day, last_day))):
        if kind == "sick" or pa_id is None:
            continue
        worked, holiday = found.get(pa_id, (Decimal(0), Decimal(0)))
        hours = Decimal(int((ends - starts).total_seconds() // 60)) / 60
        found[pa_id] = (worked, holiday + hours) if kind == "holiday" else (worked + hours, holiday)
    return found


def worked_days(session: Session, first_day: date, last_day: date) -> dict[int, int]:
    """Each PA's count of days with a worked shift (not holiday or sickness) from `first_day` to `last_day`."""
    days: dict[int, set[date]] = {}
    for pa_id, starts in session.execute(select(Shift.pa_id, Shift.starts_at).where(
            *_worked_from(first_day, last_day), Shift.kind.not_in(("holiday", "sick")))):
        if pa_id is not None:
            days.setdefault(pa_id, set()).add(starts.astimezone(LONDON).date())
    return {pa_id: len(found) for pa_id, found in days.items()}


def live_shift() -> ColumnElement[bool]:
    """Shifts that count: not part of a superseded (amended) timesheet version."""
    superseded = select(Timesheet.id).where(Timesheet.status == TimesheetStatus.SUPERSEDED)
    return or_(Shift.timesheet_id.is_(None), Shift.timesheet_id.not_in(superseded))


def boundaries(session: Session) -> Boundaries:
    employer = session.scalars(select(Employer)).first()
    if employer is None:
        return Boundaries()
    return Boundaries(night_starts=employer.night_starts_at, night_ends=employer.night_ends_at,
                      country=employer.country, weekend_bank_holidays=employer.weekend_bank_holidays)


def rates_of(pa: PersonalAssistant) -> list[Rate]:
    return [Rate(r.kind, r.applies_from, r.hourly_pence, r.flat_pence) for r in pa.rates]


def pa_facts(session: Session, pa: PersonalAssistant) -> PaFacts:
    locked = session.execute(select(Timesheet.period_start, Timesheet.period_end).where(
        Timesheet.pa_id == pa.id, Timesheet.status == TimesheetStatus.APPROVED)).all()
    return PaFacts(pa.full_name, pa.started_on, pa.left_on, tuple(rates_of(pa)),
                   tuple((first, last) for first, last in locked))


def shifts_of(session: Session, pa_id: int, first: datetime, last: datetime) -> list[Shift]:
    """A PA's live shifts that share any time with [first, last)."""
    query = select(Shift).where(Shift.pa_id == pa_id, Shift.starts_at >= first - MAX_SHIFT, Shift.starts_at < last,
                                live_shift())
    return [s for s in session.scalars(query) if s.ends_at > first]


def timed(shifts: Iterable[Shift]) -> list[TimedShift]:
    return [TimedShift(s.id, s.starts_at, s.ends_at, s.kind) for s in shifts]


def day_bounds(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    return start_of_day(first_day), start_of_day(last_day + timedelta(days=1))


def period_anchor(session: Session) -> date:
    """The Monday the employer's weekly pay periods count from."""
    employer = session.scalars(select(Employer)).first()
    return employer.pay_period_anchor if employer else periods.DEFAULT_ANCHOR


def pay_period_of(session: Session, pa: PersonalAssistant, day: date, anchor: date | None = None) -> tuple[date, date]:
    """The pay period (for timesheets) of a PA that contains a day (app.timesheets.periods, counted from the
    employer's anchor; pass `anchor` when asking for many days)."""
    try:
        return periods.pay_period(pa.pay_frequency, day, anchor or period_anchor(session))
    except ValueError as exc:
        raise BookError(sentence(exc)) from None


def read_times(day: date, start: str, end: str) -> tuple[datetime, datetime] | Problem:
    """A shift's instants from London wall-clock times as typed, or the problem with them. A time the
    autumn change repeats is a problem with code "ambiguous" on the field at fault, so a screen can ask
    which of the two is meant."""
    try:
        start_wall, end_wall = parse_wall_time(start), parse_wall_time(end)
    except TimeProblem as exc:
        return Problem(sentence(exc), "start")
    try:
        return shift_instants(day, start_wall, end_wall)
    except AmbiguousTime as exc:
        which = "start" if exc.day == day and exc.wall == start_wall.value and start_wall.zone_hint is None else "end"
        return Problem(sentence(exc), which, code="ambiguous")
    except TimeProblem as exc:
        return Problem(sentence(exc), "start")


def minimum_wage_facts(pay: PeriodPay, period_start: date, birth_date: date) -> MinimumWageInput | None:
    """The minimum wage check's facts for one whole pay reference period of approved time."""
    if pay.nmw_hours_minutes + pay.nmw_waking_minutes == 0:
        return None
    return MinimumWageInput(
        period_start=period_start, birth_date=birth_date, hours_worked=Decimal(pay.nmw_hours_minutes) / 60,
        waking_night_hours=Decimal(pay.nmw_waking_minutes) / 60, sleep_in_hours=Decimal(pay.sleep_in_minutes) / 60,
        basic_pay_pence=pay.nmw_basic_pay_pence, premium_pay_pence=pay.premium_pay_pence,
        sleep_in_allowance_pence=pay.sleep_in_allowance_pence)

"""Reading shifts and timesheets: the week view, one PA's timesheet for a pay period, the pay period a day
is in. Approved pay is read from its snapshot, never worked out again."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.dates import LONDON
from app.core.problems import BookError
from app.models import PersonalAssistant, Shift, Timesheet
from app.services.book import EmployerBook
from app.services.shift_records import boundaries, day_bounds, live_shift, pay_period_of, rates_of, shifts_of
from app.timesheets.clock import hours, minutes_between
from app.timesheets.pay import KIND_WORDS, PeriodPay, ShiftForPay, from_snapshot, period_pay
from app.timesheets.states import ShiftStatus, TimesheetStatus


@dataclass(frozen=True, slots=True)
class ShiftView:
    shift_id: int
    pa_id: int | None
    who: str
    day: date
    start_words: str  # "22:00"
    end_words: str  # "08:00 (next day)"
    hours: Decimal
    kind: str
    status: str
    locked: bool
    notes: str

    def words(self) -> str:
        status = {ShiftStatus.PLANNED: " (planned, not yet confirmed)", ShiftStatus.ABSENT: " (absent)"}.get(
            ShiftStatus(self.status), "")
        kind = "" if self.kind == "work" else f", {KIND_WORDS.get(self.kind, self.kind)}"
        return (f"{self.day:%a} {self.day.day} {self.day:%b}, {self.who}: {self.start_words} to {self.end_words}, "
                f"{self.hours} hours{kind}{status}" + (" — locked" if self.locked else ""))


def _view(shift: Shift, names: dict[int, str], locked_ids: set[int]) -> ShiftView:
    start, end = shift.starts_at.astimezone(LONDON), shift.ends_at.astimezone(LONDON)
    end_words = f"{end:%H:%M}" + (" (next day)" if end.date() != start.date() else "")
    return ShiftView(shift.id, shift.pa_id, names.get(shift.pa_id or 0, shift.cover_name or "Cover"), start.date(),
                     f"{start:%H:%M}", end_words, hours(minutes_between(shift.starts_at, shift.ends_at)),
                     shift.kind, shift.status, shift.timesheet_id in locked_ids, shift.notes)


def shifts_between(book: EmployerBook, first_day: date, last_day: date, pa_id: int | None = None) -> list[ShiftView]:
    first, last = day_bounds(first_day, last_day)
    with book.reading() as session:
        query = select(Shift).where(Shift.starts_at >= first, Shift.starts_at < last, live_shift())
        if pa_id is not None:
            query = query.where(Shift.pa_id == pa_id)
        shifts = list(session.scalars(query.order_by(Shift.starts_at)))
        locked = set(session.scalars(select(Timesheet.id).where(Timesheet.status == TimesheetStatus.APPROVED)))
        names = {pa.id: pa.full_name for pa in session.scalars(select(PersonalAssistant))}
        return [_view(s, names, locked) for s in shifts]


def period_for_pa(book: EmployerBook, pa_id: int, day: date) -> tuple[date, date]:
    """The pay period (for timesheets) of a PA that contains a day."""
    with book.reading() as session:
        pa = session.get(PersonalAssistant, pa_id)
        if pa is None:
            raise BookError("That PA is not in this file.")
        return pay_period_of(session, pa, day)


@dataclass(frozen=True, slots=True)
class TimesheetView:
    pa_id: int
    pa_name: str
    period_start: date
    period_end: date
    status: str  # "draft" (nothing approved yet) or "approved"
    version: int
    timesheet_id: int | None
    shifts: tuple[ShiftView, ...]
    pay: PeriodPay
    signed_by_pa_on: date | None
    signed_by_employer_on: date | None
    change_reason: str

    @property
    def total_minutes(self) -> int:
        return sum(self.pay.minutes_by_kind.values())

    @property
    def planned(self) -> tuple[ShiftView, ...]:
        return tuple(s for s in self.shifts if s.status == ShiftStatus.PLANNED)


def current_sheet(session: Session, pa_id: int, period_start: date, period_end: date) -> Timesheet | None:
    return session.scalars(select(Timesheet).where(
        Timesheet.pa_id == pa_id, Timesheet.period_start == period_start, Timesheet.period_end == period_end,
        Timesheet.status != TimesheetStatus.SUPERSEDED).order_by(Timesheet.version.desc())).first()


def sheet_view(session: Session, pa: PersonalAssistant, period_start: date, period_end: date,
               confirm_planned: bool = False) -> TimesheetView:
    """A PA's timesheet for a period as it is in the file (or, with `confirm_planned`, as it would be once
    every planned shift is confirmed as worked)."""
    first, last = day_bounds(period_start, period_end)
    sheet = current_sheet(session, pa.id, period_start, period_end)
    shifts = sorted((s for s in shifts_of(session, pa.id, first, last) if s.starts_at >= first),
                    key=lambda s: s.starts_at)
    approved = sheet is not None and sheet.status == TimesheetStatus.APPROVED
    locked = {sheet.id} if sheet is not None and approved else set()
    views = [_view(s, {pa.id: pa.full_name}, locked) for s in shifts]
    if confirm_planned and not approved:
        views = [_confirmed(v) for v in views]
    if sheet is not None and approved and sheet.pay_snapshot_json:
        pay = from_snapshot(json.loads(sheet.pay_snapshot_json))  # approved pay is never worked out again
    else:
        pay = period_pay([ShiftForPay(s.starts_at, s.ends_at, s.kind, ShiftStatus.WORKED if confirm_planned and
                                      s.status == ShiftStatus.PLANNED else s.status) for s in shifts],
                         rates_of(pa), boundaries(session), pa.full_name)
    return TimesheetView(pa.id, pa.full_name, period_start, period_end, sheet.status if sheet else TimesheetStatus.DRAFT,
                         sheet.version if sheet else 1, sheet.id if sheet else None, tuple(views), pay,
                         sheet.signed_by_pa_on if sheet else None, sheet.signed_by_employer_on if sheet else None,
                         sheet.change_reason if sheet else "")


def _confirmed(view: ShiftView) -> ShiftView:
    if view.status != ShiftStatus.PLANNED:
        return view
    return ShiftView(view.shift_id, view.pa_id, view.who, view.day, view.start_words, view.end_words, view.hours,
                     view.kind, ShiftStatus.WORKED, view.locked, view.notes)


def timesheet(book: EmployerBook, pa_id: int, period_start: date, period_end: date) -> TimesheetView:
    with book.reading() as session:
        pa = session.get(PersonalAssistant, pa_id)
        if pa is None:
            raise BookError("That PA is not in this file.")
        return sheet_view(session, pa, period_start, period_end)


def month_weeks(year: int, month: int) -> list[tuple[date, date]]:
    """Monday-to-Sunday weeks that touch a month, for the month summary."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    weeks = []
    while start <= first + relativedelta(months=1) - timedelta(days=1):
        weeks.append((start, start + timedelta(days=6)))
        start += timedelta(days=7)
    return weeks

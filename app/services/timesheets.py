"""Use cases for shifts, rotas and timesheets. Each change is one transaction; nothing is half-saved.

Shift times are typed as Europe/London wall-clock times and stored as instants. A shift inside an
approved timesheet is locked: changing it means amending the timesheet (a new version, with a reason),
which keeps the approved version's shifts exactly as they were.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import TypeVarTuple

from dateutil.relativedelta import relativedelta
from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from app.core.dates import LONDON
from app.core.money import format_pounds
from app.core.problems import Problem
from app.models import Employer, PersonalAssistant, RotaPattern, Shift, Timesheet
from app.payroll.minimum_wage import MinimumWageInput, check_minimum_wage
from app.services import audit
from app.services.book import BookError, EmployerBook, live_shift, sentence
from app.services.people import planned_minutes_per_week
from app.services.words import long_date
from app.timesheets import periods, rota
from app.timesheets.checks import TimedShift, WorkingTimeWarning, overlaps, plan_gaps, working_time_warnings
from app.timesheets.clock import (
    AmbiguousTime,
    TimeProblem,
    hours,
    minutes_between,
    parse_wall_time,
    shift_instants,
    start_of_day,
)
from app.timesheets.csv_import import ShiftLine, parse_shifts_csv
from app.timesheets.pay import KIND_WORDS, PeriodPay, Rate, ShiftForPay, from_snapshot, period_pay, to_snapshot
from app.timesheets.periods import DEFAULT_ANCHOR
from app.timesheets.split import SHIFT_KINDS, Boundaries

MAX_SHIFT = timedelta(hours=24)
Ts = TypeVarTuple("Ts")
STATUSES = ("planned", "worked", "absent")


class ImportRefused(BookError):
    """An import with bad lines: nothing was saved; `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        shown = "; ".join(str(p) for p in problems[:20])
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        super().__init__(f"Nothing was imported: {len(problems)} line(s) need fixing. {shown}{more}")


# -- small helpers ----------------------------------------------------------------------------


def _utc_text(instant: datetime) -> datetime:
    return instant.astimezone(UTC)


def boundaries(session: Session) -> Boundaries:
    employer = session.scalars(select(Employer)).first()
    if employer is None:
        return Boundaries()
    return Boundaries(night_starts=employer.night_starts_at, night_ends=employer.night_ends_at,
                      country=employer.country)


def pay_period(frequency: str, day: date, anchor: date = DEFAULT_ANCHOR) -> tuple[date, date]:
    try:
        return periods.pay_period(frequency, day, anchor)
    except ValueError as exc:
        raise BookError(sentence(exc)) from None


def period_for_pa(book: EmployerBook, pa_id: int, day: date) -> tuple[date, date]:
    """The pay period (for timesheets) of a PA that contains a day."""
    with book.db.reading() as session:
        pa = session.get(PersonalAssistant, pa_id)
        employer = session.scalars(select(Employer)).first()
        if pa is None:
            raise BookError("That PA is not in this file.")
        return pay_period(pa.pay_frequency, day, employer.pay_period_anchor if employer else date(2026, 4, 6))


def _rates(pa: PersonalAssistant) -> list[Rate]:
    return [Rate(r.kind, r.applies_from, r.hourly_pence, r.flat_pence) for r in pa.rates]


def _live(query: Select[*Ts]) -> Select[*Ts]:
    """Only shifts that count (see book.live_shift)."""
    return query.where(live_shift())


def _pa_shifts_between(session: Session, pa_id: int, first: datetime, last: datetime) -> list[Shift]:
    query = select(Shift).where(Shift.pa_id == pa_id, Shift.starts_at >= first - MAX_SHIFT, Shift.starts_at < last)
    return [s for s in session.scalars(_live(query)) if s.ends_at > first]


def _approved_cover(session: Session, pa_id: int, day: date) -> Timesheet | None:
    return session.scalars(select(Timesheet).where(
        Timesheet.pa_id == pa_id, Timesheet.status == "approved", Timesheet.period_start <= day,
        Timesheet.period_end >= day)).first()


def _employed(pa: PersonalAssistant, day: date) -> str | None:
    if day < pa.started_on:
        return f"{pa.full_name} starts on {long_date(pa.started_on)}; this shift on {long_date(day)} is before that."
    if pa.left_on is not None and day > pa.left_on:
        return f"{pa.full_name} left on {long_date(pa.left_on)}; this shift on {long_date(day)} is after that."
    return None


def _shift_words(start: datetime, end: datetime) -> str:
    a, b = start.astimezone(LONDON), end.astimezone(LONDON)
    return f"{a:%H:%M} on {long_date(a.date())} to {b:%H:%M}"


# -- shifts -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ShiftInput:
    pa_id: int
    day: date
    start: str  # "08:00", "01:30 BST"
    end: str
    kind: str = "work"
    status: str = "worked"
    notes: str = ""


class AmbiguousShiftTime(BookError):
    """A start or end time that the autumn clock change repeats: the screen asks which one is meant."""

    def __init__(self, message: str, which: str, wall: str) -> None:
        super().__init__(message)
        self.which = which  # "start" or "end"
        self.wall = wall  # "01:30"


def _instants(entry: ShiftInput) -> tuple[datetime, datetime]:
    try:
        start, end = parse_wall_time(entry.start), parse_wall_time(entry.end)
    except TimeProblem as exc:
        raise BookError(sentence(str(exc))) from None
    try:
        return shift_instants(entry.day, start, end)
    except AmbiguousTime as exc:
        which = "start" if exc.day == entry.day and exc.wall == start.value and start.zone_hint is None else "end"
        raise AmbiguousShiftTime(sentence(str(exc)), which, f"{exc.wall:%H:%M}") from None
    except TimeProblem as exc:
        raise BookError(sentence(str(exc))) from None


def _check_shift(session: Session, pa: PersonalAssistant, start: datetime, end: datetime, kind: str,
                 shift_id: int | None) -> None:
    day = start.astimezone(LONDON).date()
    if kind not in SHIFT_KINDS:
        raise BookError(f"\"{kind}\" is not a kind of shift; use one of {', '.join(SHIFT_KINDS)}.")
    employed = _employed(pa, day)
    if employed:
        raise BookError(employed)
    approved = _approved_cover(session, pa.id, day)
    if approved is not None:
        raise BookError(f"{pa.full_name}'s timesheet for {long_date(approved.period_start)} to "
                        f"{long_date(approved.period_end)} is approved and locked. Amend it (with a reason) first.")
    existing = [TimedShift(s.id, s.starts_at, s.ends_at, s.kind) for s in _pa_shifts_between(session, pa.id, start, end)]
    clash = overlaps(TimedShift(shift_id, start, end, kind), existing)
    if clash:
        raise BookError(f"{pa.full_name} already has a shift from {_shift_words(clash[0].starts_at, clash[0].ends_at)}, "
                        "which overlaps this one. Change or remove that shift first.")
    _refuse_missing_rates(session, pa, start, end, kind)


def _refuse_missing_rates(session: Session, pa: PersonalAssistant, start: datetime, end: datetime, kind: str) -> None:
    problems = period_pay([ShiftForPay(start, end, kind)], _rates(pa), boundaries(session), pa.full_name).problems
    if problems:
        raise BookError(sentence(problems[0].message))


def add_shift(book: EmployerBook, entry: ShiftInput) -> int:
    if entry.status not in STATUSES:
        raise BookError(f"A shift is one of: {', '.join(STATUSES)}.")
    start, end = _instants(entry)
    with book.db.transaction() as session:
        pa = session.get(PersonalAssistant, entry.pa_id)
        if pa is None:
            raise BookError("That PA is not in this file.")
        _check_shift(session, pa, start, end, entry.kind, None)
        shift = Shift(pa_id=pa.id, starts_at=_utc_text(start), ends_at=_utc_text(end), kind=entry.kind,
                      status=entry.status, source="manual", notes=entry.notes.strip())
        session.add(shift)
        session.flush()
        audit.record(session, "shift_added", "shift", shift.id, pa_id=pa.id, when=_shift_words(start, end),
                     kind=entry.kind)
        return shift.id


def _editable(session: Session, shift_id: int) -> Shift:
    shift = session.get(Shift, shift_id)
    if shift is None:
        raise BookError("That shift is not in this file any more.")
    if shift.timesheet_id is not None:
        sheet = session.get(Timesheet, shift.timesheet_id)
        if sheet is not None and sheet.status != "draft":
            raise BookError("This shift is in an approved timesheet, which is locked. Amend the timesheet "
                            "(with a reason) to change it.")
    return shift


def update_shift(book: EmployerBook, shift_id: int, entry: ShiftInput) -> None:
    start, end = _instants(entry)
    with book.db.transaction() as session:
        shift = _editable(session, shift_id)
        pa = session.get(PersonalAssistant, entry.pa_id)
        if pa is None:
            raise BookError("That PA is not in this file.")
        _check_shift(session, pa, start, end, entry.kind, shift_id)
        before = _shift_words(shift.starts_at, shift.ends_at)
        shift.pa_id, shift.starts_at, shift.ends_at = pa.id, _utc_text(start), _utc_text(end)
        shift.kind, shift.status, shift.notes = entry.kind, entry.status, entry.notes.strip()
        audit.record(session, "shift_changed", "shift", shift_id, pa_id=pa.id, was=before,
                     now=_shift_words(start, end), kind=entry.kind, status=entry.status)


def mark_shift(book: EmployerBook, shift_id: int, status: str | None = None, kind: str | None = None) -> None:
    """Confirm a planned shift as worked, mark it absent, or change it to sick or holiday."""
    with book.db.transaction() as session:
        shift = _editable(session, shift_id)
        if status is not None:
            if status not in STATUSES:
                raise BookError(f"A shift is one of: {', '.join(STATUSES)}.")
            shift.status = status
        if kind is not None:
            if kind not in SHIFT_KINDS:
                raise BookError(f"\"{kind}\" is not a kind of shift.")
            pa = session.get(PersonalAssistant, shift.pa_id) if shift.pa_id else None
            if pa is not None:
                _refuse_missing_rates(session, pa, shift.starts_at, shift.ends_at, kind)
            shift.kind = kind
        audit.record(session, "shift_marked", "shift", shift_id, when=_shift_words(shift.starts_at, shift.ends_at),
                     status=status, kind=kind)


def delete_shift(book: EmployerBook, shift_id: int) -> None:
    with book.db.transaction() as session:
        shift = _editable(session, shift_id)
        audit.record(session, "shift_deleted", "shift", shift_id, when=_shift_words(shift.starts_at, shift.ends_at),
                     kind=shift.kind)
        session.delete(shift)


# -- rotas ------------------------------------------------------------------------------------


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


def add_rota(book: EmployerBook, entry: RotaInput) -> int:
    try:
        rule = rota.weekly_rule(list(entry.weekdays), entry.every_weeks)
        start, end = parse_wall_time(entry.start), parse_wall_time(entry.end)
    except (ValueError, TimeProblem) as exc:
        raise BookError(sentence(str(exc))) from None
    if entry.ends_on is not None and entry.ends_on < entry.starts_on:
        raise BookError("The pattern ends before it starts.")
    if entry.pa_id is None and not entry.cover_name.strip():
        raise BookError("Choose a PA, or name the agency that covers these shifts.")
    if entry.kind not in SHIFT_KINDS:
        raise BookError(f"\"{entry.kind}\" is not a kind of shift.")
    with book.db.transaction() as session:
        pattern = RotaPattern(pa_id=entry.pa_id, cover_name=entry.cover_name.strip(), rule=rule,
                              starts_on=entry.starts_on, ends_on=entry.ends_on, start_time=start.value,
                              end_time=end.value, kind=entry.kind)
        session.add(pattern)
        session.flush()
        audit.record(session, "rota_added", "rota_pattern", pattern.id, rule=rota.describe(rota.Pattern(
            rule, entry.starts_on, entry.ends_on, start.value, end.value, entry.kind)))
        return pattern.id


@dataclass(frozen=True, slots=True)
class RotaResult:
    created: int
    skipped: tuple[str, ...]


def apply_rotas(book: EmployerBook, first_day: date, last_day: date) -> RotaResult:
    """Planned shifts from every pattern for the days; ones already there, or that would overlap, are skipped
    with a note. All in one transaction."""
    created, skipped = 0, []
    with book.db.transaction() as session:
        for pattern in session.scalars(select(RotaPattern)):
            planned, notes = rota.plan(rota.Pattern(pattern.rule, pattern.starts_on, pattern.ends_on,
                                                    pattern.start_time, pattern.end_time, pattern.kind),
                                       first_day, last_day)
            skipped.extend(notes)
            pa = session.get(PersonalAssistant, pattern.pa_id) if pattern.pa_id else None
            for item in planned:
                if pa is not None:
                    if _employed(pa, item.day) or _approved_cover(session, pa.id, item.day):
                        continue
                    existing = _pa_shifts_between(session, pa.id, item.starts_at, item.ends_at)
                    if any(s.rota_pattern_id == pattern.id and s.starts_at == _utc_text(item.starts_at) for s in existing):
                        continue
                    if overlaps(TimedShift(None, item.starts_at, item.ends_at), [
                            TimedShift(s.id, s.starts_at, s.ends_at) for s in existing]):
                        skipped.append(f"{long_date(item.day)}: {pa.full_name} already has a shift then")
                        continue
                session.add(Shift(pa_id=pattern.pa_id, cover_name=pattern.cover_name,
                                  starts_at=_utc_text(item.starts_at), ends_at=_utc_text(item.ends_at),
                                  kind=item.kind, status="planned", source="rota", rota_pattern_id=pattern.id))
                session.flush()
                created += 1
        if created:
            audit.record(session, "rotas_applied", first_day=first_day.isoformat(), last_day=last_day.isoformat(),
                         planned_shifts=created)
    return RotaResult(created, tuple(skipped))


def confirm_planned(book: EmployerBook, pa_id: int, first_day: date, last_day: date) -> int:
    """Mark every planned shift of a PA in the days as worked ("confirm as planned")."""
    first, last = _day_bounds(first_day, last_day)
    with book.db.transaction() as session:
        shifts = [s for s in _pa_shifts_between(session, pa_id, first, last)
                  if s.status == "planned" and s.starts_at >= first]
        for shift in shifts:
            _editable(session, shift.id).status = "worked"
        if shifts:
            audit.record(session, "planned_confirmed", "pa", pa_id, first_day=first_day.isoformat(),
                         last_day=last_day.isoformat(), shifts=len(shifts))
        return len(shifts)


def _day_bounds(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    first = start_of_day(first_day)
    last = start_of_day(last_day + timedelta(days=1))
    return first, last


# -- timesheets -------------------------------------------------------------------------------


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
        status = {"planned": " (planned, not yet confirmed)", "absent": " (absent)"}.get(self.status, "")
        kind = "" if self.kind == "work" else f", {KIND_WORDS.get(self.kind, self.kind)}"
        return (f"{self.day:%a} {self.day.day} {self.day:%b}, {self.who}: {self.start_words} to {self.end_words}, "
                f"{self.hours} hours{kind}{status}"
                + (" — locked" if self.locked else ""))


def _view(session: Session, shift: Shift, names: dict[int, str], locked_ids: set[int]) -> ShiftView:
    start, end = shift.starts_at.astimezone(LONDON), shift.ends_at.astimezone(LONDON)
    end_words = f"{end:%H:%M}" + (" (next day)" if end.date() != start.date() else "")
    return ShiftView(shift.id, shift.pa_id, names.get(shift.pa_id or 0, shift.cover_name or "Cover"), start.date(),
                     f"{start:%H:%M}", end_words, hours(minutes_between(shift.starts_at, shift.ends_at)),
                     shift.kind, shift.status, shift.timesheet_id in locked_ids, shift.notes)


def _names(session: Session) -> dict[int, str]:
    return {pa.id: pa.full_name for pa in session.scalars(select(PersonalAssistant))}


def shifts_between(book: EmployerBook, first_day: date, last_day: date, pa_id: int | None = None) -> list[ShiftView]:
    first, last = _day_bounds(first_day, last_day)
    with book.db.reading() as session:
        query = select(Shift).where(Shift.starts_at >= first, Shift.starts_at < last)
        if pa_id is not None:
            query = query.where(Shift.pa_id == pa_id)
        shifts = list(session.scalars(_live(query).order_by(Shift.starts_at)))
        locked = {t.id for t in session.scalars(select(Timesheet).where(Timesheet.status == "approved"))}
        names = _names(session)
        return [_view(session, s, names, locked) for s in shifts]


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


def timesheet(book: EmployerBook, pa_id: int, period_start: date, period_end: date) -> TimesheetView:
    first, last = _day_bounds(period_start, period_end)
    with book.db.reading() as session:
        pa = session.get(PersonalAssistant, pa_id)
        if pa is None:
            raise BookError("That PA is not in this file.")
        sheet = session.scalars(select(Timesheet).where(
            Timesheet.pa_id == pa_id, Timesheet.period_start == period_start, Timesheet.period_end == period_end,
            Timesheet.status != "superseded").order_by(Timesheet.version.desc())).first()
        shifts = [s for s in _pa_shifts_between(session, pa_id, first, last) if s.starts_at >= first]
        shifts.sort(key=lambda s: s.starts_at)
        locked = {sheet.id} if sheet is not None and sheet.status == "approved" else set()
        names = {pa.id: pa.full_name}
        if sheet is not None and sheet.status == "approved" and sheet.pay_snapshot_json:
            pay = from_snapshot(json.loads(sheet.pay_snapshot_json))  # approved pay is never worked out again
        else:
            pay = period_pay([ShiftForPay(s.starts_at, s.ends_at, s.kind, s.status) for s in shifts], _rates(pa),
                             boundaries(session), pa.full_name)
        return TimesheetView(pa.id, pa.full_name, period_start, period_end, sheet.status if sheet else "draft",
                             sheet.version if sheet else 1, sheet.id if sheet else None,
                             tuple(_view(session, s, names, locked) for s in shifts), pay,
                             sheet.signed_by_pa_on if sheet else None, sheet.signed_by_employer_on if sheet else None,
                             sheet.change_reason if sheet else "")


def approve_timesheet(book: EmployerBook, pa_id: int, period_start: date, period_end: date,
                      signed_by_pa_on: date, signed_by_employer_on: date) -> int:
    """Lock a PA's shifts for a period, with both sign-off dates. A backup is taken first."""
    view = timesheet(book, pa_id, period_start, period_end)
    if view.status == "approved":
        raise BookError("This timesheet is already approved.")
    planned = [s for s in view.shifts if s.status == "planned"]
    if planned:
        raise BookError(f"{len(planned)} shift(s) are still planned, not confirmed. Confirm them as worked, "
                        "change them, or mark them absent before approving.")
    if view.pay.problems:
        raise BookError(sentence(view.pay.problems[0].message))
    for signed in (signed_by_pa_on, signed_by_employer_on):
        if signed < period_start:
            raise BookError("A timesheet is signed on or after the first day of its period.")
    before_irreversible_step(book, "before-approving-timesheet")
    with book.db.transaction() as session:
        previous = session.scalars(select(Timesheet).where(
            Timesheet.pa_id == pa_id, Timesheet.period_start == period_start, Timesheet.period_end == period_end,
            Timesheet.status == "draft")).first()
        if previous is None:
            previous = Timesheet(pa_id=pa_id, period_start=period_start, period_end=period_end, version=1,
                                 signed_by_pa_on=None, signed_by_employer_on=None, supersedes_id=None)
            session.add(previous)
            session.flush()
        previous.status = "approved"
        previous.signed_by_pa_on, previous.signed_by_employer_on = signed_by_pa_on, signed_by_employer_on
        rules = boundaries(session)
        previous.pay_snapshot_json = json.dumps(to_snapshot(view.pay, {
            "night_starts": f"{rules.night_starts:%H:%M}", "night_ends": f"{rules.night_ends:%H:%M}",
            "country": rules.country}))
        for item in view.shifts:
            shift = session.get(Shift, item.shift_id)
            assert shift is not None
            shift.timesheet_id = previous.id
        audit.record(session, "timesheet_approved", "timesheet", previous.id, pa_id=pa_id,
                     period=f"{period_start.isoformat()} to {period_end.isoformat()}", version=previous.version,
                     gross_pay=format_pounds(view.pay.gross_pence))
        return previous.id


def amend_timesheet(book: EmployerBook, timesheet_id: int, reason: str) -> int:
    """Reopen an approved timesheet as a new draft version. The approved version and its shifts are kept
    exactly as they were (marked superseded); the new version starts as a copy."""
    if len(reason.strip()) < 5:
        raise BookError("Say why the approved timesheet is being changed (for example, \"Tuesday's shift "
                        "ended at 14:00, not 13:00\").")
    with book.db.transaction() as session:
        old = session.get(Timesheet, timesheet_id)
        if old is None or old.status != "approved":
            raise BookError("Only an approved timesheet can be amended.")
        new = Timesheet(pa_id=old.pa_id, period_start=old.period_start, period_end=old.period_end,
                        version=old.version + 1, status="draft", supersedes_id=old.id, change_reason=reason.strip(),
                        signed_by_pa_on=None, signed_by_employer_on=None)
        session.add(new)
        session.flush()
        for shift in session.scalars(select(Shift).where(Shift.timesheet_id == old.id)):
            session.add(Shift(pa_id=shift.pa_id, cover_name=shift.cover_name, starts_at=shift.starts_at,
                              ends_at=shift.ends_at, kind=shift.kind, status=shift.status, source=shift.source,
                              rota_pattern_id=shift.rota_pattern_id, timesheet_id=new.id, notes=shift.notes))
        old.status = "superseded"
        audit.record(session, "timesheet_amended", "timesheet", new.id, reason=reason.strip(),
                     period=f"{old.period_start.isoformat()} to {old.period_end.isoformat()}", version=new.version)
        return new.id


def before_irreversible_step(book: EmployerBook, reason: str) -> None:
    """The hook every irreversible step calls first (approving timesheets now; finalising pay runs and
    submitting returns later): a verified copy of the file in the backups folder (not for the demo, which is
    made fresh each time and never backed up)."""
    from app.services.backups import take_copy  # here: backups builds on the book module, as this one does

    if not book.is_demo():
        take_copy(book, reason)


# -- import -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    shifts_added: int
    pas: tuple[str, ...]


MAX_IMPORT_BYTES = 20 * 1024 * 1024


def import_shifts_file(book: EmployerBook, path: Path) -> ImportResult:
    """Read a CSV file and import it all or nothing; a file that is not CSV text says so plainly."""
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:
            raise BookError(f"{path.name} is larger than 20 MB; that is not a shifts file. Split it, or check it "
                            "is the right file.")
        raw = path.read_bytes()
    except OSError as exc:
        raise BookError(f"{path.name} could not be read ({exc.strerror or exc}).") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BookError(f"{path.name} is not a CSV text file PA Books can read. In your spreadsheet, use Save As and "
                        "choose \"CSV UTF-8\".") from None
    if "\x00" in text:
        raise BookError(f"{path.name} is not a CSV text file (it looks like a spreadsheet or other binary file). "
                        "In your spreadsheet, use Save As and choose \"CSV UTF-8\".")
    return import_shifts_csv(book, text)


def import_shifts_csv(book: EmployerBook, text: str) -> ImportResult:
    """All or nothing: any bad line and nothing is saved; every bad line is listed with its number."""
    lines, problems = parse_shifts_csv(text)
    with book.db.transaction() as session:
        by_name = {" ".join(pa.full_name.lower().split()): pa for pa in session.scalars(select(PersonalAssistant))}
        bounds = boundaries(session)
        accepted: dict[int, list[tuple[ShiftLine, TimedShift]]] = defaultdict(list)
        for line in lines:
            pa = by_name.get(" ".join(line.pa_name.lower().split()))
            if pa is None:
                problems.append(Problem(f"there is no PA called \"{line.pa_name}\" in this file", "pa", line.line))
                continue
            employed = _employed(pa, line.day)
            if employed:
                problems.append(Problem(employed, "date", line.line))
                continue
            if _approved_cover(session, pa.id, line.day) is not None:
                problems.append(Problem(f"{pa.full_name}'s timesheet for {long_date(line.day)} is approved and locked",
                                        "date", line.line))
                continue
            timed = TimedShift(None, line.starts_at, line.ends_at, line.kind)
            earlier = [t for _, t in accepted[pa.id]]
            clash_in_file = overlaps(timed, earlier)
            if clash_in_file:
                other = next(ln.line for ln, t in accepted[pa.id] if t is clash_in_file[0])
                problems.append(Problem(f"overlaps line {other} for {pa.full_name}", "start/end", line.line))
                continue
            existing = [TimedShift(s.id, s.starts_at, s.ends_at) for s in
                        _pa_shifts_between(session, pa.id, line.starts_at, line.ends_at)]
            if overlaps(timed, existing):
                problems.append(Problem(f"{pa.full_name} already has a shift that overlaps this one", "start/end",
                                        line.line))
                continue
            missing = period_pay([ShiftForPay(line.starts_at, line.ends_at, line.kind)], _rates(pa), bounds,
                                 pa.full_name).problems
            if missing:
                problems.append(Problem(missing[0].message, "kind", line.line))
                continue
            accepted[pa.id].append((line, timed))
        if problems:
            raise ImportRefused(sorted(problems, key=lambda p: (p.line or 0)))
        count = 0
        for pa_id, items in accepted.items():
            for line, _timed in items:
                session.add(Shift(pa_id=pa_id, starts_at=_utc_text(line.starts_at), ends_at=_utc_text(line.ends_at),
                                  kind=line.kind, status="worked", source="import", notes=line.notes))
                count += 1
        names = tuple(sorted(session.get(PersonalAssistant, pa_id).full_name for pa_id in accepted))  # type: ignore[union-attr]
        audit.record(session, "shifts_imported", shifts=count, pa_ids=sorted(accepted))
        return ImportResult(count, names)


# -- summaries --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PaHours:
    pa_id: int
    name: str
    minutes_by_kind: dict[str, int]
    gross_pay_pence: int
    problems: tuple[str, ...]
    minimum_wage: tuple[str, ...]  # one line per pay reference period
    working_time: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class HoursSummary:
    first_day: date
    last_day: date
    pas: tuple[PaHours, ...]
    planned_minutes_by_kind: dict[str, int]
    delivered_minutes_by_kind: dict[str, int]
    plan_words: tuple[str, ...] = field(default=())
    total_pay_pence: int = 0

    def as_json(self) -> dict[str, object]:
        return {
            "first_day": self.first_day.isoformat(), "last_day": self.last_day.isoformat(),
            "planned_hours": {k: str(hours(v)) for k, v in sorted(self.planned_minutes_by_kind.items())},
            "delivered_hours": {k: str(hours(v)) for k, v in sorted(self.delivered_minutes_by_kind.items())},
            "against_plan": list(self.plan_words),
            "total_pay": _pounds_text(self.total_pay_pence),
            "pas": [{"name": p.name, "hours": {k: str(hours(v)) for k, v in sorted(p.minutes_by_kind.items())},
                     "total_hours": str(hours(sum(p.minutes_by_kind.values()))),
                     "gross_pay": _pounds_text(p.gross_pay_pence), "problems": list(p.problems),
                     "minimum_wage": list(p.minimum_wage), "working_time": list(p.working_time)} for p in self.pas],
        }


def _pounds_text(pence: int) -> str:
    sign = "-" if pence < 0 else ""
    return f"{sign}{abs(pence) // 100}.{abs(pence) % 100:02d}"


PLAN_KINDS = {"day": "day", "night": "day", "weekend": "day", "bank_holiday": "day", "training": "day",
              "waking_night": "waking_night", "sleep_in": "sleep_in"}


@dataclass(frozen=True, slots=True)
class _Row:
    """One shift as plain values (reading columns, not ORM objects, keeps a year's summary quick)."""

    shift_id: int
    pa_id: int
    starts_at: datetime
    ends_at: datetime
    kind: str
    status: str


def hours_summary(book: EmployerBook, first_day: date, last_day: date) -> HoursSummary:
    """Hours and pay by PA and kind for the days, the minimum wage check for each pay reference period,
    working-time warnings, and the support plan against what was delivered."""
    if last_day < first_day:
        raise BookError("The last day is before the first day.")
    first, last = _day_bounds(first_day, last_day)
    with book.db.reading() as session:
        bounds = boundaries(session)
        employer = session.scalars(select(Employer)).first()
        anchor = employer.pay_period_anchor if employer else date(2026, 4, 6)
        query = select(Shift.id, Shift.pa_id, Shift.starts_at, Shift.ends_at, Shift.kind,
                                    Shift.status).where(Shift.starts_at >= first, Shift.starts_at < last,
                                                        Shift.pa_id.is_not(None))
        by_pa: dict[int, list[_Row]] = defaultdict(list)
        for shift_id, pa_id, starts_at, ends_at, kind, status in session.execute(_live(query).order_by(Shift.starts_at)):
            if pa_id is not None:
                by_pa[pa_id].append(_Row(shift_id, pa_id, starts_at, ends_at, kind, status))
        approved_pay: dict[int, dict[tuple[date, date], PeriodPay]] = defaultdict(dict)
        for pa_id, start, end, snapshot in session.execute(
                select(Timesheet.pa_id, Timesheet.period_start, Timesheet.period_end, Timesheet.pay_snapshot_json).where(
                    Timesheet.status == "approved", Timesheet.pay_snapshot_json != "",
                    Timesheet.period_start >= first_day, Timesheet.period_end <= last_day)):
            approved_pay[pa_id][(start, end)] = from_snapshot(json.loads(snapshot))
        delivered: dict[str, int] = defaultdict(int)
        results = []
        for pa in session.scalars(select(PersonalAssistant).order_by(PersonalAssistant.first_name)):
            rows = by_pa.get(pa.id, [])
            if not rows:
                continue
            rates = _rates(pa)
            periods: dict[tuple[date, date], list[ShiftForPay]] = defaultdict(list)
            for r in rows:
                shift = ShiftForPay(r.starts_at, r.ends_at, r.kind, r.status)
                periods[pay_period(pa.pay_frequency, shift.day, anchor)].append(shift)
            # One pay calculation per pay reference period serves both the totals and the minimum wage check. A
            # period with an approved timesheet, wholly inside the days asked about, shows the pay as approved
            # (rates or night hours changed since do not reach it), as its timesheet does.
            approved = approved_pay.get(pa.id, {})
            per_period = {key: approved.get(key) or period_pay(items, rates, bounds, pa.full_name)
                          for key, items in sorted(periods.items())}
            minutes: dict[str, int] = defaultdict(int)
            problems: list[str] = []
            for pay in per_period.values():
                for kind, value in pay.minutes_by_kind.items():
                    minutes[kind] += value
                problems += [p.message for p in pay.problems if p.message not in problems]
            for kind, value in minutes.items():
                plan_kind = PLAN_KINDS.get(kind)
                if plan_kind and plan_kind != "sleep_in":
                    delivered[plan_kind] += value
            # Sleep-ins are planned as a number a week, kept like hours (x 60) so the two add up alike.
            delivered["sleep_in"] += 60 * sum(1 for r in rows if r.kind == "sleep_in" and r.status != "absent")
            warnings: list[WorkingTimeWarning] = working_time_warnings(
                [TimedShift(r.shift_id, r.starts_at, r.ends_at, r.kind) for r in rows if r.status != "absent"],
                opted_out=pa.opted_out_of_48_hours_on is not None)
            results.append(PaHours(pa.id, pa.full_name, dict(minutes),
                                   sum(pay.gross_pence for pay in per_period.values()), tuple(problems),
                                   tuple(_minimum_wage_lines(pa, per_period, first_day, last_day)),
                                   tuple(w.message for w in warnings)))
        weeks = Decimal((last_day - first_day).days + 1) / 7
        weekly_plan = planned_minutes_per_week(session, first_day)
        planned = {k: int(v * weeks) for k, v in weekly_plan.items()}
        delivered = defaultdict(int, {k: v for k, v in delivered.items() if v})
        gaps = plan_gaps(planned, delivered) if planned else []
        words = [] if planned else ["No support plan is recorded for these dates, so the hours cannot be compared "
                                    "with it. Add the planned hours a week from the council's agreement."]
        for gap in gaps:
            if gap.kind == "sleep_in":
                words.append(f"sleep-ins: {gap.delivered_minutes // 60} delivered against "
                             f"{gap.planned_minutes // 60} planned")
            else:
                words.append(gap.words())
        total = sum(p.gross_pay_pence for p in results)
        day_minutes = sum(v for k, v in delivered.items() if k != "sleep_in")
        day_gap = next((g for g in gaps if g.kind == "day"), None)
        if day_gap and day_minutes and day_gap.difference_minutes:
            average = Decimal(total) / Decimal(day_minutes) * 60
            money = int((average * abs(day_gap.difference_minutes) / 60).quantize(Decimal(1)))
            side = "more" if day_gap.difference_minutes > 0 else "less"
            words.append(f"at the average rate paid, that is about {format_pounds(money)} {side} than planned")
        return HoursSummary(first_day, last_day, tuple(results), planned, dict(delivered), tuple(words), total)


def _minimum_wage_lines(pa: PersonalAssistant, per_period: dict[tuple[date, date], PeriodPay], first_day: date,
                        last_day: date) -> list[str]:
    """The check for each pay reference period wholly inside the days asked about (a part of a period
    cannot be checked: the law looks at the whole period's pay and hours)."""
    if pa.date_of_birth is None:
        return [f"Add {pa.full_name}'s date of birth to check the minimum wage."]
    lines = []
    for (start, end), pay in per_period.items():
        if pay.nmw_hours_minutes + pay.nmw_waking_minutes == 0:
            continue
        if start < first_day or end > last_day:
            lines.append(f"{long_date(start)} to {long_date(end)}: checked when the whole pay period is shown")
            continue
        result = check_minimum_wage(MinimumWageInput(
            period_start=start, birth_date=pa.date_of_birth,
            hours_worked=Decimal(pay.nmw_hours_minutes) / 60, waking_night_hours=Decimal(pay.nmw_waking_minutes) / 60,
            sleep_in_hours=Decimal(pay.sleep_in_minutes) / 60, basic_pay_pence=pay.nmw_basic_pay_pence,
            premium_pay_pence=pay.premium_pay_pence, sleep_in_allowance_pence=pay.sleep_in_allowance_pence))
        when = f"{long_date(start)} to {long_date(end)}"
        if result.underpaid:
            lines.append(f"{when}: UNDERPAID by {format_pounds(result.shortfall_pence)}. " + "; ".join(result.reasons))
        else:
            average = format_pounds(int(result.average_hourly_pay * 100))
            lines.append(f"{when}: at least the minimum wage ({format_pounds(result.hourly_rate_pence)} an hour; "
                         f"paid {average} an hour on average)")
    return lines


def month_weeks(year: int, month: int) -> list[tuple[date, date]]:
    """Monday-to-Sunday weeks that touch a month, for the month summary."""
    first = date(year, month, 1)
    start = first - timedelta(days=first.weekday())
    weeks = []
    while start <= first + relativedelta(months=1) - timedelta(days=1):
        weeks.append((start, start + timedelta(days=6)))
        start += timedelta(days=7)
    return weeks

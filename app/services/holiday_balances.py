"""Each PA's holiday in the leave year: how much they have (for set hours, 5.6 weeks of their contracted hours, a
part of it for a starter or leaver; for irregular hours, 12.07% of the hours worked so far), how much they have
taken, and what is left, in hours. Worked out purely in app/payroll/holiday_entitlement.py. The leave year is
taken to start on 1 April (app/payroll/holiday.py), for the keep-aside guide and the payslips as well."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.numbers import plain
from app.models import Absence, PersonalAssistant
from app.payroll.holiday import leave_year_start
from app.payroll.holiday_entitlement import REGULAR, BalanceFacts, HolidayBalance, holiday_balance
from app.payroll.rates import tax_year_or_newest
from app.services.book import EmployerBook
from app.services.shift_records import hours_worked_and_holiday, worked_days

REMIND_WEEKS = 8  # Home says what is left to take this many weeks before the leave year ends


def holiday_balances(book: EmployerBook, on: date | None = None) -> list[HolidayBalance]:
    """Every PA employed on the day, by name."""
    day = on or book.today()
    with book.reading() as session:
        first = leave_year_start(day)
        pas = [pa for pa in session.scalars(select(PersonalAssistant).order_by(
            PersonalAssistant.first_name, PersonalAssistant.last_name))
            if pa.started_on <= day and (pa.left_on is None or pa.left_on >= first) and pa.personal_data_erased_on is None]
        found = balances_on(session, pas, day)
        return [found[pa.id] for pa in pas]


def balances_on(session: Session, pas: list[PersonalAssistant], day: date) -> dict[int, HolidayBalance]:
    """The holiday balance of each of `pas` at the end of `day`, in its leave year (a pay run asks at its period's
    last day, so the payslip says what is left after the time it pays)."""
    first = leave_year_start(day)
    hours = hours_worked_and_holiday(session, first, day)
    days_worked = worked_days(session, first, day)
    away = _holiday_absence_days(session, first, day)
    label = tax_year_or_newest(day)  # holiday rules (5.6 weeks, 28 days, 12.07%) have not changed since 2024
    balances = {}
    for pa in pas:
        worked, taken = hours.get(pa.id, (Decimal(0), Decimal(0)))
        absent_days = away.get(pa.id, 0)
        a_day = (worked / days_worked[pa.id] if days_worked.get(pa.id) else
                 (pa.contracted_hours_per_week or Decimal(0)) / 5)
        balance = replace(holiday_balance(BalanceFacts(
            pa.full_name, pa.holiday_basis, pa.contracted_hours_per_week, pa.started_on, pa.left_on, worked,
            taken + a_day * absent_days), first, day, label), day_hours=a_day or None)
        if absent_days:  # said, as it is an estimate: an absence is kept as dates, not hours
            day_words = plain(a_day, Decimal("0.01"))
            balance = replace(balance, words=balance.words.removesuffix(".") + (
                f" (the taken hours include {absent_days} day{'s' if absent_days != 1 else ''} recorded as a "
                f"holiday absence, at {day_words} hours each: their average working day)."))
        balances[pa.id] = balance
    return balances


def _holiday_absence_days(session: Session, first: date, last: date) -> dict[int, int]:
    """Days of holiday recorded as absences (dates, not shifts) that fall in the leave year up to `last`."""
    days: dict[int, int] = {}
    for absence in session.scalars(select(Absence).where(Absence.kind == "holiday", Absence.first_day <= last,
                                                         Absence.last_day >= first)):
        start, end = max(absence.first_day, first), min(absence.last_day, last)
        days[absence.pa_id] = days.get(absence.pa_id, 0) + (end - start).days + 1
    return days


def holiday_left_to_take(book: EmployerBook, on: date | None = None) -> list[HolidayBalance]:
    """In the last weeks of the leave year: the PAs on set hours with holiday left, who should be offered the
    chance to take it before it ends (holiday cannot be paid instead while the PA is employed)."""
    day = on or book.today()
    first = leave_year_start(day)
    if (first.replace(year=first.year + 1) - day).days > REMIND_WEEKS * 7:
        return []  # Home asks at every refresh: nothing to read until the last weeks
    return [b for b in holiday_balances(book, day) if b.holiday_basis == REGULAR and b.left_hours
            and b.left_hours > 0]

"""Add pay rates to a PA, several at once, each from a date. A rate is never changed or back-dated past an
approved timesheet: a new rate is a new row from a date, and the old one stays as history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.money import format_pounds
from app.core.problems import Problem
from app.models import PayRate, PersonalAssistant, Timesheet
from app.services.inputs import positive_pence
from app.services.operations import Change, Context, Operation
from app.services.pa_form import NOT_IN_FILE
from app.services.words import long_date
from app.timesheets.split import TIME_KINDS
from app.timesheets.states import TimesheetStatus

FLAT_KINDS = ("sleep_in",)  # paid as an allowance each, not by the hour


@dataclass(frozen=True, slots=True)
class RateInput:
    kind: str  # day, night, weekend, bank_holiday, waking_night, sleep_in, training
    amount: str  # as typed: "13.50"
    applies_from: date | None = None  # None: from the PA's first day


@dataclass(frozen=True, slots=True)
class NewRates:
    pa_id: int
    rates: tuple[RateInput, ...]


def last_approved_day(session: Session, pa_id: int) -> date | None:
    return session.scalar(select(func.max(Timesheet.period_end)).where(
        Timesheet.pa_id == pa_id, Timesheet.status == TimesheetStatus.APPROVED))


def rate_problems(rates: Sequence[RateInput], name: str, started_on: date, existing: Sequence[tuple[str, date]],
                  locked_to: date | None) -> list[Problem]:
    """Every problem with some new rates for one PA (shared by adding a PA with rates and adding rates)."""
    found: list[Problem] = []
    seen = set(existing)
    for number, rate in enumerate(rates, start=1):
        field = f"rate {number}"
        words = rate.kind.replace("_", " ")
        if rate.kind not in TIME_KINDS:
            found.append(Problem(f"\"{rate.kind}\" is not a kind of time; use one of {', '.join(TIME_KINDS)}.", field))
        amount = positive_pence(rate.amount, f"The {words} rate", field)
        if isinstance(amount, Problem):
            found.append(amount)
        day = rate.applies_from or started_on
        if locked_to is not None and day <= locked_to:
            found.append(Problem(
                f"{name}'s timesheets are approved up to {long_date(locked_to)}, so a new rate can start on "
                f"{long_date(locked_to + timedelta(days=1))} at the earliest. Pay already approved is never "
                "changed; put a correction in the next pay run.", field))
        if (rate.kind, day) in seen:
            found.append(Problem(f"{name} already has a {words} rate from {long_date(day)}. Rates are kept as "
                                 "history: add the new one from a later date.", field))
        seen.add((rate.kind, day))
    return found


def add_rate_rows(ctx: Context, pa: PersonalAssistant, rates: Sequence[RateInput]) -> list[str]:
    """The rows for checked rates; returns each in words for the history."""
    words = []
    for rate in rates:
        pence = positive_pence(rate.amount, "", "")
        assert isinstance(pence, int)  # checked
        day = rate.applies_from or pa.started_on
        flat = rate.kind in FLAT_KINDS
        ctx.session.add(PayRate(pa_id=pa.id, kind=rate.kind, applies_from=day, hourly_pence=None if flat else pence,
                                flat_pence=pence if flat else None))
        words.append(f"{rate.kind} {format_pounds(pence)} from {day.isoformat()}")
    return words


class AddRates(Operation[NewRates, int]):
    action = "rates_added"
    changes = frozenset({Change.RATES, Change.PAS})

    def check(self, ctx: Context, given: NewRates) -> list[Problem]:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        if pa is None:
            return [NOT_IN_FILE]
        if not given.rates:
            return [Problem("Enter at least one rate.", "rate 1")]
        return rate_problems(given.rates, pa.full_name, pa.started_on, [(r.kind, r.applies_from) for r in pa.rates],
                             last_approved_day(ctx.session, pa.id))

    def apply(self, ctx: Context, given: NewRates) -> int:
        pa = ctx.session.get(PersonalAssistant, given.pa_id)
        assert pa is not None
        ctx.note("pa", pa.id, rates=add_rate_rows(ctx, pa, given.rates))
        return len(given.rates)

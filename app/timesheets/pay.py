"""From a period's shifts and a PA's rates to pay lines, and the facts for the minimum wage check.

Rates apply by the day a shift starts; a rate is never applied to shifts before its start date.
Amounts are exact per line group and rounded to the nearest penny once, per kind and rate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from app.core.dates import LONDON
from app.core.problems import Problem
from app.timesheets.split import Boundaries, split_minutes
from app.timesheets.states import ShiftStatus

HOURLY_WORK_KINDS = ("day", "night", "weekend", "bank_holiday", "waking_night", "training")
UNPAID_WITHOUT_RATE = ("sick",)  # sick days are paid as SSP in the pay run unless a contractual rate exists


@dataclass(frozen=True, slots=True)
class Rate:
    kind: str
    applies_from: date
    hourly_pence: int | None = None
    flat_pence: int | None = None


@dataclass(frozen=True, slots=True)
class ShiftForPay:
    starts_at: datetime
    ends_at: datetime
    kind: str
    status: str = ShiftStatus.WORKED
    day: date = field(init=False)  # the London date the shift starts: the day its rates are taken from

    def __post_init__(self) -> None:
        object.__setattr__(self, "day", self.starts_at.astimezone(LONDON).date())


@dataclass(frozen=True, slots=True)
class PayLine:
    kind: str
    minutes: int
    units: int  # sleep-ins counted, for flat-rate kinds
    rate_pence: int
    amount_pence: int
    flat: bool


@dataclass(frozen=True, slots=True)
class PeriodPay:
    lines: tuple[PayLine, ...]
    minutes_by_kind: dict[str, int]
    problems: tuple[Problem, ...]
    nmw_hours_minutes: int  # hours that count for the minimum wage (not sleep-in time)
    nmw_waking_minutes: int
    sleep_in_minutes: int
    nmw_basic_pay_pence: int  # pay for those hours at no more than the day rate
    premium_pay_pence: int
    sleep_in_allowance_pence: int

    @property
    def gross_pence(self) -> int:
        return sum(line.amount_pence for line in self.lines)


def rate_on(rates: list[Rate], kind: str, day: date) -> Rate | None:
    """The rate for a kind of time in force on a day (the latest that started on or before it)."""
    chosen = None
    for rate in rates:
        if rate.kind == kind and rate.applies_from <= day and (chosen is None or rate.applies_from > chosen.applies_from):
            chosen = rate
    return chosen


def _pence(amount: Decimal) -> int:
    return int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP))


KIND_WORDS = {"day": "day", "night": "night", "weekend": "weekend", "bank_holiday": "bank holiday",
              "sleep_in": "sleep-in", "waking_night": "waking night", "training": "training", "holiday": "holiday",
              "sick": "sick", "work": "work"}


def period_pay(shifts: list[ShiftForPay], rates: list[Rate], boundaries: Boundaries, pa_name: str = "this PA") -> PeriodPay:
    exact: dict[tuple[str, int, bool], Decimal] = {}
    minutes_for: dict[tuple[str, int, bool], int] = {}
    units_for: dict[tuple[str, int, bool], int] = {}
    minutes_by_kind: dict[str, int] = {}
    problems: list[Problem] = []
    nmw_minutes = waking = sleep = 0
    basic = Decimal(0)
    missing_said: set[tuple[str, date]] = set()
    for shift in shifts:
        if shift.status == ShiftStatus.ABSENT:
            continue
        parts = split_minutes(shift.starts_at, shift.ends_at, shift.kind, boundaries)
        day_rate = rate_on(rates, "day", shift.day)
        for kind, minutes in parts.items():
            minutes_by_kind[kind] = minutes_by_kind.get(kind, 0) + minutes
            rate = rate_on(rates, kind, shift.day)
            if rate is None:
                if kind not in UNPAID_WITHOUT_RATE and (kind, shift.day) not in missing_said:
                    missing_said.add((kind, shift.day))
                    problems.append(Problem(
                        f"there is no {KIND_WORDS.get(kind, kind)} rate for {pa_name} on {shift.day.day} "
                        f"{shift.day:%B %Y}; add one on the PA's page, starting on or before that day", field=kind))
                continue
            flat = kind == "sleep_in"
            amount_rate = (rate.flat_pence if flat else rate.hourly_pence)
            if amount_rate is None:
                problems.append(Problem(f"the {KIND_WORDS.get(kind, kind)} rate for {pa_name} has no amount", field=kind))
                continue
            key = (kind, amount_rate, flat)
            amount = Decimal(amount_rate) if flat else Decimal(minutes) * amount_rate / 60
            exact[key] = exact.get(key, Decimal(0)) + amount
            minutes_for[key] = minutes_for.get(key, 0) + minutes
            units_for[key] = units_for.get(key, 0) + (1 if flat else 0)
            if kind == "sleep_in":
                sleep += minutes
            elif kind in HOURLY_WORK_KINDS:
                if kind == "waking_night":
                    waking += minutes
                else:
                    nmw_minutes += minutes
                basic_rate = min(amount_rate, day_rate.hourly_pence) if day_rate and day_rate.hourly_pence else amount_rate
                basic += Decimal(minutes) * basic_rate / 60
    lines = tuple(PayLine(kind, minutes_for[key], units_for[key], rate_pence, _pence(total), flat)
                  for key, total in sorted(exact.items()) for kind, rate_pence, flat in [key])
    hourly_total = sum(line.amount_pence for line in lines if line.kind in HOURLY_WORK_KINDS)
    basic_pence = min(_pence(basic), hourly_total)
    return PeriodPay(
        lines=lines, minutes_by_kind=minutes_by_kind, problems=tuple(problems), nmw_hours_minutes=nmw_minutes,
        nmw_waking_minutes=waking, sleep_in_minutes=sleep, nmw_basic_pay_pence=basic_pence,
        premium_pay_pence=hourly_total - basic_pence,
        sleep_in_allowance_pence=sum(line.amount_pence for line in lines if line.kind == "sleep_in"),
    )


def to_snapshot(pay: PeriodPay, rules: dict[str, str]) -> dict[str, object]:
    """The pay as approved, as plain data to keep with the timesheet."""
    return {
        "rules": rules,
        "lines": [[line.kind, line.minutes, line.units, line.rate_pence, line.amount_pence, line.flat]
                  for line in pay.lines],
        "minutes_by_kind": dict(pay.minutes_by_kind),
        "nmw": [pay.nmw_hours_minutes, pay.nmw_waking_minutes, pay.sleep_in_minutes, pay.nmw_basic_pay_pence,
                pay.premium_pay_pence, pay.sleep_in_allowance_pence],
    }


def from_snapshot(data: dict[str, Any]) -> PeriodPay:
    lines = tuple(PayLine(str(k), int(m), int(u), int(r), int(a), bool(f)) for k, m, u, r, a, f in data["lines"])
    nmw = [int(v) for v in data["nmw"]]
    return PeriodPay(lines, {str(k): int(v) for k, v in data["minutes_by_kind"].items()}, (), nmw[0], nmw[1],
                     nmw[2], nmw[3], nmw[4], nmw[5])

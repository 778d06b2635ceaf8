"""Hours and pay by PA and kind for some days: the minimum wage check for each pay reference period,
working-time warnings, and the support plan against what was delivered."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import select

from app.core.money import format_pounds, pence_to_string
from app.core.problems import BookError
from app.models import PersonalAssistant, Shift, Timesheet
from app.payroll.minimum_wage import check_minimum_wage
from app.services.book import EmployerBook
from app.services.council_agreement import planned_minutes_per_week
from app.services.shift_records import (
    boundaries,
    day_bounds,
    live_shift,
    minimum_wage_facts,
    pay_period_of,
    period_anchor,
    rates_of,
)
from app.services.words import long_date
from app.timesheets.checks import TimedShift, WorkingTimeWarning, plan_gaps, working_time_warnings
from app.timesheets.clock import hours
from app.timesheets.pay import PeriodPay, ShiftForPay, from_snapshot, period_pay
from app.timesheets.states import ShiftStatus, TimesheetStatus


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
            "total_pay": pence_to_string(self.total_pay_pence),
            "pas": [{"name": p.name, "hours": {k: str(hours(v)) for k, v in sorted(p.minutes_by_kind.items())},
                     "total_hours": str(hours(sum(p.minutes_by_kind.values()))),
                     "gross_pay": pence_to_string(p.gross_pay_pence), "problems": list(p.problems),
                     "minimum_wage": list(p.minimum_wage), "working_time": list(p.working_time)} for p in self.pas],
        }


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
    first, last = day_bounds(first_day, last_day)
    with book.reading() as session:
        bounds = boundaries(session)
        anchor = period_anchor(session)
        query = select(Shift.id, Shift.pa_id, Shift.starts_at, Shift.ends_at, Shift.kind,
                                    Shift.status).where(Shift.starts_at >= first, Shift.starts_at < last,
                                                        Shift.pa_id.is_not(None), live_shift())
        by_pa: dict[int, list[_Row]] = defaultdict(list)
        for shift_id, pa_id, starts_at, ends_at, kind, status in session.execute(query.order_by(Shift.starts_at)):
            if pa_id is not None:
                by_pa[pa_id].append(_Row(shift_id, pa_id, starts_at, ends_at, kind, status))
        approved_pay: dict[int, dict[tuple[date, date], PeriodPay]] = defaultdict(dict)
        for pa_id, start, end, snapshot in session.execute(
                select(Timesheet.pa_id, Timesheet.period_start, Timesheet.period_end, Timesheet.pay_snapshot_json).where(
                    Timesheet.status == TimesheetStatus.APPROVED, Timesheet.pay_snapshot_json != "",
                    Timesheet.period_start >= first_day, Timesheet.period_end <= last_day)):
            approved_pay[pa_id][(start, end)] = from_snapshot(json.loads(snapshot))
        delivered: dict[str, int] = defaultdict(int)
        results = []
        for pa in session.scalars(select(PersonalAssistant).order_by(PersonalAssistant.first_name)):
            rows = by_pa.get(pa.id, [])
            if not rows:
                continue
            rates = rates_of(pa)
            periods: dict[tuple[date, date], list[ShiftForPay]] = defaultdict(list)
            for r in rows:
                shift = ShiftForPay(r.starts_at, r.ends_at, r.kind, r.status)
                periods[pay_period_of(session, pa, shift.day, anchor)].append(shift)
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
            delivered["sleep_in"] += 60 * sum(1 for r in rows if r.kind == "sleep_in" and r.status != ShiftStatus.ABSENT)
            warnings: list[WorkingTimeWarning] = working_time_warnings(
                [TimedShift(r.shift_id, r.starts_at, r.ends_at, r.kind) for r in rows if r.status != ShiftStatus.ABSENT],
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
        facts = minimum_wage_facts(pay, start, pa.date_of_birth)
        assert facts is not None  # hours were worked (checked above)
        result = check_minimum_wage(facts)
        when = f"{long_date(start)} to {long_date(end)}"
        if not result.applies:
            lines.append(f"{when}: {result.reasons[0]}")
        elif result.underpaid:
            lines.append(f"{when}: UNDERPAID by {format_pounds(result.shortfall_pence)}. " + "; ".join(result.reasons))
        else:
            average = format_pounds(int(result.average_hourly_pay * 100))
            lines.append(f"{when}: at least the minimum wage ({format_pounds(result.hourly_rate_pence)} an hour; "
                         f"paid {average} an hour on average)")
    return lines

"""Return periods and due dates: which period a return covers under its template's cycle and alignment, and
when it is due (so many days after the period ends, or after the council's request)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from app.returns.templates import Template

MONTHS = {"monthly": 1, "quarterly": 3, "annual": 12}


@dataclass(frozen=True, slots=True)
class Period:
    starts_on: date
    ends_on: date
    due_on: date


def _first_start(template: Template, agreement_start: date) -> date:
    if template.aligned_to in ("financial_year", "calendar_quarter") and template.cycle in MONTHS:
        step = MONTHS[template.cycle]
        anchor = date(agreement_start.year, 4, 1) if template.aligned_to == "financial_year" else date(
            agreement_start.year, 1, 1)
        while anchor > agreement_start:
            anchor -= relativedelta(months=step)
        while anchor + relativedelta(months=step) <= agreement_start:
            anchor += relativedelta(months=step)
        return anchor
    return agreement_start


def periods(template: Template, agreement_start: date, until: date) -> list[Period]:
    """Each return period from the agreement's start whose start is on or before `until` (none for returns made
    only on request)."""
    if template.cycle == "on_request":
        return []
    found: list[Period] = []
    start = _first_start(template, agreement_start)
    while start <= until:
        if template.cycle == "four_weekly":
            end = start + timedelta(weeks=4) - timedelta(days=1)
        else:
            end = start + relativedelta(months=MONTHS[template.cycle]) - timedelta(days=1)
        found.append(Period(max(start, agreement_start), end, end + timedelta(days=template.due_days_after_end)))
        start = end + timedelta(days=1)
    return found


def on_request(template: Template, starts_on: date, ends_on: date, requested_on: date) -> Period:
    """An audit for a period the council names: due so many days after the request."""
    return Period(starts_on, ends_on, requested_on + timedelta(days=template.due_days_after_end))

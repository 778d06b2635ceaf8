"""How far the budget will go: the forecast's bases read from the file (what is in the account less what is
owed, the payments expected under the agreement, the PAs' wages from the rotas planned at their day rates with
tax, NI and pension in the share recent pay had, other spending as the last 12 weeks) and the projection to the
end of the agreement year, with what-ifs. Without rotas, what a week has cost over the last 12 weeks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import ColumnElement, case, func, or_, select
from sqlalchemy.orm import Session

from app.core.money import format_pounds
from app.models import MoneyPosting, MoneyTransaction, PayRate, PersonalAssistant, RotaPattern
from app.money.forecast import Forecast, WhatIf, project
from app.services.book import EmployerBook
from app.services.ledger_book import day_rate_pence, in_account_posting
from app.services.money_expected import agreement_of, expected_in
from app.services.money_views import MoneyPosition, money_position
from app.timesheets import rota

BASIS_WEEKS = 12
WAGES = ("spending:pa_wages", "owed:pa:")
ON_COSTS = ("spending:hmrc", "spending:pension", "owed:hmrc", "owed:pension")


@dataclass(frozen=True, slots=True)
class ForecastView:
    forecast: Forecast
    basis: tuple[str, ...]  # how each figure was arrived at, in words
    hourly_cost_pence: int  # what one more hour a week costs, employer's costs included


PLANNED_WEEKS = 4  # the rotas are read this far ahead for the PAs' weekly cost


def _hours(minutes: int) -> str:
    value = (Decimal(minutes) / 60).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP).normalize()
    return f"{value:f} hours"


def _planned_from_rotas(session: Session, today: date) -> tuple[int, int]:
    """Minutes and wages (at each PA's day rate) the rota patterns plan in the next PLANNED_WEEKS weeks, for
    PAs still employed; cover from an agency (no PA) is left to the other spending."""
    first, last = today + timedelta(days=1), today + timedelta(weeks=PLANNED_WEEKS)
    minutes = wages = 0
    for row, pa in session.execute(select(RotaPattern, PersonalAssistant).join(
            PersonalAssistant, PersonalAssistant.id == RotaPattern.pa_id)).all():
        if pa.left_on is not None and pa.left_on < first:
            continue
        rate = day_rate_pence(session, pa.id, first)
        shifts, _ = rota.plan(rota.Pattern(row.rule, row.starts_on, row.ends_on, row.start_time, row.end_time,
                                           row.kind), first, last)
        for shift in shifts:
            if shift.kind == "sleep_in":
                continue
            length = int((shift.ends_at - shift.starts_at).total_seconds() // 60)
            minutes += length
            wages += int((Decimal(length) * rate / 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return minutes, wages


def _spent_since(session: Session, since: date, today: date) -> tuple[int, int, int]:
    """What went out of the account after `since` up to today, and how much of that was the PAs' wages and
    the costs on them (tax, NI, pension), summed per transaction by the database."""
    amount = MoneyPosting.amount_pence

    def on(prefixes: tuple[str, ...]) -> ColumnElement[bool]:
        return or_(*(MoneyPosting.account.startswith(p, autoescape=True) for p in prefixes))

    per_transaction = (
        select(func.sum(case((in_account_posting(), amount), else_=0)), func.sum(case((on(WAGES), amount), else_=0)),
               func.sum(case((on(ON_COSTS), amount), else_=0)))
        .join(MoneyTransaction).where(MoneyTransaction.voided_at.is_(None), MoneyTransaction.occurred_on > since,
                                      MoneyTransaction.occurred_on <= today)
        .group_by(MoneyTransaction.id))
    spent = wages = on_costs = 0
    for bank, to_pas, on_pas in session.execute(per_transaction):
        if (bank or 0) < 0:  # money that went out
            spent -= bank
            wages += to_pas or 0
            on_costs += on_pas or 0
    return spent, wages, on_costs


def _year_end(starts_on: date, today: date) -> date:
    end = starts_on
    while end <= today:
        end += relativedelta(years=1)
    return end - timedelta(days=1)


def forecast(book: EmployerBook, extra_hours_a_week: Decimal = Decimal(0), pay_rise_percent: Decimal = Decimal(0),
             from_date: date | None = None, until: date | None = None,
             position: MoneyPosition | None = None) -> ForecastView:
    """`position` is today's money position when the caller has it already (the Money screen does)."""
    today = book.today()
    if position is None or position.on != today:
        position = money_position(book, today)
    with book.reading() as session:
        agreement = agreement_of(session)
        ends_on = until or (_year_end(agreement.starts_on, today) if agreement else today + timedelta(weeks=52))
        coming = [(e.due_on, e.amount_pence) for e in expected_in(session, ends_on) if e.due_on > today]
        since = today - timedelta(weeks=BASIS_WEEKS)
        spent, wages, on_costs = _spent_since(session, since, today)
        rates = [r.hourly_pence for r in session.scalars(select(PayRate).join(PersonalAssistant).where(
            PayRate.kind == "day", PersonalAssistant.left_on.is_(None), PayRate.hourly_pence.is_not(None)))]
        planned_minutes, planned_wages = _planned_from_rotas(session, today)
    weekly = int((Decimal(spent) / BASIS_WEEKS).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    share = Decimal(wages + on_costs) / spent if spent else Decimal(1)
    on_cost_share = Decimal(on_costs) / wages if wages else Decimal(0)
    other_weekly = int((Decimal(spent - wages - on_costs) / BASIS_WEEKS).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    from_rotas = book.budget_id is None and planned_wages > 0
    if from_rotas:  # the rotas planned say what the PAs will cost; everything else as the last 12 weeks
        rota_weekly = int((Decimal(planned_wages) * (1 + on_cost_share) / PLANNED_WEEKS)
                          .quantize(Decimal(1), rounding=ROUND_HALF_UP))
        weekly = rota_weekly + max(other_weekly, 0)
        share = Decimal(rota_weekly) / weekly if weekly else Decimal(1)
    rate = Decimal(sum(r for r in rates if r)) / len(rates) if rates else Decimal(0)
    hourly = int((rate * (1 + on_cost_share)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    start = position.holding.in_account_pence - position.holding.owed_pence
    changes = []
    if extra_hours_a_week or pay_rise_percent:
        changes.append(WhatIf(from_date or today, int(extra_hours_a_week * hourly), pay_rise_percent))
    result = project(start, today + timedelta(days=1), ends_on, coming, weekly, share, changes)
    basis = [
        f"Starts from {format_pounds(start)}: what is in the account less what is already owed.",
        f"Money in: the {len(coming)} payments the agreement says are still to come before "
        f"{ends_on:%d %B %Y}.".replace(" 0", " "),
        f"Spending: {format_pounds(weekly)} a week, the average of the last {BASIS_WEEKS} weeks "
        f"({int(share * 100)}% of it wages, tax and pension)." if not from_rotas else
        f"Spending: {format_pounds(weekly)} a week: the PAs' wages from the rotas planned for the next "
        f"{PLANNED_WEEKS} weeks ({_hours(planned_minutes // PLANNED_WEEKS)} a week at each PA's day rate, "
        f"{format_pounds(planned_wages // PLANNED_WEEKS)}), plus tax, National Insurance and pension in the share the "
        f"last {BASIS_WEEKS} weeks' wages had ({int(on_cost_share * 100)}%), and other spending as the last "
        f"{BASIS_WEEKS} weeks ({format_pounds(max(other_weekly, 0))} a week).",
    ]
    if changes:
        basis.append(f"What if: {changes[0].words()}; an hour costs about {format_pounds(hourly)}: the PAs' "
                     f"average day rate, plus tax, National Insurance and pension in the share the last "
                     f"{BASIS_WEEKS} weeks' wages had ({int(on_cost_share * 100)}%).")
    return ForecastView(result, tuple(basis), hourly)

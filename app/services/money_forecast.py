"""How far the budget will go: the forecast's bases read from the file (what is in the account less what is
owed, the payments expected under the agreement, what a week has cost over the last 12 weeks, the PAs' day rates)
and the projection to the end of the agreement year, with what-ifs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from dateutil.relativedelta import relativedelta
from sqlalchemy import select

from app.core.money import format_pounds
from app.models import PayRate, PersonalAssistant
from app.money.forecast import Forecast, WhatIf, project
from app.services.book import EmployerBook
from app.services.ledger_book import transactions
from app.services.money_expected import agreement_of, expected_in
from app.services.money_views import money_position

BASIS_WEEKS = 12
WAGES = ("spending:pa_wages", "owed:pa:")
ON_COSTS = ("spending:hmrc", "spending:pension", "owed:hmrc", "owed:pension")


@dataclass(frozen=True, slots=True)
class ForecastView:
    forecast: Forecast
    basis: tuple[str, ...]  # how each figure was arrived at, in words
    hourly_cost_pence: int  # what one more hour a week costs, employer's costs included


def _year_end(starts_on: date, today: date) -> date:
    end = starts_on
    while end <= today:
        end += relativedelta(years=1)
    return end - timedelta(days=1)


def forecast(book: EmployerBook, extra_hours_a_week: Decimal = Decimal(0), pay_rise_percent: Decimal = Decimal(0),
             from_date: date | None = None, until: date | None = None) -> ForecastView:
    today = book.today()
    position = money_position(book, today)
    with book.reading() as session:
        agreement = agreement_of(session)
        ends_on = until or (_year_end(agreement.starts_on, today) if agreement else today + timedelta(weeks=52))
        coming = [(e.due_on, e.amount_pence) for e in expected_in(session, ends_on) if e.due_on > today]
        since = today - timedelta(weeks=BASIS_WEEKS)
        spent = wages = on_costs = 0
        for t in transactions(session, today, since + timedelta(days=1)):  # the last 12 weeks only
            if t.voided or t.occurred_on <= since or t.bank_amount_pence >= 0:
                continue
            spent -= t.bank_amount_pence
            for p in t.postings:
                if p.account.startswith(WAGES):
                    wages += p.amount_pence
                elif p.account.startswith(ON_COSTS):
                    on_costs += p.amount_pence
        rates = [r.hourly_pence for r in session.scalars(select(PayRate).join(PersonalAssistant).where(
            PayRate.kind == "day", PersonalAssistant.left_on.is_(None), PayRate.hourly_pence.is_not(None)))]
    weekly = int((Decimal(spent) / BASIS_WEEKS).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    share = Decimal(wages + on_costs) / spent if spent else Decimal(1)
    on_cost_share = Decimal(on_costs) / wages if wages else Decimal(0)
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
        f"({int(share * 100)}% of it wages, tax and pension).",
    ]
    if changes:
        basis.append(f"What if: {changes[0].words()}; an hour costs about {format_pounds(hourly)}: the PAs' "
                     f"average day rate, plus tax, National Insurance and pension in the share the last "
                     f"{BASIS_WEEKS} weeks' wages had ({int(on_cost_share * 100)}%).")
    return ForecastView(result, tuple(basis), hourly)

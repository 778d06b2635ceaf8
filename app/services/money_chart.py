"""The Money screen's balance chart: the points it draws and the same figures in words, for anyone who cannot see
the chart (a screen reader reads the words; the chart itself has them as its accessible description)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from app.core.dates import calendar_month_ends
from app.money.ledger import RunningBalance
from app.services.book import EmployerBook
from app.services.money_forecast import forecast
from app.services.money_views import MoneyPosition
from app.services.words import format_pounds, long_date

CHART_WEEKS = 52  # how far back the chart goes


@dataclass(frozen=True, slots=True)
class BalanceChart:
    points: tuple[tuple[date, int], ...]  # the account's balance on each day it changed, up to today
    allowed_pence: int | None  # what the council agreement lets the holder keep (None without one)
    contingency_pence: int
    ahead: tuple[tuple[date, int], ...]  # the forecast balance at the end of each week ahead
    words: str


def balance_chart(book: EmployerBook, position: MoneyPosition, series: RunningBalance) -> BalanceChart:
    today = book.today()
    start = max(today - timedelta(weeks=CHART_WEEKS), series.days[1] if len(series.days) > 1 else today)
    points = tuple((day, series.on(day)) for day in [start, *[d for d in series.days if start < d <= today], today])
    allowed = position.surplus.allowed_pence if position.surplus else None
    months = [f"{end:%B %Y}: {format_pounds(series.on(min(end, today)))}" for end in calendar_month_ends(start, today)]
    words = "Balance at the end of each month — " + "; ".join(months) + "." if months else ""
    if allowed is not None:
        words += f" The agreement lets you keep {format_pounds(allowed)} (the dashed line)."
    if position.holding.contingency_pence:
        words += f" Contingency held: {format_pounds(position.holding.contingency_pence)} (the dotted line)."
    ahead: tuple[tuple[date, int], ...] = ()
    if position.account_set_up and position.surplus is not None:
        view = forecast(book, position=position)
        ahead = tuple((week.starts_on + timedelta(days=6), week.balance_pence) for week in view.forecast.weeks)
        if ahead:
            words += (f" The forecast ahead (the dash-dot line), after what is owed: {format_pounds(ahead[-1][1])}"
                      f" on {long_date(view.forecast.ends_on)}.")
    return BalanceChart(points, allowed, position.holding.contingency_pence, ahead, words)

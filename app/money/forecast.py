"""How far the budget will go: the account's balance projected week by week to a day (the end of the agreement
year), from the payments expected in and the spending a week is expected to cost, with what-ifs (more hours a
week from a date, a pay rise from a date). Plain arithmetic on stated bases, so every figure can be checked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from app.core.money import format_pounds


@dataclass(frozen=True, slots=True)
class WhatIf:
    from_date: date
    extra_weekly_pence: int = 0  # more (or, negative, fewer) hours a week, as their cost
    wages_rise_percent: Decimal = Decimal(0)  # a pay rise on the wages part of each week's cost

    def words(self) -> str:
        said = []
        if self.extra_weekly_pence:
            said.append(f"{format_pounds(self.extra_weekly_pence)} a week more spending")
        if self.wages_rise_percent:
            said.append(f"a {self.wages_rise_percent.normalize():f}% pay rise")
        return " and ".join(said) + f" from {self.from_date:%d %B %Y}".replace(" 0", " ")


@dataclass(frozen=True, slots=True)
class Week:
    starts_on: date
    money_in_pence: int
    money_out_pence: int
    balance_pence: int  # at the end of the week


@dataclass(frozen=True, slots=True)
class Forecast:
    weeks: tuple[Week, ...]
    start_balance_pence: int
    ends_on: date
    runs_out_on: date | None  # the first week the balance goes below nothing

    @property
    def end_balance_pence(self) -> int:
        return self.weeks[-1].balance_pence if self.weeks else self.start_balance_pence

    def words(self) -> str:
        end = f"{self.ends_on:%d %B %Y}".lstrip("0")
        holds = f"the account will hold {format_pounds(self.end_balance_pence)} on {end}"
        if self.runs_out_on is not None:
            short = f"{self.runs_out_on:%d %B %Y}".lstrip("0")
            if self.end_balance_pence < 0:
                return f"At this rate the money runs out in the week of {short}, before {end}."
            return f"At this rate the money runs short in the week of {short}; after later payments {holds}."
        return f"At this rate {holds}."


def project(balance_pence: int, starts_on: date, ends_on: date, money_in: Sequence[tuple[date, int]],
            weekly_cost_pence: int, wages_share: Decimal = Decimal(1),
            what_ifs: Sequence[WhatIf] = ()) -> Forecast:
    """Week by week from `starts_on`: each week's expected money in, less the week's cost (with any what-if in
    force that week: a pay rise on the wages share of the cost, then any extra cost)."""
    weeks: list[Week] = []
    runs_out: date | None = None
    day = starts_on
    while day <= ends_on:
        week_end = min(day + timedelta(days=6), ends_on)
        coming = sum(p for d, p in money_in if day <= d <= week_end)
        days = (week_end - day).days + 1
        cost = Decimal(weekly_cost_pence) * days / 7
        for change in what_ifs:
            if change.from_date <= week_end:
                cost += Decimal(weekly_cost_pence) * days / 7 * wages_share * change.wages_rise_percent / 100
                cost += Decimal(change.extra_weekly_pence) * days / 7
        out = int(cost.quantize(Decimal(1), rounding=ROUND_HALF_UP))
        balance_pence += coming - out
        weeks.append(Week(day, coming, out, balance_pence))
        if balance_pence < 0 and runs_out is None:
            runs_out = day
        day = week_end + timedelta(days=1)
    return Forecast(tuple(weeks), weeks[0].balance_pence - weeks[0].money_in_pence + weeks[0].money_out_pence
                    if weeks else balance_pence, ends_on, runs_out)

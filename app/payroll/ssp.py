"""Statutory Sick Pay for a history of sickness, under both regimes.

Before 6 April 2026 (Social Security Contributions and Benefits Act 1992 ss. 151-163; SSP (General)
Regulations 1982): a period of incapacity for work (PIW) is at least 4 days in a row; the first 3
qualifying days of a linked series are waiting days; average weekly earnings (AWE) must reach the
lower earnings limit. From 6 April 2026 (Employment Rights Act 2025 ss. 10-13, SI 2026/373), for
sickness starting on or after that day: one day is enough, no waiting days, no earnings limit, and the
weekly rate is the lower of the flat rate and 80% of AWE.

Both: PIWs no more than 8 weeks (56 days) apart link into one series; at most 28 weeks in a series; a
series ends after 3 years. Weeks run Sunday to Saturday. Daily rate = weekly rate / qualifying days in
that week, truncated to 4 decimal places; each week's payment is rounded up to the penny (the GOV.UK
SSP calculator, alphagov/smart-answers). A week with no qualifying days has Wednesday as one (1982
Regulations reg. 5(2)).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from app.core.dates import each_day
from app.core.money import pence_to_decimal, round_half_up_to_penny, round_up_to_penny, to_pence, truncate
from app.payroll.rates import SspRates, ssp_rates_for_date

LINK_GAP_DAYS = 56
MAX_WEEKS = Decimal(28)
SERIES_YEARS_DAYS = 3 * 365
_WEDNESDAY = 2


@dataclass(frozen=True, slots=True)
class SicknessSpell:
    first_day: date
    last_day: date


@dataclass(frozen=True, slots=True)
class SspInput:
    spells: tuple[SicknessSpell, ...]
    qualifying_weekdays: frozenset[int]  # 0 = Monday ... 6 = Sunday: the days the PA normally works
    average_weekly_earnings_pence: int
    exact_average_weekly_earnings: Decimal | None = None  # pounds, unrounded; used instead when given


def average_weekly_earnings_over(pay_pence: int, days: int) -> Decimal:
    """Average weekly earnings from the pay in the relevant period and its length in days, unrounded: the pay
    divided by the number of weeks (days / 7) in the period (SSP (General) Regulations 1982 reg. 19)."""
    if days < 1:
        raise ValueError("the relevant period is at least one day long")
    if pay_pence < 0:
        raise ValueError("pay in the relevant period cannot be negative")
    return pence_to_decimal(pay_pence) * 7 / days


@dataclass(frozen=True, slots=True)
class SspWeek:
    week_start: date  # a Sunday
    days_paid: int
    daily_rate: Decimal
    amount_pence: int


@dataclass(frozen=True, slots=True)
class SspResult:
    entitled_days: tuple[date, ...]
    waiting_days: tuple[date, ...]
    weeks: tuple[SspWeek, ...]
    total_pence: int
    notes: tuple[str, ...]
    day_rates: tuple[tuple[date, Decimal], ...] = ()  # each paid day's rate (its week's rate / qualifying days)


def average_weekly_earnings(total_pence: int, frequency: str, months: int = 0) -> int:
    """AWE over the 8 weeks up to the last payday before sickness (SSP (General) Regulations reg. 19):
    weekly-based pay: total / 8; monthly: total / months x 12 / 52; truncated to the penny."""
    total = pence_to_decimal(total_pence)
    if frequency == "monthly":
        if months <= 0:
            raise ValueError("say how many monthly paydays the total covers")
        return to_pence(truncate(total / months * 12 / 52, 2))
    return to_pence(truncate(total / 8, 2))


def _merge(spells: tuple[SicknessSpell, ...]) -> list[SicknessSpell]:
    merged: list[SicknessSpell] = []
    for spell in sorted(spells, key=lambda s: s.first_day):
        if spell.last_day < spell.first_day:
            raise ValueError(f"a sickness spell ends ({spell.last_day}) before it starts ({spell.first_day})")
        if merged and spell.first_day <= merged[-1].last_day + timedelta(days=1):
            last = merged[-1]
            merged[-1] = SicknessSpell(last.first_day, max(last.last_day, spell.last_day))
        else:
            merged.append(spell)
    return merged


def _week_start(day: date) -> date:
    return day - timedelta(days=(day.weekday() + 1) % 7)


def _qualifying_in_week(week_start: date, weekdays: frozenset[int]) -> frozenset[date]:
    days = {week_start + timedelta(days=i) for i in range(7)}
    chosen = {d for d in days if d.weekday() in weekdays}
    if not chosen:
        chosen = {d for d in days if d.weekday() == _WEDNESDAY}
    return frozenset(chosen)


def _new_regime(rates: SspRates) -> bool:
    return rates.regime == "from_2026"


def calculate_ssp(request: SspInput) -> SspResult:
    if any(d not in range(7) for d in request.qualifying_weekdays):
        raise ValueError("qualifying days are weekday numbers 0 (Monday) to 6 (Sunday)")
    if request.average_weekly_earnings_pence < 0 or (request.exact_average_weekly_earnings or 0) < 0:
        raise ValueError("average weekly earnings cannot be negative")
    awe = (request.exact_average_weekly_earnings if request.exact_average_weekly_earnings is not None
           else pence_to_decimal(request.average_weekly_earnings_pence))
    notes: list[str] = []
    waiting: list[date] = []
    paid: list[date] = []
    series_start: date | None = None
    last_piw_end: date | None = None
    waiting_served = 0
    weeks_used = Decimal(0)
    day_rates: dict[date, Decimal] = {}

    for spell in _merge(request.spells):
        regime = ssp_rates_for_date(spell.first_day)
        length = (spell.last_day - spell.first_day).days + 1
        if length < regime.minimum_days_of_incapacity:
            notes.append(f"sickness from {spell.first_day:%d %B %Y} lasted {length} day(s); "
                         f"SSP needs at least {regime.minimum_days_of_incapacity} days in a row")
            continue
        linked = (last_piw_end is not None and series_start is not None
                  and (spell.first_day - last_piw_end).days - 1 <= LINK_GAP_DAYS
                  and (spell.first_day - series_start).days < SERIES_YEARS_DAYS)
        if not linked:
            series_start, waiting_served, weeks_used = spell.first_day, 0, Decimal(0)
        last_piw_end = spell.last_day
        if regime.lower_earnings_limit_weekly is not None and awe < regime.lower_earnings_limit_weekly:
            notes.append(f"no SSP for sickness from {spell.first_day:%d %B %Y}: average weekly earnings "
                         f"£{awe:.2f} are below the lower earnings limit £{regime.lower_earnings_limit_weekly:.2f}")
            continue
        for day in each_day(spell.first_day, spell.last_day):
            week = _week_start(day)
            qualifying = _qualifying_in_week(week, request.qualifying_weekdays)
            if day not in qualifying:
                continue
            if waiting_served < regime.waiting_days:
                waiting_served += 1
                waiting.append(day)
                continue
            if weeks_used >= MAX_WEEKS:
                if not notes or "28 weeks" not in notes[-1]:
                    notes.append(f"SSP ran out on {day:%d %B %Y}: 28 weeks paid in this series of sickness")
                continue
            weekly = ssp_rates_for_date(day).weekly_rate
            if _new_regime(regime) and regime.percent_of_earnings_cap is not None:
                weekly = min(weekly, round_half_up_to_penny(awe * regime.percent_of_earnings_cap / 100))
            day_rates[day] = truncate(weekly / len(qualifying), 4)
            weeks_used += Decimal(1) / len(qualifying)
            paid.append(day)

    by_week: dict[date, list[date]] = {}
    for day in paid:
        by_week.setdefault(_week_start(day), []).append(day)
    weeks = []
    for start, days in sorted(by_week.items()):
        amount = round_up_to_penny(sum((day_rates[d] for d in days), Decimal(0)))
        weeks.append(SspWeek(start, len(days), day_rates[days[0]], to_pence(amount)))
    return SspResult(
        entitled_days=tuple(paid),
        waiting_days=tuple(waiting),
        weeks=tuple(weeks),
        total_pence=sum(w.amount_pence for w in weeks),
        notes=tuple(notes),
        day_rates=tuple(sorted(day_rates.items())),
    )


@dataclass(frozen=True, slots=True)
class SspInPeriod:
    """The SSP a pay period pays: the entitled days that fall in it, each week's part rounded up to the penny."""

    days: tuple[date, ...]
    amount_pence: int
    waiting_days: tuple[date, ...]
    notes: tuple[str, ...]


def ssp_for_period(request: SspInput, period_start: date, period_end: date) -> SspInPeriod:
    """SSP worked out over the whole history of sickness (so linked spells and waiting days are right), then the
    part of it for the days in one pay period."""
    result = calculate_ssp(request)
    rates = dict(result.day_rates)
    days = tuple(d for d in result.entitled_days if period_start <= d <= period_end)
    by_week: dict[date, Decimal] = {}
    for day in days:
        by_week[_week_start(day)] = by_week.get(_week_start(day), Decimal(0)) + rates[day]
    amount = sum((to_pence(round_up_to_penny(total)) for total in by_week.values()), 0)
    waiting = tuple(d for d in result.waiting_days if period_start <= d <= period_end)
    return SspInPeriod(days, amount, waiting, result.notes)

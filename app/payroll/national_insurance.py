"""Class 1 National Insurance for one payment, every category letter, with the FPS earnings bands.

Per-period thresholds are derived from the annual figures exactly as HMRC's test data shows
(shared/reference/rates.md): weekly = annual / 52 and monthly = annual / 12, each rounded to the
nearest pound; fortnightly and four-weekly = annual / 52 x 2 (or x 4) rounded up to the pound.
Contributions are rounded band by band by HMRC's NI rule (`app.core.money.round_ni`). Employer NI is due on
earnings above the secondary threshold even below the lower earnings limit; categories with an
employer relief (M, H, V, Z, freeport F/I/L/S, investment zone D/E/K/N) pay 0% up to their upper
secondary threshold.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from app.core.money import pence_to_decimal, round_half_up_to_pound, round_ni, round_up_to_pound, to_pence
from app.payroll.periods import Frequency
from app.payroll.rates import NiRates, rates_for


class NiCategoryError(ValueError):
    """A National Insurance category letter not defined for the tax year."""


@dataclass(frozen=True, slots=True)
class NiInput:
    tax_year: str
    frequency: Frequency
    category: str
    gross_pay_pence: int  # NI-able pay for this period


@dataclass(frozen=True, slots=True)
class NiResult:
    employee_ni_pence: int
    employer_ni_pence: int
    earnings_at_lel_pence: int
    earnings_lel_to_pt_pence: int
    earnings_pt_to_uel_pence: int


def period_threshold(annual: Decimal, frequency: Frequency) -> Decimal:
    """One NI threshold for one pay period, in whole pounds, as HMRC derives it."""
    if frequency is Frequency.MONTHLY:
        return round_half_up_to_pound(annual / 12)
    if frequency is Frequency.WEEKLY:
        return round_half_up_to_pound(annual / 52)
    return round_up_to_pound(annual / 52 * frequency.weeks)


def period_thresholds(rates: NiRates, frequency: Frequency) -> dict[str, Decimal]:
    return {name: period_threshold(annual, frequency) for name, annual in rates.annual_thresholds.items()}


@cache
def _thresholds_for(tax_year: str, frequency: Frequency) -> dict[str, Decimal]:
    # Derived once per year and frequency: a payroll year asks the same question hundreds of times.
    return period_thresholds(rates_for(tax_year).national_insurance, frequency)


def _between(pay: Decimal, lower: Decimal, upper: Decimal | None) -> Decimal:
    top = pay if upper is None else min(pay, upper)
    return max(top - lower, Decimal(0))


def calculate_ni(request: NiInput) -> NiResult:
    rates = rates_for(request.tax_year).national_insurance
    letter = request.category.strip().upper() if isinstance(request.category, str) else ""
    category = rates.categories.get(letter)
    if category is None:
        letters = " ".join(sorted(rates.categories))
        raise NiCategoryError(
            f"\"{request.category}\" is not a National Insurance category for {request.tax_year}; use one of {letters}"
        )
    if request.gross_pay_pence < 0:
        raise ValueError("gross pay cannot be negative for National Insurance")
    t = _thresholds_for(request.tax_year, request.frequency)
    pay = pence_to_decimal(request.gross_pay_pence)
    if category.no_contributions:
        return NiResult(0, 0, 0, 0, 0)

    at_lel = t["LEL"] if pay >= t["LEL"] else Decimal(0)
    lel_to_pt = _between(pay, t["LEL"], t["PT"]) if pay >= t["LEL"] else Decimal(0)
    pt_to_uel = _between(pay, t["PT"], t["UEL"])

    # Each band is rounded on its own before adding (HMRC test data, category B fortnightly at
    # £1,934.05: 26.825 + 0.001 gives £26.82, not the £26.83 that rounding the sum would give).
    employee = round_ni(pt_to_uel * category.employee_main_percent / 100)
    employee += round_ni(_between(pay, t["UEL"], None) * category.employee_above_uel_percent / 100)

    employer_from = t["ST"]
    if category.employer_free_up_to is not None:
        employer_from = max(employer_from, t[category.employer_free_up_to])
    employer = _between(pay, employer_from, None) * rates.employer_percent / 100

    return NiResult(
        employee_ni_pence=to_pence(employee),
        employer_ni_pence=to_pence(round_ni(employer)),
        earnings_at_lel_pence=to_pence(at_lel),
        earnings_lel_to_pt_pence=to_pence(lel_to_pt),
        earnings_pt_to_uel_pence=to_pence(pt_to_uel),
    )

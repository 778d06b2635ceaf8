"""PAYE income tax for one payment: cumulative or week 1 / month 1, every tax code form.

Follows HMRC's "Specification for PAYE tables" as its test data reproduces it:
- free pay (or additional pay for K codes) from the code number by the pay adjustment method:
  q = (c - 1) div 500, r = ((c - 1) mod 500) + 1; per period = roundup((10r + 9) / 52 or / 12, penny)
  plus q x £96.16 weekly or £416.67 monthly; to date = per period x periods to date;
- taxable pay to date rounded down to whole pounds;
- tax to date by the Specification for PAYE Tax Table Routines (section 4.4): band thresholds and the tax
  below each, to date, pro-rated exactly; the band chosen by comparing with the thresholds to date rounded
  up to whole pounds; rounded down to the penny. All 112 rest-of-UK and Welsh rows of HMRC's 2025-26
  test data agree exactly (14 were a penny short by rounding the thresholds to the penny); 5 of the 56
  Scottish rows are a penny high, within HMRC's stated tolerance: the exact Scottish rule is still to find.
  All five are monthly and sit exactly on a penny in exact arithmetic; HMRC's answer is a hair lower wherever a
  band's tax to date does not end within 4 decimal places (the thirds and twelfths: tax months 1, 2, 4 and 8),
  and exact where it does (months 3 and 6). Tried and ruled out, each against all 168 rows: thresholds and
  threshold taxes truncated, rounded or rounded up to 2 to 6 places, singly and together; each band's tax (or
  width) to date rounded separately; binary floating point. Each fits Scotland only by breaking the rest of the
  UK, whose threshold tax at the top band (GBP 42,516) divides by 12 exactly;
- tax in the period = tax to date - tax already paid;
- the overriding limit (PAYE Regulations 2003 reg. 23): the deduction in a period never exceeds 50%
  of that period's pay;
- pay in tax week 53 (54, 56) is taxed on the week 1 basis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from app.core.money import (
    pence_to_decimal,
    round_down_to_penny,
    round_down_to_pound,
    round_up_to_penny,
    round_up_to_pound,
    to_pence,
)
from app.payroll.periods import Frequency, PeriodBasis, check_period
from app.payroll.rates import IncomeTaxRates, TaxRegime, rates_for

_CODE = re.compile(
    r"^(?P<prefix>[SC]?)(?:(?P<number>\d{1,5})(?P<suffix>[LMNT])|K(?P<k>\d{1,5})|(?P<flat>BR|D[0-3]|NT|0T))"
    r"(?P<marker>W1|M1|X)?$"
)
_REGIMES = {"": "rest_of_uk", "S": "scotland", "C": "wales"}


class TaxCodeError(ValueError):
    """A tax code PA Books cannot read."""


@dataclass(frozen=True, slots=True)
class TaxCode:
    """A parsed tax code."""

    text: str
    regime: str  # "rest_of_uk", "scotland" or "wales"
    kind: str  # "allowance" (incl. 0T), "k", "flat" (BR, D0-D3), "no_tax" (NT)
    number: int  # the code number for allowance and K codes; 0 otherwise
    flat_code: str | None  # "BR", "D0"... for flat-rate codes
    week1_month1: bool  # a W1, M1 or X marker on the code


@lru_cache(maxsize=256)
def parse_tax_code(text: str) -> TaxCode:
    if not isinstance(text, str) or not text.strip():
        raise TaxCodeError("the tax code is empty; copy it from the PA's P45, starter checklist or HMRC notice")
    cleaned = re.sub(r"\s+", "", text.upper())
    match = _CODE.match(cleaned)
    if not match:
        raise TaxCodeError(
            f"\"{text}\" is not a tax code PA Books knows; codes look like 1257L, S1257L, C1257L, K475, BR, "
            "D0, SD2, NT or 0T, optionally followed by W1, M1 or X"
        )
    regime = _REGIMES[match["prefix"]]
    marker = bool(match["marker"])
    base = cleaned[: len(cleaned) - len(match["marker"] or "")]
    if match["number"] is not None:
        return TaxCode(base, regime, "allowance", int(match["number"]), None, marker)
    if match["k"] is not None:
        return TaxCode(base, regime, "k", int(match["k"]), None, marker)
    flat = match["flat"]
    if flat == "0T":
        return TaxCode(base, regime, "allowance", 0, None, marker)
    if flat == "NT":
        return TaxCode(base, regime, "no_tax", 0, None, marker)
    if flat in ("D2", "D3") and regime != "scotland":
        raise TaxCodeError(f"\"{text}\": D2 and D3 exist only as Scottish codes (SD2, SD3)")
    return TaxCode(base, regime, "flat", 0, flat, marker)


@dataclass(frozen=True, slots=True)
class IncomeTaxInput:
    tax_year: str
    frequency: Frequency
    period: int
    tax_code: str
    gross_pay_pence: int  # this period's taxable pay
    taxable_pay_to_date_pence: int  # including this period
    tax_paid_to_date_pence: int = 0  # deducted in earlier periods of this employment this tax year
    week1_month1: bool = False


@dataclass(frozen=True, slots=True)
class IncomeTaxResult:
    tax_due_in_period_pence: int  # negative is a refund
    tax_due_to_date_pence: int
    cumulative: bool
    free_pay_to_date_pence: int  # negative for K codes (additional pay)
    taxable_pay_rounded_pounds: int
    limited_by_regulation: bool  # the 50% overriding limit cut the deduction


def pay_adjustment_per_period(code_number: int, weekly_based: bool, rates: IncomeTaxRates) -> Decimal:
    """Free pay (or K-code additional pay) for one tax week or month, by HMRC's pay adjustment method."""
    if code_number == 0:
        return Decimal(0)
    q, remainder = divmod(code_number - 1, 500)
    r = remainder + 1
    divisor = 52 if weekly_based else 12
    per_500 = rates.weekly_per_500 if weekly_based else rates.monthly_per_500
    return round_up_to_penny(Decimal(10 * r + 9) / divisor) + q * per_500


def tax_on_taxable_pay(taxable_pounds: Decimal, regime: TaxRegime, basis: PeriodBasis) -> Decimal:
    """Tax on whole-pound taxable pay to date, as HMRC's "Specification for PAYE Tax Table Routines" (section 4.4,
    definitions 9 to 11) sets it: each band's lower threshold to date c = C x n / N and the tax on everything below
    it k = K x n / N are used exactly (C and K being the year's figures); only the choice of band compares the pay
    with the thresholds rounded up to whole pounds; then tax = k + (pay - c) x the band's rate, rounded down to the
    penny. (Rounding the thresholds to the penny, as before, left 14 of HMRC's 168 rows a penny short; this leaves
    5 Scottish rows a penny high, within HMRC's tolerance.)"""
    share = Decimal(basis.units_to_date) / basis.units_per_year
    below = Decimal(0)  # C: the band's lower threshold for the year
    tax_below = Decimal(0)  # K: the tax for the year on pay up to that threshold
    for band in regime.bands:
        if band.up_to is None or taxable_pounds <= round_up_to_pound(band.up_to * share):
            return round_down_to_penny(tax_below * share + (taxable_pounds - below * share) * band.rate_percent / 100)
        tax_below += (band.up_to - below) * band.rate_percent / 100
        below = band.up_to
    return round_down_to_penny(tax_below * share)  # not reached: the last band has no upper limit


def _basis(request: IncomeTaxInput, cumulative: bool) -> PeriodBasis:
    frequency = request.frequency
    if frequency.is_weekly_based:
        return PeriodBasis(request.period if cumulative else frequency.weeks, 52, True)
    return PeriodBasis(request.period if cumulative else 1, 12, False)


def calculate_income_tax(request: IncomeTaxInput) -> IncomeTaxResult:
    """Tax to deduct from one payment. Raises ValueError (naming the field) on bad input."""
    rates = rates_for(request.tax_year).income_tax
    check_period(request.frequency, request.period)
    code = parse_tax_code(request.tax_code)
    regime = rates.regimes[code.regime]
    cumulative = not (
        request.week1_month1 or code.week1_month1 or request.frequency.is_week_53_case(request.period)
    )
    basis = _basis(request, cumulative)
    pay_pence = request.taxable_pay_to_date_pence if cumulative else request.gross_pay_pence
    pay = pence_to_decimal(pay_pence)
    paid_before = request.tax_paid_to_date_pence if cumulative else 0

    adjustment = Decimal(0)
    if code.kind == "no_tax":
        tax_to_date = Decimal(0)
        taxable = Decimal(0)
    elif code.kind == "flat":
        assert code.flat_code is not None
        rate = regime.basic_rate_percent if code.flat_code == "BR" else regime.d_codes[code.flat_code]
        taxable = max(round_down_to_pound(pay), Decimal(0))
        tax_to_date = round_down_to_penny(taxable * rate / 100)
    else:
        per_period = pay_adjustment_per_period(code.number, basis.weekly_based, rates)
        adjustment = per_period * basis.units_to_date
        if code.kind == "k":
            adjustment = -adjustment
        taxable = max(round_down_to_pound(pay - adjustment), Decimal(0))
        tax_to_date = tax_on_taxable_pay(taxable, regime, basis)

    in_period = tax_to_date - pence_to_decimal(paid_before)
    limit = round_down_to_penny(pence_to_decimal(request.gross_pay_pence) * rates.regulatory_limit_percent / 100)
    limited = in_period > limit
    if limited:
        in_period = max(limit, Decimal(0))
    in_period_pence = to_pence(in_period)
    return IncomeTaxResult(
        tax_due_in_period_pence=in_period_pence,
        tax_due_to_date_pence=paid_before + in_period_pence,
        cumulative=cumulative,
        free_pay_to_date_pence=to_pence(adjustment),
        taxable_pay_rounded_pounds=int(taxable),
        limited_by_regulation=limited,
    )

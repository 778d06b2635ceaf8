"""PAYE income tax for one payment: cumulative or week 1 / month 1, every tax code form.

Follows HMRC's "Specification for PAYE tables" as its test data reproduces it:
- free pay (or additional pay for K codes) from the code number by the pay adjustment method:
  q = (c - 1) div 500, r = ((c - 1) mod 500) + 1; per period = roundup((10r + 9) / 52 or / 12, penny)
  plus q x £96.16 weekly or £416.67 monthly; to date = per period x periods to date;
- taxable pay to date rounded down to whole pounds;
- tax to date by the Specification for PAYE Tax Table Routines (section 4.4): each band's upper threshold to
  date, c = C x n / N, cut (truncated) to 4 decimal places; the tax on each whole band below the pay, worked from
  those cut thresholds ((c_i - c_(i-1)) x the band's rate), cut to 5 decimal places; the band chosen by comparing
  the pay with the cut thresholds rounded up to whole pounds; tax = the whole bands' tax + (pay - c) x the rate,
  rounded down to the penny. This is exact on all 168 rows of HMRC's 2025-26 test data, Scotland included
  (tests/payroll/test_hmrc_test_data.py). How it was found: the rows that exact arithmetic put exactly on a penny
  are HMRC's answer where every rate is a multiple of 10% (the rest of the UK and Wales), and a penny lower
  where a band's rate is not (Scotland's 19%, 21%, 42% and 48%) and the band's share of the year does not end
  within 4 places: the mark of a band's tax cut one place after its threshold. Using the thresholds and band
  taxes exactly, rounding instead of cutting, or cutting both to 4 places each leaves 6 to 14 rows a penny out
  (cutting to 3 and 4 places, or 5 and 6, fits as well; PA Books cuts at 4, the places the specification is
  reported to use for these figures);
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
    truncate,
)
from app.payroll.periods import Frequency, PeriodBasis, check_period
from app.payroll.rates import IncomeTaxRates, TaxRegime, rates_for

_CODE = re.compile(
    r"^(?P<prefix>[SC]?)(?:(?P<number>\d{1,5})(?P<suffix>[LMNT])|K(?P<k>\d{1,5})|(?P<flat>BR|D[0-3]|NT))"
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
    kind: str  # "allowance" (incl. 0T, number 0), "k", "flat" (BR, D0-D3), "no_tax" (NT)
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
    flat = match["flat"]  # (0T is read above as an allowance code with the number 0)
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


THRESHOLD_PLACES = 4  # a band's threshold to date is cut to this many decimal places
BAND_TAX_PLACES = THRESHOLD_PLACES + 1  # and the tax on a whole band to date to one more


def tax_on_taxable_pay(taxable_pounds: Decimal, regime: TaxRegime, basis: PeriodBasis) -> Decimal:
    """Tax on whole-pound taxable pay to date, as HMRC's tax table routines work it out (see the module notes):
    thresholds to date cut to 4 places, each whole band's tax to date cut to 5, the band chosen against the cut
    threshold rounded up to whole pounds, the result rounded down to the penny."""
    share = Decimal(basis.units_to_date) / basis.units_per_year
    below_to_date = Decimal(0)  # the band's lower threshold to date
    tax_below = Decimal(0)  # the tax to date on everything up to it
    for band in regime.bands:
        rate = band.rate_percent / 100
        up_to_date = None if band.up_to is None else truncate(band.up_to * share, THRESHOLD_PLACES)
        if up_to_date is None or taxable_pounds <= round_up_to_pound(up_to_date):
            return round_down_to_penny(tax_below + (taxable_pounds - below_to_date) * rate)
        tax_below += truncate((up_to_date - below_to_date) * rate, BAND_TAX_PLACES)
        below_to_date = up_to_date
    raise AssertionError("the last income tax band has no upper limit")  # rates.py checks this when loading


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

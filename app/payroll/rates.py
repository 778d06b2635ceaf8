"""Rates and thresholds for each supported tax year, read from the JSON files in `rates/`.

One file per tax year, each figure with the source it came from. Adding a year is a new file and
its tests; there is no fallback to another year's figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from app.core.dates import TaxYear


class UnsupportedTaxYear(ValueError):
    """A tax year we hold no rates for."""


@dataclass(frozen=True, slots=True)
class Band:
    rate_percent: Decimal
    up_to: Decimal | None  # annual taxable pay at the top of the band; None for the top band


@dataclass(frozen=True, slots=True)
class TaxRegime:
    name: str
    bands: tuple[Band, ...]
    basic_rate_percent: Decimal
    d_codes: dict[str, Decimal]


@dataclass(frozen=True, slots=True)
class IncomeTaxRates:
    personal_allowance: Decimal
    regimes: dict[str, TaxRegime]
    weekly_per_500: Decimal
    monthly_per_500: Decimal
    regulatory_limit_percent: Decimal


@dataclass(frozen=True, slots=True)
class NiCategoryRates:
    letter: str
    employee_main_percent: Decimal
    employee_above_uel_percent: Decimal
    employer_free_up_to: str | None  # name of the threshold up to which employer NI is 0%
    no_contributions: bool


@dataclass(frozen=True, slots=True)
class NiRates:
    annual_thresholds: dict[str, Decimal]
    employer_percent: Decimal
    categories: dict[str, NiCategoryRates]


@dataclass(frozen=True, slots=True)
class MinimumWageRates:
    applies_from: date
    hourly: dict[str, Decimal]
    accommodation_offset_daily: Decimal


@dataclass(frozen=True, slots=True)
class SspRates:
    regime: str  # "before_2026" or "from_2026"
    weekly_rate: Decimal
    lower_earnings_limit_weekly: Decimal | None
    percent_of_earnings_cap: Decimal | None
    waiting_days: int
    minimum_days_of_incapacity: int


@dataclass(frozen=True, slots=True)
class PensionThresholds:
    trigger: Decimal
    qualifying_lower: Decimal
    qualifying_upper: Decimal


@dataclass(frozen=True, slots=True)
class PensionRates:
    annual: PensionThresholds
    per_period: dict[str, PensionThresholds]
    minimum_total_percent: Decimal
    minimum_employer_percent: Decimal


@dataclass(frozen=True, slots=True)
class LoanPlan:
    annual_threshold: Decimal
    rate_percent: Decimal


@dataclass(frozen=True, slots=True)
class StudentLoanRates:
    plans: dict[str, LoanPlan]
    postgraduate: LoanPlan


@dataclass(frozen=True, slots=True)
class HolidayRates:
    weeks_per_year: Decimal
    max_days: Decimal
    irregular_accrual_percent: Decimal


@dataclass(frozen=True, slots=True)
class RedundancyRates:
    week_pay_cap: Decimal  # pounds
    minimum_years: int
    maximum_years: int
    weeks_by_age: tuple[tuple[int, Decimal], ...]  # (from this age, weeks' pay for a year of service), ascending


@dataclass(frozen=True, slots=True)
class PayingHmrc:
    electronic_due_day: int
    cheque_due_day: int
    quarterly_if_average_monthly_below_pence: int
    no_payment_eps_due_day: int  # an EPS for a tax month with no pay is due by this day of the next tax month
    paper_return_due_day: int  # a paper filer's RT2s reach HMRC by this day of the month after the quarter ends


@dataclass(frozen=True, slots=True)
class TaxYearRates:
    tax_year: TaxYear
    sources: dict[str, str]
    income_tax: IncomeTaxRates
    national_insurance: NiRates
    employment_allowance_pence: int
    minimum_wage: MinimumWageRates
    ssp: SspRates
    pension: PensionRates
    student_loans: StudentLoanRates
    holiday: HolidayRates
    paying_hmrc: PayingHmrc
    redundancy: RedundancyRates
    raw: dict[str, Any]


def _dec(value: Any) -> Decimal:
    return Decimal(str(value))


def _opt_dec(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _thresholds(data: dict[str, Any]) -> PensionThresholds:
    return PensionThresholds(
        trigger=_dec(data["trigger"]),
        qualifying_lower=_dec(data["qualifying_lower"]),
        qualifying_upper=_dec(data["qualifying_upper"]),
    )


def _bands(regime: str, rows: list[dict[str, Any]]) -> tuple[Band, ...]:
    bands = tuple(Band(_dec(b["rate"]), _opt_dec(b["up_to"])) for b in rows)
    limits = [band.up_to for band in bands[:-1] if band.up_to is not None]
    if not bands or bands[-1].up_to is not None or len(limits) != len(bands) - 1 or limits != sorted(limits):
        raise ValueError(f"{regime} income tax bands must rise, and only the last may have no upper limit")
    return bands


def _parse(data: dict[str, Any]) -> TaxYearRates:
    tax = data["income_tax"]
    regimes = {
        name: TaxRegime(
            name=name,
            bands=_bands(name, body["bands"]),
            basic_rate_percent=_dec(body["basic_rate"]),
            d_codes={code: _dec(rate) for code, rate in body["d_codes"].items()},
        )
        for name, body in tax["regimes"].items()
    }
    ni = data["national_insurance"]
    categories = {
        letter: NiCategoryRates(
            letter=letter,
            employee_main_percent=_dec(body["employee_main"]),
            employee_above_uel_percent=_dec(body["employee_above_uel"]),
            employer_free_up_to=body.get("employer_free_up_to"),
            no_contributions=bool(body.get("no_contributions", False)),
        )
        for letter, body in ni["categories"].items()
    }
    nmw = data["minimum_wage"]
    ssp = data["statutory_sick_pay"]
    pension = data["pension"]
    loans = data["student_loans"]
    holiday = data["holiday"]
    hmrc = data["paying_hmrc"]
    redundancy = data["redundancy"]
    return TaxYearRates(
        tax_year=TaxYear.parse(data["tax_year"]),
        sources=dict(data["sources"]),
        income_tax=IncomeTaxRates(
            personal_allowance=_dec(tax["personal_allowance"]),
            regimes=regimes,
            weekly_per_500=_dec(tax["pay_adjustment"]["weekly_per_500"]),
            monthly_per_500=_dec(tax["pay_adjustment"]["monthly_per_500"]),
            regulatory_limit_percent=_dec(tax["regulatory_limit_percent"]["value"]),
        ),
        national_insurance=NiRates(
            annual_thresholds={k: _dec(v) for k, v in ni["annual_thresholds"].items()},
            employer_percent=_dec(ni["employer_rate"]),
            categories=categories,
        ),
        employment_allowance_pence=int(data["employment_allowance"]["annual_pence"]),
        minimum_wage=MinimumWageRates(
            applies_from=date.fromisoformat(nmw["applies_from"]),
            hourly={band: _dec(rate) for band, rate in nmw["hourly"].items()},
            accommodation_offset_daily=_dec(nmw["accommodation_offset_daily"]),
        ),
        ssp=SspRates(
            regime=ssp["regime"],
            weekly_rate=_dec(ssp["weekly_rate"]),
            lower_earnings_limit_weekly=_opt_dec(ssp["lower_earnings_limit_weekly"]),
            percent_of_earnings_cap=_opt_dec(ssp["percent_of_earnings_cap"]),
            waiting_days=int(ssp["waiting_days"]),
            minimum_days_of_incapacity=int(ssp["minimum_days_of_incapacity"]),
        ),
        pension=PensionRates(
            annual=_thresholds(pension["annual"]),
            per_period={freq: _thresholds(body) for freq, body in pension["per_period"].items()},
            minimum_total_percent=_dec(pension["minimum_total_percent"]),
            minimum_employer_percent=_dec(pension["minimum_employer_percent"]),
        ),
        student_loans=StudentLoanRates(
            plans={
                plan: LoanPlan(_dec(body["annual_threshold"]), _dec(body["rate"]))
                for plan, body in loans["plans"].items()
            },
            postgraduate=LoanPlan(
                _dec(loans["postgraduate"]["annual_threshold"]), _dec(loans["postgraduate"]["rate"])
            ),
        ),
        holiday=HolidayRates(
            weeks_per_year=_dec(holiday["weeks_per_year"]),
            max_days=_dec(holiday["max_days"]),
            irregular_accrual_percent=_dec(holiday["irregular_accrual_percent"]),
        ),
        paying_hmrc=PayingHmrc(
            electronic_due_day=int(hmrc["electronic_due_day"]),
            cheque_due_day=int(hmrc["cheque_due_day"]),
            quarterly_if_average_monthly_below_pence=int(hmrc["quarterly_if_average_monthly_below_pence"]),
            no_payment_eps_due_day=int(hmrc["no_payment_eps_due_day"]),
            paper_return_due_day=int(hmrc["paper_return_due_day"]),
        ),
        redundancy=RedundancyRates(
            week_pay_cap=_dec(redundancy["week_pay_cap"]),
            minimum_years=int(redundancy["minimum_years"]),
            maximum_years=int(redundancy["maximum_years"]),
            weeks_by_age=tuple((int(b["from_age"]), _dec(b["weeks"])) for b in redundancy["weeks_per_year_by_age"]),
        ),
        raw=data,
    )


@cache
def supported_tax_years() -> tuple[str, ...]:
    """Every tax year with a rates file, oldest first."""
    folder = resources.files("app.payroll") / "rates"
    return tuple(sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json")))


@cache
def rates_for(tax_year: str) -> TaxYearRates:
    """The rates for a tax year written like "2025-26"; UnsupportedTaxYear if we hold none."""
    if not isinstance(tax_year, str) or tax_year not in supported_tax_years():
        years = ", ".join(supported_tax_years())
        raise UnsupportedTaxYear(f"PA Books has no rates for tax year \"{tax_year}\"; it knows {years}")
    text = (resources.files("app.payroll") / "rates" / f"{tax_year}.json").read_text(encoding="utf-8")
    return _parse(json.loads(text))


def tax_year_or_newest(day: date) -> str:
    """The tax year of a day when PA Books holds its rates, else the newest year it holds: for rules that have not
    changed in years (holiday, the EPS due day), so a reminder or a balance does not fail in a year not yet added."""
    label = TaxYear.containing(day).label
    return label if label in supported_tax_years() else supported_tax_years()[-1]


def minimum_wage_for(day: date) -> MinimumWageRates:
    """The minimum wage rates in force on a day (they change on 1 April, not 6 April)."""
    in_force = [
        rates_for(year).minimum_wage
        for year in supported_tax_years()
        if rates_for(year).minimum_wage.applies_from <= day
    ]
    if not in_force:
        raise UnsupportedTaxYear(f"PA Books has no minimum wage rates for {day:%d %B %Y}")
    return max(in_force, key=lambda r: r.applies_from)


@cache
def _ssp_history() -> dict[str, Any]:
    text = (resources.files("app.payroll") / "history" / "ssp.json").read_text(encoding="utf-8")
    years: dict[str, Any] = json.loads(text)["years"]
    return years


def ssp_rates_for_date(day: date) -> SspRates:
    """The SSP rules in force on a day: the tax year's rates file where PA Books holds one, else the SSP history
    (app/payroll/history/ssp.json, from 2011-12: the flat rate and lower earnings limit under the rules before
    6 April 2026), so that a linked or disputed old spell can be worked out."""
    label = TaxYear.containing(day).label
    if label in supported_tax_years():
        return rates_for(label).ssp
    year = _ssp_history().get(label)
    if year is None:
        known = f"{min(_ssp_history())} to {supported_tax_years()[-1]}"
        raise UnsupportedTaxYear(f"PA Books has no Statutory Sick Pay rates for {day.day} {day:%B %Y} "
                                 f"(tax year {label}); it knows {known}")
    return SspRates(regime="before_2026", weekly_rate=_dec(year["weekly_rate"]),
                    lower_earnings_limit_weekly=_dec(year["lower_earnings_limit_weekly"]),
                    percent_of_earnings_cap=None, waiting_days=3, minimum_days_of_incapacity=4)

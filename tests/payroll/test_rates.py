"""The rates files agree with tests/data/rates.md (the team's reference, copied), and years are never mixed up."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from app.payroll.national_insurance import period_threshold
from app.payroll.periods import Frequency
from app.payroll.rates import UnsupportedTaxYear, minimum_wage_for, rates_for, supported_tax_years
from app.payroll.student_loans import period_threshold as loan_threshold

YEARS = ("2024-25", "2025-26", "2026-27")


def table_row(rates_md: str, starts_with: str) -> list[str]:
    for line in rates_md.splitlines():
        if line.startswith(f"| {starts_with}"):
            return [cell.strip() for cell in line.strip("|").split("|")]
    raise AssertionError(f"no row starting {starts_with!r} in rates.md")


def pounds(cell: str) -> list[Decimal]:
    return [Decimal(x.replace(",", "")) for x in re.findall(r"£([\d,]+(?:\.\d+)?)", cell)]


@pytest.fixture
def rates_md(reference: Path) -> str:
    return (reference / "rates.md").read_text(encoding="utf-8")


def test_supported_years_are_the_files() -> None:
    assert supported_tax_years() == YEARS


@pytest.mark.parametrize("year", ["2023-24", "2027-28", "2025", "", "2025-27"])
def test_an_unsupported_year_is_an_error_not_a_fallback(year: str) -> None:
    with pytest.raises(UnsupportedTaxYear, match="no rates"):
        rates_for(year)


def test_every_section_names_a_source() -> None:
    for year in YEARS:
        raw = rates_for(year).raw
        sources = raw["sources"]
        for section, body in raw.items():
            if isinstance(body, dict) and section != "sources":
                assert body.get("source") in sources, f"{year} {section} has no known source"


@pytest.mark.parametrize("column, year", list(enumerate(YEARS, start=1)))
def test_ni_thresholds_match_rates_md(rates_md: str, column: int, year: str) -> None:
    ni = rates_for(year).national_insurance
    for label, key in (("Lower Earnings Limit", "LEL"), ("Primary Threshold", "PT"), ("Secondary Threshold", "ST"),
                       ("Upper Earnings Limit", "UEL")):
        cell = table_row(rates_md, label)[column]
        if cell == "same":
            cell = table_row(rates_md, label)[column - 1] if column > 1 else cell
            if cell == "same":
                cell = table_row(rates_md, label)[1]
        weekly, monthly = pounds(cell)
        assert period_threshold(ni.annual_thresholds[key], Frequency.WEEKLY) == weekly, (year, label)
        assert period_threshold(ni.annual_thresholds[key], Frequency.MONTHLY) == monthly, (year, label)
    employer = table_row(rates_md, "employer |")[column]
    assert ni.employer_percent == Decimal(employer.rstrip("%"))


def test_fortnightly_secondary_threshold_is_rounded_up() -> None:
    """rates.md: "the fortnightly ST in 2025-26 is £193, not 2 x £96"."""
    ni = rates_for("2025-26").national_insurance
    assert period_threshold(ni.annual_thresholds["ST"], Frequency.FORTNIGHTLY) == 193


@pytest.mark.parametrize("column, year", list(enumerate(YEARS, start=1)))
def test_scottish_bands_match_rates_md(rates_md: str, column: int, year: str) -> None:
    bands = rates_for(year).income_tax.regimes["scotland"].bands
    starter_cell = table_row(rates_md, "Scotland (S prefix) starter")[column]  # "£0–2,306": the second has no £
    starter = [Decimal(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", starter_cell)]
    basic = pounds(table_row(rates_md, "Scotland basic")[column])
    assert bands[0].up_to == starter[-1]
    assert bands[1].up_to == basic[-1]
    assert [b.rate_percent for b in bands] == [19, 20, 21, 42, 45, 48]


@pytest.mark.parametrize("column, year", list(enumerate(YEARS, start=1)))
def test_minimum_wage_matches_rates_md(rates_md: str, column: int, year: str) -> None:
    nmw = rates_for(year).minimum_wage
    for label, band in (("21 and over", "21_and_over"), ("18–20", "18_to_20"), ("under 18", "under_18"),
                        ("apprentice", "apprentice")):
        assert nmw.hourly[band] == pounds(table_row(rates_md, label)[column])[0], (year, label)
    assert nmw.accommodation_offset_daily == pounds(table_row(rates_md, "accommodation offset")[column])[0]


@pytest.mark.parametrize("column, year", list(enumerate(YEARS, start=1)))
def test_student_loan_thresholds_match_rates_md(rates_md: str, column: int, year: str) -> None:
    loans = rates_for(year).student_loans
    for plan in ("1", "2", "4", "5"):
        cell = table_row(rates_md, f"Plan {plan}")[column]
        if cell == "none":
            assert plan not in loans.plans
            continue
        annual, monthly, weekly = pounds(cell)
        assert loans.plans[plan].annual_threshold == annual
        assert loan_threshold(loans.plans[plan], Frequency.MONTHLY) == monthly, (year, plan)
        assert loan_threshold(loans.plans[plan], Frequency.WEEKLY) == weekly, (year, plan)


@pytest.mark.parametrize("year, pounds_", [("2024-25", 5000), ("2025-26", 10500), ("2026-27", 10500)])
def test_employment_allowance(year: str, pounds_: int) -> None:
    assert rates_for(year).employment_allowance_pence == pounds_ * 100


@pytest.mark.parametrize("year, weekly, waiting", [("2024-25", "116.75", 3), ("2025-26", "118.75", 3),
                                                   ("2026-27", "123.25", 0)])
def test_ssp_rates(year: str, weekly: str, waiting: int) -> None:
    ssp = rates_for(year).ssp
    assert ssp.weekly_rate == Decimal(weekly) and ssp.waiting_days == waiting


def test_minimum_wage_changes_on_1_april_not_6_april() -> None:
    from datetime import date

    assert minimum_wage_for(date(2026, 3, 31)).hourly["21_and_over"] == Decimal("12.21")
    assert minimum_wage_for(date(2026, 4, 1)).hourly["21_and_over"] == Decimal("12.71")


@pytest.mark.parametrize("bands", [
    [{"rate": "20", "up_to": "37700"}, {"rate": "40", "up_to": "125140"}],  # no open top band
    [{"rate": "20", "up_to": None}, {"rate": "40", "up_to": "125140"}, {"rate": "45", "up_to": None}],
    [{"rate": "20", "up_to": "125140"}, {"rate": "40", "up_to": "37700"}, {"rate": "45", "up_to": None}],
    [],
])
def test_income_tax_bands_in_a_rates_file_must_rise_to_an_open_top_band(bands: list[dict[str, object]]) -> None:
    from app.payroll.rates import _bands

    with pytest.raises(ValueError, match="must rise"):
        _bands("rest_of_uk", bands)


def test_a_day_in_a_year_not_yet_held_uses_the_newest_year_held() -> None:
    from datetime import date

    from app.payroll.rates import tax_year_or_newest

    assert tax_year_or_newest(date(2031, 7, 1)) == YEARS[-1]
    assert tax_year_or_newest(date(2025, 7, 1)) == "2025-26"

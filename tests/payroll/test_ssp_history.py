"""Statutory Sick Pay with rates as data for any year back to 2011-12 (issue: payroll exactness), and average
weekly earnings given unrounded or as the pay in the relevant period. Each example names its source."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest

from app.payroll.calc import run
from app.payroll.rates import UnsupportedTaxYear, ssp_rates_for_date
from app.payroll.ssp import SicknessSpell, SspInput, average_weekly_earnings_over, calculate_ssp

MON_TO_FRI = frozenset({0, 1, 2, 3, 4})


def test_a_spell_in_2012_is_paid_at_that_years_rate() -> None:
    """HMRC's SSP daily rate table for 2012-13 (£85.85 a week): with 5 qualifying days, 2 days are £34.34 and
    5 days £85.85. Sick from Monday 14 to Friday 25 May 2012, working Monday to Friday, earning £200 a week:
    3 waiting days, then Thursday and Friday (£34.34) and the next week (£85.85)."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2012, 5, 14), date(2012, 5, 25)),), MON_TO_FRI, 20000))
    assert result.waiting_days == (date(2012, 5, 14), date(2012, 5, 15), date(2012, 5, 16))
    assert [(w.week_start, w.days_paid, w.amount_pence) for w in result.weeks] == [
        (date(2012, 5, 13), 2, 3434), (date(2012, 5, 20), 5, 8585)]
    assert result.total_pence == 12019


@pytest.mark.parametrize(("awe_pence", "paid"), [(10699, False), (10700, True)])
def test_the_lower_earnings_limit_of_the_year(awe_pence: int, paid: bool) -> None:
    """2012-13's lower earnings limit was £107 a week (HMRC, 'Rates and thresholds for employers 2012-13')."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2012, 5, 14), date(2012, 5, 25)),), MON_TO_FRI, awe_pence))
    assert (result.total_pence > 0) is paid
    if not paid:
        assert "below the lower earnings limit £107.00" in result.notes[0]


def test_a_linked_spell_across_6_april_pays_each_day_at_its_years_rate() -> None:
    """Sick 25 to 29 March 2013 (2012-13: £85.85) and again 8 to 12 April 2013 (2013-14: £86.70), linked (8 days
    apart): the second spell has no waiting days and is paid at the new rate."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2013, 3, 25), date(2013, 3, 29)),
                                     SicknessSpell(date(2013, 4, 8), date(2013, 4, 12))), MON_TO_FRI, 30000))
    assert len(result.waiting_days) == 3
    weeks = {w.week_start: w for w in result.weeks}
    assert weeks[date(2013, 3, 24)].amount_pence == 3434  # Thursday and Friday at £17.17
    assert weeks[date(2013, 4, 7)].amount_pence == 8670  # five days at £17.34


def test_every_year_from_2011_12_has_a_rate_and_none_before() -> None:
    rates = {year: ssp_rates_for_date(date(year, 6, 1)).weekly_rate for year in range(2011, 2027)}
    assert rates[2011] == Decimal("81.60") and rates[2016] == Decimal("88.45") and rates[2023] == Decimal("109.40")
    assert rates[2024] == Decimal("116.75") and rates[2026] == Decimal("123.25")  # the years' own rates files
    assert all(later >= earlier for earlier, later in zip(rates.values(), list(rates.values())[1:], strict=False))
    with pytest.raises(UnsupportedTaxYear, match="2010-11"):
        ssp_rates_for_date(date(2010, 6, 1))


def test_average_weekly_earnings_from_the_relevant_period() -> None:
    """SSP (General) Regulations 1982 reg. 19: the pay in the relevant period over its length in weeks; 8 weeks
    (56 days) of £1,000.04 is £125.005 a week, kept unrounded."""
    assert average_weekly_earnings_over(100004, 56) == Decimal("125.005")
    with pytest.raises(ValueError, match="at least one day"):
        average_weekly_earnings_over(100004, 0)


def test_the_80_percent_rule_uses_unrounded_earnings() -> None:
    """From 6 April 2026 SSP is the flat rate or 80% of average weekly earnings if less (Employment Rights Act
    2025). On £125.005 a week, 80% is £100.004, so £100.00 a week; rounding the earnings to £125.01 first would
    give £100.01."""
    spell = (SicknessSpell(date(2026, 5, 4), date(2026, 5, 8)),)  # Monday to Friday, paid from the first day
    exact = calculate_ssp(SspInput(spell, MON_TO_FRI, 0, exact_average_weekly_earnings=Decimal("125.005")))
    rounded = calculate_ssp(SspInput(spell, MON_TO_FRI, 12501))
    assert exact.total_pence == 10000 and rounded.total_pence == 10001
    results, ok = run(json.dumps(line) for line in (
        {"kind": "statutory_sick_pay", "sickness": [{"first_day": "2026-05-04", "last_day": "2026-05-08"}],
         "relevant_period_pay": "1000.04", "relevant_period_days": 56},
        {"kind": "statutory_sick_pay", "sickness": [{"first_day": "2026-05-04", "last_day": "2026-05-08"}],
         "average_weekly_earnings": "125.005"},
        {"kind": "statutory_sick_pay", "sickness": [{"first_day": "2012-05-14", "last_day": "2012-05-25"}],
         "average_weekly_earnings": "200"},
        {"kind": "statutory_sick_pay", "sickness": [{"first_day": "2026-05-04", "last_day": "2026-05-08"}]},
        {"kind": "statutory_sick_pay", "sickness": [{"first_day": "2010-05-04", "last_day": "2010-05-08"}],
         "average_weekly_earnings": "200"},
    ))
    assert not ok
    assert results[0]["total"] == "100.00" and results[1]["total"] == "100.00" and results[2]["total"] == "120.19"
    assert results[3]["field"] == "average_weekly_earnings"
    assert results[4]["field"] == "sickness" and "2010-11" in results[4]["error"]

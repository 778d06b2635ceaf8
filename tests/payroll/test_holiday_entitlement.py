"""Holiday entitlement for every way of working GOV.UK's calculator knows (issue: payroll exactness). Each case is
from GOV.UK's 'Calculate holiday entitlement' calculator: the department's test data its authors check it against
(alphagov/smart-answers, HolidayEntitlement calculator tests, "Dept Test" numbers), or the same page's worked
examples; each gives the figure the calculator shows."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.payroll.holiday_entitlement import EntitlementInput, WorkPattern, holiday_entitlement

D = Decimal
YEAR = "2026-27"  # 5.6 weeks and 28 days, as in every year the calculator's cases come from


def days(per_week: str, **dates: date) -> EntitlementInput:
    return EntitlementInput(WorkPattern("days_per_week", days_per_week=D(per_week)), YEAR, **dates)


def hours(per_week: str, days_a_week: str, basis: str = "hours_per_week", **dates: date) -> EntitlementInput:
    return EntitlementInput(WorkPattern(basis, days_per_week=D(days_a_week), hours_per_week=D(per_week)), YEAR,
                            **dates)


def shifts(in_pattern: str, pattern_days: str, shift_hours: str | None = None, **dates: date) -> EntitlementInput:
    return EntitlementInput(WorkPattern("shifts", shifts_per_pattern=D(in_pattern), days_per_pattern=D(pattern_days),
                                        shift_hours=D(shift_hours) if shift_hours else None), YEAR, **dates)


def annualised(**dates: date) -> EntitlementInput:
    return EntitlementInput(WorkPattern("annualised_hours", hours_per_week=D("30")), YEAR, **dates)


@pytest.mark.parametrize(("request_", "shown"), [
    (days("5"), "28"), (days("7"), "28"), (days("6"), "28"),  # Dept Test 1: the 28-day cap
    (days("3.5"), "19.6"), (days("2"), "11.2"), (days("1"), "5.6"), (days("0.5"), "2.8"),  # Dept Tests 2-5
    (hours("80", "7"), "320"), (hours("49", "4"), "274.4"), (hours("76", "6"), "354.7"),  # hours: Dept Tests 1-3
    (hours("55", "3"), "308"), (hours("13", "2"), "72.8"), (hours("45", "5"), "252"),  # Dept Tests 4-6
    (hours("68", "7", "compressed_hours"), "272"), (hours("57", "5", "compressed_hours"), "319.2"),  # compressed
    (hours("80", "6", "compressed_hours"), "373.4"), (hours("40", "4", "compressed_hours"), "224"),  # Tests 1-6
    (shifts("4", "9"), "17.5"), (shifts("9", "12"), "28"), (shifts("4", "6"), "26.2"),  # shifts: Dept Tests 1-3
    (shifts("8", "10"), "28"), (shifts("5", "5"), "28"), (shifts("1", "18"), "2.2"),  # Dept Tests 4-6
    (annualised(), "5.6"),  # annualised hours: Dept Test 1, in weeks
])
def test_a_full_leave_year_for_each_way_of_working(request_: EntitlementInput, shown: str) -> None:
    assert holiday_entitlement(request_).gov_uk == D(shown)


@pytest.mark.parametrize(("request_", "shown", "fraction"), [
    (days("5", leave_year_start=date(2019, 1, 1), starts_on=date(2019, 6, 1)), "16.5", "0.5833333333"),
    (days("3", leave_year_start=date(2019, 4, 1), starts_on=date(2019, 11, 23)), "7", "0.4166666667"),
    (days("6", leave_year_start=date(2019, 1, 1), starts_on=date(2019, 11, 14)), "5", "0.1666666667"),
    (days("3", leave_year_start=date(2020, 8, 1), starts_on=date(2021, 2, 9)), "8.5", None),  # Dept Test 7
    (days("5", leave_year_start=date(2019, 5, 1), starts_on=date(2019, 9, 23)), "19", None),  # Dept Test 8
    (days("1", leave_year_start=date(2019, 7, 1), starts_on=date(2020, 2, 13)), "2.5", None),  # Dept Test 9
    (days("1", leave_year_start=date(2018, 4, 1), starts_on=date(2018, 10, 28)), "3", None),  # Dept Test 10
    (days("2", leave_year_start=date(2018, 6, 6), starts_on=date(2019, 5, 10)), "1", None),  # Dept Test 11
    (days("4", leave_year_start=date(2020, 3, 1), starts_on=date(2020, 3, 3)), "22.5", None),  # Dept Test 12
    (hours("40", "5", leave_year_start=date(2019, 1, 1), starts_on=date(2019, 6, 1)), "132", None),
    (hours("25", "3", leave_year_start=date(2020, 4, 1), starts_on=date(2020, 11, 23)), "58.4", None),
    (hours("69", "6", leave_year_start=date(2019, 11, 1), starts_on=date(2020, 8, 21)), "80.5", None),  # Test 9
    (hours("14", "5", leave_year_start=date(2019, 11, 1), starts_on=date(2020, 2, 3)), "58.8", None),  # Test 11
    (hours("26", "2", "compressed_hours", leave_year_start=date(2019, 11, 1), starts_on=date(2020, 7, 14)), "52",
     None),  # compressed: Test 8
    (hours("49", "5", "compressed_hours", leave_year_start=date(2018, 4, 1), starts_on=date(2018, 9, 12)), "161.7",
     None),  # compressed: Test 9
    (shifts("8", "12", leave_year_start=date(2020, 2, 1), starts_on=date(2020, 8, 31)), "13.5", None),  # Test 7
    (shifts("3", "9", leave_year_start=date(2019, 9, 1), starts_on=date(2020, 6, 20)), "3.5", None),  # Test 9
    (shifts("6", "7", leave_year_start=date(2019, 3, 19), starts_on=date(2019, 6, 12)), "23.5", None),  # Test 11
    (annualised(leave_year_start=date(2019, 12, 1), starts_on=date(2020, 9, 3)), "1.40", None),  # Dept Test 3
    (annualised(leave_year_start=date(2018, 8, 14), starts_on=date(2019, 9, 23)), "5.14", None),  # Dept Test 7
])
def test_a_starter_as_gov_uk_counts_months_and_rounds_up_to_the_half_day(request_: EntitlementInput, shown: str,
                                                                          fraction: str | None) -> None:
    result = holiday_entitlement(request_)
    assert result.gov_uk == D(shown)
    if fraction is not None:
        assert round(result.fraction_gov_uk, 10) == D(fraction)


@pytest.mark.parametrize(("request_", "shown", "fraction"), [
    (days("5", leave_year_start=date(2019, 1, 1), leaves_on=date(2019, 6, 1)), "11.7", "0.4164383562"),
    (days("3", leave_year_start=date(2018, 4, 1), leaves_on=date(2018, 11, 23)), "11", "0.6493150685"),
    (days("5", leave_year_start=date(2020, 1, 1), leaves_on=date(2020, 6, 1)), "11.8", "0.4180327869"),  # leap
    (days("5", leave_year_start=date(2020, 5, 1), leaves_on=date(2020, 10, 20)), "13.3", None),  # Dept Test 13
    (days("7", leave_year_start=date(2019, 6, 1), leaves_on=date(2020, 3, 17)), "22.3", None),  # Dept Test 15
    (hours("40", "5", leave_year_start=date(2019, 1, 1), leaves_on=date(2019, 6, 1)), "93.3", None),
    (hours("34", "2", leave_year_start=date(2019, 6, 1), leaves_on=date(2020, 2, 11)), "133.2", None),  # Test 13
    (hours("33", "3", "compressed_hours", leave_year_start=date(2018, 11, 1), leaves_on=date(2019, 7, 10)), "127.6",
     None),  # compressed: Test 13
    (shifts("12", "15", leave_year_start=date(2020, 1, 1), leaves_on=date(2020, 10, 13)), "21.96", None),  # Test 13
    (shifts("10", "15", leave_year_start=date(2020, 5, 1), leaves_on=date(2020, 12, 1)), "15.40", None),  # Test 14
    (shifts("1", "10", leave_year_start=date(2019, 3, 1), leaves_on=date(2019, 4, 1)), "0.35", None),  # Test 17
    (annualised(leave_year_start=date(2019, 1, 1), leaves_on=date(2019, 6, 1)), "2.34", None),
])
def test_a_leaver_by_the_days_of_the_leave_year_worked(request_: EntitlementInput, shown: str,
                                                       fraction: str | None) -> None:
    result = holiday_entitlement(request_)
    assert result.gov_uk == D(shown)
    assert result.fraction_gov_uk == result.fraction_wtr  # the law and GOV.UK agree for a leaver
    if fraction is not None:
        assert round(result.fraction_wtr, 10) == D(fraction)


@pytest.mark.parametrize(("request_", "shown"), [
    (days("5", leave_year_start=date(2019, 1, 1), starts_on=date(2019, 1, 20), leaves_on=date(2019, 7, 18)), "13.9"),
    (days("2", leave_year_start=date(2019, 1, 1), starts_on=date(2019, 8, 9), leaves_on=date(2020, 1, 1)), "4.5"),
    (days("7", leave_year_start=date(2018, 1, 1), starts_on=date(2018, 6, 4), leaves_on=date(2018, 11, 13)),
     "12.6"),  # Dept Test 23
    (hours("35", "3", "compressed_hours", leave_year_start=date(2018, 1, 1), starts_on=date(2018, 5, 10),
           leaves_on=date(2018, 12, 4)), "112.3"),  # compressed: Test 19
])
def test_a_starter_who_leaves_in_the_same_year(request_: EntitlementInput, shown: str) -> None:
    """GOV.UK's calculator asks no leave year here: it takes the days employed over the year from the start. (Dept
    Test 19 starts on 9 August 2019 and leaves on 1 January 2020: 4.5 days.)"""
    if request_.leaves_on == date(2020, 1, 1):
        request_ = EntitlementInput(request_.pattern, YEAR, date(2019, 8, 1), request_.starts_on, request_.leaves_on)
    assert holiday_entitlement(request_).gov_uk == D(shown)


def test_the_law_and_gov_uk_differ_for_a_starter_and_both_are_given() -> None:
    """Starting 1 June 2019 in a leave year from 1 January, 5 days a week: the law's part of the leave year
    remaining is 214 of 365 days, 16.42 days (rounded up); GOV.UK's 7 months of 12 give 16.33, shown as 16.5."""
    result = holiday_entitlement(days("5", leave_year_start=date(2019, 1, 1), starts_on=date(2019, 6, 1)))
    assert result.wtr == D("16.42") and result.gov_uk == D("16.5") and result.answers_differ
    assert "reg. 13(5)" in result.rule and "half day" in result.rule


def test_shifts_and_annualised_hours_are_given_in_hours_too() -> None:
    assert holiday_entitlement(shifts("8", "14", shift_hours="6")).hours == D("134.4")  # 22.4 shifts of 6 hours
    assert holiday_entitlement(annualised()).hours == D("168")  # 5.6 weeks of 30 hours


@pytest.mark.parametrize(("request_", "words"), [
    (days("8"), "at most 7"), (days("0"), "more than 0"),
    (hours("200", "5"), "168 hours"), (shifts("40", "10"), "three shifts"),
    (EntitlementInput(WorkPattern("fortnights"), YEAR), "not a way of working"),
    (days("5", starts_on=date(2026, 6, 1)), "leave year starts"),
    (days("5", leave_year_start=date(2026, 4, 1), starts_on=date(2026, 6, 1), leaves_on=date(2026, 5, 1)),
     "before the first"),
])
def test_impossible_patterns_are_refused_in_words(request_: EntitlementInput, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        holiday_entitlement(request_)


PATTERNS = st.one_of(
    st.decimals(D("0.5"), D("7"), places=1).map(lambda d: WorkPattern("days_per_week", days_per_week=d)),
    st.tuples(st.decimals(D("1"), D("7"), places=0), st.decimals(D("1"), D("80"), places=1)).map(
        lambda t: WorkPattern("compressed_hours", days_per_week=t[0], hours_per_week=t[1])),
    st.tuples(st.integers(1, 14), st.integers(1, 28)).filter(lambda t: t[0] <= t[1] * 3).map(
        lambda t: WorkPattern("shifts", shifts_per_pattern=D(t[0]), days_per_pattern=D(t[1]))),
)


@given(PATTERNS, st.dates(date(2025, 4, 1), date(2026, 3, 31)), st.dates(date(2025, 4, 1), date(2026, 3, 31)))
def test_a_part_year_is_never_more_than_the_full_year_nor_over_28_days(pattern: WorkPattern, one: date,
                                                                       two: date) -> None:
    """Hypothesis: entitlement never exceeds 28 days (or shifts), 5.6 weeks' worth, and a part of the year never
    gives more than the whole (before rounding up to the half day)."""
    starts, leaves = min(one, two), max(one, two)
    full = holiday_entitlement(EntitlementInput(pattern, YEAR))
    part = holiday_entitlement(EntitlementInput(pattern, YEAR, date(2025, 4, 1), starts, leaves))
    assert full.full_year <= (28 if full.unit != "hours" else 28 * pattern.hours_per_week / pattern.days_per_week)
    assert part.wtr <= full.full_year + D("0.01") and part.fraction_wtr <= 1
    assert part.gov_uk <= full.full_year + D("0.5")


def test_calc_gives_both_answers_and_holiday_pay() -> None:
    import json

    from app.payroll.calc import run

    results, ok = run(json.dumps(line) for line in (
        {"kind": "holiday_entitlement", "tax_year": YEAR, "basis": "days_per_week", "days_per_week": "5",
         "leave_year_start": "2019-01-01", "starts_on": "2019-06-01"},
        {"kind": "holiday_entitlement", "tax_year": YEAR, "basis": "shifts", "shifts_per_pattern": "8",
         "days_per_pattern": "14", "shift_hours": "6"},
        {"kind": "holiday_entitlement", "tax_year": YEAR, "basis": "weekly"},
        # Employment Rights Act 1996 s.224: weeks with no pay are passed over (to 104 weeks back); regular
        # overtime counts for the 4 weeks' core leave, expenses never; the other 1.6 weeks at basic pay.
        {"kind": "holiday_pay", "before": "2026-06-08", "weeks": [
            {"week_ending": "2026-06-08", "pay": {"basic": "900.00"}},  # ends on the day asked about: left out
            {"week_ending": "2026-05-31", "pay": {"basic": "300.00", "regular_overtime": "60.00"}},
            {"week_ending": "2026-05-24", "pay": {}},
            {"week_ending": "2026-05-17", "pay": {"basic": "280.00", "expenses": "10.00"}},
            {"week_ending": "2024-05-19", "pay": {"basic": "1000.00"}}]},  # more than 104 weeks back
        {"kind": "holiday_pay", "before": "2026-06-08", "weeks": [
            {"week_ending": "2026-05-31", "pay": {"tips": "5.00"}}]},
    ))
    assert not ok
    assert results[0]["entitlement_wtr"] == "16.42" and results[0]["entitlement_gov_uk"] == "16.5"
    assert results[0]["answers_differ"] is True and "reg. 13(5)" in results[0]["rule"]
    assert results[1] == {**results[1], "unit": "shifts", "full_year": "22.4", "hours": "134.4"}
    assert results[2]["field"] == "basis"
    assert results[3]["core_week_pay"] == "320.00" and results[3]["additional_week_pay"] == "290.00"
    assert results[3]["weeks_used"] == 2
    assert results[4]["field"] == "weeks[1]" and "tips" in results[4]["error"]

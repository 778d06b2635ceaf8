"""Tests at the boundaries (issue: payroll exactness). The pure packages were mutation-tested from outside and 13
small faults went unnoticed, each at a boundary no test reached. Each test here is at the boundary, just below and
just above it, and names the rule's source; each would fail with the fault it is named after."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest

from app.core.dates import LONDON
from app.core.money import MoneyError, parse_pence
from app.payroll.calc import run
from app.payroll.holiday import PaidWeek, average_week_pay
from app.payroll.minimum_wage import MinimumWageInput, band_for, check_minimum_wage, school_leaving_date
from app.payroll.national_insurance import NiInput, calculate_ni
from app.payroll.pension import PensionInput, calculate_pension
from app.payroll.periods import Frequency
from app.payroll.ssp import SicknessSpell, SspInput, calculate_ssp
from app.payroll.student_loans import StudentLoanInput, calculate_student_loans
from app.timesheets.checks import REFERENCE_WEEKS, TimedShift, working_time_warnings
from app.timesheets.pay import Rate
from app.timesheets.shift_rules import NewShift, PaFacts, shift_problems
from app.timesheets.split import Boundaries

MON_TO_FRI = frozenset({0, 1, 2, 3, 4})


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


# -- employee NI above the Upper Earnings Limit ---------------------------------------------------
# HMRC, 'Rates and thresholds for employers 2026 to 2027', category A: 8% between the primary threshold and the
# UEL, 2% above it. Monthly thresholds as HMRC derives them: PT £1,048, UEL £4,189.

@pytest.mark.parametrize(("gross", "employee_ni"), [
    ("4188.00", "251.20"),  # just below the UEL: 3,140 x 8%
    ("4189.00", "251.28"),  # at it: 3,141 x 8%
    ("4239.00", "252.28"),  # £50 above: + 50 x 2% (at the main rate it would be 255.28)
    ("6000.00", "287.50"),  # + 1,811 x 2% = 36.22
])
def test_employee_ni_above_the_upper_earnings_limit_is_at_2_percent(gross: str, employee_ni: str) -> None:
    result = calculate_ni(NiInput("2026-27", Frequency.MONTHLY, "A", parse_pence(gross)))
    assert result.employee_ni_pence == parse_pence(employee_ni)


# -- pension qualifying earnings capped at the upper limit -----------------------------------------
# The Pensions Regulator, 2026-27 monthly qualifying earnings band £520 to £4,189; 5% employee, 3% employer.

@pytest.mark.parametrize(("gross", "qualifying", "employee", "employer"), [
    ("4188.00", "3668.00", "183.40", "110.04"),
    ("4189.00", "3669.00", "183.45", "110.07"),  # at the upper limit
    ("4190.00", "3669.00", "183.45", "110.07"),  # above it: capped
    ("9000.00", "3669.00", "183.45", "110.07"),
])
def test_pension_qualifying_earnings_stop_at_the_upper_limit(gross: str, qualifying: str, employee: str,
                                                             employer: str) -> None:
    result = calculate_pension(PensionInput("2026-27", Frequency.MONTHLY, parse_pence(gross), age=30))
    assert result.pensionable_earnings_pence == parse_pence(qualifying)
    assert result.employee_gross_contribution_pence == parse_pence(employee)
    assert result.employer_contribution_pence == parse_pence(employer)


# -- student loan thresholds for fortnightly and four-weekly pay -----------------------------------
# HMRC Collection of Student Loans Manual: the weekly threshold (annual / 52, cut to the penny) times 2 or 4;
# plan 2 in 2026-27: £29,385 a year, £565.09 a week, so £1,130.18 a fortnight and £2,260.36 four-weekly
# (worked from the annual figure they would be £1,130.19 and £2,260.38). 9% over the threshold, in whole pounds.

@pytest.mark.parametrize(("frequency", "gross", "loan"), [
    (Frequency.FORTNIGHTLY, "1141.29", "0.00"),  # 11.11 over: 0.9999
    (Frequency.FORTNIGHTLY, "1141.30", "1.00"),  # 11.12 over: 1.0008 (from the annual figure: 0.9999, so £0)
    (Frequency.FOUR_WEEKLY, "2271.47", "0.00"),
    (Frequency.FOUR_WEEKLY, "2271.48", "1.00"),  # 11.12 over the weekly-based threshold; 11.10 over the other
])
def test_fortnightly_and_four_weekly_loan_thresholds_come_from_the_weekly_one(frequency: Frequency, gross: str,
                                                                              loan: str) -> None:
    result = calculate_student_loans(StudentLoanInput("2026-27", frequency, parse_pence(gross), plans=("2",)))
    assert result.student_loan_pence == parse_pence(loan)


# -- periods of incapacity for work linking --------------------------------------------------------
# Social Security Contributions and Benefits Act 1992 Sch. 11 and s.152(3): two periods of incapacity separated
# by not more than 8 weeks (56 days) are one, so the second serves no new waiting days (the rules before
# 6 April 2026: 3 waiting days). The first period: Monday 6 to Sunday 12 January 2025.

FIRST_SPELL = SicknessSpell(date(2025, 1, 6), date(2025, 1, 12))


@pytest.mark.parametrize(("second_starts", "linked"), [
    (date(2025, 3, 9), True),  # 55 days between
    (date(2025, 3, 10), True),  # 56 days between (13 January to 9 March): linked
    (date(2025, 3, 11), False),  # 57 days: a new period, with new waiting days
])
def test_periods_of_incapacity_56_days_apart_link(second_starts: date, linked: bool) -> None:
    second = SicknessSpell(second_starts, date(2025, 3, 14))  # to Friday 14 March
    result = calculate_ssp(SspInput((FIRST_SPELL, second), MON_TO_FRI, 40000))
    paid_in_second = [d for d in result.entitled_days if d >= second_starts]
    qualifying_in_second = [d for d in (second_starts + timedelta(days=n) for n in range(7))
                            if d <= date(2025, 3, 14) and d.weekday() in MON_TO_FRI]
    if linked:
        assert paid_in_second == qualifying_in_second  # no waiting days again
    else:
        assert len(paid_in_second) == len(qualifying_in_second) - 3


def test_ssp_weeks_start_on_sunday() -> None:
    """SSCBA 1992 s.163(1): a week is a period of 7 days beginning with Sunday. Sickness from Sunday 3 to
    Saturday 16 May 2026 with Sunday and Monday as the qualifying days: two weeks of two days each (weeks from
    Monday would make three)."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2026, 5, 3), date(2026, 5, 16)),), frozenset({6, 0}),
                                    40000))
    assert [(w.week_start, w.days_paid) for w in result.weeks] == [(date(2026, 5, 3), 2), (date(2026, 5, 10), 2)]
    assert all(w.week_start.weekday() == 6 for w in result.weeks)


# -- the National Living Wage from 21 --------------------------------------------------------------
# The National Minimum Wage (Amendment) Regulations 2024: the National Living Wage from age 21 (from 1 April 2024).

@pytest.mark.parametrize(("age", "band"), [(20, "18_to_20"), (21, "21_and_over"), (22, "21_and_over")])
def test_the_national_living_wage_starts_at_21(age: int, band: str) -> None:
    assert band_for(age, apprentice=False, first_year=False) == band


def test_the_national_living_wage_applies_on_the_21st_birthday() -> None:
    """Age is taken on the first day of the pay reference period (NMW Regulations 2015 reg. 4A(1))."""
    born = date(2005, 5, 1)
    on_birthday = check_minimum_wage(MinimumWageInput(date(2026, 5, 1), born, Decimal(10), basic_pay_pence=10000))
    day_before = check_minimum_wage(MinimumWageInput(date(2026, 4, 30), born, Decimal(10), basic_pay_pence=10000))
    assert on_birthday.band == "21_and_over" and day_before.band == "18_to_20"


# -- hours woken during a sleep-in count -----------------------------------------------------------
# Royal Mencap Society v Tomlinson-Blake [2021] UKSC 8; NMW Regulations 2015 reg. 32: time asleep does not count,
# time awake for the purpose of working does.

def test_hours_woken_to_work_during_a_sleep_in_count_for_the_minimum_wage() -> None:
    asleep = MinimumWageInput(date(2026, 5, 4), date(1990, 1, 1), Decimal(8), sleep_in_hours=Decimal(8),
                              basic_pay_pence=8 * 1300)
    woken = MinimumWageInput(date(2026, 5, 4), date(1990, 1, 1), Decimal(8), sleep_in_hours=Decimal(6),
                             sleep_in_awake_hours=Decimal(2), basic_pay_pence=8 * 1300)
    assert check_minimum_wage(asleep).hours_counted == Decimal(8)
    assert check_minimum_wage(woken).hours_counted == Decimal(10)
    assert check_minimum_wage(woken).required_pence > check_minimum_wage(asleep).required_pence


# -- the average week's pay for holiday ------------------------------------------------------------
# Employment Rights Act 1996 s.224(2): the average over the weeks ending with the last complete week before the
# calculation date; a week ending on the day asked about is not complete before it.

def test_the_average_week_pay_leaves_out_the_week_ending_on_the_day_asked_about() -> None:
    asked = date(2026, 6, 7)
    weeks = (PaidWeek(date(2026, 5, 24), 30000), PaidWeek(date(2026, 5, 31), 40000), PaidWeek(asked, 90000))
    result = average_week_pay(weeks, asked)
    assert (result.average_pence, result.weeks_used) == (35000, 2)
    day_after = average_week_pay(weeks, asked + timedelta(days=1))
    assert (day_after.average_pence, day_after.weeks_used) == (53333, 3)


# -- shifts that touch -----------------------------------------------------------------------------

PA = PaFacts("Priya Shah", date(2025, 1, 6), None, (Rate("day", date(2025, 1, 6), hourly_pence=1350),), ())


@pytest.mark.parametrize(("second_start", "overlapping"), [(12, True), (13, False), (14, False)])
def test_shifts_that_touch_do_not_overlap(second_start: int, overlapping: bool) -> None:
    day = date(2026, 5, 5)  # a Tuesday
    morning = NewShift(at(day, 8), at(day, 13), label="line 1")
    afternoon = NewShift(at(day, second_start), at(day, 18), label="line 2")
    found = shift_problems([morning, afternoon], PA, [], Boundaries())
    assert bool(found[1]) is overlapping and not found[0]
    against_file = shift_problems([afternoon], PA, [TimedShift(7, at(day, 8), at(day, 13))], Boundaries())
    assert bool(against_file[0]) is overlapping


# -- the 48-hour average over 17 weeks -------------------------------------------------------------
# Working Time Regulations 1998 reg. 4(3): the average over a 17-week reference period.

def week_of(monday: date, hours: int) -> list[TimedShift]:
    """`hours` in a week, as daily shifts of up to 10 hours from Monday, with 14 hours' rest between."""
    shifts, day = [], monday
    while hours > 0:
        length = min(10, hours)
        shifts.append(TimedShift(None, at(day, 8), at(day, 8 + length), "work"))
        hours -= length
        day += timedelta(days=1)
    return shifts


def test_the_48_hour_average_is_taken_over_17_weeks() -> None:
    """Sixteen weeks of 50 hours and one of 17: over 17 weeks the average is 48.06 (over 48); over 18 weeks, with
    a week of nothing before, it would be 45.4 (under). A last week of 14 hours brings 17 weeks to 47.9."""
    assert REFERENCE_WEEKS == 17
    first = date(2026, 1, 5)
    over = [s for n in range(16) for s in week_of(first + timedelta(weeks=n), 50)]
    over += week_of(first + timedelta(weeks=16), 17)
    warned = {w.day for w in working_time_warnings(over, opted_out=False) if "48 hours" in w.message}
    assert first + timedelta(weeks=16) in warned
    under = [s for n in range(16) for s in week_of(first + timedelta(weeks=n), 50)]
    under += week_of(first + timedelta(weeks=16), 14)
    warned = {w.day for w in working_time_warnings(under, opted_out=False) if "48 hours" in w.message}
    assert first + timedelta(weeks=16) not in warned
    assert not [w for w in working_time_warnings(over, opted_out=True) if "48 hours" in w.message]


# -- amounts typed with three decimals ---------------------------------------------------------------

@pytest.mark.parametrize("typed", ["2000.009", "0.001", "12.345", "1,000.005"])
def test_an_amount_with_three_decimals_is_refused_not_cut(typed: str) -> None:
    with pytest.raises(MoneyError, match="pounds and pence"):
        parse_pence(typed)


@pytest.mark.parametrize(("typed", "pence"), [("2000.00", 200000), ("2000.0", 200000), ("2000", 200000),
                                              ("0.01", 1), ("1,000.05", 100005)])
def test_an_amount_with_two_decimals_or_fewer_is_taken_exactly(typed: str, pence: int) -> None:
    assert parse_pence(typed) == pence


# -- who the minimum wage covers -------------------------------------------------------------------
# National Minimum Wage Act 1998 s.1(2)(c): a worker who has ceased to be of compulsory school age. England:
# Education Act 1996 s.8 and GOV.UK 'School leaving age': the last Friday in June of the school year (to 31 August)
# in which the child turns 16; covered from the day after.

@pytest.mark.parametrize(("born", "country", "leaving"), [
    (date(2010, 8, 31), "england", date(2026, 6, 26)),  # 16 on 31 August 2026: leaves Friday 26 June 2026
    (date(2010, 9, 1), "england", date(2027, 6, 25)),  # 16 on 1 September 2026: the next school year
    (date(2010, 1, 15), "wales", date(2026, 6, 26)),
    (date(2010, 7, 1), "northern_ireland", date(2026, 6, 30)),  # 16 by 1 July: that 30 June
    (date(2010, 7, 2), "northern_ireland", date(2027, 6, 30)),  # 2 July to 31 August: the next year's
    (date(2010, 3, 1), "scotland", date(2026, 5, 31)),
    (date(2010, 9, 30), "scotland", date(2026, 5, 31)),
    (date(2010, 10, 1), "scotland", None),  # the start of the Christmas holidays: the school's own date
])
def test_the_school_leaving_date_in_each_country(born: date, country: str, leaving: date | None) -> None:
    assert school_leaving_date(born, country) == leaving


@pytest.mark.parametrize(("period_start", "applies"), [
    (date(2026, 6, 1), False), (date(2026, 6, 26), False),  # still of compulsory school age on the last Friday
    (date(2026, 6, 27), True),  # the day after: covered, at the under-18 rate
])
def test_the_minimum_wage_does_not_apply_under_school_leaving_age(period_start: date, applies: bool) -> None:
    result = check_minimum_wage(MinimumWageInput(period_start, date(2010, 8, 31), Decimal(4), basic_pay_pence=1000))
    assert result.applies is applies
    if applies:
        assert result.band == "under_18" and result.underpaid
    else:
        assert result.band == "not_covered" and not result.underpaid and result.required_pence == 0
        assert "26 June 2026" in result.reasons[0] and "s.1(2)(c)" in result.reasons[0]


def test_a_scottish_winter_leaver_is_covered_from_december_unless_the_school_date_is_given() -> None:
    """Born 10 November 2010: 16 in November 2026, leaves at the start of the Christmas holidays in December 2026.
    Before December the minimum wage does not apply; in December (when the holidays may have begun) it does,
    unless the school's date is given."""
    def check(start: date, leaving: date | None = None) -> bool:
        return check_minimum_wage(MinimumWageInput(start, date(2010, 11, 10), Decimal(4), basic_pay_pence=4000,
                                                   country="scotland", school_leaving_date=leaving)).applies
    assert not check(date(2026, 11, 30))
    assert check(date(2026, 12, 1))
    assert not check(date(2026, 12, 14), leaving=date(2026, 12, 18))
    assert check(date(2026, 12, 19), leaving=date(2026, 12, 18))


def test_calc_says_when_the_minimum_wage_does_not_apply() -> None:
    results, ok = run(json.dumps(line) for line in (
        {"kind": "minimum_wage", "period_start": "2026-06-01", "date_of_birth": "2010-08-31", "hours_worked": "4",
         "basic_pay": "10.00"},
        {"kind": "minimum_wage", "period_start": "2026-12-14", "date_of_birth": "2010-11-10", "hours_worked": "4",
         "basic_pay": "10.00", "country": "scotland", "school_leaving_date": "2026-12-18"},
        {"kind": "minimum_wage", "period_start": "2026-07-01", "date_of_birth": "2010-08-31", "hours_worked": "4",
         "basic_pay": "10.00"},
        {"kind": "minimum_wage", "period_start": "2026-07-01", "date_of_birth": "2010-08-31", "hours_worked": "4",
         "basic_pay": "10.00", "country": "france"},
    ))
    assert not ok
    assert results[0]["applies"] is False and results[0]["band"] == "not_covered"
    assert results[0]["shortfall"] == "0.00" and "26 June 2026" in results[0]["reasons"][0]
    assert results[1]["applies"] is False and "18 December 2026" in results[1]["reasons"][0]
    assert results[2]["applies"] is True and results[2]["band"] == "under_18" and results[2]["underpaid"] is True
    assert results[3]["field"] == "country" and "france" in results[3]["error"]


# -- a bank holiday on a weekend -------------------------------------------------------------------
# Banking and Financial Dealings Act 1971 Sch. 1 and GOV.UK 'UK bank holidays': when 25 or 26 December falls on a
# weekend, the next weekday is the bank holiday (the substitute day). Boxing Day 2026 is a Saturday (substitute:
# Monday 28 December); Christmas Day 2027 a Saturday and Boxing Day a Sunday (substitutes: Monday 27 and
# Tuesday 28 December). Which day a PA is paid the bank holiday rate for is the employer's choice, as the contract
# says: the substitute day (GOV.UK's list), the day itself, or both.

@pytest.mark.parametrize(("rule", "paid_as_bank_holiday"), [
    ("substitute", {date(2026, 12, 25), date(2026, 12, 28), date(2027, 12, 27), date(2027, 12, 28)}),
    ("day_itself", {date(2026, 12, 25), date(2026, 12, 26), date(2027, 12, 25), date(2027, 12, 26)}),
    ("both", {date(2026, 12, 25), date(2026, 12, 26), date(2026, 12, 28), date(2027, 12, 25), date(2027, 12, 26),
              date(2027, 12, 27), date(2027, 12, 28)}),
])
def test_a_bank_holiday_on_a_weekend_is_paid_on_the_day_the_employer_chose(rule: str,
                                                                           paid_as_bank_holiday: set[date]) -> None:
    rules = Boundaries(weekend_bank_holidays=rule)
    days = [date(2026, 12, 24) + timedelta(days=n) for n in range(6)] + \
           [date(2027, 12, 24) + timedelta(days=n) for n in range(6)]
    kinds = {day: rules.kind_at(at(day, 12)) for day in days}
    assert {day for day, kind in kinds.items() if kind == "bank_holiday"} == paid_as_bank_holiday
    for day, kind in kinds.items():  # every other day in those weeks is paid as the weekend or the day it is
        if day not in paid_as_bank_holiday:
            assert kind == ("weekend" if day.weekday() >= 5 else "day"), day


def test_the_weekend_rule_changes_no_other_bank_holiday() -> None:
    """Every bank holiday on a weekday is one under each rule (England and Wales, 2026: seven, and the substitute)."""
    from app.core.bank_holidays import bank_holidays

    lists = {rule: bank_holidays("england", 2026, rule) for rule in ("substitute", "day_itself", "both")}
    weekdays = {day for day in lists["both"] if day.weekday() < 5 and day != date(2026, 12, 28)}
    assert len(weekdays) == 7 and all(weekdays <= days for days in lists.values())
    with pytest.raises(ValueError, match="substitute"):
        bank_holidays("england", 2026, "saturday")


# -- found by `make mutate` (benchmarks/mutate.py): each a fault no test noticed -----------------------

def test_two_sleep_ins_are_counted_as_two_on_the_payslip() -> None:
    """The Employment Rights Act 1996 s.8 (as amended 2019): where pay varies with time worked, the payslip shows
    the hours; a flat sleep-in payment is shown with how many there were."""
    from app.timesheets.pay import ShiftForPay, period_pay

    nights = [ShiftForPay(at(date(2026, 5, day), 22), at(date(2026, 5, day + 1), 7), "sleep_in") for day in (5, 6)]
    pay = period_pay(nights, [Rate("sleep_in", date(2025, 1, 6), flat_pence=9000)], Boundaries())
    sleep_ins = [line for line in pay.lines if line.kind == "sleep_in"]
    assert [(line.units, line.amount_pence) for line in sleep_ins] == [(2, 18000)]


def test_no_hours_worked_accrue_no_holiday() -> None:
    from app.payroll.holiday import irregular_accrual_hours

    assert irregular_accrual_hours(Decimal(0), "2026-27", date(2026, 4, 1)) == Decimal(0)
    with pytest.raises(ValueError, match="negative"):
        irregular_accrual_hours(Decimal(-1), "2026-27", date(2026, 4, 1))


@pytest.mark.parametrize(("frequency", "day", "period"), [
    ("weekly", date(2026, 4, 12), (date(2026, 4, 6), date(2026, 4, 12))),  # the anchor's week, Monday to Sunday
    ("weekly", date(2026, 4, 13), (date(2026, 4, 13), date(2026, 4, 19))),
    ("fortnightly", date(2026, 4, 19), (date(2026, 4, 6), date(2026, 4, 19))),
    ("four_weekly", date(2026, 5, 3), (date(2026, 4, 6), date(2026, 5, 3))),
    ("four_weekly", date(2026, 4, 5), (date(2026, 3, 9), date(2026, 4, 5))),  # before the anchor
    ("monthly", date(2026, 2, 14), (date(2026, 2, 1), date(2026, 2, 28))),
])
def test_a_pay_period_ends_the_day_before_the_next_begins(frequency: str, day: date,
                                                          period: tuple[date, date]) -> None:
    from app.timesheets.periods import pay_period

    assert pay_period(frequency, day) == period


def test_the_hmrc_bill_adds_the_postgraduate_loan() -> None:
    """GOV.UK 'Pay employers' PAYE': the payment is tax, employee and employer NI, and student and postgraduate
    loan deductions, less the Employment Allowance and statutory pay recovered."""
    from app.payroll.paying_hmrc import HmrcBill

    bill = HmrcBill("2026-27", 9, 9, tax_pence=10000, employee_ni_pence=2000, employer_ni_pence=3000,
                    student_loan_pence=400, postgraduate_loan_pence=600, employment_allowance_pence=3000,
                    statutory_pay_recovered_pence=500, due_on=date(2027, 1, 22), reference="")
    assert bill.amount_pence == 10000 + 2000 + 3000 + 400 + 600 - 3000 - 500


@pytest.mark.parametrize("pence", [True, 1.5, "100"])
def test_money_holds_whole_pence_only(pence: object) -> None:
    from app.core.money import Money

    with pytest.raises(TypeError, match="whole pence"):
        Money(pence)  # type: ignore[arg-type]
    assert Money(150).pence == 150


def test_an_ssp_day_is_the_weeks_rate_over_that_weeks_qualifying_days() -> None:
    """SSCBA 1992 s.157(2): the daily rate is the weekly rate divided by the qualifying days in that week. With
    Sunday and Monday as qualifying days, each day is half of £123.25 (2026-27): £61.625, two days £123.25."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2026, 5, 3), date(2026, 5, 16)),), frozenset({6, 0}),
                                    40000))
    assert [(w.daily_rate, w.amount_pence) for w in result.weeks] == [(Decimal("61.625"), 12325)] * 2

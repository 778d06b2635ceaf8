"""Worked examples, each from the rule's source, for NI, student loans, pension, EA, SSP, holiday and NMW."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from app.core.money import round_ni
from app.payroll.employment_allowance import apply_allowance, household_employer_may_claim
from app.payroll.holiday import (
    PaidWeek,
    average_week_pay,
    entitlement_days,
    irregular_accrual_hours,
    rolled_up_holiday_pay_pence,
    week_pay_that_counts,
)
from app.payroll.minimum_wage import MinimumWageInput, check_minimum_wage
from app.payroll.national_insurance import NiCategoryError, NiInput, calculate_ni
from app.payroll.pension import (
    Basis,
    PensionInput,
    TaxRelief,
    WorkerCategory,
    assess_worker,
    calculate_pension,
    duty_dates,
    state_pension_age,
)
from app.payroll.periods import Frequency
from app.payroll.ssp import SicknessSpell, SspInput, average_weekly_earnings, calculate_ssp
from app.payroll.student_loans import StudentLoanInput, calculate_student_loans, loan_deduction

WEEKDAYS = frozenset({0, 1, 2, 3, 4})

# -- National Insurance -------------------------------------------------------------------------


@pytest.mark.parametrize("amount, expected", [("0.0056", "0.00"), ("0.0064", "0.01"), ("26.825", "26.82"),
                                              ("26.826", "26.83"), ("57.972", "57.97"), ("0.005", "0.00")])
def test_ni_rounding_looks_at_the_third_decimal_only(amount: str, expected: str) -> None:
    """rates.md / HMRC: third decimal 5 or less rounds down, 6 or more rounds up."""
    assert round_ni(Decimal(amount)) == Decimal(expected)


def test_under_21_pays_no_employer_ni_up_to_the_upper_secondary_threshold() -> None:
    """Category M, 2026-27 monthly £2,000: employee 8% over £1,048 = £76.16; employer nothing (UST £4,189)."""
    result = calculate_ni(NiInput("2026-27", Frequency.MONTHLY, "M", 200000))
    assert (result.employee_ni_pence, result.employer_ni_pence) == (7616, 0)
    adult = calculate_ni(NiInput("2026-27", Frequency.MONTHLY, "A", 200000))
    assert adult.employer_ni_pence == 23745  # 15% of (2000 - 417) = 237.45


def test_2024_25_employer_rate_and_threshold() -> None:
    """2024-25: ST £758 a month, 13.8%: £2,000 gives (2000 - 758) x 13.8% = 171.396 -> £171.40 (third decimal 6)."""
    assert calculate_ni(NiInput("2024-25", Frequency.MONTHLY, "A", 200000)).employer_ni_pence == 17140


def test_category_x_pays_nothing() -> None:
    assert calculate_ni(NiInput("2025-26", Frequency.WEEKLY, "X", 100000)).employer_ni_pence == 0


def test_unknown_category_is_refused() -> None:
    with pytest.raises(NiCategoryError, match="not a National Insurance category"):
        calculate_ni(NiInput("2025-26", Frequency.WEEKLY, "Q", 100000))


# -- Student loans ----------------------------------------------------------------------------


def test_cslm18025_worked_example() -> None:
    """CSLM18025: pay £2,075 against a threshold of £1,457 at 9% = £55.62, rounded down to £55."""
    assert loan_deduction(Decimal(2075), Decimal(1457), Decimal(9)) == 55


@pytest.mark.parametrize("plan, pay, expected", [("1", 275000, 6000), ("4", 300000, 3400)])
def test_2024_25_monthly_examples(plan: str, pay: int, expected: int) -> None:
    """rates.md: 2024-25 monthly Plan 1 on £2,750 -> £60; Plan 4 on £3,000 -> £34."""
    result = calculate_student_loans(StudentLoanInput("2024-25", Frequency.MONTHLY, pay, (plan,)))
    assert result.student_loan_pence == expected


def test_two_plans_use_the_lowest_threshold_and_postgraduate_goes_alongside() -> None:
    """Plans 1 and 2 with no start notice: Plan 1 (lower threshold £2,172.08 in 2025-26). £3,000 a month:
    9% of £827.92 = £74.51 -> £74. Postgraduate 6% of (£3,000 - £1,750) = £75 exactly."""
    result = calculate_student_loans(StudentLoanInput("2025-26", Frequency.MONTHLY, 300000, ("2", "1"), True))
    assert (result.plan_used, result.student_loan_pence, result.postgraduate_loan_pence) == ("1", 7400, 7500)


def test_nothing_at_or_below_the_threshold() -> None:
    result = calculate_student_loans(StudentLoanInput("2025-26", Frequency.MONTHLY, 237250, ("2",)))
    assert result.student_loan_pence == 0


def test_plan_5_only_from_2026_27() -> None:
    with pytest.raises(ValueError, match="not a student loan plan in 2025-26"):
        calculate_student_loans(StudentLoanInput("2025-26", Frequency.MONTHLY, 300000, ("5",)))
    # 2026-27 weekly Plan 5 threshold £480.76: 9% of £119.24 = £10.73 -> £10
    assert calculate_student_loans(StudentLoanInput("2026-27", Frequency.WEEKLY, 60000, ("5",))).student_loan_pence == 1000


def test_fortnightly_threshold_is_twice_the_weekly() -> None:
    """Our documented choice (CSLM): Plan 2 2025-26 fortnightly threshold = 2 x £547.50 = £1,095."""
    result = calculate_student_loans(StudentLoanInput("2025-26", Frequency.FORTNIGHTLY, 120600, ("2",)))
    assert result.student_loan_pence == 900  # 9% of £111 = £9.99 -> £9


# -- Pension ----------------------------------------------------------------------------------


def test_contract_example_relief_at_source() -> None:
    """calc.md's example: £1,200 a month in 2026-27, age 34, 5% / 3% on qualifying earnings: QE £680,
    employee £34.00 gross of which £27.20 comes off pay (80%), employer £20.40."""
    result = calculate_pension(PensionInput("2026-27", Frequency.MONTHLY, 120000, 34))
    assert result.worker_category is WorkerCategory.ELIGIBLE_JOBHOLDER
    assert (result.pensionable_earnings_pence, result.employee_deduction_pence, result.employer_contribution_pence) == (
        68000, 2720, 2040)


def test_net_pay_arrangement_takes_the_full_contribution() -> None:
    result = calculate_pension(PensionInput("2026-27", Frequency.MONTHLY, 120000, 34, Basis.QUALIFYING_EARNINGS,
                                            Decimal(5), Decimal(3), TaxRelief.NET_PAY))
    assert result.employee_deduction_pence == 3400


@pytest.mark.parametrize("age, pay, category", [
    (30, 83301, WorkerCategory.ELIGIBLE_JOBHOLDER),  # above the £833 monthly trigger
    (30, 83300, WorkerCategory.NON_ELIGIBLE_JOBHOLDER),  # at the trigger is not above it
    (30, 52000, WorkerCategory.ENTITLED_WORKER),  # at the £520 lower limit
    (19, 200000, WorkerCategory.NON_ELIGIBLE_JOBHOLDER),  # under 22
    (70, 200000, WorkerCategory.NON_ELIGIBLE_JOBHOLDER),  # past state pension age
    (15, 200000, WorkerCategory.NOT_TO_ASSESS),
    (75, 200000, WorkerCategory.NOT_TO_ASSESS),
])
def test_worker_categories(age: int, pay: int, category: WorkerCategory) -> None:
    """The Pensions Regulator: eligible jobholder 22 to state pension age above the trigger; non-eligible
    jobholder 16-74 above the lower limit; entitled worker 16-74 at or below it."""
    assert assess_worker(age, pay, Frequency.MONTHLY, "2025-26") is category


def test_duty_dates() -> None:
    dates = duty_dates(date(2026, 1, 31), postpone_to=date(2026, 4, 30))
    assert dates.latest_postponement_end == date(2026, 4, 30)
    assert dates.opt_out_window_ends == date(2026, 5, 30)
    assert dates.declaration_of_compliance_due == date(2026, 6, 30)
    assert dates.next_re_enrolment == date(2029, 1, 31)
    with pytest.raises(ValueError, match="at most 3 months"):
        duty_dates(date(2026, 1, 31), postpone_to=date(2026, 5, 1))


@pytest.mark.parametrize("born, reaches", [(date(1959, 12, 1), date(2025, 12, 1)), (date(1960, 4, 6), date(2026, 5, 6)),
                                           (date(1961, 3, 5), date(2028, 2, 5)), (date(1970, 1, 1), date(2037, 1, 1))])
def test_state_pension_age(born: date, reaches: date) -> None:
    """Pensions Act 2014 timetable: born 6 April 1960 -> 66 and 1 month; 5 March 1961 -> 66 and 11 months."""
    assert state_pension_age(born) == reaches


# -- Employment Allowance ---------------------------------------------------------------------


def test_employment_allowance_runs_out_mid_year() -> None:
    """GOV.UK Employment Allowance, 2025-26: £10,500 set against employer NI run by run. With £1,000 of
    employer NI a month the allowance covers 10 months and half of the 11th; the 12th is paid in full."""
    used = 0
    payable = []
    for _ in range(12):
        use = apply_allowance("2025-26", 100000, used)
        used += use.offset_pence
        payable.append(use.employer_ni_payable_pence)
    assert payable == [0] * 10 + [50000, 100000]
    assert used == 1_050_000
    assert apply_allowance("2025-26", 100000, used).remaining_pence == 0


def test_household_employer_may_claim_only_for_care_and_support_workers() -> None:
    assert household_employer_may_claim(True) and not household_employer_may_claim(False)


def test_2024_25_allowance_was_5000() -> None:
    assert apply_allowance("2024-25", 600000, 0).employer_ni_payable_pence == 100000


# -- Statutory Sick Pay -----------------------------------------------------------------------


def test_gov_uk_80_percent_example_from_april_2026() -> None:
    """GOV.UK test case: average earnings £112.50 a week -> SSP £90.00 a week (80%, below £123.25)."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2026, 4, 6), date(2026, 4, 10)),), WEEKDAYS, 11250))
    assert result.waiting_days == ()
    assert [w.amount_pence for w in result.weeks] == [9000]


def test_before_april_2026_three_waiting_days_and_four_days_in_a_row() -> None:
    """2025-26: sick Monday to Friday, works Monday to Friday: 3 waiting days, 2 days at £23.75."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2026, 3, 2), date(2026, 3, 6)),), WEEKDAYS, 40000))
    assert result.waiting_days == (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4))
    assert result.total_pence == 4750
    short = calculate_ssp(SspInput((SicknessSpell(date(2026, 3, 2), date(2026, 3, 4)),), WEEKDAYS, 40000))
    assert short.total_pence == 0 and "at least 4 days" in short.notes[0]


def test_across_the_6_april_2026_change() -> None:
    """The new rules apply to sickness that starts on or after 6 April 2026: one day is enough, from day one."""
    old = calculate_ssp(SspInput((SicknessSpell(date(2026, 4, 3), date(2026, 4, 3)),), WEEKDAYS, 40000))
    new = calculate_ssp(SspInput((SicknessSpell(date(2026, 4, 6), date(2026, 4, 6)),), WEEKDAYS, 40000))
    assert old.total_pence == 0
    assert new.total_pence == 2465  # £123.25 / 5


def test_linked_spells_do_not_serve_waiting_days_twice() -> None:
    """Spells no more than 8 weeks apart link: the second spell's days are all paid (2025-26 rules)."""
    spells = (SicknessSpell(date(2025, 6, 2), date(2025, 6, 6)), SicknessSpell(date(2025, 7, 7), date(2025, 7, 10)))
    result = calculate_ssp(SspInput(spells, WEEKDAYS, 40000))
    assert len(result.waiting_days) == 3
    assert result.total_pence == 2 * 2375 + 4 * 2375


def test_below_the_lower_earnings_limit_before_2026() -> None:
    result = calculate_ssp(SspInput((SicknessSpell(date(2025, 6, 2), date(2025, 6, 13)),), WEEKDAYS, 12499))
    assert result.total_pence == 0 and "lower earnings limit" in result.notes[0]


def test_daily_rate_is_truncated_and_the_week_rounded_up() -> None:
    """Mon/Wed/Fri worker, 2025-26: £118.75 / 3 = 39.5833 (4 places). Sick Sunday 1 to Wednesday 18 June:
    the first week's 3 qualifying days are waiting days; a full week is 118.7499 -> £118.75; the last
    week's two days are 79.1666 -> £79.17."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2025, 6, 1), date(2025, 6, 18)),), frozenset({0, 2, 4}), 40000))
    assert len(result.waiting_days) == 3
    assert result.weeks[0].daily_rate == Decimal("39.5833")
    assert [w.amount_pence for w in result.weeks] == [11875, 7917]


def test_at_most_28_weeks() -> None:
    result = calculate_ssp(SspInput((SicknessSpell(date(2026, 4, 6), date(2027, 1, 31)),), WEEKDAYS, 40000))
    assert len(result.entitled_days) == 28 * 5
    assert any("28 weeks" in n for n in result.notes)


def test_average_weekly_earnings() -> None:
    assert average_weekly_earnings(90000, "weekly") == 11250
    assert average_weekly_earnings(100000, "monthly", months=2) == 11538  # 1000 / 2 x 12 / 52 = 115.384


# -- Holiday ----------------------------------------------------------------------------------


def test_irregular_hours_accrual() -> None:
    """GOV.UK "Holiday entitlement": 12.07% of hours worked: 74 hours -> 8.93 hours."""
    assert irregular_accrual_hours(Decimal(74), "2026-27", date(2026, 4, 1)) == Decimal("8.93")
    with pytest.raises(ValueError, match="1 April 2024"):
        irregular_accrual_hours(Decimal(74), "2024-25", date(2024, 1, 1))


def test_rolled_up_holiday_pay() -> None:
    """Rolled-up holiday pay is 12.07% of pay: £100 -> £12.07."""
    assert rolled_up_holiday_pay_pence(10000, "2025-26") == 1207


@pytest.mark.parametrize("days_a_week, expected", [(5, 28), (3, Decimal("16.8")), (6, 28)])
def test_5_6_weeks_capped_at_28_days(days_a_week: int, expected: Decimal) -> None:
    assert entitlement_days(Decimal(days_a_week), "2025-26") == expected


def test_part_year_is_pro_rated_and_rounded_up() -> None:
    """Starting half-way: 28 x 183 / 365 = 14.038... -> 14.04 days (never rounded down)."""
    assert entitlement_days(Decimal(5), "2025-26", 365, 183) == Decimal("14.04")


def test_which_pay_counts_for_holiday_pay() -> None:
    """Core 4 weeks: regular overtime, weekend and sleep-in pay count; expenses and one-off bonuses do not.
    The extra 1.6 weeks may be paid at basic pay only."""
    week = {"basic": 30000, "weekend": 5000, "regular_overtime": 4000, "expenses": 2500, "one_off_bonus": 10000}
    assert week_pay_that_counts(week) == 39000
    assert week_pay_that_counts(week, core_four_weeks=False) == 30000
    with pytest.raises(ValueError, match="not a kind of pay"):
        week_pay_that_counts({"tips": 100})


def test_average_week_pay_skips_unpaid_weeks_and_looks_back_at_most_104_weeks() -> None:
    from datetime import timedelta

    start = date(2024, 1, 7)
    weeks = tuple(PaidWeek(start + timedelta(weeks=i), 0 if i % 3 == 0 else 30000 + i) for i in range(120))
    result = average_week_pay(weeks, date(2026, 5, 1))
    assert result.weeks_used == 52
    paid = [w for w in weeks if w.pay_pence and w.week_ending < date(2026, 5, 1)][-52:]
    assert result.average_pence == round(sum(w.pay_pence for w in paid) / 52)


# -- Minimum wage -----------------------------------------------------------------------------


def test_sleep_in_hours_asleep_do_not_count_but_waking_nights_do() -> None:
    """Mencap v Tomlinson-Blake [2021] UKSC 8. May 2026, aged 30: 100 day hours + 20 waking-night hours
    at £12.71 need £1,525.20. Paid £1,500 basic for those: £25.20 short. 36 sleep-in hours and their
    £360 allowance change nothing."""
    facts = MinimumWageInput(period_start=date(2026, 5, 1), birth_date=date(1996, 1, 1), hours_worked=Decimal(100),
                             waking_night_hours=Decimal(20), sleep_in_hours=Decimal(36), basic_pay_pence=150000,
                             sleep_in_allowance_pence=36000)
    result = check_minimum_wage(facts)
    assert (result.hours_counted, result.required_pence, result.shortfall_pence) == (Decimal(120), 152520, 2520)
    assert any("sleep-in" in reason for reason in result.reasons)


def test_age_bands_and_apprentices() -> None:
    base = dict(period_start=date(2026, 5, 1), hours_worked=Decimal(10), basic_pay_pence=10850)
    assert check_minimum_wage(MinimumWageInput(birth_date=date(2007, 1, 1), **base)).band == "18_to_20"
    assert not check_minimum_wage(MinimumWageInput(birth_date=date(2007, 1, 1), **base)).underpaid
    apprentice = check_minimum_wage(MinimumWageInput(birth_date=date(1990, 1, 1), apprentice=True,
                                                     first_year_of_apprenticeship=True, **base))
    assert apprentice.band == "apprentice" and apprentice.hourly_rate_pence == 800


def test_free_accommodation_counts_as_pay_through_the_offset() -> None:
    """Accommodation offset 2026: £11.10 a day. 5 days free adds £55.50 to pay that counts."""
    result = check_minimum_wage(MinimumWageInput(period_start=date(2026, 5, 1), birth_date=date(1990, 1, 1),
                                                 hours_worked=Decimal(40), basic_pay_pence=45334, accommodation_days=5))
    assert result.pay_counted_pence == 45334 + 5550
    assert not result.underpaid


def test_rate_in_force_at_the_start_of_the_pay_period() -> None:
    """A period starting 31 March 2026 uses the 2025 rate (£12.21) even though it ends in April."""
    result = check_minimum_wage(MinimumWageInput(period_start=date(2026, 3, 31), birth_date=date(1990, 1, 1),
                                                 hours_worked=Decimal(10), basic_pay_pence=12210))
    assert result.hourly_rate_pence == 1221 and not result.underpaid

"""Faults the mutation sample (`benchmarks/mutate.py --sample 100 --seed 3`, December 2026) put into the pure
packages and no test noticed. Each test here names the rule and would fail with the fault in its comment; the
survivors that change nothing (equivalent mutants) are explained in benchmarks/mutants_explained.txt."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal

import pytest

from app.core.dates import LONDON, TaxYear, days_inclusive, tax_month
from app.core.money import Money, MoneyError, format_pounds
from app.payroll.calc import calculate_line
from app.payroll.holiday import PaidPeriod, PaidWeek, average_week_pay, entitlement_days, holiday_day_rate
from app.payroll.holiday_entitlement import EntitlementInput, WorkPattern, holiday_entitlement
from app.payroll.minimum_wage import MinimumWageInput, check_minimum_wage
from app.payroll.pay_run import RunFacts, SspInPeriod, TimeLine, TimesheetState, YearToDate, draft_pay_run
from app.payroll.paying_hmrc import HmrcPart, hmrc_bills
from app.payroll.payslip import PayElement, PayslipInput, PensionMembership, calculate_payslip
from app.payroll.pension import PensionInput, calculate_pension
from app.payroll.periods import Frequency
from app.payroll.ssp import SicknessSpell, SspInput, calculate_ssp
from app.timesheets.checks import PlanGap, TimedShift, working_time_warnings
from app.timesheets.clock import TimeProblem, parse_wall_time
from app.timesheets.csv_import import MAX_LINE_CHARACTERS, parse_shifts_csv
from app.timesheets.pay import Rate, ShiftForPay, period_pay, rate_on
from app.timesheets.rota import Pattern, describe, weekly_rule
from app.timesheets.split import Boundaries
from tests.payroll.test_pay_run import pa, run

D = Decimal
MON_TO_FRI = frozenset({0, 1, 2, 3, 4})


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


# -- dates -------------------------------------------------------------------------------------------------

def test_the_tax_year_ends_on_5_april_and_tax_months_run_on_past_new_year() -> None:
    """Income Tax (Earnings and Pensions) Act 2003: the tax year runs 6 April to 5 April; tax month 10 is
    6 January to 5 February (faults: the year ending 5 May; 13 months to a year)."""
    assert TaxYear(2026).last_day == date(2027, 4, 5)
    assert tax_month(date(2027, 1, 10)) == 10 and tax_month(date(2027, 1, 5)) == 9
    assert tax_month(date(2027, 4, 5)) == 12


def test_days_inclusive_counts_both_ends() -> None:
    assert days_inclusive(date(2026, 12, 1), date(2026, 12, 1)) == 1  # fault: (last - first) - 1
    assert days_inclusive(date(2026, 12, 1), date(2026, 12, 31)) == 31


# -- money -------------------------------------------------------------------------------------------------

def test_exact_pounds_become_pence_and_fractions_of_a_penny_are_refused() -> None:
    assert Money.from_decimal_pounds(D("12.34")).pence == 1234  # fault: x 101
    with pytest.raises(MoneyError, match="fraction of a penny"):
        Money.from_decimal_pounds(D("12.345"))


def test_pounds_are_written_with_pence_and_commas() -> None:
    assert format_pounds(123_456) == "£1,234.56" and format_pounds(-340) == "−£3.40"  # fault: divmod by 101
    assert format_pounds(100) == "£1.00" and format_pounds(99) == "£0.99"


# -- calc ---------------------------------------------------------------------------------------------------

def test_calc_says_the_part_of_the_leave_year_to_ten_places() -> None:
    """docs/calc.md: `fraction_wtr` to 10 decimal places. A starter on 1 October 2026 in a leave year from
    1 April: 182 of 365 days (fault: 11 places)."""
    line = {"kind": "holiday_entitlement", "tax_year": "2026-27", "basis": "days_per_week", "days_per_week": "5",
            "leave_year_start": "2026-04-01", "starts_on": "2026-10-01"}
    assert calculate_line(json.dumps(line), 1)["fraction_wtr"] == "0.4986301370"


def test_calc_takes_a_refund_already_made_as_negative_tax_paid_before() -> None:
    """A payslip whose earlier periods refunded tax (a negative tax paid to date) is worked out, not refused."""
    line = {"kind": "payslip", "tax_year": "2026-27", "frequency": "monthly", "period": 9, "tax_code": "1257L",
            "category": "A", "age": 35, "pay": [{"kind": "basic", "description": "Day", "amount": "1000.00"}],
            "taxable_pay_before": "0.00", "tax_paid_before": "-20.00"}
    result = calculate_line(json.dumps(line), 1)
    assert "error" not in result, result


# -- holiday ------------------------------------------------------------------------------------------------

def test_a_week_paid_a_penny_counts_in_the_52_weeks() -> None:
    """ERA 1996 s. 224: weeks with no pay are left out; a week with any pay counts (fault: more than 1p)."""
    weeks = (PaidWeek(date(2026, 11, 21), 1), PaidWeek(date(2026, 11, 28), 39_999))
    assert average_week_pay(weeks, date(2026, 12, 1)).weeks_used == 2


def test_a_period_with_one_day_worked_counts_for_the_holiday_day_rate() -> None:
    """A period with any pay and any day worked counts (faults: more than 1p, more than 1 day)."""
    periods = (PaidPeriod(date(2026, 11, 30), D("4.29"), 1, 1), PaidPeriod(date(2026, 10, 31), D("4.43"), 9_999, 1))
    rate = holiday_day_rate(periods, date(2026, 12, 1))
    assert rate is not None and rate.days_worked == 2 and rate.day_rate_pence == 5_000


def test_no_days_employed_gives_no_holiday_and_fewer_than_none_is_refused() -> None:
    assert entitlement_days(D(5), "2026-27", days_employed=0) == 0  # fault: 0 days refused
    with pytest.raises(ValueError):
        entitlement_days(D(5), "2026-27", days_employed=-1)


def test_a_full_leave_year_is_the_whole_of_it() -> None:
    result = holiday_entitlement(EntitlementInput(WorkPattern("days_per_week", days_per_week=D(5)), "2026-27"))
    assert (result.fraction_wtr, result.fraction_gov_uk) == (D(1), D(1))  # fault: 2


def test_a_pattern_may_hold_three_shifts_a_day_but_not_more() -> None:
    """Three eight-hour shifts fill a day: 21 shifts in 7 days is possible, 22 is not (fault: 21 refused)."""
    three = holiday_entitlement(EntitlementInput(WorkPattern("shifts", shifts_per_pattern=D(21), days_per_pattern=D(7),
                                                             shift_hours=D(8)), "2026-27"))
    assert three.unit == "shifts"
    with pytest.raises(ValueError, match="three shifts a day"):
        holiday_entitlement(EntitlementInput(WorkPattern("shifts", shifts_per_pattern=D(22), days_per_pattern=D(7)),
                                             "2026-27"))


# -- minimum wage -------------------------------------------------------------------------------------------

def test_an_apprentice_aged_19_past_the_first_year_gets_their_age_band() -> None:
    """NMW Regulations 2015 reg. 5: the apprentice rate is for apprentices under 19 or in their first year
    (fault: under 20)."""
    result = check_minimum_wage(MinimumWageInput(date(2026, 12, 1), date(2007, 6, 1), D(10), basic_pay_pence=10_000,
                                                 apprentice=True))
    assert result.band != "apprentice"


def test_no_hours_in_the_period_is_no_hourly_rate() -> None:
    result = check_minimum_wage(MinimumWageInput(date(2026, 12, 1), date(1990, 1, 1), D(0)))
    assert result.average_hourly_pay == D(0) and result.hours_counted == D(0)  # fault: a rate of £1


def test_asleep_hours_count_for_nothing_by_default() -> None:
    """NMW Regulations 2015 reg. 32 (Royal Mencap Society v Tomlinson-Blake): time asleep on a sleep-in is not
    work; the input says none unless given (fault: an hour by default would change nothing counted, but an hour
    asleep must never be counted either way)."""
    given = check_minimum_wage(MinimumWageInput(date(2026, 12, 1), date(1990, 1, 1), D(10), basic_pay_pence=13_000))
    assert given.hours_counted == D(10)
    assert MinimumWageInput(date(2026, 12, 1), date(1990, 1, 1), D(10)).sleep_in_hours == 0


def test_born_on_the_first_day_of_the_period_is_refused_as_a_mistake() -> None:
    with pytest.raises(ValueError, match="date of birth must be before"):
        check_minimum_wage(MinimumWageInput(date(2026, 12, 1), date(2026, 12, 1), D(10)))
    check_minimum_wage(MinimumWageInput(date(2026, 12, 1), date(2026, 11, 30), D(10)))  # the day before: read


def test_an_accommodation_charge_equal_to_the_offset_is_not_said_to_exceed_it() -> None:
    """NMW Regulations 2015 reg. 14-16: a charge up to the daily offset does not reduce pay that counts (fault: a
    charge equal to it said to exceed it)."""
    from app.payroll.minimum_wage import minimum_wage_for

    offset = minimum_wage_for(date(2026, 12, 1)).accommodation_offset_daily * 7
    result = check_minimum_wage(MinimumWageInput(date(2026, 12, 1), date(1990, 1, 1), D(40), basic_pay_pence=60_000,
                                                 accommodation_days=7,
                                                 accommodation_charge_pence=int(offset * 100)))
    assert not any("more than" in reason or "exceed" in reason for reason in result.reasons)


# -- pay runs -----------------------------------------------------------------------------------------------

def test_the_first_payslip_of_the_year_starts_the_year_to_date_at_nothing() -> None:
    slip = draft_pay_run(run(pa(1, 60 * 60))).payslips[0]
    assert slip.year_to_date.gross_pay_pence == slip.result.gross_pay_pence == 81_000  # fault: 1p carried in
    assert slip.year_to_date.tax_pence == slip.result.tax_pence
    assert YearToDate() == YearToDate(0, 0, 0, 0, 0, 0, 0, 0, 0)


def test_ssp_days_are_counted_in_words() -> None:
    ssp = SspInPeriod((date(2026, 12, 1), date(2026, 12, 2)), 4_930, (), ())
    slip = draft_pay_run(run(pa(1, 60 * 60, ssp=ssp))).payslips[0]
    assert any(line.description == "Statutory Sick Pay (2 days)" for line in slip.lines)  # fault: "2 day"


def test_a_pay_date_in_a_year_without_rates_says_so_and_has_no_period() -> None:
    draft = draft_pay_run(run(pa(1, 600), pay_date=date(2031, 1, 31)))
    assert draft.period == 0 and draft.payslips == () and draft.problems  # fault: period 1
    assert draft.employment_allowance_used_pence == 0  # fault: 1p of the allowance used by nothing


def test_a_run_with_nobody_to_pay_says_so_unless_something_else_is_wrong() -> None:
    empty = draft_pay_run(run())
    assert [p.field for p in empty.problems] == ["pas"]
    unapproved = draft_pay_run(run(pa(1, 600, timesheet=TimesheetState.NOT_APPROVED)))
    assert "pas" not in [p.field for p in unapproved.problems]  # fault: both said at once (and -> or)


# -- paying HMRC ---------------------------------------------------------------------------------------------

def test_a_months_bill_is_not_quarterly_and_is_due_by_the_22nd_by_default() -> None:
    """GOV.UK "Pay employers' PAYE": electronic payment by the 22nd (faults: by post by default; a month's bill
    called quarterly)."""
    bill = hmrc_bills([HmrcPart("2026-27", 8, 10_000, 0, 0, 0, 0, 0)])[0]
    assert not bill.quarterly and bill.due_on == date(2026, 12, 22)
    quarter = hmrc_bills([HmrcPart("2026-27", 8, 10_000, 0, 0, 0, 0, 0)], quarterly=True)[0]
    assert quarter.quarterly


# -- payslips ------------------------------------------------------------------------------------------------

def test_taxable_pay_to_date_adds_this_period_to_what_went_before() -> None:
    result = calculate_payslip(PayslipInput("2026-27", Frequency.MONTHLY, 9, "1257L", "A", 35,
                                            (PayElement("day", "day", 200_000),), taxable_pay_before_pence=1_600_000,
                                            tax_paid_before_pence=150_000))
    assert result.taxable_pay_to_date_pence == 1_800_000  # fault: before - this period


def test_relief_at_source_leaves_taxable_pay_whole() -> None:
    """Relief at source: the member's contribution comes off net pay, not taxable pay (faults: 1p of "net pay
    relief" taken off; taxable pay before taken as 1p)."""
    result = calculate_payslip(PayslipInput("2026-27", Frequency.MONTHLY, 9, "1257L", "A", 35,
                                            (PayElement("day", "day", 200_000),), pension=PensionMembership()))
    assert result.taxable_pay_pence == 200_000 and result.taxable_pay_to_date_pence == 200_000


def test_the_legal_minimum_employer_contribution_meets_the_minimum() -> None:
    """Pensions Act 2008 s. 20: at least 3% from the employer and 8% in all (fault: exactly 3% said to fall
    short)."""
    assert calculate_pension(PensionInput("2026-27", Frequency.MONTHLY, 200_000, 35)).meets_minimum
    assert not calculate_pension(PensionInput("2026-27", Frequency.MONTHLY, 200_000, 35,
                                              employer_rate_percent=D("2.99"))).meets_minimum


# -- SSP ----------------------------------------------------------------------------------------------------

def test_three_waiting_days_before_april_2026() -> None:
    """SSP (General) Regulations 1982 before 6 April 2026: no SSP for the first 3 qualifying days of a period of
    incapacity (fault: one waiting day taken as served already)."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2025, 6, 2), date(2025, 6, 6)),), MON_TO_FRI, 40_000))
    assert result.waiting_days == (date(2025, 6, 2), date(2025, 6, 3), date(2025, 6, 4))
    assert result.entitled_days == (date(2025, 6, 5), date(2025, 6, 6))


def test_a_weeks_ssp_is_the_sum_of_its_days() -> None:
    """From 6 April 2026: £123.25 a week (or 80% of AWE if less) across the qualifying days; a Monday-to-Friday
    week of sickness is five fifths (faults: a day subtracted; a penny to start)."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2026, 11, 30), date(2026, 12, 4)),), MON_TO_FRI, 40_000))
    assert [(w.week_start, w.days_paid, w.amount_pence) for w in result.weeks] == [(date(2026, 11, 29), 5, 12_325)]
    from app.payroll.ssp import ssp_for_period

    december = ssp_for_period(SspInput((SicknessSpell(date(2026, 11, 30), date(2026, 12, 4)),), MON_TO_FRI, 40_000),
                              date(2026, 12, 1), date(2026, 12, 31))
    assert december.amount_pence == 4 * 2_465  # the four days in December: 4 x £24.65, summed within the week


def test_a_linked_series_ends_after_three_years() -> None:
    """SSP (General) Regulations 1982 reg. 3(3): periods of incapacity link for at most 3 years (fault: 4). Four
    days off every 8 weeks from Monday 5 April 2021: each links to the last, so only the first has waiting days,
    until the spell starting 29 April 2024, 1,120 days on, begins a new series with 3 waiting days of its own."""
    from datetime import timedelta

    spells = tuple(SicknessSpell(date(2021, 4, 5) + timedelta(days=56 * k), date(2021, 4, 8) + timedelta(days=56 * k))
                   for k in range(21))
    result = calculate_ssp(SspInput(spells, MON_TO_FRI, 40_000))
    assert result.waiting_days == (date(2021, 4, 5), date(2021, 4, 6), date(2021, 4, 7),
                                   date(2024, 4, 29), date(2024, 4, 30), date(2024, 5, 1))


# -- timesheets ----------------------------------------------------------------------------------------------

def test_a_minute_over_the_plan_is_over() -> None:
    assert PlanGap("day", 60, 61).words().endswith("hours over)")  # fault: more than 1 minute
    assert PlanGap("day", 61, 60).words().endswith("hours under)")


def test_2359_is_a_time_of_day_and_2400_and_1260_are_not() -> None:
    assert parse_wall_time("23:59").value == time(23, 59)  # faults: hour 23 or minute 59 refused
    for wrong in ("24:00", "12:60"):
        with pytest.raises(TimeProblem):
            parse_wall_time(wrong)


def test_a_shifts_csv_line_of_10000_characters_is_read_and_one_longer_is_refused() -> None:
    head = "pa,date,start,end,notes\n"
    base = "Priya Shah,01/12/2026,09:00,13:00,"
    assert MAX_LINE_CHARACTERS == 10_000
    ok = base + "x" * (10_000 - len(base))
    lines, problems = parse_shifts_csv(head + ok + "\n")
    assert problems == [] and len(lines) == 1
    _lines, problems = parse_shifts_csv(head + ok + "x\n")
    assert problems and problems[0].line == 2  # fault: 10,001 characters read


def test_an_empty_shifts_file_is_a_problem_on_line_1() -> None:
    lines, problems = parse_shifts_csv("")
    assert lines == [] and [p.line for p in problems] == [1]  # fault: line 2


def test_a_shifts_minutes_and_the_premium_over_basic_pay() -> None:
    """NMW: pay above the basic rate (a weekend premium) does not count; the pay line keeps the minutes worked
    (faults: a minute added; the premium added to basic pay instead of the difference)."""
    saturday = date(2026, 12, 5)
    rates = [Rate("day", date(2026, 1, 1), 1400), Rate("weekend", date(2026, 1, 1), 1600)]
    pay = period_pay([ShiftForPay(at(saturday, 9), at(saturday, 13), "work")], rates, Boundaries())
    assert [(line.kind, line.minutes, line.amount_pence) for line in pay.lines] == [("weekend", 240, 6_400)]
    assert (pay.nmw_basic_pay_pence, pay.premium_pay_pence) == (5_600, 800)


def test_the_rate_in_force_is_the_latest_of_its_kind_started_by_the_day() -> None:
    rates = [Rate("night", date(2026, 1, 1), 1500), Rate("day", date(2026, 6, 1), 1450),
             Rate("day", date(2026, 1, 1), 1400)]
    assert rate_on(rates, "day", date(2026, 12, 1)).hourly_pence == 1450  # type: ignore[union-attr]
    assert rate_on(rates, "day", date(2026, 3, 1)).hourly_pence == 1400  # type: ignore[union-attr]
    assert rate_on(rates, "weekend", date(2026, 3, 1)) is None  # fault: another kind's rate (and -> or)


def test_a_weekly_rota_is_every_week() -> None:
    pattern = Pattern(weekly_rule([0, 4]), date(2026, 12, 1), None, time(8), time(13))
    assert describe(pattern).startswith("Every week on Monday and Friday")  # fault: "Every 1 weeks"


def test_48_hours_exactly_over_17_weeks_is_not_over_the_limit() -> None:
    """Working Time Regulations 1998 reg. 4: no more than 48 hours a week on average (fault: a minute added to
    each week's total)."""
    monday = date(2026, 8, 10)
    shifts = [TimedShift(None, at(monday.fromordinal(monday.toordinal() + 7 * week + day), 8),
                         at(monday.fromordinal(monday.toordinal() + 7 * week + day), 20)) for week in range(17)
              for day in range(4)]
    warnings = [w.message for w in working_time_warnings(shifts, opted_out=False)]
    assert not any("48 hours a week on average" in w for w in warnings)


def test_the_last_penny_of_the_employment_allowance_is_said_to_be_used_up() -> None:
    """The run that uses the allowance's last penny says it is used up (fault: only when more than 1p is used)."""
    from app.payroll.rates import rates_for

    annual = rates_for("2026-27").employment_allowance_pence
    facts = RunFacts(Frequency.MONTHLY, date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 31),
                     (pa(1, 200 * 60),), employment_allowance_used_before_pence=annual - 1)
    slip = draft_pay_run(facts).payslips[0]
    assert slip.result.employment_allowance_offset_pence == 1
    assert any("is used up in this run" in warning for warning in slip.warnings)


def test_with_no_usual_working_days_wednesday_is_the_qualifying_day() -> None:
    """SSP (General) Regulations 1982 reg. 5(3): where no qualifying days are agreed, Wednesday is the one
    qualifying day of the week (fault: Thursday)."""
    result = calculate_ssp(SspInput((SicknessSpell(date(2026, 11, 29), date(2026, 12, 5)),), frozenset(), 40_000))
    assert result.entitled_days == (date(2026, 12, 2),)


# -- a second sample (seed 5) ---------------------------------------------------------------------------------

def test_age_is_one_less_before_the_birthday() -> None:
    from app.core.dates import age_on

    assert age_on(date(1990, 6, 2), date(2026, 6, 1)) == 35 and age_on(date(1990, 6, 2), date(2026, 6, 2)) == 36


def test_nothing_is_written_as_plain_pounds_without_a_minus() -> None:
    assert format_pounds(0) == "£0.00" and format_pounds(-1) == "−£0.01"  # faults: "−£0.00"; a penny as positive


@pytest.mark.parametrize(("field", "value"), [
    ("qualifying_days", ["funday"]), ("accommodation_days", 32), ("period", True), ("age", -1), ("age", 131),
    ("age", True)])
def test_calc_refuses_what_is_not_a_day_a_number_or_a_real_age(field: str, value: object) -> None:
    """Booleans are not numbers; a qualifying day is a day of the week; at most 31 days' accommodation in a pay
    reference period; an age from 0 to 130."""
    lines = {
        "qualifying_days": {"kind": "statutory_sick_pay", "sickness": [{"first_day": "2026-12-01",
                                                                         "last_day": "2026-12-04"}],
                            "average_weekly_earnings": "400.00"},
        "accommodation_days": {"kind": "minimum_wage", "period_start": "2026-12-01", "date_of_birth": "1990-01-01",
                               "hours_worked": "40", "basic_pay": "600.00", "accommodation_charge": "0.00"},
        "period": {"kind": "national_insurance", "tax_year": "2026-27", "frequency": "monthly", "category": "A",
                   "gross_pay": "1000.00"},
        "age": {"kind": "payslip", "tax_year": "2026-27", "frequency": "monthly", "period": 9, "tax_code": "1257L",
                "category": "A", "pay": [{"kind": "basic", "description": "Day", "amount": "1000.00"}]},
    }
    line = {**lines[field], field: value}
    assert calculate_line(json.dumps(line), 1).get("field") == field
    if field == "accommodation_days":
        assert "error" not in calculate_line(json.dumps({**line, field: 31}), 1)
    if field == "age":
        assert "error" not in calculate_line(json.dumps({**line, field: 0}), 1)


def test_the_employment_allowance_refuses_negative_figures_and_covers_nothing_unclaimed() -> None:
    from app.payroll.employment_allowance import AllowanceUse, apply_allowance

    with pytest.raises(ValueError):
        apply_allowance("2026-27", -1, 0)  # fault: refused only when both are negative
    assert apply_allowance("2026-27", 5_000, 0, claiming=False) == AllowanceUse(0, 5_000, 0)


def test_which_pay_counts_for_the_4_weeks_core_holiday() -> None:
    """Working Time Regulations 1998 reg. 16(3)(e) (from 2024): regular overtime, commission and payments for
    seniority, training or holiday count; sick pay, expenses and one-off bonuses do not."""
    from app.payroll.holiday import week_pay_that_counts

    for kind in ("basic", "night", "weekend", "bank_holiday", "sleep_in", "waking_night", "regular_overtime",
                 "commission", "seniority", "training", "holiday"):
        assert week_pay_that_counts({kind: 1_000}) == 1_000, kind
    for kind in ("sick", "expenses", "one_off_bonus"):
        assert week_pay_that_counts({kind: 1_000}) == 0, kind


def test_the_leave_year_began_last_april_until_this_april() -> None:
    from app.payroll.holiday import leave_year_start

    assert leave_year_start(date(2027, 2, 10)) == date(2026, 4, 1)  # faults: the year after; two years back
    assert leave_year_start(date(2026, 4, 1)) == date(2026, 4, 1)


def test_a_week_holds_168_hours_at_most() -> None:
    pattern = WorkPattern("compressed_hours", days_per_week=D(7), hours_per_week=D("168.5"))
    with pytest.raises(ValueError):
        holiday_entitlement(EntitlementInput(pattern, "2026-27"))  # fault: 169 allowed
    holiday_entitlement(EntitlementInput(WorkPattern("compressed_hours", days_per_week=D(7), hours_per_week=D(168)),
                                         "2026-27"))


def test_a_leavers_rounding_rule_is_said_for_days() -> None:
    result = holiday_entitlement(EntitlementInput(WorkPattern("days_per_week", days_per_week=D(5)), "2026-27",
                                                  date(2026, 4, 1), leaves_on=date(2026, 9, 30)))
    assert result.rule.endswith("GOV.UK rounds up to one decimal place")  # fault: "two decimal places"


def test_a_no_tax_code_has_no_taxable_pay() -> None:
    from app.payroll.income_tax import IncomeTaxInput, calculate_income_tax

    result = calculate_income_tax(IncomeTaxInput("2026-27", Frequency.MONTHLY, 9, "NT", 300_000, 2_700_000))
    assert result.tax_due_in_period_pence == 0 and result.taxable_pay_rounded_pounds == 0  # fault: £1


def test_category_x_pays_and_reports_nothing() -> None:
    """HMRC NI category X (under 16, or not liable): no contributions and no earnings bands reported."""
    from app.payroll.national_insurance import NiInput, NiResult, calculate_ni

    assert calculate_ni(NiInput("2026-27", Frequency.MONTHLY, "X", 300_000)) == NiResult(0, 0, 0, 0, 0)


def test_an_ssp_note_starts_its_warning_with_one_capital() -> None:
    ssp = SspInPeriod((date(2026, 12, 1),), 2_465, (), ("ask for a fit note after 7 days",))
    slip = draft_pay_run(run(pa(1, 60 * 60, ssp=ssp))).payslips[0]
    assert "PA 1: Ask for a fit note after 7 days." in slip.warnings  # fault: "ASk"


def test_the_year_to_date_adds_each_figure() -> None:
    slip = draft_pay_run(run(pa(1, 200 * 60, year_to_date=YearToDate(100_000, 100_000, 5_000, 4_000, 3_000, 0, 0,
                                                                     0, 0)))).payslips[0]
    ytd = slip.year_to_date
    assert ytd.employer_ni_pence == 3_000 + slip.result.employer_ni_pence  # fault: subtracted
    assert ytd.employee_ni_pence == 4_000 + slip.result.employee_ni_pence


def test_pay_below_the_qualifying_earnings_band_earns_no_contributions() -> None:
    """The Pensions Regulator 2026-27: monthly qualifying earnings from £520 (fault: a pound counted below it)."""
    result = calculate_pension(PensionInput("2026-27", Frequency.MONTHLY, 50_000, 35))
    assert (result.pensionable_earnings_pence, result.employee_gross_contribution_pence) == (0, 0)


def test_a_month_is_a_twelfth_of_the_year() -> None:
    assert Frequency.MONTHLY.annual_fraction() == D(1) / 12 and Frequency.WEEKLY.annual_fraction() == D(1) / 52


def test_a_period_number_is_a_whole_number_not_true_or_false() -> None:
    from app.payroll.periods import check_period

    with pytest.raises(ValueError, match="whole number"):
        check_period(Frequency.MONTHLY, True)  # type: ignore[arg-type]  # fault: booleans let through


def test_old_ssp_is_refused_before_2011_saying_what_is_known() -> None:
    from app.payroll.rates import UnsupportedTaxYear, ssp_rates_for_date, supported_tax_years

    with pytest.raises(UnsupportedTaxYear) as refused:
        ssp_rates_for_date(date(2010, 6, 1))
    assert str(refused.value).endswith(f"it knows 2011-12 to {supported_tax_years()[-1]}")


def test_redundancy_counts_back_each_complete_year() -> None:
    """ERA 1996 s. 162, counting back from the end: born 1 January 1985, 1 January 2016 to 1 January 2027 at £400:
    11.5 weeks (faults: the first year back skipped; the count one short)."""
    from app.payroll.rates import rates_for
    from app.payroll.redundancy import statutory_redundancy

    pay = statutory_redundancy(date(1985, 1, 1), date(2016, 1, 1), date(2027, 1, 1), 40_000,
                               rates_for("2026-27").redundancy)
    assert (pay.years, pay.weeks, pay.amount_pence) == (11, D("11.5"), 460_000)


def test_ssp_inputs_are_days_of_the_week_and_no_negative_earnings() -> None:
    spell = (SicknessSpell(date(2026, 11, 30), date(2026, 12, 4)),)
    with pytest.raises(ValueError):
        calculate_ssp(SspInput(spell, frozenset({7}), 40_000))  # fault: an eighth day of the week
    with pytest.raises(ValueError):
        calculate_ssp(SspInput(spell, MON_TO_FRI, -1))
    nothing = calculate_ssp(SspInput(spell, MON_TO_FRI, 0))  # fault: average earnings of nothing refused
    assert nothing.total_pence == 0  # from 6 April 2026 no lower earnings limit: 80% of nothing


def test_monthly_average_weekly_earnings_need_the_number_of_paydays() -> None:
    from app.payroll.ssp import average_weekly_earnings

    assert average_weekly_earnings(260_000, "monthly", 2) == 30_000  # £2,600 over 2 months x 12 / 52
    with pytest.raises(ValueError, match="how many monthly paydays"):
        average_weekly_earnings(260_000, "monthly", 0)  # fault: 0 months let through (a division by nought)


def test_breaks_and_rest_are_for_work_shifts() -> None:
    """Working Time Regulations 1998 reg. 10 and 12 apply to working time: a long sleep-in needs no 20-minute
    break warning, and a sleep-in straight after a day shift is not a short rest between working days."""
    day = date(2026, 12, 1)
    sleep_in = TimedShift(None, at(day, 22), at(day + (date(2026, 12, 2) - day), 7), "sleep_in")
    assert working_time_warnings([sleep_in], opted_out=False) == []  # fault: any long shift
    work = TimedShift(None, at(day, 8), at(day, 20))
    warnings = [w.message for w in working_time_warnings([work, sleep_in], opted_out=False)]
    assert not any("rest" in w for w in warnings)  # fault: any two shifts


def test_midnight_written_as_2400_says_to_write_0000() -> None:
    with pytest.raises(TimeProblem, match="write 00:00"):
        parse_wall_time("24:00")
    with pytest.raises(TimeProblem) as later:
        parse_wall_time("25:00")
    assert "00:00" not in str(later.value)


def test_a_shifts_csv_from_a_spreadsheet_with_a_byte_order_mark_is_read() -> None:
    lines, problems = parse_shifts_csv("\ufeffpa,date,start,end\nPriya Shah,01/12/2026,09:00,13:00\n")
    assert problems == [] and len(lines) == 1  # fault: two characters cut, the first column lost


def test_a_shift_on_the_day_a_pa_leaves_is_allowed() -> None:
    from app.timesheets.shift_rules import NewShift, PaFacts, shift_problems

    leaver = PaFacts("Priya Shah", date(2025, 1, 6), date(2026, 12, 4), (Rate("day", date(2025, 1, 6), 1350),), ())
    last_day = shift_problems([NewShift(at(date(2026, 12, 4), 9), at(date(2026, 12, 4), 13))], leaver, [], Boundaries())
    after = shift_problems([NewShift(at(date(2026, 12, 5), 9), at(date(2026, 12, 5), 13))], leaver, [], Boundaries())
    assert last_day == [[]] and "left on" in after[0][0].message  # fault: the leaving day refused


# -- a third sample (seed 7) ----------------------------------------------------------------------------------

def test_pension_age_bands_at_their_edges() -> None:
    """Pensions Act 2008 s. 1 and 3: an eligible jobholder is 22 or over and under state pension age (66 for
    those born before 6 April 1960 here, as the default) and earns over the trigger (faults: 23; 67)."""
    from app.payroll.pension import WorkerCategory, assess_worker

    high = 200_000
    assert assess_worker(22, high, Frequency.MONTHLY, "2026-27") is WorkerCategory.ELIGIBLE_JOBHOLDER
    assert assess_worker(66, high, Frequency.MONTHLY, "2026-27") is WorkerCategory.NON_ELIGIBLE_JOBHOLDER
    assert assess_worker(65, high, Frequency.MONTHLY, "2026-27") is WorkerCategory.ELIGIBLE_JOBHOLDER


def test_a_contribution_rate_may_be_100_percent_but_not_more() -> None:
    calculate_pension(PensionInput("2026-27", Frequency.MONTHLY, 200_000, 35, employer_rate_percent=D(100)))
    with pytest.raises(ValueError):
        calculate_pension(PensionInput("2026-27", Frequency.MONTHLY, 200_000, 35, employer_rate_percent=D("100.01")))


def test_an_accommodation_charge_over_the_offset_takes_the_excess_off_pay() -> None:
    """NMW Regulations 2015 reg. 14-16: a charge above the daily offset reduces pay that counts by the excess, and
    the reason names it (faults: excess added; excess said as offset + charge)."""
    from app.payroll.minimum_wage import minimum_wage_for

    offset = minimum_wage_for(date(2026, 12, 1)).accommodation_offset_daily * 7
    charge = int(offset * 100) + 1_000
    result = check_minimum_wage(MinimumWageInput(date(2026, 12, 1), date(1990, 1, 1), D(40), basic_pay_pence=60_000,
                                                 accommodation_days=7, accommodation_charge_pence=charge))
    assert result.pay_counted_pence == 60_000 - 1_000
    assert any("£10.00" in reason for reason in result.reasons)


def test_scottish_school_leaving_for_winter_birthdays() -> None:
    """Education (Scotland) Act 1980 s. 33: a pupil who turns 16 from 1 October to the last day of February may
    leave at the start of the Christmas holidays before it. Born 15 October 2010 (16 in October 2026): still at
    school in December 2025, so not covered; in December 2026 covered (fault: October births a year early)."""
    pupil = MinimumWageInput(date(2025, 12, 1), date(2010, 10, 15), D(10), basic_pay_pence=10_000, country="scotland")
    assert not check_minimum_wage(pupil).applies
    a_year_on = MinimumWageInput(date(2026, 12, 1), date(2010, 10, 15), D(10), basic_pay_pence=10_000,
                                 country="scotland")
    assert check_minimum_wage(a_year_on).applies


def test_an_english_birthday_on_31_august_leaves_that_june() -> None:
    """Education and Skills Act 2008 / Education Act 1996 s. 8: born on 31 August 2010, 16 on 31 August 2026: the
    school year ends then, leaving on the last Friday of June 2026 (fault: a year later)."""
    from app.payroll.minimum_wage import school_leaving_date

    assert school_leaving_date(date(2010, 8, 31), "england") == date(2026, 6, 26)
    assert school_leaving_date(date(2010, 9, 1), "england") == date(2027, 6, 25)


def test_with_no_pay_given_nothing_counts_for_the_minimum_wage() -> None:
    result = check_minimum_wage(MinimumWageInput(date(2026, 12, 1), date(1990, 1, 1), D(10)))
    assert result.pay_counted_pence == 0 and result.underpaid  # fault: a penny by default


def test_the_holiday_day_rate_uses_the_most_recent_periods_before_the_day() -> None:
    """ERA 1996 s. 224: the reference period is the 52 paid weeks ending before the holiday, the latest first
    (faults: a period ending on the day counted; the oldest periods taken first; a week added). Twenty four-week
    periods, each paid £10 a period more than the last, 20 days worked in each: the 13 before the day count."""
    from datetime import timedelta

    ends = [date(2027, 3, 1) - timedelta(days=28 * k) for k in range(20)]  # the first ends on the day itself
    periods = tuple(PaidPeriod(end, D(4), 100_000 - k * 1_000, 20) for k, end in enumerate(ends))
    rate = holiday_day_rate(periods, date(2027, 3, 1))
    assert rate is not None and rate.weeks_used == D(52) and rate.days_worked == 13 * 20
    counted = sum(100_000 - k * 1_000 for k in range(1, 14))  # periods 1 to 13 back
    assert rate.day_rate_pence == round(D(counted) / (13 * 20))


def test_calc_reads_sunday_and_names_a_bad_sickness_spell_by_its_place() -> None:
    ssp = {"kind": "statutory_sick_pay", "average_weekly_earnings": "400.00", "qualifying_days": ["sun"],
           "sickness": [{"first_day": "2026-11-29", "last_day": "2026-12-05"}]}
    assert calculate_line(json.dumps(ssp), 1)["days_paid"] == 1  # the Sunday (fault: Sunday read as day 7)
    bad = {**ssp, "sickness": [{"first_day": "2026-12-05", "last_day": "2026-12-01"}]}
    assert calculate_line(json.dumps(bad), 1)["field"] == "sickness[1]"  # fault: counted from 2


def test_calc_student_loan_plans_are_text_or_numbers_not_true() -> None:
    line = {"kind": "student_loan", "tax_year": "2026-27", "frequency": "monthly", "gross_pay": "3000.00"}
    assert calculate_line(json.dumps({**line, "plans": [True]}), 1)["field"] == "plans"  # fault: true let through
    assert calculate_line(json.dumps({**line, "plans": "2"}), 1)["field"] == "plans"  # fault: a text, not a list
    assert "error" not in calculate_line(json.dumps({**line, "plans": ["2", 1]}), 1)


def test_calc_leave_years_of_366_days_and_no_accommodation() -> None:
    regular = {"kind": "holiday_accrual", "tax_year": "2026-27", "basis": "regular", "days_per_week": "5",
               "days_employed": "183"}
    assert "error" not in calculate_line(json.dumps({**regular, "days_employed": 183, "leave_year_days": 366}), 1)
    assert calculate_line(json.dumps({**regular, "days_employed": 183, "leave_year_days": 367}), 1)["field"] == \
        "leave_year_days"
    wage = {"kind": "minimum_wage", "period_start": "2026-12-01", "date_of_birth": "1990-01-01", "hours_worked": "40",
            "basic_pay": "600.00", "accommodation_days": 0}
    assert "error" not in calculate_line(json.dumps(wage), 1)  # fault: no days of accommodation refused
    unsaid = {k: v for k, v in wage.items() if k != "accommodation_days"}
    assert calculate_line(json.dumps(unsaid), 1)["pay_counted"] == "600.00"  # fault: a day's offset by default


def test_holiday_earned_counts_time_worked_not_flat_sleep_ins_or_holiday() -> None:
    """Working Time Regulations reg. 15B: 12.07% of hours worked; holiday taken and flat-rate sleep-ins are not
    hours worked (fault: a flat line or holiday counted)."""
    lines = (TimeLine("day", "day", 600, 0, 1350, 13_500, False),
             TimeLine("sleep_in", "sleep-in", 480, 1, 8_500, 8_500, True),
             TimeLine("holiday", "holiday", 480, 0, 1350, 10_800, False))
    slip = draft_pay_run(run(pa(1, 0, time_lines=lines, irregular_hours=True))).payslips[0]
    assert slip.holiday_words.startswith("Holiday earned this pay period: 1.21 hours (12.07% of 10.00 hours worked)")


def test_a_payment_of_nothing_is_refused_and_a_penny_is_not() -> None:
    from app.payroll.pay_run import Addition, AdditionKind

    draft = draft_pay_run(run(pa(1, 600, additions=(Addition(AdditionKind.BONUS, "Bonus", 0),))))
    assert any("must be more than £0" in p.message for p in draft.problems)  # fault: £0 allowed
    penny = draft_pay_run(run(pa(1, 600, additions=(Addition(AdditionKind.BONUS, "Bonus", 1),))))
    assert not any("must be more than £0" in p.message for p in penny.problems)  # fault: 1p refused


def test_tax_quarters_run_in_threes_from_april() -> None:
    from app.payroll.paying_hmrc import quarter_of

    assert [quarter_of(m) for m in (1, 3, 4, 12)] == [(1, 3), (1, 3), (4, 6), (10, 12)]


def test_tax_paid_to_date_adds_this_periods_tax() -> None:
    result = calculate_payslip(PayslipInput("2026-27", Frequency.MONTHLY, 9, "1257L", "A", 35,
                                            (PayElement("day", "day", 300_000),), taxable_pay_before_pence=2_400_000,
                                            tax_paid_before_pence=300_000))
    assert result.tax_paid_to_date_pence == 300_000 + result.tax_pence  # fault: subtracted
    month_1 = calculate_payslip(PayslipInput("2026-27", Frequency.MONTHLY, 9, "1257L", "A", 35,
                                             (PayElement("day", "day", 300_000),), week1_month1=True,
                                             tax_paid_before_pence=300_000))
    assert month_1.tax_paid_to_date_pence == 300_000 + month_1.tax_pence  # on the month 1 basis too


def test_a_weeks_pay_for_redundancy_is_capped_at_the_statutory_maximum() -> None:
    """ERA 1996 s. 227: a week's pay is capped (£751 from 6 April 2026; fault: 101p to the pound)."""
    from app.payroll.rates import rates_for
    from app.payroll.redundancy import statutory_redundancy

    rates = rates_for("2026-27").redundancy
    pay = statutory_redundancy(date(1985, 1, 1), date(2016, 1, 1), date(2027, 1, 1), 100_000, rates)
    assert pay.week_pay_pence == int(rates.week_pay_cap * 100) == 75_100


def test_a_relevant_period_of_one_day_is_read() -> None:
    from app.payroll.ssp import average_weekly_earnings_over

    assert average_weekly_earnings_over(10_000, 1) == D(700)  # fault: one day refused
    with pytest.raises(ValueError):
        average_weekly_earnings_over(10_000, 0)


def test_a_missing_rate_is_said_once_a_day_and_sick_time_needs_none() -> None:
    day = date(2026, 12, 1)
    shifts = [ShiftForPay(at(day, 8), at(day, 10), "work"), ShiftForPay(at(day, 11), at(day, 13), "work"),
              ShiftForPay(at(date(2026, 12, 2), 9), at(date(2026, 12, 2), 17), "sick")]
    pay = period_pay(shifts, [], Boundaries())
    assert [p.field for p in pay.problems] == ["day"]  # faults: said twice; sick time asked a rate for


def test_a_rota_on_one_day_names_it_plainly() -> None:
    pattern = Pattern(weekly_rule([5]), date(2026, 12, 1), None, time(8), time(13))
    assert describe(pattern).startswith("Every week on Saturday,")  # fault: " and Saturday"


def test_a_shift_of_no_length_is_refused() -> None:
    from app.timesheets.shift_rules import NewShift, PaFacts, shift_problems

    priya = PaFacts("Priya Shah", date(2025, 1, 6), None, (Rate("day", date(2025, 1, 6), 1350),), ())
    found = shift_problems([NewShift(at(date(2026, 12, 1), 9), at(date(2026, 12, 1), 9))], priya, [], Boundaries())
    assert any("ends before it starts" in p.message for p in found[0])  # fault: a shift of 0 minutes allowed


def test_a_monthly_year_has_12_periods_and_money_is_multiplied_by_whole_numbers_only() -> None:
    assert Frequency.MONTHLY.periods_per_year == 12 and Frequency.FORTNIGHTLY.periods_per_year == 26
    with pytest.raises(TypeError):
        Money(100) * True  # type: ignore[operator]  # fault: a boolean taken as 1
    assert (Money(100) * 3).pence == 300

"""The pure pay run and what is owed HMRC: worked examples from GOV.UK, and invariants over many runs."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.payroll.minimum_wage import MinimumWageInput
from app.payroll.pay_run import (
    Addition,
    AdditionKind,
    PaInRun,
    RunFacts,
    TimeLine,
    TimesheetState,
    YearToDate,
    draft_pay_run,
    tax_period,
)
from app.payroll.paying_hmrc import HmrcPart, due_date, hmrc_bills, may_pay_quarterly, month_ends, payment_reference
from app.payroll.payslip import PayElement, PayslipInput, calculate_payslip
from app.payroll.periods import Frequency
from app.payroll.rates import rates_for

AO = "123PA00045678"  # GOV.UK's example Accounts Office reference


def test_payment_reference_for_a_month_gov_uk_example() -> None:
    """GOV.UK "Reference numbers for early and late payments": a payment for 6 May to 5 June 2024 (tax month 2
    of 2024-25) adds 2502."""
    assert payment_reference(AO, "2024-25", 2) == "123PA000456782502"


def test_payment_reference_for_a_quarter_uses_its_last_month_gov_uk_example() -> None:
    """GOV.UK's table: the quarter 6 April to 5 July is numbered 03 (its last tax month); for 2024-25, 2503."""
    bills = hmrc_bills([HmrcPart("2024-25", month, 100, 0, 0, 0, 0, 0) for month in (1, 2, 3)], AO, quarterly=True)
    assert [(b.first_month, b.last_month, b.reference, b.amount_pence) for b in bills] == [
        (1, 3, "123PA000456782503", 300)]


def test_no_reference_suffix_without_a_valid_accounts_office_reference() -> None:
    assert payment_reference("", "2026-27", 9) == ""
    assert payment_reference("123/AB456", "2026-27", 9) == ""  # that is the PAYE reference, not the AO one


def test_tax_months_end_on_the_fifth() -> None:
    assert month_ends("2026-27", 1) == date(2026, 5, 5)
    assert month_ends("2026-27", 9) == date(2027, 1, 5)
    assert month_ends("2026-27", 12) == date(2027, 4, 5)


def test_due_on_the_22nd_after_the_tax_month_or_the_working_day_before() -> None:
    """GOV.UK "Pay employers' PAYE": by the 22nd of the next tax month electronically, the 19th by post; pay
    earlier when that is a weekend or bank holiday."""
    assert due_date("2026-27", 8) == date(2026, 12, 22)  # 6 November to 5 December 2026: a Tuesday
    assert due_date("2026-27", 8, electronic=False) == date(2026, 12, 18)  # the 19th is a Saturday
    assert due_date("2026-27", 7) == date(2026, 11, 20)  # 22 November 2026 is a Sunday: Friday before


def test_quarterly_payment_is_allowed_under_1500_a_month_on_average() -> None:
    assert may_pay_quarterly("2026-27", 149_999)
    assert not may_pay_quarterly("2026-27", 150_000)


@pytest.mark.parametrize("frequency, pay_date, period", [
    (Frequency.MONTHLY, date(2026, 12, 31), 9),
    (Frequency.MONTHLY, date(2026, 4, 6), 1),
    (Frequency.WEEKLY, date(2026, 4, 12), 1),
    (Frequency.WEEKLY, date(2027, 4, 5), 53),  # HMRC: the day after week 52 is week 53
    (Frequency.FORTNIGHTLY, date(2027, 4, 5), 54),
    (Frequency.FOUR_WEEKLY, date(2027, 4, 5), 56),
    (Frequency.FORTNIGHTLY, date(2026, 4, 17), 2),
])
def test_tax_period_of_the_pay_date(frequency: Frequency, pay_date: date, period: int) -> None:
    assert tax_period(frequency, pay_date) == period


def pa(pa_id: int, minutes: int, rate: int = 1350, **changes: object) -> PaInRun:
    facts = dict(pa_id=pa_id, name=f"PA {pa_id}", age=35, tax_code="1257L", week1_month1=False, ni_category="A",
                 student_loan_plans=(), postgraduate_loan=False, pension=None, pension_status="to_assess",
                 timesheet=TimesheetState.APPROVED,
                 time_lines=(TimeLine("day", "day", minutes, 0, rate, minutes * rate // 60, False),))
    facts.update(changes)
    return PaInRun(**facts)  # type: ignore[arg-type]


def run(*pas: PaInRun, pay_date: date = date(2026, 12, 31), used: int = 0) -> RunFacts:
    return RunFacts(Frequency.MONTHLY, date(2026, 12, 1), date(2026, 12, 31), pay_date, pas,
                    employment_allowance_used_before_pence=used)


def test_each_payslip_is_the_payslip_calculation_with_the_year_to_date() -> None:
    before = YearToDate(gross_pay_pence=1_500_000, taxable_pay_pence=1_500_000, tax_pence=120_000)
    draft = draft_pay_run(run(pa(1, 120 * 60, year_to_date=before)))
    direct = calculate_payslip(PayslipInput("2026-27", Frequency.MONTHLY, 9, "1257L", "A", 35,
                                            (PayElement("day", "day", 162_000),), taxable_pay_before_pence=1_500_000,
                                            tax_paid_before_pence=120_000))
    assert draft.payslips[0].result == direct
    assert draft.payslips[0].year_to_date.gross_pay_pence == 1_500_000 + 162_000
    assert draft.period == 9 and draft.tax_year == "2026-27"


def test_expenses_are_not_taxed_and_deductions_come_off_net_pay() -> None:
    plain = draft_pay_run(run(pa(1, 100 * 60))).payslips[0]
    extra = draft_pay_run(run(pa(1, 100 * 60, additions=(
        Addition(AdditionKind.EXPENSES, "bus fares", 1240), Addition(AdditionKind.DEDUCTION, "advance", 5000))))).payslips[0]
    assert extra.result == plain.result  # neither is pay
    assert extra.paid_to_pa_pence == plain.result.net_pay_pence + 1240 - 5000
    bonus = draft_pay_run(run(pa(1, 100 * 60, additions=(Addition(AdditionKind.BONUS, "", 10000),)))).payslips[0]
    assert bonus.result.gross_pay_pence == plain.result.gross_pay_pence + 10000


def test_a_timesheet_not_approved_stops_finalising_and_nothing_recorded_pays_nothing() -> None:
    draft = draft_pay_run(run(pa(1, 0, timesheet=TimesheetState.NOT_APPROVED, time_lines=()),
                              pa(2, 0, timesheet=TimesheetState.NONE, time_lines=()), pa(3, 60 * 60)))
    assert [s.pa_id for s in draft.payslips] == [3]
    assert any("PA 1's timesheet for this period is not approved" in p.message for p in draft.problems)


def test_negative_pay_to_the_pa_is_refused() -> None:
    draft = draft_pay_run(run(pa(1, 60, additions=(Addition(AdditionKind.DEDUCTION, "advance", 100_000),))))
    assert any("less than nothing" in p.message for p in draft.problems)


def test_a_pay_date_outside_the_supported_years_is_a_problem_not_a_crash() -> None:
    draft = draft_pay_run(run(pa(1, 60), pay_date=date(2030, 1, 1)))
    assert draft.problems and "2029-30" in draft.problems[0].message and not draft.payslips


def test_employment_allowance_is_used_up_pa_by_pa_and_the_run_says_when_it_runs_out() -> None:
    allowance = rates_for("2026-27").employment_allowance_pence
    draft = draft_pay_run(run(pa(1, 170 * 60, rate=3000), pa(2, 170 * 60, rate=3000), used=allowance - 50_000))
    first, second = draft.payslips
    assert first.result.employment_allowance_offset_pence + second.result.employment_allowance_offset_pence == 50_000
    assert draft.employment_allowance_used_pence == 50_000
    assert any("Employment Allowance" in w and "used up" in w for w in first.warnings + second.warnings)


def test_warnings_minimum_wage_pension_and_student_loan_start() -> None:
    underpaid = MinimumWageInput(date(2026, 12, 1), date(1990, 1, 1), hours_worked=Decimal(160),
                                 basic_pay_pence=160_000)  # £10 an hour
    slip = draft_pay_run(run(pa(1, 160 * 60, rate=1000, minimum_wage=underpaid))).payslips[0]
    said = " ".join(slip.warnings)
    assert "less than the minimum wage" in said and "Add back pay of at least" in said
    assert "enrolled in a workplace pension" in said
    loan = draft_pay_run(run(pa(1, 160 * 60, rate=2000, student_loan_plans=("2",)))).payslips[0]
    assert loan.result.student_loan_pence > 0 and "Student loan deductions start" in " ".join(loan.warnings)
    carried = YearToDate(student_loan_pence=3000)
    later = draft_pay_run(run(pa(1, 160 * 60, rate=2000, student_loan_plans=("2",), year_to_date=carried)))
    assert "Student loan deductions start" not in " ".join(later.payslips[0].warnings)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 250 * 60), st.integers(1000, 4000), st.integers(0, 20_000),
                          st.integers(0, 5_000), st.sampled_from(["1257L", "BR", "K100", "S1257L", "0T"]),
                          st.integers(0, 3_000)),
                min_size=1, max_size=6), st.integers(0, 1_100_000))
def test_run_invariants(pas: list[tuple[int, int, int, int, str, int]], used: int) -> None:
    """For every payslip: gross = tax + NI + pension + loans + net; paid = net + expenses + pension paid back -
    deductions; and the allowance used never goes past the year's amount."""
    from app.payroll.pension import Refund

    people = tuple(pa(i + 1, minutes, rate, tax_code=code, additions=tuple(
        a for a in (Addition(AdditionKind.BONUS, "", bonus) if bonus else None,
                    Addition(AdditionKind.EXPENSES, "x", expenses) if expenses else None) if a),
        pension_refund=Refund(refund, refund // 2) if refund else None)
        for i, (minutes, rate, bonus, expenses, code, refund) in enumerate(pas))
    draft = draft_pay_run(run(*people, used=used))
    allowance = rates_for("2026-27").employment_allowance_pence
    for slip in draft.payslips:
        r = slip.result
        assert r.gross_pay_pence == (r.tax_pence + r.employee_ni_pence + r.employee_pension_pence
                                     + r.student_loan_pence + r.postgraduate_loan_pence + r.net_pay_pence)
        assert slip.paid_to_pa_pence == (r.net_pay_pence + slip.expenses_pence + slip.pension_refund_pence
                                         - slip.deductions_pence)
        assert slip.pension_pence == (r.employee_pension_pence + r.employer_pension_pence - slip.pension_refund_pence
                                      - slip.employer_pension_refund_pence)
    assert 0 <= draft.employment_allowance_used_pence <= max(allowance - used, 0)
    assert draft.paid_to_pas_pence == sum(s.paid_to_pa_pence for s in draft.payslips)


def test_the_code_in_force_on_a_payday() -> None:
    """A notice applies from the first payday on or after its date; the latest in force wins."""
    from app.payroll.tax_code_notices import CodeNotice, code_in_force

    notices = (CodeNotice("p6", "1100L", False, date(2026, 9, 1)), CodeNotice("p6", "K50", True, date(2026, 12, 10)))
    assert code_in_force("1257L", False, date(2026, 4, 1), notices, date(2026, 8, 31)).tax_code == "1257L"
    assert code_in_force("1257L", False, date(2026, 4, 1), notices, date(2026, 9, 1)).tax_code == "1100L"
    late = code_in_force("1257L", False, date(2026, 4, 1), notices, date(2026, 12, 31))
    assert (late.tax_code, late.week1_month1) == ("K50", True)


def test_a_week1_code_carried_into_a_new_tax_year_becomes_cumulative_p9x() -> None:
    """HMRC P9X: a code carried forward into the new tax year loses any week 1 / month 1 marking on 6 April."""
    from app.payroll.tax_code_notices import CodeNotice, code_in_force

    carried = code_in_force("1257L", True, date(2026, 1, 5), (), date(2026, 4, 30))
    assert not carried.week1_month1 and "P9X" in carried.note
    same_year = code_in_force("1257L", True, date(2026, 4, 10), (), date(2026, 4, 30))
    assert same_year.week1_month1 and same_year.note == ""
    p9 = code_in_force("1257L", True, date(2025, 6, 1), (CodeNotice("p9", "1300L", True, date(2026, 4, 6)),),
                       date(2026, 4, 30))
    assert (p9.tax_code, p9.week1_month1, p9.note) == ("1300L", True, "")  # HMRC said week 1 for this year


def test_an_irregular_hours_pa_earns_12_07_percent_of_hours_worked_as_holiday() -> None:
    """Working Time Regulations 1998 reg. 15B (SI 2023/1426): holiday accrues at 12.07% of hours worked in each pay
    period; 100 hours worked earns 12.07 hours."""
    slip = draft_pay_run(run(pa(1, 100 * 60, irregular_hours=True))).payslips[0]
    assert slip.holiday_words == "Holiday earned this pay period: 12.07 hours (12.07% of 100.00 hours worked)"
    assert draft_pay_run(run(pa(1, 100 * 60))).payslips[0].holiday_words == ""

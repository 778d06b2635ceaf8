"""The payslip adds up to the penny, and `calc` explains bad input line by line."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.payroll.calc import calculate_line, run
from app.payroll.payslip import PayElement, PayslipInput, PensionMembership, calculate_payslip
from app.payroll.pension import Basis, TaxRelief
from app.payroll.periods import Frequency


def test_a_worked_payslip() -> None:
    """Priya, 2026-27 month 1, 1257L, category A, Plan 2, pension 5%/3% relief at source:
    gross £2,000; tax (2000 - 1048.26 -> 951) x 20% = £190.20; NI 8% of £952 = £76.16;
    pension QE £1,480: employee 5% = £74.00 gross, £59.20 off pay; employer £44.40;
    Plan 2 threshold £2,448.75: nothing; net £2,000 - 190.20 - 76.16 - 59.20 = £1,674.44."""
    result = calculate_payslip(PayslipInput(
        tax_year="2026-27", frequency=Frequency.MONTHLY, period=1, tax_code="1257L", ni_category="A", age=32,
        elements=(PayElement("basic", "Day hours", 180000), PayElement("sleep_in", "Sleep-ins", 20000)),
        student_loan_plans=("2",), pension=PensionMembership()))
    assert (result.tax_pence, result.employee_ni_pence, result.employee_pension_pence, result.net_pay_pence) == (
        19020, 7616, 5920, 167444)
    assert result.employer_ni_pence == 23745
    assert result.employment_allowance_offset_pence == 23745  # covered by the allowance
    assert result.employer_cost_pence == 200000 + 4440
    assert result.due_to_hmrc_pence == 19020 + 7616


def test_net_pay_arrangement_reduces_taxable_pay() -> None:
    result = calculate_payslip(PayslipInput(
        tax_year="2026-27", frequency=Frequency.MONTHLY, period=1, tax_code="1257L", ni_category="A", age=32,
        elements=(PayElement("basic", "Day hours", 200000),),
        pension=PensionMembership(Basis.ALL_PAY, Decimal(5), Decimal(3), TaxRelief.NET_PAY)))
    assert result.taxable_pay_pence == 200000 - 10000
    assert result.tax_pence == 17020  # (1900 - 1048.26 -> 851) x 20%


def test_unenrolled_eligible_jobholder_is_flagged() -> None:
    result = calculate_payslip(PayslipInput(
        tax_year="2026-27", frequency=Frequency.MONTHLY, period=1, tax_code="1257L", ni_category="A", age=32,
        elements=(PayElement("basic", "Day hours", 200000),)))
    assert result.pension_must_enrol and "must be enrolled" in result.notes[0]


codes = st.sampled_from(["1257L", "S1257L", "C1257L", "BR", "D0", "0T", "K100", "NT", "500L", "SD2", "1257L W1"])
categories = st.sampled_from(list("ABCHJMZVX"))
frequencies = st.sampled_from(list(Frequency))


@settings(max_examples=300, deadline=None)
@given(
    code=codes, category=categories, frequency=frequencies, year=st.sampled_from(["2024-25", "2025-26", "2026-27"]),
    pays=st.lists(st.integers(min_value=0, max_value=2_000_000), min_size=1, max_size=4),
    before=st.integers(min_value=0, max_value=5_000_000), paid_before=st.integers(min_value=0, max_value=1_000_000),
    plans=st.sampled_from([(), ("1",), ("2",), ("1", "4"), ("4",)]), postgraduate=st.booleans(),
    pension=st.sampled_from([None, PensionMembership(), PensionMembership(tax_relief=TaxRelief.NET_PAY),
                             PensionMembership(Basis.ALL_PAY, Decimal("4.5"), Decimal(3))]),
    age=st.integers(min_value=16, max_value=80), period=st.integers(min_value=1, max_value=12),
)
def test_gross_equals_deductions_plus_net(code: str, category: str, frequency: Frequency, year: str, pays: list[int],
                                          before: int, paid_before: int, plans: tuple[str, ...], postgraduate: bool,
                                          pension: PensionMembership | None, age: int, period: int) -> None:
    """Invariant: gross pay = tax + employee NI + employee pension + student loans + net pay, in pence."""
    result = calculate_payslip(PayslipInput(
        tax_year=year, frequency=frequency, period=period, tax_code=code, ni_category=category, age=age,
        elements=tuple(PayElement("basic", f"line {i}", p) for i, p in enumerate(pays)),
        taxable_pay_before_pence=before, tax_paid_before_pence=paid_before, student_loan_plans=plans,
        postgraduate_loan=postgraduate, pension=pension))
    assert result.gross_pay_pence == sum(pays)
    assert result.gross_pay_pence == (result.tax_pence + result.employee_ni_pence + result.employee_pension_pence
                                      + result.student_loan_pence + result.postgraduate_loan_pence
                                      + result.net_pay_pence)
    assert result.tax_pence * 2 <= result.taxable_pay_pence or result.tax_pence <= 0  # the 50% limit
    assert all(isinstance(getattr(result, f), int) for f in result.__dataclass_fields__ if f.endswith("_pence"))


def line(**fields: object) -> str:
    return json.dumps(fields)


GOOD_TAX = dict(kind="income_tax", tax_year="2026-27", frequency="monthly", period=1, tax_code="1257L",
                gross_pay="2000.00")


@pytest.mark.parametrize("change, field, words", [
    ({"gross_pay": "-5.00"}, "gross_pay", "cannot be negative"),
    ({"gross_pay": "lots"}, "gross_pay", "is not an amount"),
    ({"gross_pay": 2000}, "gross_pay", "written as a string"),
    ({"tax_code": "1257Q"}, "tax_code", "not a tax code"),
    ({"period": 0}, "period", "use 1 to 12"),
    ({"period": 13}, "period", "use 1 to 12"),
    ({"frequency": "daily"}, "frequency", "not a pay frequency"),
    ({"tax_year": "2023-24"}, "tax_year", "not supported"),
    ({"week1_month1": "yes"}, "week1_month1", "true or false"),
    ({"grosspay": "1.00"}, "grosspay", "is not a field"),
])
def test_income_tax_bad_input_names_the_field(change: dict[str, object], field: str, words: str) -> None:
    result = calculate_line(line(**{**GOOD_TAX, **change}), 7)
    assert result["line"] == 7 and result["field"] == field
    assert words in str(result["error"])


@pytest.mark.parametrize("request_, field, words", [
    (dict(kind="national_insurance", tax_year="2025-26", frequency="weekly", category="Q", gross_pay="1.00"),
     "category", "not a National Insurance category"),
    (dict(kind="pension", tax_year="2025-26", frequency="monthly", gross_pay="1.00", date_of_birth="2031-01-01",
          pay_date="2026-01-31"), "date_of_birth", "is after"),
    (dict(kind="minimum_wage", period_start="2026-05-01", date_of_birth="2027-01-01", hours_worked="10",
          basic_pay="100.00"), "date_of_birth", "is not before"),
    (dict(kind="student_loan", tax_year="2025-26", frequency="monthly", gross_pay="1.00", plans=["3"]),
     "plans", "not a student loan plan"),
    (dict(kind="student_loan", tax_year="2025-26", frequency="monthly", gross_pay="-1.00", plans=["2"]),
     "gross_pay", "cannot be negative"),
    (dict(kind="holiday_accrual", tax_year="2026-27", leave_year_start="2026-04-01", hours_worked="-3"),
     "hours_worked", "zero or more"),
])
def test_other_kinds_name_the_bad_field(request_: dict[str, object], field: str, words: str) -> None:
    result = calculate_line(json.dumps(request_), 1)
    assert result.get("field") == field, result
    assert words in str(result["error"])


def test_one_bad_line_does_not_stop_the_others() -> None:
    results, ok = run([line(**GOOD_TAX), line(**{**GOOD_TAX, "period": 13}), "{", "", line(kind="mystery"),
                       line(**GOOD_TAX)])
    assert not ok
    assert [r.get("line") for r in results] == [None, 2, 3, 5, None]
    assert results[0] == results[-1] == {"tax_due_in_period": "190.20", "tax_due_to_date": "190.20"}
    assert "kind" in results[3]["error"]


def test_every_kind_answers_in_strings_for_money() -> None:
    requests = [
        dict(kind="pension", tax_year="2026-27", frequency="monthly", gross_pay="1200.00", age=34),
        dict(kind="statutory_sick_pay", sickness=[{"first_day": "2026-04-06", "last_day": "2026-04-10"}],
             average_weekly_earnings="112.50"),
        dict(kind="holiday_accrual", tax_year="2026-27", leave_year_start="2026-04-01", hours_worked="74", pay="100.00"),
        dict(kind="holiday_accrual", tax_year="2026-27", basis="regular", days_per_week="3"),
        dict(kind="minimum_wage", period_start="2026-05-01", date_of_birth="1990-01-01", hours_worked="10",
             basic_pay="127.10"),
        dict(kind="employment_allowance", tax_year="2025-26", employer_ni="1000.00", used_before="10000.00"),
        dict(kind="payslip", tax_year="2026-27", frequency="monthly", period=1, tax_code="1257L", category="A", age=32,
             pay=[{"kind": "basic", "amount": "2000.00"}]),
    ]
    results, ok = run(json.dumps(r) for r in requests)
    assert ok, results
    assert results[1]["total"] == "90.00"
    assert results[2] == {"holiday_hours_accrued": "8.93", "rolled_up_holiday_pay": "12.07"}
    assert results[3] == {"entitlement_days": "16.8"}
    assert results[4]["underpaid"] is False
    assert results[5] == {"offset": "500.00", "employer_ni_payable": "500.00", "remaining": "0.00"}
    assert results[6]["net_pay"] == "1733.64"  # 2000 - 190.20 tax - 76.16 NI

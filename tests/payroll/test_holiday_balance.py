"""A PA's holiday balance in the leave year, in hours (issue: payroll exactness; pay runs: holiday balance per
PA): the pure rule, the service over a file's shifts, the command line, Home's reminder and the PAs screen."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from app.payroll.holiday_entitlement import BalanceFacts, holiday_balance
from app.services.book import EmployerBook, NewEmployer
from app.services.holiday_balances import holiday_balances, holiday_left_to_take
from app.services.home import home_summary
from tests import ops
from tests.ops import ShiftInput

D = Decimal
APRIL = date(2026, 4, 1)


def test_set_hours_give_5_6_weeks_of_the_contracted_hours() -> None:
    """Working Time Regulations 1998 reg. 13 and 13A: 5.6 weeks; 25 hours a week is 140 hours."""
    result = holiday_balance(BalanceFacts("Priya Shah", "weeks", D(25), date(2025, 1, 6), None, D(0), D(36)), APRIL,
                             date(2026, 12, 2), "2026-27")
    assert (result.entitled_hours, result.taken_hours, result.left_hours) == (D(140), D(36), D(104))
    assert result.words == ("Priya Shah: 140 hours of holiday in this leave year (1 April 2026 to 31 March 2027); "
                            "36 hours taken, 104 hours left.")


def test_a_starter_has_the_part_of_the_leave_year_remaining() -> None:
    """Reg. 13(5): starting 1 October 2026, 182 of the leave year's 365 days remain: 2.7923 weeks, rounded up to
    2.80, of 25 hours = 70 hours."""
    result = holiday_balance(BalanceFacts("Ann Lee", "weeks", D(25), date(2026, 10, 1), None, D(0), D(10)), APRIL,
                             date(2026, 12, 2), "2026-27")
    assert (result.entitled_hours, result.left_hours) == (D(70), D(60))
    assert "for the part of it they work here" in result.words


def test_irregular_hours_earn_12_07_percent_of_hours_worked() -> None:
    """Reg. 15B (leave years from 1 April 2024): 300 hours worked earn 36.21 hours (rounded up)."""
    result = holiday_balance(BalanceFacts("Tom Evans", "accrual_12_07", None, date(2025, 1, 6), None, D(300), D(40)),
                             APRIL, date(2026, 12, 2), "2026-27")
    assert result.entitled_hours == D("36.21") and result.left_hours == D("-3.79")
    assert "3.79 hours more taken than earned" in result.words


def test_rolled_up_holiday_pay_builds_no_balance_and_no_hours_say_what_to_add() -> None:
    rolled = holiday_balance(BalanceFacts("Sam Okafor", "rolled_up", D(10), date(2025, 1, 6), None, D(90), D(0)),
                             APRIL, date(2026, 12, 2), "2026-27")
    assert rolled.entitled_hours is None and "rolled up" in rolled.words
    no_hours = holiday_balance(BalanceFacts("Jo Byrne", "weeks", None, date(2025, 1, 6), None, D(0), D(0)),
                               APRIL, date(2026, 12, 2), "2026-27")
    assert no_hours.left_hours is None and "add their contracted hours" in no_hours.words


@pytest.fixture
def household(tmp_path: Path) -> EmployerBook:
    book = EmployerBook.create(tmp_path / "household.pabooks", NewEmployer("Alex Morgan"))
    rates = tuple(ops.RateInput(kind, "13.50") for kind in ("day", "holiday", "bank_holiday"))
    ops.add_pa(book, ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2025, 1, 6),
                                date_of_birth=date(1994, 7, 2), contracted_hours_per_week="25", starter_statement="A"),
               rates=rates)
    ops.add_pa(book, ops.PaForm(first_name="Tom", last_name="Evans", started_on=date(2025, 1, 6),
                                date_of_birth=date(1990, 3, 1), contract_type="irregular_hours", starter_statement="A"),
               rates=rates)
    for day in (date(2026, 5, 5), date(2026, 5, 6)):
        ops.add_shift(book, ShiftInput(1, day, "09:00", "17:00", kind="holiday"))
    ops.add_shift(book, ShiftInput(1, date(2026, 3, 31), "09:00", "17:00", kind="holiday"))  # last leave year
    for day in range(4, 29):
        if date(2026, 5, day).weekday() < 5:
            ops.add_shift(book, ShiftInput(2, date(2026, 5, day), "09:00", "17:00"))
    return book


def test_the_balances_from_the_shifts_in_the_file(household: EmployerBook) -> None:
    balances = {b.name: b for b in holiday_balances(household, date(2026, 12, 2))}
    assert balances["Priya Shah"].taken_hours == D(16) and balances["Priya Shah"].left_hours == D(124)
    tom = balances["Tom Evans"]  # 19 weekdays of 8 hours in May: 152 hours, 18.35 hours earned (rounded up)
    assert tom.entitled_hours == D("18.35") and tom.taken_hours == 0


def test_home_reminds_of_holiday_left_in_the_last_8_weeks(household: EmployerBook) -> None:
    assert holiday_left_to_take(household, date(2027, 1, 31)) == []  # more than 8 weeks before 31 March
    left = holiday_left_to_take(household, date(2027, 2, 10))
    assert [b.name for b in left] == ["Priya Shah"]  # Tom's irregular hours are paid as they are earned
    with ops.on(household, date(2027, 2, 10)):
        titles = [item.title for item in home_summary(household).todo]
    assert "Priya Shah has 124 hours of holiday left to take by 31 March 2027" in titles


def test_the_command_line_lists_the_balances(household: EmployerBook, capsys: pytest.CaptureFixture[str]) -> None:
    path = household.path
    household.close()
    assert main(["pa", "holiday", str(path), "--on", "02/12/2026"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["name"], r["left_hours"]) for r in rows] == [("Priya Shah", "124.00"), ("Tom Evans", "18.35")]


@pytest.mark.gui
def test_the_pas_screen_says_each_pas_holiday(qtbot: Any, household: EmployerBook) -> None:
    from PySide6.QtCore import Qt

    from app.ui.main_window import MainWindow

    path = household.path
    household.close()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    assert window.open_path(path)
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    screen = window.screens["PAs"]
    assert "Priya Shah: 140 hours of holiday in this leave year" in screen.holiday_words.text()
    assert screen.holiday_words.accessibleName().startswith("Holiday this leave year: Priya Shah")
    window.close()


def test_holiday_recorded_as_an_absence_counts_at_the_pas_average_day(household: EmployerBook) -> None:
    """Holiday recorded with "Record an absence" is kept as dates: each day counts at the PA's average working day
    in the leave year (Tom: 152 hours over 19 days, 8 hours), and the words say so."""
    from app.services.record_absence import AbsenceInput, RecordAbsence

    household.run(RecordAbsence(), AbsenceInput(2, "holiday", date(2026, 6, 1), date(2026, 6, 2))).unwrap()
    tom = next(b for b in holiday_balances(household, date(2026, 12, 2)) if b.name == "Tom Evans")
    assert tom.taken_hours == D(16) and tom.left_hours == D("2.35")
    assert "2 days recorded as a holiday absence, at 8 hours each" in tom.words


def test_a_leave_year_beyond_the_rates_held_uses_the_newest_holiday_rules(household: EmployerBook) -> None:
    """Found on reading the change: the PAs screen asked for 2027-28's rates, which PA Books does not hold yet."""
    balances = holiday_balances(household, date(2027, 5, 1))
    assert balances[0].leave_year == (date(2027, 4, 1), date(2028, 3, 31)) and balances[0].entitled_hours == D(140)


def test_each_payslip_says_the_holiday_left_at_the_end_of_its_period(household: EmployerBook, tmp_path: Path) -> None:
    """Pay runs use the balance: May's payslips say the leave year's holiday after May (Priya: 5.6 x 25 = 140 hours,
    16 taken; Tom: 12.07% of May's 152 hours), and keep saying it once final, whatever is recorded later."""
    from app.reports.payslip_pdf import payslip_text, write_payslips_pdf
    from tests.payroll.test_pay_runs_in_a_file import pdf_text

    first, last = date(2026, 5, 1), date(2026, 5, 31)
    with ops.on(household, last):
        for pa_id in (1, 2):
            ops.approve_timesheet(household, pa_id, first, last, last, last, confirm_planned=True)
        run_id = ops.start_pay_run(household, "monthly", first, last)
        ops.finalise(household, run_id, last, shown=ops.pay_run(household, run_id).paid_to_pas_pence)
    year = "Your holiday this leave year (1 April 2026 to 31 March 2027): "
    expected = {"Priya Shah": year + "140 hours, 16 hours taken, 124 hours left",
                "Tom Evans": "Holiday earned this pay period: 18.35 hours (12.07% of 152.00 hours worked). "
                             + year + "18.35 hours earned so far, 0 hours taken, 18.35 hours left"}
    view = ops.pay_run(household, run_id)
    assert {slip.pa_name: slip.holiday_words for slip in view.payslips} == expected
    with ops.on(household, date(2026, 6, 3)):
        ops.add_shift(household, ShiftInput(1, date(2026, 6, 2), "09:00", "17:00", kind="holiday"))
    view = ops.pay_run(household, run_id)
    assert {slip.pa_name: slip.holiday_words for slip in view.payslips} == expected  # final: never changes
    assert {b.name: b.left_hours for b in holiday_balances(household, date(2026, 6, 3))}["Priya Shah"] == D(116)
    priya = next(slip for slip in view.payslips if slip.pa_name == "Priya Shah")
    assert expected["Priya Shah"] + "." in payslip_text(view, priya)
    text = " ".join(pdf_text(write_payslips_pdf(view, tmp_path / "may.pdf", pa_id=priya.pa_id)).split())
    assert expected["Priya Shah"] + "." in text


def test_holiday_not_taken_by_a_leaver_is_paid_with_the_final_pay() -> None:
    """Working Time Regulations 1998 reg. 14: a worker who leaves with statutory holiday earned and not taken is
    paid for it. 18.5 hours left, a 7.5-hour working day, £105.00 a day at the 52-week average: 2.47 days,
    about £259.00 (18.5 / 7.5 x £105.00 = £259.00). Taken beyond what was earned: recovered only where the
    contract says so (reg. 14(4))."""
    from app.payroll.holiday import holiday_on_leaving_words

    owed = holiday_on_leaving_words("Tom Baker", date(2027, 1, 31), Decimal("18.5"), Decimal("7.5"), 10_500, 0)
    assert owed == ("Tom Baker leaves on 31 January 2027 with 18.5 hours of holiday not taken: pay it with this "
                    "final pay as holiday pay (Working Time Regulations 1998, regulation 14), about £259.00: 2.47 of "
                    "their 7.5-hour working days at £105.00, their pay per day worked over the last 52 paid weeks. "
                    "Add it with \"Add a payment or deduction\", as holiday pay.")
    unpriced = holiday_on_leaving_words("Tom Baker", date(2027, 1, 31), Decimal("18.5"), None, None, 25_900)
    assert "about" not in unpriced and unpriced.endswith("This run pays £259.00 of holiday pay: check it covers it.")
    over = holiday_on_leaving_words("Tom Baker", date(2027, 1, 31), Decimal("-6"), Decimal("7.5"), 10_500, 0)
    assert "having taken 6 hours more holiday than they earned" in over and "regulation 14(4)" in over
    assert holiday_on_leaving_words("Tom Baker", date(2027, 1, 31), Decimal(0), Decimal("7.5"), 10_500, 0) == ""

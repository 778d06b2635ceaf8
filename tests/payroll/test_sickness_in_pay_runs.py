"""Sickness in pay runs: Statutory Sick Pay from the absence records, under the rules in force on the first day
of sickness, with waiting days before 6 April 2026 and none after, each worked example checked by hand."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import ROUND_UP, Decimal
from pathlib import Path

import pytest

from app.services.book import BookError, EmployerBook, NewEmployer
from app.services.record_absence import AbsenceInput, RecordAbsence
from tests import ops
from tests.ops import RateInput, RotaInput


@pytest.fixture
def book(tmp_path: Path) -> Iterator[tuple[EmployerBook, int]]:
    opened = EmployerBook.create(tmp_path / "sick.pabooks", NewEmployer("Alex Morgan"))
    with ops.on(opened, date(2026, 1, 5)):
        pa = ops.add_pa(opened, ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 1, 5),
                                           date_of_birth=date(1994, 7, 2), contracted_hours_per_week="25",
                                           tax_code="1257L"),
                        rates=(RateInput("day", "14.00", date(2026, 1, 5)),
                               RateInput("bank_holiday", "21.00", date(2026, 1, 5))))
        ops.add_rota(opened, RotaInput(pa, (0, 1, 2, 3, 4), "09:00", "14:00", date(2026, 1, 5)))
    yield opened, pa
    opened.close()


def pay_month(book: EmployerBook, pa: int, first: date, last: date, sick: tuple[tuple[date, date], ...] = ()) -> int:
    with ops.on(book, last):
        ops.apply_rotas(book, first, last)
        for shift in ops.shifts_between(book, first, last, pa):
            if any(a <= shift.day <= b for a, b in sick):
                ops.mark_shift(book, shift.shift_id, status="absent")
        ops.approve_timesheet(book, pa, first, last, last, last, confirm_planned=True)
        run_id = ops.start_pay_run(book, "monthly", first, last)
        ops.finalise(book, run_id)
    return run_id


def ssp_line(book: EmployerBook, run_id: int) -> int:
    slip = ops.pay_run(book, run_id).payslips[0]
    return sum(line.amount_pence for line in slip.lines if line.description.startswith("Statutory Sick Pay"))


def up(amount: Decimal) -> int:
    return int((amount * 100).quantize(Decimal(1), rounding=ROUND_UP))


def test_a_spell_across_6_april_2026_keeps_the_old_rules_and_a_later_one_has_the_new(
        book: tuple[EmployerBook, int]) -> None:
    b, pa = book
    pay_month(b, pa, date(2026, 1, 1), date(2026, 1, 31))
    february = pay_month(b, pa, date(2026, 2, 1), date(2026, 2, 28))
    spell = (date(2026, 3, 30), date(2026, 4, 10))  # Monday 30 March to Friday 10 April
    with ops.on(b, date(2026, 3, 31)):
        with pytest.raises(BookError, match="last day is before the first day"):
            ops.run(b, RecordAbsence(), AbsenceInput(pa, "sickness", date(2026, 4, 10), date(2026, 3, 30)))
        ops.run(b, RecordAbsence(), AbsenceInput(pa, "sickness", *spell, evidence="fit_note"))
        with pytest.raises(BookError, match="already recorded as away"):
            ops.run(b, RecordAbsence(), AbsenceInput(pa, "sickness", date(2026, 4, 1), date(2026, 4, 2)))
    march = pay_month(b, pa, date(2026, 3, 1), date(2026, 3, 31), (spell,))
    # Before 6 April 2026: the first 3 qualifying days (30, 31 March, 1 April) are waiting days: no SSP in March.
    assert ssp_line(b, march) == 0
    assert any("3 waiting day" in w or "2 waiting day" in w for w in ops.pay_run(b, march).payslips[0].warnings)
    april = pay_month(b, pa, date(2026, 4, 1), date(2026, 4, 30), (spell,))
    # Then 2 and 3 April at the 2025-26 rate (£118.75 / 5 days) and 6 to 10 April at the 2026-27 rate
    # (£123.25 / 5), each week rounded up to the penny; the spell began under the old rules, so no 80% cap.
    expected = up(Decimal("118.75") / 5 * 2) + up(Decimal("123.25") / 5 * 5)
    assert ssp_line(b, april) == expected == 17075
    # A later spell, after 6 April 2026: one day is enough, no waiting days, and at most 80% of average earnings.
    may_spell = (date(2026, 5, 11), date(2026, 5, 12))
    with ops.on(b, date(2026, 5, 12)):
        ops.run(b, RecordAbsence(), AbsenceInput(pa, "sickness", *may_spell, evidence="self_certified"))
    may = pay_month(b, pa, date(2026, 5, 1), date(2026, 5, 31), (may_spell,))
    paid = [ops.pay_run(b, run).payslips[0].gross_pay_pence for run in (march, april)]
    average_weekly = Decimal(sum(paid)) / 100 / 2 * 12 / 52  # the 2 monthly paydays in the 8 weeks before
    average_weekly = average_weekly.quantize(Decimal("0.01"), rounding="ROUND_DOWN")
    weekly = min(Decimal("123.25"), (average_weekly * Decimal("0.8")).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP"))
    day_rate = (weekly / 5).quantize(Decimal("0.0001"), rounding="ROUND_DOWN")
    assert ssp_line(b, may) == up(day_rate * 2)
    assert ops.pay_run(b, february).payslips[0].gross_pay_pence > 0


def test_parental_leave_is_kept_and_said_to_be_worked_out_by_hand(book: tuple[EmployerBook, int]) -> None:
    b, pa = book
    with ops.on(b, date(2026, 6, 1)):
        ops.run(b, RecordAbsence(), AbsenceInput(pa, "parental", date(2026, 6, 15), date(2026, 12, 14)))
    with ops.on(b, date(2026, 6, 30)):
        ops.apply_rotas(b, date(2026, 6, 1), date(2026, 6, 30))
        ops.approve_timesheet(b, pa, date(2026, 6, 1), date(2026, 6, 30), date(2026, 6, 30), date(2026, 6, 30),
                              confirm_planned=True)
        run_id = ops.start_pay_run(b, "monthly", date(2026, 6, 1), date(2026, 6, 30))
    warnings = ops.pay_run(b, run_id).payslips[0].warnings
    assert any("parental leave from 15 June 2026" in w and "worked out by hand" in w for w in warnings)


def test_holiday_is_paid_at_the_pay_per_day_worked_over_the_last_52_weeks(book: tuple[EmployerBook, int]) -> None:
    """Working Time Regulations 1998 reg. 16 and ERA 1996 s. 224: for variable pay, a week's (here a day's)
    holiday pay is the average over the last 52 paid weeks. Priya's January and February are her only paid
    weeks: 40 days of 5 hours at £14.00, so £70.00 a day; a week's holiday in March is 5 x £70.00."""
    b, pa = book
    with ops.on(b, date(2026, 1, 31)):
        ops.run(b, RecordAbsence(), AbsenceInput(pa, "holiday", date(2026, 1, 26), date(2026, 1, 26)))
    january = pay_month(b, pa, date(2026, 1, 1), date(2026, 1, 31), ((date(2026, 1, 26), date(2026, 1, 26)),))
    assert any("no paid weeks to average yet" in w for w in ops.pay_run(b, january).payslips[0].warnings)
    pay_month(b, pa, date(2026, 2, 1), date(2026, 2, 28))
    holiday = (date(2026, 3, 9), date(2026, 3, 13))
    with ops.on(b, date(2026, 3, 1)):
        ops.run(b, RecordAbsence(), AbsenceInput(pa, "holiday", *holiday))
    march = pay_month(b, pa, date(2026, 3, 1), date(2026, 3, 31), (holiday,))
    lines = {line.description: line.amount_pence for line in ops.pay_run(b, march).payslips[0].lines}
    # January had 19 days worked (26 January was the holiday) and February 20, all at £70.00 a day.
    assert lines["Holiday pay (5 days at £70.00, the 52-week average)"] == 5 * 7000

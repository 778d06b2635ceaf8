"""A month's pension contributions member by member, as a scheme's contribution schedule asks for them: each
member's pay period, pensionable earnings (qualifying earnings, from the calc contract), the employer's and the
member's contributions, and, where nothing was paid, why in the words NEST's online schedule uses ("Member has
insufficient earnings", "No further contributions payable": nestpensions.org.uk, "Making partial or zero
payments"). The month's schedule adds up to the month's pension bill."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from app.core.money import parse_pence
from app.payroll import calc
from app.services.book import BookError
from app.services.pension_due import pension_bills
from app.services.pension_schedule import (
    INSUFFICIENT,
    NO_FURTHER,
    month_from,
    pension_schedule,
    schedule_lines,
    schedule_months,
)
from tests import ops
from tests.payroll.test_pay_runs_in_a_file import PRIYA, TOM, Household, household, pay_month

__all__ = ["household"]


def calc_line(**request: object) -> dict[str, str]:
    results, ok = calc.run([json.dumps(request, default=str).encode()])
    assert ok, results
    return results[0]


def three_months(h: Household) -> None:
    """Both PAs enrolled from 1 November 2026; Tom leaves on 6 December (two weekend days: £360, under the
    £520 a month lower limit); in January Priya works only two days (£140)."""
    ops.update_pa(h.book, h.priya, replace(PRIYA, pension_status="enrolled"), date(2026, 11, 1))
    ops.update_pa(h.book, h.tom, replace(TOM, pension_status="enrolled"), date(2026, 11, 1))
    pay_month(h, date(2026, 11, 1))
    ops.update_pa(h.book, h.tom, replace(TOM, pension_status="enrolled", left_on=date(2026, 12, 6)), date(2026, 12, 1))
    pay_month(h, date(2026, 12, 1))
    with ops.on(h.book, date(2027, 1, 31)):
        ops.apply_rotas(h.book, date(2027, 1, 1), date(2027, 1, 31))
        for shift in ops.shifts_between(h.book, date(2027, 1, 1), date(2027, 1, 31), h.priya)[2:]:
            ops.mark_shift(h.book, shift.shift_id, status="absent")
    pay_month(h, date(2027, 1, 1))


def test_each_members_contributions_as_the_schedule_asks_and_the_month_adds_up_to_the_bill(
        household: Household) -> None:
    h = household
    three_months(h)
    bills = {bill.deducted_in: bill.amount_pence for bill in pension_bills(h.book)}
    november = pension_schedule(h.book, date(2026, 11, 1))
    assert november.due_on == date(2026, 12, 22) and november.total_pence == bills[date(2026, 11, 1)] > 0
    run = ops.pay_run(h.book, ops.pay_runs(h.book)[-1].pay_run_id)  # November's, the first run
    assert [line.pa_name for line in november.lines] == ["Tom Baker", "Priya Shah"]  # by surname
    for line in november.lines:
        slip = next(s for s in run.payslips if s.pa_name == line.pa_name)
        assert (line.member_pence, line.employer_pence) == (dict(slip.deductions)["Pension"], slip.employer_pension_pence)
        expected = calc_line(kind="pension", tax_year="2026-27", frequency="monthly", age=32,
                             gross_pay=f"{slip.gross_pay_pence // 100}.{slip.gross_pay_pence % 100:02d}")
        assert line.pensionable_earnings_pence == parse_pence(expected["pensionable_earnings"])
        assert line.reason == "" and (line.period_start, line.period_end) == (date(2026, 11, 1), date(2026, 11, 30))
    december = pension_schedule(h.book, date(2026, 12, 1))
    tom = next(line for line in december.lines if line.pa_name == "Tom Baker")
    assert (tom.member_pence, tom.employer_pence, tom.reason) == (0, 0, NO_FURTHER)
    assert december.total_pence == bills[date(2026, 12, 1)]
    january = pension_schedule(h.book, date(2027, 1, 1))
    assert [(line.pa_name, line.paid_pence, line.reason) for line in january.lines] == [("Priya Shah", 0, INSUFFICIENT)]
    words = schedule_lines(january)
    assert words[0] == "Pension contributions taken in January 2027: pay the scheme £0.00 by 22 February 2027."
    assert 'Priya Shah (NI number AB123456C), monthly pay, 1 January 2027 to 31 January 2027' in words[2]
    assert words[3] == '  nothing paid: "Member has insufficient earnings".'
    assert schedule_months(h.book) == sorted(bills, reverse=True)  # the months the schedule dialog offers
    assert schedule_lines(pension_schedule(h.book, date(2026, 10, 1))) == [
        "No pension contributions were taken in October 2026, and no member was paid."]


def test_a_payslip_kept_before_pensionable_earnings_were_kept_is_worked_out_the_same(household: Household) -> None:
    from contextlib import closing

    from app.services.book import EmployerBook
    from tests.helpers import raw_connect

    h = household
    ops.update_pa(h.book, h.priya, replace(PRIYA, pension_status="enrolled"), date(2026, 11, 1))
    pay_month(h, date(2026, 11, 1))
    kept = pension_schedule(h.book, date(2026, 11, 1)).lines[0].pensionable_earnings_pence
    path = h.book.path
    h.book.close()
    with closing(raw_connect(path)) as conn:  # as a file finalised by an earlier version holds it
        for slip_id, text in conn.execute("SELECT id, details_json FROM payslip").fetchall():
            details = json.loads(text)
            assert details.pop("pensionable_earnings_pence") in (kept, 0)
            conn.execute("UPDATE payslip SET details_json = ? WHERE id = ?", (json.dumps(details), slip_id))
        conn.commit()
    h.book = EmployerBook.open(path)
    assert pension_schedule(h.book, date(2026, 11, 1)).lines[0].pensionable_earnings_pence == kept > 0


def test_the_schedule_as_csv_and_from_the_command_line(household: Household, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main
    from app.reports.pension_schedule_csv import HEADER, write_pension_schedule_csv

    h = household
    three_months(h)
    written = write_pension_schedule_csv(pension_schedule(h.book, date(2026, 12, 1)), tmp_path / "dec.csv")
    rows = list(csv.reader(written.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == HEADER and len(rows) == 3
    tom = next(row for row in rows if row[0] == "Tom Baker")
    assert tom[1:6] == ["AB654321A", "monthly", "2026-12-01", "2026-12-31", "2026-12-31"]
    assert tom[6:] == ["0.00", "0.00", "0.00", "0.00", NO_FURTHER]
    path = h.book.path
    h.book.close()
    assert main(["pension-schedule", str(path), "--month", "2026-11", "--csv", str(tmp_path / "nov.csv")]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["month"] == "2026-11" and shown["due_on"] == "2026-12-22" and len(shown["lines"]) == 2
    assert shown["total_pence"] == sum(line["employer_pence"] + line["member_pence"] for line in shown["lines"])
    assert (tmp_path / "nov.csv").exists()
    assert main(["pension-schedule", str(path), "--month", "November"]) == 1
    assert "is not a month: give it as year and month, such as 2026-11" in capsys.readouterr().err
    with pytest.raises(BookError):
        month_from("2026-13")

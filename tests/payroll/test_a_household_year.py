"""A scripted tax year, 2026-27, for a household of three PAs, through the operations as a holder would run it:

- Priya Shah, monthly, off sick from 30 March to 10 April 2026 (a spell across 6 April 2026, so it keeps the old
  rules: waiting days, no 80% cap), and a student loan start notice (SL1) from September;
- Tom Baker, monthly, a starter on 15 June with a P45 from his last job, a P6 with a new code from October, and
  a leaver on 31 January with the holiday he had not taken paid out, then his P45;
- Sam Okafor, weekly, 21 at the start of the year: he turns 22 on 20 September, so he must be enrolled in the
  workplace pension, and is.

Pay is high enough that the Employment Allowance (£10,500 for 2026-27) runs out in the year. Every payslip, each
tax month's HMRC total, the P60s and the P11 records are checked against an independent computation that calls
`calc` line by line (HMRC's rules: cumulative PAYE from the year's pay and the P45; NI per period; plan 2 loan;
qualifying earnings for the pension; the allowance used in the order the runs are finalised)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from app.core.dates import month_end, tax_month
from app.core.money import parse_pence, pence_to_string
from app.payroll import calc
from app.payroll.rates import rates_for
from app.services.book import EmployerBook, NewEmployer
from app.services.employer_details import EmployerDetails, SetEmployerDetails
from app.services.enrol_in_pension import EnrolInPension, Enrolment
from app.services.give_p45 import GiveP45, p45
from app.services.record_absence import AbsenceInput, RecordAbsence
from app.services.tax_code_notice import NoticeInput, RecordTaxCodeNotice
from tests import ops
from tests.ops import RateInput, RotaInput
from tests.payroll.test_pay_runs_in_a_file import pdf_text

AO = "123PA00045678"
PRIYA = ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 1, 5), date_of_birth=date(1990, 3, 14),
                   contracted_hours_per_week="40", tax_code="1257L", ni_number="AB123456C")
TOM = ops.PaForm(first_name="Tom", last_name="Baker", started_on=date(2026, 6, 15), date_of_birth=date(1985, 11, 2),
                 contracted_hours_per_week="24", tax_code="1100L", previous_pay="8000.00", previous_tax="900.00",
                 ni_number="AB654321A")
SAM = ops.PaForm(first_name="Sam", last_name="Okafor", started_on=date(2026, 4, 6), date_of_birth=date(2004, 9, 20),
                 contracted_hours_per_week="40", tax_code="1257L", ni_number="AB112233B", pay_frequency="weekly")
SICK = (date(2026, 3, 30), date(2026, 4, 10))  # Monday to Friday, across 6 April 2026
LOAN_FROM = date(2026, 9, 1)  # the SL1 start notice: deductions from the first payday on or after it
NEW_CODE_FROM = date(2026, 10, 1)  # the P6: 1300L from the first payday on or after it
TOM_LEAVES = date(2027, 1, 31)
P45_GIVEN = date(2027, 2, 1)
SAM_IS_22 = date(2026, 9, 20)


def calc_line(**request: object) -> dict[str, str]:
    results, ok = calc.run([json.dumps(request, default=str).encode()])
    assert ok, results
    return results[0]


@dataclass
class Year:
    book: EmployerBook
    priya: int
    tom: int
    sam: int
    runs: list[int] = field(default_factory=list)  # in the order they were finalised


def pay(year: Year, frequency: str, first: date, last: date, pas: tuple[int, ...],
        extras: tuple[tuple[int, str, str, str], ...] = (), before_finalising: Callable[[int], None] | None = None) -> int:
    book = year.book
    with ops.on(book, last):
        ops.apply_rotas(book, first, last)
        for pa_id in pas:
            for shift in ops.shifts_between(book, first, last, pa_id):
                if pa_id == year.priya and SICK[0] <= shift.day <= SICK[1]:
                    ops.mark_shift(book, shift.shift_id, status="absent")
            if ops.timesheet(book, pa_id, first, last).shifts:
                ops.approve_timesheet(book, pa_id, first, last, last, last, confirm_planned=True)
        run_id = ops.start_pay_run(book, frequency, first, last)
        for pa_id, kind, amount, description in extras:
            ops.add_payment(book, run_id, pa_id, kind, amount, description)
        if before_finalising is not None:
            before_finalising(run_id)
        ops.finalise(book, run_id, last, shown=ops.pay_run(book, run_id).paid_to_pas_pence)
    year.runs.append(run_id)
    return run_id


def script_the_year(tmp_path: Path) -> Year:
    book = EmployerBook.create(tmp_path / "year.pabooks", NewEmployer("Alex Morgan"))
    with ops.on(book, date(2026, 1, 5)):
        ops.run(book, SetEmployerDetails(), EmployerDetails("Alex Morgan", "", "holder", paye_reference="123/AB45678",
                                                            accounts_office_reference=AO))
        priya = ops.add_pa(book, PRIYA, rates=(RateInput("day", "24.00", date(2026, 1, 5)),
                                               RateInput("bank_holiday", "36.00", date(2026, 1, 5))))
        ops.add_rota(book, RotaInput(priya, (0, 1, 2, 3, 4), "09:00", "17:00", date(2026, 1, 5)))
    with ops.on(book, date(2026, 4, 6)):
        sam = ops.add_pa(book, SAM, rates=(RateInput("day", "21.00", date(2026, 4, 6)),
                                           RateInput("bank_holiday", "31.50", date(2026, 4, 6))))
        ops.add_rota(book, RotaInput(sam, (0, 1, 2, 3), "08:00", "18:00", date(2026, 4, 6)))
    with ops.on(book, date(2026, 6, 15)):
        tom = ops.add_pa(book, TOM, rates=(RateInput("day", "24.00", date(2026, 6, 15)),
                                           RateInput("weekend", "26.00", date(2026, 6, 15)),
                                           RateInput("bank_holiday", "36.00", date(2026, 6, 15))))
        ops.add_rota(book, RotaInput(tom, (4, 5, 6), "08:00", "16:00", date(2026, 6, 15)))
    year = Year(book, priya, tom, sam)
    with ops.on(book, date(2026, 3, 31)):
        ops.run(book, RecordAbsence(), AbsenceInput(priya, "sickness", *SICK, evidence="fit_note"))
    for first in (date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)):  # 2025-26: Priya's pay before the year
        pay(year, "monthly", first, month_end(first), (priya,))
    with ops.on(book, date(2026, 9, 28)):
        ops.run(book, RecordTaxCodeNotice(), NoticeInput(tom, "p6", "1300L", NEW_CODE_FROM))
    with ops.on(book, date(2027, 1, 20)):
        ops.update_pa(book, tom, replace(TOM, left_on=TOM_LEAVES), date(2027, 1, 20))

    def enrol_sam(run_id: int) -> None:
        said = [w for s in ops.pay_run(book, run_id).payslips if s.pa_id == sam for w in s.warnings]
        if any("now earns enough to be enrolled in a workplace pension" in w for w in said):
            ops.run(book, EnrolInPension(), Enrolment(sam, SAM_IS_22))
            assert [w for s in ops.pay_run(book, run_id).payslips if s.pa_id == sam for w in s.warnings
                    if "enrolled in a workplace pension" in w] == []

    # Each week's and each month's pay, in pay date order (weekly paid on the Sunday that ends the week).
    week, month = date(2026, 4, 6), date(2026, 4, 1)
    loan_started = False
    while week < date(2027, 4, 5) or month < date(2027, 4, 1):
        week_end, month_last = week + timedelta(days=6), month_end(month)
        if not loan_started and min(week_end, month_last) >= LOAN_FROM:  # the notice comes; the record changes
            ops.update_pa(book, priya, replace(PRIYA, student_loan_plans="2"), LOAN_FROM)
            loan_started = True
        if week < date(2027, 4, 5) and (week_end <= month_last or month >= date(2027, 4, 1)):
            pay(year, "weekly", week, week_end, (sam,), before_finalising=enrol_sam)
            week = week_end + timedelta(days=1)
        else:
            monthly = (priya,) + ((tom,) if month >= date(2026, 6, 1) and month <= TOM_LEAVES else ())
            extras = ((tom, "holiday_pay", "480.00", "2.5 days' holiday not taken"),) if month.month == 1 else ()
            if month == date(2027, 2, 1):  # Tom's final pay is final: his P45 is given
                with ops.on(book, P45_GIVEN):
                    ops.run(book, GiveP45(), tom)
            if month == date(2027, 3, 1):  # then a bonus agreed before he left: a payment after leaving
                extras = ((tom, "bonus", "150.00", "thank-you bonus agreed in January"),)
            pay(year, "monthly", month, month_last, monthly, extras)
            month = month_last + timedelta(days=1)
    return year


def test_a_household_tax_year_agrees_with_calc_line_by_line(tmp_path: Path) -> None:
    from app.reports.p45_pdf import write_p45_pdf
    from app.reports.payslip_pdf import write_payslips_pdf
    from app.reports.year_end import write_p60s_pdf
    from app.services.year_end import p60s_due, year_records

    year = script_the_year(tmp_path)
    book = year.book
    allowance = rates_for("2026-27").employment_allowance_pence
    to_date = {year.priya: (0, 0), year.tom: (800_000, 90_000), year.sam: (0, 0)}  # Tom's P45
    allowance_used = 0
    by_tax_month: dict[int, int] = {}
    slips_of: dict[int, list[object]] = {year.priya: [], year.tom: [], year.sam: []}
    used_up_in = []
    p45_figures = (0, 0)  # Tom's pay and tax to date at his final pay
    for run_id in year.runs:
        view = ops.pay_run(book, run_id)
        assert view.finalised
        if view.tax_year != "2026-27":
            continue
        frequency = view.frequency
        for slip in view.payslips:  # in the order the run worked them out: the allowance is used PA by PA
            pa = slip.pa_id
            slips_of[pa].append(slip)
            gross = slip.gross_pay_pence
            assert gross == sum(line.amount_pence for line in slip.lines)
            for line in slip.lines:  # hours × rate for every element paid by time
                if line.hours is not None and line.rate_pence is not None:
                    assert abs(line.hours * line.rate_pence - line.amount_pence) <= 1, line
            code = "1300L" if pa == year.tom and view.pay_date >= NEW_CODE_FROM else (
                "1100L" if pa == year.tom else "1257L")
            # GOV.UK "Paying an employee after giving them a P45": 0T month 1, and a one-off bonus worked as a
            # weekly payment for National Insurance.
            after_leaving = pa == year.tom and view.pay_date > P45_GIVEN
            if after_leaving:
                code, p45_figures = "0T", to_date[pa]
            taxable_before, tax_before = to_date[pa]
            tax = calc_line(kind="income_tax", tax_year="2026-27", frequency=frequency, period=view.period,
                            tax_code=code, week1_month1=after_leaving, gross_pay=pence_to_string(gross),
                            taxable_pay_to_date=pence_to_string(taxable_before + gross),
                            tax_paid_to_date=pence_to_string(tax_before))
            ni = calc_line(kind="national_insurance", tax_year="2026-27",
                           frequency="weekly" if after_leaving else frequency, category="A",
                           gross_pay=pence_to_string(gross))
            plans = ["2"] if pa == year.priya and view.pay_date >= LOAN_FROM else []
            loan = calc_line(kind="student_loan", tax_year="2026-27", frequency=frequency,
                             gross_pay=pence_to_string(gross), plans=plans, postgraduate=False)
            named = dict(slip.deductions)
            assert named["Income tax"] == parse_pence(tax["tax_due_in_period"]), (slip.pa_name, view.pay_date)
            assert named["National Insurance"] == parse_pence(ni["employee_ni"])
            assert named.get("Student loan", 0) == parse_pence(loan["student_loan"])
            if pa == year.sam and view.period_end >= SAM_IS_22:
                pension = calc_line(kind="pension", tax_year="2026-27", frequency="weekly",
                                    gross_pay=pence_to_string(gross), date_of_birth=SAM.date_of_birth,
                                    pay_date=view.pay_date)
                assert named["Pension"] == parse_pence(pension["employee_contribution"]) > 0
                assert slip.employer_pension_pence == parse_pence(pension["employer_contribution"])
            else:
                assert "Pension" not in named and slip.employer_pension_pence == 0
            assert slip.net_pay_pence == gross - sum(named.values())
            offset = calc_line(kind="employment_allowance", tax_year="2026-27", employer_ni=ni["employer_ni"],
                               used_before=pence_to_string(allowance_used))
            allowance_used += parse_pence(offset["offset"])
            assert slip.employer_ni_pence == parse_pence(offset["employer_ni_payable"])
            if any("is used up in this run" in w for w in slip.warnings):
                used_up_in.append(view.pay_date)
            to_date[pa] = (taxable_before + gross, tax_before + named["Income tax"])
            assert slip.year_to_date.tax_pence == to_date[pa][1] - (90_000 if pa == year.tom else 0)
            month = tax_month(view.pay_date)  # the 6th to the 5th
            by_tax_month[month] = by_tax_month.get(month, 0) + named["Income tax"] + named["National Insurance"] \
                + named.get("Student loan", 0) + slip.employer_ni_pence
    # Each PA's year: Priya's 12 months, Tom's 8 (June to January) and his payment after leaving, Sam's 52 weeks.
    assert [len(slips_of[pa]) for pa in (year.priya, year.tom, year.sam)] == [12, 9, 52]
    bonus = slips_of[year.tom][-1]
    assert bonus.tax_code == "0T (week 1 / month 1)" and bonus.statement.startswith(  # type: ignore[attr-defined]
        "Payment after leaving: you left on 31 January 2027")
    # The sick spell began under the old rules: waiting days (in March's pay, so none now), the 2025-26 rate to
    # 5 April and the 2026-27 rate from 6 April, and no 80% cap (calc works the spell out the same way).
    ssp = calc_line(kind="statutory_sick_pay", sickness=[{"first_day": SICK[0], "last_day": SICK[1]}],
                    average_weekly_earnings="900.00")
    april = slips_of[year.priya][0]
    assert sum(line.amount_pence for line in april.lines  # type: ignore[attr-defined]
               if line.description.startswith("Statutory Sick Pay")) == parse_pence(ssp["total"]) == 17_075
    # The Employment Allowance runs out once, in the run the warning names, and never goes past £10,500.
    assert allowance_used == allowance and len(used_up_in) == 1
    # What HMRC is owed each tax month is the sum of that month's payslips.
    bills = {bill.first_month: bill for bill in ops.hmrc_due(book, "2026-27").bills}
    assert sorted(bills) == list(range(1, 13))
    assert {m: b.amount_pence for m, b in bills.items()} == by_tax_month
    assert sum(b.employment_allowance_pence for b in bills.values()) == allowance
    assert all(b.reference == f"{AO}27{m:02d}" for m, b in bills.items())
    # Year end: the P60s go to the two PAs employed on 5 April 2027; the P11 records have every period.
    records = {r.forenames: r for r in year_records(book, "2026-27")}
    assert [len(records[name].lines) for name in ("Priya", "Tom", "Sam")] == [12, 9, 52]
    for name, pa in (("Priya", year.priya), ("Sam", year.sam)):
        assert records[name].pay_pence == to_date[pa][0]
        assert records[name].tax_pence == to_date[pa][1]
    due = p60s_due(book, "2026-27")
    assert sorted(r.forenames for r in due) == ["Priya", "Sam"]
    text = pdf_text(write_p60s_pdf(due, tmp_path / "p60.pdf"))
    assert "P60 End of Year Certificate, tax year to 5 April 2027" in text
    for record in due:
        assert f"£{record.pay_pence / 100:,.2f}" in text and f"£{record.tax_pence / 100:,.2f}" in text
    # Tom's P45: this employment's pay and the P45 before it, the code at leaving, his last tax month; never the
    # payment after leaving.
    view = p45(book, year.tom)
    assert (view.pay_to_date_pence, view.tax_to_date_pence) == p45_figures
    assert view.tax_code == "1300L" and view.period == 10 and view.left_on == TOM_LEAVES
    text = pdf_text(write_p45_pdf(view, tmp_path / "p45.pdf"))
    for words in ("P45 Part 1A", "31 01 2027", "Month 10 of 2026-27", "1300L", "AB654321A"):
        assert words in text, words
    january = next(r for r in year.runs if ops.pay_run(book, r).pay_date == TOM_LEAVES
                   and ops.pay_run(book, r).frequency == "monthly")
    text = pdf_text(write_payslips_pdf(ops.pay_run(book, january), tmp_path / "january.pdf"))
    assert "Holiday pay (2.5 days' holiday not taken)" in text and "Student loan" in text
    week_after = next(r for r in year.runs if ops.pay_run(book, r).pay_date == date(2026, 9, 27))
    text = pdf_text(write_payslips_pdf(ops.pay_run(book, week_after), tmp_path / "sam.pdf"))
    assert "Pension" in text and "Day hours" in text and "40.00" in text
    book.close()

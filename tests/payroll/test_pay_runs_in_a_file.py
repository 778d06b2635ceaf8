"""Pay runs in an employer file, through the operations: a tax year of monthly pay for a household, each payslip
checked against an independent computation that calls `calc` line by line, and every refusal the issue names."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from app.core.money import parse_pence, pence_to_string
from app.payroll import calc
from app.services.book import BookError, EmployerBook, NewEmployer
from app.services.employer_details import EmployerDetails, SetEmployerDetails, employer_details
from app.timesheets.periods import pay_period
from tests import ops
from tests.ops import RateInput, RotaInput

AO = "123PA00045678"
PRIYA = ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 4, 1), date_of_birth=date(1994, 7, 2),
                   contracted_hours_per_week="20", tax_code="1257L", ni_number="AB123456C", student_loan_plans="2",
                   bank_account_name="P SHAH", bank_sort_code="12-34-56", bank_account_number="12345678")
# A starter with a P45 from her last job this tax year.
TOM = replace(PRIYA, first_name="Tom", last_name="Baker", started_on=date(2026, 6, 15), student_loan_plans="",
              tax_code="1100L", previous_pay="8000.00", previous_tax="900.00", ni_number="AB654321A")
RATES = tuple(RateInput(kind, amount) for kind, amount in (("day", "14.00"), ("bank_holiday", "21.00"),
                                                           ("weekend", "15.00"), ("night", "15.00")))


@dataclass
class Household:
    book: EmployerBook
    priya: int
    tom: int


@pytest.fixture
def household(tmp_path: Path) -> Iterator[Household]:
    book = EmployerBook.create(tmp_path / "pay.pabooks", NewEmployer("Alex Morgan"))
    with ops.on(book, date(2026, 4, 1)):
        ops.run(book, SetEmployerDetails(), EmployerDetails("Alex Morgan", "", "holder", paye_reference="123/AB45678",
                                                            accounts_office_reference=AO))
        priya = ops.add_pa(book, PRIYA, rates=tuple(replace(r, applies_from=date(2026, 4, 1)) for r in RATES))
        ops.add_rota(book, RotaInput(priya, (0, 1, 2, 3, 4), "09:00", "14:00", date(2026, 4, 1)))
    with ops.on(book, date(2026, 6, 15)):
        tom = ops.add_pa(book, TOM, rates=tuple(replace(r, applies_from=date(2026, 6, 15)) for r in RATES))
        ops.add_rota(book, RotaInput(tom, (5, 6), "08:00", "20:00", date(2026, 6, 15)))
    yield Household(book, priya, tom)
    book.close()


def month_end(first: date) -> date:
    return pay_period("monthly", first)[1]


def pay_month(h: Household, first: date, extra: tuple[tuple[int, str, str, str], ...] = ()) -> int:
    """Apply the rotas, approve each PA's month, start the run paid on the last day, add any extras, finalise."""
    last = month_end(first)
    with ops.on(h.book, last):
        ops.apply_rotas(h.book, first, last)
        for pa_id in (h.priya, h.tom):
            if ops.timesheet(h.book, pa_id, first, last).shifts:
                ops.approve_timesheet(h.book, pa_id, first, last, last, last, confirm_planned=True)
        run_id = ops.start_pay_run(h.book, "monthly", first, last)
        for pa_id, kind, amount, description in extra:
            ops.add_payment(h.book, run_id, pa_id, kind, amount, description)
        shown = ops.pay_run(h.book, run_id).paid_to_pas_pence
        ops.finalise(h.book, run_id, last, shown=shown)
    return run_id


def calc_line(**request: object) -> dict[str, str]:
    results, ok = calc.run([json.dumps(request).encode()])
    assert ok, results
    return results[0]


def test_a_tax_year_of_monthly_pay_agrees_with_calc_line_by_line(household: Household) -> None:
    h = household
    runs = []
    first = date(2026, 4, 1)
    while first < date(2027, 4, 1):
        extra: tuple[tuple[int, str, str, str], ...] = ()
        if first == date(2026, 12, 1):
            extra = ((h.priya, "bonus", "250.00", "Christmas"), (h.tom, "expenses", "18.60", "Taxi to the hospital"))
        runs.append(pay_month(h, first, extra))
        first = month_end(first) + timedelta(days=1)
    # Independently: each PA's payslips in order, tax cumulative from the year's pay (and the P45), by calc.
    previous = {h.priya: (0, 0), h.tom: (parse_pence("8000.00"), parse_pence("900.00"))}
    code = {h.priya: "1257L", h.tom: "1100L"}
    plans = {h.priya: ["2"], h.tom: []}
    pay_to_date = dict(previous)
    hmrc_by_month: dict[int, int] = {}
    for run_id in runs:
        view = ops.pay_run(h.book, run_id)
        assert view.finalised
        for slip in view.payslips:
            gross = slip.gross_pay_pence
            assert gross == sum(line.amount_pence for line in slip.lines)
            for line in slip.lines:  # hours × rate for every element paid by time
                if line.hours is not None and line.rate_pence is not None:
                    assert abs(line.hours * line.rate_pence - line.amount_pence) <= 1
            taxable_before, tax_before = pay_to_date[slip.pa_id]
            tax = calc_line(kind="income_tax", tax_year="2026-27", frequency="monthly", period=view.period,
                            tax_code=code[slip.pa_id], gross_pay=pence_to_string(gross),
                            taxable_pay_to_date=pence_to_string(taxable_before + gross),
                            tax_paid_to_date=pence_to_string(tax_before))
            ni = calc_line(kind="national_insurance", tax_year="2026-27", frequency="monthly", period=view.period,
                           category="A", gross_pay=pence_to_string(gross))
            loan = calc_line(kind="student_loan", tax_year="2026-27", frequency="monthly",
                             gross_pay=pence_to_string(gross), plans=plans[slip.pa_id], postgraduate=False)
            named = dict(slip.deductions)
            assert named["Income tax"] == parse_pence(tax["tax_due_in_period"])
            assert named["National Insurance"] == parse_pence(ni["employee_ni"])
            assert named.get("Student loan", 0) == parse_pence(loan["student_loan"])
            assert slip.net_pay_pence == gross - sum(named.values())
            pay_to_date[slip.pa_id] = (taxable_before + gross, tax_before + named["Income tax"])
            assert slip.year_to_date.tax_pence == pay_to_date[slip.pa_id][1] - previous[slip.pa_id][1]
            month = view.period
            hmrc_by_month[month] = hmrc_by_month.get(month, 0) + named["Income tax"] + named["National Insurance"] \
                + named.get("Student loan", 0) + parse_pence(ni["employer_ni"])
    assert sorted(hmrc_by_month) == list(range(1, 13))
    due = ops.hmrc_due(h.book, "2026-27")
    # The employer's NI is covered by the Employment Allowance here, so what is owed is the rest.
    for bill in due.bills:
        assert bill.amount_pence + bill.employment_allowance_pence == hmrc_by_month[bill.first_month]
        assert bill.reference == f"{AO}27{bill.first_month:02d}"
    december = next(b for b in due.bills if b.first_month == 9)
    assert december.due_on == date(2027, 1, 22)
    tom_december = next(s for s in ops.pay_run(h.book, runs[8]).payslips if s.pa_id == h.tom)
    assert tom_december.paid_to_pa_pence == tom_december.net_pay_pence + 1860
    assert [line.description for line in tom_december.after_tax] == ["Expenses paid back (Taxi to the hospital)"]
    assert tom_december.ni_number_masked == "ending 21A"


def test_refusals_with_what_to_do(household: Household) -> None:
    h = household
    may = pay_month(h, date(2026, 5, 1))
    with pytest.raises(BookError, match="is final and can never be changed"):
        ops.finalise(h.book, may, date(2026, 6, 1))
    with pytest.raises(BookError, match="already a pay run for 1 May 2026 to 31 May 2026"):
        ops.start_pay_run(h.book, "monthly", date(2026, 5, 1), date(2026, 5, 29))
    with pytest.raises(BookError, match="already final, and tax is worked out in pay date order"):
        ops.start_pay_run(h.book, "monthly", date(2026, 4, 1), date(2026, 4, 30))
    with pytest.raises(BookError, match="has ended"):
        ops.start_pay_run(h.book, "monthly", date(2027, 3, 1), date(2027, 3, 31), today=date(2027, 5, 1))
    with pytest.raises(BookError, match="rates for the tax years 2024-25 to 2026-27"):
        ops.start_pay_run(h.book, "monthly", date(2027, 4, 1), date(2027, 4, 30), today=date(2027, 4, 30))
    with pytest.raises(BookError, match="No PA is paid every week"):
        ops.start_pay_run(h.book, "weekly", date(2026, 6, 1), date(2026, 6, 5))
    with ops.on(h.book, date(2026, 6, 30)):
        ops.apply_rotas(h.book, date(2026, 6, 1), date(2026, 6, 30))
    june = ops.start_pay_run(h.book, "monthly", date(2026, 6, 1), date(2026, 6, 30))
    with pytest.raises(BookError, match="Priya Shah's timesheet for this period is not approved"):
        ops.finalise(h.book, june, date(2026, 6, 30))
    ops.add_payment(h.book, june, h.priya, "deduction", "5000.00", "Advance repaid")
    ops.approve_timesheet(h.book, h.priya, date(2026, 6, 1), date(2026, 6, 30), date(2026, 6, 30), date(2026, 6, 30),
                          confirm_planned=True)
    ops.approve_timesheet(h.book, h.tom, date(2026, 6, 1), date(2026, 6, 30), date(2026, 6, 30), date(2026, 6, 30),
                          confirm_planned=True)
    with pytest.raises(BookError, match="less than nothing"):
        ops.finalise(h.book, june, date(2026, 6, 30))
    with pytest.raises(BookError, match="must be more than £0.00"):
        ops.add_payment(h.book, june, h.priya, "bonus", "-5")
    with pytest.raises(BookError, match="Say what it is for"):
        ops.add_payment(h.book, june, h.priya, "expenses", "5")
    assert not ops.pay_run(h.book, june).finalised and ops.pay_run(h.book, may).finalised


def test_a_correction_points_back_and_leaves_the_original_as_it_was(household: Household) -> None:
    h = household
    may = pay_month(h, date(2026, 5, 1))
    before = ops.pay_run(h.book, may)
    with pytest.raises(BookError, match="Say why the run needs correcting"):
        ops.start_correction(h.book, may, date(2026, 6, 10), "oops")
    correction = ops.start_correction(h.book, may, date(2026, 6, 10), "4 hours on 4 May were left off")
    ops.add_payment(h.book, correction, h.priya, "back_pay", "56.00", "4 hours on 4 May at £14.00")
    view = ops.pay_run(h.book, correction)
    assert view.kind == "correction" and "1 May 2026 to 31 May 2026" in view.corrects
    assert [s.pa_id for s in view.payslips] == [h.priya]  # only who has something to be paid; no time paid twice
    ops.finalise(h.book, correction, date(2026, 6, 10))
    after = ops.pay_run(h.book, may)
    assert after == before
    slip = ops.pay_run(h.book, correction).payslips[0]
    assert slip.gross_pay_pence == 5600
    assert slip.year_to_date.gross_pay_pence == before.payslips[0].year_to_date.gross_pay_pence + 5600


def test_a_draft_can_be_deleted_a_final_run_never(household: Household) -> None:
    h = household
    may = pay_month(h, date(2026, 5, 1))
    june = ops.start_pay_run(h.book, "monthly", date(2026, 6, 1), date(2026, 6, 30))
    addition = ops.add_payment(h.book, june, h.priya, "bonus", "20")
    ops.remove_payment(h.book, addition)
    ops.delete_draft_run(h.book, june)
    assert [run.pay_run_id for run in ops.pay_runs(h.book)] == [may]
    with pytest.raises(BookError, match="can never be changed"):
        ops.delete_draft_run(h.book, may)


def test_what_to_pay_next_in_plain_words(household: Household) -> None:
    h = household
    october = pay_month(h, date(2026, 10, 1))
    # Tom's first payslip: his P45's tax is more than the year's tax so far, so he is refunded.
    assert dict(next(s for s in ops.pay_run(h.book, october).payslips if s.pa_id == h.tom).deductions)["Income tax"] < 0
    with ops.on(h.book, date(2026, 11, 1)):
        said = ops.pay_next(h.book).sentences
    assert "you refunded more tax than you owe" in said[-1]
    pay_month(h, date(2026, 11, 1))
    with ops.on(h.book, date(2026, 11, 27)):
        said = ops.pay_next(h.book).sentences
    assert said[0].startswith("Pay Priya £") and "and Tom £" in said[0] and "by Monday 30 November 2026" in said[0]
    assert said[1].startswith("You owe HMRC £") and "by 22 December 2026 for tax month 8 of 2026-27" in said[1]


def pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def test_payslip_pdf_says_hours_rates_deductions_and_the_year_so_far(household: Household, tmp_path: Path) -> None:
    from app.reports.payslip_pdf import write_payslips_pdf

    run_id = pay_month(household, date(2026, 11, 1), ((household.priya, "expenses", "12.40", "Bus fares"),))
    view = ops.pay_run(household.book, run_id)
    text = pdf_text(write_payslips_pdf(view, tmp_path / "slips.pdf", pa_id=household.priya))
    for words in ("Payslip: Priya Shah", "Tax code: 1257L", "National Insurance number: ending 56C", "Day hours",
                  "£14.00", "Income tax",
                  "National Insurance", "Net pay", "Expenses paid back (Bus fares)", "This tax year to date (2026-27)",
                  "Pay date: 30 November 2026"):
        assert words in text, words
    assert "AB123456C" not in text  # the NI number is masked on a payslip
    big = pdf_text(write_payslips_pdf(view, tmp_path / "big.pdf", large_print=True))
    assert "Payslip: Tom Baker" in big and "Payslip: Priya Shah" in big


def test_the_year_end_p60s_and_the_p11_record(household: Household, tmp_path: Path) -> None:
    from app.reports.year_end import write_p11_csv, write_p60s_pdf
    from app.services.year_end import p60s_due, year_records

    h = household
    first = date(2026, 4, 1)
    while first < date(2027, 4, 1):  # a December bonus takes Priya over her student loan threshold once
        pay_month(h, first, ((h.priya, "bonus", "1500.00", "Christmas"),) if first.month == 12 else ())
        first = month_end(first) + timedelta(days=1)
    records = {r.forenames: r for r in year_records(h.book, "2026-27")}
    priya, tom = records["Priya"], records["Tom"]
    assert len(priya.lines) == 12 and len(tom.lines) == 10  # Tom started in June
    assert tom.previous_pay_pence == 800_000 and tom.previous_tax_pence == 90_000
    assert priya.pay_pence == sum(line.taxable_pay_pence for line in priya.lines)
    assert priya.tax_pence == priya.lines[-1].tax_to_date_pence  # the last payslip's tax to date is the year's
    assert [t.category for t in priya.ni_by_letter] == ["A"]
    assert priya.student_loan_pence == sum(line.student_loan_pence for line in priya.lines) > 0
    text = pdf_text(write_p60s_pdf(p60s_due(h.book, "2026-27"), tmp_path / "p60.pdf"))
    assert "P60 End of Year Certificate, tax year to 5 April 2027" in text
    assert "AB123456C" in text  # the employee's own certificate carries the full number
    assert "£8,000.00" in text and "£900.00" in text  # Tom's previous employment, from his P45
    assert "Final tax code: 1100L" in text
    rows = write_p11_csv(list(records.values()), tmp_path / "p11.csv").read_text("utf-8").splitlines()
    assert len(rows) == 1 + 12 + 10 and rows[0].startswith("PA,Pay date,Tax period,Gross pay")
    with ops.on(h.book, date(2027, 4, 20)):
        titles = [t.title for t in ops.home_summary(h.book).todo]
    assert "Give Tom Baker and Priya Shah their P60 for 2026-27 by 31 May 2027" in titles


def test_a_leaver_gets_a_p45_and_is_paid_after_it_only_what_is_added(household: Household, tmp_path: Path) -> None:
    from app.reports.p45_pdf import write_p45_pdf
    from app.services.give_p45 import GiveP45, p45

    h = household
    pay_month(h, date(2026, 6, 1))
    with pytest.raises(BookError, match="has not left"):
        ops.run(h.book, GiveP45(), h.tom)
    ops.update_pa(h.book, h.tom, replace(TOM, left_on=date(2026, 7, 20)), date(2026, 7, 20))
    draft = ops.start_pay_run(h.book, "monthly", date(2026, 7, 1), date(2026, 7, 31))
    ops.add_payment(h.book, draft, h.tom, "holiday_pay", "140.00", "3 days not taken")
    said = [w for slip in ops.pay_run(h.book, draft).payslips if slip.pa_id == h.tom for w in slip.warnings]
    owed = next(w for w in said if w.startswith("Tom Baker leaves on 20 July 2026 with "))  # WTR 1998 reg. 14
    assert "of holiday not taken: pay it with this final pay" in owed
    assert owed.endswith("This run pays £140.00 of holiday pay: check it covers it.")
    with pytest.raises(BookError, match="may still pay Tom Baker"):
        ops.run(h.book, GiveP45(), h.tom)
    with ops.on(h.book, date(2026, 7, 31)):
        ops.apply_rotas(h.book, date(2026, 7, 1), date(2026, 7, 31))
        for pa_id in (h.priya, h.tom):
            ops.approve_timesheet(h.book, pa_id, date(2026, 7, 1), date(2026, 7, 31), date(2026, 7, 31),
                                  date(2026, 7, 31), confirm_planned=True)
        asked = "Give Tom Baker their P45"
        assert asked not in [t.title for t in ops.home_summary(h.book).todo]  # the final pay is not final yet
        ops.finalise(h.book, draft)
        assert asked in [t.title for t in ops.home_summary(h.book).todo]  # GOV.UK "P45": give it when they leave
        ops.run(h.book, GiveP45(), h.tom)
        assert asked not in [t.title for t in ops.home_summary(h.book).todo]
    view = p45(h.book, h.tom)
    july = next(s for s in ops.pay_run(h.book, draft).payslips if s.pa_id == h.tom)
    assert view.pay_to_date_pence == 800_000 + july.year_to_date.taxable_pay_pence
    assert view.this_employment_pay_pence == july.year_to_date.taxable_pay_pence
    assert view.period == 4 and view.tax_code == "1100L" and view.given_on == date(2026, 7, 31)
    text = pdf_text(write_p45_pdf(view, tmp_path / "p45.pdf"))
    for words in ("P45 Part 1A", "P45 Part 2", "P45 Part 3", "To be completed by the new employer", "20 07 2026",
                  "Month 4 of 2026-27", "AB654321A", "123/AB45678"):
        assert words in text, words
    with pytest.raises(BookError, match="P45 was given on 31 July 2026"):
        ops.run(h.book, GiveP45(), h.tom)
    august = ops.start_pay_run(h.book, "monthly", date(2026, 8, 1), date(2026, 8, 31))
    with ops.on(h.book, date(2026, 8, 31)):
        ops.apply_rotas(h.book, date(2026, 8, 1), date(2026, 8, 31))
    assert h.tom not in [s.pa_id for s in ops.pay_run(h.book, august).payslips]  # no pay of their own after it
    # GOV.UK "What to do when an employee leaves": a payment added after the P45 is a payment after leaving
    # (tests/payroll/test_payment_after_leaving.py), and the P45 keeps the final pay's figures.
    ops.add_payment(h.book, august, h.tom, "back_pay", "10.00", "Missed hour")
    after = next(s for s in ops.pay_run(h.book, august).payslips if s.pa_id == h.tom)
    assert after.tax_code == "0T (week 1 / month 1)" and after.statement.startswith("Payment after leaving")
    assert p45(h.book, h.tom) == view


def test_quarterly_payment_is_refused_over_1500_a_month_and_bills_group_by_quarter(household: Household) -> None:
    """GOV.UK "Pay employers' PAYE": quarterly only when the average monthly payment is under £1,500."""
    h = household
    pay_month(h, date(2026, 4, 1))
    pay_month(h, date(2026, 5, 1))
    ops.run(h.book, SetEmployerDetails(), replace(employer_details(h.book), pays_hmrc_quarterly=True))
    due = ops.hmrc_due(h.book, "2026-27")
    assert due.quarterly and [(b.first_month, b.last_month) for b in due.bills] == [(1, 3)]
    assert due.bills[0].due_on == date(2026, 7, 22) and due.bills[0].reference == f"{AO}2703"
    ops.run(h.book, SetEmployerDetails(), replace(employer_details(h.book), pays_hmrc_quarterly=False))
    june = date(2026, 6, 1)
    pay_month(h, june, ((h.priya, "bonus", "30000.00", "A very large bonus"),))
    with pytest.raises(BookError, match="quarterly payment is only allowed under £1,500 a month"):
        ops.run(h.book, SetEmployerDetails(), replace(employer_details(h.book), pays_hmrc_quarterly=True))


def test_a_p6_changes_the_code_from_its_date_and_replaces_the_p45_figures(household: Household) -> None:
    from app.services.tax_code_notice import NoticeInput, RecordTaxCodeNotice

    h = household
    with pytest.raises(BookError, match="A P9 code is used from 6 April"):
        ops.run(h.book, RecordTaxCodeNotice(), NoticeInput(h.tom, "p9", "1100L", date(2026, 9, 1)))
    with pytest.raises(BookError, match="both the previous pay and the previous tax"):
        ops.run(h.book, RecordTaxCodeNotice(), NoticeInput(h.tom, "p6", "1100L", date(2026, 9, 1), previous_pay="10"))
    ops.run(h.book, RecordTaxCodeNotice(), NoticeInput(h.tom, "p6", "1185L", date(2026, 9, 1), False, "9000.00",
                                                       "1000.00"))
    august = ops.pay_run(h.book, pay_month(h, date(2026, 8, 1)))
    september = ops.pay_run(h.book, pay_month(h, date(2026, 9, 1)))
    tom_aug = next(s for s in august.payslips if s.pa_id == h.tom)
    tom_sep = next(s for s in september.payslips if s.pa_id == h.tom)
    assert tom_aug.tax_code == "1100L" and tom_sep.tax_code == "1185L"
    # From September the P6's previous pay and tax are used in place of the P45's, cumulatively.
    gross = tom_sep.gross_pay_pence
    expected = calc_line(kind="income_tax", tax_year="2026-27", frequency="monthly", period=6, tax_code="1185L",
                         gross_pay=pence_to_string(gross),
                         taxable_pay_to_date=pence_to_string(900_000 + tom_aug.year_to_date.taxable_pay_pence + gross),
                         tax_paid_to_date=pence_to_string(100_000 + tom_aug.year_to_date.tax_pence))
    assert dict(tom_sep.deductions)["Income tax"] == parse_pence(expected["tax_due_in_period"])


def test_the_pension_scheme_is_paid_by_the_22nd_of_the_next_month(household: Household) -> None:
    """The Pensions Regulator: contributions deducted in a month reach the scheme by the 22nd of the next month."""
    from app.services.pension_due import pension_bills

    h = household
    ops.update_pa(h.book, h.priya, replace(PRIYA, pension_status="enrolled"), date(2026, 11, 1))
    run_id = pay_month(h, date(2026, 11, 1))
    slip = next(s for s in ops.pay_run(h.book, run_id).payslips if s.pa_id == h.priya)
    bills = pension_bills(h.book)
    assert [(b.deducted_in, b.due_on) for b in bills] == [(date(2026, 11, 1), date(2026, 12, 22))]
    assert bills[0].employer_pence == slip.employer_pension_pence > 0
    assert bills[0].employee_pence == dict(slip.deductions)["Pension"]
    with ops.on(h.book, date(2026, 12, 1)):
        assert bills[0].words() in ops.pay_next(h.book).sentences


def test_a_weekly_payday_in_tax_week_53_is_taxed_on_the_week_1_basis(tmp_path: Path) -> None:
    """HMRC "Week 53 payments": a weekly payday on 5 April 2027 (the 365th day of 2026-27) is tax week 53 and is
    taxed on the week 1 basis with the week 53 tables, whatever the code's basis."""
    book = EmployerBook.create(tmp_path / "weekly.pabooks", NewEmployer("Alex Morgan"))
    with ops.on(book, date(2027, 3, 29)):
        pa = ops.add_pa(book, replace(PRIYA, pay_frequency="weekly", student_loan_plans="", started_on=date(2027, 3, 1)),
                        rates=tuple(replace(r, applies_from=date(2027, 3, 1)) for r in RATES))
        for day in (29, 30, 31):
            ops.add_shift(book, ops.ShiftInput(pa, date(2027, 3, day), "08:00", "20:00"))
        ops.add_shift(book, ops.ShiftInput(pa, date(2027, 4, 1), "08:00", "20:00"))
    with ops.on(book, date(2027, 4, 5)):
        ops.approve_timesheet(book, pa, date(2027, 3, 29), date(2027, 4, 4), date(2027, 4, 4), date(2027, 4, 4))
        run_id = ops.start_pay_run(book, "weekly", date(2027, 3, 29), date(2027, 4, 5))
        ops.finalise(book, run_id)
    view = ops.pay_run(book, run_id)
    assert view.period == 53
    slip = view.payslips[0]
    tax = calc_line(kind="income_tax", tax_year="2026-27", frequency="weekly", period=53, tax_code="1257L",
                    gross_pay=pence_to_string(slip.gross_pay_pence),
                    taxable_pay_to_date=pence_to_string(slip.gross_pay_pence), tax_paid_to_date="0.00")
    week1 = calc_line(kind="income_tax", tax_year="2026-27", frequency="weekly", period=1, tax_code="1257L",
                      week1_month1=True, gross_pay=pence_to_string(slip.gross_pay_pence),
                      taxable_pay_to_date=pence_to_string(slip.gross_pay_pence), tax_paid_to_date="0.00")
    assert dict(slip.deductions)["Income tax"] == parse_pence(tax["tax_due_in_period"]) \
        == parse_pence(week1["tax_due_in_period"]) > 0
    book.close()


def test_a_timesheet_amended_after_its_run_is_final_says_what_is_owed_until_a_correction_pays_it(
        household: Household) -> None:
    from app.services.pay_differences import pay_differences

    h = household
    november = pay_month(h, date(2026, 11, 1))
    assert pay_differences(h.book) == []
    sheet = ops.timesheet(h.book, h.priya, date(2026, 11, 1), date(2026, 11, 30))
    with ops.on(h.book, date(2026, 12, 2)):
        ops.amend_timesheet(h.book, sheet.timesheet_id or 0, "The shift on 2 November ran to 16:00")
        shift = next(s for s in ops.shifts_between(h.book, date(2026, 11, 2), date(2026, 11, 2), h.priya))
        ops.update_shift(h.book, shift.shift_id, ops.ShiftInput(h.priya, date(2026, 11, 2), "09:00", "16:00"))
        ops.approve_timesheet(h.book, h.priya, date(2026, 11, 1), date(2026, 11, 30), date(2026, 12, 2),
                              date(2026, 12, 2))
        [owed] = pay_differences(h.book)
        assert owed.owed_pence == 2 * 1400 and owed.pay_run_id == november  # 2 more hours at £14.00
        assert "Priya Shah is owed £28.00 for 1 November 2026 to 30 November 2026" in [
            t.title for t in ops.home_summary(h.book).todo]
        correction = ops.start_correction(h.book, november, date(2026, 12, 4), owed.words()[:60])
        ops.add_payment(h.book, correction, h.priya, "back_pay", "28.00", "2 hours on 2 November")
        ops.finalise(h.book, correction)
        assert pay_differences(h.book) == []


def test_figures_for_basic_paye_tools_even_when_the_fps_cannot_be_made(household: Household) -> None:
    """For 2026-27 PA Books holds no FPS schema: the holder still gets the figures to report, the payslips' own."""
    from app.services.bpt_sheet import bpt_sheet

    h = household
    run_id = pay_month(h, date(2026, 11, 1))
    slip = next(s for s in ops.pay_run(h.book, run_id).payslips if s.pa_id == h.priya)
    text = "\n".join(bpt_sheet(h.book, run_id).lines)
    assert "Basic PAYE Tools works out the tax and National Insurance itself" in text
    assert f"Taxable pay this period: £{slip.gross_pay_pence / 100:,.2f}." in text
    assert "Month number: 8." in text and "Hours worked: 16 to 23.99 hours." in text
    assert "New starter: started 15 June 2026." in text  # Tom's first payslip with this employer

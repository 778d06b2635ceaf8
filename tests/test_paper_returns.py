"""The paper route to HMRC (RT2 each quarter, RT5, RT11) for care and support employers HMRC has exempted from
filing online. Rules: HMRC Debt Management and Banking Manual DMBM519240 and National Insurance Manual
NIM11565 (RT2 "by the 19 July, 19 October, 19 January and 19 April deadlines each year"; an RT5 "to report that
no employees [were] paid ... in the quarter"; an RT11 deductions working sheet for each employee)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.rti.fps import FpsEmployee, FpsNiLetter, FpsStarter
from app.rti.paper import TaxQuarter, quarter_containing, rt2_for, rt2_problems, rt5_for
from tests import ops


@pytest.mark.parametrize(("quarter", "first", "last", "due"), [
    (1, date(2026, 4, 6), date(2026, 7, 5), date(2026, 7, 19)),
    (2, date(2026, 7, 6), date(2026, 10, 5), date(2026, 10, 19)),
    (3, date(2026, 10, 6), date(2027, 1, 5), date(2027, 1, 19)),
    (4, date(2027, 1, 6), date(2027, 4, 5), date(2027, 4, 19)),
])
def test_dmbm519240_an_rt2_is_due_by_the_19th_after_each_tax_quarter(quarter: int, first: date, last: date,
                                                                      due: date) -> None:
    from app.services.paper_returns import due_on

    q = TaxQuarter("2026-27", quarter)
    assert (q.first_day, q.last_day, due_on(q)) == (first, last, due)
    assert quarter_containing(first) == q == quarter_containing(last)


def test_quarters_follow_each_other_across_tax_years() -> None:
    q4 = TaxQuarter("2025-26", 4)
    assert q4.following() == TaxQuarter("2026-27", 1) and TaxQuarter("2026-27", 1).previous() == q4
    assert quarter_containing(date(2026, 4, 5)) == q4 and quarter_containing(date(2026, 4, 6)).number == 1
    assert TaxQuarter.parse("2026-27:3") == TaxQuarter("2026-27", 3) and TaxQuarter("2026-27", 3).key == "2026-27:3"
    for bad in ("2026-27", "2026-27:5", "26-27:1"):
        with pytest.raises(ValueError):
            TaxQuarter.parse(bad)


def _payment(period: int, taxable: int, tax: int, letter: str = "A", ni_to_date: int = 0,
             starter: FpsStarter | None = None, left: date | None = None, ni_number: str = "AB123456C") -> FpsEmployee:
    return FpsEmployee(
        pay_id="PA1", ni_number=ni_number, forename="Priya", surname="Shah", birth_date=None, gender="F",
        address_lines=(), postcode="", starter=starter, leaving_date=left, taxable_pay_to_date_pence=taxable * period,
        tax_to_date_pence=tax * period, student_loans_to_date_pence=0, postgraduate_loans_to_date_pence=0,
        frequency="monthly", period=period, hours_band="C", tax_code="1257L", week1_month1=False,
        taxable_pay_pence=taxable, non_taxable_payments_pence=0, deductions_from_net_pay_pence=0,
        pay_after_statutory_deductions_pence=taxable - tax, student_loan_pence=0, student_loan_plan="",
        postgraduate_loan_pence=0, tax_pence=tax,
        ni_letters=(FpsNiLetter(letter, taxable, ni_to_date or taxable * period, 0, 0, 0, 10, 10 * period, 8,
                                8 * period),))


@given(st.lists(st.tuples(st.integers(0, 500_000), st.integers(-20_000, 100_000)), min_size=1, max_size=13))
def test_an_rt2_sums_the_quarters_payments_and_takes_the_year_to_date_from_the_last(
        amounts: list[tuple[int, int]]) -> None:
    quarter = TaxQuarter("2026-27", 3)
    days = [date(2026, 10, 6) + timedelta(days=i * 7) for i in range(len(amounts))]
    payments = [(day, _payment(7 + i, taxable, tax)) for i, (day, (taxable, tax)) in enumerate(zip(days, amounts, strict=True))]
    rt2 = rt2_for(quarter, list(reversed(payments)))  # in any order
    assert rt2.taxable_pay_pence == sum(t for t, _ in amounts) and rt2.tax_pence == sum(t for _, t in amounts)
    assert rt2.latest is payments[-1][1] and rt2.pay_dates == tuple(days)
    (ni,) = rt2.ni_letters
    assert ni.employee_in_quarter_pence == 8 * len(amounts)
    assert ni.employee_to_date_pence == payments[-1][1].ni_letters[0].employee_to_date_pence


def test_an_rt2_keeps_each_ni_letter_apart_and_its_starter_and_leaver() -> None:
    quarter = TaxQuarter("2026-27", 3)
    starter = FpsStarter(date(2026, 10, 1), "B", False, False)
    rt2 = rt2_for(quarter, [(date(2026, 10, 31), _payment(7, 100_000, 10_000, starter=starter)),
                            (date(2026, 11, 30), _payment(8, 100_000, 10_000, "M")),
                            (date(2026, 12, 31), _payment(9, 50_000, 0, "M", left=date(2026, 12, 20)))])
    assert [n.letter for n in rt2.ni_letters] == ["A", "M"]
    assert [n.gross_in_quarter_pence for n in rt2.ni_letters] == [100_000, 150_000]
    assert rt2.starter == starter and rt2.leaving_date == date(2026, 12, 20)
    with pytest.raises(ValueError, match="not in the quarter"):
        rt2_for(quarter, [(date(2027, 1, 6), _payment(10, 1, 0))])
    with pytest.raises(ValueError):
        rt2_for(quarter, [])


def test_without_an_ni_number_an_rt2_needs_the_date_of_birth_and_address() -> None:
    rt2 = rt2_for(TaxQuarter("2026-27", 3), [(date(2026, 10, 31), _payment(7, 100, 0, ni_number=""))])
    (problem,) = rt2_problems(rt2)
    assert "Priya Shah has no National Insurance number" in problem.message and "date of birth and address" in \
        problem.message


def test_an_rt5_says_nobody_was_paid_or_claims_the_allowance_once_a_year() -> None:
    q = TaxQuarter("2026-27", 2)
    assert rt5_for(q, False, True, True, True, False).nobody_paid
    assert not rt5_for(q, False, True, False, True, False).needed  # no payroll run yet: nothing to say
    assert not rt5_for(q, False, False, True, True, False).needed  # nobody employed: the scheme is quiet
    assert rt5_for(q, True, True, True, True, False).claim_employment_allowance
    assert not rt5_for(q, True, True, True, True, True).needed  # claimed on an earlier quarter's RT5
    assert not rt5_for(q, True, True, True, False, False).needed


def paper_household(tmp_path: Path, on_paper: bool = True):  # type: ignore[no-untyped-def]
    """A care and support employer on paper in 2026-27 (a year whose FPS schema PA Books does not hold): Priya
    paid monthly from October, Sam from November until he leaves on 20 December."""
    from app.services.book import EmployerBook, NewEmployer
    from app.services.employer_details import EmployerDetails, SetEmployerDetails

    book = EmployerBook.create(tmp_path / "paper.pabooks", NewEmployer("Alex Morgan"))
    with ops.on(book, date(2026, 10, 1)):
        ops.run(book, SetEmployerDetails(), EmployerDetails(
            "Alex Morgan", "", "holder", paye_reference="123/AB45678", accounts_office_reference="123PA00045678",
            reports_on_paper=on_paper))
        priya = ops.add_pa(book, ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 10, 1),
                                            date_of_birth=date(1994, 7, 2), gender="F", starter_statement="A",
                                            ni_number="AB123456C", contracted_hours_per_week="25",
                                            address="1 Example Road, Northtown, NT1 2AB"),
                           rates=(ops.RateInput("day", "16.00", date(2026, 10, 1)),))
        sam = ops.add_pa(book, ops.PaForm(first_name="Sam", last_name="Okafor", started_on=date(2026, 11, 2),
                                          left_on=date(2026, 12, 20), date_of_birth=date(1990, 3, 4), gender="M",
                                          starter_statement="B", ni_number="JK654321A",
                                          contracted_hours_per_week="10", address="2 Example Row, Northtown"),
                         rates=(ops.RateInput("day", "15.00", date(2026, 11, 1)),))
        ops.add_rota(book, ops.RotaInput(priya, (0, 1, 2, 3, 4), "09:00", "14:00", date(2026, 10, 1)))
        ops.add_rota(book, ops.RotaInput(sam, (1, 3), "15:00", "19:00", date(2026, 11, 2)))
    runs = []
    for first, last in ((date(2026, 10, 1), date(2026, 10, 31)), (date(2026, 11, 1), date(2026, 11, 30)),
                        (date(2026, 12, 1), date(2026, 12, 31))):
        with ops.on(book, last):
            ops.apply_rotas(book, first, last)
            for pa in (priya, sam):
                if pa == priya or first.month in (11, 12):
                    ops.approve_timesheet(book, pa, first, last, last, last, confirm_planned=True)
            run_id = ops.start_pay_run(book, "monthly", first, last)
            ops.finalise(book, run_id)
            runs.append(run_id)
    return book, priya, sam, runs


def test_a_quarters_rt2s_carry_the_payslips_figures_and_the_year_to_date(tmp_path: Path) -> None:
    from dataclasses import replace

    from app.services.paper_returns import paper_return_lines, paper_returns, quarter_returns

    book, priya, sam, runs = paper_household(tmp_path)
    with ops.on(book, date(2027, 1, 8)):
        returns = paper_returns(book, TaxQuarter("2026-27", 3))
    assert returns.due_on == date(2027, 1, 19) and returns.ended and returns.problems == ()
    by_name = {r.latest.forename: r for r in returns.rt2s}
    assert set(by_name) == {"Priya", "Sam"}
    slips = {pa: [s for run in runs for s in ops.pay_run(book, run).payslips if s.pa_id == pa] for pa in (priya, sam)}
    for name, pa in (("Priya", priya), ("Sam", sam)):
        rt2 = by_name[name]
        assert rt2.taxable_pay_pence == sum(s.gross_pay_pence for s in slips[pa])
        assert rt2.tax_pence == sum(dict(s.deductions).get("Income tax", 0) for s in slips[pa])
        assert rt2.latest.taxable_pay_to_date_pence == slips[pa][-1].year_to_date.taxable_pay_pence
        assert rt2.ni_letters[0].employee_to_date_pence == slips[pa][-1].year_to_date.employee_ni_pence
    assert by_name["Sam"].taxable_pay_pence == 48000 + 36000  # 8 and 6 afternoons of 4 hours at £15
    assert len(by_name["Priya"].pay_dates) == 3 and len(by_name["Sam"].pay_dates) == 2
    assert by_name["Sam"].starter is not None and by_name["Sam"].starter.statement == "B"
    assert by_name["Sam"].leaving_date == date(2026, 12, 20) and by_name["Priya"].leaving_date is None
    assert returns.rt5.claim_employment_allowance and not returns.rt5.nobody_paid
    assert [len(r.lines) for r in returns.rt11s] == [2, 3]  # Okafor, then Shah: every payday to 5 January
    with ops.on(book, date(2027, 1, 8)):  # the same without the RT11 sheets (for the words and the status)
        assert quarter_returns(book, TaxQuarter("2026-27", 3)) == replace(returns, rt11s=())
    words = "\n".join(paper_return_lines(returns))
    assert "They must reach HMRC by 19 January 2027" in words
    assert "RT2 for Sam Okafor" in words and "Leaver: left on 20 December 2026." in words
    assert "starter declaration B" in words and "Send an RT5 with the RT2s to claim the Employment Allowance" in words
    assert "report their earnings themselves" in words  # Universal Credit: DMBM519240
    book.close()


def test_home_asks_a_paper_filer_for_the_rt2s_until_they_are_recorded_as_posted(tmp_path: Path) -> None:
    from app.services.employer_details import SetEmployerDetails, employer_details
    from app.services.paper_returns import RecordPaperReturnsPosted, paper_returns

    book, *_ = paper_household(tmp_path)
    q3 = TaxQuarter("2026-27", 3)

    def titles(day: date) -> list[str]:
        return [item.title for item in ops.home_summary_on(book, day).todo]

    asked = "Post your RT2s for 6 October 2026 to 5 January 2027 so they reach HMRC by 19 January 2027"
    assert asked in titles(date(2027, 1, 8))
    assert not any("FPS" in t or "Report the pay run" in t or "EPS" in t for t in titles(date(2026, 12, 31)))
    overdue = [i for i in ops.home_summary_on(book, date(2027, 1, 25)).todo if i.title == asked]
    assert overdue and overdue[0].urgency == "overdue"
    with ops.on(book, date(2027, 1, 4)):
        refused = book.run(RecordPaperReturnsPosted(), q3)
    assert not refused.ok and "The quarter ends on 5 January 2027" in refused.problems[0].message
    with ops.on(book, date(2027, 1, 9)):
        assert ops.run(book, RecordPaperReturnsPosted(), q3) == date(2027, 1, 9)
        again = book.run(RecordPaperReturnsPosted(), q3)
    assert not again.ok and "recorded as posted on 9 January 2027" in again.problems[0].message
    assert asked not in titles(date(2027, 1, 10))
    assert paper_returns(book, q3).posted_on == date(2027, 1, 9)
    # The next quarter: Priya still employed, nobody paid: an RT5, and the allowance is not claimed twice.
    with ops.on(book, date(2027, 4, 8)):
        q4 = paper_returns(book, TaxQuarter("2026-27", 4))
    assert q4.rt5.nobody_paid and not q4.rt5.claim_employment_allowance and q4.rt2s == ()
    assert "Post an RT5 so it reaches HMRC by 19 April 2027: nobody was paid from 6 January 2027 to 5 April 2027" \
        in titles(date(2027, 4, 8))
    # Reporting online again: Home asks for FPSs, not RT2s, and posting is refused.
    with ops.on(book, date(2027, 4, 8)):
        details = employer_details(book)
        ops.run(book, SetEmployerDetails(), type(details)(**{**{f: getattr(details, f) for f in details.__slots__},
                                                             "reports_on_paper": False}))
        refused = book.run(RecordPaperReturnsPosted(), TaxQuarter("2026-27", 4))
    assert not refused.ok and "report to HMRC online" in refused.problems[0].message
    assert not any("RT5" in t for t in titles(date(2027, 4, 8)))
    book.close()


def test_a_draft_run_in_the_quarter_stops_posting(tmp_path: Path) -> None:
    from app.services.paper_returns import RecordPaperReturnsPosted, paper_returns

    book, _, _, runs = paper_household(tmp_path)
    ops.start_correction(book, runs[-1], date(2027, 1, 2), "A missed shift", today=date(2027, 1, 2))
    with ops.on(book, date(2027, 1, 8)):
        returns = paper_returns(book, TaxQuarter("2026-27", 3))
        refused = book.run(RecordPaperReturnsPosted(), TaxQuarter("2026-27", 3))
    assert "The draft pay run paid on 2 January 2027 is in this quarter" in returns.problems[0]
    assert not refused.ok and "draft pay run" in refused.problems[0].message
    book.close()


def test_the_paper_returns_pdf_has_every_form_and_sheet(tmp_path: Path) -> None:
    from pypdf import PdfReader

    from app.reports.paper_returns_pdf import write_paper_returns_pdf
    from app.services.paper_returns import paper_returns

    book, *_ = paper_household(tmp_path)
    with ops.on(book, date(2027, 1, 8)):
        returns = paper_returns(book, TaxQuarter("2026-27", 3))
    pdf = write_paper_returns_pdf(returns, tmp_path / "out" / "Paper returns.pdf")
    pages = [page.extract_text() for page in PdfReader(pdf).pages]
    assert len(pages) == 1 + 2 + 1 + 2  # cover, an RT2 each, the RT5, an RT11 each
    assert "Must reach HMRC by" in pages[0] and "19 January 2027" in pages[0]
    assert "RT2 for Sam Okafor" in pages[1] and "Leaver" in pages[1] and "JK654321A" in pages[1]
    assert "RT2 for Priya Shah" in pages[2]
    assert "RT5 Employer payment summary" in pages[3] and "Claim the Employment Allowance" in pages[3]
    assert "RT11 deductions working sheet: Sam Okafor" in pages[4] and "30/11/2026" in pages[4]
    taxable = f"£{returns.rt2s[1].taxable_pay_pence / 100:,.2f}"
    assert taxable in pages[2]
    book.close()


def test_paper_returns_from_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import datetime

    from app import clock
    from app.cli import main
    from app.core.dates import LONDON

    book, *_ = paper_household(tmp_path)
    path = book.path
    book.close()
    monkeypatch.setattr(clock, "now_london", lambda: datetime(2027, 1, 8, 12, tzinfo=LONDON))
    assert main(["rti", "paper", str(path), "--quarter", "2026-27:3", "--pdf", str(tmp_path / "q3.pdf")]) == 0
    out = capsys.readouterr().out
    assert "RT2 for Priya Shah" in out and (tmp_path / "q3.pdf").exists()
    assert main(["rti", "paper", str(path), "--quarter", "2026-27:3", "--posted"]) == 0
    assert "Recorded as posted on 8 January 2027" in capsys.readouterr().out
    assert main(["rti", "paper", str(path), "--quarter", "2026-27:9"]) == 1
    assert "tax quarter is 1 to 4" in capsys.readouterr().err
    assert main(["rti", "status", str(path)]) == 0
    assert "paper" in capsys.readouterr().out.lower()


def test_the_day_posted_is_the_day_in_london(tmp_path: Path) -> None:
    """Recorded at half past midnight in British Summer Time (23:30 the day before in UTC): it says the day in
    London. Here the RT5 for a quarter in which nobody was paid."""
    from datetime import datetime

    from app.clock import FixedClock
    from app.core.dates import LONDON
    from app.services.paper_returns import RecordPaperReturnsPosted, paper_returns

    book, *_ = paper_household(tmp_path)
    q4 = TaxQuarter("2026-27", 4)
    book.clock = FixedClock(datetime(2027, 4, 10, 0, 30, tzinfo=LONDON))
    assert ops.run(book, RecordPaperReturnsPosted(), q4) == date(2027, 4, 10)
    assert paper_returns(book, q4).posted_on == date(2027, 4, 10)
    book.close()

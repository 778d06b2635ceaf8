"""Paying a PA after their P45 was given, as GOV.UK's "What to do when an employee leaves: paying an employee
after giving them a P45" sets it out: tax code 0T on a week 1 / month 1 basis, National Insurance and student
loan as normal but an irregular payment (accrued holiday pay, an unexpected bonus) worked as a weekly payment,
the FPS's "payment after leaving" indicator with the original leaving date, a written statement, never a
second P45."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from app.payroll import calc
from app.payroll.pay_run import Addition, AdditionKind, PaInRun, RunFacts, TimesheetState, YearToDate, draft_pay_run
from app.payroll.payslip import PensionMembership
from app.payroll.periods import Frequency


def calc_line(**request: object) -> dict[str, str]:
    results, ok = calc.run([json.dumps(request, default=str).encode()])
    assert ok, results
    return results[0]


def leaver(*additions: Addition, tax_code: str = "1257L", after_leaving: bool = True,
           year_to_date: YearToDate | None = None) -> PaInRun:
    return PaInRun(pa_id=1, name="Tom Baker", age=40, tax_code=tax_code, week1_month1=False, ni_category="A",
                   student_loan_plans=(), postgraduate_loan=False, pension=PensionMembership(),
                   pension_status="enrolled", timesheet=TimesheetState.NONE, time_lines=(), additions=additions,
                   year_to_date=year_to_date or YearToDate(), left_on=date(2026, 11, 20), paid_after_leaving=after_leaving)


def december(pa: PaInRun) -> RunFacts:
    return RunFacts(Frequency.MONTHLY, date(2026, 12, 1), date(2026, 12, 31), date(2026, 12, 31), (pa,))


HOLIDAY = Addition(AdditionKind.HOLIDAY_PAY, "4 days not taken", 50_000)


def test_holiday_pay_after_the_p45_is_taxed_on_0t_month_1_and_its_ni_worked_as_a_weekly_payment() -> None:
    """GOV.UK's rule worked for £500 of holiday pay paid to a monthly PA in December 2026 (tax month 9 of 2026-27),
    after their P45: tax on 0T month 1 is 20% of £500 = £100.00 (all of it inside the month's basic rate band);
    NI on a week: (£500 - £242 primary threshold) x 8% = £20.64 employee's, (£500 - £96 secondary threshold) x 15%
    = £60.60 employer's. On a month it would have been no employee's NI at all (£500 is under £1,048)."""
    slip = draft_pay_run(december(leaver(HOLIDAY, year_to_date=YearToDate(2_000_000, 2_000_000, 150_000)))).payslips[0]
    assert (slip.tax_code, slip.week1_month1, slip.paid_after_leaving, slip.ni_frequency) == (
        "0T", True, True, Frequency.WEEKLY)
    result = slip.result
    assert (result.tax_pence, result.employee_ni_pence, result.employer_ni_pence) == (10_000, 2_064, 6_060)
    assert result.employee_pension_pence == result.employer_pension_pence == 0  # no longer a worker
    assert slip.paid_to_pa_pence == 50_000 - 10_000 - 2_064
    # The year to date goes on from the final pay (GOV.UK: "add the additional payment in the Year to date field").
    assert slip.year_to_date.gross_pay_pence == 2_050_000 and slip.year_to_date.tax_pence == 160_000
    # The same figures from the calc contract, line by line.
    tax = calc_line(kind="income_tax", tax_year="2026-27", frequency="monthly", period=9, tax_code="0T",
                    week1_month1=True, gross_pay="500.00")
    ni = calc_line(kind="national_insurance", tax_year="2026-27", frequency="weekly", category="A", gross_pay="500.00")
    assert (tax["tax_due_in_period"], ni["employee_ni"], ni["employer_ni"]) == ("100.00", "20.64", "60.60")
    assert any("payment after leaving" in w and "0T month 1" in w and "one-off weekly payment" in w
               for w in slip.warnings)


def test_back_pay_after_the_p45_is_regular_pay_and_keeps_the_usual_earnings_period() -> None:
    """Pay missed from the final payslip is regular pay: NI on the PA's usual month (nothing under £1,048), and a
    payment mixing it with holiday pay is one regular payment. The Scottish regime is kept: S0T."""
    back = Addition(AdditionKind.BACK_PAY, "hours missed from November", 30_000)
    slip = draft_pay_run(december(leaver(back, HOLIDAY, tax_code="S1257L"))).payslips[0]
    assert (slip.tax_code, slip.ni_frequency, slip.result.employee_ni_pence) == ("S0T", Frequency.MONTHLY, 0)
    monthly = calc_line(kind="national_insurance", tax_year="2026-27", frequency="monthly", category="A",
                        gross_pay="800.00")
    assert slip.result.employer_ni_pence == round(float(monthly["employer_ni"]) * 100)
    assert any("on monthly pay, as usual" in w for w in slip.warnings)


def test_a_pa_still_employed_keeps_their_code_and_pension() -> None:
    slip = draft_pay_run(december(leaver(HOLIDAY, after_leaving=False))).payslips[0]
    assert (slip.tax_code, slip.week1_month1, slip.paid_after_leaving, slip.ni_frequency) == (
        "1257L", False, False, None)
    assert not any("payment after leaving" in w for w in slip.warnings)


@settings(max_examples=60, deadline=None)
@given(amount=st.integers(min_value=1, max_value=2_000_000), taxable_before=st.integers(0, 6_000_000),
       tax_before=st.integers(0, 1_500_000))
def test_tax_after_the_p45_never_depends_on_the_pay_before(amount: int, taxable_before: int, tax_before: int) -> None:
    """0T on a week 1 / month 1 basis is not cumulative: the tax on a payment after leaving is the same whatever
    was paid and taxed before it, and is the calc contract's 0T month 1 figure."""
    bonus = Addition(AdditionKind.BONUS, "thank you", amount)
    ytd = YearToDate(taxable_before, taxable_before, tax_before)
    slip = draft_pay_run(december(leaver(bonus, year_to_date=ytd))).payslips[0]
    plain = draft_pay_run(december(leaver(bonus))).payslips[0]
    assert slip.result.tax_pence == plain.result.tax_pence
    tax = calc_line(kind="income_tax", tax_year="2026-27", frequency="monthly", period=9, tax_code="0T",
                    week1_month1=True, gross_pay=f"{amount // 100}.{amount % 100:02d}")
    assert f"{slip.result.tax_pence // 100}.{slip.result.tax_pence % 100:02d}" == tax["tax_due_in_period"]
    assert slip.result.tax_paid_to_date_pence == tax_before + slip.result.tax_pence


def leaver_paid_after_p45(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 2025-26 household (the year whose FPS schema PA Books holds): Priya starts on 2 February 2026, leaves on
    20 February, is paid her final pay on 28 February and given her P45; in March she is paid holiday pay."""
    from app.services.book import EmployerBook, NewEmployer
    from app.services.employer_details import EmployerDetails, SetEmployerDetails
    from app.services.give_p45 import GiveP45
    from tests import ops

    book = EmployerBook.create(tmp_path / "leaver.pabooks", NewEmployer("Alex Morgan"))
    form = ops.PaForm(first_name="Priya", last_name="Shah", started_on=date(2026, 2, 2),
                      date_of_birth=date(1994, 7, 2), gender="F", contracted_hours_per_week="25",
                      starter_statement="A", ni_number="AB123456C", address="1 Example Road, Northtown, NT1 2AB")
    with ops.on(book, date(2026, 2, 2)):
        ops.run(book, SetEmployerDetails(), EmployerDetails("Alex Morgan", "", "holder", paye_reference="123/AB45678",
                                                            accounts_office_reference="123PA00045678"))
        pa = ops.add_pa(book, form, rates=(ops.RateInput("day", "16.00", date(2026, 2, 1)),))
        ops.add_rota(book, ops.RotaInput(pa, (0, 1, 2, 3, 4), "09:00", "14:00", date(2026, 2, 2)))
    from dataclasses import replace
    ops.update_pa(book, pa, replace(form, left_on=date(2026, 2, 20)), date(2026, 2, 20))
    first, last = date(2026, 2, 1), date(2026, 2, 28)
    with ops.on(book, last):
        ops.apply_rotas(book, first, last)
        ops.approve_timesheet(book, pa, first, last, last, last, confirm_planned=True)
        final = ops.start_pay_run(book, "monthly", first, last)
        ops.finalise(book, final)
        ops.run(book, GiveP45(), pa)
    with ops.on(book, date(2026, 3, 31)):
        march = ops.start_pay_run(book, "monthly", date(2026, 3, 1), date(2026, 3, 31))
        ops.add_payment(book, march, pa, "holiday_pay", "500.00", "4 days not taken")
    return book, pa, final, march


def test_a_payment_after_leaving_is_paid_reported_and_stated_and_the_p45_stays_as_it_was(tmp_path: Path) -> None:
    from app.reports.payslip_pdf import payslip_text
    from app.rti.fps import rti_year
    from app.services.bpt_sheet import bpt_sheet
    from app.services.fps import fps_for_run
    from app.services.give_p45 import p45
    from app.services.pay_views import run_pas
    from tests import ops

    book, pa, final, march = leaver_paid_after_p45(tmp_path)
    p45_before = p45(book, pa)
    assert [name for pa_id, name in run_pas(book, march) if pa_id == pa] == [
        "Priya Shah (left on 20 February 2026: a payment after leaving)"]
    draft = ops.pay_run(book, march)
    slip = draft.payslips[0]
    assert slip.tax_code == "0T (week 1 / month 1)" and not draft.problems
    assert slip.statement.startswith("Payment after leaving: you left on 20 February 2026 and your P45 was given on "
                                     "28 February 2026.")
    ops.finalise(book, march, date(2026, 3, 31))
    kept = ops.pay_run(book, march).payslips[0]
    # 2025-26, tax month 12: 20% of £500 on 0T month 1; NI on a week: (£500 - £242) x 8% and (£500 - £96) x 15%.
    assert dict(kept.deductions)["Income tax"] == 10_000 and dict(kept.deductions)["National Insurance"] == 2_064
    assert kept.employer_ni_pence <= 6_060 and kept.statement == slip.statement
    text = payslip_text(ops.pay_run(book, march), kept)
    assert "no new P45 is given" in text and "holiday this leave year" not in text  # a leaver has no balance now
    assert p45(book, pa) == p45_before  # the P45 keeps the final pay's figures, never the payment after it

    ns = {"f": rti_year("2025-26").fps_namespace}
    document = fps_for_run(book, march)
    assert document.problems == () and document.xml is not None  # HMRC's schema and business rules pass
    root = etree.fromstring(document.xml)
    assert root.findtext(".//f:Employment/f:LeavingDate", namespaces=ns) == "2026-02-20"
    assert root.findtext(".//f:Payment/f:PmtAfterLeaving", namespaces=ns) == "yes"
    assert root.findtext(".//f:Payment/f:TaxCode", namespaces=ns) == "0T"
    assert root.find(".//f:Payment/f:TaxCode", namespaces=ns).get("BasisNonCumulative") == "yes"
    final_fps = fps_for_run(book, final)
    assert final_fps.xml is not None and etree.fromstring(final_fps.xml).find(".//f:PmtAfterLeaving", ns) is None
    assert any("Payment after leaving: yes" in line for line in bpt_sheet(book, march).lines)
    # Paid again in the next tax year: GOV.UK, "the payment should be the only one in the Year to date field".
    with ops.on(book, date(2026, 4, 30)):
        april = ops.start_pay_run(book, "monthly", date(2026, 4, 1), date(2026, 4, 30))
        ops.add_payment(book, april, pa, "bonus", "80.00", "thank-you bonus")
        again = ops.pay_run(book, april).payslips[0]
    assert again.tax_code == "0T (week 1 / month 1)" and again.year_to_date.gross_pay_pence == 8_000
    assert again.year_to_date.tax_pence == dict(again.deductions)["Income tax"] == 1_600  # 20% of £80 on 0T month 1
    # HMRC's business rule 7847 (a payment after leaving needs the leaving date) is met before the schema is run.
    from dataclasses import replace

    from app.rti.fps import FpsFacts, facts_problems
    lost = replace(document.employees[0], leaving_date=None)
    found = facts_problems(FpsFacts("2025-26", date(2026, 3, 31), "123/AB45678", "123PA00045678", (lost,)))
    assert [p.field for p in found] == ["left_on"] and "no leaving date" in found[0].message
    book.close()

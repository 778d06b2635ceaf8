"""Workplace pension membership over time: opting out (and the refund of every contribution when it is in time),
leaving after the opt-out period (no refund), and re-enrolment every three years with its re-declaration.

Sources: The Occupational and Personal Pension Schemes (Automatic Enrolment) Regulations 2010, regs. 9-12; The
Pensions Regulator's detailed guidance no. 7 ("Opting out") and "Re-enrolment and re-declaration"; The People's
Pension, "How long do my employees have to opt out and receive a refund" (the employer refunds the employee
through payroll within a calendar month of the notice; the scheme credits the contributions back against the
next bill).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from app.money.ledger import OWED_PENSION
from app.payroll.pay_run import PENSION_REFUND, draft_pay_run
from app.payroll.pension import (
    Contribution,
    ReEnrolmentFacts,
    ReEnrolVerdict,
    Refund,
    opt_out,
    re_enrolment_verdict,
    re_enrolment_window,
    refund_owed,
)
from app.payroll.periods import Frequency
from app.services.book import BookError
from app.services.ledger_book import account_totals
from app.services.pension_due import pension_bills
from app.services.pension_letters import pension_letter
from app.services.re_enrol_pension import (
    RecordEarlierReEnrolment,
    RecordRedeclaration,
    ReEnrolPension,
    re_enrolment_plan,
)
from app.services.record_pension_opt_out import OptOutNotice, RecordPensionOptOut
from tests import ops
from tests.payroll.test_pay_run import pa, run
from tests.payroll.test_pay_runs_in_a_file import PRIYA, Household, household, pay_month

__all__ = ["household"]


# --- The rules, with the worked examples of the guidance ------------------------------------------------------

def test_the_opt_out_period_is_a_month_from_the_later_of_enrolment_and_the_letter() -> None:
    """TPR guidance no. 7: enrolled on 1 November, the letter given on 10 November: the opt-out period ends on
    10 December. A notice on that day is in time (refund within a month: by 10 January); the day after is not."""
    in_time = opt_out(date(2026, 11, 1), date(2026, 12, 10), letter_given_on=date(2026, 11, 10))
    assert (in_time.in_time, in_time.window_ends, in_time.refund_by) == (True, date(2026, 12, 10), date(2027, 1, 10))
    late = opt_out(date(2026, 11, 1), date(2026, 12, 11), letter_given_on=date(2026, 11, 10))
    assert (late.in_time, late.refund_by) == (False, None)
    # A letter given before the enrolment date: the month runs from the enrolment date.
    assert opt_out(date(2026, 11, 1), date(2026, 11, 20), date(2026, 10, 20)).window_ends == date(2026, 12, 1)
    with pytest.raises(ValueError):
        opt_out(date(2026, 11, 1), date(2026, 10, 31))


def test_an_opt_out_in_time_pays_back_everything_since_enrolment_and_nothing_twice() -> None:
    paid = (Contribution(date(2026, 10, 30), 999, 999),  # an earlier membership, before this enrolment
            Contribution(date(2026, 11, 30), 3_840, 2_880),
            Contribution(date(2026, 12, 31), 3_840, 2_880))
    letter = date(2026, 11, 10)  # the opt-out period ends on 10 December
    owed = refund_owed(paid, date(2026, 11, 1), date(2026, 12, 5), letter)
    assert owed == Refund(7_680, 5_760) and owed.total_pence == 13_440
    refunded = paid + (Contribution(date(2027, 1, 29), 0, 0, 7_680, 5_760),)
    assert refund_owed(refunded, date(2026, 11, 1), date(2026, 12, 5), letter) == Refund(0, 0)
    assert refund_owed(paid, date(2026, 11, 1), date(2026, 12, 11), letter) == Refund(0, 0)  # after the month: nothing back


def test_the_re_enrolment_window_and_the_re_declaration() -> None:
    """TPR: the re-enrolment date is chosen from 3 months before to 3 months after the third anniversary of the
    duties start date; the re-declaration of compliance is due within 5 months of the anniversary."""
    window = re_enrolment_window(date(2024, 2, 1))
    assert (window.anniversary, window.opens, window.closes, window.redeclare_by) == (
        date(2027, 2, 1), date(2026, 11, 1), date(2027, 5, 1), date(2027, 7, 1))
    assert window.contains(date(2026, 11, 1)) and window.contains(date(2027, 5, 1))
    assert not window.contains(date(2026, 10, 31)) and not window.contains(date(2027, 5, 2))


@pytest.mark.parametrize("left, birth, earnings, verdict", [
    (date(2025, 6, 1), date(1990, 1, 1), 200_000, ReEnrolVerdict.RE_ENROL),  # left 18 months before: back in
    (date(2026, 2, 1), date(1990, 1, 1), 200_000, ReEnrolVerdict.LEFT_RECENTLY),  # left within 12 months
    (date(2025, 6, 1), date(2006, 6, 1), 200_000, ReEnrolVerdict.NOT_ELIGIBLE),  # 20: under 22
    (date(2025, 6, 1), date(1990, 1, 1), 50_000, ReEnrolVerdict.NOT_ELIGIBLE),  # £500 a month: under the trigger
    (date(2025, 6, 1), None, 200_000, ReEnrolVerdict.CANNOT_TELL),
    (date(2025, 6, 1), date(1990, 1, 1), None, ReEnrolVerdict.CANNOT_TELL),
])
def test_who_is_re_enrolled(left: date, birth: date | None, earnings: int | None, verdict: ReEnrolVerdict) -> None:
    """Reg. 12: an eligible jobholder on the re-enrolment date is re-enrolled, unless they left the scheme in the
    12 months before it. The monthly earnings trigger for 2026-27 is £833."""
    facts = ReEnrolmentFacts(left, birth, earnings, Frequency.MONTHLY)
    assert re_enrolment_verdict(facts, date(2026, 12, 1), "2026-27") is verdict


def test_a_refund_is_paid_back_with_pay_untaxed_and_shown_on_the_payslip() -> None:
    plain = draft_pay_run(run(pa(1, 100 * 60))).payslips[0]
    back = draft_pay_run(run(pa(1, 100 * 60, pension_status="opted_out", pension_refund=Refund(3_840, 2_880))))
    slip = back.payslips[0]
    assert slip.result == plain.result  # not pay: no tax, no NI
    assert slip.paid_to_pa_pence == plain.result.net_pay_pence + 3_840
    assert [(line.kind, line.amount_pence) for line in slip.after_tax] == [(PENSION_REFUND, 3_840)]
    assert back.pension_pence == -6_720  # the scheme owes it back
    assert back.employer_cost_pence == plain.result.employer_cost_pence - 2_880
    assert any("opted out of the workplace pension in time" in w for w in slip.warnings)
    # A PA with nothing else this period still gets a payslip for the refund.
    alone = draft_pay_run(run(pa(1, 0, time_lines=(), pension_status="opted_out", pension_refund=Refund(3_840, 0))))
    assert [s.paid_to_pa_pence for s in alone.payslips] == [3_840] and not alone.problems


# --- In a file, through the operations -----------------------------------------------------------------------

def enrol_priya(h: Household, on: date) -> None:
    ops.update_pa(h.book, h.priya, replace(PRIYA, pension_status="enrolled"), on)


def test_an_opt_out_in_time_is_paid_back_in_the_next_run_and_the_scheme_bill_nets_it(household: Household) -> None:
    h = household
    enrol_priya(h, date(2026, 11, 1))
    november = pay_month(h, date(2026, 11, 1))
    slip = next(s for s in ops.pay_run(h.book, november).payslips if s.pa_id == h.priya)
    employee, employer = dict(slip.deductions)["Pension"], slip.employer_pension_pence
    assert employee > 0 and employer > 0
    with ops.on(h.book, date(2026, 12, 3)):
        said = ops.run(h.book, RecordPensionOptOut(), OptOutNotice(h.priya, date(2026, 12, 1))).words()
        assert "opted out in time (by 1 December 2026)" in said
        assert f"pays back the £{employee / 100:,.2f}" in said and "pay it by 1 January 2027" in said
        todo = [t.title for t in ops.home_summary(h.book).todo]
        assert f"Pay Priya Shah back £{employee / 100:,.2f} of pension contributions by 1 January 2027" in todo
        with pytest.raises(BookError, match="not in the pension scheme"):
            ops.run(h.book, RecordPensionOptOut(), OptOutNotice(h.priya, date(2026, 12, 1)))
    december = pay_month(h, date(2026, 12, 1))
    view = ops.pay_run(h.book, december)
    back = next(s for s in view.payslips if s.pa_id == h.priya)
    assert dict(back.deductions).get("Pension") is None  # no more contributions
    assert ("Pension contributions paid back (you opted out)", employee) in [
        (line.description, line.amount_pence) for line in back.after_tax]
    assert back.paid_to_pa_pence == back.net_pay_pence + employee
    assert (back.year_to_date.employee_pension_pence, back.year_to_date.employer_pension_pence) == (0, 0)
    bills = {b.deducted_in: b for b in pension_bills(h.book)}
    assert bills[date(2026, 12, 1)].amount_pence == -(employee + employer)
    assert "The pension scheme owes you" in bills[date(2026, 12, 1)].words()
    # The ledger: the refund December's run posts cancels November's bill, so nothing is owed either way.
    with h.book.reading() as session:
        assert account_totals(session, date(2026, 12, 31)).get(OWED_PENSION, 0) == 0
    with ops.on(h.book, date(2027, 1, 2)):
        assert not any("back £" in t.title for t in ops.home_summary(h.book).todo)  # paid: the reminder goes
    # Nothing is paid back twice.
    january = pay_month(h, date(2027, 1, 1))
    assert not next(s for s in ops.pay_run(h.book, january).payslips if s.pa_id == h.priya).after_tax


def test_leaving_after_the_opt_out_period_pays_nothing_back(household: Household) -> None:
    h = household
    enrol_priya(h, date(2026, 10, 1))
    pay_month(h, date(2026, 10, 1))
    pay_month(h, date(2026, 11, 1))
    with ops.on(h.book, date(2026, 12, 3)):
        with pytest.raises(BookError, match="in the future"):
            ops.run(h.book, RecordPensionOptOut(), OptOutNotice(h.priya, date(2026, 12, 4)))
        said = ops.run(h.book, RecordPensionOptOut(), OptOutNotice(h.priya, date(2026, 12, 2))).words()
    assert "ended on 1 November 2026, so nothing is paid back" in said
    december = pay_month(h, date(2026, 12, 1))
    slip = next(s for s in ops.pay_run(h.book, december).payslips if s.pa_id == h.priya)
    assert not slip.after_tax and "Pension" not in dict(slip.deductions)


def test_re_enrolment_puts_back_who_left_long_enough_ago_and_asks_for_the_re_declaration(household: Household) -> None:
    h = household
    # Priya's first day, 1 April 2026, starts the duties: the third anniversary is 1 April 2029.
    enrol_priya(h, date(2026, 11, 1))
    pay_month(h, date(2026, 11, 1))
    with ops.on(h.book, date(2026, 11, 20)):
        ops.run(h.book, RecordPensionOptOut(), OptOutNotice(h.priya, date(2026, 11, 20)))
    plan = re_enrolment_plan(h.book, date(2029, 3, 1))
    assert plan.window is not None and (plan.window.opens, plan.window.closes) == (date(2029, 1, 1), date(2029, 7, 1))
    assert "choose a date from 1 January 2029 to 1 July 2029" in " ".join(plan.lines())
    with ops.on(h.book, date(2028, 11, 30)):
        assert not any("Re-enrol" in t.title for t in ops.home_summary(h.book).todo)
    with ops.on(h.book, date(2028, 12, 1)):  # a month before the window opens
        assert "Re-enrol for the workplace pension by 1 July 2029" in [t.title for t in ops.home_summary(h.book).todo]
    with ops.on(h.book, date(2029, 3, 1)):
        with pytest.raises(BookError, match="from 1 January 2029 to 1 July 2029"):
            ops.run(h.book, ReEnrolPension(), date(2028, 12, 31))
        with pytest.raises(BookError, match="in the future"):
            ops.run(h.book, ReEnrolPension(), date(2029, 3, 2))
        with pytest.raises(BookError, match="Re-enrol first"):
            ops.run(h.book, RecordRedeclaration(), date(2029, 3, 1))
        done = ops.run(h.book, ReEnrolPension(), date(2029, 3, 1))
        assert done.re_enrolled == ("Priya Shah",) and done.redeclare_by == date(2029, 9, 1)
        assert "by 1 September 2029" in done.words()
        details = ops.pa_details(h.book, h.priya)
        assert details.form.pension_status == "enrolled"
        letter = pension_letter(h.book, h.priya, "re_enrolment")
        assert "From 1 March 2029 I have put you back into the workplace pension scheme" in letter
        assert "by 1 April 2029" in letter  # the opt-out month runs from the later of re-enrolment and the letter
        todo = [t.title for t in ops.home_summary(h.book).todo]
        assert "Make the pension re-declaration of compliance by 1 September 2029" in todo
        assert not any(t.startswith("Re-enrol") for t in todo)  # the next is counted from 1 March 2029
        ops.run(h.book, RecordRedeclaration(), date(2029, 3, 1))
        assert not any("re-declaration" in t.title for t in ops.home_summary(h.book).todo)
    plan = re_enrolment_plan(h.book, date(2029, 3, 2))
    assert plan.window is not None and plan.window.anniversary == date(2032, 3, 1)
    assert "The re-declaration of compliance was made on 1 March 2029." in plan.lines()


def test_someone_who_left_in_the_last_12_months_is_not_re_enrolled(household: Household) -> None:
    h = household
    enrol_priya(h, date(2028, 6, 1))
    with ops.on(h.book, date(2028, 6, 20)):
        ops.run(h.book, RecordPensionOptOut(), OptOutNotice(h.priya, date(2028, 6, 20)))
    with ops.on(h.book, date(2029, 3, 1)):
        done = ops.run(h.book, ReEnrolPension(), date(2029, 3, 1))
    assert done.re_enrolled == ()
    assert "Priya Shah (left the scheme on 20 June 2028) need not be re-enrolled" in done.words()
    assert ops.pa_details(h.book, h.priya).form.pension_status == "opted_out"


def test_contributions_start_with_the_pay_period_holding_the_enrolment_date(household: Household) -> None:
    from app.services.enrol_in_pension import EnrolInPension, Enrolment

    h = household
    with ops.on(h.book, date(2026, 11, 20)):
        with pytest.raises(BookError, match="cannot be before it"):
            ops.run(h.book, EnrolInPension(), Enrolment(h.priya, date(2026, 3, 31)))
        said = ops.run(h.book, EnrolInPension(), Enrolment(h.priya, date(2026, 12, 15)))
        assert "in the pension scheme from 15 December 2026" in said
        with pytest.raises(BookError, match="already in the pension scheme since 15 December 2026"):
            ops.run(h.book, EnrolInPension(), Enrolment(h.priya, date(2026, 12, 15)))
    november = pay_month(h, date(2026, 11, 1))
    december = pay_month(h, date(2026, 12, 1))
    deducted = [dict(next(s for s in ops.pay_run(h.book, run_id).payslips if s.pa_id == h.priya).deductions)
                for run_id in (november, december)]
    assert "Pension" not in deducted[0] and deducted[1]["Pension"] > 0


def test_a_re_enrolment_made_before_pa_books_is_recorded_and_the_next_counts_from_it(household: Household) -> None:
    h = household
    ops.add_pa(h.book, replace(PRIYA, first_name="Ola", last_name="Early", started_on=date(2019, 5, 1),
                               left_on=date(2020, 1, 31), ni_number="AB998877C"), date(2019, 5, 1))
    with ops.on(h.book, date(2026, 12, 3)):
        todo = [t.title for t in ops.home_summary(h.book).todo]
        assert "Re-enrolment was due by 1 August 2022" in todo  # the duties began on 1 May 2019
        with pytest.raises(BookError, match="could not be before 3 years less 3 months after it"):
            ops.run(h.book, RecordEarlierReEnrolment(), date(2022, 1, 31))
        with pytest.raises(BookError, match="in the future"):
            ops.run(h.book, RecordEarlierReEnrolment(), date(2026, 12, 4))
        ops.run(h.book, RecordEarlierReEnrolment(), date(2022, 5, 1))
        assert "Re-enrolment was due by 1 August 2025" in [t.title for t in ops.home_summary(h.book).todo]
        ops.run(h.book, RecordEarlierReEnrolment(), date(2025, 5, 1))
        todo = [t.title for t in ops.home_summary(h.book).todo]
        assert not any("e-enrol" in t or "re-declaration" in t for t in todo)
    plan = re_enrolment_plan(h.book, date(2026, 12, 3))
    assert plan.window is not None and (plan.window.opens, plan.window.closes) == (date(2028, 2, 1), date(2028, 8, 1))


def test_a_postponement_of_up_to_3_months_quiets_the_enrolment_warning_and_home_says_when_it_ends(
        household: Household) -> None:
    """TPR detailed guidance no. 2: postponement for up to 3 months from the day the duty arose."""
    from app.services.postpone_pension import PostponeEnrolment, Postponement

    h = household
    with ops.on(h.book, date(2026, 11, 2)):
        with pytest.raises(BookError, match="until 1 February 2027 at the latest"):
            ops.run(h.book, PostponeEnrolment(), Postponement(h.priya, date(2026, 11, 1), date(2027, 2, 2)))
        said = ops.run(h.book, PostponeEnrolment(), Postponement(h.priya, date(2026, 11, 1), date(2027, 1, 31)))
    assert "postponed until 31 January 2027" in said and "letter (Pension letter…) by 13 December 2026" in said
    november = pay_month(h, date(2026, 11, 1))
    warnings = " ".join(next(s for s in ops.pay_run(h.book, november).payslips if s.pa_id == h.priya).warnings)
    assert "enrolment is postponed until 31 January 2027" in warnings and "Enrol them, or postpone" not in warnings
    with ops.on(h.book, date(2027, 1, 16)):
        assert not any("postponement ends" in t.title for t in ops.home_summary(h.book).todo)
    with ops.on(h.book, date(2027, 1, 17)):
        assert "Priya Shah's pension postponement ends on 31 January 2027" in [
            t.title for t in ops.home_summary(h.book).todo]

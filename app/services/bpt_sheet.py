"""The figures of a final pay run, in the order HMRC's Basic PAYE Tools asks for them, for holders who report
with Basic PAYE Tools (or while PA Books cannot make a year's FPS). The figures are the payslips' as kept."""

from __future__ import annotations

from dataclasses import dataclass

from app.rti.fps import FpsEmployee
from app.services.book import EmployerBook
from app.services.fps import fps_for_run
from app.services.pay_views import pay_run
from app.services.words import format_pounds, long_date

FREQUENCY_WORDS = {"weekly": "Weekly", "fortnightly": "Fortnightly", "four_weekly": "Four-weekly",
                   "monthly": "Monthly"}
HOURS_WORDS = {"A": "Up to 15.99 hours a week", "B": "16 to 23.99 hours", "C": "24 to 29.99 hours",
               "D": "30 hours or more", "E": "Other (hours vary)"}


@dataclass(frozen=True, slots=True)
class BptSheet:
    title: str
    lines: tuple[str, ...]


def _employee_lines(e: FpsEmployee, pay_date_words: str) -> list[str]:
    basis = " (week 1 / month 1)" if e.week1_month1 else ""
    unit = "Month" if e.frequency == "monthly" else "Week"
    lines = [f"{e.forename} {e.surname} (payroll ID {e.pay_id}, NI number {e.ni_number or 'not known'})",
             f"  Payment date: {pay_date_words}. Pay frequency: {FREQUENCY_WORDS.get(e.frequency, e.frequency)}. "
             f"{unit} number: {e.period}.",
             f"  Hours worked: {HOURS_WORDS.get(e.hours_band, e.hours_band)}."
             + (" Irregular payment pattern: yes (hours vary)." if e.irregular_payments else ""),
             f"  Tax code: {e.tax_code}{basis}.",
             f"  Taxable pay this period: {format_pounds(e.taxable_pay_pence)}.",
             f"  Tax deducted this period: {format_pounds(e.tax_pence)}."]
    for ni in e.ni_letters:
        lines += [f"  NI category letter {ni.letter}: gross earnings for NI {format_pounds(ni.gross_in_period_pence)}, "
                  f"employee NI {format_pounds(ni.employee_in_period_pence)}, employer NI "
                  f"{format_pounds(ni.employer_in_period_pence)}."]
    if e.student_loan_pence:
        lines.append(f"  Student loan deducted (plan {e.student_loan_plan}): {format_pounds(e.student_loan_pence)}.")
    if e.postgraduate_loan_pence:
        lines.append(f"  Postgraduate loan deducted: {format_pounds(e.postgraduate_loan_pence)}.")
    if e.non_taxable_payments_pence:
        lines.append(f"  Payments not subject to tax or NI (expenses): {format_pounds(e.non_taxable_payments_pence)}.")
    if e.deductions_from_net_pay_pence:
        lines.append(f"  Deductions from net pay: {format_pounds(e.deductions_from_net_pay_pence)}.")
    lines.append(f"  Pay after statutory deductions: {format_pounds(e.pay_after_statutory_deductions_pence)}.")
    if e.starter is not None:
        lines.append(f"  New starter: started {long_date(e.starter.start_date)}"
                     + (f", starter declaration {e.starter.statement}" if e.starter.statement else "") + ".")
    if e.leaving_date is not None:
        lines.append(f"  Leaver: left on {long_date(e.leaving_date)}."
                     + (" Payment after leaving: yes (paid after their P45 was given)." if e.payment_after_leaving
                        else ""))
    lines.append(f"  This tax year so far: taxable pay {format_pounds(e.taxable_pay_to_date_pence)}, tax "
                 f"{format_pounds(e.tax_to_date_pence)}.")
    return lines


def bpt_sheet(book: EmployerBook, pay_run_id: int) -> BptSheet:
    view = pay_run(book, pay_run_id)
    document = fps_for_run(book, pay_run_id)
    title = f"{view.title}, paid on {long_date(view.pay_date)}"
    lines = [f"The figures to report to HMRC for {title}.",
             "Basic PAYE Tools works out the tax and National Insurance itself: check its figures match these.", ""]
    if not view.finalised:
        lines.append("Finalise the pay run first: only final figures are reported.")
        return BptSheet(title, tuple(lines))
    for employee in document.employees:
        lines += _employee_lines(employee, long_date(view.pay_date)) + [""]
    return BptSheet(title, tuple(lines))

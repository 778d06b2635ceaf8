"""Pay runs as the Pay screen, the CLI and the payslip PDFs show them: a draft worked out afresh, a finalised
run read back exactly as it was kept. Both give the same PayslipView, so a payslip looks the same either way."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models import PayRun, Payslip, PayslipLine, PersonalAssistant
from app.payroll.pay_run import PENSION_REFUND, AdditionKind, DraftPayslip, YearToDate, draft_pay_run
from app.services.book import BookError, EmployerBook, employer_of
from app.services.pay_run_facts import FINALISED, gather
from app.services.words import format_pounds, long_date

FREQUENCY_TITLES = {"weekly": "Weekly", "fortnightly": "Fortnightly", "four_weekly": "Four-weekly",
                    "monthly": "Monthly"}


@dataclass(frozen=True, slots=True)
class PayslipLineView:
    description: str
    hours: Decimal | None
    rate_pence: int | None
    amount_pence: int


@dataclass(frozen=True, slots=True)
class PayslipView:
    pa_id: int
    pa_name: str
    ni_number_masked: str  # "ending 56C": only the last 3 characters shown (and said plainly by a screen reader)
    tax_code: str  # with " (week 1 / month 1)" when not cumulative
    ni_category: str
    lines: tuple[PayslipLineView, ...]
    after_tax: tuple[PayslipLineView, ...]  # expenses paid back (+) and deductions from net pay (-)
    gross_pay_pence: int
    deductions: tuple[tuple[str, int], ...]  # ("Income tax", 4120), every deduction named, even when £0
    net_pay_pence: int
    expenses_pence: int
    other_deductions_pence: int
    paid_to_pa_pence: int
    employer_ni_pence: int
    employer_pension_pence: int
    year_to_date: YearToDate
    warnings: tuple[str, ...]
    bank_account_name: str
    sort_code: str
    account_number: str
    holiday_words: str = ""  # for irregular-hours PAs: the holiday earned this period
    statement: str = ""  # a payment after leaving: what it is, as the written statement GOV.UK asks for


@dataclass(frozen=True, slots=True)
class PayRunView:
    pay_run_id: int
    title: str  # "Monthly pay, 1 December 2026 to 31 December 2026"
    frequency: str
    period_start: date
    period_end: date
    pay_date: date
    tax_year: str
    period: int
    finalised: bool
    kind: str  # regular, correction
    reason: str
    corrects: str  # the run a correction points at, in words
    employer_name: str
    payslips: tuple[PayslipView, ...]
    problems: tuple[str, ...]  # what stops it being finalised (drafts only)
    paid_to_pas_pence: int
    due_to_hmrc_pence: int
    pension_pence: int
    employer_cost_pence: int


AFTER_TAX_KINDS = (AdditionKind.EXPENSES.value, AdditionKind.DEDUCTION.value, PENSION_REFUND)


def _line(description: str, hours: Decimal | None, rate_pence: int | None, amount_pence: int) -> PayslipLineView:
    return PayslipLineView(description, hours, rate_pence, amount_pence)


def _after_tax(kind: str, description: str, amount_pence: int) -> PayslipLineView:
    return PayslipLineView(description, None, None, -amount_pence if kind == AdditionKind.DEDUCTION else amount_pence)


def mask_ni_number(ni_number: str) -> str:
    cleaned = ni_number.replace(" ", "")
    if not cleaned:
        return "not given"
    return f"ending {cleaned[-3:]}"


def run_title(run: PayRun) -> str:
    words = "Correction" if run.kind == "correction" else f"{FREQUENCY_TITLES.get(run.frequency, run.frequency)} pay"
    return f"{words}, {long_date(run.period_start)} to {long_date(run.period_end)}"


def _deductions(tax: int, employee_ni: int, pension: int, student: int, postgraduate: int) -> tuple[tuple[str, int], ...]:
    named = [("Income tax", tax), ("National Insurance", employee_ni)]
    if pension:
        named.append(("Pension", pension))
    if student:
        named.append(("Student loan", student))
    if postgraduate:
        named.append(("Postgraduate loan", postgraduate))
    return tuple(named)


def _code_words(code: str, week1: bool) -> str:
    return f"{code} (week 1 / month 1)" if week1 else code


def _statement(pa: PersonalAssistant, after_leaving: bool) -> str:
    if not after_leaving or pa.left_on is None:
        return ""
    given = f" and your P45 was given on {long_date(pa.p45_given_on)}" if pa.p45_given_on else ""
    return (f"Payment after leaving: you left on {long_date(pa.left_on)}{given}. This payslip is the written "
            "statement of this payment and what was taken off it; no new P45 is given. Tax is on code 0T, week 1 / "
            "month 1, as HMRC says for pay after a P45.")


def _from_draft(slip: DraftPayslip, pa: PersonalAssistant) -> PayslipView:
    r = slip.result
    return PayslipView(
        pa.id, pa.full_name, mask_ni_number(pa.ni_number), _code_words(slip.tax_code, slip.week1_month1),
        slip.ni_category, tuple(_line(line.description, line.hours, line.rate_pence, line.amount_pence)
                                for line in slip.lines),
        tuple(_after_tax(line.kind, line.description, line.amount_pence) for line in slip.after_tax),
        r.gross_pay_pence, _deductions(r.tax_pence, r.employee_ni_pence, r.employee_pension_pence,
                                       r.student_loan_pence, r.postgraduate_loan_pence),
        r.net_pay_pence, slip.expenses_pence, slip.deductions_pence, slip.paid_to_pa_pence,
        r.employer_ni_pence - r.employment_allowance_offset_pence, r.employer_pension_pence, slip.year_to_date,
        slip.warnings, pa.bank_account_name, pa.bank_sort_code, pa.bank_account_number, slip.holiday_words,
        _statement(pa, slip.paid_after_leaving))


def _from_row(session: Session, row: Payslip, pa: PersonalAssistant) -> PayslipView:
    details = json.loads(row.details_json or "{}")
    lines = list(session.scalars(select(PayslipLine).where(PayslipLine.payslip_id == row.id).order_by(PayslipLine.id)))
    after = [line for line in lines if line.kind in AFTER_TAX_KINDS]
    return PayslipView(
        pa.id, pa.full_name, mask_ni_number(pa.ni_number), _code_words(row.tax_code, row.week1_month1),
        row.ni_category, tuple(_line(line.description, line.hours, line.rate_pence, line.amount_pence)
                               for line in lines if line.kind not in AFTER_TAX_KINDS),
        tuple(_after_tax(line.kind, line.description, line.amount_pence) for line in after),
        row.gross_pay_pence, _deductions(row.tax_pence, row.employee_ni_pence, row.employee_pension_pence,
                                         row.student_loan_pence, row.postgraduate_loan_pence),
        row.net_pay_pence, row.expenses_pence, row.deductions_pence, row.paid_to_pa_pence,
        row.employer_ni_pence - row.employment_allowance_offset_pence, row.employer_pension_pence,
        YearToDate(**details.get("year_to_date", {})), tuple(details.get("warnings", ())),
        pa.bank_account_name, pa.bank_sort_code, pa.bank_account_number, str(details.get("holiday_words", "")),
        _statement(pa, bool(details.get("paid_after_leaving"))))


def run_view(session: Session, run: PayRun) -> PayRunView:
    employer = employer_of(session)
    corrects = ""
    if run.corrects_pay_run_id is not None:
        original = session.get(PayRun, run.corrects_pay_run_id)
        corrects = f"{run_title(original)}, paid on {long_date(original.pay_date)}" if original else ""
    if run.status == FINALISED:
        rows = session.execute(select(Payslip, PersonalAssistant).join(PersonalAssistant).where(
            Payslip.pay_run_id == run.id).order_by(PersonalAssistant.last_name, PersonalAssistant.first_name)).all()
        slips = tuple(_from_row(session, row, pa) for row, pa in rows)
        problems: tuple[str, ...] = ()
        due = sum(r.tax_pence + r.employee_ni_pence + r.employer_ni_pence - r.employment_allowance_offset_pence
                  + r.student_loan_pence + r.postgraduate_loan_pence for r, _ in rows)
        pension = sum(r.employee_pension_pence + r.employer_pension_pence - r.pension_refund_pence
                      - r.employer_pension_refund_pence for r, _ in rows)
        cost = sum(r.gross_pay_pence + r.employer_ni_pence - r.employment_allowance_offset_pence
                   + r.employer_pension_pence + r.expenses_pence - r.employer_pension_refund_pence for r, _ in rows)
        period = run.period
    else:
        draft = draft_pay_run(gather(session, run).facts)
        pas = {pa.id: pa for pa in session.scalars(select(PersonalAssistant))}
        slips = tuple(_from_draft(slip, pas[slip.pa_id]) for slip in draft.payslips)
        problems = tuple(p.message for p in draft.problems)
        due, pension, cost, period = (draft.due_to_hmrc_pence, draft.pension_pence, draft.employer_cost_pence,
                                      draft.period)
    return PayRunView(
        run.id, run_title(run), run.frequency, run.period_start, run.period_end, run.pay_date, run.tax_year, period,
        run.status == FINALISED, run.kind, run.reason, corrects, employer.acting_employer_name or employer.person_name,
        slips, problems, sum(s.paid_to_pa_pence for s in slips), due, pension, cost)


def pay_run(book: EmployerBook, pay_run_id: int) -> PayRunView:
    with book.reading() as session:
        run = session.get(PayRun, pay_run_id)
        if run is None:
            raise BookError("That pay run is not in this file.")
        return run_view(session, run)


def pay_runs(book: EmployerBook) -> list[PayRunView]:
    """Every run, the latest pay date first."""
    with book.reading() as session:
        runs = session.scalars(select(PayRun).order_by(PayRun.pay_date.desc(), PayRun.id.desc())).all()
        return [run_view(session, run) for run in runs]


AFTER_LEAVING_DAYS = 400  # leavers offered for a payment after leaving: this tax year's and the last's
AFTER_LEAVING = "a payment after leaving"  # said in a leaver's name in the list of PAs a payment can be added for


def run_pas(book: EmployerBook, pay_run_id: int) -> list[tuple[int, str]]:
    """The PAs a payment can be added for in a run: those paid at its frequency who had not left before it, then
    recent leavers (a payment after leaving, said in the name)."""
    with book.reading() as session:
        run = session.get(PayRun, pay_run_id)
        if run is None:
            raise BookError("That pay run is not in this file.")
        query = select(PersonalAssistant).where(PersonalAssistant.pay_frequency == run.frequency,
                                                PersonalAssistant.personal_data_erased_on.is_(None)).order_by(
            PersonalAssistant.first_name, PersonalAssistant.last_name)
        pas = list(session.scalars(query))
        staying = [(pa.id, pa.full_name) for pa in pas if pa.left_on is None or pa.left_on >= run.period_start]
        left = [(pa.id, f"{pa.full_name} (left on {long_date(pa.left_on)}: {AFTER_LEAVING})") for pa in pas
                if pa.left_on is not None and pa.left_on < run.period_start and pa.p45_given_on is not None
                and (run.period_start - pa.left_on).days <= AFTER_LEAVING_DAYS]
        return staying + left


def run_summary_lines(view: PayRunView) -> list[str]:
    """The run in a few plain sentences: who is paid what, what is owed HMRC and the pension scheme, and what
    still stops it being finalised."""
    state = "Final: it can never be changed." if view.finalised else "Draft: not final, and worked out afresh each time."
    lines = [f"{view.title}, paid on {long_date(view.pay_date)}. {state}"]
    if view.kind == "correction":
        lines.append(f"It corrects {view.corrects}. Why: {view.reason}")
    for slip in view.payslips:
        lines.append(f"Pay {slip.pa_name} {format_pounds(slip.paid_to_pa_pence)} (gross pay "
                     f"{format_pounds(slip.gross_pay_pence)}).")
    if not view.payslips:
        lines.append("No one is paid in this run yet.")
    pension = (f" and {format_pounds(view.pension_pence)} to pay the pension scheme." if view.pension_pence > 0
               else f". The pension scheme gives back {format_pounds(-view.pension_pence)} after an opt-out."
               if view.pension_pence < 0 else ".")
    lines.append(f"This run adds {format_pounds(view.due_to_hmrc_pence)} to what you owe HMRC" + pension)
    lines.append(f"It costs you {format_pounds(view.employer_cost_pence)} in all.")
    lines += [f"To put right before finalising: {problem}" for problem in view.problems]
    warnings = sorted({w for slip in view.payslips for w in slip.warnings})
    lines += [f"To look at: {w}" for w in warnings]
    return lines


@dataclass(frozen=True, slots=True)
class PayRunRow:
    """A run as the list of runs shows it: cheap to read for years of runs (a final run's payslips are summed,
    not read back one by one; only drafts are worked out)."""

    pay_run_id: int
    title: str
    pay_date: date
    finalised: bool
    kind: str
    paid_to_pas_pence: int


def pay_run_rows(book: EmployerBook) -> list[PayRunRow]:
    """Every run, the latest pay date first."""
    with book.reading() as session:
        paid = dict(session.execute(select(Payslip.pay_run_id, func.sum(Payslip.paid_to_pa_pence)).group_by(
            Payslip.pay_run_id)).all())
        rows = []
        for run in session.scalars(select(PayRun).order_by(PayRun.pay_date.desc(), PayRun.id.desc())):
            amount = int(paid.get(run.id) or 0) if run.status == FINALISED else run_view(session, run).paid_to_pas_pence
            rows.append(PayRunRow(run.id, run_title(run), run.pay_date, run.status == FINALISED, run.kind, amount))
        return rows

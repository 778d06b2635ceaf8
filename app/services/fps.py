"""A finalised pay run's Full Payment Submission: its figures from the kept payslips, made into HMRC's XML for
the run's tax year, checked against HMRC's schema, and sealed with its IRmark. Nothing is sent from here."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.problems import Problem
from app.models import PayRun, Payslip, PersonalAssistant
from app.payroll.rates import rates_for
from app.payroll.student_loans import choose_plan
from app.rti.fps import (
    LOAN_PLAN_CODES,
    FpsEmployee,
    FpsFacts,
    FpsNiLetter,
    FpsStarter,
    UnsupportedRtiYear,
    build_fps,
    facts_problems,
    fps_bytes,
    hours_band,
    rti_year,
    schema_problems,
    sealed_body,
)
from app.rti.govtalk import Routing, business_rule_problems, govtalk_message
from app.services.book import BookError, EmployerBook, employer_of
from app.services.pay_run_facts import FINALISED

UK_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class FpsDocument:
    pay_run_id: int
    tax_year: str
    employees: tuple[FpsEmployee, ...]
    problems: tuple[str, ...]  # what to put right before it can be sent; empty when it is ready
    xml: bytes | None  # the FPS (IRenvelope, IRmark filled in) when it has no problems


def _address(text: str) -> tuple[tuple[str, ...], str]:
    parts = [p.strip() for p in re.split(r"[,\n]", text) if p.strip()]
    if parts and UK_POSTCODE.match(parts[-1].upper()):
        return tuple(parts[:-1])[:4], parts[-1].upper()
    return tuple(parts)[:4], ""


def _ni_to_date(session: Session, pa_id: int, run: PayRun, letter: str) -> tuple[int, int, int, int, int, int]:
    rows = session.execute(select(Payslip).join(PayRun).where(
        Payslip.pa_id == pa_id, PayRun.status == FINALISED, PayRun.tax_year == run.tax_year,
        Payslip.ni_category == letter, (PayRun.pay_date < run.pay_date) | (
            (PayRun.pay_date == run.pay_date) & (PayRun.id <= run.id)))).scalars().all()
    return (sum(r.gross_pay_pence for r in rows), sum(r.earnings_at_lel_pence for r in rows),
            sum(r.earnings_lel_to_pt_pence for r in rows), sum(r.earnings_pt_to_uel_pence for r in rows),
            sum(r.employer_ni_pence for r in rows), sum(r.employee_ni_pence for r in rows))


def _employee(session: Session, run: PayRun, slip: Payslip, pa: PersonalAssistant) -> FpsEmployee:
    kept = json.loads(slip.details_json or "{}")
    details = kept.get("year_to_date", {})
    earlier = session.scalar(select(Payslip.id).join(PayRun).where(
        Payslip.pa_id == pa.id, PayRun.status == FINALISED, Payslip.id < slip.id).limit(1))
    starter = None if earlier is not None else FpsStarter(
        pa.started_on, pa.starter_statement if pa.starter_statement in ("A", "B", "C") else "",
        bool(pa.student_loan_plans), pa.postgraduate_loan)
    gross_ytd, lel, lel_pt, pt_uel, employer_ytd, employee_ytd = _ni_to_date(session, pa.id, run, slip.ni_category)
    plans = tuple(p for p in pa.student_loan_plans.split(",") if p)
    plan = choose_plan(plans, rates_for(run.tax_year).student_loans, run.tax_year) if plans else None
    lines, postcode = _address(pa.address)
    hours = pa.contracted_hours_per_week if isinstance(pa.contracted_hours_per_week, Decimal) else None
    return FpsEmployee(
        pay_id=f"PA{pa.id}", ni_number=pa.ni_number, forename=pa.first_name, surname=pa.last_name,
        birth_date=pa.date_of_birth, gender=pa.gender, address_lines=lines, postcode=postcode, starter=starter,
        leaving_date=pa.left_on if pa.left_on is not None and pa.left_on <= run.period_end else None,
        taxable_pay_to_date_pence=int(details.get("taxable_pay_pence", slip.taxable_pay_pence)),
        tax_to_date_pence=int(details.get("tax_pence", slip.tax_pence)),
        student_loans_to_date_pence=int(details.get("student_loan_pence", 0)),
        postgraduate_loans_to_date_pence=int(details.get("postgraduate_loan_pence", 0)),
        frequency=run.frequency, period=slip.period,
        hours_band="E" if pa.contract_type == "irregular_hours" else hours_band(hours),
        tax_code=slip.tax_code, week1_month1=slip.week1_month1, taxable_pay_pence=slip.taxable_pay_pence,
        # Relief-at-source pension contributions come out of taxed pay: a deduction from net pay, not a
        # statutory one. An opt-out refund pays them back, untaxed.
        non_taxable_payments_pence=slip.expenses_pence + slip.pension_refund_pence,
        deductions_from_net_pay_pence=slip.deductions_pence + slip.employee_pension_pence,
        pay_after_statutory_deductions_pence=slip.net_pay_pence + slip.employee_pension_pence,
        student_loan_pence=slip.student_loan_pence,
        student_loan_plan=LOAN_PLAN_CODES.get(plan or "", plan or ""),
        postgraduate_loan_pence=slip.postgraduate_loan_pence, tax_pence=slip.tax_pence,
        ni_letters=(FpsNiLetter(slip.ni_category, slip.gross_pay_pence, gross_ytd, lel, lel_pt, pt_uel,
                                slip.employer_ni_pence, employer_ytd, slip.employee_ni_pence, employee_ytd),),
        irregular_payments=pa.contract_type == "irregular_hours",
        payment_after_leaving=bool(kept.get("paid_after_leaving")))


def payments_between(session: Session, first: date, last: date) -> list[tuple[date, FpsEmployee]]:
    """Every payment of the final runs paid from `first` to `last`, as an FPS reports it, oldest first: what the
    paper route (an RT2 a quarter) reports instead of an FPS each payday."""
    rows = session.execute(select(Payslip, PersonalAssistant, PayRun).join(PersonalAssistant).join(
        PayRun, Payslip.pay_run_id == PayRun.id).where(
        PayRun.status == FINALISED, PayRun.pay_date >= first, PayRun.pay_date <= last).order_by(
        PayRun.pay_date, PayRun.id, Payslip.id)).all()
    return [(run.pay_date, _employee(session, run, slip, pa)) for slip, pa, run in rows]


def fps_for_run(book: EmployerBook, pay_run_id: int, late_reason: str | None = None) -> FpsDocument:
    """A final run's FPS, checked against HMRC's schema and business rules; `late_reason` (a LATE_REASONS code)
    goes on every payment when it is sent after the pay date."""
    with book.reading() as session:
        run = session.get(PayRun, pay_run_id)
        if run is None:
            raise BookError("That pay run is not in this file.")
        if run.status != FINALISED:
            return FpsDocument(run.id, run.tax_year, (), ("Finalise the pay run first: an FPS reports what was paid, "
                                                          "so it is made from a final run.",), None)
        employer = employer_of(session)
        rows = session.execute(select(Payslip, PersonalAssistant).join(PersonalAssistant).where(
            Payslip.pay_run_id == run.id).order_by(Payslip.id)).all()
        employees = tuple(_employee(session, run, slip, pa) for slip, pa in rows)
        facts = FpsFacts(run.tax_year, run.pay_date, employer.hmrc_paye_reference,
                         employer.hmrc_accounts_office_reference, employees, late_reason=late_reason)
    problems: list[Problem] = []
    try:
        rti_year(facts.tax_year)
    except UnsupportedRtiYear as exc:
        problems.append(Problem(str(exc), "tax_year"))
    problems += facts_problems(facts)
    if problems:
        return FpsDocument(run.id, facts.tax_year, employees, tuple(p.message for p in problems), None)
    envelope = build_fps(facts)
    problems = schema_problems(envelope, facts.tax_year)
    if not problems:  # HMRC's own business rules, over the message as it would be sent
        office, _, reference = facts.paye_reference.partition("/")
        body = sealed_body(envelope)
        message = govtalk_message(body, Routing("HMRC-PAYE-RTI-FPS", office, reference))
        problems = business_rule_problems(message, rti_year(facts.tax_year).fps_rules)
    if problems:
        return FpsDocument(run.id, facts.tax_year, employees, tuple(p.message for p in problems), None)
    return FpsDocument(run.id, facts.tax_year, employees, (), fps_bytes(body))

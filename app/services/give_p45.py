"""Give a leaver their P45: the figures from their last finalised payslip, as HMRC's P45 parts 1A, 2 and 3
set them out, recorded as given (GOV.UK "P45": give it on or after the leaving date, once the final pay is worked
out). Anything paid to them after it is a payment after leaving (app.payroll.after_leaving), never on the P45."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.problems import Problem
from app.models import PayRun, Payslip, PersonalAssistant
from app.services.book import BookError, EmployerBook, employer_of
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.pay_run_facts import DRAFT, FINALISED, paid_after_leaving, previous_employment
from app.services.views import TodoItem
from app.services.words import format_pounds, long_date


@dataclass(frozen=True, slots=True)
class P45View:
    pa_id: int
    surname: str
    forenames: str
    ni_number: str
    date_of_birth: date | None
    address: str
    left_on: date
    tax_code: str
    week1_month1: bool
    tax_year: str
    period: int  # the tax week or month of the last pay
    monthly: bool
    pay_to_date_pence: int  # this employment and any previous one on a P45 (HMRC's "total pay to date")
    tax_to_date_pence: int
    this_employment_pay_pence: int
    this_employment_tax_pence: int
    student_loan_continues: bool
    postgraduate_loan_continues: bool
    employer_name: str
    employer_address: str
    paye_reference: str
    given_on: date | None


def _last_payslip(session: Session, pa_id: int) -> tuple[Payslip, PayRun] | None:
    """The final pay: the last payslip before the P45 (a payment after leaving is never on it)."""
    rows = session.execute(select(Payslip, PayRun).join(PayRun).where(
        Payslip.pa_id == pa_id, PayRun.status == FINALISED).order_by(PayRun.pay_date.desc(), PayRun.id.desc()))
    return next(((slip, run) for slip, run in rows if not paid_after_leaving(slip)), None)


def p45_problems(ctx_session: Session, pa: PersonalAssistant) -> list[Problem]:
    found = []
    if pa.left_on is None:
        found.append(Problem(f"{pa.full_name} has not left: add their leaving date on the PAs screen first.", "pa"))
    if _last_payslip(ctx_session, pa.id) is None:
        found.append(Problem(f"{pa.full_name} has never been paid, so there is no P45 to give. Finalise their final "
                             "pay run first.", "pa"))
    drafts = ctx_session.scalars(select(PayRun).where(PayRun.status == DRAFT, PayRun.frequency == pa.pay_frequency,
                                                      PayRun.period_start <= (pa.left_on or date.max)))
    for run in drafts:
        found.append(Problem(f"The draft pay run paid on {long_date(run.pay_date)} may still pay {pa.full_name}: "
                             "finalise it or delete it first, so the P45 has the final figures.", "pay_run"))
    return found


def p45_view(session: Session, pa: PersonalAssistant) -> P45View:
    last = _last_payslip(session, pa.id)
    if last is None or pa.left_on is None:
        raise BookError(f"{pa.full_name} has no final pay to put on a P45.")
    slip, run = last
    employer = employer_of(session)
    before = previous_employment(session, pa, run.pay_date)
    before_pay, before_tax = before.taxable_pay_pence, before.tax_pence
    return P45View(
        pa.id, pa.last_name, pa.first_name, pa.ni_number, pa.date_of_birth, pa.address, pa.left_on, slip.tax_code,
        slip.week1_month1, run.tax_year, slip.period, run.frequency == "monthly",
        slip.taxable_pay_to_date_pence, slip.tax_paid_to_date_pence,
        slip.taxable_pay_to_date_pence - before_pay, slip.tax_paid_to_date_pence - before_tax,
        bool(pa.student_loan_plans), pa.postgraduate_loan, employer.acting_employer_name or employer.person_name,
        employer.address, employer.hmrc_paye_reference, pa.p45_given_on)


def p45(book: EmployerBook, pa_id: int) -> P45View:
    with book.reading() as session:
        pa = session.get(PersonalAssistant, pa_id)
        if pa is None:
            raise BookError("That PA is not in this file.")
        if pa.p45_given_on is None:
            problems = p45_problems(session, pa)
            if problems:
                raise BookError(" ".join(p.message for p in problems))
        return p45_view(session, pa)


class GiveP45(Operation[int, date]):
    """Record that a leaver's P45 was given (today). A pay run then pays them only a one-off payment added to it,
    as a payment after leaving."""

    action = "p45_given"
    changes = frozenset({Change.PAS, Change.PAY_RUNS})
    allowed = EMPLOYER_ONLY
    irreversible = "before-giving-p45"

    def check(self, ctx: Context, given: int) -> list[Problem]:
        pa = ctx.session.get(PersonalAssistant, given)
        if pa is None:
            return [Problem("That PA is not in this file.", "pa")]
        if pa.p45_given_on is not None:
            return [Problem(f"{pa.full_name}'s P45 was given on {long_date(pa.p45_given_on)}. Print it again from "
                            "the PAs screen; a second P45 is never made.", "pa")]
        return p45_problems(ctx.session, pa)

    def apply(self, ctx: Context, given: int) -> date:
        pa = ctx.session.get(PersonalAssistant, given)
        assert pa is not None
        pa.p45_given_on = ctx.today
        ctx.note("pa", pa.id, left_on=pa.left_on.isoformat() if pa.left_on else None)
        return ctx.today


def leavers(book: EmployerBook) -> list[tuple[int, str, date | None]]:
    """PAs with a leaving date: (id, name, when their P45 was given or None), the most recent leaver first."""
    with book.reading() as session:
        pas = session.scalars(select(PersonalAssistant).where(PersonalAssistant.left_on.is_not(None),
                                                              PersonalAssistant.personal_data_erased_on.is_(None)))
        found = sorted(pas, key=lambda pa: pa.left_on or date.min, reverse=True)
        return [(pa.id, pa.full_name, pa.p45_given_on) for pa in found]


def p45_words(view: P45View) -> list[str]:
    """The P45's figures in sentences, to check before giving it."""
    unit = "month" if view.monthly else "week"
    return [f"{view.forenames} {view.surname} left on {long_date(view.left_on)}.",
            f"Tax code at leaving: {view.tax_code}" + (" (week 1 / month 1)." if view.week1_month1 else "."),
            f"Last pay: tax {unit} {view.period} of {view.tax_year}.",
            f"Total pay to date {format_pounds(view.pay_to_date_pence)}, total tax to date "
            f"{format_pounds(view.tax_to_date_pence)}.",
            "Student loan deductions continue." if view.student_loan_continues else "No student loan deductions.",
            f"Given on {long_date(view.given_on)}." if view.given_on else "Not given yet."]


P45_REMINDER_DAYS = 60  # Home asks for a leaver's P45 for this long after they leave


def p45_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    """A leaver whose final pay is final (a finalised run covers their leaving date, no draft may still pay them)
    and whose P45 is not yet given: GOV.UK "P45": give it to them when they leave, parts 1A, 2 and 3; HMRC is told
    by the FPS with their leaving date."""
    items = []
    with book.reading() as session:
        leavers_now = session.scalars(select(PersonalAssistant).where(
            PersonalAssistant.left_on.is_not(None), PersonalAssistant.left_on <= today,
            PersonalAssistant.left_on >= today - timedelta(days=P45_REMINDER_DAYS),
            PersonalAssistant.p45_given_on.is_(None), PersonalAssistant.personal_data_erased_on.is_(None)))
        for pa in leavers_now:
            assert pa.left_on is not None
            final = session.scalar(select(PayRun.id).join(Payslip).where(
                Payslip.pa_id == pa.id, PayRun.status == FINALISED, PayRun.period_end >= pa.left_on).limit(1))
            if final is None or p45_problems(session, pa):
                continue
            items.append(TodoItem(
                f"Give {pa.full_name} their P45", f"{pa.full_name} left on {long_date(pa.left_on)} and their final "
                "pay is final. Make the P45 on the Pay screen (P45 for a leaver) and give them parts 1A, 2 and 3; "
                "HMRC is told by the FPS with their leaving date.", None, "soon", "pay"))
    return items

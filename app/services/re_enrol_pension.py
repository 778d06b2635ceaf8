"""Re-enrolment, every three years: put back into the workplace pension each PA who left it (opted out or stopped
paying in) and is an eligible jobholder on the re-enrolment date, then tell The Pensions Regulator (the
re-declaration of compliance), even when no one was re-enrolled.

Pensions Act 2008 s. 5; The Occupational and Personal Pension Schemes (Automatic Enrolment) Regulations 2010,
reg. 12 (the date is chosen within 3 months either side of the third anniversary of the duties start date or of
the last re-enrolment date; someone who left in the 12 months before it need not be re-enrolled); The Pensions
Regulator, "Re-enrolment and re-declaration" (the re-declaration within 5 months of the anniversary).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.problems import Problem
from app.models import PayRun, Payslip, PersonalAssistant
from app.payroll.pension import (
    RE_ENROLMENT_WINDOW_MONTHS,
    RE_ENROLMENT_YEARS,
    ReEnrolmentFacts,
    ReEnrolmentWindow,
    ReEnrolVerdict,
    re_enrolment_verdict,
    re_enrolment_window,
)
from app.payroll.periods import Frequency
from app.payroll.rates import tax_year_or_newest
from app.services.book import EmployerBook, employer_of
from app.services.operations import EMPLOYER_ONLY, Change, Context, Operation
from app.services.pa_form import PensionStatus
from app.services.pay_run_facts import FINALISED
from app.services.views import TodoItem
from app.services.words import and_list, format_pounds, long_date

REMIND_MONTHS_BEFORE = 1  # Home says re-enrolment is coming a month before the window opens

VERDICT_WORDS = {
    ReEnrolVerdict.RE_ENROL: "is re-enrolled: they are an eligible jobholder",
    ReEnrolVerdict.LEFT_RECENTLY: "need not be re-enrolled: they left the scheme less than 12 months before",
    ReEnrolVerdict.NOT_ELIGIBLE: "is not re-enrolled: their age or pay is below what makes enrolment a duty "
                                 "(they can ask to join)",
    ReEnrolVerdict.CANNOT_TELL: "cannot be assessed: add their date of birth, or pay them first",
}


@dataclass(frozen=True, slots=True)
class ReEnrolCandidate:
    pa_id: int
    name: str
    left_scheme_on: date | None
    verdict: ReEnrolVerdict

    def words(self) -> str:
        left = f" (left the scheme on {long_date(self.left_scheme_on)})" if self.left_scheme_on else ""
        return f"{self.name}{left} {VERDICT_WORDS[self.verdict]}."


@dataclass(frozen=True, slots=True)
class ReEnrolmentPlan:
    window: ReEnrolmentWindow | None  # None: no PA has started yet, so no duties
    counted_from: date | None  # the duties start date, or the last re-enrolment date
    last_re_enrolled_on: date | None
    redeclare_by: date | None  # the last re-enrolment's re-declaration, while it is not made
    redeclared_on: date | None
    on: date  # the date the candidates were assessed for
    candidates: tuple[ReEnrolCandidate, ...]

    def lines(self) -> list[str]:
        if self.window is None or self.counted_from is None:
            return ["No PA has started work yet, so there is no re-enrolment to do."]
        since = (f"the last re-enrolment on {long_date(self.counted_from)}" if self.last_re_enrolled_on
                 else f"your duties began on {long_date(self.counted_from)} (your first PA's first day)")
        found = [f"Re-enrolment is due every 3 years. The next is 3 years after {since}: choose a date from "
                 f"{long_date(self.window.opens)} to {long_date(self.window.closes)}."]
        if self.redeclare_by is not None:
            found.append(f"Tell The Pensions Regulator you re-enrolled (the re-declaration of compliance, on its "
                         f"website) by {long_date(self.redeclare_by)}, even if no one was re-enrolled.")
        elif self.redeclared_on is not None:
            found.append(f"The re-declaration of compliance was made on {long_date(self.redeclared_on)}.")
        if not self.candidates:
            found.append("No PA has left the scheme, so re-enrolment will put no one back; you still make the "
                         "re-declaration.")
        else:
            found.append(f"On {long_date(self.on)}:")
            found += [c.words() for c in self.candidates]
        return found


def _earnings(session: Session, pa: PersonalAssistant) -> int | None:
    """Pay in the PA's latest finalised pay period: the pay reference period the assessment looks at."""
    return session.scalar(select(Payslip.gross_pay_pence).join(PayRun).where(
        Payslip.pa_id == pa.id, PayRun.status == FINALISED, PayRun.kind != "correction").order_by(
        PayRun.pay_date.desc(), PayRun.id.desc()).limit(1))


def duties_started(session: Session) -> date | None:
    return session.scalar(select(func.min(PersonalAssistant.started_on)))


def _candidates(session: Session, on: date) -> tuple[ReEnrolCandidate, ...]:
    found = []
    pas = session.scalars(select(PersonalAssistant).where(PersonalAssistant.pension_status == PensionStatus.OPTED_OUT)
                          .order_by(PersonalAssistant.first_name, PersonalAssistant.last_name))
    for pa in pas:
        if pa.left_on is not None and pa.left_on < on or pa.personal_data_erased_on is not None:
            continue  # no longer works for the employer
        facts = ReEnrolmentFacts(pa.pension_left_on, pa.date_of_birth, _earnings(session, pa), Frequency(pa.pay_frequency))
        found.append(ReEnrolCandidate(pa.id, pa.full_name, pa.pension_left_on,
                                      re_enrolment_verdict(facts, on, tax_year_or_newest(on))))
    return tuple(found)


def plan_in(session: Session, on: date) -> ReEnrolmentPlan:
    employer = employer_of(session)
    counted_from = employer.pension_re_enrolled_on or duties_started(session)
    window = re_enrolment_window(counted_from) if counted_from else None
    pending = employer.pension_redeclare_by if employer.pension_redeclared_on is None else None
    return ReEnrolmentPlan(window, counted_from, employer.pension_re_enrolled_on, pending,
                           employer.pension_redeclared_on, on, _candidates(session, on))


def re_enrolment_plan(book: EmployerBook, on: date | None = None) -> ReEnrolmentPlan:
    """The next re-enrolment window and what re-enrolling on `on` (today) would do for each PA who left."""
    with book.reading() as session:
        return plan_in(session, on or book.today())


@dataclass(frozen=True, slots=True)
class ReEnrolled:
    on: date
    re_enrolled: tuple[str, ...]
    not_re_enrolled: tuple[str, ...]  # each in words, with why
    redeclare_by: date

    def words(self) -> str:
        done = (f"{and_list(list(self.re_enrolled))} {'is' if len(self.re_enrolled) == 1 else 'are'} back in the "
                f"pension scheme from {long_date(self.on)}: give each the re-enrolment letter (Pension letter…) "
                "within 6 weeks." if self.re_enrolled else f"Re-enrolment on {long_date(self.on)} put no one back.")
        return " ".join([done, *self.not_re_enrolled,
                         f"Now make the re-declaration of compliance to The Pensions Regulator by "
                         f"{long_date(self.redeclare_by)}, then record it here."])


class ReEnrolPension(Operation[date, ReEnrolled]):
    """Re-enrol on a date in the window: every PA who left the scheme and is an eligible jobholder on it."""

    action = "pension_re_enrolled"
    changes = frozenset({Change.PAS, Change.PAY_RUNS, Change.EMPLOYER})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: date) -> list[Problem]:
        plan = plan_in(ctx.session, given)
        if plan.window is None:
            return [Problem("No PA has started work yet, so there is no re-enrolment to do.", "on")]
        if given > ctx.today:
            return [Problem(f"{long_date(given)} is in the future. Re-enrol on the day, or on a day in the window that "
                            "has passed.", "on")]
        if not plan.window.contains(given):
            return [Problem(f"The re-enrolment date must be from {long_date(plan.window.opens)} to "
                            f"{long_date(plan.window.closes)}: 3 months either side of {long_date(plan.window.anniversary)}.",
                            "on")]
        return []

    def apply(self, ctx: Context, given: date) -> ReEnrolled:
        plan = plan_in(ctx.session, given)
        assert plan.window is not None
        back, others = [], []
        for candidate in plan.candidates:
            if candidate.verdict is ReEnrolVerdict.RE_ENROL:
                pa = ctx.session.get(PersonalAssistant, candidate.pa_id)
                assert pa is not None
                pa.pension_status = PensionStatus.ENROLLED
                pa.pension_enrolled_on, pa.pension_left_on, pa.pension_letter_on = given, None, None
                back.append(candidate.name)
            else:
                others.append(candidate.words())
        employer = employer_of(ctx.session)
        employer.pension_re_enrolled_on = given
        employer.pension_redeclare_by = plan.window.redeclare_by
        employer.pension_redeclared_on = None
        ctx.note("employer", employer.id, on=given.isoformat(), re_enrolled=back)
        return ReEnrolled(given, tuple(back), tuple(others), plan.window.redeclare_by)


class RecordEarlierReEnrolment(Operation[date, str]):
    """Record a re-enrolment made before this file was kept in PA Books (its date only: who went back in then is
    in the PAs' records already, and its re-declaration was made then), so the next window counts from it."""

    action = "pension_re_enrolment_recorded"
    changes = frozenset({Change.EMPLOYER})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: date) -> list[Problem]:
        started = duties_started(ctx.session)
        if started is None:
            return [Problem("No PA has started work yet, so there is no re-enrolment to record.", "on")]
        if given > ctx.today:
            return [Problem(f"{long_date(given)} is in the future. Enter the day you re-enrolled.", "on")]
        if given < started + relativedelta(years=RE_ENROLMENT_YEARS) - relativedelta(months=RE_ENROLMENT_WINDOW_MONTHS):
            return [Problem(f"Your duties began on {long_date(started)}, so the first re-enrolment could not be "
                            "before 3 years less 3 months after it. Check the date.", "on")]
        return []

    def apply(self, ctx: Context, given: date) -> str:
        employer = employer_of(ctx.session)
        employer.pension_re_enrolled_on = given
        employer.pension_redeclare_by = None  # made outside PA Books, with its re-declaration
        employer.pension_redeclared_on = None
        ctx.note("employer", employer.id, on=given.isoformat())
        return f"The re-enrolment on {long_date(given)} is recorded: the next is counted from it."


class RecordRedeclaration(Operation[date, str]):
    """Record the day the re-declaration of compliance was made to The Pensions Regulator."""

    action = "pension_redeclared"
    changes = frozenset({Change.EMPLOYER})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: date) -> list[Problem]:
        employer = employer_of(ctx.session)
        if employer.pension_re_enrolled_on is None:
            return [Problem("Re-enrol first: the re-declaration tells The Pensions Regulator what re-enrolment did.",
                            "on")]
        if given > ctx.today:
            return [Problem(f"{long_date(given)} is in the future. Enter the day you made it.", "on")]
        if given < employer.pension_re_enrolled_on:
            return [Problem(f"The re-declaration comes after the re-enrolment on "
                            f"{long_date(employer.pension_re_enrolled_on)}. Check the date.", "on")]
        return []

    def apply(self, ctx: Context, given: date) -> str:
        employer = employer_of(ctx.session)
        employer.pension_redeclared_on = given
        ctx.note("employer", employer.id, on=given.isoformat())
        return f"The re-declaration of compliance made on {long_date(given)} is recorded."


def re_enrolment_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    """Home's reminders: re-enrolment from a month before its window opens, the re-declaration while it is due,
    and opt-out refunds to pay back within a month of the notice."""
    from app.services.pay_run_facts import pension_refund

    items = []
    with book.reading() as session:
        plan = plan_in(session, today)
        window = plan.window
        if window is not None and today >= window.opens - relativedelta(months=REMIND_MONTHS_BEFORE):
            late = today > window.closes
            items.append(TodoItem(
                f"Re-enrol for the workplace pension by {long_date(window.closes)}" if not late else
                f"Re-enrolment was due by {long_date(window.closes)}",
                f"Every 3 years the law says you put back into the scheme anyone who left it. Choose a date from "
                f"{long_date(window.opens)} to {long_date(window.closes)} and use Re-enrolment… on the PAs screen."
                if not late else "Re-enrol now with Re-enrolment… on the PAs screen, and tell The Pensions Regulator "
                "why it is late.", window.closes, "overdue" if late else "soon", "pas"))
        if plan.redeclare_by is not None:
            items.append(TodoItem(
                f"Make the pension re-declaration of compliance by {long_date(plan.redeclare_by)}",
                "Tell The Pensions Regulator on its website what re-enrolment did, then record the date with "
                "Re-enrolment… on the PAs screen.", plan.redeclare_by,
                "overdue" if today > plan.redeclare_by else "soon", "pas"))
        for pa in session.scalars(select(PersonalAssistant).where(
                PersonalAssistant.pension_status == PensionStatus.OPTED_OUT,
                PersonalAssistant.pension_left_on.is_not(None))):
            refund = pension_refund(session, pa)
            if refund is None or not refund.employee_pence or pa.pension_left_on is None:
                continue
            by = pa.pension_left_on + relativedelta(months=1)
            items.append(TodoItem(
                f"Pay {pa.full_name} back {format_pounds(refund.employee_pence)} of pension contributions by "
                f"{long_date(by)}",
                f"They opted out in time, so the law says what they paid in goes back to them within a month. Their "
                f"next pay run pays it: finalise one by {long_date(by)}.", by, "overdue" if today > by else "soon",
                "pay"))
    return items

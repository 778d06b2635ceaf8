"""The Home screen: whose file this is, who acts as employer, and the reminders of what needs doing
(checks and insurance running out, details HMRC needs, past shifts not confirmed, timesheets to approve)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.core.dates import TaxYear
from app.core.numbers import hours_words
from app.core.roles import role_from
from app.models import CouncilAgreement, Employer, PaCheck, PersonalAssistant, Shift, Timesheet
from app.services.book import EmployerBook, employer_of, is_demo
from app.services.erase_pa import erasable_from
from app.services.shift_records import live_shift, pay_period_of
from app.services.views import HomeSummary, TodoItem
from app.services.words import CHECK_WORDS, and_list, long_date, payment_words
from app.timesheets.clock import start_of_day
from app.timesheets.states import ShiftStatus, TimesheetStatus

CHECK_WARNING_DAYS = 60
INSURANCE_WARNING_DAYS = 30


def home_summary(book: EmployerBook) -> HomeSummary:
    """Whose file this is, who acts as employer, and what needs doing, most urgent first."""
    today = book.today()
    pay_items = _pay_todo(book, today) + _holiday_todo(book, today)
    with book.reading() as session:
        employer = employer_of(session)
        agreement = session.scalars(
            select(CouncilAgreement).order_by(CouncilAgreement.starts_on.desc()).limit(1)).first()
        pas = session.scalars(select(PersonalAssistant).order_by(PersonalAssistant.first_name)).all()
        checks = session.scalars(select(PaCheck)).all()
        todo = _todo(employer, agreement, list(pas), list(checks), today)
        from app.services.postpone_pension import postponement_todo

        todo += postponement_todo(list(pas), today)
        todo += _timesheet_todo(session, employer, list(pas), today) + pay_items
        return HomeSummary(
            file_name=book.path.name,
            is_demo=is_demo(session),
            person_name=employer.person_name,
            acting_employer_name=employer.acting_employer_name,
            acting_role_words=role.description if (role := role_from(employer.acting_role)) else employer.acting_role,
            council_name=agreement.council_name if agreement else None,
            council_payment_words=payment_words(agreement.payment_pence, agreement.payment_frequency)
            if agreement else None,
            pa_count=sum(1 for pa in pas if pa.left_on is None or pa.left_on >= today),
            todo=tuple(sorted(todo, key=lambda t: (t.due_on or date.max, t.title))),
        )


def _holiday_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    """In the last weeks of the leave year: holiday PAs on set hours have left to take."""
    from app.services.holiday_balances import holiday_left_to_take

    items = []
    for balance in holiday_left_to_take(book, today):
        ends = balance.leave_year[1]
        left = hours_words(balance.left_hours or Decimal(0), Decimal("0.01"))
        items.append(TodoItem(f"{balance.name} has {left} of holiday left to take by {long_date(ends)}",
                              "Agree dates with them: holiday not taken by the end of the leave year is lost, and it "
                              "cannot be paid instead while they work for you. Record it as holiday shifts.",
                              ends, "soon", "pas"))
    return items


def _pay_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    """The year end (P60s by 31 May), pay owed from an amended timesheet, runs to report to HMRC, HMRC's and the
    pension scheme's bills, and a draft pay run whose pay date has come."""
    from app.models import PayRun
    from app.services.pay_run_facts import DRAFT
    from app.services.year_end import p60_deadline, p60s_due

    items = []
    last_year = TaxYear.containing(today).start_year - 1
    label = TaxYear(last_year).label
    deadline = p60_deadline(label)
    if today <= deadline:
        names = [f"{r.forenames} {r.surname}" for r in p60s_due(book, label)]
        if names:
            items.append(TodoItem(f"Give {and_list(names)} their P60 for {label} by {long_date(deadline)}",
                                  "Save the P60s on the Pay screen (Year end papers) and give each PA theirs.",
                                  deadline, "soon", "pay"))
    from app.services.pay_differences import pay_differences
    from app.services.send_fps import rti_todo

    for difference in pay_differences(book):
        items.append(TodoItem(difference.title(), difference.words(), None, "soon", "pay"))
    from app.services.paper_returns import paper_todo, reports_on_paper

    if reports_on_paper(book):  # an RT2 a quarter on paper instead of an FPS each payday and EPSs
        items += paper_todo(book, today)
    else:
        from app.services.send_eps import eps_todo

        items += rti_todo(book, today) + eps_todo(book, today)
    from app.services.bills_todo import bills_todo
    from app.services.give_p45 import p45_todo
    from app.services.re_enrol_pension import re_enrolment_todo

    items += bills_todo(book, today) + p45_todo(book, today) + re_enrolment_todo(book, today)
    from app.services.money_reminders import money_todo

    items += money_todo(book, today)
    from app.services.return_views import return_todo

    items += return_todo(book, today)
    from app.services.add_budget import budgets

    for row in budgets(book)[1:]:  # each second budget's money and returns, named
        scoped = book.budget(row.budget_id)
        items += [replace(item, title=f"{row.name}: {item.title}") for item in money_todo(scoped, today)]
        items += return_todo(scoped, today)
    with book.reading() as session:
        due = session.scalars(select(PayRun.pay_date).where(PayRun.status == DRAFT, PayRun.pay_date <= today)).all()
    for pay_date in due:
        items.append(TodoItem(f"Finalise the pay run paid on {long_date(pay_date)}",
                              "Check it on the Pay screen, then finalise it, so the payslips and what you owe HMRC "
                              "are final.", pay_date, "soon" if pay_date == today else "overdue", "pay"))
    return items


def _todo(employer: Employer, agreement: CouncilAgreement | None, pas: list[PersonalAssistant],
          checks: list[PaCheck], today: date) -> list[TodoItem]:
    items: list[TodoItem] = []
    names = {pa.id: pa.full_name for pa in pas}
    current = {pa.id for pa in pas if pa.left_on is None or pa.left_on >= today}
    for check in checks:
        if check.pa_id not in current or check.expires_on is None:
            continue
        what = check.description or CHECK_WORDS.get(check.kind, check.kind)
        who = names.get(check.pa_id, "A PA")
        action = f"Book {what} for {who}" if check.kind == "training" else f"Arrange a new {what} for {who}"
        if check.expires_on < today:
            items.append(TodoItem(f"{who}'s {what} ran out on {long_date(check.expires_on)}",
                                  f"{action} and record it here.", check.expires_on, "overdue", "pas"))
        elif check.expires_on <= today + timedelta(days=CHECK_WARNING_DAYS):
            items.append(TodoItem(f"{who}'s {what} runs out on {long_date(check.expires_on)}",
                                  f"{action} before then.", check.expires_on, "soon", "pas"))
    if employer.insurance_renews_on is None:
        items.append(TodoItem("Record your employer's liability insurance",
                              "The law says you must hold it while you employ a PA. Note the insurer, "
                              "policy number and renewal date (Employer details on Home).", None, "soon", "employer"))
    elif employer.insurance_renews_on <= today + timedelta(days=INSURANCE_WARNING_DAYS):
        urgency = "overdue" if employer.insurance_renews_on < today else "soon"
        items.append(TodoItem(f"Your employer's liability insurance renews on {long_date(employer.insurance_renews_on)}",
                              "Renew it and keep the new certificate for the council's return.",
                              employer.insurance_renews_on, urgency, "employer"))
    if not employer.hmrc_paye_reference:
        items.append(TodoItem("Add your employer PAYE reference",
                              "HMRC sends it when you register as an employer (it looks like 123/AB45678). "
                              "You need it to pay PAs through PAYE (Employer details on Home).", None, "soon",
                              "employer"))
    if agreement is None:
        items.append(TodoItem("Add your direct payment agreement",
                              "The amount, how often the council pays it, and your support plan hours.",
                              None, "later", "plan"))
    if not pas:
        items.append(TodoItem("Add your first PA", "Their details, pay rates, tax code and checks.", None, "later", "pas"))
    for pa in pas:
        if pa.left_on is not None and pa.personal_data_erased_on is None:
            if erasable_from(pa.left_on) <= today:
                items.append(TodoItem(f"{pa.full_name}'s personal details may now be erased",
                                      "They left more than 6 years ago. If they ask, erase their details on the "
                                      "PAs screen; their hours and pay records stay.", None, "later", "pas"))
    return items

def _timesheet_todo(session: Session, employer: Employer, pas: list[PersonalAssistant],
                    today: date) -> list[TodoItem]:
    """Planned shifts in the past that nobody confirmed, and ended pay periods not yet approved."""
    items: list[TodoItem] = []
    midnight = start_of_day(today)
    live = live_shift()
    for pa in pas:
        if pa.left_on is not None and pa.left_on < today - timedelta(days=CHECK_WARNING_DAYS):
            continue
        planned = session.scalar(select(func.count()).select_from(Shift).where(
            Shift.pa_id == pa.id, Shift.status == ShiftStatus.PLANNED, Shift.starts_at < midnight, live)) or 0
        if planned:
            items.append(TodoItem(f"{planned} of {pa.full_name}'s past shifts are still only planned",
                                  "On the Timesheets screen, confirm them as worked, change them, or mark them "
                                  "absent.", None, "soon", "timesheets"))
        current_start, _ = pay_period_of(session, pa, today, employer.pay_period_anchor)
        ended_start, ended_end = pay_period_of(session, pa, current_start - timedelta(days=1),
                                           employer.pay_period_anchor)
        first, after = start_of_day(ended_start), start_of_day(ended_end + timedelta(days=1))
        worked = session.scalar(select(func.count()).select_from(Shift).where(
            Shift.pa_id == pa.id, Shift.starts_at >= first, Shift.starts_at < after, live)) or 0
        approved = session.scalar(select(func.count()).select_from(Timesheet).where(
            Timesheet.pa_id == pa.id, Timesheet.period_start == ended_start, Timesheet.status == TimesheetStatus.APPROVED))
        if worked and not approved:
            items.append(TodoItem(
                f"Approve {pa.full_name}'s timesheet for {long_date(ended_start)} to {long_date(ended_end)}",
                "Check the hours with your PA, then approve it on the Timesheets screen so it can be paid.",
                ended_end + timedelta(days=1), "soon", "timesheets"))
    return items

"""Paper returns to HMRC for a quarter, for an employer HMRC has agreed is exempt from filing online: an RT2
for each PA paid in the quarter, the RT5 when one is needed, and each PA's RT11 deductions working sheet to the
quarter's end, from the final pay runs (the very figures an FPS would carry). Recording that they were posted
stops Home asking. The rules and dates are in app/rti/paper.py."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.core.dates import LONDON
from app.core.problems import Problem
from app.models import PayRun, PersonalAssistant, RtiSubmission
from app.payroll.rates import rates_for, tax_year_or_newest
from app.rti.fps import FpsEmployee
from app.rti.paper import Rt2, Rt5, TaxQuarter, quarter_containing, rt2_for, rt2_problems, rt5_for
from app.services.book import BookError, EmployerBook, employer_of
from app.services.bpt_sheet import FREQUENCY_WORDS, HOURS_WORDS
from app.services.changes import Change
from app.services.fps import payments_between
from app.services.operations import EMPLOYER_ONLY, Context, Operation
from app.services.pa_form import GENDERS
from app.services.pay_run_facts import DRAFT, FINALISED
from app.services.views import TodoItem
from app.services.words import format_pounds, long_date
from app.services.year_end import YearRecord, year_records

PAPER = "paper"  # rti_submission.kind of a quarter's paper returns, recorded as posted
POSTED = "posted"


@dataclass(frozen=True, slots=True)
class PaperReturns:
    quarter: TaxQuarter
    span: str  # "6 October 2026 to 5 January 2027"
    due_on: date
    ended: bool
    rt2s: tuple[Rt2, ...]
    rt5: Rt5
    rt11s: tuple[YearRecord, ...]  # each PA paid in the tax year, their paydays to the quarter's end
    problems: tuple[str, ...]  # what to put right before posting
    posted_on: date | None
    reports_on_paper: bool
    employer_name: str
    paye_reference: str
    accounts_office_reference: str

    @property
    def anything_to_post(self) -> bool:
        return bool(self.rt2s) or self.rt5.needed


def quarter_span(quarter: TaxQuarter) -> str:
    return f"{long_date(quarter.first_day)} to {long_date(quarter.last_day)}"


def due_on(quarter: TaxQuarter) -> date:
    return quarter.due_on(rates_for(tax_year_or_newest(quarter.last_day)).paying_hmrc.paper_return_due_day)


def _posted(session: Session, tax_year: str) -> dict[int, RtiSubmission]:
    """The quarters of a tax year whose paper returns are recorded as posted, by quarter number."""
    rows = session.scalars(select(RtiSubmission).where(RtiSubmission.kind == PAPER,
                                                       RtiSubmission.tax_year == tax_year,
                                                       RtiSubmission.status == POSTED))
    found = {}
    for row in rows:
        parts = dict(part.partition(":")[::2] for part in row.covers.split(","))
        if parts.get("quarter", "").isdigit():
            found[int(parts["quarter"])] = row
    return found


def _paid(session: Session, first: date, last: date) -> bool:
    """Whether a final pay run was paid from `first` to `last`."""
    return session.scalar(select(PayRun.id).where(PayRun.status == FINALISED, PayRun.pay_date >= first,
                                                  PayRun.pay_date <= last).limit(1)) is not None


def _employed(session: Session, quarter: TaxQuarter) -> bool:
    return any(pa.started_on <= quarter.last_day and (pa.left_on is None or pa.left_on >= quarter.first_day)
               for pa in session.scalars(select(PersonalAssistant)))


def _returns(session: Session, quarter: TaxQuarter, today: date, rt11s: tuple[YearRecord, ...] = ()) -> PaperReturns:
    employer = employer_of(session)
    groups: dict[str, list[tuple[date, FpsEmployee]]] = {}
    for day, payment in payments_between(session, quarter.first_day, quarter.last_day):
        groups.setdefault(payment.pay_id, []).append((day, payment))
    rt2s = tuple(sorted((rt2_for(quarter, group) for group in groups.values()),
                        key=lambda r: (r.latest.surname, r.latest.forename)))
    paid_before = _paid(session, date.min, quarter.first_day - timedelta(days=1))
    posted = _posted(session, quarter.tax_year)
    claimed = any("allowance" in row.covers.split(",") for number, row in posted.items() if number != quarter.number)
    rt5 = rt5_for(quarter, bool(rt2s), _employed(session, quarter), paid_before,
                  employer.claims_employment_allowance, claimed)
    drafts = session.scalars(select(PayRun.pay_date).where(
        PayRun.status == DRAFT, PayRun.pay_date >= quarter.first_day, PayRun.pay_date <= quarter.last_day)).all()
    problems = [f"The draft pay run paid on {long_date(day)} is in this quarter: finalise it (or delete it) first, "
                "so the returns hold every payment." for day in sorted(drafts)]
    problems += [p.message for rt2 in rt2s for p in rt2_problems(rt2)]
    if "/" not in employer.hmrc_paye_reference:
        problems.append("Add the employer PAYE reference (on HMRC's letter) on the employer's details: every RT2 "
                        "and RT5 carries it.")
    row = posted.get(quarter.number)
    return PaperReturns(quarter, quarter_span(quarter), due_on(quarter), today > quarter.last_day, rt2s, rt5, rt11s,
                        tuple(problems), row.sent_at.astimezone(LONDON).date() if row is not None else None,
                        employer.reports_on_paper,
                        employer.acting_employer_name or employer.person_name, employer.hmrc_paye_reference,
                        employer.hmrc_accounts_office_reference)


def quarter_returns(book: EmployerBook, quarter: TaxQuarter) -> PaperReturns:
    """A quarter's RT2s and RT5 as the records have them today, without the RT11 sheets (the words on screen and
    the status need no year of payslips read)."""
    with book.reading() as session:
        return _returns(session, quarter, book.today())


def paper_returns(book: EmployerBook, quarter: TaxQuarter) -> PaperReturns:
    """A quarter's RT2s, RT5 and RT11s as the records have them today: what the PDF prints."""
    sheets = tuple(replace(record, lines=tuple(line for line in record.lines if line.pay_date <= quarter.last_day))
                   for record in year_records(book, quarter.tax_year))
    with book.reading() as session:
        return _returns(session, quarter, book.today(), tuple(sheet for sheet in sheets if sheet.lines))


def paper_quarters(book: EmployerBook) -> list[TaxQuarter]:
    """The quarters a paper return can be made for: from the first final run's to today's, the newest first."""
    with book.reading() as session:
        first = session.scalar(select(PayRun.pay_date).where(PayRun.status == FINALISED).order_by(PayRun.pay_date))
    if first is None:
        return []
    quarter, last = quarter_containing(first), quarter_containing(book.today())
    found = [quarter]
    while found[-1] < last:
        found.append(found[-1].following())
    return list(reversed(found))


def _money(pence: int) -> str:
    return format_pounds(pence) if pence >= 0 else f"{format_pounds(-pence)} refunded"


def _amounts(always: list[str], when_any: tuple[tuple[str, int], ...]) -> str:
    """"taxable pay £1.00; tax £0.00; student loan £3.00." (the amounts in `when_any` only when there are any)."""
    return "; ".join(always + [f"{words} {format_pounds(pence)}" for words, pence in when_any if pence]) + "."


def rt2_sections(rt2: Rt2) -> list[tuple[str, str]]:
    """One PA's RT2 in words, section by section as HMRC's form has them: (section, what goes in it)."""
    e = rt2.latest
    unit = "month" if e.frequency == "monthly" else "week"
    who = [f"surname {e.surname}", f"first name {e.forename}",
           f"National Insurance number {e.ni_number}" if e.ni_number else "no National Insurance number",
           f"date of birth {long_date(e.birth_date)}" if e.birth_date else "date of birth not recorded",
           f"gender {GENDERS.get(e.gender, e.gender).lower() if e.gender else 'not recorded'}",
           "address " + (", ".join(e.address_lines + ((e.postcode,) if e.postcode else ())) or "not recorded"),
           f"payroll ID {e.pay_id}"]
    sections = [("Personal details", "; ".join(who) + ".")]
    if rt2.starter is not None:
        statement = f", starter declaration {rt2.starter.statement}" if rt2.starter.statement else \
            ", came with a P45"
        loans = [words for words, has in (("a student loan", rt2.starter.student_loan),
                                          ("a postgraduate loan", rt2.starter.postgraduate_loan)) if has]
        sections.append(("Starter", f"started on {long_date(rt2.starter.start_date)}{statement}; "
                         + (f"has {' and '.join(loans)}." if loans else "no student or postgraduate loan.")))
    dates = ", ".join(long_date(day) for day in rt2.pay_dates)
    sections.append(("Payment details", f"paid {FREQUENCY_WORDS.get(e.frequency, e.frequency).lower()}; "
                     f"{len(rt2.pay_dates)} payday{'s' if len(rt2.pay_dates) != 1 else ''} in the quarter ({dates}), "
                     f"the last in tax {unit} {e.period}; hours worked: "
                     f"{HOURS_WORDS.get(e.hours_band, e.hours_band).lower()}; tax code {e.tax_code}"
                     f"{' (week 1 / month 1)' if e.week1_month1 else ''}"
                     f"{'; paid irregularly (hours vary)' if e.irregular_payments else ''}."))
    sections.append(("Pay and deductions in the quarter", _amounts(
        [f"taxable pay {format_pounds(rt2.taxable_pay_pence)}", f"tax deducted {_money(rt2.tax_pence)}"],
        ((f"student loan (plan {e.student_loan_plan})", rt2.student_loan_pence),
         ("postgraduate loan", rt2.postgraduate_loan_pence),
         ("expenses paid back, not taxed", rt2.non_taxable_payments_pence),
         ("deducted from net pay", rt2.deductions_from_net_pay_pence)))))
    for ni in rt2.ni_letters:
        sections.append((f"National Insurance, category letter {ni.letter}", "in the quarter, earnings "
                     f"{format_pounds(ni.gross_in_quarter_pence)}, employee's NI "
                     f"{format_pounds(ni.employee_in_quarter_pence)}, "
                     f"employer's NI {format_pounds(ni.employer_in_quarter_pence)}. This tax year so far: earnings "
                     f"{format_pounds(ni.gross_to_date_pence)}; at the lower earnings limit "
                     f"{format_pounds(ni.at_lel_to_date_pence)}, above it up to the primary threshold "
                     f"{format_pounds(ni.lel_to_pt_to_date_pence)}, above that up to the upper earnings limit "
                     f"{format_pounds(ni.pt_to_uel_to_date_pence)}; employee's NI {format_pounds(ni.employee_to_date_pence)}, "
                     f"employer's NI {format_pounds(ni.employer_to_date_pence)}."))
    sections.append(("This tax year so far, in this job", _amounts(
        [f"taxable pay {format_pounds(e.taxable_pay_to_date_pence)}", f"tax {_money(e.tax_to_date_pence)}"],
        (("student loan", e.student_loans_to_date_pence), ("postgraduate loan", e.postgraduate_loans_to_date_pence)))))
    if rt2.leaving_date is not None:
        sections.append(("Leaver", f"left on {long_date(rt2.leaving_date)}."))
    return sections


def rt5_words(returns: PaperReturns) -> list[str]:
    rt5 = returns.rt5
    if rt5.nobody_paid:
        items = [f"Send an RT5 instead of RT2s: nobody was paid from {returns.span}."]
    elif rt5.claim_employment_allowance:
        items = [f"Send an RT5 with the RT2s to claim the Employment Allowance for {returns.quarter.tax_year} (it "
                 "is claimed once each tax year)."]
    else:
        items = ["No RT5 is needed this quarter."]
    return items + ["PA Books pays no statutory maternity, paternity, adoption, shared parental or bereavement pay, "
                    "so its records have nothing to recover on an RT5: add any you worked out by hand."]


def paper_return_lines(returns: PaperReturns) -> list[str]:
    """The quarter's paper returns in words, section by section, to copy onto HMRC's forms."""
    q = returns.quarter
    lines = [f"Paper returns to HMRC for {returns.span} (quarter {q.number} of tax year {q.tax_year}).",
             f"Employer: {returns.employer_name}; employer PAYE reference {returns.paye_reference or 'not recorded'}"
             f"; Accounts Office reference {returns.accounts_office_reference or 'not recorded'}."]
    if returns.posted_on is not None:
        lines.append(f"Recorded as posted on {long_date(returns.posted_on)}.")
    else:
        lines.append(f"They must reach HMRC by {long_date(returns.due_on)}. Post them to the address in HMRC's RT6 "
                     "guide, which came with the blank forms.")
        if not returns.ended:
            lines.append(f"The quarter ends on {long_date(q.last_day)}: fill in the forms after that, so they hold "
                         "every payday in it.")
    if not returns.reports_on_paper:
        lines.append("The employer's details say you report to HMRC online (an FPS each payday): paper returns are "
                     "only for employers HMRC has agreed are exempt.")
    if returns.problems:
        lines += ["", "Before posting:"] + [f"  {problem}" for problem in returns.problems]
    lines += ["", "RT2 Full quarterly payment summary: one for each PA paid in the quarter."]
    for rt2 in returns.rt2s:
        lines.append(f"RT2 for {rt2.latest.forename} {rt2.latest.surname}")
        lines += [f"  {section}: {words}" for section, words in rt2_sections(rt2)]
    if not returns.rt2s:
        lines.append("  Nobody was paid in this quarter, so there is no RT2.")
    lines += ["", "RT5 Employer payment summary:"] + [f"  {words}" for words in rt5_words(returns)]
    lines += ["", "RT11 deductions working sheets: keep them with your payroll records for at least 3 years; they "
              f"are not sent. Saved as PDF, one page for each PA, every payday of {q.tax_year} to "
              f"{long_date(q.last_day)}.",
              "", "Tell each PA you report on paper: HMRC then does not pass their pay on to the DWP each payday, so "
              "if they claim Universal Credit they must report their earnings themselves."]
    return lines


class RecordPaperReturnsPosted(Operation[TaxQuarter, date]):
    """Record that a quarter's RT2s (and RT5) were posted to HMRC today: Home stops asking for them."""

    action = "paper_returns_posted"
    changes = frozenset({Change.PAY_RUNS})
    allowed = EMPLOYER_ONLY

    def check(self, ctx: Context, given: TaxQuarter) -> list[Problem]:
        returns = _returns(ctx.session, given, ctx.today)
        if returns.posted_on is not None:
            return [Problem(f"The paper returns for {returns.span} were recorded as posted on "
                            f"{long_date(returns.posted_on)}.", "quarter")]
        if not returns.reports_on_paper:
            return [Problem("The employer's details say you report to HMRC online. Tick \"Report to HMRC on paper\" "
                            "there first, once HMRC has agreed you are exempt.", "reports_on_paper")]
        if not returns.ended:
            return [Problem(f"The quarter ends on {long_date(given.last_day)}: post its returns after that, so they "
                            "hold every payday in it.", "quarter")]
        if not returns.anything_to_post:
            return [Problem(f"Nobody was paid from {returns.span} and no RT5 is needed: there is nothing to post.",
                            "quarter")]
        return [Problem(problem, "quarter") for problem in returns.problems]

    def apply(self, ctx: Context, given: TaxQuarter) -> date:
        returns = _returns(ctx.session, given, ctx.today)  # as check found them: the same transaction
        covers = [f"quarter:{given.number}"] + [part for part, on in (
            ("allowance", returns.rt5.claim_employment_allowance), ("no_payment", returns.rt5.nobody_paid)) if on]
        row = RtiSubmission(pay_run_id=None, kind=PAPER, tax_year=given.tax_year, status=POSTED, sent_at=ctx.now,
                            covers=",".join(covers))
        ctx.session.add(row)
        ctx.session.flush()
        ctx.note("rti_submission", row.id, quarter=given.key, rt2s=len(returns.rt2s), covers=row.covers)
        return ctx.today


def reports_on_paper(book: EmployerBook) -> bool:
    with book.reading() as session:
        return employer_of(session).reports_on_paper


def paper_todo(book: EmployerBook, today: date) -> list[TodoItem]:
    """For a paper filer: the quarter just ended, until its returns are recorded as posted."""
    quarter = quarter_containing(today).previous()
    with book.reading() as session:
        employer = employer_of(session)
        if not employer.reports_on_paper or "/" not in employer.hmrc_paye_reference:
            return []
        if quarter.number in _posted(session, quarter.tax_year):
            return []
        paid = _paid(session, quarter.first_day, quarter.last_day)
        before = _paid(session, date.min, quarter.first_day - timedelta(days=1))
        employed = _employed(session, quarter)
    due = due_on(quarter)
    state = "overdue" if today > due else "soon"
    if paid:
        return [TodoItem(f"Post your RT2s for {quarter_span(quarter)} so they reach HMRC by {long_date(due)}",
                         "One for each PA paid in the quarter: the figures are on the Pay screen (Paper returns). "
                         "Record them there as posted once they are in the post.", due, state, "pay")]
    if employed and before:
        return [TodoItem(f"Post an RT5 so it reaches HMRC by {long_date(due)}: nobody was paid from "
                         f"{quarter_span(quarter)}", "Say so on an RT5 Employer payment summary, or HMRC may estimate "
                         "what you owe. Record it on the Pay screen (Paper returns) once it is in the post.", due,
                         state, "pay")]
    return []


def quarter_from(text: str) -> TaxQuarter:
    try:
        return TaxQuarter.parse(text)
    except ValueError as exc:
        raise BookError(str(exc)) from None

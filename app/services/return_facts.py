"""The facts of a council return, read from the records: the ledger's money in and out for the period, the bank
statements, the funds, the pay runs paid in it, the hours planned and delivered, the evidence held. The return
itself is worked out purely (app/returns/build.py); this module only gathers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models import (
    BankLine,
    BankStatement,
    CouncilReturn,
    EvidenceFile,
    MoneyTransaction,
    PayRun,
    Payslip,
    Shift,
    Timesheet,
)
from app.money.categories import pooled_words, return_category
from app.money.council_payments import payment_states, weekly_pence
from app.money.ledger import kind_of
from app.money.position import Allowance
from app.returns.build import CouncilReturn as Return
from app.returns.build import FundMove, HoursLine, Line, PaLine, ReturnFacts, ReturnHeader, build_return
from app.returns.templates import Template, shipped_templates
from app.services.book import EmployerBook, employer_of
from app.services.hmrc_due import hmrc_due_in
from app.services.ledger_book import all_rows, in_account_change, pa_names, the_account
from app.services.money_expected import agreement_of, expected_in, received_in
from app.services.money_views import account_totals
from app.services.pay_run_facts import FINALISED
from app.services.store import budget_of
from app.services.words import long_date
from app.timesheets.clock import start_of_day

OPENING_KIND = "opening"
GAP_DAYS = 14  # a stretch this long with no statement line is a gap between statements
SUBMITTED = "submitted"


@dataclass(frozen=True, slots=True)
class ReturnChoice:
    starts_on: date
    ends_on: date
    template_id: str = ""  # "" for the agreement's council's template
    return_type: str = "routine"
    notes: str = ""
    explanations: tuple[tuple[str, str], ...] = ()


def template_for(session: Session, template_id: str) -> Template:
    templates = shipped_templates()
    if template_id:
        return templates[template_id]
    agreement = agreement_of(session)
    return templates.get(agreement.return_template if agreement else "generic", templates["generic"])


def _line(row: MoneyTransaction, receipts: dict[int, int]) -> Line:
    others = [p.account for p in row.postings if not kind_of(p.account).in_the_account]
    category = return_category(others[0]) if others else "other"
    note = "; ".join(x for x in (f"Why: {row.reason}" if row.reason else "",
                                 f"agreed by {row.authorised_by}" if row.authorised_by else "",
                                 pooled_words(row.pooled_total_pence, row.pooled_with)) if x)
    return Line(row.occurred_on, row.payee or row.description, abs(in_account_change(row)), category, row.method,
                row.reference, receipts.get(row.id, 0), row.outcome, note)


def gather(session: Session, choice: ReturnChoice) -> tuple[Template, ReturnFacts]:
    template = template_for(session, choice.template_id)
    first, last = choice.starts_on, choice.ends_on
    # Only the period (and what came after it, for bills paid late) is read row by row; what came before is
    # summed by the database, so a return from a 10-year file reads one quarter's rows.
    later = [r for r in all_rows(session, since=first) if r.voided_at is None]
    rows = [r for r in later if r.occurred_on <= last]
    receipts: dict[int, int] = defaultdict(int)
    for tid in session.scalars(select(EvidenceFile.transaction_id)):
        receipts[tid] += 1
    before = account_totals(session, first - timedelta(days=1))
    opening = sum(v for a, v in before.items() if kind_of(a).in_the_account)
    # The balance the account had when PA Books started keeping it is an opening balance, not money in, even in
    # the period whose first days the books started in.
    opening += sum(in_account_change(r) for r in rows if r.kind == OPENING_KIND)
    period = [r for r in rows if in_account_change(r) and r.kind != OPENING_KIND]
    money_in = tuple(_line(r, receipts) for r in period if in_account_change(r) > 0)
    money_out = tuple(_line(r, receipts) for r in period if in_account_change(r) < 0)
    not_cleared = tuple(_line(r, receipts) for r in period if r.state == "not_cleared")
    funds: list[FundMove] = []
    fund_opening = {a.split(":", 1)[1]: v for a, v in before.items() if a.startswith("fund:")}
    for r in rows:
        for p in r.postings:
            if p.account.startswith("fund:"):
                funds.append(FundMove(p.account.split(":", 1)[1], r.occurred_on, p.amount_pence, r.reason,
                                      r.authorised_by))
    statement_closing, covers_to, gaps, to_sort = _statements(session, rows, first, last)
    agreement = agreement_of(session)
    weekly = weekly_pence(agreement.payment_pence, agreement.payment_frequency) if agreement else 0
    allowed = Allowance(weekly, agreement.contingency_weeks, agreement.weeks_paid_in_advance,
                        agreement.agreed_extras_pence).allowed_pence if agreement else 0
    owed = -sum(v for a, v in account_totals(session, last).items() if kind_of(a).value == "owed")
    payer = agreement.council_name if agreement and budget_of(session) is not None else "The council"
    states = payment_states([e for e in expected_in(session, last) if e.due_on >= first], received_in(session),
                            last, payer)
    contribution = [s for s in states if s.expected.stream == "contribution"]
    employer = employer_of(session)
    evidence = _evidence(session, template, first, last, money_out, to_sort, receipts, employer.insurance_renews_on)
    payroll = budget_of(session) is None  # PAs are paid from the direct payment: a second budget's return has none
    facts = ReturnFacts(
        first, last, opening, money_in, money_out, statement_closing, covers_to, not_cleared, to_sort, gaps,
        tuple(funds), fund_opening, (), _pas(session, rows, first, last) if payroll else (),
        sum(s.expected.amount_pence for s in contribution), sum(s.received_pence for s in contribution), owed,
        allowed, weekly, employer.insurance_renews_on, _hmrc_late(session, later, first, last) if payroll else (),
        _timesheets_missing(session, first, last) if payroll else (),
        evidence if payroll else evidence - {"payslips", "timesheets"}, _previous_closing(session, first),
        _overlap(session, first, last), _balance_by_day(opening, period, first))
    return template, facts


def _balance_by_day(opening: int, period: list[MoneyTransaction], first: date) -> tuple[tuple[date, int], ...]:
    points: dict[date, int] = {first: opening}
    balance = opening
    for row in period:
        balance += in_account_change(row)
        points[row.occurred_on] = balance
    return tuple(points.items())


def _statements(session: Session, rows: list[MoneyTransaction], first: date,
                last: date) -> tuple[int | None, date | None, tuple[tuple[date, date], ...], int]:
    statements = list(session.scalars(select(BankStatement).order_by(BankStatement.starts_on)))
    lines = list(session.scalars(select(BankLine).order_by(BankLine.occurred_on, BankLine.id)))
    covers_to = max((s.ends_on for s in statements), default=None)
    closing: int | None = None
    for s in statements:
        if s.ends_on == last and s.closing_balance_pence is not None:
            closing = s.closing_balance_pence
    # A statement is dated by its lines, so one whose last line falls within GAP_DAYS of the period end is taken
    # to run to it (quiet days at the end of a month): its balance then is the last line's.
    reaches = covers_to is not None and covers_to >= last - timedelta(days=GAP_DAYS)
    if closing is None and reaches:
        with_balance = [line for line in lines if line.occurred_on <= last and line.balance_pence is not None]
        if with_balance:
            closing = with_balance[-1].balance_pence
        else:
            latest = [s for s in statements if s.starts_on <= last and s.closing_balance_pence is not None]
            if latest and latest[-1].ends_on <= last:
                closing = latest[-1].closing_balance_pence
    # A gap is part of the period no imported statement covers (statements are dated by their first and last
    # lines, so a stretch shorter than GAP_DAYS between two statements is quiet days, not a missing statement).
    gaps: list[tuple[date, date]] = []
    reach = first - timedelta(days=1)
    for s in statements:
        if s.ends_on < first or s.starts_on > last:
            continue
        if (s.starts_on - reach).days > GAP_DAYS:
            gaps.append((reach + timedelta(days=1), s.starts_on - timedelta(days=1)))
        reach = max(reach, s.ends_on)
    sorted_ids = {r.bank_line_id for r in rows if r.bank_line_id is not None}
    to_sort = sum(1 for line in lines if first <= line.occurred_on <= last and line.id not in sorted_ids)
    return closing, covers_to, tuple(gaps), to_sort


def _pas(session: Session, rows: list[MoneyTransaction], first: date, last: date) -> tuple[PaLine, ...]:
    names = pa_names(session)
    runs = {run.id for run in session.scalars(select(PayRun).where(
        PayRun.status == FINALISED, PayRun.pay_date >= first, PayRun.pay_date <= last))}
    totals: dict[int, list[int]] = {}
    for slip in session.scalars(select(Payslip).where(Payslip.pay_run_id.in_(runs))):
        t = totals.setdefault(slip.pa_id, [0] * 7)
        for at, value in enumerate((slip.gross_pay_pence, slip.tax_pence, slip.employee_ni_pence,
                                    slip.employer_ni_pence, slip.employee_pension_pence + slip.employer_pension_pence,
                                    slip.paid_to_pa_pence)):
            t[at] += value
    for r in rows:
        if r.pay_run_id in runs and r.kind == "payment":
            for p in r.postings:
                if p.account.startswith("owed:pa:") and int(p.account.split(":")[2]) in totals:
                    totals[int(p.account.split(":")[2])][6] += p.amount_pence
    return tuple(PaLine(names.get(pa_id, "A PA"), *t) for pa_id, t in sorted(totals.items()))


def _hmrc_late(session: Session, rows: list[MoneyTransaction], first: date, last: date) -> tuple[str, ...]:
    late = []
    for bill in hmrc_due_in(session).bills:
        if not first <= bill.due_on <= last or bill.amount_pence <= 0:
            continue
        paid = [r for r in rows if r.expected_on == bill.due_on and any(p.account == "owed:hmrc" for p in r.postings)]
        if not paid:
            late.append(f"{bill.tax_year} month {bill.first_month}: not paid (due {long_date(bill.due_on)})")
        elif min(r.occurred_on for r in paid) > bill.due_on:
            late.append(f"{bill.tax_year} month {bill.first_month}: paid after {long_date(bill.due_on)}")
    return tuple(late)


def _timesheets_missing(session: Session, first: date, last: date) -> tuple[str, ...]:
    names = pa_names(session)
    start, end = start_of_day(first), start_of_day(last + timedelta(days=1))
    approved = {t.id for t in session.scalars(select(Timesheet).where(Timesheet.status == "approved"))}
    missing: dict[int, int] = defaultdict(int)
    for shift in session.scalars(select(Shift).where(Shift.starts_at >= start, Shift.starts_at < end,
                                                     Shift.status == "worked", Shift.pa_id.is_not(None))):
        if shift.timesheet_id not in approved:
            missing[shift.pa_id or 0] += 1
    return tuple(f"{names.get(pa, 'a PA')}: {count} shift{'s' if count != 1 else ''}"
                 for pa, count in sorted(missing.items()))


def _evidence(session: Session, template: Template, first: date, last: date, money_out: tuple[Line, ...],
              to_sort: int, receipts: dict[int, int], insured_to: date | None) -> frozenset[str]:
    have = set()
    if session.scalar(select(BankStatement.id).where(BankStatement.starts_on <= last, BankStatement.ends_on >= first)):
        have.add("bank_statements")
    if session.scalar(select(PayRun.id).where(PayRun.status == FINALISED, PayRun.pay_date >= first,
                                              PayRun.pay_date <= last)):
        have.add("payslips")
    if session.scalar(select(Timesheet.id).where(Timesheet.status == "approved", Timesheet.period_start <= last,
                                                 Timesheet.period_end >= first)):
        have.add("timesheets")
    needing = [line for line in money_out if line.category not in ("pa_wages", "hmrc", "pension")]
    if needing and all(line.receipts for line in needing if line.amount_pence > template.receipt_threshold_pence):
        have.add("receipts")
    if any(line.category == "hmrc" for line in money_out):
        have.add("hmrc_payments")
    if any(line.category == "pension" for line in money_out):
        have.add("pension_payments")
    if insured_to is not None and insured_to >= last:
        have.add("insurance")
    return frozenset(have)


def _previous_closing(session: Session, first: date) -> int | None:
    earlier = [r for r in session.scalars(select(CouncilReturn).where(CouncilReturn.status == SUBMITTED,
                                                                      CouncilReturn.period_end < first))]
    if not earlier:
        return None
    latest = max(earlier, key=lambda r: (r.period_end, r.version))
    return latest.closing_balance_pence if (first - latest.period_end).days == 1 else None


def _overlap(session: Session, first: date, last: date) -> str:
    for r in session.scalars(select(CouncilReturn).where(CouncilReturn.status == SUBMITTED)):
        if r.period_start <= last and r.period_end >= first and (r.period_start, r.period_end) != (first, last):
            return f"{long_date(r.period_start)} to {long_date(r.period_end)}"
    return ""


ROLE_OF = {"holder": "holder", "suitable_person": "suitable_person", "nominee": "nominee",
           "managed_account": "managed_account"}


def header_of(session: Session, choice: ReturnChoice, version: int = 1, submitted_on: date | None = None,
              signed_by: str = "") -> ReturnHeader:
    employer = employer_of(session)
    agreement = agreement_of(session)
    account = the_account(session)
    return ReturnHeader(employer.person_name, agreement.council_name if agreement else "The council",
                        agreement.council_reference if agreement else "", employer.acting_employer_name,
                        ROLE_OF.get(employer.acting_role, "holder"),
                        account.kind if account else (agreement.account_type if agreement else "own_bank_account"),
                        choice.return_type, version, submitted_on, signed_by, choice.notes, choice.explanations)


def council_return(book: EmployerBook, choice: ReturnChoice) -> tuple[ReturnHeader, Return]:
    """The return for a period as it stands now (a preview until it is submitted)."""
    with book.reading() as session:
        template, facts = gather(session, choice)
        hours = _hours(book, choice.starts_on, choice.ends_on) if book.budget_id is None else ()
        header = header_of(session, choice)
    from dataclasses import replace

    return header, build_return(template, replace(facts, hours=hours))


def _hours(book: EmployerBook, first: date, last: date) -> tuple[HoursLine, ...]:
    from app.services.hours_summary import hours_summary

    summary = hours_summary(book, first, last)
    kinds = sorted(set(summary.planned_minutes_by_kind) | set(summary.delivered_minutes_by_kind))
    return tuple(HoursLine(kind, Decimal(summary.planned_minutes_by_kind.get(kind, 0)) / 60,
                           Decimal(summary.delivered_minutes_by_kind.get(kind, 0)) / 60) for kind in kinds)


def known_templates() -> list[Template]:
    return list(shipped_templates().values())


def evidence_files(book: EmployerBook, first: date, last: date) -> list[tuple[str, bytes]]:
    """The receipts and invoices kept with the period's transactions, named by date and payee."""
    with book.reading() as session:
        rows = session.execute(select(EvidenceFile.file_name, EvidenceFile.content, MoneyTransaction.occurred_on,
                                      MoneyTransaction.payee).join(MoneyTransaction).where(
            MoneyTransaction.occurred_on >= first, MoneyTransaction.occurred_on <= last,
            MoneyTransaction.voided_at.is_(None))).all()
    return [(f"{on:%Y-%m-%d} {payee or 'payment'} {name}".replace("/", "-"), content)
            for name, content, on, payee in rows]

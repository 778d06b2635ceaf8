"""Answer a council auditor's request for a named period (often months or years back) in minutes: the return
for the period in the audit form, every transaction with the evidence that backs it, the payslips, the
timesheets, HMRC and pension payments and the fund movements with their reasons, as one PDF with a contents
page (app/reports/audit_pack.py) and an evidence folder of the files themselves.

Reading only: nothing here changes the file. Each transaction's evidence is named as the file it is in the
folder (a receipt kept with it, the pay run's payslips) or the bank statement line it was matched to; a
transaction with none says so, which is what an auditor looks for first.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.models import BankLine, EvidenceFile, MoneyTransaction, PayRun, PersonalAssistant, Timesheet
from app.money.categories import pooled_words, return_category
from app.money.ledger import AccountKind, kind_of
from app.returns.build import CouncilReturn, ReturnHeader
from app.services.book import EmployerBook, employer_of
from app.services.ledger_book import all_rows, in_account_change
from app.services.pay_run_facts import FINALISED
from app.services.pay_views import PayRunView, run_view
from app.services.return_facts import ReturnChoice, council_return
from app.services.timesheet_views import TimesheetView, sheet_view
from app.services.words import long_date

AUDIT_TEMPLATE = "audit-summary"
RECEIPTS, PAYSLIPS, TIMESHEETS = "evidence/receipts", "evidence/payslips", "evidence/timesheets"


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One transaction as the auditor reads it: money in or out of the account, and what evidences it."""

    occurred_on: date
    who: str  # who paid in, or who was paid
    what: str  # the category in the template's words, or the funding stream
    in_pence: int
    out_pence: int
    evidence: tuple[str, ...]  # files in the evidence folder, or "Bank statement line, 12 May 2026"
    reason: str = ""  # why money went to or from a fund, and who agreed
    voided: str = ""  # why it was voided (voided entries are listed, not counted)


@dataclass(frozen=True, slots=True)
class AuditFile:
    path: str  # where it sits in the evidence folder
    content: bytes = b""  # empty until the folder is written: payslip and timesheet PDFs are made then


@dataclass(frozen=True, slots=True)
class AuditPack:
    header: ReturnHeader
    ret: CouncilReturn
    employer_name: str
    entries: tuple[AuditEntry, ...]
    pay_runs: tuple[tuple[str, PayRunView], ...]  # (file in the folder, the run)
    timesheets: tuple[tuple[str, TimesheetView], ...]
    receipts: tuple[AuditFile, ...]

    @property
    def files(self) -> list[str]:
        """Every file in the evidence folder, in the order the PDF lists them."""
        return ([f.path for f in self.receipts] + [name for name, _ in self.pay_runs]
                + [name for name, _ in self.timesheets])

    @property
    def without_evidence(self) -> tuple[AuditEntry, ...]:
        return tuple(e for e in self.entries if not e.voided and not e.evidence and (e.in_pence or e.out_pence))


def _safe(name: str) -> str:
    return "".join("-" if ch in '/\\:*?"<>|' else ch for ch in name).strip() or "file"


def _unique(path: str, taken: set[str]) -> str:
    stem, dot, suffix = path.rpartition(".")
    candidate, count = path, 1
    while candidate in taken:
        count += 1
        candidate = f"{stem} ({count}).{suffix}" if dot else f"{path} ({count})"
    taken.add(candidate)
    return candidate


def audit_pack(book: EmployerBook, first: date, last: date, template_id: str = AUDIT_TEMPLATE) -> AuditPack:
    """Everything an auditor asks for about the period from `first` to `last`, both days included."""
    header, ret = council_return(book, ReturnChoice(first, last, template_id, "audit"))
    taken: set[str] = set()
    with book.reading() as session:
        employer = employer_of(session)
        employer_name = employer.acting_employer_name or employer.person_name
        runs = list(session.scalars(select(PayRun).where(PayRun.status == FINALISED, PayRun.pay_date >= first,
                                                         PayRun.pay_date <= last).order_by(PayRun.pay_date,
                                                                                           PayRun.id)))
        run_files: dict[int, str] = {}
        pay_runs: list[tuple[str, PayRunView]] = []
        for run in runs:
            view = run_view(session, run)
            name = _unique(f"{PAYSLIPS}/{run.pay_date:%Y-%m-%d} {_safe(view.title)}.pdf", taken)
            run_files[run.id] = name
            pay_runs.append((name, view))
        sheets: list[tuple[str, TimesheetView]] = []
        rows = session.execute(select(Timesheet, PersonalAssistant).join(
            PersonalAssistant, PersonalAssistant.id == Timesheet.pa_id).where(
            Timesheet.status == "approved", Timesheet.period_start <= last, Timesheet.period_end >= first)
            .order_by(Timesheet.period_start, PersonalAssistant.last_name, PersonalAssistant.first_name)).all()
        for sheet, pa in rows:
            sheets.append((_unique(f"{TIMESHEETS}/{sheet.period_start:%Y-%m-%d} {_safe(pa.full_name)}.pdf", taken),
                           sheet_view(session, pa, sheet.period_start, sheet.period_end)))
        transactions = [r for r in all_rows(session, since=first) if r.occurred_on <= last]
        kept: dict[int, list[str]] = defaultdict(list)
        receipts: list[AuditFile] = []
        by_id = {r.id: r for r in transactions}
        for tid, name, content in session.execute(
                select(EvidenceFile.transaction_id, EvidenceFile.file_name, EvidenceFile.content)
                .join(MoneyTransaction).where(MoneyTransaction.occurred_on >= first,
                                              MoneyTransaction.occurred_on <= last).order_by(EvidenceFile.id)).all():
            row = by_id[tid]
            path = _unique(f"{RECEIPTS}/{row.occurred_on:%Y-%m-%d} {_safe(row.payee or 'payment')} {_safe(name)}",
                           taken)
            kept[tid].append(path)
            receipts.append(AuditFile(path, content))
        lines = dict(session.execute(select(BankLine.id, BankLine.occurred_on).join(
            MoneyTransaction, MoneyTransaction.bank_line_id == BankLine.id).where(
            MoneyTransaction.occurred_on >= first, MoneyTransaction.occurred_on <= last)).all())
        entries: list[AuditEntry] = []
        for r in transactions:
            change = in_account_change(r)
            others = [p.account for p in r.postings if not kind_of(p.account).in_the_account]
            funds = [p for p in r.postings if p.account.startswith("fund:")]
            if not change and not funds:
                continue  # a pay run's bills: owed, not yet paid; the payment that settles them is listed
            evidence = list(kept.get(r.id, ()))
            if r.pay_run_id in run_files:
                evidence.append(run_files[r.pay_run_id])
            if r.bank_line_id in lines:
                evidence.append(f"Bank statement line, {long_date(lines[r.bank_line_id])}")
            code = return_category(others[0]) if others else "other"
            what = (ret.template.stream_words(code) if others and kind_of(others[0]) is AccountKind.INCOME
                    else ret.template.category_words(code))
            if not change:
                what = "Moved " + ("into" if funds[0].amount_pence > 0 else "out of") + \
                       f" the {funds[0].account.split(':', 1)[1]} fund"
            reason = "; ".join(x for x in (r.reason, f"agreed by {r.authorised_by}" if r.authorised_by else "",
                                           pooled_words(r.pooled_total_pence, r.pooled_with)) if x)
            voided = (r.void_reason or "no reason given") if r.voided_at is not None else ""
            entries.append(AuditEntry(r.occurred_on, r.payee or r.description, what, max(change, 0), max(-change, 0),
                                      tuple(evidence), reason, voided))
    return AuditPack(header, ret, employer_name, tuple(entries), tuple(pay_runs), tuple(sheets), tuple(receipts))


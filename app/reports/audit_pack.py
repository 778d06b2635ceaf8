"""An audit on request as one PDF with a contents page (and the PDF's own bookmarks, so a screen reader or a
reader's side panel can jump to a section), and a zip of it with the evidence folder: the receipts as kept,
each pay run's payslips and each approved timesheet as their own PDFs, and the return's spreadsheet.

The PDF's sections: the return for the period in the audit form; every transaction with the evidence that
backs it (and those with none, first); the payslips; the timesheets; HMRC and pension payments; the fund
movements with their reasons; voided entries; the evidence folder's contents.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate
from reportlab.platypus.tableofcontents import TableOfContents

from app.core.money import format_pounds
from app.reports.council_return import (
    LARGE_POINTS,
    ORDINARY_POINTS,
    page_number,
    period_words,
    return_csv,
    story_of,
    styles_for,
    table,
    wrapped,
)
from app.services.audit_request import AuditEntry, AuditFile, AuditPack
from app.services.words import long_date

SECTION_STYLE, PART_STYLE = "audit-section", "h"  # the return's own headings ("h") are the second level


class _Document(SimpleDocTemplate):  # type: ignore[misc]
    """Tells the contents page where each heading landed, and bookmarks it."""

    def afterFlowable(self, flowable: object) -> None:  # noqa: N802 (reportlab's name)
        if not isinstance(flowable, Paragraph):
            return
        level = {SECTION_STYLE: 0, PART_STYLE: 1}.get(flowable.style.name)
        if level is None:
            return
        text = flowable.getPlainText()
        key = f"s{self.seq.nextf('audit-heading')}"
        self.canv.bookmarkPage(key)
        self.canv.addOutlineEntry(text, key, level, closed=level > 0)
        self.notify("TOCEntry", (level, text, self.page, key))


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else many or one + 's'}"


def _evidence_words(entry: AuditEntry) -> str:
    return "; ".join(e.split("/")[-1] if e.startswith("evidence/") else e for e in entry.evidence) or "None held"


def _entries_rows(entries: Sequence[AuditEntry], cell: ParagraphStyle) -> list[list[object]]:
    rows: list[list[object]] = [["Date", "Paid by or to", "What", "In", "Out", "Evidence"]]
    for e in entries:
        what = e.what + (f". {e.reason}" if e.reason else "")
        rows.append([f"{e.occurred_on:%d/%m/%Y}", wrapped(e.who or "-", cell, 18), wrapped(what, cell, 18),
                     format_pounds(e.in_pence) if e.in_pence else "", format_pounds(e.out_pence) if e.out_pence else "",
                     wrapped(_evidence_words(e), cell, 22)])
    return rows


def audit_story(pack: AuditPack, points: int) -> list[object]:
    styles = styles_for(points)
    body, cell = styles["body"], styles["cell"]
    section = ParagraphStyle(SECTION_STYLE, parent=styles["title"], fontSize=points + 6, leading=(points + 6) * 1.3,
                             keepWithNext=1)
    width = A4[0] - 30 * mm
    ret, header = pack.ret, pack.header
    period = period_words(ret)
    contents = TableOfContents()
    contents.levelStyles = [ParagraphStyle("toc0", parent=body, fontName="Helvetica-Bold", leftIndent=0),
                            ParagraphStyle("toc1", parent=body, leftIndent=8 * mm)]
    live = [e for e in pack.entries if not e.voided]
    story: list[object] = [
        Paragraph(f"Audit of the direct payment for {header.holder}", styles["title"]),
        Paragraph(f"{header.council}" + (f", reference {header.council_reference}" if header.council_reference else "")
                  + f". The period asked for: {period}. Prepared by {pack.employer_name} from the records kept in "
                  "PA Books.", body),
        Paragraph(f"In short: {_count(len(live), 'transaction')}, {_count(len(pack.pay_runs), 'pay run')}, "
                  f"{_count(len(pack.timesheets), 'timesheet')} and "
                  f"{_count(len(pack.receipts), 'receipt or invoice', 'receipts or invoices')}. "
                  f"The evidence folder beside this document holds {_count(len(pack.files), 'file')}, each named "
                  "below where it is used.", body),
        Paragraph("Contents", ParagraphStyle("contents", parent=styles["h2"])), contents, PageBreak(),
        Paragraph("1. The return for the period", section)]
    story += story_of(header, ret, points)[1:]  # the return without its own title: this document has one
    story += [PageBreak(), Paragraph("2. Every transaction and its evidence", section)]
    missing = pack.without_evidence
    story.append(Paragraph(
        f"{len(live)} transactions, by date. {len(missing)} of them have no evidence held in PA Books (no receipt, "
        "payslip or bank statement line): their evidence column says \u201cNone held\u201d." if missing else
        f"{len(live)} transactions, by date. Every one has evidence, named in its last column.", body))
    if live:
        story.append(table(_entries_rows(live, cell), _widths(width), points - 1, last_right=False))
    story += [Paragraph("3. Payslips", section)]
    if not pack.pay_runs:
        story.append(Paragraph("No pay run was paid in the period.", body))
    for name, run in pack.pay_runs:
        story.append(Paragraph(f"{run.title}, paid on {long_date(run.pay_date)}. File: {name.split('/')[-1]}.", body))
        rows: list[list[object]] = [["PA", "Gross", "Tax and NI", "Pension", "Net pay", "Paid to them"]]
        for slip in run.payslips:
            taken = sum(p for words, p in slip.deductions if "pension" not in words.lower())
            pension = sum(p for words, p in slip.deductions if "pension" in words.lower())
            rows.append([wrapped(slip.pa_name, cell, 18), format_pounds(slip.gross_pay_pence), format_pounds(taken),
                         format_pounds(pension), format_pounds(slip.net_pay_pence), format_pounds(slip.paid_to_pa_pence)])
        story.append(table(rows, [width * 0.25] + [width * 0.15] * 5, points - 1))
    story += [Paragraph("4. Timesheets", section)]
    if not pack.timesheets:
        story.append(Paragraph("No approved timesheet falls in the period.", body))
    else:
        rows = [["PA", "Period", "Hours", "Pay", "Signed", "File"]]
        for name, sheet in pack.timesheets:
            signed = ", ".join(x for x in (f"PA {sheet.signed_by_pa_on:%d/%m/%Y}" if sheet.signed_by_pa_on else "",
                                           f"employer {sheet.signed_by_employer_on:%d/%m/%Y}"
                                           if sheet.signed_by_employer_on else "") if x) or "Approved in PA Books"
            rows.append([wrapped(sheet.pa_name, cell, 16), f"{sheet.period_start:%d/%m/%Y} to {sheet.period_end:%d/%m/%Y}",
                         f"{sheet.total_minutes / 60:.2f}", format_pounds(sheet.pay.gross_pence), wrapped(signed, cell, 14),
                         wrapped(name.split("/")[-1], cell, 16)])
        story.append(table(rows, [width * 0.17, width * 0.25, width * 0.09, width * 0.12, width * 0.17, width * 0.2],
                           points - 1, last_right=False))
    story += [Paragraph("5. HMRC and pension payments", section)]
    paid = [e for e in live if e.out_pence and any(w in e.what.lower() for w in ("hmrc", "pension"))]
    story.append(table(_entries_rows(paid, cell), _widths(width), points - 1, last_right=False) if paid else
                 Paragraph("No payment to HMRC or the pension scheme in the period.", body))
    hmrc = next((c for c in ret.checks if c.code == "hmrc"), None)
    if hmrc is not None:
        story.append(Paragraph(hmrc.words, body))
    story += [Paragraph("6. Contingency and crisis fund movements", section)]
    for fund in ("contingency", "crisis"):
        moves = [m for m in ret.facts.funds if m.fund == fund]
        story.append(Paragraph(f"The {fund} fund held {format_pounds(ret.facts.fund_opening.get(fund, 0))} at the "
                               f"start and {format_pounds(ret.fund_closing(fund))} at the end"
                               + (":" if moves else "; nothing moved in the period."), body))
        for m in moves:
            story.append(Paragraph(f"• {long_date(m.occurred_on)}: {'put in' if m.amount_pence > 0 else 'used'} "
                                   f"{format_pounds(abs(m.amount_pence))}. Why: {m.reason or 'not given'}."
                                   + (f" Agreed by {m.agreed_by}." if m.agreed_by else ""), body))
    voided = [e for e in pack.entries if e.voided]
    story += [Paragraph("7. Voided entries", section)]
    story.append(Paragraph("Nothing recorded was voided in the period." if not voided else
                           "Entries recorded by mistake are never deleted: they are voided with a reason, kept here, "
                           "and not counted in the figures.", body))
    for e in voided:
        story.append(Paragraph(f"• {long_date(e.occurred_on)}: {e.who} {format_pounds(e.in_pence or e.out_pence)}. "
                               f"Voided because: {e.voided}.", body))
    story += [Paragraph("8. The evidence folder", section),
              Paragraph("The zip this document came in holds these files beside it:", body)]
    story += [Paragraph(f"• {name}", body) for name in pack.files] or [Paragraph("No files.", body)]
    return story


def _widths(width: float) -> list[float]:
    return [width * 0.12, width * 0.2, width * 0.22, width * 0.11, width * 0.11, width * 0.24]


def audit_pdf_bytes(pack: AuditPack, large_print: bool = False) -> bytes:
    buffer = io.BytesIO()
    document = _Document(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                         bottomMargin=15 * mm, author="PA Books",
                         title=f"Audit of the direct payment, {period_words(pack.ret)}")
    document.multiBuild(audit_story(pack, LARGE_POINTS if large_print else ORDINARY_POINTS),
                        onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def audit_files(pack: AuditPack) -> list[AuditFile]:
    """The evidence folder's files with their contents: the receipts as kept, each pay run's payslips and each
    approved timesheet as a PDF."""
    from app.reports.payslip_pdf import payslips_pdf_bytes
    from app.reports.timesheet_pdf import timesheet_pdf_bytes

    files = list(pack.receipts)
    files += [AuditFile(name, payslips_pdf_bytes(run)) for name, run in pack.pay_runs if run.payslips]
    files += [AuditFile(name, timesheet_pdf_bytes(view, pack.employer_name)) for name, view in pack.timesheets]
    return files


def write_audit_pack(pack: AuditPack, target: Path, large_print: bool = False) -> Path:
    """A zip: audit.pdf, the return as a spreadsheet and CSV, and evidence/ with every file the PDF names. Written
    to a temporary name first, so a failure leaves no half-written zip behind."""
    from app.reports.council_return import return_xlsx_bytes

    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("audit.pdf", audit_pdf_bytes(pack, large_print))
            bundle.writestr("return.xlsx", return_xlsx_bytes(pack.header, pack.ret))
            bundle.writestr("return.csv", return_csv(pack.ret))
            for item in audit_files(pack):
                bundle.writestr(item.path, item.content)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target

"""A council return as the council reads it: a PDF (clear headings, page numbers, large print on request, read in
order: one heading per section, each table with its header row), a CSV and an XLSX of the money lines in the
council's own column layout, and a bundle (zip) of the return with its evidence files."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

from reportlab.graphics.charts.lineplots import LinePlot
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.money import format_pounds, pence_to_string
from app.reports.cells import safe_row
from app.returns.build import CouncilReturn, Line, ReturnHeader, evidence_list
from app.returns.templates import SIGNERS

ORDINARY_POINTS, LARGE_POINTS = 11, 16
ROLE_WORDS = {"holder": "Direct payment holder", "suitable_person": "Suitable person", "nominee": "Nominated person",
              "managed_account": "Managed account provider"}


def styles_for(points: int) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {"title": ParagraphStyle("t", parent=base["Title"], fontSize=points + 8, leading=(points + 8) * 1.25,
                                    alignment=0),
            "h2": ParagraphStyle("h", parent=base["Heading2"], fontSize=points + 3, leading=(points + 3) * 1.3,
                                 keepWithNext=1),
            "body": ParagraphStyle("b", parent=base["Normal"], fontSize=points, leading=points * 1.4),
            "cell": ParagraphStyle("c", parent=base["Normal"], fontSize=points - 1, leading=(points - 1) * 1.25)}


def table(rows: Sequence[Sequence[object]], widths: list[float], points: int, bold_last: bool = False,
          last_right: bool = True) -> Table:
    """A table with its header row repeated on each page; the last column (an amount) right-aligned."""
    grid = Table(rows, colWidths=widths, repeatRows=1)
    style = [("FONT", (0, 0), (-1, 0), "Helvetica-Bold", points - 1), ("FONT", (0, 1), (-1, -1), "Helvetica", points - 1),
             ("GRID", (0, 0), (-1, -1), 0.75, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"),
             ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd"))]
    if last_right:
        style.append(("ALIGN", (-1, 0), (-1, -1), "RIGHT"))
    if bold_last:
        style.append(("FONT", (0, -1), (-1, -1), "Helvetica-Bold", points - 1))
    grid.setStyle(TableStyle(style))
    return grid


def period_words(ret: CouncilReturn) -> str:
    f = ret.facts
    return f"{f.starts_on:%d %B %Y} to {f.ends_on:%d %B %Y}".replace(" 0", " ").lstrip("0")


def balance_words(ret: CouncilReturn) -> str:
    """The chart's figures as words, for a reader who cannot see it."""
    days = ret.facts.balance_by_day
    low = min(days, key=lambda d: d[1])
    high = max(days, key=lambda d: d[1])
    said = (f"The chart shows the balance each day of the period: it started at {format_pounds(days[0][1])}, was "
            f"lowest at {format_pounds(low[1])} on {low[0].day} {low[0]:%B %Y}, highest at {format_pounds(high[1])} on "
            f"{high[0].day} {high[0]:%B %Y}, and ended at {format_pounds(days[-1][1])}.")
    if ret.facts.allowed_pence:
        said += f" The dashed line is the most the agreement lets the account hold ({format_pounds(ret.facts.allowed_pence)})."
    contingency = ret.fund_closing("contingency")
    if contingency:
        said += f" The dotted line is the contingency set aside ({format_pounds(contingency)})."
    return said


def balance_chart(ret: CouncilReturn, width: float) -> Drawing:
    """The account's balance through the period as a stepped line, with the agreement's allowed balance (dashed)
    and the contingency set aside (dotted): lines told apart by pattern, not colour."""
    f = ret.facts
    first = f.starts_on
    span = max((f.ends_on - first).days, 1)
    steps: list[tuple[float, float]] = []
    for at, (day, pence) in enumerate(f.balance_by_day):
        x = (day - first).days
        if at:
            steps.append((x, steps[-1][1]))
        steps.append((x, pence / 100))
    steps.append((span, steps[-1][1]))
    plot = LinePlot()
    plot.x, plot.y, plot.width, plot.height = 18 * mm, 10 * mm, width - 24 * mm, 42 * mm
    lines = [steps]
    allowed, contingency = f.allowed_pence / 100, ret.fund_closing("contingency") / 100
    if f.allowed_pence:
        lines.append([(0, allowed), (span, allowed)])
    if contingency:
        lines.append([(0, contingency), (span, contingency)])
    plot.data = lines
    plot.lines[0].strokeColor, plot.lines[0].strokeWidth = colors.black, 1.5
    for at in range(1, len(lines)):
        plot.lines[at].strokeColor, plot.lines[at].strokeWidth = colors.black, 0.8
    if f.allowed_pence:
        plot.lines[1].strokeDashArray = [6, 3]
    if contingency:
        plot.lines[len(lines) - 1].strokeDashArray = [1, 2]
    plot.xValueAxis.valueMin, plot.xValueAxis.valueMax = 0, span
    ticks = [d for d in range(0, span + 1) if (first + timedelta(days=d)).day == 1] or [0, span]
    plot.xValueAxis.valueSteps = ticks
    plot.xValueAxis.labelTextFormat = lambda d: f"{(first + timedelta(days=int(d))).day} {first + timedelta(days=int(d)):%b}"
    plot.xValueAxis.labels.fontSize = 7
    plot.yValueAxis.valueMin = min(0, min(p for _, p in steps))
    plot.yValueAxis.labelTextFormat = lambda v: f"£{v:,.0f}"
    plot.yValueAxis.labels.fontSize = 7
    drawing = Drawing(width, 56 * mm)
    drawing.add(plot)
    drawing.add(String(0, 53 * mm, "Balance in the account", fontSize=8))
    return drawing


def _lines_rows(ret: CouncilReturn, lines: Sequence[Line], styles: dict[str, ParagraphStyle],
                money_in: bool) -> list[list[object]]:
    cell = styles["cell"]
    rows: list[list[object]] = [["Date", "From" if money_in else "Paid to", "What", "Amount"]]
    for line in lines:
        what = (ret.template.stream_words(line.category) if money_in
                else ret.template.category_words(line.category))
        extra = "; ".join(x for x in (line.reference, line.note,
                                      f"{line.receipts} receipt(s)" if line.receipts else "") if x)
        rows.append([f"{line.occurred_on:%d/%m/%Y}", wrapped(line.payee or "-", cell, 28),
                     wrapped(what + (f" ({extra})" if extra else ""), cell, 32), format_pounds(line.amount_pence)])
    return rows


def wrapped(text: str, style: ParagraphStyle, fits: int) -> object:
    """Text that fits its cell as it is stays plain (a table of a quarter's lines builds fast); longer text wraps."""
    return text if len(text) <= fits else Paragraph(text, style)


def story_of(header: ReturnHeader, ret: CouncilReturn, points: int) -> list[object]:
    t, f = ret.template, ret.facts
    styles = styles_for(points)
    body, h2 = styles["body"], styles["h2"]
    width = A4[0] - 30 * mm
    story: list[object] = [Paragraph(t.says("title", t.name), styles["title"])]
    status = (f"Submitted on {header.submitted_on:%d %B %Y}".replace(" 0", " ") if header.submitted_on
              else "Draft: not submitted")
    story.append(Paragraph(f"{header.holder}. {header.council}" + (f", reference {header.council_reference}"
                           if header.council_reference else "") + f". Period: {period_words(ret)}. Version "
                           f"{header.version}. {status}.", body))
    problems = ret.blocking
    if problems:
        story += [Paragraph("To put right before this return is submitted", h2)]
        story += [Paragraph(f"• {c.words}", body) for c in problems]
    sections = t.sections
    if "header" in sections:
        story.append(Paragraph("About this return", h2))
        role = ROLE_WORDS.get(header.manager_role, header.manager_role)
        story.append(Paragraph(f"The money is managed by {header.manager} ({role}). Account: "
                               f"{header.account_type.replace('_', ' ')}. Return: "
                               f"{header.return_type.replace('_', ' ')}.", body))
    story.append(Paragraph("The money in short", h2))
    summary = [["", "Amount"], ["Opening balance", format_pounds(f.opening_balance_pence)],
               ["Money in", format_pounds(ret.total_in_pence)], ["Money out", format_pounds(ret.total_out_pence)],
               ["Closing balance (opening + in - out)", format_pounds(ret.closing_balance_pence)]]
    story.append(table(summary, [width * 0.7, width * 0.3], points, bold_last=True))
    if len(f.balance_by_day) > 1:
        story.append(Spacer(1, 3 * mm))
        story.append(balance_chart(ret, width))
        story.append(Paragraph(balance_words(ret), body))
    for section, default, kind, totals, total, lines in (
            ("money_in", "Money in", "Source", ret.money_in_by_source, ret.total_in_pence, f.money_in),
            ("money_out", "Money out", "Category", ret.money_out_by_category, ret.total_out_pence, f.money_out)):
        if section not in sections:
            continue
        story.append(Paragraph(t.says(section, default), h2))
        rows = [[kind, "Amount"], *[[words, format_pounds(p)] for words, p in totals], ["Total", format_pounds(total)]]
        story.append(table(rows, [width * 0.7, width * 0.3], points, bold_last=True))
        story.append(Spacer(1, 3 * mm))
        story.append(table(_lines_rows(ret, lines, styles, section == "money_in"),
                            [width * 0.16, width * 0.3, width * 0.34, width * 0.2], points))
    if "reconciliation" in sections:
        story.append(Paragraph(t.says("reconciliation", "Bank reconciliation"), h2))
        statement = (format_pounds(f.statement_closing_pence) if f.statement_closing_pence is not None
                     else "no statement imported for the period end")
        rows = [["", "Amount"], ["Closing balance in the records", format_pounds(ret.closing_balance_pence)],
                ["Bank statement's balance at the period end", Paragraph(statement, styles["cell"])]]
        if ret.statement_difference_pence:
            rows.append(["Difference", format_pounds(ret.statement_difference_pence)])
        story.append(table(rows, [width * 0.7, width * 0.3], points))
        for line in f.not_cleared:
            story.append(Paragraph(f"Not yet cleared: {line.occurred_on:%d/%m/%Y} {line.payee} "
                                   f"{format_pounds(line.amount_pence)}", body))
    if "funds" in sections:
        story.append(Paragraph(t.says("funds", "Contingency and crisis fund"), h2))
        for fund in ("contingency", "crisis"):
            moves = [m for m in f.funds if m.fund == fund]
            story.append(Paragraph(f"{fund.title()}: {format_pounds(f.fund_opening.get(fund, 0))} at the start, "
                                   f"{format_pounds(ret.fund_closing(fund))} at the end.", body))
            for m in moves:
                story.append(Paragraph(f"{m.occurred_on:%d/%m/%Y}: {'set aside' if m.amount_pence > 0 else 'used'} "
                                       f"{format_pounds(abs(m.amount_pence))}. Why: {m.reason or 'not given'}"
                                       + (f". Agreed by {m.agreed_by}." if m.agreed_by else "."), body))
    if "employees" in sections and f.pas:
        rows = [["PA", "Gross", "Tax", "NI (PA)", "NI (employer)", "Pension", "Net", "Paid"]]
        rows += [[p.name, *(format_pounds(x) for x in (p.gross_pence, p.tax_pence, p.employee_ni_pence,
                                                        p.employer_ni_pence, p.pension_pence, p.net_pence,
                                                        p.paid_from_account_pence))] for p in f.pas]
        story.append(KeepTogether([Paragraph(t.says("employees", "Your PAs"), h2),
                                   table(rows, [width * 0.2] + [width * 0.8 / 7] * 7, points - 2)]))
    if "hours" in sections and f.hours:
        story.append(Paragraph(t.says("hours", "Hours of support: planned and delivered"), h2))
        rows = [["Kind", "Planned", "Delivered"]] + [[h.kind.replace("_", " "), f"{h.planned:f}", f"{h.delivered:f}"]
                                                   for h in f.hours]
        story.append(table(rows, [width * 0.5, width * 0.25, width * 0.25], points))
    if "liabilities" in sections:
        story.append(Paragraph(t.says("liabilities", "What is owed and what may be kept"), h2))
        story.append(Paragraph(f"Owed at the period end (pay, HMRC, pension): {format_pounds(f.owed_pence)}. The "
                               f"agreement lets the account hold {format_pounds(f.allowed_pence)}. "
                               + (f"Surplus: {format_pounds(ret.surplus_pence)} ({ret.surplus_weeks} weeks)."
                                  if ret.surplus_pence > 0 else "No surplus."), body))
    if "contribution" in sections and f.contribution_expected_pence:
        story.append(Paragraph("Your contribution", h2))
        story.append(Paragraph(f"Expected {format_pounds(f.contribution_expected_pence)}; paid in "
                               f"{format_pounds(f.contribution_paid_pence)}.", body))
    story.append(Paragraph("Checks", h2))
    explained = dict(header.explanations)
    for check in ret.checks:
        mark = "Yes" if check.ok else ("Explained" if check.code in explained else "No")
        story.append(Paragraph(f"{mark}: {check.words}" + (f" Explanation: {explained[check.code]}"
                                                           if check.code in explained else ""), body))
    if header.notes:
        story += [Paragraph("Notes", h2), Paragraph(header.notes, body)]
    if "evidence" in sections:
        story.append(Paragraph(t.says("evidence", "Evidence"), h2))
        for words, present in evidence_list(t, f):
            story.append(Paragraph(f"{'Included' if present else 'Missing'}: {words}", body))
    if "declaration" in sections:
        story.append(Paragraph(t.says("declaration", "Declaration"), h2))
        story.append(Paragraph(t.declaration_words(), body))
        who = " or ".join(SIGNERS[s] for s in t.signers)
        story.append(Paragraph(f"Signed by ({who}): {header.signed_by or '____________________'}   Role: "
                               f"{ROLE_WORDS.get(header.manager_role, '')}   Date: "
                               f"{header.submitted_on:%d/%m/%Y}" if header.submitted_on else
                               f"Signed by ({who}): ____________________   Date: __________", body))
    if "council_use" in sections:
        story.append(Paragraph("For council use", h2))
        story.append(Paragraph("Checked by: __________  Notes: __________  Amount to recover: __________  "
                               "Next review: __________", body))
    return story


def page_number(canvas: object, document: object) -> None:
    canvas.saveState()  # type: ignore[attr-defined]
    canvas.setFont("Helvetica", 9)  # type: ignore[attr-defined]
    canvas.drawRightString(A4[0] - 15 * mm, 8 * mm, f"Page {document.page}")  # type: ignore[attr-defined]
    canvas.restoreState()  # type: ignore[attr-defined]


def write_return_pdf(header: ReturnHeader, ret: CouncilReturn, target: Path, large_print: bool = False) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(return_pdf_bytes(header, ret, large_print))
    return target


def return_pdf_bytes(header: ReturnHeader, ret: CouncilReturn, large_print: bool = False) -> bytes:
    points = LARGE_POINTS if large_print else ORDINARY_POINTS
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm,
                                 topMargin=15 * mm, bottomMargin=15 * mm, author="PA Books",
                                 title=f"{ret.template.says('title', ret.template.name)}, {period_words(ret)}")
    document.build(story_of(header, ret, points), onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def money_rows(ret: CouncilReturn) -> list[list[object]]:
    """Every money line in the council's columns (Date, Paid to, Method, Reference, Category, Amount, Evidence),
    money in first; amounts as numbers, money out negative."""
    columns = ret.template.columns
    rows: list[list[object]] = [list(columns)]
    for sign, lines, money_in in ((1, ret.facts.money_in, True), (-1, ret.facts.money_out, False)):
        for line in lines:
            values = [f"{line.occurred_on:%d/%m/%Y}", line.payee, line.method.replace("_", " "), line.reference,
                      line.category.replace("_", " ") if money_in else ret.template.category_words(line.category),
                      sign * line.amount_pence, "Yes" if line.receipts else "No"]
            rows.append(values[:len(columns)] if len(columns) >= 7 else _fit(values, columns))
    return rows


def _fit(values: list[object], columns: Sequence[str]) -> list[object]:
    """A shorter layout (Date, Paid to, What for, Amount, Receipt): the fields it names, in its order."""
    by_kind = {"date": values[0], "paid": values[1], "payee": values[1], "what": values[4], "type": values[4],
               "category": values[4], "method": values[2], "reference": values[3], "cheque": values[3],
               "amount": values[5], "receipt": values[6], "evidence": values[6]}
    out: list[object] = []
    for column in columns:
        key = next((k for k in by_kind if k in column.lower()), "")
        out.append(by_kind.get(key, ""))
    return out


def return_csv(ret: CouncilReturn) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in money_rows(ret):
        writer.writerow([pence_to_string(v) if isinstance(v, int) else v for v in safe_row(row)])  # amounts as numbers
    return buffer.getvalue()


def write_return_xlsx(header: ReturnHeader, ret: CouncilReturn, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(return_xlsx_bytes(header, ret))
    return target


def return_xlsx_bytes(header: ReturnHeader, ret: CouncilReturn) -> bytes:
    from openpyxl import Workbook  # only when a spreadsheet is asked for
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Money"
    for row in money_rows(ret):
        sheet.append(safe_row([v / 100 if isinstance(v, int) else v for v in row]))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    amount_column = next((i for i, c in enumerate(ret.template.columns, start=1) if "amount" in c.lower()), None)
    if amount_column:
        for (cell,) in sheet.iter_rows(min_row=2, min_col=amount_column, max_col=amount_column):
            cell.number_format = "£#,##0.00;-£#,##0.00"
    summary = book.create_sheet("Summary")
    for label, pence in (("Opening balance", ret.facts.opening_balance_pence), ("Money in", ret.total_in_pence),
                         ("Money out", ret.total_out_pence), ("Closing balance", ret.closing_balance_pence)):
        summary.append([label, pence / 100])
    summary.append([])
    for words, pence in ret.money_out_by_category:
        summary.append([words, pence / 100])
    for (cell,) in summary.iter_rows(min_col=2, max_col=2):
        cell.number_format = "£#,##0.00;-£#,##0.00"
    summary.insert_rows(1)
    summary["A1"] = f"{header.holder}: {ret.template.says('title', ret.template.name)}, {period_words(ret)}"
    summary["A1"].font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_bundle(header: ReturnHeader, ret: CouncilReturn, target: Path,
                 evidence: Sequence[tuple[str, bytes]]) -> Path:
    """A zip with the return (PDF, CSV, XLSX) and each evidence file under evidence/, written to a temporary
    name first so a failure leaves no half-written zip."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as bundle:
            bundle.writestr("return.pdf", return_pdf_bytes(header, ret))
            bundle.writestr("return.xlsx", return_xlsx_bytes(header, ret))
            bundle.writestr("return.csv", return_csv(ret))
            for name, content in evidence:
                bundle.writestr(f"evidence/{name}", content)
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)
    return target

"""Payslips: one page per PA per run (as PDF, in ordinary or large print) and the same as plain text for a
screen reader. Every element shows its hours and rate where pay varies with time worked (Employment Rights
Act 1996 s. 8, as amended from 6 April 2019), and every deduction is named."""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.money import format_pounds
from app.services.pay_views import PayRunView, PayslipView
from app.services.words import long_date

ORDINARY_POINTS, LARGE_POINTS = 11, 16


def _styles(points: int) -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontSize=points + 8, leading=(points + 8) * 1.25,
                                alignment=0),
        "body": ParagraphStyle("body", parent=base["Normal"], fontSize=points, leading=points * 1.4),
        "cell": ParagraphStyle("cell", parent=base["Normal"], fontSize=points, leading=points * 1.25),
    }


def _table(rows: list[list[object]], widths: list[float], points: int, bold_last: bool = False) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", points),
        ("FONT", (0, 1), (-1, -1), "Helvetica", points),
        ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")),
    ]
    if bold_last:
        style.append(("FONT", (0, -1), (-1, -1), "Helvetica-Bold", points))
    table.setStyle(TableStyle(style))
    return table


def _signed(pence: int) -> str:
    return f"minus {format_pounds(-pence)}" if pence < 0 else format_pounds(pence)


def _hours(slip_line_hours: object) -> str:
    return "" if slip_line_hours is None else f"{slip_line_hours}"


def facts_lines(run: PayRunView, slip: PayslipView) -> list[str]:
    return [
        f"Employer: {run.employer_name}",
        f"Pay date: {long_date(run.pay_date)}. Pay period: {long_date(run.period_start)} to {long_date(run.period_end)}"
        f" (tax {'month' if run.frequency == 'monthly' else 'week'} {run.period} of {run.tax_year})",
        f"Tax code: {slip.tax_code}. National Insurance number: {slip.ni_number_masked} (category {slip.ni_category})",
    ]


def _one(run: PayRunView, slip: PayslipView, styles: dict[str, ParagraphStyle], points: int) -> list[object]:
    width = 180 * mm
    story: list[object] = [Paragraph(f"Payslip: {slip.pa_name}", styles["title"])]
    if not run.finalised:
        story.append(Paragraph("DRAFT: not final. The figures may still change.", styles["body"]))
    if run.kind == "correction":
        story.append(Paragraph(f"Correction of {run.corrects}. Why: {run.reason}", styles["body"]))
    if slip.statement:
        head, _, rest = slip.statement.partition(": ")
        story += [Paragraph(f"<b>{head}:</b> {rest}", styles["body"]), Spacer(1, 2 * mm)]
    story += [Paragraph(text, styles["body"]) for text in facts_lines(run, slip)]
    story.append(Spacer(1, 4 * mm))
    pay: list[list[object]] = [["Pay", "Hours", "Rate", "Amount"]]
    for line in slip.lines:
        rate = "" if line.rate_pence is None or line.hours is None else format_pounds(line.rate_pence)
        pay.append([Paragraph(line.description, styles["cell"]), _hours(line.hours), rate,
                    format_pounds(line.amount_pence)])
    pay.append(["Gross pay", "", "", format_pounds(slip.gross_pay_pence)])
    story.append(_table(pay, [width * 0.46, width * 0.16, width * 0.16, width * 0.22], points, bold_last=True))
    story.append(Spacer(1, 4 * mm))
    taken: list[list[object]] = [["Deductions", "Amount"]]
    taken += [[name, format_pounds(amount)] for name, amount in slip.deductions]
    taken.append(["Net pay", format_pounds(slip.net_pay_pence)])
    story.append(_table(taken, [width * 0.6, width * 0.4], points, bold_last=True))
    if slip.after_tax:
        story.append(Spacer(1, 4 * mm))
        after: list[list[object]] = [["After tax", "Amount"]]
        after += [[Paragraph(line.description, styles["cell"]), _signed(line.amount_pence)] for line in slip.after_tax]
        story.append(_table(after, [width * 0.6, width * 0.4], points))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(f"<b>Paid to you: {format_pounds(slip.paid_to_pa_pence)}</b>", styles["body"]))
    ytd = slip.year_to_date
    story.append(Spacer(1, 4 * mm))
    totals: list[list[object]] = [[f"This tax year to date ({run.tax_year})", "Amount"],
                                  ["Gross pay", format_pounds(ytd.gross_pay_pence)],
                                  ["Taxable pay", format_pounds(ytd.taxable_pay_pence)],
                                  ["Income tax", format_pounds(ytd.tax_pence)],
                                  ["National Insurance", format_pounds(ytd.employee_ni_pence)]]
    if ytd.employee_pension_pence or ytd.employer_pension_pence:
        totals += [["Your pension contributions", format_pounds(ytd.employee_pension_pence)],
                   ["Employer pension contributions", format_pounds(ytd.employer_pension_pence)]]
    if ytd.student_loan_pence:
        totals.append(["Student loan", format_pounds(ytd.student_loan_pence)])
    story.append(_table(totals, [width * 0.6, width * 0.4], points))
    if slip.holiday_words:
        story += [Spacer(1, 4 * mm), Paragraph("<b>Holiday</b>", styles["body"]),
                  Paragraph(slip.holiday_words + ".", styles["body"])]
    if slip.employer_pension_pence:
        story.append(Paragraph(f"Your employer also paid {format_pounds(slip.employer_pension_pence)} into your "
                               "pension this time.", styles["body"]))
    return [KeepTogether(story[:3]), *story[3:]]


def write_payslips_pdf(run: PayRunView, target: Path, large_print: bool = False, pa_id: int | None = None) -> Path:
    """Every payslip of a run (or one PA's), a page each."""
    document = payslips_pdf_bytes(run, large_print, pa_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(document)
    return target


def payslips_pdf_bytes(run: PayRunView, large_print: bool = False, pa_id: int | None = None) -> bytes:
    points = LARGE_POINTS if large_print else ORDINARY_POINTS
    styles = _styles(points)
    slips = [s for s in run.payslips if pa_id is None or s.pa_id == pa_id]
    if not slips:
        raise ValueError("There is no payslip to save: no PA is paid in this run.")
    story: list[object] = []
    for index, slip in enumerate(slips):
        if index:
            story.append(PageBreak())
        story += _one(run, slip, styles, points)
    who = slips[0].pa_name if len(slips) == 1 else "all PAs"
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                                 bottomMargin=15 * mm, title=f"Payslip {who}, {long_date(run.pay_date)}",
                                 author="PA Books")
    document.build(story)
    return buffer.getvalue()


def payslip_text(run: PayRunView, slip: PayslipView) -> str:
    """The payslip as plain sentences, for a screen reader or to paste into an email."""
    lines = [f"Payslip for {slip.pa_name}" + ("" if run.finalised else " (draft, not final)")]
    if slip.statement:
        lines.append(slip.statement)
    lines += facts_lines(run, slip)
    lines.append("Pay:")
    for line in slip.lines:
        if line.hours is not None and line.rate_pence is not None:
            lines.append(f"  {line.description}: {line.hours} hours at {format_pounds(line.rate_pence)} an hour, "
                         f"{format_pounds(line.amount_pence)}")
        else:
            lines.append(f"  {line.description}: {format_pounds(line.amount_pence)}")
    lines.append(f"Gross pay: {format_pounds(slip.gross_pay_pence)}")
    lines.append("Deductions:")
    lines += [f"  {name}: {format_pounds(amount)}" for name, amount in slip.deductions]
    lines.append(f"Net pay: {format_pounds(slip.net_pay_pence)}")
    lines += [f"{line.description}: {_signed(line.amount_pence)}" for line in slip.after_tax]
    lines.append(f"Paid to {slip.pa_name}: {format_pounds(slip.paid_to_pa_pence)}")
    if slip.holiday_words:
        lines.append(slip.holiday_words + ".")
    ytd = slip.year_to_date
    lines.append(f"This tax year so far: gross pay {format_pounds(ytd.gross_pay_pence)}, income tax "
                 f"{format_pounds(ytd.tax_pence)}, National Insurance {format_pounds(ytd.employee_ni_pence)}.")
    return "\n".join(lines)

"""Year-end papers: the P60 (End of Year Certificate) for each PA employed on 5 April, with the figures HMRC's
form asks for, and the P11-style record of every period as CSV (a deductions working sheet kept for 3 years)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.money import format_pounds, pence_to_string
from app.reports.cells import write_csv
from app.services.year_end import YearRecord

POINTS = 11
P11_HEADER = ["PA", "Pay date", "Tax period", "Gross pay", "Taxable pay", "Taxable pay to date", "Tax",
              "Tax to date", "NI category", "Earnings at LEL", "Earnings LEL to PT", "Earnings PT to UEL",
              "Employee NI", "Employer NI", "Student loan", "Postgraduate loan", "Employee pension", "Net pay"]


def name_and_address(name: str, address: str) -> str:
    """"Alex Morgan, 12 Example Row, Northtown" (no stray full stop when there is no address)."""
    return f"{name}, {address}" if address.strip() else name


def _table(rows: list[list[object]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", POINTS), ("FONT", (0, 1), (-1, -1), "Helvetica", POINTS),
        ("GRID", (0, 0), (-1, -1), 0.75, colors.black), ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return table


def _p60(record: YearRecord, styles: dict[str, ParagraphStyle]) -> list[object]:
    width = 180 * mm
    story: list[object] = [
        Paragraph(f"P60 End of Year Certificate, tax year to 5 April {int(record.tax_year[:4]) + 1}", styles["title"]),
        Paragraph(f"Employee: {record.forenames} {record.surname}. National Insurance number: "
                  f"{record.ni_number or 'not given'}", styles["body"]),
        Spacer(1, 3 * mm),
        _table([["Pay and Income Tax details", "Pay", "Tax deducted"],
                ["In previous employment(s)", format_pounds(record.previous_pay_pence),
                 format_pounds(record.previous_tax_pence)],
                ["In this employment", format_pounds(record.pay_pence), format_pounds(record.tax_pence)],
                ["Total for year", format_pounds(record.previous_pay_pence + record.pay_pence),
                 format_pounds(record.previous_tax_pence + record.tax_pence)]],
               [width * 0.5, width * 0.25, width * 0.25]),
        Paragraph(f"Final tax code: {record.final_tax_code}", styles["body"]),
        Spacer(1, 3 * mm),
    ]
    # Header cells wrap (as paragraphs), so the long column names never run into each other.
    ni: list[list[object]] = [[Paragraph(f"<b>{words}</b>", styles["body"]) for words in (
        "NI letter", "At or above LEL", "Above LEL up to PT", "Above PT up to UEL", "Employee's contributions")]]
    ni += [[t.category, format_pounds(t.earnings_at_lel_pence), format_pounds(t.earnings_lel_to_pt_pence),
            format_pounds(t.earnings_pt_to_uel_pence), format_pounds(t.employee_ni_pence)] for t in record.ni_by_letter]
    story.append(_table(ni, [width * 0.12, width * 0.22, width * 0.22, width * 0.22, width * 0.22]))
    story.append(Spacer(1, 3 * mm))
    story.append(_table([["Other details", "Amount"],
                         ["Student loan deductions (whole pounds)", format_pounds(record.student_loan_pence)],
                         ["Postgraduate loan deductions (whole pounds)", format_pounds(record.postgraduate_loan_pence)]],
                        [width * 0.6, width * 0.4]))
    story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(f"Employer: {name_and_address(record.employer_name, record.employer_address)}",
                           styles["body"]))
    story.append(Paragraph(f"Employer PAYE reference: {record.paye_reference or 'not recorded'}", styles["body"]))
    story.append(Paragraph("Certificate by employer: this form shows your total pay for Income Tax purposes in this "
                           "employment for the year, and the tax and National Insurance deducted. Keep it: you may "
                           "need it to claim tax credits or a refund, or to check your tax.", styles["body"]))
    return story


def write_p60s_pdf(records: list[YearRecord], target: Path) -> Path:
    if not records:
        raise ValueError("No PA needs a P60 for that tax year: nobody employed on 5 April was paid in it.")
    base = getSampleStyleSheet()
    styles = {"title": ParagraphStyle("title", parent=base["Title"], fontSize=17, leading=22, alignment=0),
              "body": ParagraphStyle("body", parent=base["Normal"], fontSize=POINTS, leading=POINTS * 1.4)}
    story: list[object] = []
    for index, record in enumerate(records):
        if index:
            story.append(PageBreak())
        story += _p60(record, styles)
    target.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(target), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title=f"P60 {records[0].tax_year}", author="PA Books").build(story)
    return target


def write_p11_csv(records: list[YearRecord], target: Path) -> Path:
    return write_csv(target, P11_HEADER, ([
        f"{record.forenames} {record.surname}", line.pay_date.isoformat(), line.period,
        *(pence_to_string(v) for v in (line.gross_pay_pence, line.taxable_pay_pence, line.taxable_pay_to_date_pence,
                                       line.tax_pence, line.tax_to_date_pence)),
        line.ni_category,
        *(pence_to_string(v) for v in (
            line.earnings_at_lel_pence, line.earnings_lel_to_pt_pence, line.earnings_pt_to_uel_pence,
            line.employee_ni_pence, line.employer_ni_pence, line.student_loan_pence, line.postgraduate_loan_pence,
            line.employee_pension_pence, line.net_pay_pence))] for record in records for line in record.lines))

"""A leaver's P45 in its three parts, with the items HMRC's P45 numbers: part 1A for the leaver to keep,
parts 2 and 3 for them to give their new employer (part 3 has the new employer's section to fill in)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.money import format_pounds
from app.reports.year_end import name_and_address
from app.services.give_p45 import P45View

POINTS = 11
PARTS = (("1A", "Details of employee leaving work. Copy for employee: keep it safe, you cannot get a copy."),
         ("2", "Details of employee leaving work. Give this part to your new employer."),
         ("3", "New employee details. Give this part to your new employer; they fill in the section at the end."))


def _items(view: P45View, part: str) -> list[list[str]]:
    unit = "month" if view.monthly else "week"
    rows = [
        ["1", "Employer PAYE reference", view.paye_reference or "not recorded"],
        ["2", "Employee's National Insurance number", view.ni_number or "not known"],
        ["3", "Surname; first name(s)", f"{view.surname}; {view.forenames}"],
        ["4", "Leaving date", f"{view.left_on:%d %m %Y}"],
        ["5", "Continue Student Loan deductions", "Yes" if view.student_loan_continues else "No"],
        ["", "Continue Postgraduate Loan deductions", "Yes" if view.postgraduate_loan_continues else "No"],
        ["6", "Tax code at leaving date", view.tax_code + (" Week 1/Month 1" if view.week1_month1 else "")],
        ["7", f"Last entries: {unit} number", f"{unit.capitalize()} {view.period} of {view.tax_year}"],
        ["", "Total pay to date", format_pounds(view.pay_to_date_pence)],
        ["", "Total tax to date", format_pounds(view.tax_to_date_pence)],
    ]
    if part == "1A":
        rows += [
            ["8", "This employment: pay", format_pounds(view.this_employment_pay_pence)],
            ["", "This employment: tax", format_pounds(view.this_employment_tax_pence)],
            ["11", "Date of birth", f"{view.date_of_birth:%d %m %Y}" if view.date_of_birth else "not known"],
            ["12", "Employee's private address", view.address or "not known"],
        ]
    rows.append(["13", "Employer name and address", name_and_address(view.employer_name, view.employer_address)])
    return rows


def write_p45_pdf(view: P45View, target: Path) -> Path:
    base = getSampleStyleSheet()
    title = ParagraphStyle("title", parent=base["Title"], fontSize=17, leading=22, alignment=0)
    body = ParagraphStyle("body", parent=base["Normal"], fontSize=POINTS, leading=POINTS * 1.4)
    cell = ParagraphStyle("cell", parent=body, leading=POINTS * 1.25)
    width = 180 * mm
    story: list[object] = []
    for index, (part, purpose) in enumerate(PARTS):
        if index:
            story.append(PageBreak())
        story += [Paragraph(f"P45 Part {part}", title), Paragraph(purpose, body), Spacer(1, 3 * mm)]
        rows = [[number, Paragraph(label, cell), Paragraph(value, cell)] for number, label, value in _items(view, part)]
        table = Table(rows, colWidths=[width * 0.07, width * 0.43, width * 0.5])
        table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", POINTS),
                                   ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
                                   ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]))
        story.append(table)
        if part == "3":
            story += [Spacer(1, 5 * mm), Paragraph("To be completed by the new employer", title)]
            blank = [["14", "New employer PAYE reference", ""], ["15", "Date new employment started", ""],
                     ["16", "Works or payroll number", ""], ["17", "Tax code used", ""]]
            form = Table([[n, Paragraph(label, cell), v] for n, label, v in blank],
                         colWidths=[width * 0.07, width * 0.43, width * 0.5], rowHeights=[10 * mm] * len(blank))
            form.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), "Helvetica", POINTS),
                                      ("GRID", (0, 0), (-1, -1), 0.75, colors.black)]))
            story.append(form)
        story += [Spacer(1, 4 * mm), Paragraph(
            "Certificate by employer: the details on this form are correct." + (
                f" Given on {view.given_on:%d %m %Y}." if view.given_on else ""), body)]
    target.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(target), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title=f"P45 {view.forenames} {view.surname}", author="PA Books").build(story)
    return target

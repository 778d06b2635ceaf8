"""A quarter's paper returns as one PDF to print: a cover page saying what to post and by when, the figures for
each PA's RT2 section by section, the RT5 (or that none is needed), and each PA's RT11 deductions working sheet
to the quarter's end (kept, not sent). HMRC posts the blank forms; these pages are what to copy onto them."""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.money import format_pounds
from app.services.paper_returns import PaperReturns, rt2_sections, rt5_words
from app.services.words import long_date
from app.services.year_end import YearRecord

POINTS = 11
SHEET_POINTS = 10  # the RT11's nine columns fit A4 at 10 point
WIDTH = 180 * mm
WORDED = ("Personal details", "Starter", "Payment details", "Leaver")


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {"title": ParagraphStyle("title", parent=base["Title"], fontSize=17, leading=22, alignment=0),
            "heading": ParagraphStyle("heading", parent=base["Heading2"], fontSize=13, leading=17),
            "body": ParagraphStyle("body", parent=base["Normal"], fontSize=POINTS, leading=POINTS * 1.4),
            "cell": ParagraphStyle("cell", parent=base["Normal"], fontSize=POINTS, leading=POINTS * 1.25),
            "small": ParagraphStyle("small", parent=base["Normal"], fontSize=SHEET_POINTS,
                                    leading=SHEET_POINTS * 1.25)}


def _table(rows: list[list[object]], widths: list[float], points: int = POINTS, header: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [("FONT", (0, 0), (-1, -1), "Helvetica", points), ("GRID", (0, 0), (-1, -1), 0.75, colors.black),
             ("VALIGN", (0, 0), (-1, -1), "TOP")]
    if header:
        style += [("FONT", (0, 0), (-1, 0), "Helvetica-Bold", points),
                  ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd"))]
    table.setStyle(TableStyle(style))
    return table


def _pairs(rows: list[tuple[str, str]], styles: dict[str, ParagraphStyle]) -> Table:
    cells: list[list[object]] = [[Paragraph(escape(label), styles["cell"]), Paragraph(escape(value), styles["cell"])]
                                 for label, value in rows]
    return _table(cells, [WIDTH * 0.45, WIDTH * 0.55], header=False)


def _cover(returns: PaperReturns, styles: dict[str, ParagraphStyle]) -> list[object]:
    q = returns.quarter
    story: list[object] = [Paragraph(f"Paper returns to HMRC: {escape(returns.span)}", styles["title"]),
                           Paragraph(f"Quarter {q.number} of tax year {q.tax_year}.", styles["body"]), Spacer(1, 3 * mm)]
    to_send = [f"An RT2 Full quarterly payment summary for each PA paid in the quarter ({len(returns.rt2s)})"
               if returns.rt2s else "No RT2: nobody was paid in the quarter"]
    if returns.rt5.needed:
        to_send.append("An RT5 Employer payment summary (see its page)")
    story.append(_pairs([("Employer", returns.employer_name),
                         ("Employer PAYE reference", returns.paye_reference or "not recorded"),
                         ("Accounts Office reference", returns.accounts_office_reference or "not recorded"),
                         ("Send", "; ".join(to_send)),
                         ("Must reach HMRC by", long_date(returns.due_on)),
                         ("Keep (do not send)", "The RT11 deductions working sheets at the end of this file")],
                        styles))
    story.append(Spacer(1, 3 * mm))
    if returns.problems:
        story.append(Paragraph("<b>Put these right before posting:</b>", styles["body"]))
        story += [Paragraph(f"• {escape(problem)}", styles["body"]) for problem in returns.problems]
    story.append(Paragraph("Copy each figure onto HMRC's form under the section of the same name. Post the forms to "
                           "the address in HMRC's RT6 guide, which came with the blank forms. Tell each PA you "
                           "report on paper: if they claim Universal Credit they must report their earnings to the "
                           "DWP themselves.", styles["body"]))
    return story


def _rt2_pages(returns: PaperReturns, styles: dict[str, ParagraphStyle]) -> list[object]:
    story: list[object] = []
    for rt2 in returns.rt2s:
        e = rt2.latest
        name = f"{e.forename} {e.surname}"
        story += [PageBreak(), Paragraph(f"RT2 for {escape(name)}: {escape(returns.span)}", styles["title"])]
        for heading, words in rt2_sections(rt2):
            if heading not in WORDED:
                continue  # the money is in the tables below
            story += [Paragraph(escape(heading), styles["heading"]),
                      Paragraph(escape(words[:1].upper() + words[1:]), styles["body"])]
        story.append(Spacer(1, 3 * mm))
        money: list[list[object]] = [["", "In the quarter", "This tax year so far"],
                 ["Taxable pay", format_pounds(rt2.taxable_pay_pence), format_pounds(e.taxable_pay_to_date_pence)],
                 ["Tax deducted (minus: refunded)", format_pounds(rt2.tax_pence), format_pounds(e.tax_to_date_pence)],
                 ["Student loan deductions", format_pounds(rt2.student_loan_pence),
                  format_pounds(e.student_loans_to_date_pence)],
                 ["Postgraduate loan deductions", format_pounds(rt2.postgraduate_loan_pence),
                  format_pounds(e.postgraduate_loans_to_date_pence)]]
        story.append(_table(money, [WIDTH * 0.46, WIDTH * 0.27, WIDTH * 0.27]))
        story.append(Spacer(1, 3 * mm))
        for ni in rt2.ni_letters:
            rows: list[list[object]] = [[f"National Insurance, letter {ni.letter}", "In the quarter",
                                         "This tax year so far"],
                                        ["Earnings (gross pay for NI)", format_pounds(ni.gross_in_quarter_pence),
                                         format_pounds(ni.gross_to_date_pence)],
                                        ["Earnings at the lower earnings limit", "",
                                         format_pounds(ni.at_lel_to_date_pence)],
                                        ["Above it, up to the primary threshold", "",
                                         format_pounds(ni.lel_to_pt_to_date_pence)],
                                        ["Above that, up to the upper earnings limit", "",
                                         format_pounds(ni.pt_to_uel_to_date_pence)],
                                        ["Employee's NI", format_pounds(ni.employee_in_quarter_pence),
                                         format_pounds(ni.employee_to_date_pence)],
                                        ["Employer's NI", format_pounds(ni.employer_in_quarter_pence),
                                         format_pounds(ni.employer_to_date_pence)]]
            story += [_table(rows, [WIDTH * 0.46, WIDTH * 0.27, WIDTH * 0.27]), Spacer(1, 3 * mm)]
    return story


def _rt5_page(returns: PaperReturns, styles: dict[str, ParagraphStyle]) -> list[object]:
    story: list[object] = [PageBreak(), Paragraph(f"RT5 Employer payment summary: {escape(returns.span)}",
                                                  styles["title"])]
    rt5 = returns.rt5
    story.append(_pairs([("Employer PAYE reference", returns.paye_reference or "not recorded"),
                         ("No payment to any employee in the quarter", "Yes" if rt5.nobody_paid else "No"),
                         ("Claim the Employment Allowance", "Yes" if rt5.claim_employment_allowance else "No")],
                        styles))
    story.append(Spacer(1, 3 * mm))
    story += [Paragraph(escape(words), styles["body"]) for words in rt5_words(returns)]
    return story


def _rt11(record: YearRecord, returns: PaperReturns, styles: dict[str, ParagraphStyle]) -> list[object]:
    small = styles["small"]
    story: list[object] = [PageBreak(), Paragraph(f"RT11 deductions working sheet: {escape(record.forenames)} "
                                                  f"{escape(record.surname)}, {record.tax_year}", styles["title"]),
                           Paragraph(f"National Insurance number {escape(record.ni_number or 'not known')}. Every "
                                     f"payday to {long_date(returns.quarter.last_day)}. Keep this sheet; it is not "
                                     "sent to HMRC.", styles["body"]), Spacer(1, 3 * mm)]

    def head(words: tuple[str, ...]) -> list[object]:
        return [Paragraph(f"<b>{escape(w)}</b>", small) for w in words]

    pay: list[list[object]] = [head(("Pay date", "Tax period", "Taxable pay", "Taxable pay to date", "Tax",
                                     "Tax to date"))]
    pay += [[f"{line.pay_date:%d/%m/%Y}", str(line.period), format_pounds(line.taxable_pay_pence),
             format_pounds(line.taxable_pay_to_date_pence), format_pounds(line.tax_pence),
             format_pounds(line.tax_to_date_pence)] for line in record.lines]
    story += [Paragraph("Pay and tax", styles["heading"]), _table(pay, [WIDTH / 6] * 6, SHEET_POINTS),
              Spacer(1, 3 * mm)]
    ni: list[list[object]] = [head(("Pay date", "NI letter", "At LEL", "LEL to PT", "PT to UEL", "PA's NI",
                                    "Employer NI", "Student loan", "Postgrad loan"))]
    ni += [[f"{line.pay_date:%d/%m/%Y}", line.ni_category, format_pounds(line.earnings_at_lel_pence),
            format_pounds(line.earnings_lel_to_pt_pence), format_pounds(line.earnings_pt_to_uel_pence),
            format_pounds(line.employee_ni_pence), format_pounds(line.employer_ni_pence),
            format_pounds(line.student_loan_pence), format_pounds(line.postgraduate_loan_pence)]
           for line in record.lines]
    story += [Paragraph("National Insurance and loans", styles["heading"]),
              _table(ni, [WIDTH * 0.13, WIDTH * 0.08] + [WIDTH * 0.79 / 7] * 7, SHEET_POINTS),
              Paragraph("Earnings at the lower earnings limit (LEL), above it up to the primary threshold (PT), and "
                        "above that up to the upper earnings limit (UEL), as HMRC's National Insurance tables set "
                        "them out.", small)]
    return story


def write_paper_returns_pdf(returns: PaperReturns, target: Path) -> Path:
    styles = _styles()
    story = _cover(returns, styles) + _rt2_pages(returns, styles) + _rt5_page(returns, styles)
    for record in returns.rt11s:
        story += _rt11(record, returns, styles)
    target.parent.mkdir(parents=True, exist_ok=True)
    SimpleDocTemplate(str(target), pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                      bottomMargin=15 * mm, title=f"Paper returns to HMRC {returns.span}",
                      author="PA Books").build(story)
    return target

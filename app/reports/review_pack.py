"""The annual review pack as PDFs: one in plain English (tables with a chart of the hours beside the same
figures as text), and an easy-read version for the person to read themselves (large print, short sentences, one
idea a line, a simple picture beside each; the pictures only repeat what the words say)."""

from __future__ import annotations

import io
from collections.abc import Callable

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Circle, Drawing, Line, Polygon, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.money import format_pounds
from app.reports.cells import markup_text
from app.reports.council_return import page_number, styles_for, table, wrapped
from app.returns.review import ReviewPack, easy_read, hours_words, plain_summary
from app.services.review_notes import NOTE_ABOUT

INK = colors.HexColor("#1a1a1a")
EASY_POINTS = 18
PICTURE = 22 * mm


def _month(day: object) -> str:
    return f"{day:%B %Y}"


def _hours_chart(pack: ReviewPack, width: float) -> Drawing:
    """Planned and delivered hours a month as bars (planned hatched grey, delivered solid dark), with a legend in
    words: the table beside it gives the same figures."""
    months = pack.facts.months
    drawing = Drawing(width, 60 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = 12 * mm, 12 * mm, width - 20 * mm, 40 * mm
    chart.data = [[m.planned_minutes / 60 for m in months], [m.delivered_minutes / 60 for m in months]]
    chart.categoryAxis.categoryNames = [f"{m.month:%b}" for m in months]
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.valueAxis.labels.fontSize = 8
    chart.bars[0].fillColor = colors.HexColor("#bbbbbb")
    chart.bars[0].strokeColor = INK
    chart.bars[1].fillColor = INK
    chart.barSpacing = 1
    drawing.add(chart)
    drawing.add(Rect(12 * mm, 55 * mm, 4 * mm, 3 * mm, fillColor=colors.HexColor("#bbbbbb"), strokeColor=INK))
    drawing.add(String(18 * mm, 55.5 * mm, "Planned (light)", fontSize=8))
    drawing.add(Rect(48 * mm, 55 * mm, 4 * mm, 3 * mm, fillColor=INK, strokeColor=INK))
    drawing.add(String(54 * mm, 55.5 * mm, "Delivered (dark)", fontSize=8))
    drawing.add(String(0, 2 * mm, "Hours a month", fontSize=8))
    return drawing


def review_story(pack: ReviewPack, points: int = 11) -> list[object]:
    styles = styles_for(points)
    body, h2, cell = styles["body"], styles["h2"], styles["cell"]
    width = A4[0] - 30 * mm
    f = pack.facts
    story: list[object] = [Paragraph(f"Review of the support plan: {markup_text(f.person)}", styles["title"])]
    story += [Paragraph(markup_text(s), body) for s in plain_summary(pack)]
    story.append(Paragraph("Hours of support, month by month", h2))
    if f.months and (pack.planned_minutes or pack.delivered_minutes):
        rows: list[list[object]] = [["Month", "Planned", "Delivered", "Difference"]]
        for m in f.months:
            gap = m.delivered_minutes - m.planned_minutes
            rows.append([_month(m.month), hours_words(m.planned_minutes), hours_words(m.delivered_minutes),
                         hours_words(abs(gap)) + (" more" if gap > 0 else " short") if gap else "As planned"])
        rows.append(["The year", hours_words(pack.planned_minutes), hours_words(pack.delivered_minutes),
                     hours_words(abs(pack.delivered_minutes - pack.planned_minutes))
                     + (" short" if pack.delivered_minutes < pack.planned_minutes else " more")])
        story.append(table(rows, [width * 0.3, width * 0.23, width * 0.23, width * 0.24], points, bold_last=True))
        story.append(Spacer(1, 3 * mm))
        story.append(_hours_chart(pack, width))
        story.append(Paragraph("The chart shows the table above. Sleep-ins are planned as nights, not hours, and "
                               "are left out.", body))
    else:
        story.append(Paragraph("No hours were planned or recorded in the period.", body))
    story.append(Paragraph("What the money was spent on, by the plan's outcomes", h2))
    if not f.plan_outcomes:
        story.append(Paragraph("The support plan's outcomes are not recorded yet (Timesheets, Support plan): spending "
                               "is grouped by the outcome typed with each payment.", body))
    rows = [["Outcome", "Payments", "Amount"]]
    rows += [[wrapped(markup_text(line.outcome), cell, 60), str(line.payments), format_pounds(line.pence)]
             for line in pack.by_outcome]
    rows.append(["All spending", str(sum(line.payments for line in pack.by_outcome)), format_pounds(pack.spent_pence)])
    story.append(table(rows, [width * 0.6, width * 0.15, width * 0.25], points, bold_last=True))
    story.append(Paragraph("The crisis fund", h2))
    story.append(Paragraph(f"It held {format_pounds(f.crisis_opening_pence)} at the start and "
                           f"{format_pounds(pack.crisis_closing_pence)} at the end.", body))
    for c in f.crisis:
        what = "Used" if c.amount_pence < 0 else "Put in"
        story.append(Paragraph(f"• {c.occurred_on.day} {c.occurred_on:%B %Y}: {what} {format_pounds(abs(c.amount_pence))}."
                               f" Why: {markup_text(c.reason) or 'not given'}."
                               + (f" Agreed by {markup_text(c.agreed_by)}." if c.agreed_by else ""),
                               body))
    if not f.crisis:
        story.append(Paragraph("Nothing was put in or used in the period.", body))
    story.append(Paragraph("In our own words", h2))
    if not f.notes:
        story.append(Paragraph("No notes were written in the period. Notes can be added at any time on the Council "
                               "returns screen, so the review hears what happened through the year.", body))
    for about, title in NOTE_ABOUT.items():
        notes = pack.notes_about(about)
        if not notes:
            continue
        story.append(Paragraph(title, ParagraphStyle("h3", parent=body, fontName="Helvetica-Bold", keepWithNext=1)))
        for n in notes:
            story.append(Paragraph(f"“{markup_text(n.words)}” — {markup_text(n.written_by)}, {n.written_on.day} "
                                   f"{n.written_on:%B %Y}" + (f" (about: {markup_text(n.outcome)})" if n.outcome else ""),
                                   body))
    story.append(Paragraph("At the review", h2))
    story.append(Paragraph("What was agreed: ________________________________________________", body))
    story.append(Paragraph("Changes to the plan: _____________________________________________", body))
    story.append(Paragraph("Next review: ____________   Signed: ____________________________", body))
    return story




def _build(story: list[object], title: str) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                                 bottomMargin=15 * mm, title=title, author="PA Books")
    document.build(story, onFirstPage=page_number, onLaterPages=page_number)
    return buffer.getvalue()


def review_pdf_bytes(pack: ReviewPack, large_print: bool = False) -> bytes:
    return _build(review_story(pack, 16 if large_print else 11), f"Review of the support plan, {pack.facts.person}")


# --- easy read --------------------------------------------------------------------------------------------

def _face(happy: bool) -> Callable[[Drawing, float], None]:
    def draw(d: Drawing, s: float) -> None:
        d.add(Circle(s / 2, s / 2, s * 0.45, strokeColor=INK, strokeWidth=2, fillColor=colors.white))
        for x in (0.35, 0.65):
            d.add(Circle(s * x, s * 0.62, s * 0.05, fillColor=INK, strokeColor=INK))
        # The mouth: a smile curves down in the middle, a frown up.
        points: list[float] = []
        for step in range(9):
            t = step / 8
            bend = 4 * t * (1 - t)  # 0 at the corners, 1 in the middle
            points += [s * (0.3 + 0.4 * t), s * (0.36 - 0.12 * bend if happy else 0.24 + 0.12 * bend)]
        d.add(PolyLine(points, strokeColor=INK, strokeWidth=3))
    return draw


def _clock(d: Drawing, s: float) -> None:
    d.add(Circle(s / 2, s / 2, s * 0.45, strokeColor=INK, strokeWidth=2, fillColor=colors.white))
    d.add(Line(s / 2, s / 2, s / 2, s * 0.82, strokeColor=INK, strokeWidth=2))
    d.add(Line(s / 2, s / 2, s * 0.75, s / 2, strokeColor=INK, strokeWidth=2))


def _money(d: Drawing, s: float) -> None:
    d.add(Circle(s / 2, s / 2, s * 0.45, strokeColor=INK, strokeWidth=2, fillColor=colors.HexColor("#eeeeee")))
    d.add(String(s / 2, s * 0.3, "£", fontName="Helvetica-Bold", fontSize=s * 0.55, textAnchor="middle", fillColor=INK))


def _shield(d: Drawing, s: float) -> None:
    d.add(Polygon([s * 0.15, s * 0.85, s * 0.85, s * 0.85, s * 0.85, s * 0.45, s / 2, s * 0.05, s * 0.15, s * 0.45],
                  strokeColor=INK, strokeWidth=2, fillColor=colors.white))
    d.add(Line(s / 2, s * 0.25, s / 2, s * 0.7, strokeColor=INK, strokeWidth=3))
    d.add(Line(s * 0.3, s * 0.5, s * 0.7, s * 0.5, strokeColor=INK, strokeWidth=3))


def _note(d: Drawing, s: float) -> None:
    d.add(Rect(s * 0.15, s * 0.05, s * 0.7, s * 0.9, strokeColor=INK, strokeWidth=2, fillColor=colors.white))
    for y in (0.7, 0.5, 0.3):
        d.add(Line(s * 0.28, s * y, s * 0.72, s * y, strokeColor=INK, strokeWidth=1.5))


def _calendar(d: Drawing, s: float) -> None:
    d.add(Rect(s * 0.1, s * 0.1, s * 0.8, s * 0.75, strokeColor=INK, strokeWidth=2, fillColor=colors.white))
    d.add(Rect(s * 0.1, s * 0.65, s * 0.8, s * 0.2, strokeColor=INK, fillColor=INK))
    for x in (0.25, 0.45, 0.65):
        for y in (0.45, 0.25):
            d.add(Rect(s * x, s * y, s * 0.1, s * 0.1, strokeColor=INK, fillColor=INK))


def _idea(d: Drawing, s: float) -> None:
    d.add(Circle(s / 2, s * 0.6, s * 0.3, strokeColor=INK, strokeWidth=2, fillColor=colors.HexColor("#eeeeee")))
    d.add(Rect(s * 0.38, s * 0.08, s * 0.24, s * 0.2, strokeColor=INK, strokeWidth=2, fillColor=colors.white))


PICTURES: dict[str, Callable[[Drawing, float], None]] = {
    "clock": _clock, "money": _money, "shield": _shield, "note": _note, "calendar": _calendar, "idea": _idea,
    "happy": _face(True), "sad": _face(False)}


def picture(name: str, size: float = PICTURE) -> Drawing:
    drawing = Drawing(size, size)
    PICTURES.get(name, _note)(drawing, size)
    return drawing


def easy_read_story(pack: ReviewPack) -> list[object]:
    body = ParagraphStyle("easy", fontName="Helvetica", fontSize=EASY_POINTS, leading=EASY_POINTS * 1.45)
    heading = ParagraphStyle("easy-h", fontName="Helvetica-Bold", fontSize=EASY_POINTS + 8,
                             leading=(EASY_POINTS + 8) * 1.3, spaceBefore=6 * mm, spaceAfter=3 * mm, keepWithNext=1)
    width = A4[0] - 30 * mm
    story: list[object] = [Paragraph(f"My support plan review: {markup_text(pack.facts.person)}",
                                     ParagraphStyle("easy-t", parent=heading, fontSize=EASY_POINTS + 12,
                                                    leading=(EASY_POINTS + 12) * 1.3))]
    for title, lines in easy_read(pack):
        rows = [[picture(line.picture), Paragraph(markup_text(line.words), body)] for line in lines]
        grid = Table(rows, colWidths=[PICTURE + 6 * mm, width - PICTURE - 6 * mm])
        grid.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("BOTTOMPADDING", (0, 0), (-1, -1), 4 * mm)]))
        story.append(KeepTogether([Paragraph(title, heading), grid]) if len(rows) <= 4 else Paragraph(title, heading))
        if len(rows) > 4:
            story.append(grid)
    return story


def easy_read_pdf_bytes(pack: ReviewPack) -> bytes:
    return _build(easy_read_story(pack), f"My support plan review (easy read), {pack.facts.person}")

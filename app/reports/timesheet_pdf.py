"""A timesheet on paper: one PA, one pay period, in large clear type, filled for signing or blank for
writing in by hand. Reads a TimesheetView from the timesheet service; never a widget."""

from __future__ import annotations

import io
from datetime import date, timedelta
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.core.money import format_pounds
from app.services.timesheet_views import TimesheetView
from app.services.words import ShiftStatus, long_date
from app.timesheets.clock import hours
from app.timesheets.pay import KIND_WORDS

BODY_POINTS = 14  # large print: at least 14 point throughout


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    return {
        "title": ParagraphStyle("title", parent=base["Title"], fontSize=24, leading=30, alignment=0),
        "body": ParagraphStyle("body", parent=base["Normal"], fontSize=BODY_POINTS, leading=BODY_POINTS * 1.4),
        "cell": ParagraphStyle("cell", parent=base["Normal"], fontSize=BODY_POINTS, leading=BODY_POINTS * 1.25),
    }


def _table(rows: list[list[object]], widths: list[float], row_height: float | None = None) -> Table:
    heights = None if row_height is None else [None] + [row_height] * (len(rows) - 1)
    table = Table(rows, colWidths=widths, repeatRows=1, rowHeights=heights)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", BODY_POINTS),
        ("FONT", (0, 1), (-1, -1), "Helvetica", BODY_POINTS),
        ("GRID", (0, 0), (-1, -1), 1, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 6),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#dddddd")),
    ]))
    return table


def _signatures(styles: dict[str, ParagraphStyle], view: TimesheetView | None) -> list[object]:
    pa_date = long_date(view.signed_by_pa_on) if view and view.signed_by_pa_on else ""
    employer_date = long_date(view.signed_by_employer_on) if view and view.signed_by_employer_on else ""
    rows: list[list[object]] = [["", "Signature", "Date"], ["PA", "", pa_date], ["Employer", "", employer_date]]
    table = _table(rows, [35 * mm, 90 * mm, 50 * mm], row_height=16 * mm)
    return [Spacer(1, 8 * mm), Paragraph("I confirm these are the hours worked.", styles["body"]),
            Spacer(1, 3 * mm), table]


def write_timesheet_pdf(view: TimesheetView, target: Path, employer_name: str) -> Path:
    """The filled timesheet for signing."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(timesheet_pdf_bytes(view, employer_name))
    return target


def timesheet_pdf_bytes(view: TimesheetView, employer_name: str) -> bytes:
    styles = _styles()
    story: list[object] = [
        Paragraph(f"Timesheet: {view.pa_name}", styles["title"]),
        Paragraph(f"Employer: {employer_name}", styles["body"]),
        Paragraph(f"Pay period: {long_date(view.period_start)} to {long_date(view.period_end)}", styles["body"]),
        Paragraph(f"Version {view.version}: {'approved' if view.status == 'approved' else 'not yet approved'}"
                  + (f". Changed because: {view.change_reason}" if view.change_reason else ""), styles["body"]),
        Spacer(1, 5 * mm),
    ]
    rows: list[list[object]] = [["Day", "Start", "End", "Hours", "What"]]
    for shift in view.shifts:
        what = KIND_WORDS.get(shift.kind, shift.kind).capitalize()
        if shift.status == ShiftStatus.ABSENT:
            what += " (absent)"
        elif shift.status == ShiftStatus.PLANNED:
            what += " (planned)"
        rows.append([Paragraph(f"{shift.day:%a} {shift.day.day} {shift.day:%b}", styles["cell"]), shift.start_words,
                     Paragraph(shift.end_words, styles["cell"]), str(shift.hours), Paragraph(what, styles["cell"])])
    if len(rows) == 1:
        rows.append(["No shifts", "", "", "", ""])
    story.append(_table(rows, [38 * mm, 22 * mm, 38 * mm, 22 * mm, 55 * mm]))
    story.append(Spacer(1, 5 * mm))
    totals: list[list[object]] = [["Kind of time", "Hours", "Pay"]]
    for line in view.pay.lines:
        label = KIND_WORDS.get(line.kind, line.kind).capitalize()
        quantity = f"{line.units} x {format_pounds(line.rate_pence)}" if line.flat else str(hours(line.minutes))
        totals.append([label, quantity, format_pounds(line.amount_pence)])
    totals.append(["Total", str(hours(view.total_minutes)), format_pounds(view.pay.gross_pence)])
    table = _table(totals, [70 * mm, 50 * mm, 55 * mm])
    table.setStyle(TableStyle([("FONT", (0, -1), (-1, -1), "Helvetica-Bold", BODY_POINTS)]))
    story.append(table)
    for problem in view.pay.problems:
        story.append(Paragraph(f"To fix before paying: {problem.message}", styles["body"]))
    story += _signatures(styles, view)
    return _build(story, f"Timesheet {view.pa_name}")


def write_blank_timesheet_pdf(pa_name: str, period_start: date, period_end: date, target: Path,
                              employer_name: str) -> Path:
    """A blank timesheet with a row for every day, to fill in by hand."""
    styles = _styles()
    story: list[object] = [
        Paragraph(f"Timesheet: {pa_name}", styles["title"]),
        Paragraph(f"Employer: {employer_name}", styles["body"]),
        Paragraph(f"Pay period: {long_date(period_start)} to {long_date(period_end)}", styles["body"]),
        Paragraph("Write each shift's start and end times (24-hour clock). For a sleep-in, write “sleep-in”.",
                  styles["body"]),
        Spacer(1, 5 * mm),
    ]
    rows: list[list[object]] = [["Day", "Start", "End", "Hours", "Notes"]]
    day = period_start
    while day <= period_end:
        rows.append([f"{day:%a} {day.day} {day:%b}", "", "", "", ""])
        day += timedelta(days=1)
    table = _table(rows, [38 * mm, 25 * mm, 25 * mm, 22 * mm, 65 * mm], row_height=10 * mm)
    story.append(table)
    story += _signatures(styles, None)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(_build(story, f"Blank timesheet {pa_name}"))
    return target


def _build(story: list[object], title: str) -> bytes:
    buffer = io.BytesIO()
    document = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
                                 bottomMargin=15 * mm, title=title, author="PA Books")
    document.build(story)
    return buffer.getvalue()

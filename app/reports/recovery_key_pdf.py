"""The recovery key on paper: one page, in very large type, to print and keep somewhere safe (not with the
computer). Reads only what the security service gives it."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.clock import today_london
from app.reports.cells import markup_text
from app.services.words import long_date

BODY_POINTS = 14
KEY_POINTS = 26


def write_recovery_key_pdf(recovery_key: str, file_name: str, person_name: str, target: Path) -> Path:
    base = getSampleStyleSheet()
    title = ParagraphStyle("title", parent=base["Title"], fontSize=24, leading=30, alignment=0)
    body = ParagraphStyle("body", parent=base["Normal"], fontSize=BODY_POINTS, leading=BODY_POINTS * 1.4)
    groups = recovery_key.split()
    rows = [[f"{n + 1}.", group] for n, group in enumerate(groups)]
    half = (len(rows) + 1) // 2
    paired = [left + (rows[half + i] if half + i < len(rows) else ["", ""]) for i, left in enumerate(rows[:half])]
    table = Table(paired, colWidths=[14 * mm, 55 * mm, 14 * mm, 55 * mm], rowHeights=14 * mm)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), "Helvetica", BODY_POINTS),
        ("FONT", (1, 0), (1, -1), "Courier-Bold", KEY_POINTS),
        ("FONT", (3, 0), (3, -1), "Courier-Bold", KEY_POINTS),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.5, colors.grey),
    ]))
    story = [
        Paragraph("PA Books recovery key", title),
        Paragraph(f"For the employer file <b>{markup_text(file_name)}</b> ({markup_text(person_name)}), "
                  f"printed {long_date(today_london())}.", body),
        Spacer(1, 6 * mm),
        Paragraph("This key opens the file on any computer, even if the passphrase is forgotten. Anyone who has "
                  "it and a copy of the file can read the file, so keep this page somewhere safe and not with "
                  "the computer. Type the groups in order; spaces, dashes and small letters do not matter. "
                  "There is no letter O or I and no 0 or 1.", body),
        Spacer(1, 8 * mm),
        table,
        Spacer(1, 8 * mm),
        Paragraph("If the passphrase is changed, this key stops working and PA Books shows a new one to print.", body),
    ]
    SimpleDocTemplate(str(target), pagesize=A4, title="PA Books recovery key", author="PA Books",
                      leftMargin=20 * mm, rightMargin=20 * mm, topMargin=20 * mm, bottomMargin=20 * mm).build(story)
    return target



"""Reading shifts from CSV, all or nothing: every bad line is reported with its number and reason.

Columns (a header row is required; order does not matter; names are not case-sensitive):
    pa      the PA's name as it is in PA Books ("Priya Shah")
    date    the day the shift starts: 03/05/2026, 3/5/2026, 03/05/26 or 2026-05-03 (day first: UK dates)
    start   24-hour time: 08:00, 8:00, 0800; add BST or GMT for a time the autumn clock change repeats
    end     as start; an end at or before the start is the next day (22:00 to 08:00 is a night)
    kind    optional: work (default), sleep_in, waking_night, training, holiday, sick
    notes   optional
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime

from app.core.dates import parse_uk_date as parse_uk_date
from app.core.problems import Problem
from app.timesheets.clock import TimeProblem, parse_wall_time, shift_instants
from app.timesheets.split import SHIFT_KINDS

REQUIRED = ("pa", "date", "start", "end")
OPTIONAL = ("kind", "notes")
MAX_LINES = 100_000


@dataclass(frozen=True, slots=True)
class ShiftLine:
    line: int
    pa_name: str
    day: date
    starts_at: datetime
    ends_at: datetime
    kind: str
    notes: str


MAX_LINE_CHARACTERS = 10_000  # a shift's line is a few dozen characters; a longer one is not a shift


def parse_shifts_csv(text: str) -> tuple[list[ShiftLine], list[Problem]]:
    """Every good line, and a Problem for every bad one. The caller saves nothing if there is any problem.

    Each shift is one line of the file, read on its own: a quote mark left open, or a line far too long,
    is reported on its line, and every other line is still read and checked, so every bad line is listed."""
    problems: list[Problem] = []
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark from spreadsheet software
    # Lines may end in CRLF (Windows), LF, or CR alone (old Mac spreadsheets).
    physical = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    rows: list[tuple[int, list[str]]] = []
    for number, line in enumerate(physical, start=1):
        if not line.strip():
            continue
        if len(line) > MAX_LINE_CHARACTERS:
            problems.append(Problem(f"this line is {len(line):,} characters long, far longer than a shift; check it "
                                    "is the right file", line=number))
            continue
        if number > MAX_LINES + 1:  # the header, then at most MAX_LINES shifts
            problems.append(Problem(f"the file has more than {MAX_LINES:,} shifts; split it into smaller files",
                                    line=number))
            break
        try:
            rows.append((number, next(csv.reader([line], strict=True))))
        except csv.Error:
            problems.append(Problem("a quote mark opens on this line and is not closed; put a closing \" after the "
                                    "note (each shift must be on one line)", line=number))
    return _read(rows, problems)


def _read(rows: list[tuple[int, list[str]]], problems: list[Problem]) -> tuple[list[ShiftLine], list[Problem]]:
    if not rows or rows[0][0] != 1:
        if not rows and not problems:
            return [], [Problem("the file is empty; the first line must name the columns: pa,date,start,end", line=1)]
        if not any(p.line == 1 for p in problems):
            return [], [*problems, Problem("the first line must name the columns: pa,date,start,end", line=1)]
        return [], problems
    header = [name.strip().lower() for name in rows[0][1]]
    columns = {name: index for index, name in enumerate(header) if name}
    missing = [c for c in REQUIRED if c not in columns]
    unknown = [c for c in columns if c not in REQUIRED + OPTIONAL]
    if missing or unknown:
        said = []
        if missing:
            said.append(f"missing column(s) {', '.join(missing)}")
        if unknown:
            said.append(f"unknown column(s) {', '.join(unknown)}")
        return [], [Problem(f"{'; '.join(said)}. The columns are pa, date, start, end, and optionally kind and notes",
                            line=1)]
    lines: list[ShiftLine] = []
    for number, row in rows[1:]:
        if len(row) > len(header):
            problems.append(Problem("this line has more values than there are columns (a comma inside a note "
                                    "needs the note in double quotes)", line=number))
            continue
        values = {key: (row[index] if index < len(row) else "").strip() for key, index in columns.items()}
        if not any(values.values()):
            continue
        parsed = _line(number, values, problems)
        if parsed is not None:
            lines.append(parsed)
    if not lines and not problems:
        problems.append(Problem("there are no shifts in the file", line=2))
    return lines, sorted(problems, key=lambda p: p.line or 0)


def _line(number: int, values: dict[str, str], problems: list[Problem]) -> ShiftLine | None:
    before = len(problems)
    if not values["pa"]:
        problems.append(Problem("the PA's name is empty", field="pa", line=number))
    kind = (values.get("kind") or "work").lower().replace(" ", "_").replace("-", "_")
    if kind not in SHIFT_KINDS:
        problems.append(Problem(f"\"{values.get('kind')}\" is not a kind of shift; use {', '.join(SHIFT_KINDS)}",
                                field="kind", line=number))
    day = None
    try:
        day = parse_uk_date(values["date"])
    except ValueError as exc:
        problems.append(Problem(str(exc), field="date", line=number))
    start = end = None
    for name in ("start", "end"):
        try:
            parsed = parse_wall_time(values[name])
            if name == "start":
                start = parsed
            else:
                end = parsed
        except TimeProblem as exc:
            problems.append(Problem(str(exc), field=name, line=number))
    if day is None or start is None or end is None or len(problems) > before:
        return None
    try:
        starts_at, ends_at = shift_instants(day, start, end)
    except TimeProblem as exc:
        problems.append(Problem(str(exc), field="start/end", line=number))
        return None
    return ShiftLine(number, values["pa"], day, starts_at, ends_at, kind, values.get("notes", ""))

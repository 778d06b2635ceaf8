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
import io
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


def parse_shifts_csv(text: str) -> tuple[list[ShiftLine], list[Problem]]:
    """Every good line, and a Problem for every bad one. The caller saves nothing if there is any problem."""
    problems: list[Problem] = []
    if text.startswith("\ufeff"):
        text = text[1:]  # a byte-order mark from spreadsheet software
    # Universal newlines: lines may end in CRLF (Windows), LF, or CR alone (old Mac spreadsheets).
    reader = csv.DictReader(io.StringIO(text, newline=None), strict=True)
    try:
        return _read(reader, problems)
    except csv.Error as exc:
        # strict: a quote opened and never closed would otherwise swallow the rest of the file silently
        return [], [Problem(f"the file is not valid CSV here ({exc}); check for a quote mark that is not closed",
                            line=reader.line_num)]


def _read(reader: csv.DictReader[str], problems: list[Problem]) -> tuple[list[ShiftLine], list[Problem]]:
    if reader.fieldnames is None:
        return [], [Problem("the file is empty; the first line must name the columns: pa,date,start,end", line=1)]
    columns = {name.strip().lower(): name for name in reader.fieldnames if name}
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
    for row in reader:
        number = reader.line_num
        if number > MAX_LINES + 1:  # the header, then at most MAX_LINES shifts
            problems.append(Problem(f"the file has more than {MAX_LINES:,} shifts; split it into smaller files", line=number))
            break
        if None in row:
            problems.append(Problem("this line has more values than there are columns (a comma inside a note "
                                    "needs the note in double quotes)", line=number))
            continue
        values = {key: (row.get(columns[key]) or "").strip() for key in columns}
        if not any(values.values()):
            continue
        parsed = _line(number, values, problems)
        if parsed is not None:
            lines.append(parsed)
    if not lines and not problems:
        problems.append(Problem("there are no shifts in the file", line=2))
    return lines, problems


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

"""Import shifts from a CSV file, all or nothing: any bad line and nothing is saved; every bad line is
listed with its number, its column and what to do (docs/shifts-csv.md)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import insert, select

from app.core.problems import Problem
from app.models import PersonalAssistant, Shift
from app.services.add_shift import utc
from app.services.inputs import read_text_file
from app.services.operations import Change, Context, Operation, Refused
from app.services.shift_records import boundaries, pa_facts, shifts_of, timed
from app.timesheets.csv_import import ShiftLine, parse_shifts_csv
from app.timesheets.shift_rules import NewShift, shift_problems
from app.timesheets.states import ShiftSource, ShiftStatus

MAX_IMPORT_BYTES = 20 * 1024 * 1024


class ImportRefused(Refused):
    """An import with bad lines: nothing was saved; `problems` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems, f"Nothing was imported: {len(problems)} line(s) need fixing.")


@dataclass(frozen=True, slots=True)
class ImportResult:
    shifts_added: int
    pas: tuple[str, ...]


def _key(name: str) -> str:
    return " ".join(name.lower().split())


def _checked(ctx: Context, text: str) -> tuple[dict[int, list[ShiftLine]], list[Problem]]:
    lines, problems = parse_shifts_csv(text)
    by_name = {_key(pa.full_name): pa for pa in ctx.session.scalars(select(PersonalAssistant))}
    by_pa: dict[int, list[ShiftLine]] = defaultdict(list)
    for line in lines:
        pa = by_name.get(_key(line.pa_name))
        if pa is None:
            problems.append(Problem(f"there is no PA called \"{line.pa_name}\" in this file; check the spelling on the "
                                    "PAs screen", "pa", line.line))
        else:
            by_pa[pa.id].append(line)
    bounds = boundaries(ctx.session)
    for pa_id, items in by_pa.items():
        pa = ctx.session.get(PersonalAssistant, pa_id)
        assert pa is not None
        first, last = min(i.starts_at for i in items), max(i.ends_at for i in items)
        found = shift_problems([NewShift(i.starts_at, i.ends_at, i.kind, label=f"line {i.line}") for i in items],
                               pa_facts(ctx.session, pa), timed(shifts_of(ctx.session, pa.id, first, last)), bounds)
        for line, line_problems in zip(items, found, strict=True):
            problems += [Problem(p.message, p.field, line.line) for p in line_problems]
    return by_pa, sorted(problems, key=lambda p: (p.line or 0, p.field or ""))


class ImportShifts(Operation[str, ImportResult]):
    """The input is the CSV text."""

    action = "shifts_imported"
    changes = frozenset({Change.SHIFTS})

    def check(self, ctx: Context, given: str) -> list[Problem]:
        # Kept for apply, which runs next in the same transaction (so the file cannot have changed between).
        self._by_pa, problems = _checked(ctx, given)
        return problems

    def apply(self, ctx: Context, given: str) -> ImportResult:
        by_pa = self._by_pa
        rows = [{"pa_id": pa_id, "starts_at": utc(line.starts_at), "ends_at": utc(line.ends_at), "kind": line.kind,
                 "status": ShiftStatus.WORKED, "source": ShiftSource.IMPORT, "notes": line.notes, "cover_name": ""}
                for pa_id, items in by_pa.items() for line in items]
        if rows:  # one statement for every row: a 100,000-line file is written in seconds, not minutes
            ctx.session.execute(insert(Shift), rows)
        count = len(rows)
        names = tuple(sorted(pa.full_name for pa_id in by_pa if (pa := ctx.session.get(PersonalAssistant, pa_id))))
        ctx.note(shifts=count, pa_ids=sorted(by_pa))
        return ImportResult(count, names)


def read_shifts_file(path: Path) -> str:
    """A CSV file's text; a file that is not CSV text says so plainly."""
    return read_text_file(path, "The shifts file", MAX_IMPORT_BYTES, "In your spreadsheet, use Save As and choose "
                          "\"CSV UTF-8\".")
